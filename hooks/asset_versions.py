"""MkDocs hook: the site's own scripts and styles asked for with their version (?v=<hash>).

See hooks/sitebuild/versions.py. The hash is of the file in docs/, which MkDocs copies as it is.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs puts only this folder on sys.path
    sys.path.insert(0, str(ROOT))

from hooks.sitebuild.versions import own_assets, versioned  # noqa: E402

_versions: dict[str, str] = {}


def on_config(config: Any, **_: Any) -> Any:
    _versions.clear()
    _versions.update(versioned(Path(config["docs_dir"]), own_assets(config)))
    return config


def _with_versions(output: str) -> str:
    for path, with_version in _versions.items():
        # src="../assets/calculator/calculator.js" → …calculator.js?v=…, whatever the depth
        pattern = re.compile(rf'((?:src|href)="[^"]*?){re.escape(path)}"')
        output = pattern.sub(rf'\g<1>{with_version}"', output)
    return output


def on_post_page(output: str, **_: Any) -> str:
    output = _with_versions(output)
    # the calculator names the version of its script: calculator.js, arriving on this page by
    # instant navigation from a page of another build, then loads the page whole
    script = _versions.get("assets/calculator/calculator.js")
    if script:
        output = re.sub(
            r"(<div\b[^>]*\s)data-calculator\b", rf'\g<1>data-calculator data-script="{script}"', output, count=1
        )
    return output


def on_post_template(output: str, *, template_name: str, **_: Any) -> str:
    """Theme pages that are not documents (404.html) ask for the same versions."""
    return _with_versions(output) if template_name.endswith(".html") else output
