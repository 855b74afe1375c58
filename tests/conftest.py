"""Fixtures shared by every test directory: the built site, its server and the browser."""

from __future__ import annotations

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from browser_support import browser, built_site, guarded_page, site_server, site_url  # noqa: E402, F401
