"""Working days of the official State Council holiday schedule (R7, R8, R13).

Two sources, in this order:

1. the project's table of State Council notices (:mod:`calculator.holiday_notices`): its rows
   decide their days, and a year it holds completely counts as published;
2. the ``chinesecalendar`` package, which records each year's notice (国务院办公厅关于某年部分节假日安排的通知),
   make-up working days (调休上班) included, and raises for a year whose notice it does not hold.

A year that neither holds is unknown, and is never estimated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from . import holiday_notices
from .holiday_notices import Rest, Row, Work

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
    >>> next_working_day(date(2005, 12, 31)).day  # 国办发明电〔2005〕35号: a working Saturday
    datetime.date(2005, 12, 31)
    """
    day = start
    while True:
        working = is_working_day(day)
        if working is None:
            return NextWorkingDay(None, _unknown_year_note(day.year))
        if working:
            return NextWorkingDay(day, None)
        if day == date.max:
            return NextWorkingDay(None, _unknown_year_note(day.year))
        day += timedelta(days=1)


def is_working_day(day: date) -> bool | None:
    """Whether ``day`` is a working day in the official schedule; None if its year is unknown.

    >>> is_working_day(date(2026, 10, 1)), is_working_day(date(2026, 9, 20)), is_working_day(date(2027, 1, 4))
    (False, True, None)
    """
    row = _row(day)
    if row is not None:
        return isinstance(row, Work)
    if _table_complete(day.year):
        return day.weekday() < 5
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def day_kind(day: date) -> tuple[str, str]:
    """(kind, Chinese label) of ``day`` in the official schedule.

    Kinds: ``work`` (label ""), ``makeup`` (调休上班), ``holiday`` (the holiday's name),
    ``weekend`` (休息日), ``unknown`` (安排未发布: no published schedule for its year).

    >>> [day_kind(date(2026, 10, n)) for n in (1, 8, 10, 11)]
    [('holiday', '国庆节'), ('work', ''), ('makeup', '调休上班'), ('weekend', '休息日')]
    """
    working = is_working_day(day)
    if working is None:
        return "unknown", "安排未发布"
    if working:
        return ("makeup", "调休上班") if day.weekday() >= 5 else ("work", "")
    name = _holiday_name(day)
    return ("holiday", name) if name else ("weekend", "休息日")


def is_published(year: int) -> bool:
    """Whether the schedule of ``year`` is known: complete in the table, or held by chinesecalendar."""
    if _table_complete(year):
        return True
    if not date.min.year <= year <= date.max.year:
        return False
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def _row(day: date) -> Row | None:
    """The table's row covering ``day``, if any (the table is small: a scan is enough)."""
    for notice in holiday_notices.NOTICES.values():
        for row in notice.rows:
            if (row.first <= day <= row.last) if isinstance(row, Rest) else row.day == day:
                return row
    return None


def _table_complete(year: int) -> bool:
    notice = holiday_notices.NOTICES.get(year)
    return notice is not None and notice.complete


def _holiday_name(day: date) -> str:
    """The holiday a rest day belongs to, "" for an ordinary weekend day."""
    row = _row(day)
    if row is not None:
        return row.holiday
    if _table_complete(day.year):
        return ""
    _, name = chinese_calendar.get_holiday_detail(day)
    return str(chinese_calendar.Holiday(name).chinese) if name else ""


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
