"""MkDocs hook: write the service worker ``sw.js`` at the root of the built site.

It lists what the site precaches (pages, styles, scripts, the search index) and, apart,
the calculator's runtime files, which it caches only when the calculator uses them; the
version in its cache name is a hash of every listed file, so a new build replaces the old
cache. The template is hooks/sw.template.js. Runs after hooks/runtime.py has copied the runtime.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # MkDocs puts only this folder on sys.path
    sys.path.insert(0, str(HERE.parent))

from hooks.sitebuild.versions import own_assets, versioned  # noqa: E402

SKIP_SUFFIXES = {".br", ".gz", ".map", ".py", ".whl.metadata"}
SKIP_NAMES = {"sw.js", "sitemap.xml.gz"}
# Material's lunr language packs load only for search languages other than English; this
# site's search index is built with lang: en over jieba-segmented Chinese, so none is used.
SKIP_DIRS = ("bench/", "assets/javascripts/lunr/")


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    if config.get("extra", {}).get("service_worker") is False:
        return
    precache: list[str] = []
    runtime: list[str] = []
    sizes: dict[str, int] = {}  # the runtime's files: what each must be, in bytes
    # the site's own scripts and styles under the URLs the pages ask for (with ?v=<hash>)
    urls = versioned(site, own_assets(config))
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if path.suffix in SKIP_SUFFIXES or path.name in SKIP_NAMES or relative.startswith(SKIP_DIRS):
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes())
        if relative.startswith("runtime/"):
            runtime.append(relative)
            sizes[relative] = path.stat().st_size
        else:
            precache.append(urls.get(relative, relative.removesuffix("index.html")))
    template = (HERE / "sw.template.js").read_text(encoding="utf-8")
    script = (
        template.replace("__VERSION__", digest.hexdigest()[:16])
        .replace("__PRECACHE__", json.dumps(precache, indent=2))
        .replace("__RUNTIME__", json.dumps(runtime, indent=2))
        .replace("__SIZES__", json.dumps(sizes, indent=2))
    )
    (site / "sw.js").write_text(script, encoding="utf-8")
