"""Fixtures shared by every test directory: the built site, its server and the browser."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from browser_support import (  # noqa: E402
    SharedSite,
    browser,  # noqa: F401
    built_site,  # noqa: F401
    guarded_page,  # noqa: F401
    search_page,  # noqa: F401
    site_server,  # noqa: F401
    site_url,  # noqa: F401
)

_shared: SharedSite | None = None


def pytest_configure(config: pytest.Config) -> None:
    """With pytest-xdist, the controller builds and serves the site for every worker."""
    global _shared
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    _shared = SharedSite()


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: unknown where xdist is absent (Pyodide)
def pytest_configure_node(node: Any) -> None:
    if _shared is not None:
        node.workerinput["shared_site"] = _shared.describe()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _shared
    if _shared is not None and not hasattr(config, "workerinput"):
        _shared.stop()
        _shared = None


# What makes a test slow: it builds the site, or drives a browser. make test-fast leaves these out.
_SLOW_FIXTURES = {"built_site", "site_url", "site_server", "browser", "nginx", "offline_site", "project_copy"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
