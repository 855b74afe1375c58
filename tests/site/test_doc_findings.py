"""The findings of the review of the pages, one test each: the old wording is gone, the new one is there.

Each claim is sourced (source and date), said to be this site's reading, or removed. Most tests
read the Markdown; where the words are computed or drawn, they read the built page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_support import ROOT

DOCS = ROOT / "docs"
DIAGRAMS = DOCS / "assets" / "diagrams"
_MARKUP = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def source(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def readers_pages() -> dict[str, str]:
    """Every page written for readers (the developers' page and the calculator are not ours to word)."""
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")) if p.name != "developers.md"}
    pages |= {p.name: p.read_text(encoding="utf-8") for p in sorted(DIAGRAMS.glob("*.svg"))}
    return pages


def section(markdown: str, anchor: str) -> str:
    """The text of the section whose heading ends in ``{#anchor}``, up to the next heading of any level."""
    match = re.search(rf"^#+ .*\{{#{anchor}\}}\n(.*?)(?=^#+ |\Z)", markdown, re.S | re.M)
    assert match, anchor
    return match.group(1)


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", html))


# -- 1. A reseller's cancellation "立即生效": the sources describe the clicks, not when it takes effect.

CANCEL_EFFECT = ["index.md", "faq.md", "glossary.md", "cancel.md", "cancel-steps.svg"]


@pytest.mark.parametrize("name", CANCEL_EFFECT)
def test_immediate_effect_is_the_sites_reading(name: str) -> None:
    text = readers_pages()[name]
    for old in ("立即生效", "**立即**生效", "点一下就生效", "点下去就生效", "不需要提前申请，也没有等待期"):
        assert old not in text, (name, old)
    assert "本站的理解" in text and "点完即生效" in text, name


def test_no_page_states_the_immediate_effect_as_fact() -> None:
    for name, text in readers_pages().items():
        for sentence in re.split(r"[。\n]", text):
            if "即生效" in sentence:
                assert "本站" in sentence, (name, sentence)


# -- 2. "1688 规则频道/阿里巴巴规则中心": no source names them; the law says where rules must be shown.


def test_current_rules_are_sought_where_the_law_puts_them() -> None:
    for name, text in readers_pages().items():
        assert "规则频道" not in text and "规则中心" not in text, name
    official = section(source("appeal.md"), "official-rules")
    assert "第三十三条" in official and "首页" in official and "没有说" in official


# -- 3. No holiday extension of the exit date or the ban (R6) is this site's reading, not 第二百零三条.


def test_no_extension_of_the_exit_date_is_the_sites_reading() -> None:
    text = section(source("deadlines.md"), "holiday-extension")
    assert "第二百零三条说的正是这种期限" not in text
    exit_line = next(line for line in text.splitlines() if "**退出日**" in line)
    assert "本站的读法" in exit_line and "不是第二百零三条的原话" in exit_line


def test_the_holiday_extension_is_said_in_short_pieces() -> None:
    """The 150-character bullet about the deposit is split: no paragraph or bullet over 100 characters."""
    text = section(source("deadlines.md"), "holiday-extension").replace("**", "")
    longest = max((line for line in text.splitlines() if line.strip()), key=len)
    assert len(longest) <= 100, longest


# -- 4. "有风险" read backwards ("期限还没过就会达到").


@pytest.mark.parametrize("name", ["glossary.md", "inputs.md"])
def test_at_risk_means_one_more_event_or_a_missed_deadline(name: str) -> None:
    text = source(name)
    assert "或者期限还没过）就会达到" not in text
    line = next(line for line in text.splitlines() if line.startswith("- **有风险**"))
    assert "还没有达到清退情形" in line and "再发生一次" in line and "期限过了还没有行动" in line


# -- 5. Holiday schedules "一般在每年 11 月、12 月公布": some came out in late October.


@pytest.mark.parametrize("name", ["deadlines.md", "glossary.md", "sources.md"])
def test_schedules_come_out_in_the_fourth_quarter(name: str) -> None:
    text = source(name)
    assert "11 月、12 月" not in text
    assert "第四季度" in text


# -- 6. The home page promised answers the pages say the sources do not give.


def test_home_promises_only_what_the_pages_give() -> None:
    text = source("index.md")
    for promise in ("在哪里看余额", "怎么申诉", "去哪里看现行规则", "退出申请交到哪里"):
        assert promise not in text, promise
    assert "来源没有写申诉办法" in text and "申请交到哪里，来源没有写" in text


# -- 7. Unsourced claims: suppliers "为分销商供货"; "平台的通知一般不会早于扣款".


def test_unsourced_claims_are_gone_or_marked() -> None:
    assert "为分销商供货" not in source("glossary.md")
    deposit = section(source("deposit.md"), "below-since")
    assert "平台的通知一般不会早于扣款" not in deposit
    assert "本站的读法" in deposit and "来源没有写" in deposit


# -- 8. "碰线", unexplained.


def test_no_jargon_for_reaching_a_removal_case() -> None:
    for name, text in readers_pages().items():
        assert "碰线" not in text, name
    assert "达到什么程度就可能被清退" in source("removal.md")


# -- 9. An ordinary Wednesday in 2030 as the year without a schedule: now a deadline on 元旦 2027.


def test_unpublished_year_example_is_a_deadline_on_a_holiday(built_site: Path) -> None:
    markdown = section(source("deadlines.md"), "unpublished-years")
    assert "2030-" not in markdown
    assert "{{ calc risk" in markdown  # the dates are the calculator's, not typed
    html = (built_site / "deadlines" / "index.html").read_text(encoding="utf-8")
    start = html.index('id="unpublished-years"')
    text = visible_text(html[start : html.index("<h2", start)])
    assert "2027年1月1日（星期五）" in text and "元旦" in text
    assert "尚未发布" in text and "不猜" in text


# -- 10. One word for each thing: 补交 (never 补缴/补足), 重新加入 ("重新入驻" only quoted).


def test_topping_up_is_always_buqiao_and_rejoining_always_chongxin_jiaru() -> None:
    for name, text in readers_pages().items():
        for variant in ("补缴", "补足", "重新申请加入"):
            assert variant not in text, (name, variant)
        unquoted = re.sub(r"“重新入驻”", "", text)
        assert "重新入驻" not in unquoted, name
    assert "“重新入驻”" in section(source("glossary.md"), "rejoin")


# -- Other friction from the same review.


def test_deposit_page_opens_with_the_answer() -> None:
    lines = source("deposit.md").splitlines()
    tip = lines.index('!!! tip "一句话回答"')
    assert tip < next(i for i, line in enumerate(lines) if line.startswith("**自缴保证金**是"))
    assert [line for line in lines[:tip] if line.startswith("## ")] == []  # nothing but the title before it
    box = " ".join(line for line in lines[tip + 1 : tip + 4] if line.startswith("    "))
    assert "3 天" in box and "24:00（北京时间）" in box and "calculator/index.md#risk" in box


def test_developers_page_is_built_linked_from_the_footer_and_not_searched(built_site: Path) -> None:
    assert (built_site / "developers" / "index.html").is_file()
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("developers/")]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    menu, footer = home.split('<footer class="md-footer">')
    assert "developers/" not in menu  # not in the tabs or the side menu
    assert 'href="developers/"' in footer


def test_the_404_page_speaks_chinese_and_shows_the_way(built_site: Path) -> None:
    html = (built_site / "404.html").read_text(encoding="utf-8")
    text = visible_text(html[html.index("<article") : html.index("</article>")])
    assert "Not found" not in text and "找不到这个页面" in text and "搜索" in text
    for label, href in [
        ("首页", '"/."'),
        ("取消供应商合作", '"/cancel/"'),
        ("主动退出", '"/exit/"'),
        ("强制清退", '"/removal/"'),
        ("期限怎么算", '"/deadlines/"'),
        ("计算器", '"/calculator/"'),
    ]:
        assert f"href={href}>{label}</a>" in html, label
