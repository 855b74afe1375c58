"""Where the post-build finds the project's files, and how it fails."""

from __future__ import annotations

import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
ASSETS = ROOT / "docs" / "assets" / "calculator"  # the worker's sources (MkDocs copies them too)
CACHE = ROOT / "build"  # what is slow to make, kept between builds (safe for two builds at once)

log = logging.getLogger("sitebuild")


class BuildError(Exception):
    """The site cannot be built as it is; the message says why and what to do, in Chinese."""
