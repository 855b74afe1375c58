"""The one error the calculator raises for bad input."""

from __future__ import annotations

# The Chinese name of every request field, as the page labels it.
FIELD_LABELS: dict[str, str] = {
    "request": "请求",
    "command": "计算类型",
    "applied": "申请退出日期",
    "confirmed": "阿里巴巴确认的退出日期",
    "exit_on": "想要退出的日期",
    "exit_date": "退出日期",
    "on": "查询日期",
    "deposit": "自缴保证金余额",
    "threshold": "保证金门槛",
    "below_since": "余额低于门槛的日期",
    "complaints": "有效投诉次数",
    "fake_transactions": "虚假交易次数",
    "fault_disputes": "供应商有责纠纷次数",
    "refused_cooperation": "拒不配合解决纠纷",
    "false_materials": "材料严重不实",
    "sales_target_missed": "未达销售指标",
    "other_violation": "其他严重违规",
}


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
