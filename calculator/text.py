"""What a person reads of an answer: one card per answer, in Chinese, for the CLI and the page.

:func:`card` turns a JSON answer into a card — a headline, labelled rows, the rule list,
the deadlines, what to do next, a timeline and calendar events — made of words and dates that
are ready to show. The page draws the card as it is (``calculator.js`` only lays it out);
:func:`render` prints the same card as lines of text for the CLI. So both say the same thing.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NotRequired, TypedDict

from . import terms
from .contract import BASIS_LABELS, RULE_LABELS, STATUS_LABELS, Basis, RuleId, Status
from .dates import format_date_zh, format_short_zh


class Item(TypedDict):
    """One labelled value. ``field`` is the answer's key (dotted for nested ones)."""

    label: str
    text: str
    field: NotRequired[str]
    value: NotRequired[str]  # the answer's value, as the JSON has it
    date: NotRequired[str]  # an ISO date shown as ``text``
    status: NotRequired[str]


class RuleView(TypedDict):
    id: str
    status: str
    label: str
    status_text: str
    reason: str
    advice: str | None


class Deadline(TypedDict):
    title: str
    item: Item
    note: str
    primary: bool


class Link(TypedDict):
    text: str
    tool: str
    fields: dict[str, str]


class Point(TypedDict):
    date: str
    label: str
    text: str
    tone: str


class Band(TypedDict):
    start: str
    end: str
    label: str
    text: str
    tone: str


class Timeline(TypedDict):
    caption: str
    points: list[Point]
    bands: list[Band]


class Event(TypedDict):
    key: str
    date: str
    summary: str
    description: str


class Card(TypedDict):
    headline: Item
    summary: str | None
    items: list[Item]
    rules: list[RuleView]
    deadlines: list[Deadline]
    next: str | None
    link: Link | None
    timeline: Timeline | None
    events: list[Event]
    calendar_file: str


def days_text(days: int) -> str:
    """Days until a date, in words.

    >>> [days_text(n) for n in (2, 0, -3)]
    ['还有 2 天', '就是今天', '已过去 3 天']
    """
    if days > 0:
        return f"还有 {days} 天"
    if days == 0:
        return "就是今天"
    return f"已过去 {-days} 天"


def _date(label: str, field: str, iso: str) -> Item:
    return {"label": label, "field": field, "value": iso, "date": iso, "text": format_date_zh(iso)}


def _value(label: str, field: str, value: object, text: str) -> Item:
    shown = "" if value is None else ("true" if value is True else "false" if value is False else str(value))
    return {"label": label, "field": field, "value": shown, "text": text}


def _point(iso: str, label: str, tone: str) -> Point:
    return {"date": iso, "label": label, "text": format_short_zh(iso), "tone": tone}


def _query_label(on: str, today: date | None) -> str:
    return "今天" if today is not None and on == today.isoformat() else terms.QUERY_DAY


def _card(headline: Item, **parts: Any) -> Card:
    card: Card = {
        "headline": headline,
        "summary": None,
        "items": [],
        "rules": [],
        "deadlines": [],
        "next": None,
        "link": None,
        "timeline": None,
        "events": [],
        "calendar_file": "",
    }
    card.update(parts)  # type: ignore[typeddict-item]
    return card


def _exit(a: dict[str, Any], today: date | None) -> Card:
    if a["basis"] == Basis.CONFIRMED:
        basis = (
            "阿里巴巴确认的日期，就是申请后的第 15 日"
            if a["days_early"] == 0
            else f"{BASIS_LABELS[Basis.CONFIRMED]}，比第 15 日早 {a['days_early']} 天"
        )
    else:
        basis = BASIS_LABELS[Basis.FIFTEENTH_DAY]
    points = [_point(a["applied"], "申请", "plain"), _point(a["exit_date"], terms.EXIT_DAY, "main")]
    if a["exit_date"] != a["fifteenth_day"]:
        points.append(_point(a["fifteenth_day"], "第 15 日", "muted"))
    return _card(
        _date(terms.EXIT_DAY, "exit_date", a["exit_date"]),
        items=[
            _date("申请日", "applied", a["applied"]),
            _value("依据", "basis", a["basis"], basis),
            _date("第 15 日", "fifteenth_day", a["fifteenth_day"]),
        ],
        next="退出后 3 个月内不能重新加入。",
        link={"text": "算一算最早哪天能重新加入", "tool": "reentry", "fields": {"exit_date": a["exit_date"]}},
        timeline={"caption": "从申请到退出", "points": points, "bands": []},
        events=[
            {
                "key": "exit",
                "date": a["exit_date"],
                "summary": f"{terms.EXIT_DAY}：退出{terms.VIP_CENTRE}",
                "description": f"申请日 {format_date_zh(a['applied'])}；依据：{basis}。",
            }
        ],
        calendar_file=f"{terms.EXIT_DAY}.ics",
    )


def _notice(a: dict[str, Any], today: date | None) -> Card:
    exit_on, on = format_date_zh(a["exit_on"]), format_date_zh(a["on"])
    if a["in_time"]:
        left = days_text(a["days_left"])
        verdict = "来得及：在最晚申请日当天或之前提交即可"
        advice = "以阿里巴巴认可的书面形式提出申请，并保留提交记录（截图、工单号）。"
    else:
        left = f"已晚了 {-a['days_left']} 天"
        later = (
            format_date_zh(a["exit_if_applied"])
            if a["exit_if_applied"]
            else "在 9999年12月31日 之后（超出可计算的范围）"
        )
        when = "今天" if _query_label(a["on"], today) == "今天" else f"在查询日 {on} "
        if a["passed"]:
            verdict = "想要退出的日期已经过去"
            advice = (
                f"{exit_on}已经过去，无法再在那一天退出：确认的退出日不会早于申请日。"
                f"{when}申请的话，退出日是 {later}；阿里巴巴也可以确认更早的日期，但不会早于申请当天。"
            )
        else:
            verdict = "按 15 天通知期已来不及"
            advice = f"{when}申请的话，退出日是 {later}。想在 {exit_on} 退出，只能请阿里巴巴确认这个更早的日期。"
    items = [
        _date("想要退出的日期", "exit_on", a["exit_on"]),
        _date(terms.QUERY_DAY, "on", a["on"]),
        _value("距最晚申请日", "days_left", a["days_left"], left),
        _value("来得及吗", "in_time", a["in_time"], verdict),
    ]
    points = [
        _point(a["on"], _query_label(a["on"], today), "muted"),
        _point(a["apply_by"], "最晚申请", "warn" if a["in_time"] else "bad"),
        _point(a["exit_on"], "想退出", "main"),
    ]
    if a["exit_if_applied"]:
        items.append(_date("在查询日申请的退出日", "exit_if_applied", a["exit_if_applied"]))
        points.append(_point(a["exit_if_applied"], "现在申请的退出日", "plain"))
    return _card(
        _date(terms.APPLY_BY, "apply_by", a["apply_by"]),
        items=items,
        next=advice,
        timeline={"caption": "申请与退出", "points": points, "bands": []},
        events=(
            [
                {
                    "key": "apply-by",
                    "date": a["apply_by"],
                    "summary": f"{terms.APPLY_BY}：提交{terms.VIP_CENTRE}退出申请",
                    "description": f"想在 {exit_on} 退出，最晚这一天提出申请。",
                }
            ]
            if a["in_time"]
            else []
        ),
        calendar_file=f"{terms.APPLY_BY}.ics",
    )


def _reentry(a: dict[str, Any], today: date | None) -> Card:
    query = _query_label(a["on"], today)
    items = [
        _date(terms.EXIT_DAY, "exit_date", a["exit_date"]),
        _date(terms.BAN_LAST_DAY, "ban_last_day", a["ban_last_day"]),
        _date(terms.QUERY_DAY, "on", a["on"]),
        _value(
            "现在能加入吗",
            "eligible",
            a["eligible"],
            "已经可以重新申请加入" if a["eligible"] else "还不能重新加入",
        ),
    ]
    if not a["eligible"]:
        items.append(_value("还需等待", "days_left", a["days_left"], f"{a['days_left']} 天"))
    return _card(
        _date("最早可重新加入", "earliest_rejoin", a["earliest_rejoin"]),
        items=items,
        next="这是主动退出的规则；被强制清退后，来源没有规定等待期。",
        timeline={
            "caption": "退出后的 3 个月禁入期",
            "points": [
                _point(a["exit_date"], terms.EXIT_DAY, "plain"),
                _point(a["on"], query, "muted"),
                _point(a["earliest_rejoin"], "可重新加入", "good"),
            ],
            "bands": [
                {
                    "start": a["exit_date"],
                    "end": a["ban_last_day"],
                    "label": "禁入期",
                    "text": f"{format_short_zh(a['exit_date'])} 至 {format_short_zh(a['ban_last_day'])}",
                    "tone": "bad",
                }
            ],
        },
        events=[
            {
                "key": "rejoin",
                "date": a["earliest_rejoin"],
                "summary": f"可以重新申请加入{terms.VIP_CENTRE}",
                "description": (
                    f"{terms.EXIT_DAY} {format_date_zh(a['exit_date'])}；"
                    f"{terms.BAN_LAST_DAY} {format_date_zh(a['ban_last_day'])}。"
                ),
            }
        ],
        calendar_file="重新加入.ics",
    )


def risk_summary(level: str, unchecked: list[str]) -> str:
    """The overall answer in one sentence, naming the rules that were not checked (R12).

    >>> risk_summary("ok", ["deposit"])
    '已填写的项目都正常；自缴保证金未检查。'
    """
    names = "、".join(RULE_LABELS[RuleId(rule)] for rule in unchecked)
    skipped = f"{names}{terms.NOT_CHECKED}。" if names else ""
    if level == Status.OK:
        return f"已填写的项目都{terms.OK}；{skipped}" if names else f"所有项目都{terms.OK}。"
    if level == Status.AT_RISK:
        return f"有项目{terms.AT_RISK}，还没有达到清退情形。{skipped}"
    return f"有项目{terms.TRIGGERED}：已满足强制清退的情形。{skipped}"


def _legal_note(d: dict[str, Any]) -> str:
    if d["legal_deadline"] is None:
        return str(d["legal_deadline_note"])
    safe = date.fromisoformat(d["safe_deadline"])
    if d["moved"]:
        return (
            "民法典第二百零三条：期限最后一天是法定休假日的，顺延到休假日结束后的第一天。"
            "平台未必认可，只作为争取的依据。"
        )
    if safe.weekday() >= 5:
        return f"{format_date_zh(safe)}是调休上班的工作日，不是法定休假日，期限不顺延。"
    return f"{format_date_zh(safe)}是工作日，期限不顺延。"


def _risk(a: dict[str, Any], today: date | None) -> Card:
    level = a["level"]
    rules: list[RuleView] = [
        {
            "id": rule["id"],
            "status": rule["status"],
            "label": RULE_LABELS[RuleId(rule["id"])],
            "status_text": STATUS_LABELS[Status(rule["status"])],
            "reason": rule["reason"],
            "advice": None if rule["status"] == Status.OK else rule["advice"],
        }
        for rule in a["rules"]
    ]
    card = _card(
        {
            "label": "总体",
            "field": "level",
            "value": level,
            "text": STATUS_LABELS[Status(level)],
            "status": level,
        },
        summary=risk_summary(level, a["not_checked"]),
        items=[_date(terms.QUERY_DAY, "on", a["on"])],
        rules=rules,
        calendar_file=f"{terms.DEPOSIT}补缴期限.ics",
    )
    d = a["deposit"]
    if d is None:
        return card
    card["items"] += [
        _value(f"{terms.DEPOSIT}余额", "deposit.balance", d["balance"], f"{d['balance']} 元"),
        _value("门槛", "deposit.threshold", d["threshold"], f"{d['threshold']} 元"),
        _value("需补缴", "deposit.amount_needed", d["amount_needed"], f"{d['amount_needed']} 元"),
    ]
    if d["below_since"]:
        card["items"].append(_date("低于门槛的日期", "deposit.below_since", d["below_since"]))
    if not d["safe_deadline"]:
        return card
    safe, legal = d["safe_deadline"], d["legal_deadline"]
    legal_item = (
        _date(terms.LATEST_ARGUABLE, "deposit.legal_deadline", legal)
        if legal
        else _value(terms.LATEST_ARGUABLE, "deposit.legal_deadline", None, "无法计算")
    )
    card["deadlines"] = [
        {
            "title": f"{terms.SAFE_DEADLINE}（以此为准）",
            "item": _date(terms.SAFE_DEADLINE, "deposit.safe_deadline", safe),
            "note": f"余额低于门槛的次日起算 3 天，到这一天 24:00（北京时间）。{days_text(d['days_left'])}。",
            "primary": True,
        },
        {
            "title": f"节假日顺延后{terms.LATEST_ARGUABLE}",
            "item": legal_item,
            "note": _legal_note(d),
            "primary": False,
        },
    ]
    points = [_point(d["below_since"], "低于门槛", "plain"), _point(safe, terms.SAFE_DEADLINE, "bad")]
    events: list[Event] = [
        {
            "key": "deposit-safe",
            "date": safe,
            "summary": f"补缴{terms.DEPOSIT} {d['amount_needed']} 元：{terms.SAFE_DEADLINE}，当天 24:00（北京时间）前",
            "description": f"余额 {d['balance']} 元，门槛 {d['threshold']} 元。以{terms.SAFE_DEADLINE}为准。",
        }
    ]
    if legal and d["moved"]:
        points.append(_point(legal, "顺延后", "warn"))
        events.append(
            {
                "key": "deposit-legal",
                "date": legal,
                "summary": f"{terms.DEPOSIT}补缴：节假日顺延后{terms.LATEST_ARGUABLE}的日期，当天 24:00 前",
                "description": f"仅作为争取的依据，平台未必认可；以{terms.SAFE_DEADLINE} {format_date_zh(safe)} 为准。",
            }
        )
    card["timeline"] = {
        "caption": f"{terms.DEPOSIT}补缴期限",
        "points": points,
        "bands": [
            {
                "start": d["below_since"],
                "end": safe,
                "label": "补缴期",
                "text": f"{format_short_zh(d['below_since'])} 至 {format_short_zh(safe)}",
                "tone": "bad",
            }
        ],
    }
    card["events"] = events
    return card


_CARDS = {"exit": _exit, "notice": _notice, "reentry": _reentry, "risk": _risk}


def card(command: str, answer: dict[str, Any], today: date | None = None) -> Card:
    """The answer as a person reads it; ``today`` names the query day 今天 when it is today."""
    return _CARDS[command](answer, today)


def render(command: str, answer: dict[str, Any], today: date | None = None) -> str:
    """The card as lines of text (the CLI's output).

    >>> print(render("notice", {"exit_on": "2026-12-31", "apply_by": "2026-12-16", "on": "2026-12-01",
    ...     "days_left": 15, "in_time": True, "passed": False, "exit_if_applied": None}))
    最晚申请日：2026年12月16日（星期三）
    想要退出的日期：2026年12月31日（星期四）
    查询日：2026年12月1日（星期二）
    距最晚申请日：还有 15 天
    来得及吗：来得及：在最晚申请日当天或之前提交即可
    下一步：以阿里巴巴认可的书面形式提出申请，并保留提交记录（截图、工单号）。
    """
    view = card(command, answer, today)
    head = view["headline"]
    lines = [f"{head['label']}：{head['text']}"]
    if view["summary"]:
        lines.append(view["summary"])
    lines += [f"{item['label']}：{item['text']}" for item in view["items"]]
    for rule in view["rules"]:
        line = f"- {rule['label']}：{rule['status_text']}。{rule['reason']}"
        lines.append(line + (f" 怎么办：{rule['advice']}" if rule["advice"] else ""))
    for deadline in view["deadlines"]:
        lines.append(f"{deadline['title']}：{deadline['item']['text']}。{deadline['note']}")
    if view["next"]:
        lines.append(f"下一步：{view['next']}")
    return "\n".join(lines)
