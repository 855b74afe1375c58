"""Bad input shows a Chinese message beside its field; hostile links inject nothing."""

from __future__ import annotations

from typing import Any

import pytest
from calc_page import form, open_link, share_url, submit, wait_answer, wait_settled

from calculator import COMMANDS

# (tool, a valid start, the field to spoil, the bad value, a fragment of the message)
TYPED = [
    pytest.param("exit", {"applied": "2026-05-15"}, "confirmed", "2026-05-31", "第 15 日", id="确认日晚于第15日"),
    pytest.param("exit", {"applied": "2026-05-15"}, "confirmed", "2026-05-14", "之间", id="确认日早于申请日"),
    pytest.param("exit", {"applied": "2026-05-15"}, "applied", "9999-12-20", "9999年12月31日", id="结果超出9999"),
    pytest.param(
        "reentry", {"exit_date": "2026-05-15"}, "exit_date", "9999-10-01", "9999年12月31日", id="禁入期超出9999"
    ),
    pytest.param("notice", {"exit_on": "2026-05-15"}, "exit_on", "0001-01-10", "0001年1月1日", id="早于0001年"),
    pytest.param("risk", {"deposit": "100", "below_since": "2026-05-01"}, "deposit", "-1", "负数", id="负金额"),
    pytest.param("risk", {"deposit": "100", "below_since": "2026-05-01"}, "deposit", "abc", "数字", id="非数字金额"),
    pytest.param("risk", {"deposit": "100", "below_since": "2026-05-01"}, "deposit", "NaN", "数字", id="NaN"),
    pytest.param("risk", {"deposit": "100", "below_since": "2026-05-01"}, "deposit", "Infinity", "数字", id="无穷"),
    pytest.param(
        "risk", {"deposit": "100", "below_since": "2026-05-01"}, "deposit", "1.001", "两位小数", id="三位小数"
    ),
    pytest.param("risk", {"deposit": "100", "below_since": "2026-05-01"}, "threshold", "-6000", "负数", id="负门槛"),
    pytest.param("risk", {"complaints": "1"}, "complaints", "-1", "负数", id="负次数"),
    pytest.param(
        "risk", {"deposit": "100", "below_since": "2026-05-01"}, "deposit", "4500，50", "千位分隔符", id="全角逗号"
    ),
    pytest.param("risk", {"fake_transactions": "1"}, "fake_transactions", "1.5", "整数", id="非整数次数"),
    pytest.param(
        "risk",
        {"deposit": "100", "below_since": "2026-05-01"},
        "below_since",
        "",
        "请填写",
        id="低于门槛缺日期",
    ),
    pytest.param(
        "risk",
        {"deposit": "100", "below_since": "2026-05-01"},
        "below_since",
        "2026-06-02",
        "不能晚于",
        id="日期晚于查询日",
    ),
]


@pytest.mark.parametrize(("tool", "start", "name", "bad", "fragment"), TYPED)
def test_typed_bad_input(calc: Any, tool: str, start: dict[str, str], name: str, bad: str, fragment: str) -> None:
    page = calc.page
    fields = {"on": "2026-06-01", **start} if tool != "exit" else start
    submit(page, tool, fields)
    the_form = form(page, tool)
    field = the_form.locator(f"[name='{name}']")
    good = field.input_value()
    field.fill(bad)
    message = the_form.locator(f"[data-error-for='{name}']")
    message.filter(has_text=fragment).wait_for()
    wait_settled(page, tool)
    assert the_form.locator("[data-result] [data-field]").count() == 0  # no stale answer
    assert field.get_attribute("aria-invalid") == "true"
    # mending the field brings an answer back and clears the message
    field.fill(good)
    wait_answer(page, tool)
    assert message.inner_text() == ""
    assert field.get_attribute("aria-invalid") is None
    calc.assert_clean()


LINKED = [
    pytest.param("exit", {"applied": "2026-02-30"}, "applied", "没有 2026年2月30日", id="不存在的日期"),
    pytest.param("exit", {"applied": "2026/02/03/04"}, "applied", "YYYY-MM-DD", id="格式错误的日期"),
    pytest.param("risk", {"on": "2026-06-01", "deposit": "4500,50"}, "deposit", "千位分隔符", id="逗号当小数点"),
    pytest.param("risk", {"on": "2026-06-01", "deposit": ",,,1"}, "deposit", "千位分隔符", id="一串逗号"),
    pytest.param("risk", {"on": "2026-06-01", "complaints": "9" * 5000}, "complaints", "太长", id="几千位的次数"),
    pytest.param(
        "risk", {"on": "2026-06-01", "false_materials": "maybe"}, "false_materials", "是", id="不认识的勾选值"
    ),
    pytest.param("reentry", {"exit_date": "2026-05-01", "on": "2026-13-01"}, "on", "没有", id="13月"),
    pytest.param("risk", {"on": "2026-06-01", "deposit": "5"}, "below_since", "请填写", id="缺日期"),
]


@pytest.mark.parametrize(("tool", "fields", "name", "fragment"), LINKED)
def test_bad_input_from_a_link(
    calc: Any, site_url: str, tool: str, fields: dict[str, str], name: str, fragment: str
) -> None:
    page = calc.page
    open_link(page, share_url(site_url, tool, fields))
    message = form(page, tool).locator(f"[data-error-for='{name}']")
    message.filter(has_text=fragment).wait_for(timeout=60_000)
    assert form(page, tool).locator("[data-result] [data-field]").count() == 0


HOSTILE = ["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>']
# every field of every form, as the calculator's contract names them
TOOLS = {name: sorted(command.field_names) for name, command in COMMANDS.items()}


@pytest.mark.parametrize("payload", HOSTILE, ids=["img-onerror", "script"])
@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_hostile_link_injects_nothing(calc: Any, site_url: str, tool: str, payload: str) -> None:
    page = calc.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_link(page, share_url(site_url, tool, dict.fromkeys(TOOLS[tool], payload)))
    wait_settled(page, tool)
    the_form = form(page, tool)
    the_form.locator("[data-error-for]:not(:empty)").first.wait_for()
    # two frames drawn since the message went in: anything it could have run has run
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert dialogs == []
    calculator = page.locator("[data-calculator]")
    assert calculator.locator("img").count() == 0
    assert calculator.locator("script").count() == 0
    assert page.evaluate("() => document.querySelectorAll('img[src=x], script:not([src])').length") == page.evaluate(
        "() => document.querySelectorAll('script:not([src])').length"
    )
    # the text shows as text: the message quotes what was received
    shown = the_form.locator("[data-error-for]:not(:empty)").first.inner_text()
    assert f"收到 “{payload}”" in shown


def test_unknown_tool_in_a_link_says_so(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    page.goto(f"{site_url}calculator/?tool=exti&applied=2026-05-15")
    note = page.locator("[data-link-error]")
    note.wait_for()
    assert note.inner_text() == "链接里的计算类型“exti”不存在；请在下面选择要算的内容。"
