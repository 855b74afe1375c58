"""Where the post-build finds the project's files, and how it fails."""

from __future__ import annotations

import logging
from pathlib import Path

# The project this copy of sitebuild/ belongs to: not resolved through symbolic links, so that a
# copy of the project whose sitebuild/ is a link to another's builds from its own files
ROOT = Path(__file__).absolute().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "build"  # what is slow to make, kept between builds (safe for two builds at once)

log = logging.getLogger("sitebuild")


class BuildError(Exception):
    """The site cannot be built as it is; the message says why and what to do, in Chinese."""
