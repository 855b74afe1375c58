"""The site's glossary: one word for each thing, and the variants that must not be used.

The calculator's labels are taken from here, and ``tests/site/test_glossary.py`` fails when a
page of the built site, the CLI's output, the calculator package or the page's JavaScript
uses a forbidden variant. ``docs/glossary.md`` explains each term to readers.

>>> [term.word for term in TERMS if term.word == OK]
['正常']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The words themselves, for code that shows them.
OK = "正常"
AT_RISK = "有风险"
TRIGGERED = "已触发"
NOT_CHECKED = "未检查"
LATEST_ARGUABLE = "最晚可争取"
SAFE_DEADLINE = "稳妥期限"
BAN_LAST_DAY = "禁入期最后一天"
EXIT_DAY = "退出日"
QUERY_DAY = "查询日"
APPLY_BY = "最晚申请日"
DEPOSIT = "自缴保证金"
FALSE_MATERIALS = "材料严重不实"
VIP_CENTRE = "VIP批发中心"
TOP_UP = "补交"
REJOIN = "重新加入"


@dataclass(frozen=True, slots=True)
class Term:
    """A term, what it means, and a pattern for the variants that mean the same but differ."""

    word: str
    meaning: str
    forbidden: str  # a regular expression; "" where no variant is known

    def variants_in(self, text: str) -> list[str]:
        """The forbidden variants found in ``text``.

        >>> TERMS_BY_WORD[OK].variants_in("总体：未触发；尚未触发的项目")
        ['未触发']
        """
        if not self.forbidden:
            return []
        return [match.group(0) for match in re.finditer(self.forbidden, text)]


TERMS: tuple[Term, ...] = (
    Term(OK, "规则的状态：按填写的情况，没有达到风险线", r"(?<![尚还])未触发"),
    Term(AT_RISK, "规则的状态：还没有达到清退情形，但再发生一次，或者期限过了还没有补交，就会达到", ""),
    Term(TRIGGERED, "规则的状态：已经满足强制清退的情形", ""),
    Term(NOT_CHECKED, "规则的状态：需要的信息没有填写，所以没有检查（不等于正常）", r"未评估|未核查"),
    Term(LATEST_ARGUABLE, "按民法典第二百零三条节假日顺延后的期限，平台未必认可", r"最晚可主张"),
    Term(SAFE_DEADLINE, "自缴保证金按日历算出的补交期限，到当天 24:00（北京时间）", r"安全期限"),
    Term(BAN_LAST_DAY, "主动退出后 3 个月禁入期的最后一天", r"禁止重新加入的最后一天|禁入期的最后一天"),
    Term(EXIT_DAY, "主动退出生效的那一天", r"退出生效日"),
    Term(QUERY_DAY, "计算时当作“今天”的日期，默认是北京时间的今天", r"查询日期"),
    Term(APPLY_BY, "想在某天退出时，最晚提出申请的日期", r"最迟申请日"),
    Term(DEPOSIT, "供应商自己缴纳的保证金（不含其他担保）", ""),
    Term(FALSE_MATERIALS, "证明材料严重不真实、不完整、不准确或误导", r"(?<!严重)材料不实"),
    Term(VIP_CENTRE, "阿里巴巴VIP批发中心", r"VIP 批发中心"),
    Term("来源 A", "第三方转载（2022-07-17）", r"来源[AB]"),
    # the sources' own word (“3天内未补交”); not 补缴 or 补足
    Term(TOP_UP, "自缴保证金低于门槛后，把差额交上", r"补缴|补足"),
    # the sources' own word (“重新加入”); readers also search for “重新入驻”, quoted as such
    Term(REJOIN, "主动退出后，禁入期满再次加入VIP批发中心", r"重新申请加入|(?<!“)重新入驻"),
)
TERMS_BY_WORD: dict[str, Term] = {term.word: term for term in TERMS}
