"""Worked examples on the pages, computed at build time by the calculator package.

Placeholders in a page's Markdown:

``{{ calc exit applied=2026-05-15 -> exit_date }}``
    calls ``calculator.compute({"command": "exit", "applied": "2026-05-15"})`` and shows the
    answer key ``exit_date``. Nested keys are dotted (``deposit.legal_deadline``); an item
    of the ``rules`` list is picked by its id (``rules.deposit.status``). A format may follow
    the key after ``|``: ``zh`` (default: dates as 2026年5月30日（星期六）), ``short``
    (5月30日), ``iso`` (2026-05-30), ``raw`` (the value as it is).

``{{ calendar risk on=2026-10-02 deposit=5000 below_since=2026-09-30 }}``
    draws the deposit example as a calendar: the day the balance fell below the threshold,
    the three counted days, the safe deadline, the holiday-extended deadline, and which days
    are 法定休假日 or 调休上班 in the State Council schedule.

``{{ last_checked }}``
    the date the rules were last checked (the extension's ``last_checked``, in mkdocs.yml).

A malformed placeholder, an unknown key or an input the calculator rejects stops the build.
"""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

from calcdocs.errors import PlaceholderError
from calculator import InputError, compute, format_date_zh, terms
from calculator.contract import BASIS_LABELS, STATUS_LABELS, Basis, Status
from calculator.workdays import day_kind

# Anything that opens like one of our placeholders; what is inside is checked strictly below.
_ANY = re.compile(r"\{\{\s*(calc|calendar|last_checked)\b(.*?)\}\}", re.S)
_ARG = re.compile(r"([a-z_]+)=(\S+)")
_CALC = re.compile(r"^\s+([a-z]+)((?:\s+[a-z_]+=\S+)*)\s+->\s+([a-z_][a-z_.]*)(?:\|([a-z]+))?\s*$")
_CALENDAR = re.compile(r"^\s+(risk)((?:\s+[a-z_]+=\S+)+)\s*$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

WEEKDAY_HEAD = ("一", "二", "三", "四", "五", "六", "日")


def _fail(text: str, why: str) -> PlaceholderError:
    return PlaceholderError(f"占位符 {text.strip()!r} 无效：{why}")


def _request(text: str, command: str, args: str) -> dict[str, str]:
    request = {"command": command}
    for key, value in _ARG.findall(args):
        if key in request:
            raise _fail(text, f"字段 {key} 重复")
        request[key] = value
    return request


def _compute(text: str, request: dict[str, str]) -> dict[str, Any]:
    if request["command"] in ("reentry", "risk") and "on" not in request:
        # Without it the answer would depend on the day the site is built.
        raise _fail(text, f"{request['command']} 的例子必须写明 on=日期")
    try:
        return compute(request)
    except InputError as err:
        raise _fail(text, f"计算器拒绝了输入（字段 {err.field}）：{err}") from err


def _lookup(text: str, answer: dict[str, Any], key: str) -> Any:
    value: Any = answer
    for part in key.split("."):
        if isinstance(value, list):  # the rules list: pick the item by its id
            matches = [item for item in value if item.get("id") == part]
            if not matches:
                raise _fail(text, f"答案中没有规则 {part}")
            value = matches[0]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            raise _fail(text, f"答案中没有键 {key}（在 {part} 处）")
    return value


def _format(text: str, key: str, value: Any, style: str | None) -> str:
    last = key.rsplit(".", 1)[-1]
    if style == "raw":
        return str(value)
    if value is None:
        raise _fail(text, f"{key} 没有值（null），不能写进例子")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and _ISO.match(value):
        day = date.fromisoformat(value)
        if style in (None, "zh"):
            return format_date_zh(day)
        if style == "short":
            return f"{day.month}月{day.day}日"
        if style == "iso":
            return value
        raise _fail(text, f"未知格式 {style}（可用：zh、short、iso、raw）")
    if style not in (None, "zh"):
        raise _fail(text, f"格式 {style} 只用于日期")
    if last in ("level", "status"):
        return STATUS_LABELS[Status(value)]
    if last == "basis":
        return BASIS_LABELS[Basis(value)]
    return str(value)


def _calendar(text: str, answer: dict[str, Any]) -> str:
    deposit = answer.get("deposit")
    if not deposit or not deposit.get("legal_deadline"):
        raise _fail(text, "日历需要有保证金答案和顺延后的期限")
    below = date.fromisoformat(deposit["below_since"])
    safe = date.fromisoformat(deposit["safe_deadline"])
    legal = date.fromisoformat(deposit["legal_deadline"])
    first = below - timedelta(days=below.weekday())
    last = legal + timedelta(days=6 - legal.weekday())

    marks: dict[date, list[tuple[str, str]]] = {below: [("start", "低于门槛")]}
    for n in range(1, (safe - below).days + 1):
        marks[below + timedelta(days=n)] = [("count", f"第{n}天")]
    marks[safe].append(("safe", terms.SAFE_DEADLINE))
    marks.setdefault(legal, []).append(("legal", terms.LATEST_ARGUABLE))

    rows = []
    day = first
    while day <= last:
        cells = []
        for _ in range(7):
            kind, kind_label = day_kind(day)
            day_marks = marks.get(day, [])
            month = f'<span class="cal-month">{day.month}月</span>' if day.day == 1 or day == first else ""
            labels = [kind_label] + [label for _, label in day_marks]
            notes = "".join(f'<span class="cal-note">{html.escape(label)}</span>' for label in labels if label)
            classes = " ".join([f"cal-{kind}"] + [f"cal-{mark}" for mark, _ in day_marks])
            cells.append(
                f'<td class="{classes}">{month}<time datetime="{day.isoformat()}">{day.day}</time>{notes}</td>'
            )
            day += timedelta(days=1)
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th scope="col">{d}</th>' for d in WEEKDAY_HEAD)
    caption = (
        f"余额{format_date_zh(below)}低于门槛：稳妥期限{format_date_zh(safe)}，"
        f"节假日顺延后{terms.LATEST_ARGUABLE}到{format_date_zh(legal)}"
    )
    return (
        '<div class="calc-calendar-wrap">'
        f'<table class="calc-calendar"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def fill(markdown: str, last_checked: str) -> str:
    """``markdown`` with every placeholder replaced; a bad one raises PlaceholderError."""

    def replace(match: re.Match[str]) -> str:
        text, kind, rest = match.group(0), match.group(1), match.group(2)
        if kind == "last_checked":
            if rest.strip():
                raise _fail(text, "last_checked 不带参数")
            checked = date.fromisoformat(last_checked)
            return f"{checked.year}年{checked.month}月{checked.day}日"
        if kind == "calendar":
            found = _CALENDAR.match(rest)
            if not found:
                raise _fail(text, "应写成 {{ calendar risk 字段=值 ... }}")
            request = _request(text, found.group(1), found.group(2))
            return _calendar(text, _compute(text, request))
        found = _CALC.match(rest)
        if not found:
            raise _fail(text, "应写成 {{ calc 命令 字段=值 ... -> 答案键[|格式] }}")
        command, args, key, style = found.groups()
        request = _request(text, command, args)
        value = _lookup(text, _compute(text, request), key)
        return html.escape(_format(text, key, value, style), quote=False)

    return _ANY.sub(replace, markdown)
