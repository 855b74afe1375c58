"""axe over every page, light and dark, desktop and phone: nothing serious or critical."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import open_guarded_page
from test_browser import PAGES

# Every page as axe sees it, the calculator with an answer on it (its badges, rules and buttons).
AXE_PAGES = [
    *(path for path in PAGES if path != "calculator/"),
    "calculator/?tool=risk&on=2026-10-05&deposit=4500&below_since=2026-09-30&complaints=2#risk",
    "404.html",
]


@pytest.mark.parametrize(
    ("scheme", "width", "height"),
    [("light", 1280, 900), ("light", 390, 844), ("dark", 1280, 900), ("dark", 390, 844)],
    ids=["浅色桌面", "浅色手机", "深色桌面", "深色手机"],
)
def test_axe_finds_nothing_serious_on_any_page(
    browser: Any, site_url: str, scheme: str, width: int, height: int
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, guard = open_guarded_page(browser, viewport={"width": width, "height": height}, color_scheme=scheme)
    page = guard.page
    bad = []
    try:
        for path in AXE_PAGES:
            page.goto(site_url + path, wait_until="load")
            if path.startswith("calculator/"):
                page.locator("#risk [data-result] .calc-card").wait_for(timeout=60_000)
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            for violation in axe.run(page).response["violations"]:
                if violation["impact"] in {"serious", "critical"}:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    bad.append(f"{path or '/'}: {violation['id']} ({violation['impact']}) {targets}")
        assert bad == [], "\n".join(bad)
        guard.assert_clean()
    finally:
        context.close()
