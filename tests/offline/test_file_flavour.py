"""The file:// flavour (mkdocs.offline.yml): a folder opened from disk, no web server."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import ROOT, GuardedPage, mkdocs_build, open_guarded_page


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("site-offline")
    result = mkdocs_build(dest, config_file=ROOT / "mkdocs.offline.yml")
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture
def file_page(browser: Any) -> Iterator[GuardedPage]:
    context, guard = open_guarded_page(browser)
    try:
        yield guard
    finally:
        context.close()


def test_nothing_points_to_another_host(offline_site: Path) -> None:
    for html in offline_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "cdn.jsdelivr" not in text, html
    assert (offline_site / "assets/javascripts/iframe-worker-shim.js").is_file()
    assert (offline_site / "search/search_index.js").is_file()
    assert (offline_site / "serve.py").is_file()
    assert not (offline_site / "sw.js").exists()


def test_docs_and_links_work_from_file(file_page: GuardedPage, offline_site: Path) -> None:
    page = file_page.page
    page.goto((offline_site / "index.html").as_uri())
    assert "首页" in page.title()
    page.get_by_role("link", name="强制清退").first.click()
    page.wait_for_url("**/removal.html")
    assert "强制清退" in page.locator("article h1").first.inner_text()
    file_page.assert_clean()


@pytest.mark.parametrize(("term", "expected"), [("淘管家", "cancel.html"), ("自缴保证金", "removal.html")])
def test_search_works_from_file(file_page: GuardedPage, offline_site: Path, term: str, expected: str) -> None:
    page = file_page.page
    page.goto((offline_site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(term)
    box.press("End")  # Material's search listens for keyup
    page.wait_for_selector("li.md-search-result__item", timeout=15_000)
    links = page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    assert any(urlsplit(link).path.endswith(expected) for link in links), links
    file_page.assert_clean()


def test_calculator_says_it_needs_the_serve_command(file_page: GuardedPage, offline_site: Path) -> None:
    page = file_page.page
    page.goto((offline_site / "calculator" / "index.html").as_uri())
    page.wait_for_selector("[data-calculator][data-state='error']", timeout=10_000)
    text = page.locator("[data-load-error]").inner_text()
    assert "python3 serve.py" in text and "127.0.0.1:8000/calculator/" in text
    assert not any("/runtime/" in url for url in file_page.requests)
    file_page.assert_clean()


def test_serve_py_in_the_folder_runs_the_calculator(browser: Any, offline_site: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "serve.py", "--port", "0"], cwd=offline_site, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = line[line.index("http://") :].split()[0]
        context, guard = open_guarded_page(browser)
        try:
            guard.page.goto(url + "calculator/index.html?tool=exit&applied=2026-05-15#exit")
            guard.page.wait_for_selector(
                "form[data-tool='exit'] [data-field='exit_date'] time[datetime='2026-05-30']", timeout=60_000
            )
            guard.assert_clean()
        finally:
            context.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


LINK = re.compile(r'\s(?:href|src)="([^"]*)"')


def test_every_link_of_the_folder_leads_to_a_file(offline_site: Path) -> None:
    """Opened from disk, every page's links, styles, scripts and pictures resolve (404.html too)."""
    missing = []
    checked = 0
    for html in offline_site.rglob("*.html"):
        for target in LINK.findall(html.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme or target.startswith(("#", "//")) or not parts.path:
                continue  # another site (printed as text), a data: picture, a place in the page
            if parts.path.startswith("/"):
                missing.append(f"{html.relative_to(offline_site)}: {target} (from the disk's root)")
                continue
            resolved = (html.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/"):
                resolved = resolved / "index.html"
            checked += 1
            if not resolved.is_file():
                missing.append(f"{html.relative_to(offline_site)}: {target}")
    assert checked > 500
    assert missing == []


def test_the_404_page_opened_from_disk_is_styled(file_page: GuardedPage, offline_site: Path) -> None:
    page = file_page.page
    page.goto((offline_site / "404.html").as_uri())
    assert page.locator(".md-header").evaluate("(el) => getComputedStyle(el).position") == "sticky"
    page.get_by_role("link", name="期限怎么算").first.click()
    page.wait_for_url("**/deadlines.html")
    assert "期限怎么算" in page.locator("article h1").first.inner_text()
