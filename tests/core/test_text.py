"""What a person reads: the answer's card, word for word, for the CLI and the page alike."""

import re
from datetime import date

import pytest

from calculator import compute, render
from calculator.contract import RULE_LABELS, STATUS_LABELS
from calculator.terms import TERMS
from calculator.text import card, days_text, risk_summary

TODAY = date(2026, 6, 1)


def lines(**request: str) -> list[str]:
    command = request["command"]
    return render(command, compute(request, today=TODAY), TODAY).splitlines()


class TestExitCard:
    def test_fifteenth_day(self) -> None:
        assert lines(command="exit", applied="2026-05-15") == [
            "退出日：2026年5月30日（星期六）",
            "申请日：2026年5月15日（星期五）",
            "依据：申请后的第 15 日（申请当天不算）",
            "第 15 日：2026年5月30日（星期六）",
            "下一步：退出后 3 个月内不能重新加入。",
        ]

    @pytest.mark.parametrize(
        ("confirmed", "basis"),
        [
            pytest.param("2026-05-20", "依据：阿里巴巴确认的更早日期，比第 15 日早 10 天", id="早10天"),
            # not "早 0 天": the confirmed day is the 15th day itself
            pytest.param("2026-05-30", "依据：阿里巴巴确认的日期，就是申请后的第 15 日", id="就是第15日"),
        ],
    )
    def test_confirmed(self, confirmed: str, basis: str) -> None:
        assert lines(command="exit", applied="2026-05-15", confirmed=confirmed)[2] == basis


class TestNoticeCard:
    def test_in_time(self) -> None:
        assert lines(command="notice", exit_on="2026-06-20", on="2026-06-01") == [
            "最晚申请日：2026年6月5日（星期五）",
            "想要退出的日期：2026年6月20日（星期六）",
            "查询日：2026年6月1日（星期一）",
            "距最晚申请日：还有 4 天",
            "来得及吗：来得及：在最晚申请日当天或之前提交即可",
            "下一步：以阿里巴巴认可的书面形式提出申请，并保留提交记录（截图、工单号）。",
        ]

    def test_last_day_is_today(self) -> None:
        # not "还有 0 天"
        assert lines(command="notice", exit_on="2026-06-16", on="2026-06-01")[3] == "距最晚申请日：就是今天"

    def test_late_but_alibaba_can_still_confirm_the_day(self) -> None:
        shown = lines(command="notice", exit_on="2026-06-10", on="2026-06-01")
        assert shown[3:] == [
            "距最晚申请日：已晚了 6 天",
            "来得及吗：按 15 天通知期已来不及",
            "在查询日申请的退出日：2026年6月16日（星期二）",
            "下一步：今天申请的话，退出日是 2026年6月16日（星期二）。"
            "想在 2026年6月10日（星期三） 退出，只能请阿里巴巴确认这个更早的日期。",
        ]

    def test_a_day_already_past_is_not_advised_as_reachable(self) -> None:
        """Exit on 2026-01-01 asked on 2026-06-01: say the day has passed and what applying now gives."""
        shown = lines(command="notice", exit_on="2026-01-01", on="2026-06-01")
        assert "来得及吗：想要退出的日期已经过去" in shown
        assert shown[-1] == (
            "下一步：2026年1月1日（星期四）已经过去，无法再在那一天退出：确认的退出日不会早于申请日。"
            "今天申请的话，退出日是 2026年6月16日（星期二）；阿里巴巴也可以确认更早的日期，但不会早于申请当天。"
        )
        assert not any("请阿里巴巴确认" in line for line in shown)

    def test_another_query_day_is_not_called_today(self) -> None:
        answer = compute({"command": "notice", "exit_on": "2026-01-01", "on": "2026-05-01"}, today=TODAY)
        view = card("notice", answer, TODAY)
        assert "在查询日 2026年5月1日（星期五） 申请的话" in str(view["next"])
        assert view["timeline"] is not None
        assert view["timeline"]["points"][0]["label"] == "查询日"
        today_view = card("notice", {**answer, "on": "2026-06-01"}, TODAY)
        assert today_view["timeline"] is not None
        assert today_view["timeline"]["points"][0]["label"] == "今天"


class TestReentryCard:
    def test_waiting(self) -> None:
        assert lines(command="reentry", exit_date="2026-05-15", on="2026-05-16") == [
            "最早可重新加入：2026年8月16日（星期日）",
            "退出日：2026年5月15日（星期五）",
            "禁入期最后一天：2026年8月15日（星期六）",
            "查询日：2026年5月16日（星期六）",
            "现在能加入吗：还不能重新加入",
            "还需等待：92 天",
            "下一步：这是主动退出的规则；被强制清退后，来源没有规定等待期。",
        ]


class TestRiskCard:
    def test_nothing_filled_in_says_the_deposit_was_not_checked(self) -> None:
        shown = lines(command="risk", on="2026-06-01")
        assert shown[:3] == ["总体：正常", "已填写的项目都正常；自缴保证金未检查。", "查询日：2026年6月1日（星期一）"]
        assert (
            shown[3]
            == "- 自缴保证金：未检查。没有填写自缴保证金余额，本项未检查。 怎么办：填写当前余额即可检查补缴期限。"
        )

    def test_deposit_over_a_holiday(self) -> None:
        shown = lines(command="risk", on="2026-10-02", deposit="4,500.50", below_since="2026-09-30")
        assert shown[:7] == [
            "总体：有风险",
            "有项目有风险，还没有达到清退情形。",
            "查询日：2026年10月2日（星期五）",
            "自缴保证金余额：4500.50 元",
            "门槛：6000.00 元",
            "需补缴：1499.50 元",
            "低于门槛的日期：2026年9月30日（星期三）",
        ]
        assert shown[-2:] == [
            "稳妥期限（以此为准）：2026年10月3日（星期六）。"
            "余额低于门槛的次日起算 3 天，到这一天 24:00（北京时间）。还有 1 天。",
            "节假日顺延后最晚可争取：2026年10月8日（星期四）。民法典第二百零三条：期限最后一天是法定休假日的，"
            "顺延到休假日结束后的第一天。平台未必认可，只作为争取的依据。",
        ]

    @pytest.mark.parametrize(
        ("below", "safe"),
        [
            pytest.param("2026-09-17", "2026年9月20日（星期日）", id="国庆前的周日调休上班"),
            pytest.param("2026-02-11", "2026年2月14日（星期六）", id="春节前的周六调休上班"),
            pytest.param("2026-02-25", "2026年2月28日（星期六）", id="春节后的周六调休上班"),
        ],
    )
    def test_a_make_up_working_day_does_not_move_the_deadline(self, below: str, safe: str) -> None:
        shown = lines(command="risk", on=below, deposit="1", below_since=below)
        assert shown[-1] == f"节假日顺延后最晚可争取：{safe}。{safe}是调休上班的工作日，不是法定休假日，期限不顺延。"

    def test_an_unpublished_year_is_not_guessed(self) -> None:
        shown = lines(command="risk", on="2099-03-02", deposit="1", below_since="2099-03-01")
        assert shown[-1].startswith("节假日顺延后最晚可争取：无法计算。2099 年的国务院节假日安排尚未发布")

    def test_triggered_reason_uses_chinese_dates(self) -> None:
        shown = lines(command="risk", on="2026-10-05", deposit="0", below_since="2026-09-30")
        assert shown[0] == "总体：已触发"
        assert shown[7].startswith(
            "- 自缴保证金：已触发。已超过 2026年10月3日（星期六） 24:00 的补缴期限，满足“3 天内未补交”的清退情形。"
            "按节假日顺延最晚可争取到 2026年10月8日（星期四），但平台未必认可。"
        )


class TestOneDateStyle:
    """Readers see dates one way: 2026年5月30日（星期六）, never an ISO date beside it."""

    @pytest.mark.parametrize(
        "request_",
        [
            {"command": "exit", "applied": "2026-05-15", "confirmed": "2026-05-20"},
            {"command": "notice", "exit_on": "2026-01-01", "on": "2026-06-01"},
            {"command": "reentry", "exit_date": "2026-11-30", "on": "2026-12-01"},
            {"command": "risk", "on": "2026-10-09", "deposit": "0", "below_since": "2026-09-30", "complaints": "2"},
        ],
        ids=["exit", "notice", "reentry", "risk"],
    )
    def test_no_iso_date_in_what_is_read(self, request_: dict[str, str]) -> None:
        answer = compute(request_, today=TODAY)
        view = card(request_["command"], answer, TODAY)
        words = render(request_["command"], answer, TODAY) + str(view["timeline"]) + str(view["events"])
        readable = words.replace("'date': '", "").replace("'start': '", "").replace("'end': '", "")
        assert re.findall(r"\d{4}-\d{2}-\d{2}(?!')", readable) == []


class TestLabels:
    def test_every_status_and_rule_has_a_label_from_the_glossary(self) -> None:
        words = {term.word for term in TERMS}
        assert set(STATUS_LABELS.values()) <= words
        assert all(label for label in RULE_LABELS.values())

    @pytest.mark.parametrize(("days", "text"), [(1, "还有 1 天"), (0, "就是今天"), (-2, "已过去 2 天")])
    def test_days_text(self, days: int, text: str) -> None:
        assert days_text(days) == text

    def test_summary_names_what_was_not_checked(self) -> None:
        assert risk_summary("ok", []) == "所有项目都正常。"
        assert risk_summary("at_risk", ["deposit"]) == "有项目有风险，还没有达到清退情形。自缴保证金未检查。"
