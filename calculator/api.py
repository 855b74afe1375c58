"""The one request → answer function that the CLI, the page and the tests share.

A request is a mapping: ``{"command": "exit", "applied": "2026-05-15"}``; its keys are the
CLI options in snake_case. The answer is a JSON-ready dict (see spec/calculator.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from . import rules
from .dates import parse_date, show, today_beijing
from .errors import InputError
from .text import render
from .values import is_blank, parse_amount, parse_count, parse_flag

Request = Mapping[str, object]
Answer = dict[str, Any]


def _exit(req: Request, today: date) -> object:
    confirmed = req.get("confirmed")
    return rules.exit_date(
        parse_date("applied", _required(req, "applied")),
        None if is_blank(confirmed) else parse_date("confirmed", confirmed),
    )


def _notice(req: Request, today: date) -> object:
    return rules.apply_by(parse_date("exit_on", _required(req, "exit_on")), _on(req, today))


def _reentry(req: Request, today: date) -> object:
    return rules.reentry(parse_date("exit_date", _required(req, "exit_date")), _on(req, today))


def _risk(req: Request, today: date) -> object:
    def opt(name: str, parse: Callable[[str, object], Any], default: Any = None) -> Any:
        value = req.get(name)
        return default if is_blank(value) else parse(name, value)

    inputs = rules.RiskInputs(
        deposit=opt("deposit", parse_amount),
        below_since=opt("below_since", parse_date),
        threshold=opt("threshold", parse_amount, rules.DEFAULT_THRESHOLD),
        complaints=opt("complaints", parse_count, 0),
        fake_transactions=opt("fake_transactions", parse_count, 0),
        fault_disputes=opt("fault_disputes", parse_count, 0),
        refused_cooperation=parse_flag("refused_cooperation", req.get("refused_cooperation")),
        false_materials=parse_flag("false_materials", req.get("false_materials")),
        sales_target_missed=parse_flag("sales_target_missed", req.get("sales_target_missed")),
        other_violation=parse_flag("other_violation", req.get("other_violation")),
    )
    return rules.assess(_on(req, today), inputs)


# command → (handler, the fields it takes besides "command")
COMMANDS: dict[str, tuple[Callable[[Request, date], object], frozenset[str]]] = {
    "exit": (_exit, frozenset({"applied", "confirmed"})),
    "notice": (_notice, frozenset({"exit_on", "on"})),
    "reentry": (_reentry, frozenset({"exit_date", "on"})),
    "risk": (
        _risk,
        frozenset(
            {
                "on",
                "deposit",
                "below_since",
                "threshold",
                "complaints",
                "fake_transactions",
                "fault_disputes",
                "refused_cooperation",
                "false_materials",
                "sales_target_missed",
                "other_violation",
            }
        ),
    ),
}


def compute(request: Request, *, today: date | None = None) -> Answer:
    """Answer one request; bad input raises :class:`InputError` naming the field.

    ``today`` (Beijing time) fills an omitted ``on``; by default it is read from the clock.

    >>> compute({"command": "exit", "applied": "2026-05-15"})["exit_date"]
    '2026-05-30'
    """
    if not isinstance(request, Mapping):
        raise InputError("request", f"请求应为字段与取值的映射（dict），收到 {show(request)}")
    command = request.get("command")
    if not isinstance(command, str) or command not in COMMANDS:
        raise InputError("command", f"应为 exit、notice、reentry 或 risk 之一，收到 {show(command)}")
    handler, fields = COMMANDS[command]
    for key in request:
        if key != "command" and key not in fields:
            raise InputError(
                "request", f"{command} 不接受字段 {show(key)}；可用字段：{'、'.join(sorted(fields))}"
            )
    answer: Answer = to_json(handler(request, today if today is not None else today_beijing()))
    return answer


def handle(request: object, *, today: date | None = None) -> Answer:
    """Like :func:`compute`, but bad input comes back as data: what the page's worker sends.

    >>> handle({"command": "notice", "exit_on": "2026-13-01"})["error"]["field"]
    'exit_on'
    """
    try:
        answer = compute(request, today=today)  # type: ignore[arg-type]
    except InputError as err:
        return {"ok": False, "error": {"field": err.field, "message": str(err)}}
    command = request["command"]  # type: ignore[index]
    return {"ok": True, "answer": answer, "text": render(command, answer)}


def to_json(value: Any) -> Any:
    """The JSON shape of a result: ISO dates, amounts with two decimals, enum values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    return value


def _required(req: Request, name: str) -> object:
    value = req.get(name)
    if is_blank(value):
        raise InputError(name, "必须填写（格式 YYYY-MM-DD）")
    return value


def _on(req: Request, today: date) -> date:
    value = req.get("on")
    return today if is_blank(value) else parse_date("on", value)
