"""What a pasted link shows: each page's own description, and the site's picture (Open Graph)."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key and values.get("content") is not None:
            self.meta[key] = values["content"] or ""


def head_of(path: Path) -> dict[str, str]:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.meta


def doc_pages(site: Path) -> list[Path]:
    skip = {"404.html"}
    return [p for p in sorted(site.rglob("index.html")) if "runtime" not in p.parts and p.name not in skip]


def test_every_page_has_its_own_description_and_card(built_site: Path) -> None:
    pages = doc_pages(built_site)
    assert len(pages) >= 14
    descriptions = {}
    for page in pages:
        meta = head_of(page)
        assert meta["description"] == meta["og:description"], page
        assert 20 <= len(meta["description"]) <= 120, page  # a card shows about two lines
        assert meta["og:title"] and meta["og:site_name"] == "1688 供应商退出与取消合作指南", page
        assert meta["og:url"].endswith("/"), page
        descriptions[page] = meta["description"]
    assert len(set(descriptions.values())) == len(pages), "two pages share a description"


def test_the_picture_is_the_sites_own(built_site: Path, site_url: str) -> None:
    meta = head_of(built_site / "index.html")
    url = urlsplit(meta["og:image"])
    assert meta["og:image"].startswith(site_url)  # absolute, on this site: no other host
    image = Image.open(io.BytesIO((built_site / url.path.lstrip("/")).read_bytes()))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    # drawn, not blank: the site's colour and white letters on it
    colours = image.convert("RGB").getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 50
