"""Every page carries a Content-Security-Policy that allows only the site, and breaks nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import GuardedPage
from html_scan import site_pages
from test_browser import PAGES

from sitebuild.csp import policy_for

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_page_has_a_policy_first_in_head(built_site: Path) -> None:
    pages = list(site_pages(built_site))
    assert len(pages) >= len(PAGES)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = META.search(html)
        assert match, path
        assert html.index(match.group(0)) < html.index("<script"), f"{path}: the policy must come before any script"
        policy = directives(match.group(1))
        assert policy["default-src"] == ["'self'"]
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert all(source == "'self'" or source.startswith("'sha256-") for source in policy["script-src"])
        for name in ("connect-src", "worker-src", "font-src"):
            assert policy[name] == ["'self'"], name
        assert policy["object-src"] == ["'none'"]


def test_policy_lists_exactly_the_inline_scripts() -> None:
    page = "<head><script>a()</script><script src='x.js'></script><script type='application/json'>{}</script></head>"
    script_src = directives(policy_for(page))["script-src"]
    assert script_src == ["'self'", "'sha256-" + "qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4=" + "'"]
    assert len(directives(policy_for(page.replace("a()", "b()")))["script-src"]) == 2


@pytest.mark.parametrize("path", list(PAGES), ids=list(PAGES.values()))
def test_no_violation_on_any_page(guarded_page: GuardedPage, site_url: str, path: str) -> None:
    page = guarded_page.page
    page.goto(site_url + path, wait_until="networkidle")
    if path == "calculator/":
        page.wait_for_selector("[data-calculator][data-state='ready']", timeout=60_000)
    assert page.evaluate("() => window.__cspViolations") == []
    guarded_page.assert_clean()


def test_an_injected_inline_script_is_blocked(guarded_page: GuardedPage, site_url: str) -> None:
    """The probe can fail: a script the policy does not list is refused and reported."""
    page = guarded_page.page
    page.goto(site_url + "faq/", wait_until="networkidle")
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                   document.body.append(s); }"""
    )
    assert page.evaluate("() => window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("() => window.__cspViolations"))
    guarded_page.errors.clear()  # the refusal is logged as a console error, as expected here


def test_calculator_answers_under_the_policy(guarded_page: GuardedPage, site_url: str) -> None:
    page: Any = guarded_page.page
    page.goto(f"{site_url}calculator/?tool=exit&applied=2026-05-15#exit")
    page.wait_for_selector(
        "form[data-tool='exit'] [data-field='exit_date'] time[datetime='2026-05-30']", timeout=60_000
    )
    assert page.evaluate("() => window.__cspViolations") == []
