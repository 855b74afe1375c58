"""What a seller types into the search box, and the page that must come first.

Material's search in headless Chromium on the built site, as a reader uses it. The ranking comes
from each page's ``search: boost:`` (front matter), the headings (a heading weighs 1000 times the
text) and the jieba dictionary (hooks/jieba_userdict.txt), which decides the words of the index.

Material cuts a Chinese query into words it finds in the index, and the last word of a longer
query is often dropped (“怎么申诉” is searched as “怎么”). The queries below are what sellers type;
a query that the search box cannot read at all is left out rather than forced.
"""

from __future__ import annotations

import pytest
from browser_support import GuardedPage, search_results

# (what a seller types, the page that answers it); "" is the home page.
QUERIES = [
    # 自缴保证金
    ("保证金不够", "deposit/"),
    ("退出后保证金", "deposit/"),  # "退出后、被清退后，保证金退不退": the sources are silent, said there
    ("保证金什么时候退", "deposit/"),
    ("保证金门槛", "deposit/"),
    ("补交保证金", "deposit/"),
    ("只补一部分保证金", "deposit/"),
    ("3天从哪天算", "deposit/"),
    ("余额低于6000", "deposit/"),
    # 主动退出：规则与日期
    ("怎么退出批发中心", "exit/"),  # the rule (15 days ahead, in writing) is the answer
    ("退出要提前几天", "exit/"),
    ("供应商退出规则", "exit/"),
    ("退出要阿里巴巴同意吗", "exit/"),
    ("退出哪天生效", "exit/"),
    ("最晚哪天申请", "exit/"),
    ("最晚申请日", "exit/"),
    ("退出日是周末", "exit/"),
    ("重新入驻", "exit/"),  # the 3-month ban after a voluntary exit
    ("多久能重新加入", "exit/"),
    ("退出后多久能再加入", "exit/"),
    ("禁入期", "exit/"),
    ("规则改了不接受", "exit/"),
    # 办理退出：步骤与凭证
    ("退出申请交到哪里", "leaving/"),
    ("退出要留什么凭证", "leaving/"),
    # 取消供应商合作
    ("取消合作", "cancel/"),
    ("取消供应商合作", "cancel/"),
    ("1688怎么取消供应商合作", "cancel/"),  # source A's title
    ("取消代发", "cancel/"),  # source B's title
    ("不想和供应商合作了", "cancel/"),
    ("淘管家", "cancel/"),
    ("手机上怎么取消合作", "cancel/"),
    ("铺货的商品会下架吗", "cancel/"),
    ("一件代发", "cancel/"),
    ("分销商", "cancel/"),
    # 强制清退
    ("强制清退", "removal/"),
    ("会不会被清退", "removal/"),
    ("被投诉了", "removal/"),
    ("有效投诉", "removal/"),
    ("虚假交易", "removal/"),
    ("刷单", "removal/"),
    ("有责纠纷", "removal/"),
    ("销售指标", "removal/"),
    ("被清退后多久能重新加入", "removal/"),  # the sources set no waiting period: said there
    # 申诉与留证
    ("申诉", "appeal/"),
    ("清退通知", "appeal/"),
    ("投诉不成立", "appeal/"),
    ("现行规则在哪里看", "appeal/"),
    # 期限怎么算
    ("节假日顺延", "deadlines/"),
    ("国庆节顺延吗", "deadlines/"),
    ("第一天算不算", "deadlines/"),
    ("调休上班", "deadlines/"),
    ("放假安排", "deadlines/"),
    # 帮助
    ("规则还有效吗", "sources/"),
    ("计算器怎么填", "inputs/"),
    ("有风险是什么意思", "glossary/"),
]


def test_the_list_is_long_enough_and_names_each_query_once() -> None:
    assert len(QUERIES) >= 25
    assert len({query for query, _ in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query for query, _ in QUERIES])
def test_the_page_that_answers_comes_first(search_page: GuardedPage, site_url: str, query: str, expected: str) -> None:
    assert search_results(search_page.page, site_url, query)[0] == expected, query
