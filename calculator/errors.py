"""The one error the calculator raises for bad input."""

from __future__ import annotations

from .contract import FIELD_LABELS


class InputError(ValueError):
    """Bad input in one request field, with a Chinese message a person can act on.

    ``field`` is the request key (the CLI option in snake_case); ``detail`` says what is
    accepted and what was received; ``str(err)`` puts the field's Chinese name first.

    >>> err = InputError("applied", "日期格式应为 YYYY-MM-DD")
    >>> (err.field, str(err))
    ('applied', '申请退出日期：日期格式应为 YYYY-MM-DD')
    """

    def __init__(self, field: str, detail: str) -> None:
        self.field = field
        self.detail = detail
        super().__init__(f"{FIELD_LABELS.get(field, field)}：{detail}")
