"""The built site in headless Chromium over 127.0.0.1, looked at as a visitor would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, GuardedPage, open_guarded_page, search_results

PAGES = {
    "": "首页",
    "cancel/": "取消供应商合作",
    "exit/": "主动退出：规则与日期",
    "removal/": "强制清退",
    "deadlines/": "期限怎么算",
    "calculator/": "计算器",
    "faq/": "常见问题",
    "glossary/": "术语表",
    "sources/": "来源与更新",
    "leaving/": "办理退出：步骤与凭证",
    "deposit/": "自缴保证金",
    "appeal/": "申诉与留证",
    "inputs/": "计算器要填什么",
    "developers/": "命令行与接口（开发者）",
    "offline/": "现在离线",
}

# Each word of the search dictionary → the pages that explain it (all must be found).
SEARCH_EXPECTED = {
    "VIP批发中心": {"glossary/"},
    "批发中心": {"glossary/"},
    "自缴保证金": {"removal/", "glossary/"},
    "保证金": {"removal/"},
    "淘管家": {"cancel/", "glossary/"},
    "合作中的供应商": {"cancel/", "glossary/"},
    "取消合作": {"cancel/", "glossary/"},
    "虚假交易": {"removal/", "glossary/"},
    "有效投诉": {"removal/", "glossary/"},
    "强制清退": {"removal/", "glossary/"},
    "主动退出": {"exit/", "glossary/"},
    "法定休假日": {"deadlines/", "glossary/"},
    "调休": {"deadlines/", "glossary/"},
    "国务院": {"deadlines/", "glossary/"},
    "分销商": {"cancel/", "glossary/"},
    "供应商": {"glossary/"},
    "民法典": {"deadlines/", "glossary/"},
    "电子商务法": {"sources/", "glossary/"},
    "禁入期": {"exit/", "glossary/"},
    "稳妥期限": {"deadlines/", "deposit/", "glossary/"},
    "最晚可争取": {"deadlines/", "glossary/"},
    "最晚申请日": {"exit/", "glossary/"},
    "禁入期最后一天": {"exit/", "glossary/"},
    "铺货": {"cancel/", "glossary/"},
    "一件代发": {"cancel/", "glossary/"},
    "书面形式": {"exit/", "leaving/", "glossary/"},
    "入驻资格": {"removal/", "glossary/"},
    "有风险": {"glossary/", "inputs/", "deposit/"},
    "已触发": {"glossary/", "inputs/", "deposit/"},
    "未检查": {"glossary/", "inputs/", "deposit/"},
}


def _dictionary_words() -> list[str]:
    lines = (ROOT / "hooks" / "jieba_userdict.txt").read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip()]


def test_pages_list_is_complete(built_site: Path) -> None:
    built = {p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")}
    assert {("" if b == "./" else b) for b in built} == set(PAGES)


def test_every_dictionary_word_has_an_expected_page() -> None:
    assert sorted(_dictionary_words()) == sorted(SEARCH_EXPECTED)


@pytest.mark.parametrize("path", list(PAGES), ids=list(PAGES.values()))
def test_page_loads_without_errors_or_outside_requests(guarded_page: GuardedPage, site_url: str, path: str) -> None:
    page = guarded_page.page
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert page.locator("article h1").first.inner_text().strip() != ""
    assert PAGES[path] in page.title()
    guarded_page.assert_clean()
    assert any(url.startswith(site_url) for url in guarded_page.requests)


@pytest.mark.parametrize("term", list(SEARCH_EXPECTED))
def test_search_finds_the_page_that_explains(search_page: GuardedPage, site_url: str, term: str) -> None:
    found = set(search_results(search_page.page, site_url, term))
    assert SEARCH_EXPECTED[term] <= found, f"{term}: {sorted(found)}"
    search_page.assert_clean()


@pytest.mark.parametrize("path", list(PAGES), ids=list(PAGES.values()))
def test_phone_width_has_no_sideways_scroll(browser: Any, site_url: str, path: str) -> None:
    context, guard = open_guarded_page(browser, viewport={"width": 360, "height": 740})
    try:
        guard.page.goto(site_url + path, wait_until="load")
        width = guard.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360
        # no table or code-free box that has to be scrolled sideways to be read
        cut = guard.page.evaluate(
            """[...document.querySelectorAll('.md-typeset__scrollwrap, .calc-calendar-wrap, .diagram')]
                 .filter(el => el.scrollWidth > el.clientWidth + 1)
                 .map(el => el.className)"""
        )
        assert cut == []
        guard.assert_clean()
    finally:
        context.close()


def test_dark_mode_toggle(guarded_page: GuardedPage, site_url: str) -> None:
    page = guarded_page.page
    page.goto(site_url + "exit/", wait_until="networkidle")
    text_fill = "getComputedStyle(document.querySelector('#fig-exit-timeline .d-text')).fill"
    before = page.get_attribute("body", "data-md-color-scheme"), page.evaluate(text_fill)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.get_attribute("body", "data-md-color-scheme"), page.evaluate(text_fill)
    assert {before[0], after[0]} == {"default", "slate"}
    assert before[1] != after[1]  # the diagram's text follows the palette
    guarded_page.assert_clean()


# Every layout shift of the page, as the browser reports it (the CLS metric adds these up).
LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const sources = entry.sources.map((source) => source.node?.className || source.node?.nodeName || "?");
    window.__shifts.push(`${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ${sources.join(", ")}`);
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["桌面", "手机"])
def test_nothing_moves_while_the_calculator_loads(browser: Any, site_url: str, width: int, height: int) -> None:
    context, guard = open_guarded_page(browser, viewport={"width": width, "height": height})
    page = guard.page
    try:
        page.add_init_script(LAYOUT_SHIFTS)
        page.goto(site_url + "calculator/")
        page.wait_for_selector("[data-calculator][data-state='ready']", timeout=60_000)
        # two frames drawn in the ready state: its layout is on screen
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert page.evaluate("window.__shifts") == []
        guard.assert_clean()
    finally:
        context.close()


def test_admonitions_are_read_at_body_size(guarded_page: GuardedPage, site_url: str) -> None:
    """The one-line answers at the top of the pages: as large as the text around them."""
    page = guarded_page.page
    page.goto(site_url + "exit/", wait_until="load")
    size = "(node) => getComputedStyle(node).fontSize"
    assert page.locator("article .admonition p").first.evaluate(size) == page.locator("article > p").first.evaluate(
        size
    )
    guarded_page.assert_clean()
