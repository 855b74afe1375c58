"""Working days of the official State Council holiday schedule (R7, R8).

The schedules come from the ``chinesecalendar`` package, which records each year's
State Council notice (国务院办公厅关于某年部分节假日安排的通知), make-up working days
(调休上班) included, and raises for a year whose notice it does not hold. A year without
a published schedule is never estimated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

FIRST_YEAR = 2004  # the earliest schedule chinesecalendar holds


@dataclass(frozen=True, slots=True)
class NextWorkingDay:
    """The first working day on or after a date, or why it cannot be known."""

    day: date | None
    note: str | None


def next_working_day(start: date) -> NextWorkingDay:
    """The first working day on or after ``start`` in the official schedule.

    >>> next_working_day(date(2026, 10, 3)).day
    datetime.date(2026, 10, 8)
    """
    day = start
    while True:
        try:
            if chinese_calendar.is_workday(day):
                return NextWorkingDay(day, None)
        except NotImplementedError:
            return NextWorkingDay(None, _unknown_year_note(day.year))
        if day == date.max:
            return NextWorkingDay(None, _unknown_year_note(day.year))
        day += timedelta(days=1)


def _unknown_year_note(year: int) -> str:
    if year < FIRST_YEAR:
        return (
            f"本站的官方放假安排数据从 {FIRST_YEAR} 年开始，{year} 年不在其中，"
            "因此不计算节假日顺延后的期限；请以按日历计算的期限为准。"
        )
    return (
        f"{year} 年的国务院节假日安排尚未发布（或本站尚未收录），无法判断哪些日子是法定休假日，"
        "因此不计算顺延后的期限，也不作估计；请以按日历计算的期限为准。"
    )
