"""Read the built site's HTML with the standard library: links, ids, fetched URLs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Attributes whose URL the browser fetches by itself, per tag (None: any tag).
FETCHED = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("track", "src"),
    ("input", "src"),
    ("link", "href"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("feimage", "href"),
}


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>: followed only when clicked
    fetched: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attr, url)
    styles: list[str] = field(default_factory=list)  # <style> blocks and style="" values


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.scan.ids.add(value)
            if name == "style":
                self.scan.styles.append(value)
            if tag == "a" and name == "href":
                self.scan.links.append(value)
            if (tag, name) in FETCHED:
                if name == "srcset":
                    for candidate in value.split(","):
                        url = candidate.strip().split(" ")[0]
                        if url:
                            self.scan.fetched.append((tag, name, url))
                else:
                    self.scan.fetched.append((tag, name, value))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.scan.styles.append(data)


def scan_html(path: Path) -> PageScan:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.scan


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def site_pages(site: Path) -> Iterator[Path]:
    """The site's documents: every page but the web server's own error pages (errors/)."""
    yield from (page for page in html_pages(site) if page.relative_to(site).parts[0] != "errors")
