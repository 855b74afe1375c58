"""Every internal link and #anchor in the built HTML points at something that exists."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from html_scan import html_pages, scan_html


def _target_file(site: Path, page: Path, path: str) -> Path:
    base = PurePosixPath("/" + page.relative_to(site).as_posix()).parent
    resolved = PurePosixPath(path) if path.startswith("/") else base / path
    parts: list[str] = []
    for part in resolved.parts[1:]:
        if part == "..":
            assert parts, f"{page}: {path} leaves the site"
            parts.pop()
        elif part != ".":
            parts.append(part)
    target = site.joinpath(*parts)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def test_internal_links_and_anchors_resolve(built_site: Path) -> None:
    scans = {page: scan_html(page) for page in html_pages(built_site)}
    assert len(scans) >= 9
    broken: list[str] = []
    checked = 0
    for page, scan in scans.items():
        for href in scan.links + [url for _, _, url in scan.fetched]:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue  # other hosts are the subject of test_self_contained
            target = page if not parts.path else _target_file(built_site, page, unquote(parts.path))
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {href} (no file {target})")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = scans[target].ids if target in scans else scan_html(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(built_site)}: {href} (no id {fragment!r})")
    assert checked > 100
    assert broken == []


@pytest.mark.parametrize(
    ("page", "anchor"),
    [
        pytest.param("index.html", "exit/#exit-date", id="首页→退出日"),
        pytest.param("index.html", "exit/#notice", id="首页→最晚申请"),
        pytest.param("index.html", "exit/#reentry", id="首页→重新加入"),
        pytest.param("index.html", "removal/", id="首页→清退"),
        pytest.param("index.html", "cancel/", id="首页→取消合作"),
    ],
)
def test_home_routes_each_question(built_site: Path, page: str, anchor: str) -> None:
    assert anchor in scan_html(built_site / page).links
