"""R13: the sources of the holiday schedule, compared for every day of 2004–2026.

chinesecalendar (the calculator's bulk source), holidays (CN; cites the State Council notices,
a dev dependency only) and the project's table of notices (calculator/holiday_notices.py).
Where the two packages differ, a row of the table must decide the day: the rows are the
explanations. A row must agree with at least one of the packages; one that contradicts both
is more likely a typo than a correction, and is reported.
"""

import re
from datetime import date, timedelta
from functools import cache
from typing import Any

import chinese_calendar
import pytest

from calculator.holiday_notices import NOTICES, Notice, Rest, Work
from calculator.workdays import day_kind, is_working_day

# Both packages hold official schedules for these years (holidays estimates later years).
FIRST, LAST = date(2004, 1, 1), date(2026, 12, 31)
HOLIDAY_NAMES = frozenset(h.chinese for h in chinese_calendar.Holiday)


def _days(first: date = FIRST, last: date = LAST) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _table() -> dict[date, tuple[bool, Notice]]:
    """Every day a row of the table decides: (working?, the notice)."""
    decided: dict[date, tuple[bool, Notice]] = {}
    for notice in NOTICES.values():
        for row in notice.rows:
            for day in row.days():
                decided[day] = (isinstance(row, Work), notice)
    return decided


@cache
def _holidays_cn() -> Any:
    holidays = pytest.importorskip("holidays")
    return holidays.country_holidays("CN", years=range(FIRST.year, LAST.year + 1))


def _holidays_working(day: date) -> bool:
    return bool(_holidays_cn().is_working_day(day))


class TestNoticeTable:
    @pytest.mark.parametrize("year", sorted(NOTICES))
    def test_each_notice_is_well_formed(self, year: int) -> None:
        notice = NOTICES[year]
        assert f"关于{year}年" in notice.title
        assert re.fullmatch(r"国办发明电〔\d{4}〕\d+号", notice.number), notice.number
        assert notice.issued.year in (year - 1, year)
        assert notice.rows
        for row in notice.rows:
            # a notice decides its own year, and at most the end of the year before
            assert {day.year for day in row.days()} <= {year - 1, year}, row
            assert row.holiday in HOLIDAY_NAMES, f"{row}: use the names chinesecalendar uses"
            if isinstance(row, Rest):
                assert row.first <= row.last, row
            else:
                assert row.day.weekday() >= 5, f"{row}: a make-up working day is a Saturday or Sunday"

    def test_no_day_is_in_two_rows(self) -> None:
        days = [day for notice in NOTICES.values() for row in notice.rows for day in row.days()]
        assert len(days) == len(set(days))

    def test_a_rest_row_holds_every_day_from_first_to_last(self) -> None:
        week = Rest(date(2026, 10, 1), date(2026, 10, 7), "国庆节").days()
        assert week == tuple(date(2026, 10, day) for day in range(1, 8))
        assert Rest(date(2026, 1, 1), date(2026, 1, 1), "元旦").days() == (date(2026, 1, 1),)

    def test_the_2005_correction(self) -> None:
        notice = NOTICES[2006]
        assert (notice.number, notice.issued) == ("国办发明电〔2005〕35号", date(2005, 12, 16))
        assert Work(date(2005, 12, 31), "元旦") in notice.rows
        assert is_working_day(date(2005, 12, 31)) is True
        assert day_kind(date(2005, 12, 31)) == ("makeup", "调休上班")


class TestEveryDay2004To2026:
    def test_the_packages_differ_only_where_the_table_decides(self) -> None:
        decided = _table()
        unexplained = [
            day.isoformat()
            for day in _days()
            if day not in decided and chinese_calendar.is_workday(day) != _holidays_working(day)
        ]
        assert unexplained == [], (
            "chinesecalendar and holidays differ on these days and no row of calculator/holiday_notices.py "
            "decides them: read the State Council notice and add a row citing it"
        )

    def test_no_row_contradicts_both_packages(self) -> None:
        contradicted = [
            f"{day.isoformat()} ({notice.number})"
            for day, (working, notice) in sorted(_table().items())
            if FIRST <= day <= LAST
            and working != chinese_calendar.is_workday(day)
            and working != _holidays_working(day)
        ]
        assert contradicted == [], "these rows disagree with both packages: check them against the notice"

    def test_the_calculator_follows_the_table_then_chinesecalendar(self) -> None:
        decided = _table()
        wrong = [
            day.isoformat()
            for day in _days()
            if is_working_day(day) != (decided[day][0] if day in decided else chinese_calendar.is_workday(day))
        ]
        assert wrong == []
