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
            "2026年5月30日（星期六）退出VIP批发中心",
            "退出后 3 个月内不能重新加入，最早 2026年8月31日（星期一）起可以重新加入。",
            "退出日：2026年5月30日（星期六）",
            "申请日：2026年5月15日（星期五）",
            "依据：申请后的第 15 日（申请当天不算）",
            "第 15 日：2026年5月30日（星期六）",
            "下一步：保留退出申请的提交记录（截图、工单号）；退出日之前照常处理订单和售后。",
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
        assert lines(command="exit", applied="2026-05-15", confirmed=confirmed)[4] == basis

    def test_the_fifteenth_day_is_marked_once_and_only_when_it_is_not_the_exit(self) -> None:
        def labels(**request: str) -> list[str]:
            view = card("exit", compute({"command": "exit", **request}, today=TODAY), TODAY)
            assert view["timeline"] is not None
            return [point["label"] for point in view["timeline"]["points"]]

        assert labels(applied="2026-05-15") == ["申请", "退出日"]
        assert labels(applied="2026-05-15", confirmed="2026-05-20") == ["申请", "退出日", "第 15 日"]

    def test_no_rejoin_date_beyond_the_calendar(self) -> None:
        assert lines(command="exit", applied="9999-12-16")[:2] == [
            "9999年12月31日（星期五）退出VIP批发中心",
            "退出后 3 个月内不能重新加入。",
        ]


class TestNoticeCard:
    """R4 as amended: the exit is fixed at the 15th day after applying; the card says first what
    applying on the query day brings, and too late before anything else (R14)."""

    def test_early_says_the_exit_would_come_early_and_how_to_get_the_wished_day(self) -> None:
        assert lines(command="notice", exit_on="2026-06-20", on="2026-06-01") == [
            "想在 2026年6月20日（星期六）退出：在 2026年6月5日（星期五）这一天提交申请",
            "退出日固定在申请后的第 15 日，早申请就早退出：今天申请的话，退出日是 2026年6月16日（星期二），"
            "比想要的早 4 天。",
            "最晚申请日：2026年6月5日（星期五）",
            "想要退出的日期：2026年6月20日（星期六）",
            "查询日：2026年6月1日（星期一）",
            "距最晚申请日：还有 4 天",
            "来得及吗：来得及，在最晚申请日这一天申请",
            "今天申请的退出日：2026年6月16日（星期二）",
            "下一步：以阿里巴巴认可的书面形式提出申请，并保留提交记录（截图、工单号）。",
        ]

    def test_the_example_of_the_review(self) -> None:
        """notice --exit-on 2026-07-01 --on 2026-05-20: never "any day before is fine"."""
        shown = lines(command="notice", exit_on="2026-07-01", on="2026-05-20")
        assert shown[1] == (
            "退出日固定在申请后的第 15 日，早申请就早退出：在查询日 2026年5月20日（星期三）申请的话，"
            "退出日是 2026年6月4日（星期四），比想要的早 27 天。"
        )
        assert not any("当天或之前" in line for line in shown)

    def test_last_day_is_today(self) -> None:
        shown = lines(command="notice", exit_on="2026-06-16", on="2026-06-01")
        assert shown[:2] == [
            "今天就是最晚申请日：今天提交申请",
            "这一天申请，退出日正好是 2026年6月16日（星期二）；晚一天申请，就来不及在这一天退出。",
        ]
        assert shown[5] == "距最晚申请日：就是今天"  # not "还有 0 天"

    def test_too_late_says_so_first_with_both_ways_out(self) -> None:
        assert lines(command="notice", exit_on="2026-06-10", on="2026-06-01") == [
            "已来不及在 2026年6月10日（星期三）退出",
            "按 15 天通知期，最晚申请日是 2026年5月26日（星期二），已经过去。两条路：今天申请，"
            "退出日是 2026年6月16日（星期二）；或者申请时请阿里巴巴把退出日确认在 2026年6月10日（星期三）："
            "规则允许阿里巴巴确认更早的日期，是否同意由它决定。",
            "最晚申请日：2026年5月26日（星期二）",
            "想要退出的日期：2026年6月10日（星期三）",
            "查询日：2026年6月1日（星期一）",
            "距最晚申请日：已过去 6 天",
            "来得及吗：已来不及（按 15 天通知期）",
            "今天申请的退出日：2026年6月16日（星期二）",
            "下一步：以阿里巴巴认可的书面形式提出申请，写明想要的退出日，并保留提交记录（截图、工单号）。",
        ]

    def test_a_day_already_past_is_not_advised_as_reachable(self) -> None:
        """Exit on 2026-01-01 asked on 2026-06-01: say the day has passed and what applying now gives."""
        shown = lines(command="notice", exit_on="2026-01-01", on="2026-06-01")
        assert shown[:2] == [
            "2026年1月1日（星期四）已经过去，不能在那一天退出",
            "今天申请，退出日是 2026年6月16日（星期二）；阿里巴巴可以确认更早的日期，但不会早于申请当天。",
        ]
        assert "来得及吗：想要退出的日期已经过去" in shown
        assert not any("确认在" in line for line in shown)

    def test_leaving_on_the_query_day_itself_has_not_passed(self) -> None:
        """Alibaba may still confirm the query day itself as the exit: it is late, not past."""
        answer = compute({"command": "notice", "exit_on": "2026-06-01", "on": "2026-06-01"}, today=TODAY)
        assert answer["passed"] is False
        assert lines(command="notice", exit_on="2026-06-01", on="2026-06-01")[0] == (
            "已来不及在 2026年6月1日（星期一）退出"
        )

    def test_a_late_notice_offers_no_calendar_event(self) -> None:
        late = compute({"command": "notice", "exit_on": "2026-06-10", "on": "2026-06-01"}, today=TODAY)
        assert card("notice", late, TODAY)["events"] == []
        early = compute({"command": "notice", "exit_on": "2026-06-20", "on": "2026-06-01"}, today=TODAY)
        assert [event["date"] for event in card("notice", early, TODAY)["events"]] == ["2026-06-05"]

    def test_another_query_day_is_not_called_today(self) -> None:
        answer = compute({"command": "notice", "exit_on": "2026-01-01", "on": "2026-05-01"}, today=TODAY)
        view = card("notice", answer, TODAY)
        assert str(view["lead"]["text"]).startswith("在查询日 2026年5月1日（星期五）申请，")
        assert view["timeline"] is not None
        assert view["timeline"]["points"][0]["label"] == "查询日"
        today_view = card("notice", {**answer, "on": "2026-06-01"}, TODAY)
        assert today_view["timeline"] is not None
        assert today_view["timeline"]["points"][0]["label"] == "今天"

    @pytest.mark.parametrize(
        ("exit_on", "tone"),
        [
            pytest.param("2026-06-20", "info", id="早"),
            pytest.param("2026-06-16", "warn", id="今天是最后一天"),
            pytest.param("2026-06-10", "bad", id="来不及"),
            pytest.param("2026-05-01", "bad", id="已过去"),
        ],
    )
    def test_colour_and_words_agree(self, exit_on: str, tone: str) -> None:
        answer = compute({"command": "notice", "exit_on": exit_on, "on": "2026-06-01"}, today=TODAY)
        assert card("notice", answer, TODAY)["lead"]["tone"] == tone


class TestReentryCard:
    def test_waiting(self) -> None:
        assert lines(command="reentry", exit_date="2026-05-15", on="2026-05-16") == [
            "2026年8月16日（星期日）起可以重新加入（还有 92 天）",
            "禁入期最后一天是 2026年8月15日（星期六）；在这之前，阿里巴巴不接受重新加入。",
            "最早可重新加入：2026年8月16日（星期日）",
            "退出日：2026年5月15日（星期五）",
            "禁入期最后一天：2026年8月15日（星期六）",
            "查询日：2026年5月16日（星期六）",
            "现在能加入吗：还不能重新加入",
            "还需等待：92 天",
            "下一步：这是主动退出的规则；被强制清退后，来源没有规定等待期。",
        ]

    def test_eligible(self) -> None:
        shown = lines(command="reentry", exit_date="2026-01-15", on="2026-06-01")
        assert shown[:2] == [
            "已经可以重新加入",
            "禁入期最后一天是 2026年4月15日（星期三）；从 2026年4月16日（星期四）起可以重新加入。",
        ]
        answer = compute({"command": "reentry", "exit_date": "2026-01-15", "on": "2026-06-01"}, today=TODAY)
        assert card("reentry", answer, TODAY)["events"] == []  # a day already past


class TestRiskCard:
    def test_nothing_filled_in_says_the_deposit_was_not_checked(self) -> None:
        assert lines(command="risk", on="2026-06-01") == [
            "已填写的项目都正常；自缴保证金未检查",
            "填写自缴保证金余额，才能检查它是否低于门槛、最晚哪天要补交。",
            "总体：正常",
            "查询日：2026年6月1日（星期一）",
            "- 自缴保证金：未检查。没有填写自缴保证金余额，本项未检查。怎么办：填写当前余额即可检查补交期限。",
            "- 其余 6 项正常：有效投诉、虚假交易、有责纠纷、材料严重不实、销售指标、其他严重违规。",
        ]

    def test_the_deadline_tomorrow_leads(self) -> None:
        """Below the threshold since two days ago: tomorrow 24:00, the amount and the days left first."""
        day = date(2026, 12, 2)
        request = {"command": "risk", "on": "2026-12-02", "deposit": "5000元", "below_since": "2026-11-30"}
        shown = render("risk", compute(request, today=day), day).splitlines()
        assert shown[:3] == [
            "明天 24:00 前补交自缴保证金 1000.00 元",
            "稳妥期限 2026年12月3日（星期四）24:00（北京时间），还有 1 天；"
            "到时没有补交，就满足“3天内未补交”的强制清退情形。",
            "总体：有风险",
        ]
        assert "- 其余 6 项正常：有效投诉、虚假交易、有责纠纷、材料严重不实、销售指标、其他严重违规。" in shown
        assert card("risk", compute(request, today=day), day)["lead"]["tone"] == "warn"

    def test_deposit_over_a_holiday(self) -> None:
        shown = lines(command="risk", on="2026-10-02", deposit="4,500.50", below_since="2026-09-30")
        assert shown[:10] == [
            "2026年10月3日（星期六）24:00 前补交自缴保证金 1499.50 元",
            "稳妥期限 2026年10月3日（星期六）24:00（北京时间），还有 1 天；"
            "到时没有补交，就满足“3天内未补交”的强制清退情形。",
            "总体：有风险",
            "查询日：2026年10月2日（星期五）",
            "自缴保证金余额：4500.50 元",
            "门槛：6000.00 元",
            "需补交：1499.50 元",
            "低于门槛的日期：2026年9月30日（星期三）",
            "- 自缴保证金：有风险。余额比门槛少 1499.50 元，须在 2026年10月3日（星期六）24:00（北京时间）前补交。"
            "怎么办：尽快补交 1499.50 元，不要等到最后一天；以稳妥期限 2026年10月3日（星期六）24:00 为准。",
            "- 其余 6 项正常：有效投诉、虚假交易、有责纠纷、材料严重不实、销售指标、其他严重违规。",
        ]
        assert shown[-2:] == [
            "稳妥期限（以此为准）：2026年10月3日（星期六）。"
            "余额低于门槛的次日起算 3 天，到这一天 24:00（北京时间）。还有 1 天。",
            "节假日顺延后最晚可争取的日期：2026年10月8日（星期四）。民法典第二百零三条：期限最后一天是法定休假日的，"
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
        assert shown[-1] == (
            f"节假日顺延后最晚可争取的日期：{safe}。{safe}是调休上班的工作日，不是法定休假日，期限不顺延。"
        )

    def test_an_unpublished_year_is_not_guessed(self) -> None:
        shown = lines(command="risk", on="2099-03-02", deposit="1", below_since="2099-03-01")
        assert shown[-1].startswith("节假日顺延后最晚可争取的日期：暂不计算。2099 年的国务院节假日安排尚未发布")

    def test_triggered_leads_with_what_to_do_now(self) -> None:
        shown = lines(command="risk", on="2026-10-05", deposit="0", below_since="2026-09-30")
        assert shown[:3] == [
            "已满足强制清退的情形：自缴保证金",
            "立即补交 6000.00 元，并联系阿里巴巴说明情况、保留凭证。"
            "按节假日顺延最晚可争取到 2026年10月8日（星期四）24:00，但平台未必认可。",
            "总体：已触发",
        ]
        assert shown[8].startswith(
            "- 自缴保证金：已触发。已超过 2026年10月3日（星期六）24:00 的补交期限，满足“3天内未补交”的清退情形。"
            "按节假日顺延最晚可争取到 2026年10月8日（星期四）24:00，但平台未必认可。"
        )

    def test_on_the_extended_deadline_day_itself_it_can_still_be_argued(self) -> None:
        shown = lines(command="risk", on="2026-10-08", deposit="0", below_since="2026-09-30")
        said = "按节假日顺延最晚可争取到 2026年10月8日（星期四）24:00，但平台未必认可。"
        assert said in shown[1]  # what to do now
        assert said in next(line for line in shown if line.startswith("- 自缴保证金：已触发。"))  # the rule's reason
        after = lines(command="risk", on="2026-10-09", deposit="0", below_since="2026-09-30")
        assert not any("最晚可争取到" in line for line in after[:9])

    def test_a_deadline_still_to_come_beside_a_triggered_rule(self) -> None:
        shown = lines(command="risk", on="2026-12-02", deposit="5000", below_since="2026-12-01", false_materials="1")
        assert shown[0] == "已满足强制清退的情形：材料严重不实"
        assert shown[1].endswith(
            "另外，2026年12月4日（星期五）24:00 前补交自缴保证金 1000.00 元（稳妥期限 2026年12月4日（星期五）24:00）。"
        )

    def test_rules_with_something_to_do_come_first(self) -> None:
        shown = lines(command="risk", on="2026-06-01", complaints="2", other_violation="1")
        rules = [line.split("：")[0] for line in shown if line.startswith("- ")]
        assert rules == ["- 其他严重违规", "- 有效投诉", "- 自缴保证金", "- 其余 4 项正常"]


class TestCalendarEvents:
    """A deposit deadline is a timed event to 24:00 with reminders on the day; passed ones are gone."""

    def test_deposit_deadline_reminders(self) -> None:
        request = {"command": "risk", "on": "2026-12-02", "deposit": "5000", "below_since": "2026-11-30"}
        (event,) = card("risk", compute(request, today=TODAY), TODAY)["events"]
        assert event["date"] == "2026-12-03"
        assert event["until_midnight"] is True
        assert [alarm["at"] for alarm in event["alarms"]] == [
            "2026-12-02T09:00",
            "2026-12-03T09:00",
            "2026-12-03T20:00",
        ]
        assert event["summary"] == "补交自缴保证金 1000.00 元：稳妥期限，24:00（北京时间）截止"

    def test_a_passed_deposit_deadline_has_no_event(self) -> None:
        request = {"command": "risk", "on": "2026-10-09", "deposit": "0", "below_since": "2026-09-30"}
        assert card("risk", compute(request, today=TODAY), TODAY)["events"] == []

    def test_exit_keeps_its_all_day_event(self) -> None:
        (event,) = card("exit", compute({"command": "exit", "applied": "2026-05-15"}, today=TODAY), TODAY)["events"]
        assert event["until_midnight"] is False
        assert [alarm["at"] for alarm in event["alarms"]] == ["2026-05-29T09:00"]


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
        # machine fields (an ISO date, a reminder's time) are not read: drop them
        readable = re.sub(r"'(?:date|at|start|end)': '[^']*'", "", words)
        assert re.findall(r"\d{4}-\d{2}-\d{2}", readable) == []


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


class TestTitle:
    @pytest.mark.parametrize(
        ("request_", "title"),
        [
            ({"command": "exit", "applied": "2026-09-16"}, "退出日 2026年10月1日"),
            ({"command": "notice", "exit_on": "2026-12-31", "on": "2026-12-01"}, "最晚申请日 2026年12月16日"),
            ({"command": "reentry", "exit_date": "2026-11-30", "on": "2026-12-01"}, "最早可重新加入 2027年3月1日"),
            ({"command": "risk", "on": "2026-06-01", "complaints": "2"}, "清退风险 有风险"),
        ],
        ids=["exit", "notice", "reentry", "risk"],
    )
    def test_the_answer_in_a_few_words_for_the_tab(self, request_: dict[str, str], title: str) -> None:
        assert card(request_["command"], compute(request_, today=TODAY), TODAY)["title"] == title
