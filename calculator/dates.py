"""Calendar helpers: Beijing 'today', the month shift, ISO parsing and Chinese display."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone

from .errors import InputError

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def today_beijing(now: datetime | None = None) -> date:
    """Today's date in Beijing time (R1), whatever the machine's own time zone.

    >>> today_beijing(datetime(2026, 1, 1, 16, 30, tzinfo=timezone.utc))
    datetime.date(2026, 1, 2)
    """
    moment = now if now is not None else datetime.now(UTC)
    return moment.astimezone(BEIJING).date()


def add_months(day: date, months: int) -> date:
    """Shift by calendar months; a missing day number becomes the month's last day.

    >>> add_months(date(2026, 11, 30), 3)
    datetime.date(2027, 2, 28)
    """
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    month = month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(field: str, day: date, *, days: int = 0, months: int = 0) -> date:
    """``day`` moved by days/months, or an InputError on ``field`` if it leaves 0001–9999."""
    try:
        return add_months(day, months) + timedelta(days=days)
    except OverflowError:
        raise InputError(
            field,
            f"由 {day.isoformat()} 算出的日期超出可计算的范围（0001-01-01 至 9999-12-31）",
        ) from None


def normalize_text(value: str) -> str:
    """Full-width digits and signs to ASCII, surrounding spaces removed."""
    return unicodedata.normalize("NFKC", value).strip()


def parse_date(field: str, value: object) -> date:
    """An ISO ``YYYY-MM-DD`` date (a ``date`` passes through).

    >>> parse_date("applied", "２０２６-０５-１５")
    datetime.date(2026, 5, 15)
    """
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise InputError(field, f"应为 YYYY-MM-DD 格式的日期，收到 {show(value)}")
    text = normalize_text(value)
    match = _ISO.fullmatch(text)
    if match is None:
        raise InputError(field, f"日期格式应为 YYYY-MM-DD（如 2026-05-15），收到 {show(value)}")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(field, f"日历上没有 {text} 这一天，请检查年、月、日") from None


def format_date_zh(day: date | str) -> str:
    """A date the way a Chinese reader writes it, with the weekday.

    >>> format_date_zh("2026-05-30")
    '2026年5月30日（星期六）'
    """
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS_ZH[day.weekday()]}）"


def show(value: object) -> str:
    """A received value, quoted and cut short, for an error message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
