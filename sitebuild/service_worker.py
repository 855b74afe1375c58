"""The service worker ``sw.js`` at the root of the built site.

It lists what the site precaches (pages, styles, scripts, the search index) and, apart, the
calculator's runtime files with their sizes (from the runtime's record, sitebuild/runtime.py),
which it caches only when the calculator uses them; the version in its cache name is a hash of
every listed file, so a new build replaces the old cache. The template is sw.template.js.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "sw.template.js"
SKIP_SUFFIXES = {".br", ".gz", ".map", ".py", ".whl.metadata"}
SKIP_NAMES = {"sw.js", "sitemap.xml.gz", "build-manifest.json"}
# Material's lunr language packs load only for search languages other than English; this
# site's search index is built with lang: en over jieba-segmented Chinese, so none is used.
# errors/: the web server's own error pages, never a page a reader keeps.
SKIP_DIRS = ("bench/", "assets/javascripts/lunr/", "errors/")


def write(site: Path, versions: dict[str, str], runtime_sizes: dict[str, int]) -> str:
    """Write sw.js; its version."""
    precache: list[str] = []
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if path.suffix in SKIP_SUFFIXES or path.name in SKIP_NAMES or relative.startswith(SKIP_DIRS):
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes())
        if not relative.startswith("runtime/"):
            # the site's own scripts and styles under the URLs the pages ask for (with ?v=<hash>)
            precache.append(versions.get(relative, relative.removesuffix("index.html")))
    version = digest.hexdigest()[:16]
    runtime = {path: runtime_sizes[path] for path in sorted(runtime_sizes, key=lambda path: path.split("/"))}
    script = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("__VERSION__", version)
        .replace("__PRECACHE__", json.dumps(precache, indent=2))
        .replace("__RUNTIME__", json.dumps(list(runtime), indent=2))
        .replace("__SIZES__", json.dumps(runtime, indent=2))
    )
    (site / "sw.js").write_text(script, encoding="utf-8")
    return version
