"""Calendar helpers: Beijing 'today', the month shift, ISO parsing and Chinese display."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta, timezone

from .errors import InputError

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
# The ways people write a date, each read as the same day (answers are always ISO):
# 2026-05-15 and 2026-5-15, 2026/5/15, 2026.5.15, 2026年5月15日 (日 may be left out), 20260515.
_DATE_FORMS = (
    re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})"),
    re.compile(r"([0-9]{4})(年)([0-9]{1,2})月([0-9]{1,2})日?"),
    re.compile(r"([0-9]{4})()([0-9]{2})([0-9]{2})"),
)
MAX_TEXT = 64  # longer text is never a value a person meant (a paste gone wrong)
DATE_FORMS_ZH = "YYYY-MM-DD（如 2026-05-15；也可写 2026/5/15、2026.5.15、2026年5月15日、20260515）"


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
            f"由 {format_date_zh(day)}算出的日期超出可计算的范围（0001年1月1日 至 9999年12月31日）",
        ) from None


# Full-width ASCII (！ to ～, digits and Latin letters among them) and the ideographic space:
# what a Chinese keyboard types instead of ASCII. Nothing else is folded: superscript or circled
# digits (¹, ②) and other scripts' digits stay as they are, so they are bad input, never digits.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalize_text(value: str) -> str:
    """Full-width digits and signs to ASCII, surrounding spaces removed.

    >>> normalize_text(" ２０２６－０５－１５　")
    '2026-05-15'
    >>> normalize_text("4500¹")
    '4500¹'
    """
    return value.translate(_FULL_WIDTH).strip()


def text_of(field: str, value: str) -> str:
    """``value`` normalised (:func:`normalize_text`), or an InputError if it is far too long."""
    if len(value) > MAX_TEXT * 4:  # before normalising, which would otherwise work through all of it
        raise InputError(field, f"内容太长（{len(value)} 个字符），请检查是否粘贴错了")
    text = normalize_text(value)
    if len(text) > MAX_TEXT:
        raise InputError(field, f"内容太长（{len(text)} 个字符），请检查是否粘贴错了")
    return text


# What a page says of a date its browser could not read (a date input's badInput: 2027/02/30,
# an unfinished 2027/03): the browser keeps the typed text to itself, so this cannot quote it.
UNREADABLE_DATE = "日历上没有这一天，或者日期没有填完整（年、月、日都要填），请检查"


def parse_date(field: str, value: object) -> date:
    """A date as people write it (a ``date`` passes through); see ``_DATE_FORMS``.

    >>> parse_date("applied", "２０２６-０５-１５")
    datetime.date(2026, 5, 15)
    >>> parse_date("applied", "2026年5月15日")
    datetime.date(2026, 5, 15)
    """
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise InputError(field, f"应为日期，格式 {DATE_FORMS_ZH}，收到 {show(value)}")
    text = text_of(field, value)
    match = next((found for form in _DATE_FORMS if (found := form.fullmatch(text))), None)
    if match is None:
        raise InputError(field, f"日期格式应为 {DATE_FORMS_ZH}，收到 {show(value)}")
    year, month, day = (int(match.group(n)) for n in (1, 3, 4))
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(field, f"日历上没有 {year}年{month}月{day}日 这一天，请检查年、月、日") from None


def format_short_zh(day: date | str) -> str:
    """A date without its weekday, for tight places (a timeline's labels).

    >>> format_short_zh("2026-05-30")
    '2026年5月30日'
    """
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.year}年{day.month}月{day.day}日"


def format_date_zh(day: date | str) -> str:
    """A date the way a Chinese reader writes it, with the weekday.

    >>> format_date_zh("2026-05-30")
    '2026年5月30日（星期六）'
    """
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{format_short_zh(day)}（{WEEKDAYS_ZH[day.weekday()]}）"


def format_deadline_zh(day: date | str) -> str:
    """The end of a deadline day: it runs until 24:00 that day (民法典第二百零三条).

    >>> format_deadline_zh("2026-10-03")
    '2026年10月3日（星期六）24:00'
    """
    return f"{format_date_zh(day)}24:00"


def show(value: object) -> str:
    """A received value, in Chinese quotation marks and cut short, for an error message.

    >>> show("5000美元")
    '“5000美元”'
    """
    if value is None:
        return "空值"
    text = value if isinstance(value, str) else repr(value)
    text = text if len(text) <= 38 else text[:36] + "……"
    return f"“{text}”"
