"""The Python-Markdown extension: the placeholders filled in before the page is parsed."""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from calcdocs import examples, forms


class _Fill(Preprocessor):
    def __init__(self, md: Markdown, last_checked: str) -> None:
        super().__init__(md)
        self.last_checked = last_checked

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "{{" not in text:
            return lines
        return examples.fill(forms.fill(text), self.last_checked).split("\n")


class CalcExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"last_checked": ["", "the date the rules were last checked, YYYY-MM-DD"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # first of all, so that what the placeholders become is read like the page's own text
        md.preprocessors.register(_Fill(md, str(self.getConfig("last_checked"))), "calcdocs", 1000)


def makeExtension(**kwargs: Any) -> CalcExtension:
    return CalcExtension(**kwargs)
