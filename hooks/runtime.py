"""MkDocs hook: put the Python runtime, our wheels and the calculator's worker into the built site.

After every build (``mkdocs build`` and ``mkdocs serve`` alike) this copies the pinned npm
``pyodide`` package's runtime files into ``site/runtime/pyodide-<version>/``, puts a wheel of the
``calculator`` package (from the working tree) and one of the installed holiday calendar into
``site/runtime/wheels/<hash>/``, and the page's worker, with the build's config written into it,
into ``site/runtime/worker/<hash>/``. File names carry a version or a content hash, so they can
be cached for good. Nothing is downloaded: a missing ``node_modules/pyodide`` fails the build.

The jobs live in ``hooks/sitebuild/`` (see its ``__init__``); this module runs them in order:

1. ``on_pre_build``: the wheels, the fast start (trimmed stdlib and memory snapshot, made with
   Node.js and cached), the big files' parts, the worker's config;
2. ``on_post_page``: the calculator page gets ``data-worker`` and the early start in ``<head>``;
3. ``on_post_build``: the files are written into the site. hooks/service_worker.py (next in
   mkdocs.yml) lists them, hooks/compress.py (last) writes their .br/.gz copies.

Without ``node`` the build stops with a message, unless ``CALC_SNAPSHOT=off`` is set: then the
page starts Pyodide the normal way (slower) and the build says so.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

# MkDocs puts only this folder on sys.path while it loads a hook: the project's root too, so
# that the jobs are imported as the package hooks.sitebuild, as the tests and tools import them.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.sitebuild import big_files, node_snapshot, wheels  # noqa: E402

log = logging.getLogger("mkdocs.hooks.runtime")
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# What the page needs of the npm package (the rest is for Node.js and type checkers). Not
# pyodide-lock.json: the worker passes the lock's header inline and loads no package from it.
# python_stdlib.zip only without a snapshot: otherwise the trimmed stdlib.zip stands in for it.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs")
WASM = "pyodide.asm.wasm"  # shipped in parts
FULL_STDLIB = "python_stdlib.zip"
WHEEL_CACHE = ROOT / "build" / "runtime-cache" / "wheels"
# Started from <head>, the worker downloads and starts Python while the page's own styles and
# scripts load and run (tools/bench.py: about 50 ms sooner on a return visit, 70 ms on a first
# one). calculator.js adopts it, replaying what it said meanwhile; elsewhere nothing starts it.
# Its text is the same on every build (the worker's hashed URL is an attribute), so its CSP
# hash in deploy/nginx.conf stays true (tests/hosting/test_nginx.py checks it).
EARLY_START = (
    '<script data-worker="__WORKER__">'
    + (ROOT / "hooks" / "sitebuild" / "early_start.js").read_text(encoding="utf-8").strip()
    + "</script>"
)
VIEWPORT = re.compile(r"<meta name=\"viewport\"[^>]*>")
CALCULATOR_ROOT = re.compile(r"(<div\b[^>]*\s)data-calculator\b")  # the element, not the word in a text


@dataclass
class Prepared:
    """What on_pre_build made, for on_post_page and on_post_build (one build at a time)."""

    version: str = ""
    wheels: dict[str, bytes] = field(default_factory=dict)  # <hash>/<file name> → bytes
    fast: dict[str, str] = field(default_factory=dict)  # "snapshot", "stdLibURL" → path in runtime/
    made_in: Path | None = None  # the folder of the build cache they were made in
    parts: dict[str, list[big_files.Part]] = field(default_factory=dict)  # path in runtime/ → parts
    worker: dict[str, str] = field(default_factory=dict)  # "dir", and file name → text


_prepared = Prepared()


def on_pre_build(config: Any, **_: Any) -> None:
    global _prepared
    version = _pyodide_version()
    made = {}
    for name, data in (
        wheels.source_wheel("calculator", ROOT / "calculator"),
        wheels.installed_wheel("chinesecalendar"),
    ):
        path = f"{hashlib.sha256(data).hexdigest()[:12]}/{name}"
        made[path] = data
        stored = WHEEL_CACHE / path
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_name(f"{stored.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(stored)  # whole, even with two builds at once (Node.js reads it)
    fast, made_in = node_snapshot.fast_start([WHEEL_CACHE / path for path in made])
    whole = {f"pyodide-{version}/{WASM}": PYODIDE_DIR / WASM}
    if made_in:
        whole[fast["snapshot"]] = made_in / "snapshot.bin"
    parts = {relative: big_files.parts(source) for relative, source in whole.items()}
    worker = _worker_files(Path(config["docs_dir"]), version, list(made), fast, parts)
    _prepared = Prepared(version=version, wheels=made, fast=fast, made_in=made_in, parts=parts, worker=worker)


def _worker_files(
    docs: Path, version: str, wheel_paths: list[str], fast: dict[str, str], parts: dict[str, list[big_files.Part]]
) -> dict[str, str]:
    """The worker and the module it imports, to live in ``runtime/worker/<hash of both>/``.

    Under a content-hashed name they are cached for good like the rest of the runtime, so a
    return visit asks the server for nothing but the page (no revalidation round trip per
    file, which costs a latency each on a slow link). Paths in the config are relative to it.
    """
    settings: dict[str, Any] = {
        "pyodideVersion": version,
        "indexURL": f"../../pyodide-{version}/",
        "wheels": [f"../../wheels/{path}" for path in wheel_paths],
        # lockFileContents: no package comes from the lock, only its header is checked
        "lockInfo": json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))["info"],
    }
    settings.update({key: f"../../{path}" for key, path in fast.items()})
    # a big file's URL → its parts, in order: [URL, size, size on the wire]
    settings["parts"] = {
        f"../../{relative}": [
            [f"../../{relative.rsplit('/', 1)[0]}/{part.name}", len(part.data), part.transfer] for part in pieces
        ]
        for relative, pieces in parts.items()
    }
    if fast:
        # started from the snapshot, the worker fetches stdlib.zip only after it is ready
        settings["deferStdlib"] = os.environ.get("CALC_DEFER_STDLIB", "on") != "off"
    worker_js = (docs / "assets" / "calculator" / "worker.mjs").read_text(encoding="utf-8")
    # The config inline: one request fewer, before the big downloads can start (a latency on a
    # slow link).
    statement = 'import builtConfig from "./config.mjs";'
    if statement not in worker_js:
        raise PluginError(f"docs/assets/calculator/worker.mjs 应以 {statement} 取得配置")
    worker_js = worker_js.replace(statement, f"const builtConfig = {json.dumps(settings)};", 1)
    # the module it imports lives beside it, under the same hash
    reader = (docs / "assets" / "calculator" / "snapshot-format.mjs").read_text(encoding="utf-8")
    digest = hashlib.sha256("\0".join((worker_js, reader)).encode()).hexdigest()[:12]
    return {"dir": f"runtime/worker/{digest}", "worker.mjs": worker_js, "snapshot-format.mjs": reader}


def on_post_page(output: str, *, page: Any, **_: Any) -> str:
    """The calculator page: ``data-worker`` on its root element, and the worker started early."""
    if not CALCULATOR_ROOT.search(output):
        return output
    url = get_relative_url(f"{_prepared.worker['dir']}/worker.mjs", page.url or ".")
    output = CALCULATOR_ROOT.sub(lambda match: f'{match.group(1)}data-calculator data-worker="{url}"', output, count=1)
    early = EARLY_START.replace("__WORKER__", html.escape(url))
    output, found = VIEWPORT.subn(lambda match: match.group(0) + "\n      " + early, output, count=1)
    if not found:
        raise PluginError("计算器页面没有 viewport <meta>，找不到提前启动 worker 的位置")
    return output


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    runtime = site / "runtime"
    target = runtime / f"pyodide-{_prepared.version}"
    target.mkdir(parents=True, exist_ok=True)
    fast = _prepared.fast
    for name in RUNTIME_FILES if fast else (*RUNTIME_FILES, FULL_STDLIB):
        shutil.copyfile(PYODIDE_DIR / name, target / name)
    for path, data in _prepared.wheels.items():
        (runtime / "wheels" / path).parent.mkdir(parents=True, exist_ok=True)
        (runtime / "wheels" / path).write_bytes(data)
    stdlib = fast.get("stdLibURL")
    if stdlib and _prepared.made_in:
        (runtime / stdlib).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_prepared.made_in / "stdlib.zip", runtime / stdlib)
    for relative, pieces in _prepared.parts.items():
        folder = (runtime / relative).parent
        folder.mkdir(parents=True, exist_ok=True)
        for part in pieces:
            (folder / part.name).write_bytes(part.data)
    worker = _prepared.worker
    (site / worker["dir"]).mkdir(parents=True, exist_ok=True)
    for name in ("worker.mjs", "snapshot-format.mjs"):
        (site / worker["dir"] / name).write_text(worker[name], encoding="utf-8")
        # the copy MkDocs made from docs/ is not used: the page names the hashed one
        (site / "assets" / "calculator" / name).unlink(missing_ok=True)
    log.info("Pyodide %s and %d wheels copied into %s", _prepared.version, len(_prepared.wheels), runtime)


def _pyodide_version() -> str:
    manifest = PYODIDE_DIR / "package.json"
    if not manifest.is_file():
        raise PluginError("没有找到 node_modules/pyodide：请先运行 npm ci（make build 会自动运行）")
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
