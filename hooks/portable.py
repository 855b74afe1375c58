"""MkDocs hook: what a copied ``site/`` folder needs to be used anywhere.

- ``serve.py`` (a copy of tools/serve.py, standard library only) at the site's root, so a
  person with the folder on a USB stick can run ``python3 serve.py`` and use the calculator.
- For the file:// flavour (mkdocs.offline.yml, Material's offline plugin): the iframe-worker
  shim that lets search run from file://, served from the site (from the pinned npm package
  ``iframe-worker``) instead of unpkg.com, where the offline plugin would fetch it from; and a
  404.html whose links and styles are relative (MkDocs writes it for a server, from "/"),
  so that it is styled and its links lead somewhere when opened from disk.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"


def on_config(config: Any, **_: Any) -> Any:
    polyfills = config["extra"].get("polyfills") or []
    if any("iframe-worker" in str(url) and "://" in str(url) for url in polyfills):
        raise PluginError(f"iframe-worker 必须由站点自己提供（{SHIM_TARGET}），不能从其他主机加载")
    return config


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    shutil.copyfile(ROOT / "tools" / "serve.py", site / "serve.py")
    if any("iframe-worker" in str(url) for url in config["extra"].get("polyfills") or []):
        if not SHIM.is_file():
            raise PluginError("没有找到 node_modules/iframe-worker：请先运行 npm ci（make build-offline 会自动运行）")
        target = site / SHIM_TARGET
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHIM, target)
        not_found = site / "404.html"
        if not_found.is_file():
            html = not_found.read_text(encoding="utf-8")
            # it lies at the site's root: "/x" is "./x" from there
            html = re.sub(r'(\s(?:href|src)=")/(?!/)', r"\1./", html)
            not_found.write_text(html, encoding="utf-8")
