"""What a printed page says: Chromium's own PDF of it, read back as text with poppler's pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from browser_support import open_guarded_page
from calc_page import share_url, wait_answer

from calculator.contract import COMMANDS

# The answer cards, each with its first words and its last: the removal risk is the longest.
CARDS = {
    "reentry": ({"exit_date": "2026-11-30", "on": "2026-12-01"}, "最早可重新加入", "下一步"),
    "risk": (
        {"on": "2026-10-05", "deposit": "4500", "below_since": "2026-09-30", "complaints": "2"},
        "总体",
        "补交期",
    ),
}


def printed(page: Any, tmp_path: Path) -> list[str]:
    """The page printed as a person would (the browser's print, A4 from the page's @page), one text a sheet."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext not found (apt-get install poppler-utils)")
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")  # what the print dialog fires
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:.*\(A4\)", info), info
    count = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    sheets = []
    for number in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        sheets.append(re.sub(r"[ \t]+", " ", text))
    return sheets


@pytest.mark.parametrize("tool", list(CARDS))
def test_the_calculator_prints_the_answered_tool_whole_with_notice_and_link(
    browser: Any, site_url: str, tmp_path: Path, tool: str
) -> None:
    fields, first, last = CARDS[tool]
    context, guard = open_guarded_page(browser)
    page = guard.page
    try:
        page.goto(share_url(site_url, tool, fields))
        wait_answer(page, tool)
        link = page.evaluate("() => location.href")
        sheets = printed(page, tmp_path)
        text = "".join(sheets)
        flat = re.sub(r"\s+", "", text)
        assert "非官方整理" in text and "规则最后核对：2026年11月27日" in flat
        # the share link of this answer, whole (it may wrap), and no other address
        assert re.sub(r"\s+", "", link) in flat
        assert f"tool={tool}" in link and all(f"{name}={value}" in link for name, value in fields.items())
        assert "http" not in flat.replace(re.sub(r"\s+", "", link), "")
        # only the answered tool: its title and card, not the other forms, buttons or inputs
        assert COMMANDS[tool].title in text
        for name in set(COMMANDS) - {tool}:
            assert COMMANDS[name].title not in text, name
        for words in ("复制分享链接", "加入日历", "清空", "正在下载", "计算器已就绪"):
            assert words not in text, words
        # the card on one sheet: its first words and its last
        (sheet,) = [s for s in sheets if first in s]
        assert last in sheet.split(first, 1)[1]
    finally:
        context.close()


def test_a_docs_page_prints_the_notice_and_no_internal_addresses(browser: Any, site_url: str, tmp_path: Path) -> None:
    context, guard = open_guarded_page(browser, color_scheme="dark")
    page = guard.page
    try:
        page.goto(f"{site_url}deadlines/")
        sheets = printed(page, tmp_path)
        flat = re.sub(r"\s+", "", "".join(sheets))
        assert "非官方整理" in flat and "规则最后核对：2026年11月27日" in flat
        assert f"本页地址：{site_url}deadlines/" in flat
        # links to the site's own pages stay words; only the page address is written out
        assert flat.count("http") == 1
        assert "期限怎么算" in flat and "民法典" in flat
    finally:
        context.close()
