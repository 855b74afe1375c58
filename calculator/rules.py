"""The rulings R2–R11 of rules.md as pure functions of dates and numbers.

Nothing here reads the clock: "today" is always a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .dates import shift
from .errors import InputError
from .workdays import next_working_day

NOTICE_DAYS = 15  # 提前 15 天申请；退出日为申请后的第 15 日
BAN_MONTHS = 3  # 主动退出后 3 个月内不接受重新加入
TOP_UP_DAYS = 3  # 自缴保证金低于门槛后 3 天内补足
DEFAULT_THRESHOLD = Decimal("6000.00")


class Status(StrEnum):
    """How far a removal rule has gone, mildest first."""

    OK = "ok"
    AT_RISK = "at_risk"
    TRIGGERED = "triggered"


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
            f"确认的退出日期只能在申请日 {applied.isoformat()} 到第 15 日 "
            f"{fifteenth.isoformat()} 之间（规则只允许提前），收到 {confirmed.isoformat()}",
        )
    return ExitResult(applied, confirmed, Basis.CONFIRMED, fifteenth, (fifteenth - confirmed).days)


def apply_by(exit_on: date, on: date) -> NoticeResult:
    """R4: to leave on ``exit_on`` without an early confirmation, apply 15 days before.

    >>> apply_by(date(2026, 12, 31), date(2026, 12, 1)).apply_by
    datetime.date(2026, 12, 16)
    """
    latest = shift("exit_on", exit_on, days=-NOTICE_DAYS)
    return NoticeResult(exit_on, latest, on, (latest - on).days, on <= latest)


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
        _complaints(inputs.complaints),
        _fake_transactions(inputs.fake_transactions),
        _disputes(inputs.fault_disputes, inputs.refused_cooperation),
        _flag(
            RuleId.FALSE_MATERIALS,
            inputs.false_materials,
            "提供的证明材料存在严重不真实、不完整、不准确或误导的情形，属于强制清退情形。",
            "立即更正并补充真实、完整的材料，主动向阿里巴巴说明情况并保留沟通记录。",
            "未勾选材料严重不实。",
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
    return RiskResult(on, _overall(rule.status for rule in rules), rules, deposit)


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
            f"低于门槛的日期 {since.isoformat()} 不能晚于查询日期 {on.isoformat()}",
        )
    if balance is None:
        if since is not None:
            raise InputError("deposit", "填写了余额低于门槛的日期，请同时填写当前自缴保证金余额")
        rule = RuleResult(
            RuleId.DEPOSIT,
            Status.OK,
            "未填写自缴保证金余额，本项未检查。",
            "填写当前余额即可检查补缴期限。",
        )
        return rule, None
    if balance >= threshold:
        rule = RuleResult(
            RuleId.DEPOSIT,
            Status.OK,
            f"自缴保证金余额 {balance} 元不低于门槛 {threshold} 元。",
            "保持余额不低于门槛；扣款后及时查看余额。",
        )
        return rule, DepositResult(balance, threshold, Decimal("0.00"), since, None, None, None, None)
    if since is None:
        raise InputError(
            "below_since",
            f"余额 {balance} 元低于门槛 {threshold} 元，请填写余额从哪一天开始低于门槛",
        )
    safe = shift("below_since", since, days=TOP_UP_DAYS)
    legal = next_working_day(safe)
    needed = threshold - balance
    deposit = DepositResult(balance, threshold, needed, since, safe, legal.day, legal.note, (safe - on).days)
    if on <= safe:
        rule = RuleResult(
            RuleId.DEPOSIT,
            Status.AT_RISK,
            f"余额比门槛少 {needed} 元，须在 {safe.isoformat()} 24:00（北京时间）前补足。",
            f"尽快补缴 {needed} 元，不要等到最后一天；以稳妥期限 {safe.isoformat()} 为准。",
        )
    else:
        late = f"已超过 {safe.isoformat()} 的补缴期限，满足“3 天内未补交”的清退情形。"
        if legal.day is not None and on <= legal.day:
            late += f"按节假日顺延最晚可主张到 {legal.day.isoformat()}，但平台未必认可。"
        rule = RuleResult(
            RuleId.DEPOSIT,
            Status.TRIGGERED,
            late,
            f"立即补缴 {needed} 元，并联系阿里巴巴说明情况、保留凭证。",
        )
    return rule, deposit


def _complaints(count: int) -> RuleResult:
    if count >= 3:
        return RuleResult(
            RuleId.COMPLAINTS,
            Status.TRIGGERED,
            f"有效投诉 {count} 次，已达到 3 次的清退线。",
            "核对每次投诉是否确属有效；对有异议的投诉按平台流程申诉并保留证据。",
        )
    if count == 2:
        return RuleResult(
            RuleId.COMPLAINTS,
            Status.AT_RISK,
            "有效投诉 2 次，再有 1 次即达到 3 次的清退线。",
            "优先处理在途售后和买家诉求，避免再被有效投诉。",
        )
    return RuleResult(
        RuleId.COMPLAINTS,
        Status.OK,
        f"有效投诉 {count} 次，未达到风险线（2 次）。",
        "保持及时发货和售后响应。",
    )


def _fake_transactions(count: int) -> RuleResult:
    if count >= 2:
        return RuleResult(
            RuleId.FAKE_TRANSACTIONS,
            Status.TRIGGERED,
            f"虚假交易 {count} 次，已达到“2 次及以上”的清退情形。",
            "立即停止一切刷单、虚假交易，如认定有误按平台流程申诉。",
        )
    if count == 1:
        return RuleResult(
            RuleId.FAKE_TRANSACTIONS,
            Status.AT_RISK,
            "虚假交易 1 次，再有 1 次即达到清退情形。",
            "立即停止虚假交易，检查店铺是否有异常订单。",
        )
    return RuleResult(RuleId.FAKE_TRANSACTIONS, Status.OK, "没有虚假交易记录。", "继续保持真实交易。")


def _disputes(count: int, refused: bool) -> RuleResult:
    if refused:
        return RuleResult(
            RuleId.DISPUTES,
            Status.TRIGGERED,
            "阿里巴巴判定供应商有责的纠纷中，供应商拒不配合解决，属于清退情形。",
            "立即配合阿里巴巴处理该纠纷，按判定结果履行并保留记录。",
        )
    if count >= 2:
        return RuleResult(
            RuleId.DISPUTES,
            Status.TRIGGERED,
            f"供应商有责纠纷 {count} 次：第一次解决后再次发生有责纠纷，属于清退情形。",
            "配合解决所有在途纠纷，复盘原因，向阿里巴巴说明整改措施。",
        )
    if count == 1:
        return RuleResult(
            RuleId.DISPUTES,
            Status.AT_RISK,
            "已有 1 次供应商有责纠纷；若再次发生有责纠纷，即属于清退情形。",
            "配合解决这次纠纷，并排查同类问题，避免再次发生。",
        )
    return RuleResult(RuleId.DISPUTES, Status.OK, "没有供应商有责的纠纷。", "发生纠纷时积极配合处理。")


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
