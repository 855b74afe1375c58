"""The page gives the same answers as `python -m calculator ... --json`, and reacts like a form."""

from __future__ import annotations

from typing import Any

import pytest
from calc_page import (
    cli_json,
    cli_text,
    flatten,
    form,
    open_link,
    read_card,
    read_result,
    share_url,
    submit,
    wait_answer,
    wait_ready,
)

REQUIRED = {
    "exit": {"applied", "exit_date", "basis", "fifteenth_day"},
    "notice": {"exit_on", "apply_by"},
    "reentry": {"exit_date", "ban_last_day", "earliest_rejoin", "on", "eligible"},
    "risk": {"on", "level"},
}

CASES = [
    pytest.param("exit", {"applied": "2026-05-15"}, id="退出-第15日"),
    pytest.param("exit", {"applied": "2026-05-15", "confirmed": "2026-05-20"}, id="退出-确认更早"),
    pytest.param("exit", {"applied": "2028-02-14"}, id="退出-闰日"),
    pytest.param("notice", {"exit_on": "2027-01-10", "on": "2026-12-01"}, id="申请-跨年"),
    pytest.param("notice", {"exit_on": "2026-12-31", "on": "2026-12-20"}, id="申请-已晚"),
    pytest.param("reentry", {"exit_date": "2026-11-30", "on": "2027-01-01"}, id="重入-平年2月"),
    pytest.param("reentry", {"exit_date": "2027-11-30", "on": "2028-03-01"}, id="重入-闰年可加入"),
    pytest.param("risk", {"on": "2026-02-14", "deposit": "0", "below_since": "2026-02-13"}, id="风险-春节"),
    pytest.param("risk", {"on": "2026-10-05", "deposit": "4500.5", "below_since": "2026-09-30"}, id="风险-国庆触发"),
    pytest.param("risk", {"on": "2099-03-02", "deposit": "1", "below_since": "2099-03-01"}, id="风险-未发布年份"),
    pytest.param(
        "risk",
        {
            "on": "2026-06-01",
            "complaints": "2",
            "fake_transactions": "1",
            "fault_disputes": "1",
            "sales_target_missed": "1",
        },
        id="风险-次数",
    ),
    pytest.param(
        "risk",
        {
            "on": "2026-06-01",
            "deposit": "7000",
            "threshold": "8000",
            "below_since": "2026-05-31",
            "refused_cooperation": "1",
            "false_materials": "1",
            "other_violation": "1",
        },
        id="风险-调整门槛与勾选",
    ),
    pytest.param("risk", {"on": "2026-06-01", "deposit": "6000"}, id="风险-余额足够"),
    pytest.param("risk", {"on": "2026-06-01"}, id="风险-保证金未检查"),
    pytest.param(
        "risk", {"on": "2026-09-18", "deposit": "5,000", "below_since": "2026-09-17"}, id="风险-调休上班不顺延"
    ),
    pytest.param("notice", {"exit_on": "2026-01-01", "on": "2026-06-01"}, id="申请-日期已过"),
    pytest.param("notice", {"exit_on": "2026-06-16", "on": "2026-06-01"}, id="申请-就是今天"),
    pytest.param("exit", {"applied": "2026-05-15", "confirmed": "2026-05-30"}, id="退出-确认日就是第15日"),
    pytest.param("reentry", {"exit_date": "2026-05-15", "on": "2026-05-16"}, id="重入-还需等待"),
    pytest.param("notice", {"exit_on": "2026-07-01", "on": "2026-05-20"}, id="申请-早申请早退出"),
    pytest.param("notice", {"exit_on": "2026-06-01", "on": "2026-06-01"}, id="申请-就在查询日"),
    pytest.param("risk", {"on": "2026-12-02", "deposit": "5000元", "below_since": "2026-11-30"}, id="风险-明天截止"),
    pytest.param(
        "risk",
        {"on": "2026-12-02", "deposit": "¥5,000", "below_since": "2026-12-01", "false_materials": "1"},
        id="风险-已触发且还有期限",
    ),
]


@pytest.mark.parametrize(("tool", "fields"), CASES)
def test_page_answer_equals_cli(calc: Any, tool: str, fields: dict[str, str]) -> None:
    page = calc.page
    submit(page, tool, fields)
    shown = read_result(page, tool)
    expected = cli_json(tool, fields)
    flat = flatten(expected)
    # what a person reads: every line of the CLI's answer, word for word, and nothing else
    assert read_card(page, tool) == cli_text(tool, fields)
    assert REQUIRED[tool] <= shown["fields"].keys()
    for key, value in shown["fields"].items():
        if key == "rules":
            continue
        assert value == flat[key], key
    if tool == "risk":
        assert shown["rules"] == {rule["id"]: rule["status"] for rule in expected["rules"]}
        if expected["deposit"]:
            deposit_keys = {k for k in shown["fields"] if k.startswith("deposit.")}
            assert {"deposit.balance", "deposit.threshold", "deposit.amount_needed"} <= deposit_keys
            if expected["deposit"]["safe_deadline"]:
                assert {"deposit.safe_deadline", "deposit.legal_deadline"} <= deposit_keys
    calc.assert_clean()


@pytest.mark.parametrize(("tool", "fields"), CASES[:2] + CASES[7:9])
def test_share_link_gives_the_same_answer(calc: Any, site_url: str, tool: str, fields: dict[str, str]) -> None:
    page = calc.page
    open_link(page, share_url(site_url, tool, fields))
    wait_answer(page, tool)
    assert read_card(page, tool) == cli_text(tool, fields)
    shown = read_result(page, tool)["fields"]
    flat = flatten(cli_json(tool, fields))
    assert {key: flat[key] for key in shown if key != "rules"} == {k: v for k, v in shown.items() if k != "rules"}


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        pytest.param("2026/5/15", "2026-05-15", id="斜杠"),
        pytest.param("2026.5.15", "2026-05-15", id="点"),
        pytest.param("2026年5月15日", "2026-05-15", id="中文"),
        pytest.param("20260515", "2026-05-15", id="八位数字"),
    ],
)
def test_share_link_with_a_chinese_date(calc: Any, site_url: str, typed: str, iso: str) -> None:
    """A link with a date as people write it gives the answer, and the field shows the date."""
    page = calc.page
    open_link(page, share_url(site_url, "exit", {"applied": typed}))
    wait_answer(page, "exit")
    assert read_card(page, "exit")[:3] == [
        "2026年5月30日（星期六）退出VIP批发中心",
        "退出后 3 个月内不能重新加入，最早 2026年8月31日（星期一）起可以重新加入。",
        "退出日：2026年5月30日（星期六）",
    ]
    page.wait_for_function(
        f"() => document.querySelector(\"form[data-tool='exit'] [name='applied']\").value === '{iso}'"
    )


@pytest.mark.parametrize(("value", "checked"), [("是", True), ("yes", True), ("否", False), ("0", False)])
def test_share_link_flags_as_the_cli_reads_them(calc: Any, site_url: str, value: str, checked: bool) -> None:
    page = calc.page
    open_link(page, share_url(site_url, "risk", {"on": "2026-06-01", "other_violation": value}))
    wait_answer(page, "risk")
    lines = read_card(page, "risk")
    assert lines[2] == ("总体：已触发" if checked else "总体：正常")
    if checked:
        assert any(line.startswith("- 其他严重违规：已触发") for line in lines)
    else:  # folded with the other rules that have nothing to do
        assert lines[-1] == "- 其余 6 项正常：有效投诉、虚假交易、有责纠纷、材料严重不实、销售指标、其他严重违规。"
    assert form(page, "risk").locator("[name='other_violation']").is_checked() is checked


def test_dates_are_shown_in_chinese_with_weekday(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    page.goto(share_url(site_url, "exit", {"applied": "2026-11-27"}))
    wait_answer(page, "exit")
    time = form(page, "exit").locator("[data-field='exit_date'] time")
    assert time.get_attribute("datetime") == "2026-12-12"
    assert time.inner_text() == "2026年12月12日（星期六）"


def test_enter_computes_and_changes_recompute(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    page.goto(f"{site_url}calculator/")
    wait_ready(page)
    exit_form = form(page, "exit")
    exit_form.locator("[name='applied']").fill("2026-05-15")
    exit_form.locator("[name='applied']").press("Enter")
    exit_date = exit_form.locator("[data-field='exit_date'] time")
    exit_date.wait_for()
    assert exit_date.get_attribute("datetime") == "2026-05-30"
    # once ready, a change recomputes without pressing anything
    exit_form.locator("[name='confirmed']").fill("2026-05-22")
    page.wait_for_function(
        "() => document.querySelector(\"form[data-tool='exit'] [data-field='exit_date'] time\")"
        "?.getAttribute('datetime') === '2026-05-22'"
    )
    assert exit_form.locator("[data-field='basis']").get_attribute("data-value") == "confirmed"
    # the address now holds the form: a bookmark brings it back
    assert "applied=2026-05-15" in page.url and "confirmed=2026-05-22" in page.url


def test_on_defaults_to_today_in_beijing(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    before = cli_json("reentry", {"exit_date": "2026-01-01"})["on"]
    page.goto(f"{site_url}calculator/")
    shown = {form(page, tool).locator("[name='on']").input_value() for tool in ("notice", "reentry", "risk")}
    after = cli_json("reentry", {"exit_date": "2026-01-01"})["on"]
    assert len(shown) == 1
    assert shown <= {before, after}  # both, should Beijing's midnight fall in between


def test_risk_form_with_checkboxes_and_counts(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    page.goto(f"{site_url}calculator/#risk")
    wait_ready(page)
    risk = form(page, "risk")
    risk.locator("[name='on']").fill("2026-06-01")
    risk.locator("[name='complaints']").fill("3")
    risk.locator("[name='other_violation']").check()
    risk.get_by_role("button", name="评估清退风险").click()
    level = risk.locator("[data-field='level']")
    level.wait_for()
    assert level.get_attribute("data-value") == "triggered"
    assert risk.locator("[data-rule='complaints']").get_attribute("data-value") == "triggered"
    assert risk.locator("[data-rule='other']").get_attribute("data-value") == "triggered"
    assert risk.locator("[data-rule='deposit']").get_attribute("data-value") == "not_checked"
    # a person sees the level, which rule was not checked, the reason and what to do
    lines = read_card(page, "risk")
    assert lines[:3] == [
        "已满足强制清退的情形：有效投诉、其他严重违规",
        "核对每次投诉是否确属有效；有异议的，向阿里巴巴说明并保留证据（来源没有写明能否申诉）。",
        "总体：已触发",
    ]
    assert "- 自缴保证金：未检查。没有填写自缴保证金余额，本项未检查。怎么办：填写当前余额即可检查补交期限。" in lines
    assert "- 有效投诉：已触发。有效投诉 3 次，已达到 3 次的清退线。" in " ".join(lines)
    assert "怎么办" in risk.locator("[data-rule='complaints']").inner_text()


# What a person reads first, for every tool and status (R14): what to do and by when, in the
# colour of its urgency. Dates are relative to today in Beijing, so "明天" is tomorrow.
def _lead_cases() -> list[Any]:
    from datetime import timedelta

    from calculator.dates import add_months, format_date_zh, today_beijing

    today = today_beijing()
    day = lambda n: (today + timedelta(days=n)).isoformat()  # noqa: E731
    zh = lambda n: format_date_zh(today + timedelta(days=n))  # noqa: E731
    return [
        pytest.param(
            "risk",
            {"deposit": "5000", "below_since": day(-2)},
            ["明天 24:00 前补交自缴保证金 1000.00 元", f"稳妥期限 {zh(1)}24:00（北京时间），还有 1 天；"],
            "warn",
            id="风险-明天截止",
        ),
        pytest.param(
            "risk",
            {"deposit": "5000", "below_since": day(-3)},
            ["今天 24:00 前补交自缴保证金 1000.00 元", f"稳妥期限 {zh(0)}24:00（北京时间），就是今天；"],
            "warn",
            id="风险-今天截止",
        ),
        pytest.param(
            "risk", {"complaints": "3"}, ["已满足强制清退的情形：有效投诉", "核对每次投诉"], "bad", id="风险-已触发"
        ),
        pytest.param("risk", {"complaints": "2"}, ["有风险：有效投诉", "优先处理"], "warn", id="风险-有风险"),
        pytest.param("risk", {"deposit": "6000"}, ["所有项目都正常", "按填写的情况"], "good", id="风险-正常"),
        pytest.param(
            "risk", {}, ["已填写的项目都正常；自缴保证金未检查", "填写自缴保证金余额"], "good", id="风险-未检查"
        ),
        pytest.param(
            "notice",
            {"exit_on": day(8)},
            [f"已来不及在 {zh(8)}退出", "按 15 天通知期"],
            "bad",
            id="申请-来不及",
        ),
        pytest.param(
            "notice",
            {"exit_on": day(-1)},
            [f"{zh(-1)}已经过去，不能在那一天退出", f"今天申请，退出日是 {zh(15)}"],
            "bad",
            id="申请-已过去",
        ),
        pytest.param(
            "notice", {"exit_on": day(15)}, ["今天就是最晚申请日：今天提交申请", "这一天申请"], "warn", id="申请-今天"
        ),
        pytest.param(
            "notice",
            {"exit_on": day(40)},
            [f"想在 {zh(40)}退出：在 {zh(25)}这一天提交申请", "退出日固定在申请后的第 15 日，早申请就早退出：今天申请"],
            "info",
            id="申请-早",
        ),
        pytest.param(
            "reentry",
            {"exit_date": day(-10)},
            [
                f"{format_date_zh(add_months(today - timedelta(days=10), 3) + timedelta(days=1))}起可以重新加入",
                "禁入期",
            ],
            "warn",
            id="重入-等待",
        ),
        pytest.param(
            "reentry", {"exit_date": day(-200)}, ["已经可以重新加入", "禁入期最后一天是"], "good", id="重入-可以"
        ),
        pytest.param("exit", {"applied": day(0)}, [f"{zh(15)}退出VIP批发中心", "退出后 3 个月内"], "info", id="退出"),
    ]


@pytest.mark.parametrize(("tool", "fields", "first", "tone"), _lead_cases())
def test_the_card_leads_with_what_to_do_and_by_when(
    calc: Any, tool: str, fields: dict[str, str], first: list[str], tone: str
) -> None:
    page = calc.page
    submit(page, tool, fields)
    lines = read_card(page, tool)
    assert lines[0].startswith(first[0])
    assert lines[1].startswith(first[1])
    assert lines == cli_text(tool, fields)
    # the lead is the first thing on the card, and its colour says the same as its words
    card = form(page, tool).locator(".calc-card")
    assert card.evaluate("node => node.firstElementChild.className") == "calc-lead"
    colours = card.evaluate(
        """node => [getComputedStyle(node.querySelector('.calc-lead-title')).color,
                    getComputedStyle(node).borderLeftColor]"""
    )
    assert colours[0] == colours[1] == TONE_COLOURS[tone]


# calculator.css: --calc-bad, --calc-warn, --calc-ok, and the site's primary colour (indigo)
TONE_COLOURS = {
    "bad": "rgb(198, 40, 40)",
    "warn": "rgb(138, 83, 0)",
    "good": "rgb(46, 125, 50)",
    "info": "rgb(64, 81, 181)",
}


def test_in_dark_mode_too_late_is_red(browser: Any, site_url: str) -> None:
    """The dark palette keeps the meaning: too late is the dark scheme's red, not its accent."""
    from browser_support import open_guarded_page

    context, guard = open_guarded_page(browser, color_scheme="dark")
    try:
        page = guard.page
        page.goto(share_url(site_url, "notice", {"exit_on": "2026-06-10", "on": "2026-06-01"}))
        wait_answer(page, "notice")
        title = form(page, "notice").locator(".calc-lead-title")
        assert title.inner_text() == "已来不及在 2026年6月10日（星期三）退出"
        assert title.evaluate("node => getComputedStyle(node).color") == "rgb(239, 154, 154)"
        guard.assert_clean()
    finally:
        context.close()


@pytest.mark.parametrize(("value", "checked"), [("是", True), ("on", True), ("否", False)])
def test_a_share_link_ticks_its_boxes_before_any_answer(browser: Any, site_url: str, value: str, checked: bool) -> None:
    """The form shows what the link says at once, even while (or if) Python never answers."""
    from browser_support import open_guarded_page

    context, guard = open_guarded_page(browser)  # the worker is refused: errors are expected
    try:
        page = guard.page
        page.route("**/worker.mjs", lambda route: route.abort())
        page.goto(share_url(site_url, "risk", {"on": "2026-06-01", "false_materials": value}))
        page.locator("[data-calculator][data-mounted]").wait_for(state="attached")
        assert form(page, "risk").locator("[name='false_materials']").is_checked() is checked
        assert form(page, "risk").locator("[data-result] [data-field]").count() == 0  # no answer came
    finally:
        context.close()


def test_the_back_to_top_pill_never_covers_an_answer(calc: Any) -> None:
    """Material's floating "回到页面顶部" pill sits over the top of the page: not on the calculator."""
    page = calc.page
    submit(page, "exit", {"applied": "2026-05-15"})
    page.mouse.wheel(0, 400)
    page.mouse.wheel(0, -200)  # scrolling up is what shows it
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")  # Material has shown it
    top = page.locator(".md-top")
    assert top.count() == 1 and not top.is_visible()


def test_the_tab_title_says_the_answer_and_goes_back_when_cleared(guarded_page: Any, site_url: str) -> None:
    page = guarded_page.page
    page.goto(share_url(site_url, "exit", {"applied": "2026-09-16"}))
    wait_answer(page, "exit")
    page.wait_for_function("() => document.title.startsWith('退出日 ')")
    assert page.title() == "退出日 2026年10月1日 · 计算器 - 1688 供应商退出与取消合作指南"
    form(page, "exit").get_by_role("button", name="清空").click()
    page.wait_for_function("() => !document.title.startsWith('退出日')")
    assert page.title() == "计算器 - 1688 供应商退出与取消合作指南"
    submit(page, "risk", {"on": "2026-06-01", "complaints": "3"})
    assert page.title() == "清退风险 已触发 · 计算器 - 1688 供应商退出与取消合作指南"


def test_a_link_made_today_leaves_today_out(guarded_page: Any, site_url: str) -> None:
    """A link made today leaves today out, so that "还需等待 N 天" stays true for whoever opens it later."""
    from calculator.dates import today_beijing

    page = guarded_page.page
    page.goto(f"{site_url}calculator/#reentry")
    wait_ready(page)
    reentry = form(page, "reentry")
    assert reentry.locator("[name='on']").input_value() == today_beijing().isoformat()
    reentry.locator("[name='exit_date']").fill("2026-11-30")
    reentry.locator("[name='exit_date']").press("Enter")
    wait_answer(page, "reentry")
    link = reentry.locator("[data-share]").get_attribute("data-url") or ""
    assert "exit_date=2026-11-30" in link and "on=" not in link and "on=" not in page.url
    # a day other than today is kept: it is part of the question
    reentry.locator("[name='on']").fill("2027-01-01")
    page.wait_for_function("() => location.href.includes('on=2027-01-01')")
    assert "on=2027-01-01" in (reentry.locator("[data-share]").get_attribute("data-url") or "")
    # the receiver's today, shown on the card
    page.goto(link)
    wait_answer(page, "reentry")
    assert read_result(page, "reentry")["fields"]["on"] == today_beijing().isoformat()
