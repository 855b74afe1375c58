"""Parsers for the request's non-date values: amounts, counts and yes/no flags."""

from __future__ import annotations

import re
from decimal import Decimal

from .dates import normalize_text, show, text_of
from .errors import InputError

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")
MAX_COUNT_DIGITS = 18
# Yuan: digits with an optional decimal part; a comma only between groups of three digits
# (6,000 and 4,500.50), so that 4500,50 or 1,5 is refused, never read as another number.
_AMOUNT = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+")
_COUNT = re.compile(r"[0-9]+")
AMOUNT_EXAMPLE = "例如 5000 或 5000元"
_YUAN_MARK = re.compile(r"[¥￥元]")
# Other currencies' signs, codes and names: never read as yuan.
_FOREIGN = re.compile(
    r"[$€£₩₹₽฿]|美元|美金|欧元|英镑|日元|港币|港元|澳元|台币|韩元|卢布|(?i:usd|eur|gbp|jpy|hkd|twd|krw)"
)
_TRUE = {"true", "1", "on", "yes", "是"}
_FALSE = {"false", "0", "off", "no", "否", ""}


def is_blank(value: object) -> bool:
    """None or text with nothing in it: an optional field that was left empty."""
    return value is None or (isinstance(value, str) and normalize_text(value) == "")


def parse_amount(field: str, value: object) -> Decimal:
    """Yuan, at most two decimals, not negative; returned with exactly two decimals.

    >>> parse_amount("deposit", "１５００.5")
    Decimal('1500.50')
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise InputError(field, f"应为以元为单位的金额（{AMOUNT_EXAMPLE}），收到 {show(value)}")
    text = _without_yuan(field, text_of(field, str(value)), value)
    if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
        raise InputError(field, f"金额不能为负数，收到 {show(value)}")
    if _AMOUNT.fullmatch(text) is None:
        if "," in text and _AMOUNT.fullmatch(text.replace(",", "")):
            raise InputError(
                field,
                f"逗号只能作千位分隔符（如 6,000 或 4,500.50），小数点请用“.”；收到 {show(value)}，无法确定是多少元",
            )
        raise InputError(field, f"应为以元为单位的数字金额（{AMOUNT_EXAMPLE}），收到 {show(value)}")
    text = text.replace(",", "")
    if len(text.partition(".")[2]) > 2:
        raise InputError(field, f"金额最多保留两位小数（精确到分），收到 {show(value)}")
    amount = Decimal(text)
    if amount > MAX_AMOUNT:
        raise InputError(field, f"金额过大，最多 {MAX_AMOUNT} 元，收到 {show(value)}")
    return amount.quantize(CENT)


def _without_yuan(field: str, text: str, value: object) -> str:
    """The number of an amount written with the yuan marks people type: ¥5,000, 5000元, ￥4500 元.

    >>> _without_yuan("deposit", "￥4,500.50 元", "")
    '4,500.50'
    """
    if _FOREIGN.search(text):
        raise InputError(field, f"只能填写人民币金额（{AMOUNT_EXAMPLE}），收到 {show(value)}")
    number = text.removeprefix("¥").removeprefix("￥").lstrip()
    if number.endswith("元"):
        number = number[:-1].rstrip()
    if _YUAN_MARK.search(number):
        raise InputError(field, f"金额里的“¥”或“元”只能写一次（{AMOUNT_EXAMPLE}），收到 {show(value)}")
    return number


def parse_count(field: str, value: object) -> int:
    """A whole number of times, 0 or more.

    >>> parse_count("complaints", " ３ ")
    3
    """
    if isinstance(value, bool):
        raise InputError(field, f"应为不小于 0 的整数次数，收到 {show(value)}")
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = text_of(field, value)
    else:
        raise InputError(field, f"应为不小于 0 的整数次数，收到 {show(value)}")
    if text.startswith("-") and _COUNT.fullmatch(text[1:]):
        raise InputError(field, f"次数不能为负数，收到 {show(value)}")
    if _COUNT.fullmatch(text) is None:
        raise InputError(field, f"应为不小于 0 的整数次数（如 2），收到 {show(value)}")
    if len(text.lstrip("0")) > MAX_COUNT_DIGITS:
        raise InputError(field, f"次数过大（最多 {MAX_COUNT_DIGITS} 位数字），收到 {show(value)}")
    return int(text)


def parse_flag(field: str, value: object) -> bool:
    """A yes/no answer: a bool, or the text a form or a URL would carry.

    >>> parse_flag("false_materials", "on")
    True
    """
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        text = text_of(field, value).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise InputError(field, f"应为“是”或“否”（也可写 yes/no、1/0、true/false、on/off），收到 {show(value)}")
