"""What a person reads of an answer: one card per answer, in Chinese, for the CLI and the page.

:func:`card` turns a JSON answer into a card — a headline, labelled rows, the rule list,
the deadlines, what to do next, a timeline and calendar events — made of words and dates that
are ready to show. The page draws the card as it is (``calculator.js`` only lays it out);
:func:`render` prints the same card as lines of text for the CLI. So both say the same thing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NotRequired, TypedDict

from . import rules, terms
from .contract import (
    BAN_MONTHS,
    BASIS_LABELS,
    NOTICE_DAYS,
    RULE_LABELS,
    STATUS_LABELS,
    TOP_UP_DAYS,
    Basis,
    RuleId,
    Status,
)
from .dates import format_date_zh, format_deadline_zh, format_short_zh
from .errors import InputError

BAN_TEXT = f"退出后 {BAN_MONTHS} 个月内不能{terms.REJOIN}"


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


class Alarm(TypedDict):
    at: str  # Beijing time, YYYY-MM-DDTHH:MM; the page leaves out the ones already past
    text: str


class CalendarEvent(TypedDict):
    key: str
    date: str
    summary: str
    description: str
    until_midnight: bool  # a deadline that runs to 24:00 Beijing time: a timed event, not all-day
    alarms: list[Alarm]


class Lead(TypedDict):
    """What to do and by when: the first lines of every card (ruling R14).

    ``tone`` is the colour: ``bad`` (too late, removal triggered), ``warn`` (at risk, the last
    day is today or soon), ``good`` (nothing to do), ``info`` (a plain answer).
    """

    tone: str
    title: str
    text: str | None


class Card(TypedDict):
    title: str  # the answer in a few words, for the page's title: 退出日 2026年5月30日
    lead: Lead
    headline: Item
    items: list[Item]
    rules: list[RuleView]
    folded: str | None  # the rules with nothing to do, summed up in one line
    deadlines: list[Deadline]
    next: str | None
    link: Link | None
    timeline: Timeline | None
    events: list[CalendarEvent]
    calendar_file: str
    lines: list[str]  # the card as the CLI prints it, line by line (the saved picture draws them)


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


def _is_today(on: str, today: date | None) -> bool:
    return today is not None and on == today.isoformat()


def _query_label(on: str, today: date | None) -> str:
    return "今天" if _is_today(on, today) else terms.QUERY_DAY


def _until(iso: str, on: str, today: date | None) -> str:
    """The end of a deadline day as the reader says it: 今天 24:00 or 明天 24:00 when the
    query day is today, else the date and 24:00."""
    if _is_today(on, today):
        ahead = (date.fromisoformat(iso) - date.fromisoformat(on)).days
        if ahead in (0, 1):
            return f"{('今天', '明天')[ahead]} 24:00"
    return format_deadline_zh(iso)


def _day_before(iso: str) -> str | None:
    day = date.fromisoformat(iso)
    return None if day == date.min else (day - timedelta(days=1)).isoformat()


def _event(key: str, iso: str, summary: str, description: str, *, until_midnight: bool = False) -> CalendarEvent:
    """A calendar event. A deadline (until 24:00) is reminded the day before and twice on the
    day; any other event the morning before. The page leaves out reminders already past."""
    before = _day_before(iso)
    alarms: list[Alarm] = [{"at": f"{before}T09:00", "text": f"明天：{summary}"}] if before else []
    if until_midnight:
        alarms += [
            {"at": f"{iso}T09:00", "text": f"今天 24:00 截止：{summary}"},
            {"at": f"{iso}T20:00", "text": f"还剩 4 小时，今天 24:00 截止：{summary}"},
        ]
    return {
        "key": key,
        "date": iso,
        "summary": summary,
        "description": description,
        "until_midnight": until_midnight,
        "alarms": alarms,
    }


def _card(lead: Lead, headline: Item, **parts: Any) -> Card:
    shown = format_short_zh(headline["date"]) if "date" in headline else headline["text"]
    card: Card = {
        "title": f"{headline['label']} {shown}",
        "lead": lead,
        "headline": headline,
        "items": [],
        "rules": [],
        "folded": None,
        "deadlines": [],
        "next": None,
        "link": None,
        "timeline": None,
        "events": [],
        "calendar_file": "",
        "lines": [],
    }
    card.update(parts)  # type: ignore[typeddict-item]
    return card


def _exit(a: dict[str, Any], today: date | None) -> Card:
    if a["basis"] == Basis.CONFIRMED:
        basis = (
            f"阿里巴巴确认的日期，就是申请后的第 {NOTICE_DAYS} 日"
            if a["days_early"] == 0
            else f"{BASIS_LABELS[Basis.CONFIRMED]}，比第 {NOTICE_DAYS} 日早 {a['days_early']} 天"
        )
    else:
        basis = BASIS_LABELS[Basis.FIFTEENTH_DAY]
    fifteenth = f"第 {NOTICE_DAYS} 日"
    points = [_point(a["applied"], "申请", "plain"), _point(a["exit_date"], terms.EXIT_DAY, "main")]
    if a["exit_date"] != a["fifteenth_day"]:
        points.append(_point(a["fifteenth_day"], fifteenth, "muted"))
    exit_day = format_date_zh(a["exit_date"])
    exit_on = date.fromisoformat(a["exit_date"])
    try:
        first = rules.reentry(exit_on, exit_on).earliest_rejoin
        rejoin = f"，最早 {format_date_zh(first)}起可以{terms.REJOIN}"
    except InputError:  # beyond 9999-12-31: not a date there is any use saying
        rejoin = ""
    return _card(
        {
            "tone": "info",
            "title": f"{exit_day}退出{terms.VIP_CENTRE}",
            "text": f"{BAN_TEXT}{rejoin}。",
        },
        _date(terms.EXIT_DAY, "exit_date", a["exit_date"]),
        items=[
            _date("申请日", "applied", a["applied"]),
            _value("依据", "basis", a["basis"], basis),
            _date(fifteenth, "fifteenth_day", a["fifteenth_day"]),
        ],
        next="保留退出申请的提交记录（截图、工单号）；退出日之前照常处理订单和售后。",
        link={"text": f"算一算最早哪天能{terms.REJOIN}", "tool": "reentry", "fields": {"exit_date": a["exit_date"]}},
        timeline={"caption": "从申请到退出", "points": points, "bands": []},
        events=[
            _event(
                "exit",
                a["exit_date"],
                f"{terms.EXIT_DAY}：退出{terms.VIP_CENTRE}",
                f"申请日 {format_date_zh(a['applied'])}；依据：{basis}。",
            )
        ],
        calendar_file=f"{terms.EXIT_DAY}.ics",
    )


def _notice_lead(a: dict[str, Any], today: date | None) -> Lead:
    """R4: too late says so first, with both ways out; early says what applying now brings."""
    exit_on, apply_by = format_date_zh(a["exit_on"]), format_date_zh(a["apply_by"])
    later = format_date_zh(a["exit_if_applied"])
    now = "今天" if _is_today(a["on"], today) else f"在查询日 {format_date_zh(a['on'])}"
    if a["passed"]:
        return {
            "tone": "bad",
            "title": f"{exit_on}已经过去，不能在那一天退出",
            "text": f"{now}申请，退出日是 {later}；阿里巴巴可以确认更早的日期，但不会早于申请当天。",
        }
    if not a["in_time"]:
        return {
            "tone": "bad",
            "title": f"已来不及在 {exit_on}退出",
            "text": (
                f"按 {NOTICE_DAYS} 天通知期，{terms.APPLY_BY}是 {apply_by}，已经过去。"
                f"两条路：{now}申请，退出日是 {later}；"
                f"或者申请时请阿里巴巴把退出日确认在 {exit_on}：规则允许阿里巴巴确认更早的日期，是否同意由它决定。"
            ),
        }
    if a["days_left"] == 0:
        today_is = _is_today(a["on"], today)
        day = "今天" if today_is else f"查询日 {format_date_zh(a['on'])}"
        return {
            "tone": "warn",
            "title": f"{day}就是{terms.APPLY_BY}：{'今天' if today_is else '这一天'}提交申请",
            "text": f"这一天申请，退出日正好是 {exit_on}；晚一天申请，就来不及在这一天退出。",
        }
    early = (date.fromisoformat(a["exit_on"]) - date.fromisoformat(a["exit_if_applied"])).days
    return {
        "tone": "info",
        "title": f"想在 {exit_on}退出：在 {apply_by}这一天提交申请",
        "text": (
            f"退出日固定在申请后的第 {NOTICE_DAYS} 日，早申请就早退出：{now}申请的话，退出日是 {later}，"
            f"比想要的早 {early} 天。"
        ),
    }


def _notice(a: dict[str, Any], today: date | None) -> Card:
    lead = _notice_lead(a, today)
    if a["passed"]:
        verdict = "想要退出的日期已经过去"
    elif not a["in_time"]:
        verdict = f"已来不及（按 {NOTICE_DAYS} 天通知期）"
    elif a["days_left"] == 0:
        verdict = f"来得及，这一天就是{terms.APPLY_BY}"
    else:
        verdict = f"来得及，在{terms.APPLY_BY}这一天申请"
    now_label = "今天申请的退出日" if _is_today(a["on"], today) else "在查询日申请的退出日"
    items = [
        _date("想要退出的日期", "exit_on", a["exit_on"]),
        _date(terms.QUERY_DAY, "on", a["on"]),
        _value(f"距{terms.APPLY_BY}", "days_left", a["days_left"], days_text(a["days_left"])),
        _value("来得及吗", "in_time", a["in_time"], verdict),
        _date(now_label, "exit_if_applied", a["exit_if_applied"]),
    ]
    if a["in_time"]:
        advice = "以阿里巴巴认可的书面形式提出申请，并保留提交记录（截图、工单号）。"
    else:
        advice = "以阿里巴巴认可的书面形式提出申请，写明想要的退出日，并保留提交记录（截图、工单号）。"
    points = [
        _point(a["on"], _query_label(a["on"], today), "muted"),
        _point(a["apply_by"], "最晚申请", "warn" if a["in_time"] else "bad"),
        _point(a["exit_on"], "想退出", "main"),
        _point(a["exit_if_applied"], "现在申请的退出日", "plain"),
    ]
    headline = _date(terms.APPLY_BY, "apply_by", a["apply_by"])
    return _card(
        lead,
        headline,
        items=items,
        next=advice,
        timeline={"caption": "申请与退出", "points": points, "bands": []},
        events=(
            [
                _event(
                    "apply-by",
                    a["apply_by"],
                    f"{terms.APPLY_BY}：提交{terms.VIP_CENTRE}退出申请",
                    f"想在 {format_date_zh(a['exit_on'])}退出，最晚这一天提出申请。",
                )
            ]
            if a["in_time"]
            else []
        ),
        calendar_file=f"{terms.APPLY_BY}.ics",
    )


def _reentry(a: dict[str, Any], today: date | None) -> Card:
    query = _query_label(a["on"], today)
    rejoin, last = format_date_zh(a["earliest_rejoin"]), format_date_zh(a["ban_last_day"])
    if a["eligible"]:
        lead: Lead = {
            "tone": "good",
            "title": f"已经可以{terms.REJOIN}",
            "text": f"{terms.BAN_LAST_DAY}是 {last}；从 {rejoin}起可以{terms.REJOIN}。",
        }
    else:
        lead = {
            "tone": "warn",
            "title": f"{rejoin}起可以{terms.REJOIN}（{days_text(a['days_left'])}）",
            "text": f"{terms.BAN_LAST_DAY}是 {last}；在这之前，阿里巴巴不接受{terms.REJOIN}。",
        }
    items = [
        _date(terms.EXIT_DAY, "exit_date", a["exit_date"]),
        _date(terms.BAN_LAST_DAY, "ban_last_day", a["ban_last_day"]),
        _date(terms.QUERY_DAY, "on", a["on"]),
        _value(
            "现在能加入吗",
            "eligible",
            a["eligible"],
            f"已经可以{terms.REJOIN}" if a["eligible"] else f"还不能{terms.REJOIN}",
        ),
    ]
    if not a["eligible"]:
        items.append(_value("还需等待", "days_left", a["days_left"], f"{a['days_left']} 天"))
    headline = _date(f"最早可{terms.REJOIN}", "earliest_rejoin", a["earliest_rejoin"])
    upcoming = not a["eligible"] or a["earliest_rejoin"] == a["on"]
    return _card(
        lead,
        headline,
        items=items,
        next="这是主动退出的规则；被强制清退后，来源没有规定等待期。",
        timeline={
            "caption": f"退出后的 {BAN_MONTHS} 个月禁入期",
            "points": [
                _point(a["exit_date"], terms.EXIT_DAY, "plain"),
                _point(a["on"], query, "muted"),
                _point(a["earliest_rejoin"], f"可{terms.REJOIN}", "good"),
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
        events=(
            [
                _event(
                    "rejoin",
                    a["earliest_rejoin"],
                    f"可以{terms.REJOIN}{terms.VIP_CENTRE}",
                    f"{terms.EXIT_DAY} {format_date_zh(a['exit_date'])}；{terms.BAN_LAST_DAY} {last}。",
                )
            ]
            if upcoming
            else []
        ),
        calendar_file=f"{terms.REJOIN}.ics",
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


# the order a card lists the rules in: what needs doing first
_URGENCY = {Status.TRIGGERED: 0, Status.AT_RISK: 1, Status.NOT_CHECKED: 2, Status.OK: 3}


def _risk_lead(a: dict[str, Any], rules: list[RuleView], today: date | None) -> Lead:
    """R14: the most urgent deadline first (date, 24:00, amount, days left), then the rest."""
    d = a["deposit"]
    by_id = {rule["id"]: rule for rule in rules}
    deposit = by_id[RuleId.DEPOSIT]
    due = ""
    if deposit["status"] == Status.AT_RISK:
        due = f"{_until(d['safe_deadline'], a['on'], today)} 前{terms.TOP_UP}{terms.DEPOSIT} {d['amount_needed']} 元"
        due_text = (
            f"{terms.SAFE_DEADLINE} {format_deadline_zh(d['safe_deadline'])}（北京时间），{days_text(d['days_left'])}；"
            f"到时没有{terms.TOP_UP}，就满足“{TOP_UP_DAYS}天内未{terms.TOP_UP}”的强制清退情形。"
        )
    triggered = [rule for rule in rules if rule["status"] == Status.TRIGGERED]
    if triggered:
        first = triggered[0]
        text = str(first["advice"])
        if first["id"] == RuleId.DEPOSIT and d["arguable"]:
            text += f"按节假日顺延{terms.LATEST_ARGUABLE}到 {format_deadline_zh(d['legal_deadline'])}，但平台未必认可。"
        if due:
            text += f"另外，{due}（{terms.SAFE_DEADLINE} {format_deadline_zh(d['safe_deadline'])}）。"
        names = "、".join(rule["label"] for rule in triggered)
        return {"tone": "bad", "title": f"已满足强制清退的情形：{names}", "text": text}
    if due:
        return {"tone": "warn", "title": due, "text": due_text}
    at_risk = [rule for rule in rules if rule["status"] == Status.AT_RISK]
    if at_risk:
        names = "、".join(rule["label"] for rule in at_risk)
        return {"tone": "warn", "title": f"{terms.AT_RISK}：{names}", "text": at_risk[0]["advice"]}
    if deposit["status"] == Status.NOT_CHECKED:
        return {
            "tone": "good",
            "title": risk_summary(a["level"], a["not_checked"]).rstrip("。"),
            "text": f"填写{terms.DEPOSIT}余额，才能检查它是否低于门槛、最晚哪天要{terms.TOP_UP}。",
        }
    return {
        "tone": "good",
        "title": f"所有项目都{terms.OK}",
        "text": "按填写的情况，现在不需要做什么；情况有变化时再算一次。",
    }


def _risk(a: dict[str, Any], today: date | None) -> Card:
    level = a["level"]
    views: list[RuleView] = [
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
    views.sort(key=lambda rule: _URGENCY[Status(rule["status"])])  # stable: the contract's order within
    fine = [rule["label"] for rule in views if rule["status"] == Status.OK]
    others = "其余" if len(fine) < len(views) else "全部"
    card = _card(
        _risk_lead(a, views, today),
        {
            "label": "总体",
            "field": "level",
            "value": level,
            "text": STATUS_LABELS[Status(level)],
            "status": level,
        },
        items=[_date(terms.QUERY_DAY, "on", a["on"])],
        title=f"清退风险 {STATUS_LABELS[Status(level)]}",
        rules=views,
        folded=f"{others} {len(fine)} 项{terms.OK}：{'、'.join(fine)}。" if fine else None,
        calendar_file=f"{terms.DEPOSIT}{terms.TOP_UP}期限.ics",
    )
    d = a["deposit"]
    if d is None:
        return card
    card["items"] += [
        _value(f"{terms.DEPOSIT}余额", "deposit.balance", d["balance"], f"{d['balance']} 元"),
        _value("门槛", "deposit.threshold", d["threshold"], f"{d['threshold']} 元"),
        _value(f"需{terms.TOP_UP}", "deposit.amount_needed", d["amount_needed"], f"{d['amount_needed']} 元"),
    ]
    if d["below_since"]:
        card["items"].append(_date("低于门槛的日期", "deposit.below_since", d["below_since"]))
    if not d["safe_deadline"]:
        return card
    safe, legal = d["safe_deadline"], d["legal_deadline"]
    legal_item = (
        _date(terms.LATEST_ARGUABLE, "deposit.legal_deadline", legal)
        if legal
        else _value(terms.LATEST_ARGUABLE, "deposit.legal_deadline", None, "暂不计算")
    )
    card["deadlines"] = [
        {
            "title": f"{terms.SAFE_DEADLINE}（以此为准）",
            "item": _date(terms.SAFE_DEADLINE, "deposit.safe_deadline", safe),
            "note": (
                f"余额低于门槛的次日起算 {TOP_UP_DAYS} 天，到这一天 24:00（北京时间）。{days_text(d['days_left'])}。"
            ),
            "primary": True,
        },
        {
            "title": f"节假日顺延后{terms.LATEST_ARGUABLE}的日期",
            "item": legal_item,
            "note": _legal_note(d),
            "primary": False,
        },
    ]
    points = [_point(d["below_since"], "低于门槛", "plain"), _point(safe, terms.SAFE_DEADLINE, "bad")]
    amount = f"{terms.TOP_UP}{terms.DEPOSIT} {d['amount_needed']} 元"
    events: list[CalendarEvent] = []
    if d["days_left"] >= 0:
        events.append(
            _event(
                "deposit-safe",
                safe,
                f"{amount}：{terms.SAFE_DEADLINE}，24:00（北京时间）截止",
                f"余额 {d['balance']} 元，门槛 {d['threshold']} 元。以{terms.SAFE_DEADLINE}为准。",
                until_midnight=True,
            )
        )
    if legal and d["moved"]:
        points.append(_point(legal, "顺延后", "warn"))
        if legal >= a["on"]:
            events.append(
                _event(
                    "deposit-legal",
                    legal,
                    f"{amount}：节假日顺延后{terms.LATEST_ARGUABLE}的日期，24:00 截止",
                    f"仅作为争取的依据，平台未必认可；以{terms.SAFE_DEADLINE} {format_date_zh(safe)}为准。",
                    until_midnight=True,
                )
            )
    card["timeline"] = {
        "caption": f"{terms.DEPOSIT}{terms.TOP_UP}期限",
        "points": points,
        "bands": [
            {
                "start": d["below_since"],
                "end": safe,
                "label": f"{terms.TOP_UP}期",
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
    view = _CARDS[command](answer, today)
    view["lines"] = _lines(view)
    return view


def render(command: str, answer: dict[str, Any], today: date | None = None) -> str:
    """The card as lines of text (the CLI's output): what to do first, then the details.

    >>> print(render("notice", {"exit_on": "2026-12-31", "apply_by": "2026-12-16", "on": "2026-12-16",
    ...     "days_left": 0, "in_time": True, "passed": False, "exit_if_applied": "2026-12-31"}))
    查询日 2026年12月16日（星期三）就是最晚申请日：这一天提交申请
    这一天申请，退出日正好是 2026年12月31日（星期四）；晚一天申请，就来不及在这一天退出。
    最晚申请日：2026年12月16日（星期三）
    想要退出的日期：2026年12月31日（星期四）
    查询日：2026年12月16日（星期三）
    距最晚申请日：就是今天
    来得及吗：来得及，这一天就是最晚申请日
    在查询日申请的退出日：2026年12月31日（星期四）
    下一步：以阿里巴巴认可的书面形式提出申请，并保留提交记录（截图、工单号）。
    """
    return "\n".join(card(command, answer, today)["lines"])


def _lines(view: Card) -> list[str]:
    """What to do first, then the details: one line per thing the card shows."""
    lead, head = view["lead"], view["headline"]
    lines = [lead["title"]]
    if lead["text"]:
        lines.append(lead["text"])
    lines.append(f"{head['label']}：{head['text']}")
    lines += [f"{item['label']}：{item['text']}" for item in view["items"]]
    for rule in view["rules"]:
        if rule["status"] == Status.OK:
            continue
        line = f"- {rule['label']}：{rule['status_text']}。{rule['reason']}"
        lines.append(line + (f"怎么办：{rule['advice']}" if rule["advice"] else ""))
    if view["folded"]:
        lines.append(f"- {view['folded']}")
    for deadline in view["deadlines"]:
        lines.append(f"{deadline['title']}：{deadline['item']['text']}。{deadline['note']}")
    if view["next"]:
        lines.append(f"下一步：{view['next']}")
    return lines
