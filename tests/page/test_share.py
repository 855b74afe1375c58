"""Sharing an answer as people here do: the link, its QR code, a picture, the share sheet, paper.

The QR codes are read back with zxing-cpp from what the browser drew (a screenshot of the
dialog's code, the saved PNG), so what is checked is what a phone's camera would read.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from calc_page import cli_text, form, read_card, read_result, share_url, wait_answer
from PIL import Image

# on a day in the past, so that the link keeps it and the CLI answers the same day
RISK = {"on": "2026-10-05", "deposit": "4500", "below_since": "2026-09-30", "complaints": "2"}
REENTRY = {"exit_date": "2026-11-30", "on": "2026-12-02"}


def decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def answered(page: Any, site_url: str, tool: str, fields: dict[str, str]) -> str:
    """Open a share link, wait for its answer; the share link the page made of it."""
    page.goto(share_url(site_url, tool, fields))
    wait_answer(page, tool)
    link = form(page, tool).locator("[data-share]").get_attribute("data-url")
    assert link
    return link


def test_the_share_row_sits_under_the_answer(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    answered(page, site_url, "risk", RISK)
    result = form(page, "risk").locator("[data-result]")
    row = result.locator(".calc-share")
    assert row.get_by_role("button").all_inner_texts() == ["复制链接", "二维码", "保存图片", "打印"]
    card_box, row_box = result.locator(".calc-card").bounding_box(), row.bounding_box()
    assert card_box and row_box and row_box["y"] >= card_box["y"] + card_box["height"]
    # no answer, no row
    form(page, "risk").get_by_role("button", name="清空").click()
    row.wait_for(state="detached")


def test_the_link_carries_the_values_in_its_fragment(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    link = answered(page, site_url, "risk", RISK)
    parts = urlsplit(link)
    assert parts.query == ""  # nothing the reader typed is sent to a server when it is opened
    # the contract's names, only what was entered (the threshold and counts of 0 are the form's own)
    assert parse_qs(parts.fragment) == {"tool": ["risk"], **{name: [value] for name, value in RISK.items()}}
    assert page.url == link


def test_a_link_of_before_opens_and_moves_to_the_fragment(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    page.goto(f"{site_url}calculator/?tool=exit&applied=2026-05-15#exit")
    wait_answer(page, "exit")
    assert read_result(page, "exit")["fields"]["exit_date"] == "2026-05-30"
    assert page.url == f"{site_url}calculator/#tool=exit&applied=2026-05-15"
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no second load


def test_the_follow_up_link_answers_on_the_same_page(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    answered(page, site_url, "exit", {"applied": "2026-05-15"})
    page.evaluate("window.__samePage = true")
    form(page, "exit").locator("[data-followup='reentry']").click()
    wait_answer(page, "reentry")
    assert read_result(page, "reentry")["fields"]["earliest_rejoin"] == "2026-08-31"
    assert page.evaluate("window.__samePage") is True
    assert "tool=reentry" in page.url and "exit_date=2026-05-30" in page.url


def test_the_qr_code_reads_as_the_share_link(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    link = answered(page, site_url, "risk", RISK)
    form(page, "risk").get_by_role("button", name="二维码").click()
    dialog = page.get_by_role("dialog", name="扫码打开这个结果")
    code = dialog.locator("[data-qr-code] svg")
    code.wait_for()
    box = code.bounding_box()
    assert box and box["width"] >= 220  # big enough to scan from a screen
    assert decode(code.screenshot()) == [link]
    assert dialog.locator("[data-qr-link]").inner_text() == link  # the link in words, under it
    dialog.get_by_role("button", name="关闭").click()
    dialog.wait_for(state="hidden")


def test_the_saved_picture_carries_the_answer_and_its_link(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    link = answered(page, site_url, "risk", RISK)
    form(page, "risk").get_by_role("button", name="保存图片").click()
    dialog = page.get_by_role("dialog", name="保存图片")
    picture = dialog.locator("img.calc-picture")
    picture.wait_for()
    with page.expect_download() as download:
        dialog.get_by_role("link", name="下载图片").click()
    assert download.value.suggested_filename.endswith(".png")
    png = (download.value.path()).read_bytes()
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width == 1080 and image.height > 1000
    assert decode(png) == [link]  # the QR code in the picture opens the answer
    # what was drawn, line by line: the tool, the CLI's lines, when, the notice, the link
    lines = json.loads(picture.get_attribute("data-lines") or "[]")
    assert lines[1] == "会不会被强制清退"
    assert lines[2:-3] == cli_text("risk", RISK) == read_card(page, "risk")
    assert lines[-3].startswith("计算日期：") and lines[-3].endswith("（北京时间）")
    assert lines[-2].startswith("非官方整理：") and "规则最后核对" in lines[-2]
    assert lines[-1] == link
    assert picture.get_attribute("alt") == "\n".join(lines)


def test_share_opens_the_devices_share_sheet_with_the_answer(browser: Any, site_url: str) -> None:
    from browser_support import open_guarded_page

    context, guard = open_guarded_page(browser)
    try:
        # a browser with the Web Share API (phones): what it was asked to share is recorded
        context.add_init_script("navigator.share = async (data) => { window.__shared = data; };")
        page = guard.page
        link = answered(page, site_url, "reentry", REENTRY)
        form(page, "reentry").get_by_role("button", name="分享").click()
        page.wait_for_function("() => window.__shared !== undefined")
        shared = page.evaluate("window.__shared")
        lines = cli_text("reentry", REENTRY)
        assert shared == {"title": page.title().split(" · ")[0], "text": lines[0], "url": link}
        assert shared["title"] == "最早可重新加入 2027年3月1日"
        guard.assert_clean()
    finally:
        context.close()


def test_without_web_share_there_is_no_share_button(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    page.add_init_script("delete Navigator.prototype.share;")
    answered(page, site_url, "reentry", REENTRY)
    assert form(page, "reentry").get_by_role("button", name="分享").count() == 0
    assert form(page, "reentry").get_by_role("button", name="二维码").count() == 1


def test_print_prints_this_answer(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    page.add_init_script("window.print = () => { window.__printed = (window.__printed ?? 0) + 1; };")
    answered(page, site_url, "exit", {"applied": "2026-05-15"})
    form(page, "exit").locator("[data-followup='reentry']").click()
    wait_answer(page, "reentry")  # two answers on the page now
    on_paper = """() => [...document.querySelectorAll('.calc-tool')]
        .filter((section) => getComputedStyle(section).display !== 'none').map((section) => section.id)"""
    for tool in ("exit", "reentry"):
        form(page, tool).get_by_role("button", name="打印").click()
        page.emulate_media(media="print")
        assert page.evaluate(on_paper) == [tool]
        page.emulate_media(media="screen")
        page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("window.__printed") == 2
    page.emulate_media(media="print")
    assert page.evaluate(on_paper) == ["exit", "reentry"]  # the browser's own print: every answer


@pytest.mark.parametrize("copy_works", [True, False])
def test_copy_link(browser: Any, site_url: str, copy_works: bool) -> None:
    from browser_support import open_guarded_page

    context, guard = open_guarded_page(browser, permissions=["clipboard-read", "clipboard-write"] if copy_works else [])
    try:
        if not copy_works:
            context.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));")
        page = guard.page
        link = answered(page, site_url, "exit", {"applied": "2026-05-15"})
        form(page, "exit").get_by_role("button", name="复制链接").click()
        note = form(page, "exit").locator("[data-share-note]")
        if copy_works:
            note.filter(has_text="链接已复制").wait_for()
            assert page.evaluate("navigator.clipboard.readText()") == link
        else:
            note.filter(has_text=link).wait_for()  # the link to copy by hand
        guard.assert_clean()
    finally:
        context.close()


def test_a_link_made_today_opens_with_the_receivers_today(browser: Any, site_url: str) -> None:
    """The sender's "today" is not in the link: tomorrow's receiver sees one day less to wait."""
    from browser_support import open_guarded_page

    context, guard = open_guarded_page(browser)
    try:
        page = guard.page
        page.clock.set_fixed_time(datetime(2026, 12, 2, 4, 0, tzinfo=UTC))  # 12:00 in Beijing
        link = answered(page, site_url, "reentry", {"exit_date": "2026-11-30"})
        assert "on=" not in link
        assert read_result(page, "reentry")["fields"]["days_left"] == "89"
        receiver = context.new_page()
        receiver.clock.set_fixed_time(datetime(2026, 12, 3, 4, 0, tzinfo=UTC))
        receiver.goto(link)
        wait_answer(receiver, "reentry")
        assert read_result(receiver, "reentry")["fields"]["on"] == "2026-12-03"
        assert read_result(receiver, "reentry")["fields"]["days_left"] == "88"
        # the card says which day it was worked out for
        assert any(line.startswith("查询日：2026年12月3日") for line in read_card(receiver, "reentry"))
    finally:
        context.close()


def test_a_later_link_on_the_same_page_starts_from_the_form(guarded_page: Any, site_url: str) -> None:
    """A second link opened in the same tab: what it leaves out is the form's own value again."""
    page = guarded_page.page
    answered(page, site_url, "risk", {"on": "2026-06-01", "complaints": "2", "false_materials": "1"})
    assert read_result(page, "risk")["rules"]["false_materials"] == "triggered"
    # a new fragment on the same page, as the card's follow-up link brings one (the page and its
    # forms stay; a link pasted into the address bar is drawn again by Material's navigation)
    page.evaluate("document.querySelector('form[data-tool=risk]').dataset.marked = ''")
    page.evaluate(
        "(url) => { history.pushState(null, '', url); dispatchEvent(new HashChangeEvent('hashchange')); }",
        share_url(site_url, "risk", {"on": "2026-06-01", "fake_transactions": "1"}),
    )
    page.wait_for_function("() => !document.querySelector('[name=false_materials]').checked")
    # the same form (not one drawn again by a reload or by instant navigation)
    assert page.locator("form[data-tool=risk][data-marked]").count() == 1
    wait_answer(page, "risk")
    shown = read_result(page, "risk")
    assert shown["rules"]["false_materials"] == "ok" and shown["rules"]["complaints"] == "ok"
    assert shown["rules"]["fake_transactions"] == "at_risk"
    assert form(page, "risk").locator("[name='complaints']").input_value() == "0"


def test_what_the_reader_typed_never_reaches_the_server(browser: Any, built_site: Any, tmp_path: Any) -> None:
    """An answer, then a reload: the server's log has the pages and files, never a value."""
    from browser_support import open_guarded_page, serve_py_process
    from calc_page import submit, wait_ready

    log = tmp_path / "serve.log"
    with serve_py_process(built_site, log) as port:
        context, guard = open_guarded_page(browser)
        try:
            page = guard.page
            page.goto(f"http://127.0.0.1:{port}/calculator/")
            wait_ready(page)
            submit(page, "risk", {"on": "2026-10-05", "deposit": "4321.98", "below_since": "2026-09-30"})
            assert "deposit=4321.98" in page.url  # the answer's link, in the address bar's fragment
            page.reload()
            wait_answer(page, "risk")
            assert read_result(page, "risk")["fields"]["deposit.balance"] == "4321.98"
        finally:
            context.close()
    written = log.read_text(encoding="utf-8")
    assert "GET /calculator/ " in written  # the log is written, the reload included
    assert written.count("GET /calculator/ ") >= 2
    assert "4321.98" not in written and "deposit" not in written and "below_since" not in written
