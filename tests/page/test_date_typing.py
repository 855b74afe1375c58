"""Dates typed into the page's date inputs the way Chinese users type them, in a zh-CN Chromium.

Chromium's date input takes its layout from the browser's language (年/月/日 in zh-CN). Without a
``max``, its year segment takes up to six digits and does not move on, so 2026/5/15 became
202651-05-15; with ``max="9999-12-31"`` it moves on after four. (Typed with spaces, 2026 5 15,
the input still refuses it: the segments move on only at a digit count or a separator key.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from calc_page import READY_TIMEOUT_MS, form, read_card, wait_ready

from tools.chromium import CHROMIUM, CHROMIUM_ARGS

HABITS = ["2026/5/15", "2026-5-15", "2026.5.15", "20260515", "2026年5月15日", "2026/05/15"]


@pytest.fixture(scope="module")
def zh_page(browser: Any, site_url: str) -> Iterator[Any]:
    """The calculator in a Chromium whose own language is Simplified Chinese (fonts-noto-cjk, chromium-l10n)."""
    chinese = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--lang=zh-CN"],
        env={**os.environ, "LANG": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"},
    )
    try:
        context = chinese.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", service_workers="block")
        page = context.new_page()
        page.goto(f"{site_url}calculator/")
        wait_ready(page)
        yield page
    finally:
        chinese.close()


@pytest.mark.parametrize("typed", HABITS)
def test_a_date_typed_as_people_type_it_is_read(zh_page: Any, typed: str) -> None:
    exit_form = form(zh_page, "exit")
    exit_form.locator("button[type='reset']").click()
    # the form clears its answer just after the browser's reset: type once that is done
    exit_form.locator("[data-result]").evaluate(
        "(node) => new Promise((done) => setTimeout(() => done(node.childElementCount), 50))"
    )
    applied = exit_form.locator("[name='applied']")
    assert applied.input_value() == ""
    applied.focus()  # the first segment, the year, as after a tap on it or Tab
    zh_page.keyboard.type(typed)
    assert applied.input_value() == "2026-05-15"
    applied.press("Enter")
    exit_form.locator("[data-result]:not([aria-busy]) .calc-card").wait_for(timeout=READY_TIMEOUT_MS)
    assert read_card(zh_page, "exit")[2] == "退出日：2026年5月30日（星期六）"
    assert exit_form.locator("[data-error-for='applied']").inner_text() == ""


@pytest.mark.parametrize(
    ("tool", "name", "filled", "typed"),
    [
        pytest.param("exit", "applied", {}, "20270230", id="2月30日"),
        pytest.param("notice", "exit_on", {}, "20261131", id="11月31日"),
        # the query day starts as today: typed over and left unfinished, it is not today
        pytest.param("reentry", "on", {"exit_date": "2026-11-30"}, "202703", id="未填完的查询日"),
    ],
)
def test_a_date_the_browser_cannot_read_is_an_error_of_that_field(
    zh_page: Any, tool: str, name: str, filled: dict[str, str], typed: str
) -> None:
    the_form = form(zh_page, tool)
    the_form.locator("button[type='reset']").click()
    the_form.locator("[data-result]").evaluate(
        "(node) => new Promise((done) => setTimeout(() => done(node.childElementCount), 50))"
    )
    for other, value in filled.items():
        the_form.locator(f"[name='{other}']").fill(value)
    field = the_form.locator(f"[name='{name}']")
    field.evaluate("(input) => { input.value = ''; }")
    field.focus()
    zh_page.keyboard.type(typed)
    assert field.evaluate("(input) => input.validity.badInput") is True  # the browser holds it as unreadable
    field.press("Enter")
    message = the_form.locator(f"[data-error-for='{name}']")
    message.filter(has_text="日历上没有这一天").wait_for(timeout=READY_TIMEOUT_MS)
    label = {"applied": "申请退出日期", "exit_on": "想要退出的日期", "on": "查询日"}[name]
    assert message.inner_text().startswith(f"{label}：")  # the field is named, as the CLI names it
    assert the_form.locator("[data-result] [data-field]").count() == 0  # no answer made of today
