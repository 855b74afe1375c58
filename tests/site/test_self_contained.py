"""A crawl of the built site finds no URL that a browser would fetch from another host.

What counts as fetched:
- HTML: ``src``/``srcset``/``poster``/``data`` of media, scripts and frames, ``href`` of every
  ``<link>`` (stylesheets, icons, preloads — canonical links too, to stay simple) and of SVG
  ``<use>``/``<image>``; ``url(...)`` and ``@import`` in ``<style>`` and ``style=""``.
  ``<a href>`` is not fetched (only followed when clicked) and is not checked here.
- CSS files: ``url(...)`` and ``@import``.
- JavaScript: only the files a page can run (its ``<script src>``, the search worker, and the
  lunr language files the search configuration asks for). Material's bundle does contain
  absolute URLs; each is allowed below only together with a check that its condition is off
  on this site. Any other absolute URL in a loaded script fails the test. The browser test
  (test_browser.py) then confirms that no request leaves 127.0.0.1. Comments (licence
  headers naming their projects' home pages) are removed before the scan.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from browser_support import runtime_path
from html_scan import html_pages, scan_html

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
JS_URL = re.compile(r"""https?://[^\s"'`<>)\\]+""")
JS_COMMENT = re.compile(r"/\*.*?\*/", re.S)  # licence headers: /*! clipboard.js ... */


def _external(url: str) -> bool:
    """A URL naming a host (scheme-relative "//host/x" included) other than 127.0.0.1."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "blob", "about"):
        return False
    return bool(parts.netloc or parts.scheme) and parts.hostname != "127.0.0.1"


def _css_urls(text: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(text)]


def _no_element(site: Path, needle: str) -> bool:
    return all(needle not in page.read_text(encoding="utf-8") for page in html_pages(site))


# Absolute URLs in Material's scripts: (prefix, why it is never fetched here, check)
def _only_after(site: Path, guard: str, url: str) -> bool:
    """True if every occurrence of ``url`` in the site's scripts follows the code ``guard``."""
    seen = 0
    for script in site.joinpath("assets", "javascripts").rglob("*.js"):
        code = script.read_text(encoding="utf-8")
        total = code.count(url)
        guarded = len(re.findall(guard + re.escape(url), code))
        if guarded != total:
            return False
        seen += total
    return seen > 0


KNOWN_JS_URLS = [
    (
        "https://unpkg.com/resize-observer-polyfill",
        "loaded only where the browser lacks ResizeObserver (every current browser has it)",
        lambda site: _only_after(
            site, r'typeof ResizeObserver=="undefined"\?\w+\("', "https://unpkg.com/resize-observer"
        ),
    ),
    (
        "https://unpkg.com/mermaid@",
        "loaded only when a page has a Mermaid diagram",
        lambda site: _no_element(site, 'class="mermaid"'),
    ),
    (
        "https://api.github.com/",
        "repository facts, only with repo_url",
        lambda site: _no_element(site, "md-source"),
    ),
    ("https://${", "GitLab API, only with repo_url", lambda site: _no_element(site, "md-source")),
    (
        "https://bit.ly/",
        "text of a console warning",
        lambda site: _only_after(site, r"console\.warn\(`[^`]*", "https://bit.ly/"),
    ),
]


def test_html_fetches_nothing_from_other_hosts(built_site: Path) -> None:
    found = []
    for page in html_pages(built_site):
        scan = scan_html(page)
        urls = [url for _, _, url in scan.fetched]
        urls += [url for style in scan.styles for url in _css_urls(style)]
        found += [f"{page.relative_to(built_site)}: {url}" for url in urls if _external(url)]
    assert found == []


def test_css_fetches_nothing_from_other_hosts(built_site: Path) -> None:
    css_files = sorted(built_site.rglob("*.css"))
    assert css_files
    found = [
        f"{css.relative_to(built_site)}: {url}"
        for css in css_files
        for url in _css_urls(css.read_text(encoding="utf-8"))
        if _external(url)
    ]
    assert found == []


def _local_file(site: Path, page: Path, url: str) -> Path:
    path = urlsplit(url).path
    return (site / path.lstrip("/") if path.startswith("/") else page.parent / path).resolve()


def _loaded_scripts(site: Path) -> set[Path]:
    scripts: set[Path] = set()
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        for tag, _attr, url in scan_html(page).fetched:
            if tag == "script" and not _external(url):
                scripts.add(_local_file(site, page, url))
        # the search worker is named in the page's JSON configuration
        for worker in re.findall(r'"search":\s*"([^"]+\.js)"', html):
            scripts.add(_local_file(site, page, worker))
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    for lang in config["lang"]:
        if lang != "en":  # what the worker's setupSearchLanguages() imports
            scripts.add(site / "assets/javascripts/lunr/min/lunr.stemmer.support.min.js")
            scripts.add(site / f"assets/javascripts/lunr/min/lunr.{lang}.min.js")
    return scripts


def test_scripts_fetch_nothing_from_other_hosts(built_site: Path) -> None:
    scripts = _loaded_scripts(built_site)
    names = {s.name for s in scripts}
    assert any(n.startswith("bundle.") for n in names) and any(n.startswith("search.") for n in names)
    unexplained = []
    for script in sorted(scripts):
        assert script.exists(), script
        code = JS_COMMENT.sub("", script.read_text(encoding="utf-8"))
        for url in JS_URL.findall(code):
            if url.startswith("http://www.w3.org/"):
                continue  # XML namespace names, never fetched
            known = [k for k in KNOWN_JS_URLS if url.startswith(k[0])]
            if not known:
                unexplained.append(f"{script.name}: {url}")
            for _prefix, why, condition_off in known:
                assert condition_off(built_site), f"{url} may be fetched: {why}"
    assert unexplained == []


def test_no_web_fonts_or_analytics(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert "googletagmanager" not in html and "__md_analytics" not in html


PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/"


def test_runtime_scripts_name_no_other_host_but_pyodides_unused_default(built_site: Path) -> None:
    """The runtime's scripts name one outside address: Pyodide's default CDN, for a loadPyodide()
    without indexURL. The worker always passes indexURL (checked here); tests/page/test_runtime.py
    starts the calculator and proves that no request then leaves 127.0.0.1."""
    runtime = built_site / "runtime"
    found = {}
    for script in sorted([*runtime.rglob("*.mjs"), *runtime.rglob("*.js")]):
        urls = [
            url
            for url in JS_URL.findall(JS_COMMENT.sub("", script.read_text(encoding="utf-8")))
            if not url.startswith("http://www.w3.org/")
        ]
        if urls:
            found[script.name] = sorted(set(urls))
    # pyodide.asm.mjs builds "https://${host}" only for Python sockets, which the calculator never opens
    assert found.keys() <= {"pyodide.mjs", "pyodide.asm.mjs"}
    assert all(url.startswith(PYODIDE_CDN) for url in found.get("pyodide.mjs", []))
    assert found.get("pyodide.asm.mjs", []) in ([], ["https://${t}"])
    worker = (built_site / runtime_path(built_site, "worker.mjs")).read_text(encoding="utf-8")
    assert "indexURL: here(config.indexURL)" in worker
