"""The calculator's fast start, made with Node.js: the trimmed stdlib and the memory snapshot.

- ``stdlib.zip``: only the standard-library files the calculator's worker loads (traced by
  running the worker's start in Node.js with ``sitebuild/snapshot.mjs trace``), stored
  uncompressed so that brotli compresses it (about 0.6 MB instead of the shipped 2.5 MB zip);
- ``snapshot.bin``: a memory snapshot of the started interpreter with ``calculator`` imported and
  warmed up (``sitebuild/snapshot.mjs snapshot``, Pyodide's private ``_makeSnapshot`` API: the npm
  version is pinned in package.json), stored without what the wasm file already brings and
  without its zero pages (``snapshot_store.stored``).

Both are cached in ``build/runtime-cache/snapshots/<hash of the inputs>/``, and put in the site
under ``runtime/calc/<hash of the files>/``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

from sitebuild.project import CACHE as PROJECT_CACHE
from sitebuild.project import PYODIDE_DIR, ROOT, BuildError, log
from sitebuild.snapshot_store import STORED_MAGIC, STORED_PAGE, stored
from sitebuild.wasm_image import data_image
from sitebuild.wheels import FIXED_TIME

SNAPSHOT_SCRIPT = Path(__file__).resolve().parent / "snapshot.mjs"
CACHE = PROJECT_CACHE / "runtime-cache"
# Standard-library files the worker may import later although the trace did not see them load.
STDLIB_EXTRA = ("_strptime.py", "encodings/ascii.py", "encodings/latin_1.py", "encodings/utf_8_sig.py")


def fast_start(wheels: list[Path]) -> tuple[dict[str, str], Path | None]:
    """Where the site has the trimmed stdlib and the snapshot, and the folder they were made in.

    ({}, None) when switched off (``CALC_SNAPSHOT=off``).
    """
    if os.environ.get("CALC_SNAPSHOT", "").lower() in {"off", "0", "no"}:
        log.warning("CALC_SNAPSHOT=off: no snapshot, the calculator page starts Python the slow way")
        return {}, None
    node = shutil.which("node")
    if node is None:
        raise BuildError(
            "没有找到 node：计算器的启动快照需要 Node.js（make build 会检查）。"
            "不要快照也可以构建：CALC_SNAPSHOT=off mkdocs build（页面启动会慢一倍以上）"
        )
    inputs = hashlib.sha256()
    for path in [SNAPSHOT_SCRIPT, PYODIDE_DIR / "pyodide.asm.wasm", PYODIDE_DIR / "pyodide.asm.mjs", *wheels]:
        inputs.update(path.name.encode() + b"\0" + path.read_bytes())
    # and what this file does with them (bump when the stored format changes)
    inputs.update(repr((STDLIB_EXTRA, STORED_MAGIC, STORED_PAGE)).encode())
    digest = inputs.hexdigest()[:12]
    cache = CACHE / "snapshots" / digest
    names = ("stdlib.zip", "snapshot.bin")
    cache.mkdir(parents=True, exist_ok=True)
    # one maker at a time (two test workers may build at once); the other then finds it made
    with (cache / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not all((cache / name).is_file() for name in names):
            _make_snapshot(node, cache, wheels)
    # In the site, under a hash of what was made, not of what it was made from: Node.js does not
    # make the same snapshot twice, and the files are cached for good by that address.
    made = hashlib.sha256()
    for name in names:
        made.update((cache / name).read_bytes())
    folder = made.hexdigest()[:12]
    return {"snapshot": f"calc/{folder}/snapshot.bin", "stdLibURL": f"calc/{folder}/stdlib.zip"}, cache


def _make_snapshot(node: str, cache: Path, wheels: list[Path]) -> None:
    """The trimmed stdlib and the stored snapshot, made with Node.js into ``cache``."""
    _node(node, "trace", PYODIDE_DIR / "python_stdlib.zip", cache / "used.json", wheels)
    used = set(json.loads((cache / "used.json").read_text(encoding="utf-8"))) | set(STDLIB_EXTRA)
    _trimmed_stdlib(PYODIDE_DIR / "python_stdlib.zip", used, cache / "stdlib.zip")
    _node(node, "snapshot", cache / "stdlib.zip", cache / "snapshot.bin.tmp", wheels)
    image = data_image((PYODIDE_DIR / "pyodide.asm.wasm").read_bytes())
    raw = stored((cache / "snapshot.bin.tmp").read_bytes(), image)
    (cache / "snapshot.bin.tmp").write_bytes(raw)
    (cache / "snapshot.bin.tmp").replace(cache / "snapshot.bin")  # last: marks the cache complete
    log.info("Calculator snapshot and stdlib made in %s", cache)


def _node(node: str, mode: str, stdlib: Path, out: Path, wheels: list[Path]) -> None:
    command = [node, str(SNAPSHOT_SCRIPT), mode, str(stdlib), str(out), *map(str, wheels)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        # Pyodide prints whole minified lines of its source on errors: keep the message readable
        detail = "\n".join(line[:400] for line in (result.stderr or result.stdout).splitlines()[-30:])
        raise BuildError(f"sitebuild/snapshot.mjs {mode} 失败（退出码 {result.returncode}）：\n{detail}")
    log.info("snapshot.mjs %s: %s", mode, result.stdout.strip())


def _trimmed_stdlib(full: Path, keep: set[str], out: Path) -> None:
    """Repack the stdlib zip with only ``keep``, stored (brotli then compresses it 5×)."""
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        names = source.namelist()
        missing = keep - set(names)
        if missing:
            raise BuildError(f"python_stdlib.zip 里没有这些标准库文件：{sorted(missing)}")
        for name in names:
            if name in keep:
                target.writestr(zipfile.ZipInfo(name, FIXED_TIME), source.read(name), zipfile.ZIP_STORED)
