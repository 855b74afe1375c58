"""Which build a page's own scripts and styles belong to: ``?v=<hash of the file>`` on their URLs.

Material names its bundles by hash; the site's own files (extra_css, extra_javascript) keep
their names, so pages ask for them with a version: a page of a new build never runs with an
older build's script from a cache (the service worker's, the browser's). hooks/asset_versions.py
writes the versions into the pages, hooks/service_worker.py precaches the same URLs.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def own_assets(config: Any) -> list[str]:
    """The site's own scripts and styles, as paths in the site (assets/calculator/calculator.js, …)."""
    return [str(entry) for entry in [*config["extra_css"], *config["extra_javascript"]]]


def versioned(site: Path, paths: list[str]) -> dict[str, str]:
    """path → path?v=<hash of the built file>."""
    return {path: f"{path}?v={version((site / path).read_bytes())}" for path in paths if (site / path).is_file()}
