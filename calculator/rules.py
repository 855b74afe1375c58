"""The rulings R2–R11 of rules.md as pure functions of dates and numbers.

Nothing here reads the clock: "today" is always a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .contract import (
    BAN_MONTHS,
    COUNT_THRESHOLDS,
    DEFAULT_THRESHOLD,
    NOTICE_DAYS,
    TOP_UP_DAYS,
    Basis,
    RuleId,
    Status,
)
from .dates import format_date_zh, format_deadline_zh, shift
from .errors import InputError
from .terms import FALSE_MATERIALS, LATEST_ARGUABLE, SAFE_DEADLINE, TOP_UP
from .workdays import next_working_day

__all__ = [
    "BAN_MONTHS",
    "DEFAULT_THRESHOLD",
    "NOTICE_DAYS",
    "TOP_UP_DAYS",
    "Basis",
    "RuleId",
    "Status",
    "apply_by",
    "assess",
    "exit_date",
    "reentry",
]


@dataclass(frozen=True, slots=True)
class ExitResult:
    applied: date
    exit_date: date
    basis: Basis
    fifteenth_day: date
    days_early: int


@dataclass(frozen=True, slots=True)
class NoticeResult:
    exit_on: date
    apply_by: date
    on: date
    days_left: int
    in_time: bool
    passed: bool
    exit_if_applied: date


@dataclass(frozen=True, slots=True)
class ReentryResult:
    exit_date: date
    ban_last_day: date
    earliest_rejoin: date
    on: date
    eligible: bool
    days_left: int


@dataclass(frozen=True, slots=True)
class DepositResult:
    balance: Decimal
    threshold: Decimal
    amount_needed: Decimal
    below_since: date | None
    safe_deadline: date | None
    legal_deadline: date | None
    legal_deadline_note: str | None
    days_left: int | None
    moved: bool | None  # the extended deadline is later than the safe one
    arguable: bool  # past the safe deadline, the extended one is later and not yet past


@dataclass(frozen=True, slots=True)
class RuleResult:
    id: RuleId
    status: Status
    reason: str
    advice: str


@dataclass(frozen=True, slots=True)
class RiskInputs:
    """What the supplier tells us; counts as entered (the sources give no time window)."""

    deposit: Decimal | None = None
    below_since: date | None = None
    threshold: Decimal = DEFAULT_THRESHOLD
    complaints: int = 0
    fake_transactions: int = 0
    fault_disputes: int = 0
    refused_cooperation: bool = False
    false_materials: bool = False
    sales_target_missed: bool = False
    other_violation: bool = False


@dataclass(frozen=True, slots=True)
class RiskResult:
    on: date
    level: Status
    rules: tuple[RuleResult, ...]
    deposit: DepositResult | None
    not_checked: tuple[RuleId, ...]


def exit_date(applied: date, confirmed: date | None = None) -> ExitResult:
    """R3: exit on the 15th day after the application, or on an earlier confirmed date.

    >>> exit_date(date(2026, 5, 15)).exit_date
    datetime.date(2026, 5, 30)
    """
    fifteenth = shift("applied", applied, days=NOTICE_DAYS)
    if confirmed is None:
        return ExitResult(applied, fifteenth, Basis.FIFTEENTH_DAY, fifteenth, 0)
    if not applied <= confirmed <= fifteenth:
        raise InputError(
            "confirmed",
            f"确认的退出日期只能在申请日 {format_date_zh(applied)} 到第 {NOTICE_DAYS} 日 "
            f"{format_date_zh(fifteenth)} 之间（规则只允许提前），收到 {format_date_zh(confirmed)}",
        )
    return ExitResult(applied, confirmed, Basis.CONFIRMED, fifteenth, (fifteenth - confirmed).days)


def apply_by(exit_on: date, on: date) -> NoticeResult:
    """R4: to leave on ``exit_on`` without an early confirmation, apply 15 days before.

    >>> apply_by(date(2026, 12, 31), date(2026, 12, 1)).apply_by
    datetime.date(2026, 12, 16)
    """
    latest = shift("exit_on", exit_on, days=-NOTICE_DAYS)
    passed = exit_on < on
    # Applying on the query day fixes the exit on its 15th day (or an earlier day Alibaba
    # confirms): before the wished day when applying early, after it when too late.
    if_applied = shift("on", on, days=NOTICE_DAYS)
    return NoticeResult(exit_on, latest, on, (latest - on).days, on <= latest, passed, if_applied)


def reentry(exit_on: date, on: date) -> ReentryResult:
    """R5: the ban ends 3 calendar months after the exit; re-join from the next day.

    >>> reentry(date(2026, 11, 30), date(2027, 1, 1)).earliest_rejoin
    datetime.date(2027, 3, 1)
    """
    last = shift("exit_date", exit_on, months=BAN_MONTHS)
    first = shift("exit_date", last, days=1)
    return ReentryResult(exit_on, last, first, on, on >= first, max(0, (first - on).days))


def assess(on: date, inputs: RiskInputs) -> RiskResult:
    """R9–R11: every removal rule's status and the overall level on day ``on``."""
    deposit_rule, deposit = _deposit(on, inputs)
    rules = (
        deposit_rule,
        _count(RuleId.COMPLAINTS, getattr(inputs, COUNT_THRESHOLDS[RuleId.COMPLAINTS].field)),
        _count(RuleId.FAKE_TRANSACTIONS, getattr(inputs, COUNT_THRESHOLDS[RuleId.FAKE_TRANSACTIONS].field)),
        _disputes(getattr(inputs, COUNT_THRESHOLDS[RuleId.DISPUTES].field), inputs.refused_cooperation),
        _flag(
            RuleId.FALSE_MATERIALS,
            inputs.false_materials,
            "提供的证明材料存在严重不真实、不完整、不准确或误导的情形，属于强制清退情形。",
            "立即更正并补充真实、完整的材料，主动向阿里巴巴说明情况并保留沟通记录。",
            f"未勾选{FALSE_MATERIALS}。",
        ),
        _sales_target(inputs.sales_target_missed),
        _flag(
            RuleId.OTHER,
            inputs.other_violation,
            "存在其他严重违反阿里巴巴规则的行为，属于强制清退情形。",
            "对照平台规则逐项整改，向阿里巴巴说明整改情况。",
            "未勾选其他严重违规。",
        ),
    )
    unchecked = tuple(rule.id for rule in rules if rule.status is Status.NOT_CHECKED)
    return RiskResult(on, _overall(rule.status for rule in rules), rules, deposit, unchecked)


def _overall(statuses: Iterable[Status]) -> Status:
    found = set(statuses)
    for level in (Status.TRIGGERED, Status.AT_RISK):
        if level in found:
            return level
    return Status.OK


def _deposit(on: date, inputs: RiskInputs) -> tuple[RuleResult, DepositResult | None]:
    balance, threshold, since = inputs.deposit, inputs.threshold, inputs.below_since
    if since is not None and since > on:
        raise InputError(
            "below_since",
            f"低于门槛的日期 {format_date_zh(since)} 不能晚于查询日 {format_date_zh(on)}",
        )
    if balance is None:
        if since is not None:
            raise InputError("deposit", "填写了余额低于门槛的日期，请同时填写当前自缴保证金余额")
        rule = RuleResult(
            RuleId.DEPOSIT,
            Status.NOT_CHECKED,
            "没有填写自缴保证金余额，本项未检查。",
            f"填写当前余额即可检查{TOP_UP}期限。",
        )
        return rule, None
    if balance >= threshold:
        rule = RuleResult(
            RuleId.DEPOSIT,
            Status.OK,
            f"自缴保证金余额 {balance} 元不低于门槛 {threshold} 元。",
            "保持余额不低于门槛；扣款后及时查看余额。",
        )
        return rule, DepositResult(balance, threshold, Decimal("0.00"), since, None, None, None, None, None, False)
    if since is None:
        raise InputError(
            "below_since",
            f"余额 {balance} 元低于门槛 {threshold} 元，请填写余额从哪一天开始低于门槛",
        )
    safe = shift("below_since", since, days=TOP_UP_DAYS)
    legal = next_working_day(safe)
    needed = threshold - balance
    moved = None if legal.day is None else legal.day != safe
    arguable = legal.day is not None and bool(moved) and safe < on <= legal.day
    deposit = DepositResult(
        balance, threshold, needed, since, safe, legal.day, legal.note, (safe - on).days, moved, arguable
    )
    if on <= safe:
        rule = RuleResult(
            RuleId.DEPOSIT,
            Status.AT_RISK,
            f"余额比门槛少 {needed} 元，须在 {format_deadline_zh(safe)}（北京时间）前{TOP_UP}。",
            f"尽快{TOP_UP} {needed} 元，不要等到最后一天；以{SAFE_DEADLINE} {format_deadline_zh(safe)} 为准。",
        )
    else:
        late = f"已超过 {format_deadline_zh(safe)} 的{TOP_UP}期限，满足“{TOP_UP_DAYS}天内未{TOP_UP}”的清退情形。"
        if legal.day is not None and arguable:
            late += f"按节假日顺延{LATEST_ARGUABLE}到 {format_deadline_zh(legal.day)}，但平台未必认可。"
        rule = RuleResult(
            RuleId.DEPOSIT,
            Status.TRIGGERED,
            late,
            f"立即{TOP_UP} {needed} 元，并联系阿里巴巴说明情况、保留凭证。",
        )
    return rule, deposit


# What each counted rule says at each status, as (reason, advice). The counts themselves come
# from COUNT_THRESHOLDS: {count}, {limit} (the count that triggers it), {left} (how many more),
# {risk} (the count that puts it at risk).
_COUNT_WORDS: dict[RuleId, dict[Status, tuple[str, str]]] = {
    RuleId.COMPLAINTS: {
        Status.TRIGGERED: (
            "有效投诉 {count} 次，已达到 {limit} 次的清退线。",
            "核对每次投诉是否确属有效；有异议的，向阿里巴巴说明并保留证据（来源没有写明能否申诉）。",
        ),
        Status.AT_RISK: (
            "有效投诉 {count} 次，再有 {left} 次即达到 {limit} 次的清退线。",
            "优先处理在途售后和买家诉求，避免再被有效投诉。",
        ),
        Status.OK: ("有效投诉 {count} 次，未达到风险线（{risk} 次）。", "保持及时发货和售后响应。"),
    },
    RuleId.FAKE_TRANSACTIONS: {
        Status.TRIGGERED: (
            "虚假交易 {count} 次，已达到“{limit} 次及以上”的清退情形。",
            "立即停止一切刷单、虚假交易；认定有误的，向阿里巴巴说明并保留证据（来源没有写明能否申诉）。",
        ),
        Status.AT_RISK: (
            "虚假交易 {count} 次，再有 {left} 次即达到清退情形。",
            "立即停止虚假交易，检查店铺是否有异常订单。",
        ),
        Status.OK: ("没有虚假交易记录。", "继续保持真实交易。"),
    },
    RuleId.DISPUTES: {
        Status.TRIGGERED: (
            "供应商有责纠纷 {count} 次：第一次解决后再次发生有责纠纷，属于清退情形。",
            "配合解决所有在途纠纷，复盘原因，向阿里巴巴说明整改措施。",
        ),
        Status.AT_RISK: (
            "已有 {count} 次供应商有责纠纷；若再次发生有责纠纷，即属于清退情形。",
            "配合解决这次纠纷，并排查同类问题，避免再次发生。",
        ),
        Status.OK: ("没有供应商有责的纠纷。", "发生纠纷时积极配合处理。"),
    },
}


def _count(rule: RuleId, count: int) -> RuleResult:
    """A counted rule (R10): its status from COUNT_THRESHOLDS, its words from _COUNT_WORDS."""
    limit = COUNT_THRESHOLDS[rule]
    if count >= limit.triggered:
        status = Status.TRIGGERED
    elif count >= limit.at_risk:
        status = Status.AT_RISK
    else:
        status = Status.OK
    reason, advice = _COUNT_WORDS[rule][status]
    values = {"count": count, "limit": limit.triggered, "left": limit.triggered - count, "risk": limit.at_risk}
    return RuleResult(rule, status, reason.format(**values), advice)


def _disputes(count: int, refused: bool) -> RuleResult:
    if refused:
        return RuleResult(
            RuleId.DISPUTES,
            Status.TRIGGERED,
            "阿里巴巴判定供应商有责的纠纷中，供应商拒不配合解决，属于清退情形。",
            "立即配合阿里巴巴处理该纠纷，按判定结果履行并保留记录。",
        )
    return _count(RuleId.DISPUTES, count)


def _sales_target(missed: bool) -> RuleResult:
    if missed:
        return RuleResult(
            RuleId.SALES_TARGET,
            Status.AT_RISK,
            "未达到销售指标：阿里巴巴“有权”停止入驻资格，是否执行由平台决定。",
            "向平台确认指标要求和考核期，制定补量计划。",
        )
    return RuleResult(RuleId.SALES_TARGET, Status.OK, "未勾选未达销售指标。", "留意平台公布的销售指标。")


def _flag(rule: RuleId, value: bool, reason: str, advice: str, clear: str) -> RuleResult:
    if value:
        return RuleResult(rule, Status.TRIGGERED, reason, advice)
    return RuleResult(rule, Status.OK, clear, "继续遵守平台规则。")
