"""R7/R8: the official working-day calendar, and its cross-check against `holidays`."""

from datetime import date, timedelta

import pytest

from calculator.workdays import next_working_day


class TestNextWorkingDay:
    @pytest.mark.parametrize(
        ("start", "expected"),
        [
            pytest.param(date(2026, 10, 3), date(2026, 10, 8), id="国庆"),
            pytest.param(date(2026, 2, 16), date(2026, 2, 24), id="春节"),
            pytest.param(date(2026, 2, 28), date(2026, 2, 28), id="调休上班周六"),
            pytest.param(date(2026, 2, 14), date(2026, 2, 14), id="春节前调休周六"),
            pytest.param(date(2026, 6, 6), date(2026, 6, 8), id="普通周六"),
            pytest.param(date(2026, 6, 8), date(2026, 6, 8), id="工作日本身"),
        ],
    )
    def test_table(self, start: date, expected: date) -> None:
        result = next_working_day(start)
        assert (result.day, result.note) == (expected, None)

    @pytest.mark.parametrize("start", [date(2099, 1, 1), date(2003, 12, 31), date(9999, 12, 31)])
    def test_unknown_years_are_never_estimated(self, start: date) -> None:
        result = next_working_day(start)
        assert result.day is None
        assert str(start.year) in (result.note or "")


class TestAgainstHolidaysPackage:
    """chinesecalendar and holidays (CN) agree on 2004–2026 but for one documented day.

    2005-12-31, a Saturday, around the 2006 New Year break: holidays makes it a working day
    (its 2006-01-03 is "Day off (substituted from 12/31/2005)"); chinesecalendar keeps it a
    rest day. The calculator uses chinesecalendar, and no deadline of today's users falls in
    2005, so the difference is recorded here and on the site, not resolved.
    """

    KNOWN_DISAGREEMENTS = frozenset({date(2005, 12, 31)})

    def test_every_day_2004_to_2026(self) -> None:
        holidays = pytest.importorskip("holidays")
        import chinese_calendar

        cn = holidays.country_holidays("CN", years=range(2004, 2027))
        day, differ = date(2004, 1, 1), set()
        while day <= date(2026, 12, 31):
            if cn.is_working_day(day) != chinese_calendar.is_workday(day):
                differ.add(day)
            day += timedelta(days=1)
        assert differ == self.KNOWN_DISAGREEMENTS
