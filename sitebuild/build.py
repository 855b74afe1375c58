"""The post-build, in order: what runs on a folder MkDocs has built, to make it the site.

1. the Python runtime (sitebuild/runtime.py): Pyodide, the wheels, the fast start, the worker;
2. the link picture, the app icons and manifest, the QR code library (sitebuild/share_images.py);
3. serve.py beside the site, and for the file:// flavour the search shim (sitebuild/portable.py);
4. every page once (sitebuild/pages.py): versions, the calculator's worker, the policy;
5. the service worker (sitebuild/service_worker.py), which lists the files of steps 1-4;
6. ``build-manifest.json``: what was made, for the tests and the bench to read;
7. the .br/.gz copies of every file (sitebuild/compress.py), last, so that nothing is missed.

Nothing here imports MkDocs: ``python -m sitebuild site/`` runs it on a built folder, and
hooks/postbuild.py calls it at the end of ``mkdocs build``.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitebuild import compress, pages, portable, runtime, service_worker, share_images
from sitebuild.project import ROOT, log
from sitebuild.versions import versioned

MANIFEST = "build-manifest.json"


@dataclass(frozen=True)
class Options:
    """How the site is served: by a web server (the default), or opened from disk (file://)."""

    file_flavour: bool = False  # no policy <meta>, no service worker, the search shim
    compress: bool = True  # .br/.gz copies (not for mkdocs serve, nor for file://)
    docs: Path = ROOT / "docs"  # where the site's own scripts and styles come from


def own_assets(site: Path, docs: Path) -> list[str]:
    """The site's own scripts and styles (from docs/, not the theme's), as paths in the site."""
    found = (path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.suffix in {".js", ".css"})
    return sorted(path for path in found if (site / path).is_file())


def post_build(site: Path, options: Options = Options()) -> dict[str, Any]:
    """Make the built folder ``site`` the site; returns what was made (build-manifest.json)."""
    started = time.perf_counter()
    made = runtime.write(site, options.docs)
    log.info("Pyodide %s and the calculator's runtime written into %s", made.version, site / "runtime")
    share_images.write(site)
    portable.copy_server(site)
    if not options.file_flavour:
        portable.error_pages(site)
    if options.file_flavour:
        portable.file_flavour(site)
    assets = own_assets(site, options.docs)
    versions = versioned(site, assets)
    changed = sum(
        pages.rewrite(site, path, versions=versions, worker=made.worker, policy=not options.file_flavour)
        for path in sorted(site.rglob("*.html"))
        if "runtime" not in path.relative_to(site).parts
    )
    sw = None if options.file_flavour else service_worker.write(site, versions, made.files)
    record = {
        "pyodide": made.version,
        "worker": made.worker,
        "runtime": made.files,
        "parts": made.parts,
        "versions": versions,
        "service_worker": sw,
    }
    (site / MANIFEST).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if options.compress:
        stats = compress.compress_tree(site)
        log.info(
            "Precompressed %d files (%.1f MB → br %.1f MB, gz %.1f MB)",
            stats["files"],
            stats["raw"] / 1e6,
            stats["br"] / 1e6,
            stats["gz"] / 1e6,
        )
    log.info("Post-build of %s: %d pages rewritten in %.1f s", site, changed, time.perf_counter() - started)
    return record
