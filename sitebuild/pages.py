"""Every built page, once: its own scripts and styles versioned, the calculator's worker named and
started early, and the Content-Security-Policy that allows exactly the page's inline scripts.

- ``?v=<hash>`` (sitebuild/versions.py) on the URLs of the site's own scripts and styles;
- the calculator page's root element gets ``data-worker`` (the hashed worker, relative to the
  page) and ``data-script`` (the version of calculator.js it belongs to: calculator.js, arriving
  on it by instant navigation from a page of another build, then loads the page whole);
- the calculator page starts its worker from ``<head>`` (early_start.js, inline after the
  viewport <meta>), so Python downloads while the page's own styles and scripts load;
- the policy <meta> first in ``<head>`` (sitebuild/csp.py), last of the edits: it hashes the
  inline scripts the page ends up with, the early start included.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from sitebuild import csp
from sitebuild.html import Page, with_attribute_value, with_attributes_after
from sitebuild.project import BuildError

# Its text is the same on every build (the worker's hashed URL is an attribute), so its CSP hash
# in deploy/nginx.conf stays true (tests/hosting/test_nginx.py checks it).
EARLY_START = (Path(__file__).resolve().parent / "early_start.js").read_text(encoding="utf-8").strip()


def rewrite(site: Path, path: Path, *, versions: dict[str, str], worker: str | None, policy: bool) -> bool:
    """Rewrite one page in place; whether it changed."""
    before = path.read_text(encoding="utf-8")
    after = rewrite_text(before, path.parent.relative_to(site).as_posix(), versions, worker, policy)
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before


def _relative(target: str, folder: str) -> str:
    return os.path.relpath(target, folder or ".").replace(os.sep, "/")


def rewrite_text(text: str, folder: str, versions: dict[str, str], worker: str | None, policy: bool) -> str:
    """``text``, a page in ``folder`` (relative to the site's root), as it is served."""
    page = Page(text)
    for tag in page.tags:
        for name in ("src", "href"):
            value = tag.attrs.get(name)
            if value is None or "://" in value:
                continue
            for path, with_version in versions.items():
                # src="../assets/calculator/calculator.js" → …calculator.js?v=…, whatever the depth
                if value.endswith(path) and (value == path or value[: -len(path)].endswith("/")):
                    page.replace_tag(tag, with_attribute_value(tag, name, value + with_version[len(path) :]))
    roots = page.find("div", data_calculator=None)
    if roots:
        if worker is None:
            raise BuildError("计算器页面要有 Python 运行环境（runtime），这次构建没有写出它")
        url = _relative(worker, folder)
        script = versions.get("assets/calculator/calculator.js", "")
        added = f' data-worker="{html.escape(url)}"' + (f' data-script="{html.escape(script)}"' if script else "")
        page.replace_tag(roots[0], with_attributes_after(roots[0], "data-calculator", added))
        viewport = page.find("meta", name="viewport")
        if not viewport:
            raise BuildError("计算器页面没有 viewport <meta>，找不到提前启动 worker 的位置")
        early = f'<script data-worker="{html.escape(url)}">{EARLY_START}</script>'
        page.insert_after(viewport[0], "\n      " + early)
    text = page.result()
    if not policy:
        return text
    page = Page(text)
    head = page.find("head")
    if not head:
        return text
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp.policy_for(text)}">'
    page.insert_after(head[0], "\n    " + meta)
    return page.result()
