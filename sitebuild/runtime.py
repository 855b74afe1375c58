"""The Python runtime in the site: Pyodide, our wheels, the fast start and the worker.

``write(site)`` copies the pinned npm ``pyodide`` package's runtime files into
``runtime/pyodide-<version>/``, puts a wheel of the ``calculator`` package (from the working
tree) and one of the installed holiday calendar into ``runtime/wheels/<hash>/``, the trimmed
stdlib and the memory snapshot (made with Node.js, cached) into ``runtime/calc/<hash>/``, the big
files in parts, and the page's worker with the build's config into ``runtime/worker/<hash>/``.
File names carry a version or a content hash, so they can be cached for good. Nothing is
downloaded: a missing ``node_modules/pyodide`` stops the build.

Without ``node`` the build stops with a message, unless ``CALC_SNAPSHOT=off`` is set: then the
page starts Pyodide the normal way (slower) and the build says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitebuild import big_files, node_snapshot, wheels
from sitebuild.project import CACHE, PYODIDE_DIR, ROOT, BuildError

# What the page needs of the npm package (the rest is for Node.js and type checkers). Not
# pyodide-lock.json: the worker passes the lock's header inline and loads no package from it.
# python_stdlib.zip only without a snapshot: otherwise the trimmed stdlib.zip stands in for it.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs")
WASM = "pyodide.asm.wasm"  # shipped in parts
FULL_STDLIB = "python_stdlib.zip"
WHEEL_CACHE = CACHE / "runtime-cache" / "wheels"
# worker.mjs imports its config from this module; the build puts the config in its place, so
# the worker is one request (the config is the build's, and the worker's hash covers it)
CONFIG_IMPORT = 'import builtConfig from "./config.mjs";'


@dataclass
class Runtime:
    """What ``write`` put into the site (paths relative to the site's root)."""

    version: str  # Pyodide's
    worker: str  # runtime/worker/<hash>/worker.mjs
    files: dict[str, int] = field(default_factory=dict)  # every file under runtime/ → its size
    parts: dict[str, list[str]] = field(default_factory=dict)  # a big file → its parts, in order


def write(site: Path, docs: Path) -> Runtime:
    """Write the runtime into ``site``; the worker's sources are in ``docs``/assets/calculator."""
    version = pyodide_version()
    made: dict[str, bytes] = {}
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

    runtime = site / "runtime"
    target = runtime / f"pyodide-{version}"
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES if fast else (*RUNTIME_FILES, FULL_STDLIB):
        shutil.copyfile(PYODIDE_DIR / name, target / name)
    for path, data in made.items():
        (runtime / "wheels" / path).parent.mkdir(parents=True, exist_ok=True)
        (runtime / "wheels" / path).write_bytes(data)
    stdlib = fast.get("stdLibURL")
    if stdlib and made_in:
        (runtime / stdlib).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made_in / "stdlib.zip", runtime / stdlib)
    for relative, pieces in parts.items():
        folder = (runtime / relative).parent
        folder.mkdir(parents=True, exist_ok=True)
        for part in pieces:
            (folder / part.name).write_bytes(part.data)
    worker_dir, files = _worker_files(docs / "assets" / "calculator", version, list(made), fast, parts)
    (site / worker_dir).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (site / worker_dir / name).write_text(text, encoding="utf-8")
        # the copy MkDocs made from docs/ is not used: the page names the hashed one
        (site / "assets" / "calculator" / name).unlink(missing_ok=True)
    return Runtime(
        version=version,
        worker=f"{worker_dir}/worker.mjs",
        files={
            path.relative_to(site).as_posix(): path.stat().st_size
            for path in sorted(runtime.rglob("*"))
            if path.is_file() and not path.name.endswith((".br", ".gz"))
        },
        parts={
            f"runtime/{relative}": [f"runtime/{relative.rsplit('/', 1)[0]}/{part.name}" for part in pieces]
            for relative, pieces in parts.items()
        },
    )


def _worker_files(
    sources: Path, version: str, wheel_paths: list[str], fast: dict[str, str], parts: dict[str, list[big_files.Part]]
) -> tuple[str, dict[str, str]]:
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
    worker_js = (sources / "worker.mjs").read_text(encoding="utf-8")
    if worker_js.count(CONFIG_IMPORT) != 1:
        raise BuildError(f"docs/assets/calculator/worker.mjs 应以一行 {CONFIG_IMPORT} 取得配置")
    worker_js = worker_js.replace(CONFIG_IMPORT, f"const builtConfig = {json.dumps(settings)};", 1)
    # the module it imports lives beside it, under the same hash
    reader = (sources / "snapshot-format.mjs").read_text(encoding="utf-8")
    digest = hashlib.sha256("\0".join((worker_js, reader)).encode()).hexdigest()[:12]
    return f"runtime/worker/{digest}", {"worker.mjs": worker_js, "snapshot-format.mjs": reader}


def pyodide_version() -> str:
    manifest = PYODIDE_DIR / "package.json"
    if not manifest.is_file():
        raise BuildError("没有找到 node_modules/pyodide：请先运行 npm ci（make build 会自动运行）")
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
