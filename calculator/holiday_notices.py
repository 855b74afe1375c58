"""The project's own table of State Council holiday notices (R13).

Each year the General Office of the State Council publishes 国务院办公厅关于某年部分节假日安排的通知:
which days are off (放假) and which weekend days are working days (调休上班). The calculator
reads the schedules from the ``chinesecalendar`` package (2004–2026 in the pinned release);
this table comes first, for two uses:

- **Corrections** (``complete=False``): a day where ``chinesecalendar`` differs from the
  notice. Only those days are listed; the rest of the year stays with ``chinesecalendar``.
- **A newly published year** (``complete=True``): the whole schedule of that year, copied from
  its notice on the day it is published. The year then counts as published (R8) and its
  deadlines are computed, without waiting for a ``chinesecalendar`` release.

A row is one fact of a notice: ``Rest(first, last, holiday)`` says every day from ``first`` to
``last`` is off (the statutory days and the weekends moved into the break alike);
``Work(day, holiday)`` says a weekend day is a make-up working day. ``holiday`` is the break
the row belongs to, in the names the calendar shows elsewhere: 元旦、春节、清明、劳动节、端午、中秋、国庆节.
In a complete year every day not in a row is a working day from Monday to Friday and a rest
day on Saturday and Sunday.

Adding a year, e.g. 2027, the day its notice is published::

    2027: Notice(
        title="国务院办公厅关于2027年部分节假日安排的通知",
        number="国办发明电〔2026〕N号",     # 发文字号, as printed on the notice
        issued=date(2026, 11, D),           # 成文日期 (the date under the signature)
        complete=True,
        rows=(
            Rest(date(2027, 1, 1), date(2027, 1, 3), "元旦"),   # one row per 放假 line
            Work(date(2027, 2, 6), "春节"),                     # one row per 上班 day
            ...
        ),
    ),

A row may fall in the year before the notice's year (the 2006 notice made 2005-12-31 a
working day); it is filed under the notice that decided it. Rows take precedence over
``chinesecalendar`` on their days whatever the year. ``tests/core/test_holiday_sources.py``
checks the table against ``chinesecalendar`` and ``holidays`` for every day of 2004–2026.

Standard library only: this module also runs in the browser (Pyodide).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Rest:
    """放假: every day from ``first`` to ``last`` (inclusive) is a rest day."""

    first: date
    last: date
    holiday: str

    def days(self) -> tuple[date, ...]:
        return tuple(self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1))


@dataclass(frozen=True, slots=True)
class Work:
    """上班: a Saturday or Sunday that is a working day (调休上班)."""

    day: date
    holiday: str

    def days(self) -> tuple[date, ...]:
        return (self.day,)


Row = Rest | Work


@dataclass(frozen=True, slots=True)
class Notice:
    """One State Council notice: the schedule of ``year``, or the days where it corrects chinesecalendar."""

    title: str
    number: str  # 发文字号, e.g. 国办发明电〔2005〕35号
    issued: date  # 成文日期
    complete: bool  # True: ``rows`` is the year's whole schedule, and the year counts as published
    rows: tuple[Row, ...]


# Keyed by the year the notice schedules (关于<year>年部分节假日安排的通知).
NOTICES: dict[int, Notice] = {
    2006: Notice(
        title="国务院办公厅关于2006年部分节假日安排的通知",
        number="国办发明电〔2005〕35号",
        issued=date(2005, 12, 16),
        complete=False,
        rows=(
            # "12月31日（星期六）上班": the Saturday's rest moved to 2006-01-03. chinesecalendar
            # 1.11.0 keeps it an ordinary Saturday off; holidays (CN) agrees with the notice.
            Work(date(2005, 12, 31), "元旦"),
        ),
    ),
}
