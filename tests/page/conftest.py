"""The calculator page tests' own fixture: one ready page shared by a module's tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import GuardedPage, open_guarded_page
from calc_page import wait_ready


@pytest.fixture(scope="module")
def calc(browser: Any, site_url: str) -> Iterator[GuardedPage]:
    """One calculator page, ready, shared by a module's tests (each resets the form it uses)."""
    context, guard = open_guarded_page(browser)
    try:
        guard.page.goto(f"{site_url}calculator/")
        wait_ready(guard.page)
        yield guard
        guard.assert_clean()
    finally:
        context.close()
