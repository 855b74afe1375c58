"""The one request → answer function that the CLI, the page and the tests share.

A request is a mapping: ``{"command": "exit", "applied": "2026-05-15"}``; its keys are the
CLI options in snake_case, as :mod:`calculator.contract` lists them. The answer is a
JSON-ready dict of the shape typed there; ``docs/developers.md`` describes the whole contract.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, cast

from . import rules
from .contract import COMMANDS, Field, Kind
from .dates import UNREADABLE_DATE, parse_date, show, today_beijing
from .errors import InputError
from .text import card
from .values import is_blank, parse_amount, parse_count, parse_flag

Request = Mapping[str, object]
Answer = dict[str, Any]
Values = dict[str, Any]

_PARSERS: dict[Kind, Callable[[str, object], Any]] = {
    Kind.DATE: parse_date,
    Kind.AMOUNT: parse_amount,
    Kind.COUNT: parse_count,
    Kind.FLAG: parse_flag,
}

# command → its rule, given the request's values parsed (every field of the command present)
_RULES: dict[str, Callable[[Values], object]] = {
    "exit": lambda v: rules.exit_date(v["applied"], v["confirmed"]),
    "notice": lambda v: rules.apply_by(v["exit_on"], v["on"]),
    "reentry": lambda v: rules.reentry(v["exit_date"], v["on"]),
    "risk": lambda v: rules.assess(v["on"], rules.RiskInputs(**{k: x for k, x in v.items() if k != "on"})),
}


def _value(field: Field, request: Request, today: date) -> Any:
    """A field's value: parsed, or its default where the request leaves it empty."""
    raw = request.get(field.name)
    if field.kind is Kind.DATE and isinstance(raw, Mapping) and raw.get("unreadable") is True:
        # the page's date input holds something that is not a date: an error, never "empty"
        raise InputError(field.name, UNREADABLE_DATE)
    if not is_blank(raw):
        return _PARSERS[field.kind](field.name, raw)
    if field.required:
        raise InputError(field.name, "必须填写")
    if field.today:
        return today
    if field.default:
        return _PARSERS[field.kind](field.name, field.default)
    return False if field.kind is Kind.FLAG else None


def compute(request: Request, *, today: date | None = None) -> Answer:
    """Answer one request; bad input raises :class:`InputError` naming the field.

    ``today`` (Beijing time) fills an omitted ``on``; by default it is read from the clock.

    >>> compute({"command": "exit", "applied": "2026-05-15"})["exit_date"]
    '2026-05-30'
    """
    name, values = parse_request(request, today if today is not None else today_beijing())
    answer: Answer = to_json(_RULES[name](values))
    return answer


def parse_request(request: Request, today: date) -> tuple[str, Values]:
    """The command and every one of its fields' values, parsed (defaults filled in)."""
    if not isinstance(request, Mapping):
        raise InputError("request", f"请求应为字段与取值的映射（dict），收到 {show(request)}")
    name = request.get("command")
    if not isinstance(name, str) or name not in COMMANDS:
        raise InputError("command", f"应为 {'、'.join(COMMANDS)} 之一，收到 {show(name)}")
    command = COMMANDS[name]
    for key in request:
        if key != "command" and key not in command.field_names:
            raise InputError(
                "request", f"{name} 不接受字段 {show(key)}；可用字段：{'、'.join(f.name for f in command.fields)}"
            )
    return name, {field.name: _value(field, request, today) for field in command.fields}


def handle(request: object, *, today: date | None = None) -> Answer:
    """Like :func:`compute`, but bad input comes back as data: what the page's worker sends.

    The answer comes with its card (:func:`calculator.text.card`), the words the page shows,
    and ``fields``: what each given field was read as (``2026/5/15`` → ``2026-05-15``).

    >>> handle({"command": "notice", "exit_on": "2026-13-01"})["error"]["field"]
    'exit_on'
    """
    day = today if today is not None else today_beijing()
    try:
        name, values = parse_request(cast(Request, request), day)
        answer: Answer = to_json(_RULES[name](values))
    except InputError as err:
        return {"ok": False, "error": {"field": err.field, "message": str(err)}}
    given = {key: to_json(values[key]) for key in cast(Request, request) if key in values}
    return {"ok": True, "answer": answer, "card": card(name, answer, day), "fields": given}


def handle_json(text: str) -> str:
    """:func:`handle` for the page's worker: a request as JSON text in, the result as JSON text out.

    >>> json.loads(handle_json('{"command": "exit", "applied": "2026-05-15"}'))["answer"]["exit_date"]
    '2026-05-30'
    """
    return json.dumps(handle(json.loads(text)), ensure_ascii=False)


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
