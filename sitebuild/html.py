"""Changing built pages with an HTML parser: find the tags, splice the change, keep every other byte.

The standard library's parser finds each start tag (its attributes as the browser reads them,
and where its text lies) and the text of each inline script; an edit replaces or inserts text
at those places, so the rest of the page stays byte for byte as MkDocs wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass(frozen=True)
class Tag:
    name: str
    attrs: dict[str, str | None]
    start: int  # offset of "<" in the page
    end: int  # offset just after ">"
    text: str  # the start tag as written


@dataclass(frozen=True)
class Script:
    attrs: dict[str, str | None]
    body: str  # the inline script's text, exactly as written


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.scripts: list[Script] = []
        self._lines = [0]
        for index, char in enumerate(page):
            if char == "\n":
                self._lines.append(index + 1)
        self._page = page
        self._open_script: Tag | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        start = self._offset()
        found = Tag(tag, dict(attrs), start, start + len(text), text)
        self.tags.append(found)
        if tag == "script":
            self._open_script = found

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        start = self._offset()
        self.tags.append(Tag(tag, dict(attrs), start, start + len(text), text))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open_script is not None:
            opened = self._open_script
            self.scripts.append(Script(opened.attrs, self._page[opened.end : self._offset()]))
            self._open_script = None


@dataclass
class Page:
    """A built page and the edits to make to it, applied together by ``result()``."""

    text: str
    tags: list[Tag] = field(init=False)
    scripts: list[Script] = field(init=False)
    _edits: list[tuple[int, int, str]] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        reader = _Reader(self.text)
        reader.feed(self.text)
        reader.close()
        self.tags, self.scripts = reader.tags, reader.scripts

    def find(self, element: str, /, **attrs: str | None) -> list[Tag]:
        """The start tags ``<element>`` whose attributes have these values (None: present at all)."""
        wanted = {key.replace("_", "-"): value for key, value in attrs.items()}
        return [
            tag
            for tag in self.tags
            if tag.name == element
            and all(key in tag.attrs and (value is None or tag.attrs[key] == value) for key, value in wanted.items())
        ]

    def replace_tag(self, tag: Tag, text: str) -> None:
        self._edits.append((tag.start, tag.end, text))

    def insert_after(self, tag: Tag, text: str) -> None:
        self._edits.append((tag.end, tag.end, text))

    def result(self) -> str:
        text = self.text
        for start, end, new in sorted(self._edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def with_attribute_value(tag: Tag, name: str, value: str) -> str:
    """The start tag's text with attribute ``name`` (written name="…") set to ``value``."""
    old = f'{name}="{tag.attrs[name]}"'
    if tag.text.count(old) != 1:
        raise ValueError(f"{tag.text}: {name} is not written once as {old}")
    return tag.text.replace(old, f'{name}="{value}"')


def with_attributes_after(tag: Tag, name: str, added: str) -> str:
    """The start tag's text with ``added`` (' a="b" c="d"') right after the attribute ``name``."""
    for ending in (" ", ">", "/"):
        marker = f" {name}{ending}"
        if tag.text.count(marker) == 1:
            at = tag.text.index(marker) + 1 + len(name)
            return tag.text[:at] + added + tag.text[at:]
    raise ValueError(f"{tag.text}: no attribute {name} without a value")
