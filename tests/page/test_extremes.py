"""Odd but possible input in the forms: each gives an answer or a Chinese message, never a hang."""

from __future__ import annotations

from typing import Any

import pytest
from calc_page import form, read_card, read_result, submit, wait_settled

# (tool, fields, what a person then sees: a field of the answer, or the field with a message)
CASES = [
    pytest.param("exit", {"applied": "0001-01-01"}, ("answer", "exit_date", "0001-01-16"), id="最早日期"),
    pytest.param("exit", {"applied": "9999-12-31"}, ("error", "applied", "9999年12月31日"), id="最晚日期退出超界"),
    pytest.param(
        # applying on the query day would bring an exit after 9999-12-31: the query day is out of range
        "notice",
        {"exit_on": "9999-12-31", "on": "9999-12-31"},
        ("error", "on", "9999年12月31日"),
        id="最晚退出日",
    ),
    pytest.param(
        "notice", {"exit_on": "0001-01-01", "on": "0001-01-01"}, ("error", "exit_on", "0001年1月1日"), id="最早退出日"
    ),
    pytest.param(
        "reentry",
        {"exit_date": "0001-01-31", "on": "9999-12-31"},
        ("answer", "earliest_rejoin", "0001-05-01"),
        id="跨越万年",
    ),
    pytest.param(
        "reentry",
        {"exit_date": "9999-12-31", "on": "9999-12-31"},
        ("error", "exit_date", "9999年12月31日"),
        id="禁入期超界",
    ),
    pytest.param(
        "risk",
        {"on": "0001-01-05", "deposit": "0", "below_since": "0001-01-01"},
        ("answer", "deposit.legal_deadline", "从 2004 年开始"),
        id="数据之前的年份",
    ),
    pytest.param("risk", {"on": "2026-06-01", "complaints": "１０"}, ("answer", "level", "triggered"), id="全角数字"),
    pytest.param("risk", {"on": "2026-06-01", "complaints": " 2 "}, ("answer", "level", "at_risk"), id="前后空格"),
    pytest.param(
        "risk",
        {"on": "2026-06-01", "deposit": "６０００.００"},
        ("answer", "deposit.balance", "6000.00"),
        id="全角金额",
    ),
    pytest.param("risk", {"on": "2026-06-01", "deposit": "6 000"}, ("error", "deposit", "数字"), id="金额中间有空格"),
    pytest.param(
        "risk",
        {"on": "2026-06-01", "fault_disputes": "9" * 18},
        ("answer", "level", "triggered"),
        id="十八位次数",
    ),
    pytest.param(
        "risk",
        {"on": "2026-06-01", "fake_transactions": "9" * 40},
        ("error", "fake_transactions", "过大"),
        id="四十位次数",
    ),
    pytest.param("risk", {"on": "2026-06-01", "threshold": "9" * 30}, ("error", "threshold", "过大"), id="巨额门槛"),
    pytest.param("risk", {"on": "2026-06-01", "complaints": "3\u200b"}, ("error", "complaints", "整数"), id="零宽字符"),
]


@pytest.mark.parametrize(("tool", "fields", "expected"), CASES)
def test_odd_input_gives_an_answer_or_a_message(calc: Any, tool: str, fields: dict[str, str], expected: tuple) -> None:
    page = calc.page
    kind, key, text = expected
    the_form = form(page, tool)
    if kind == "answer":
        submit(page, tool, fields)
        shown = read_result(page, tool)["fields"]
        if key == "deposit.legal_deadline":  # the note a person reads in place of the date
            assert text in " ".join(read_card(page, tool))
        else:
            assert shown[key] == text
    else:
        the_form.get_by_role("button", name="清空").click()
        for name, value in fields.items():
            the_form.locator(f"[name='{name}']").fill(value)
        the_form.locator("input[name]").first.press("Enter")
        wait_settled(page, tool)
        the_form.locator(f"[data-error-for='{key}']:not(:empty)").wait_for()
        message = the_form.locator(f"[data-error-for='{key}']").inner_text()
        assert text in message
        assert the_form.locator("[data-result] [data-field]").count() == 0
    # the page still works afterwards
    submit(page, "exit", {"applied": "2026-05-15"})
    assert read_result(page, "exit")["fields"]["exit_date"] == "2026-05-30"
    calc.assert_clean()
