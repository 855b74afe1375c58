"""The request → answer function: its error contract and the parsers behind it."""

from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal

import pytest

from calculator import COMMANDS, FIELD_LABELS, InputError, compute, handle, render
from calculator.contract import DepositAnswer, ExitAnswer, NoticeAnswer, ReentryAnswer, RiskAnswer, RuleAnswer, RuleId
from calculator.values import parse_amount, parse_count, parse_flag

TODAY = date(2026, 11, 27)


class TestCompute:
    @pytest.mark.parametrize(
        ("request_", "field"),
        [
            pytest.param([], "request", id="不是dict"),
            pytest.param({}, "command", id="没有command"),
            pytest.param({"command": "quit"}, "command", id="未知command"),
            pytest.param({"command": None}, "command", id="command为None"),
            pytest.param({"command": "exit"}, "applied", id="缺必填"),
            pytest.param({"command": "exit", "applied": "  "}, "applied", id="空白必填"),
            pytest.param({"command": "exit", "applied": "2026-01-01", "on": "2026-01-01"}, "request", id="多余字段"),
            pytest.param({"command": "notice"}, "exit_on", id="notice缺日期"),
            pytest.param({"command": "reentry", "exit_date": "2026-01-01", "on": "x"}, "on", id="on格式错"),
        ],
    )
    def test_errors_name_the_field(self, request_: object, field: str) -> None:
        with pytest.raises(InputError) as caught:
            compute(request_, today=TODAY)  # type: ignore[arg-type]
        assert caught.value.field == field
        assert str(caught.value).startswith(FIELD_LABELS[field] + "：")

    def test_date_objects_are_accepted(self) -> None:
        assert compute({"command": "exit", "applied": date(2026, 5, 15)})["exit_date"] == "2026-05-30"


class _BeijingMorningUtcEvening(datetime):
    """The clock at 2026-06-01 20:00 UTC: 2026-06-02 04:00 in Beijing."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> "_BeijingMorningUtcEvening":
        moment = cls(2026, 6, 1, 20, 0, tzinfo=UTC)
        return moment if tz is None else moment.astimezone(tz)  # type: ignore[return-value]


class TestHandle:
    def test_an_empty_query_day_is_today_in_beijing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """R1: a device in UTC (or anywhere) still gets Beijing's date when 查询日 is left blank."""
        monkeypatch.setattr("calculator.dates.datetime", _BeijingMorningUtcEvening)
        result = handle({"command": "reentry", "exit_date": "2026-05-15"})
        assert result["answer"]["on"] == "2026-06-02"
        assert compute({"command": "notice", "exit_on": "2026-12-31", "on": ""})["on"] == "2026-06-02"

    def test_answer_with_its_card_and_the_fields_as_read(self) -> None:
        result = handle({"command": "reentry", "exit_date": "2026年5月15日", "on": "2026/5/16"}, today=TODAY)
        assert result["ok"] is True
        assert result["answer"]["earliest_rejoin"] == "2026-08-16"
        assert result["card"]["headline"] == {
            "label": "最早可重新加入",
            "field": "earliest_rejoin",
            "value": "2026-08-16",
            "date": "2026-08-16",
            "text": "2026年8月16日（星期日）",
        }
        assert result["fields"] == {"exit_date": "2026-05-15", "on": "2026-05-16"}

    def test_error_as_data(self) -> None:
        result = handle({"command": "risk", "complaints": "两次"}, today=TODAY)
        assert result == {
            "ok": False,
            "error": {
                "field": "complaints",
                "message": "有效投诉次数：应为不小于 0 的整数次数（如 2），收到 “两次”",
            },
        }

    @pytest.mark.parametrize(
        ("command_request", "headline"),
        [
            (
                {"command": "exit", "applied": "2026-05-15", "confirmed": "2026-05-20"},
                "退出日：2026年5月20日（星期三）",
            ),
            (
                {"command": "notice", "exit_on": "2026-12-31", "on": "2026-12-20"},
                "最晚申请日：2026年12月16日（星期三）",
            ),
            ({"command": "reentry", "exit_date": "2026-11-30"}, "最早可重新加入：2027年3月1日（星期一）"),
            ({"command": "risk", "deposit": "10", "below_since": "2026-11-25", "complaints": "3"}, "总体：已触发"),
        ],
        ids=["exit", "notice", "reentry", "risk"],
    )
    def test_card_for_every_command(self, command_request: dict, headline: str) -> None:
        result = handle(command_request, today=TODAY)
        assert result["ok"] is True
        card = result["card"]
        assert f"{card['headline']['label']}：{card['headline']['text']}" == headline
        # after what to do and by when (its title and text): the headline
        assert render(command_request["command"], result["answer"], TODAY).splitlines()[2] == headline


class TestParseAmount:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            pytest.param("6000", Decimal("6000.00"), id="整数文本"),
            pytest.param("1000.5", Decimal("1000.50"), id="一位小数"),
            pytest.param("0.01", Decimal("0.01"), id="一分"),
            pytest.param(".5", Decimal("0.50"), id="省略0"),
            pytest.param("６,０００", Decimal("6000.00"), id="全角与千分位"),
            pytest.param(" 12 ", Decimal("12.00"), id="空格"),
            pytest.param(7, Decimal("7.00"), id="int"),
            pytest.param(Decimal("2.5"), Decimal("2.50"), id="Decimal"),
            pytest.param("999999999999.99", Decimal("999999999999.99"), id="上限"),
            # the yuan marks people type
            pytest.param("5000元", Decimal("5000.00"), id="元"),
            pytest.param("5000 元", Decimal("5000.00"), id="空格元"),
            pytest.param("¥5,000", Decimal("5000.00"), id="半角¥"),
            pytest.param("￥4,500.50 元", Decimal("4500.50"), id="全角￥与元"),
            pytest.param("¥ 12", Decimal("12.00"), id="¥空格"),
        ],
    )
    def test_accepts(self, value: object, expected: Decimal) -> None:
        assert parse_amount("deposit", value) == expected

    @pytest.mark.parametrize(
        ("value", "fragment"),
        [
            pytest.param("-1", "负数", id="负数"),
            pytest.param("-0.50", "负数", id="负小数"),
            pytest.param("1.001", "两位小数", id="三位小数"),
            pytest.param("1.000", "两位小数", id="三位零"),
            pytest.param("NaN", "数字", id="NaN"),
            pytest.param("Infinity", "数字", id="无穷"),
            pytest.param("1e3", "数字", id="科学计数"),
            pytest.param("abc", "数字", id="文字"),
            pytest.param("1000000000000", "过大", id="过大"),
            pytest.param(1.5, "金额", id="float"),
            pytest.param(True, "金额", id="bool"),
            # other currencies and doubled marks: never read as yuan; the message shows an accepted form
            pytest.param("$5000", "只能填写人民币金额（例如 5000 或 5000元）", id="美元符号"),
            pytest.param("5000美元", "只能填写人民币金额", id="美元"),
            pytest.param("USD 5000", "只能填写人民币金额", id="USD"),
            pytest.param("¥¥5000", "只能写一次", id="两个¥"),
            pytest.param("5000元元", "只能写一次", id="两个元"),
            pytest.param("元5000", "只能写一次", id="元在前"),
            # digits that are not digits: the card never shows a number the reader did not type
            pytest.param("4500¹", "数字金额", id="上标"),
            pytest.param("②", "数字金额", id="圈码"),
            pytest.param("٤٥٠٠", "数字金额", id="阿拉伯文数字"),
        ],
    )
    def test_rejects(self, value: object, fragment: str) -> None:
        with pytest.raises(InputError) as caught:
            parse_amount("deposit", value)
        assert caught.value.field == "deposit"
        assert fragment in str(caught.value)


class TestParseCount:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [("0", 0), ("3", 3), ("００３", 3), (5, 5), ("999999999999999999", 10**18 - 1), ("0" * 30 + "7", 7)],
        ids=["零", "三", "全角前导零", "int", "十八位", "前导零不算位数"],
    )
    def test_accepts(self, value: object, expected: int) -> None:
        assert parse_count("complaints", value) == expected

    @pytest.mark.parametrize(
        ("value", "fragment"),
        [
            pytest.param("-1", "负数", id="负数"),
            pytest.param(-1, "负数", id="负int"),
            pytest.param("1.5", "整数", id="小数"),
            pytest.param("2.0", "整数", id="点零"),
            pytest.param("三", "整数", id="汉字"),
            pytest.param("1" * 19, "过大", id="十九位"),
            pytest.param(False, "整数", id="bool"),
            pytest.param(2.0, "整数", id="float"),
            pytest.param("②", "整数", id="圈码"),
            pytest.param("2²", "整数", id="上标"),
        ],
    )
    def test_rejects(self, value: object, fragment: str) -> None:
        with pytest.raises(InputError) as caught:
            parse_count("complaints", value)
        assert fragment in str(caught.value)


class TestParseFlag:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (True, True),
            (False, False),
            (None, False),
            ("on", True),
            ("", False),
            ("false", False),
            ("TRUE", True),
        ],
    )
    def test_accepts(self, value: object, expected: bool) -> None:
        assert parse_flag("false_materials", value) is expected

    @pytest.mark.parametrize("value", ["maybe", 1, [True]])
    def test_rejects(self, value: object) -> None:
        with pytest.raises(InputError) as caught:
            parse_flag("false_materials", value)
        assert caught.value.field == "false_materials"


SHAPES = {"exit": ExitAnswer, "notice": NoticeAnswer, "reentry": ReentryAnswer, "risk": RiskAnswer}


class TestAnswerShape:
    """Every example of the contract answers with exactly the keys its TypedDict names."""

    @pytest.mark.parametrize(
        ("command", "example"),
        [(c.name, example) for c in COMMANDS.values() for example in c.examples],
        ids=lambda value: value if isinstance(value, str) else "",
    )
    def test_keys(self, command: str, example: dict[str, str]) -> None:
        answer = compute({"command": command, **example}, today=TODAY)
        assert set(answer) == set(SHAPES[command].__annotations__)
        if command == "risk":
            assert [set(rule) for rule in answer["rules"]] == [set(RuleAnswer.__annotations__)] * len(RuleId)
            if answer["deposit"] is not None:
                assert set(answer["deposit"]) == set(DepositAnswer.__annotations__)


class TestUnreadableDate:
    """A date the page's browser could not read (badInput) is an error of that field: never
    "empty", never today."""

    @pytest.mark.parametrize(
        ("request_", "field"),
        [
            ({"command": "exit", "applied": {"unreadable": True}}, "applied"),
            ({"command": "reentry", "exit_date": "2026-11-30", "on": {"unreadable": True}}, "on"),
            (
                {"command": "risk", "on": "2026-10-05", "deposit": "4500", "below_since": {"unreadable": True}},
                "below_since",
            ),
        ],
    )
    def test_named_and_never_read_as_something_else(self, request_: dict[str, object], field: str) -> None:
        result = handle(request_)
        assert result["ok"] is False and result["error"]["field"] == field
        assert (
            result["error"]["message"]
            == f"{FIELD_LABELS[field]}：日历上没有这一天，或者日期没有填完整（年、月、日都要填），请检查"
        )

    def test_only_for_dates(self) -> None:
        result = handle({"command": "risk", "on": "2026-10-05", "deposit": {"unreadable": True}})
        assert result["ok"] is False and result["error"]["field"] == "deposit"
        assert "日历" not in result["error"]["message"]
