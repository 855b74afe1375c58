"""Calendar helpers: the month shift, Beijing 'today', parsing and display."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from calculator import InputError, format_date_zh, today_beijing
from calculator.dates import add_months, parse_date


class TestAddMonths:
    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            pytest.param(date(2026, 5, 15), 3, date(2026, 8, 15), id="同日"),
            pytest.param(date(2026, 11, 30), 3, date(2027, 2, 28), id="跨年到平年2月底"),
            pytest.param(date(2027, 11, 30), 3, date(2028, 2, 29), id="跨年到闰年2月29日"),
            pytest.param(date(2026, 12, 31), 3, date(2027, 3, 31), id="12月31日"),
            pytest.param(date(2026, 1, 31), 1, date(2026, 2, 28), id="1月31日加1月"),
            pytest.param(date(2024, 2, 29), 12, date(2025, 2, 28), id="闰日加一年"),
            pytest.param(date(2026, 3, 31), -1, date(2026, 2, 28), id="倒推一个月"),
            pytest.param(date(9999, 9, 30), 3, date(9999, 12, 30), id="最后可表示的年份"),
        ],
    )
    def test_table(self, start: date, months: int, expected: date) -> None:
        assert add_months(start, months) == expected

    def test_beyond_9999_overflows(self) -> None:
        with pytest.raises(OverflowError):
            add_months(date(9999, 10, 1), 3)


class TestTodayBeijing:
    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            # 16:00 UTC is midnight in Beijing: the date has already turned
            pytest.param(datetime(2026, 1, 1, 16, 0, tzinfo=UTC), date(2026, 1, 2), id="UTC16点"),
            pytest.param(datetime(2026, 1, 1, 15, 59, tzinfo=UTC), date(2026, 1, 1), id="UTC15点59"),
            # a device in New York on the evening of 12-31 is already in the new year in Beijing
            pytest.param(
                datetime(2026, 12, 31, 20, 0, tzinfo=timezone(timedelta(hours=-5))),
                date(2027, 1, 1),
                id="纽约跨年夜",
            ),
        ],
    )
    def test_is_beijing_date(self, moment: datetime, expected: date) -> None:
        assert today_beijing(moment) == expected

    def test_default_reads_the_clock(self) -> None:
        now = datetime.now(UTC)
        assert today_beijing() in {today_beijing(now), today_beijing(now + timedelta(minutes=1))}


class TestParseDate:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            pytest.param("2026-05-15", date(2026, 5, 15), id="ISO"),
            pytest.param(" 2026-05-15 ", date(2026, 5, 15), id="前后空格"),
            pytest.param("２０２６-０５-１５", date(2026, 5, 15), id="全角数字"),
            pytest.param("2028-02-29", date(2028, 2, 29), id="闰日"),
            pytest.param("0001-01-01", date(1, 1, 1), id="最早"),
            pytest.param("9999-12-31", date(9999, 12, 31), id="最晚"),
            pytest.param("2026/5/15", date(2026, 5, 15), id="斜杠"),
            pytest.param("2026/05/15", date(2026, 5, 15), id="斜杠补零"),
            pytest.param("2026.5.15", date(2026, 5, 15), id="点"),
            pytest.param("2026-5-15", date(2026, 5, 15), id="不补零"),
            pytest.param("2026年5月15日", date(2026, 5, 15), id="中文"),
            pytest.param("2026年05月15", date(2026, 5, 15), id="中文省略日"),
            pytest.param("２０２６年５月１５日", date(2026, 5, 15), id="全角中文"),
            pytest.param("20260515", date(2026, 5, 15), id="无分隔"),
        ],
    )
    def test_accepts(self, text: str, expected: date) -> None:
        assert parse_date("applied", text) == expected

    @pytest.mark.parametrize(
        ("value", "fragment"),
        [
            pytest.param("2026-02-30", "没有", id="不存在的日子"),
            pytest.param("2027-02-29", "没有", id="平年闰日"),
            pytest.param("2026-13-01", "没有", id="13月"),
            pytest.param("0000-01-01", "没有", id="0年"),
            pytest.param("2026/05-15", "YYYY-MM-DD", id="分隔符混用"),
            pytest.param("2026515", "YYYY-MM-DD", id="七位数字"),
            pytest.param("202651-05-15", "YYYY-MM-DD", id="六位年份"),
            pytest.param("2026/5/32", "没有 2026年5月32日", id="32日"),
            pytest.param("1" * 5000, "太长", id="粘贴过长"),
            pytest.param("tomorrow", "YYYY-MM-DD", id="英文"),
            pytest.param(20260515, "YYYY-MM-DD", id="整数"),
            pytest.param(datetime(2026, 5, 15, 8, 0), "YYYY-MM-DD", id="datetime"),
        ],
    )
    def test_rejects_with_chinese_message_naming_field(self, value: object, fragment: str) -> None:
        with pytest.raises(InputError) as caught:
            parse_date("applied", value)
        assert caught.value.field == "applied"
        assert str(caught.value).startswith("申请退出日期：")
        assert fragment in str(caught.value)


class TestFormatDateZh:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            pytest.param("2026-12-12", "2026年12月12日（星期六）", id="周六"),
            pytest.param(date(2026, 2, 16), "2026年2月16日（星期一）", id="date对象"),
            pytest.param("2027-03-07", "2027年3月7日（星期日）", id="周日"),
        ],
    )
    def test_format(self, value: object, expected: str) -> None:
        assert format_date_zh(value) == expected  # type: ignore[arg-type]
