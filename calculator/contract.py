"""The calculator's contract as data: commands, fields, rules, statuses, thresholds, examples.

Every face of the calculator is derived from this module: the request checks in
:mod:`calculator.api`, the CLI's options (:mod:`calculator.cli`), the page's forms (generated
at build time by ``calcdocs/forms.py``), the warm-up requests of the page's Python
(:mod:`calculator.warmup`), the developer page ``docs/developers.md`` and the tests' field lists.
Adding a field or a rule means editing this module and the rule itself, nothing else.

>>> [field.name for field in COMMANDS["exit"].fields]
['applied', 'confirmed']
>>> FIELDS["complaints"].cli_option
'--complaints'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal, TypedDict

from . import terms

# ---------------------------------------------------------------- the periods (rulings R3–R9)

NOTICE_DAYS = 15  # 提前 15 天申请；退出日为申请后的第 15 日
BAN_MONTHS = 3  # 主动退出后 3 个月内不接受重新加入
TOP_UP_DAYS = 3  # 自缴保证金低于门槛后 3 天内补交
DEFAULT_THRESHOLD = Decimal("6000.00")


# ---------------------------------------------------------------- closed sets


class Status(StrEnum):
    """How far a removal rule has gone. NOT_CHECKED: its input was not given (R12)."""

    OK = "ok"
    AT_RISK = "at_risk"
    TRIGGERED = "triggered"
    NOT_CHECKED = "not_checked"


class RuleId(StrEnum):
    """The removal clauses, in the order the page and the JSON list them."""

    DEPOSIT = "deposit"
    COMPLAINTS = "complaints"
    FAKE_TRANSACTIONS = "fake_transactions"
    DISPUTES = "disputes"
    FALSE_MATERIALS = "false_materials"
    SALES_TARGET = "sales_target"
    OTHER = "other"


class Basis(StrEnum):
    """Where the exit date comes from."""

    FIFTEENTH_DAY = "fifteenth_day"
    CONFIRMED = "confirmed"


class Kind(StrEnum):
    """What a request field holds, and so how it is parsed, asked for and shown."""

    DATE = "date"
    AMOUNT = "amount"
    COUNT = "count"
    FLAG = "flag"


STATUS_LABELS: dict[Status, str] = {
    Status.OK: terms.OK,
    Status.AT_RISK: terms.AT_RISK,
    Status.TRIGGERED: terms.TRIGGERED,
    Status.NOT_CHECKED: terms.NOT_CHECKED,
}
RULE_LABELS: dict[RuleId, str] = {
    RuleId.DEPOSIT: terms.DEPOSIT,
    RuleId.COMPLAINTS: "有效投诉",
    RuleId.FAKE_TRANSACTIONS: "虚假交易",
    RuleId.DISPUTES: "有责纠纷",
    RuleId.FALSE_MATERIALS: terms.FALSE_MATERIALS,
    RuleId.SALES_TARGET: "销售指标",
    RuleId.OTHER: "其他严重违规",
}
BASIS_LABELS: dict[Basis, str] = {
    Basis.FIFTEENTH_DAY: f"申请后的第 {NOTICE_DAYS} 日（申请当天不算）",
    Basis.CONFIRMED: "阿里巴巴确认的更早日期",
}


@dataclass(frozen=True, slots=True)
class CountThreshold:
    """A count rule: ``at_risk`` times puts it at risk, ``triggered`` times triggers it (R10)."""

    rule: RuleId
    field: str
    at_risk: int
    triggered: int
    source: str


# One row a fact; the sources give no time window for any count (R10).
COUNT_THRESHOLDS: dict[RuleId, CountThreshold] = {
    row.rule: row
    for row in (
        CountThreshold(RuleId.COMPLAINTS, "complaints", 2, 3, "有效投诉达到 3 次"),
        CountThreshold(RuleId.FAKE_TRANSACTIONS, "fake_transactions", 1, 2, "虚假交易 2 次及以上"),
        CountThreshold(RuleId.DISPUTES, "fault_disputes", 1, 2, "第一次有责纠纷解决后再次发生有责纠纷"),
    )
}


# ---------------------------------------------------------------- fields and commands


@dataclass(frozen=True, slots=True)
class Field:
    """One request field: its key (the CLI option in snake_case) and how people see it.

    ``label`` names the field in error messages and answers; ``prompt`` is what the form
    asks (the label by default); ``hint`` follows the prompt in brackets; ``default`` is the
    form's initial text; ``today`` fills the form with today's date (Beijing time).
    """

    name: str
    kind: Kind
    label: str
    help: str
    required: bool = False
    prompt: str = ""
    hint: str = ""
    default: str = ""
    today: bool = False
    placeholder: str = ""

    @property
    def cli_option(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def asks(self) -> str:
        return self.prompt or self.label


@dataclass(frozen=True, slots=True)
class Group:
    """Fields shown together in the form, under a legend (none: not boxed)."""

    legend: str
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class Command:
    """One tool: the CLI sub-command and the page's form of the same name."""

    name: str
    title: str
    summary: str
    hint: str
    button: str
    groups: tuple[Group, ...]
    examples: tuple[dict[str, str], ...] = field(default=())

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(item for group in self.groups for item in group.fields)

    @property
    def field_names(self) -> frozenset[str]:
        return frozenset(item.name for item in self.fields)


def _on() -> Field:
    return Field(
        "on", Kind.DATE, terms.QUERY_DAY, "查询日，默认今天（北京时间）", hint="默认今天，北京时间", today=True
    )


COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        Command(
            "exit",
            "退出哪天生效",
            f"退出日：申请后的第 {NOTICE_DAYS} 日，或阿里巴巴确认的更早日期",
            f"主动退出在申请后的第 {NOTICE_DAYS} 日生效（申请当天不算），阿里巴巴也可以确认一个更早的日期。",
            "计算退出日",
            (
                Group(
                    "",
                    (
                        Field("applied", Kind.DATE, "申请退出日期", "提出退出申请的日期", required=True),
                        Field(
                            "confirmed",
                            Kind.DATE,
                            "阿里巴巴确认的退出日期",
                            "阿里巴巴确认的更早退出日期",
                            prompt="阿里巴巴确认的更早退出日期",
                            hint="可不填",
                        ),
                    ),
                ),
            ),
            examples=(
                {"applied": "2026-05-15"},
                {"applied": "2026-05-15", "confirmed": "2026-05-20"},
            ),
        ),
        Command(
            "notice",
            "最晚哪天申请",
            "想在某天退出，最晚哪天申请",
            f"想在某一天退出、又不依赖阿里巴巴确认更早日期，就要至少提前 {NOTICE_DAYS} 天申请。",
            "计算最晚申请日",
            (Group("", (Field("exit_on", Kind.DATE, "想要退出的日期", "想要退出的日期", required=True), _on())),),
            examples=(
                {"exit_on": "2027-01-10", "on": "2026-12-01"},
                {"exit_on": "2026-12-31", "on": "2026-12-20"},
                {"exit_on": "2026-01-01", "on": "2026-06-01"},
            ),
        ),
        Command(
            "reentry",
            "多久能重新加入",
            "主动退出后最早哪天能重新加入",
            f"主动退出后 {BAN_MONTHS} 个月内不能重新加入；禁入期满的次日起可以重新申请。",
            "计算重新加入日",
            (Group("", (Field("exit_date", Kind.DATE, terms.EXIT_DAY, "退出日", required=True), _on())),),
            examples=(
                {"exit_date": "2026-11-30", "on": "2026-12-01"},
                {"exit_date": "2026-05-15", "on": "2026-08-16"},
            ),
        ),
        Command(
            "risk",
            "会不会被强制清退",
            "强制清退风险与补交期限",
            "按实际情况填写；不清楚的项目留空或不勾选。次数按你填写的计算（来源没有规定统计周期）。",
            "评估清退风险",
            (
                Group("", (_on(),)),
                Group(
                    terms.DEPOSIT,
                    (
                        Field(
                            "deposit",
                            Kind.AMOUNT,
                            "自缴保证金余额",
                            "当前自缴保证金余额（元）",
                            prompt="当前余额",
                            hint="元，可不填",
                            placeholder="例如 4500.00",
                        ),
                        Field(
                            "below_since",
                            Kind.DATE,
                            "余额低于门槛的日期",
                            "余额开始低于门槛的日期",
                            prompt="余额从哪天开始低于门槛",
                        ),
                        Field(
                            "threshold",
                            Kind.AMOUNT,
                            "保证金门槛",
                            f"保证金门槛，默认 {DEFAULT_THRESHOLD} 元",
                            prompt="门槛",
                            hint="元；阿里巴巴可以调整",
                            default=str(DEFAULT_THRESHOLD),
                        ),
                    ),
                ),
                Group(
                    "次数",
                    (
                        Field("complaints", Kind.COUNT, "有效投诉次数", "有效投诉次数", default="0"),
                        Field("fake_transactions", Kind.COUNT, "虚假交易次数", "虚假交易次数", default="0"),
                        Field(
                            "fault_disputes",
                            Kind.COUNT,
                            "供应商有责纠纷次数",
                            "阿里巴巴判定供应商有责的纠纷次数",
                            prompt="阿里巴巴判定供应商有责的纠纷次数",
                            default="0",
                        ),
                    ),
                ),
                Group(
                    "其他情形（符合的勾选）",
                    (
                        Field(
                            "refused_cooperation",
                            Kind.FLAG,
                            "拒不配合解决纠纷",
                            "有责纠纷中拒不配合解决",
                            prompt="有责纠纷中拒不配合解决",
                        ),
                        Field(
                            "false_materials",
                            Kind.FLAG,
                            terms.FALSE_MATERIALS,
                            "证明材料严重不实",
                            prompt="证明材料被发现严重不实、不完整、不准确或误导",
                        ),
                        Field(
                            "sales_target_missed", Kind.FLAG, "未达销售指标", "未达到销售指标", prompt="未达到销售指标"
                        ),
                        Field(
                            "other_violation",
                            Kind.FLAG,
                            "其他严重违规",
                            "其他严重违规",
                            prompt="其他严重违反阿里巴巴规则的行为",
                        ),
                    ),
                ),
            ),
            examples=(
                {
                    "on": "2026-10-05",
                    "deposit": "4500",
                    "below_since": "2026-09-30",
                    "complaints": "2",
                    "sales_target_missed": "1",
                },
                {"on": "2026-02-14", "deposit": "0", "below_since": "2026-02-13"},
                {"on": "2026-09-18", "deposit": "5,000.00", "below_since": "2026-09-17"},
                {
                    "on": "2026-06-01",
                    "fake_transactions": "1",
                    "fault_disputes": "2",
                    "false_materials": "是",
                    "other_violation": "1",
                    "refused_cooperation": "yes",
                },
                {"on": "2099-03-02", "deposit": "1", "below_since": "2099-03-01"},
                {"on": "2026-06-01"},
            ),
        ),
    )
}

# Every field by name; a name means the same thing in every command that takes it.
FIELDS: dict[str, Field] = {item.name: item for command in COMMANDS.values() for item in command.fields}
# The Chinese names used in error messages, the request-level ones included.
FIELD_LABELS: dict[str, str] = {
    "request": "请求",
    "command": "计算类型",
    **{name: item.label for name, item in FIELDS.items()},
}

# ---------------------------------------------------------------- the answer's typed shape
# (what compute() returns; JSON-ready: dates ISO, amounts as strings with two decimals)


class ExitAnswer(TypedDict):
    applied: str
    exit_date: str
    basis: Literal["fifteenth_day", "confirmed"]
    fifteenth_day: str
    days_early: int


class NoticeAnswer(TypedDict):
    exit_on: str
    apply_by: str
    on: str
    days_left: int
    in_time: bool
    passed: bool
    exit_if_applied: str  # the exit that applying on the query day brings


class ReentryAnswer(TypedDict):
    exit_date: str
    ban_last_day: str
    earliest_rejoin: str
    on: str
    eligible: bool
    days_left: int


class RuleAnswer(TypedDict):
    id: str
    status: Literal["ok", "at_risk", "triggered", "not_checked"]
    reason: str
    advice: str


class DepositAnswer(TypedDict):
    balance: str
    threshold: str
    amount_needed: str
    below_since: str | None
    safe_deadline: str | None
    legal_deadline: str | None
    legal_deadline_note: str | None
    days_left: int | None
    moved: bool | None
    arguable: bool


class RiskAnswer(TypedDict):
    on: str
    level: Literal["ok", "at_risk", "triggered"]
    rules: list[RuleAnswer]
    deposit: DepositAnswer | None
    not_checked: list[str]


Answer = ExitAnswer | NoticeAnswer | ReentryAnswer | RiskAnswer
