"""R7/R8/R13: the official working-day calendar: the table of notices first, then chinesecalendar."""

from datetime import date, timedelta

import pytest

from calculator import holiday_notices, workdays
from calculator.holiday_notices import Notice, Rest, Work
from calculator.workdays import day_kind, is_published, is_working_day, next_working_day

UNKNOWN = ("unknown", "安排未发布")


class TestNextWorkingDay:
    @pytest.mark.parametrize(
        ("start", "expected"),
        [
            pytest.param(date(2026, 10, 3), date(2026, 10, 8), id="国庆"),
            pytest.param(date(2026, 2, 16), date(2026, 2, 24), id="春节"),
            pytest.param(date(2026, 2, 28), date(2026, 2, 28), id="调休上班周六"),
            pytest.param(date(2026, 2, 14), date(2026, 2, 14), id="春节前调休周六"),
            # a Sunday, but a make-up working day for the 国庆 break (chinesecalendar and the notice agree)
            pytest.param(date(2026, 9, 20), date(2026, 9, 20), id="国庆前调休周日"),
            # 中秋 9-25 to 9-27, then two working days, then 国庆
            pytest.param(date(2026, 9, 25), date(2026, 9, 28), id="中秋"),
            pytest.param(date(2026, 6, 6), date(2026, 6, 8), id="普通周六"),
            pytest.param(date(2026, 6, 8), date(2026, 6, 8), id="工作日本身"),
            # a Saturday: chinesecalendar says rest, 国办发明电〔2005〕35号 says 上班; the table wins
            pytest.param(date(2005, 12, 31), date(2005, 12, 31), id="2005年末调休上班周六"),
            pytest.param(date(2006, 1, 1), date(2006, 1, 4), id="2006元旦"),
        ],
    )
    def test_table(self, start: date, expected: date) -> None:
        result = next_working_day(start)
        assert (result.day, result.note) == (expected, None)

    @pytest.mark.parametrize(
        "start",
        [
            pytest.param(date(2027, 1, 4), id="2027未发布"),
            pytest.param(date(2099, 1, 1), id="遥远的将来"),
            pytest.param(date(2003, 12, 31), id="2004年以前"),
            pytest.param(date(9999, 12, 31), id="最后一天"),
        ],
    )
    def test_unknown_years_are_never_estimated(self, start: date) -> None:
        result = next_working_day(start)
        assert result.day is None
        assert str(start.year) in (result.note or "")

    def test_the_note_says_why(self) -> None:
        assert "尚未发布" in (next_working_day(date(2027, 1, 4)).note or "")
        assert "从 2004 年开始" in (next_working_day(date(2003, 12, 31)).note or "")

    def test_a_search_that_runs_into_an_unknown_year_stops_there(self) -> None:
        # 2026-12-31 is a Thursday and a working day; from 2027-01-01 on nothing is known
        assert next_working_day(date(2026, 12, 31)).day == date(2026, 12, 31)
        assert next_working_day(date(2027, 1, 1)).note == next_working_day(date(2027, 1, 4)).note


class TestIsWorkingDay:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            pytest.param(date(2005, 12, 31), True, id="2005年末调休上班周六"),
            pytest.param(date(2026, 2, 14), True, id="春节前调休周六"),
            pytest.param(date(2026, 2, 23), False, id="春节最后一天周一"),
            pytest.param(date(2026, 9, 20), True, id="国庆前调休周日"),
            pytest.param(date(2026, 10, 3), False, id="国庆周六"),
            pytest.param(date(2026, 10, 8), True, id="国庆后第一天"),
            pytest.param(date(2027, 1, 4), None, id="2027未发布"),
            pytest.param(date(2003, 6, 2), None, id="2004年以前"),
        ],
    )
    def test_table(self, day: date, expected: bool | None) -> None:
        assert is_working_day(day) is expected


class TestDayKind:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            # chinesecalendar: an ordinary Saturday off; the table (国办发明电〔2005〕35号): 上班
            pytest.param(date(2005, 12, 31), ("makeup", "调休上班"), id="2005年末调休上班周六"),
            pytest.param(date(2006, 1, 3), ("holiday", "元旦"), id="2006元旦调休"),
            pytest.param(date(2026, 2, 14), ("makeup", "调休上班"), id="春节前调休周六"),
            pytest.param(date(2026, 2, 15), ("holiday", "春节"), id="春节第一天周日"),
            pytest.param(date(2026, 9, 20), ("makeup", "调休上班"), id="国庆前调休周日"),
            pytest.param(date(2026, 9, 26), ("holiday", "中秋"), id="中秋周六"),
            pytest.param(date(2026, 10, 3), ("holiday", "国庆节"), id="国庆周六"),
            pytest.param(date(2026, 10, 8), ("work", ""), id="国庆后第一天"),
            pytest.param(date(2026, 10, 11), ("weekend", "休息日"), id="普通周日"),
            pytest.param(date(2027, 1, 4), UNKNOWN, id="2027未发布"),
            pytest.param(date(2003, 12, 31), UNKNOWN, id="2004年以前"),
        ],
    )
    def test_table(self, day: date, expected: tuple[str, str]) -> None:
        assert day_kind(day) == expected

    def test_agrees_with_is_working_day_every_day_2004_to_2026(self) -> None:
        day = date(2004, 1, 1)
        while day <= date(2026, 12, 31):
            kind, label = day_kind(day)
            working, weekend = is_working_day(day), day.weekday() >= 5
            expected_kinds = ({"makeup"} if weekend else {"work"}) if working else {"holiday", "weekend"}
            assert kind in expected_kinds, day
            assert bool(label) == (kind != "work"), day
            day += timedelta(days=1)


# An invented notice, to prove the mechanism; the real table is not edited by the tests.
FAKE_2031 = Notice(
    title="国务院办公厅关于2031年部分节假日安排的通知（测试用，虚构）",
    number="国办发明电〔2030〕99号",
    issued=date(2030, 11, 1),
    complete=True,
    rows=(
        Rest(date(2031, 10, 1), date(2031, 10, 7), "国庆节"),
        Work(date(2031, 9, 28), "国庆节"),  # Sunday
        Work(date(2031, 10, 11), "国庆节"),  # Saturday
    ),
)

# The 2026 notice copied in the table's format, row by row from its text: as a complete year
# it must give every day of 2026 exactly what chinesecalendar gives.
NOTICE_2026 = Notice(
    title="国务院办公厅关于2026年部分节假日安排的通知",
    number="国办发明电〔2025〕7号",
    issued=date(2025, 11, 4),
    complete=True,
    rows=(
        Rest(date(2026, 1, 1), date(2026, 1, 3), "元旦"),
        Work(date(2026, 1, 4), "元旦"),
        Rest(date(2026, 2, 15), date(2026, 2, 23), "春节"),
        Work(date(2026, 2, 14), "春节"),
        Work(date(2026, 2, 28), "春节"),
        Rest(date(2026, 4, 4), date(2026, 4, 6), "清明"),
        Rest(date(2026, 5, 1), date(2026, 5, 5), "劳动节"),
        Work(date(2026, 5, 9), "劳动节"),
        Rest(date(2026, 6, 19), date(2026, 6, 21), "端午"),
        Rest(date(2026, 9, 25), date(2026, 9, 27), "中秋"),
        Rest(date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
        Work(date(2026, 9, 20), "国庆节"),
        Work(date(2026, 10, 10), "国庆节"),
    ),
)


class TestNewYearInTable:
    def test_a_complete_year_becomes_computable(self, monkeypatch: pytest.MonkeyPatch) -> None:
        assert next_working_day(date(2031, 10, 1)).day is None
        assert not is_published(2031)
        monkeypatch.setitem(holiday_notices.NOTICES, 2031, FAKE_2031)

        assert is_published(2031)
        assert next_working_day(date(2031, 10, 1)) == workdays.NextWorkingDay(date(2031, 10, 8), None)
        assert next_working_day(date(2031, 9, 27)).day == date(2031, 9, 28)  # Saturday, then the make-up Sunday
        assert day_kind(date(2031, 9, 28)) == ("makeup", "调休上班")
        assert day_kind(date(2031, 10, 4)) == ("holiday", "国庆节")
        assert day_kind(date(2031, 10, 12)) == ("weekend", "休息日")  # no row: an ordinary Sunday
        assert day_kind(date(2031, 12, 31)) == ("work", "")
        # the next year stays unknown
        assert day_kind(date(2032, 1, 1)) == UNKNOWN
        assert "2032" in (next_working_day(date(2032, 1, 1)).note or "")

    def test_corrections_alone_do_not_publish_a_year(self, monkeypatch: pytest.MonkeyPatch) -> None:
        partial = Notice(
            title=FAKE_2031.title, number=FAKE_2031.number, issued=FAKE_2031.issued, complete=False, rows=FAKE_2031.rows
        )
        monkeypatch.setitem(holiday_notices.NOTICES, 2031, partial)
        assert not is_published(2031)
        assert day_kind(date(2031, 9, 28)) == ("makeup", "调休上班")  # the row itself is a fact
        assert next_working_day(date(2031, 10, 12)).day is None  # everything else is unknown

    def test_the_2026_notice_in_the_table_format_reproduces_chinesecalendar(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
        before = [(is_working_day(d), day_kind(d)) for d in days]
        monkeypatch.setitem(holiday_notices.NOTICES, 2026, NOTICE_2026)
        after = [(is_working_day(d), day_kind(d)) for d in days]
        assert [d for d, b, a in zip(days, before, after, strict=True) if a != b] == []
