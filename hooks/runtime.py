"""MkDocs hook: put the Python runtime and our wheels into the built site.

After every build (``mkdocs build`` and ``mkdocs serve`` alike) this copies the pinned npm
``pyodide`` package's runtime files into ``site/runtime/pyodide-<version>/``, builds a wheel of
the ``calculator`` package from the working tree and one of the installed holiday-calendar
distribution, and puts the page's worker (with the build's config, where the runtime is, written
into it) in ``site/runtime/worker/<hash>/``. File names carry a version or content hash, so they can be
cached for good.
Nothing is downloaded: a missing ``node_modules/pyodide`` fails the build with a message.

For a fast start it also prepares, in ``site/runtime/calc/<hash>/``:

- ``stdlib.zip``: only the standard-library files the calculator's worker loads (traced by
  running the worker's start in Node.js with ``hooks/snapshot.mjs trace``), stored
  uncompressed so that brotli compresses it (about 0.6 MB instead of the shipped 2.5 MB zip);
- ``snapshot.bin``: a memory snapshot of the started interpreter with ``calculator`` imported and
  warmed up (``hooks/snapshot.mjs snapshot``, Pyodide's private ``_makeSnapshot`` API: the npm
  version is pinned in package.json), stored without what the wasm file already brings and
  without its zero pages (see ``_stored``), with ``.br``/``.gz`` copies made here at the best
  levels.

The two big files, ``pyodide.asm.wasm`` and ``snapshot.bin``, are shipped in parts of 2 MiB
(``<name>.<n>.part``, each with ``.br``/``.gz`` copies made here, brotli 11, cached): the worker
fetches the parts, keeps each finished one in Cache Storage and joins them, so a download cut
short on a slow link resumes at the part it stopped in (see ``_parts``).

The calculator page also starts its worker from ``<head>`` (``EARLY_START``), before its styles
and scripts, and tells calculator.js where the worker is with ``data-worker``.

Both need ``node``. Without it the build stops with a message, unless ``CALC_SNAPSHOT=off`` is
set: then the page starts Pyodide the normal way (slower) and the build says so. The results
are cached in ``build/runtime-cache/`` by a hash of their inputs. The worker's lock file is
inline in its config (no 119 KB pyodide-lock.json request, and the file is not in the site).
"""

from __future__ import annotations

import base64
import fcntl
import gzip
import hashlib
import html
import importlib.metadata
import io
import json
import logging
import os
import re
import shutil
import struct
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.runtime")
ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# What the page needs of the npm package (the rest is for Node.js and type checkers). Not
# pyodide-lock.json: the worker passes the lock's header inline and loads no package from it.
# python_stdlib.zip only without a snapshot: otherwise the trimmed stdlib.zip stands in for it.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs")
WASM = "pyodide.asm.wasm"  # shipped in parts
# A part's size before compression: 2 MiB is about 0.5 MB on the wire, 4 s at 1 Mbit/s, so a
# cut download loses at most that much; brotli then costs 2-8 % more than on the whole file.
PART_SIZE = 2 << 20
FULL_STDLIB = "python_stdlib.zip"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # reproducible wheels: same sources, same bytes
SNAPSHOT_SCRIPT = ROOT / "hooks" / "snapshot.mjs"
CACHE = ROOT / "build" / "runtime-cache"
# Standard-library files the worker may import later although the trace did not see them load.
STDLIB_EXTRA = ("_strptime.py", "encodings/ascii.py", "encodings/latin_1.py", "encodings/utf_8_sig.py")


# What on_pre_build prepared, for on_post_build to copy into the site.
_prepared: dict[str, Any] = {}


def on_pre_build(config: Any, **_: Any) -> None:
    version = _pyodide_version()
    wheels = {}
    for name, data in (_source_wheel("calculator", ROOT / "calculator"), _installed_wheel("chinesecalendar")):
        path = f"{hashlib.sha256(data).hexdigest()[:12]}/{name}"
        wheels[path] = data
        stored = CACHE / "wheels" / path
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_name(f"{stored.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(stored)  # whole, even with two builds at once
    fast = _fast_start([CACHE / "wheels" / path for path in wheels])
    whole = {f"pyodide-{version}/{WASM}": PYODIDE_DIR / WASM}
    if fast:
        whole[fast["snapshot"]] = CACHE / "snapshots" / fast["snapshot"].removeprefix("calc/")
    parts = {relative: _parts(source) for relative, source in whole.items()}
    worker = _worker_files(Path(config["docs_dir"]), version, list(wheels), fast, parts)
    _prepared.clear()
    _prepared.update(version=version, wheels=wheels, fast=fast, worker=worker, parts=parts)


def _parts(source: Path) -> list[dict[str, Any]]:
    """Cut ``source`` into parts of PART_SIZE, each with its brotli and gzip copies.

    Kept in ``build/runtime-cache/parts/<sha256>`` (brotli 11 of all parts takes about 20 s on
    two cores, once). Each part: ``name`` (``<file>.<n>.part``), ``size`` and ``transfer`` (its
    brotli size: what a browser downloads, shown as the loading progress), ``cache`` (its path).
    """
    import brotli  # the venv has it (hooks/compress.py uses it too)

    data = source.read_bytes()
    pieces = [data[at : at + PART_SIZE] for at in range(0, len(data), PART_SIZE)]
    folder = CACHE / "parts"
    folder.mkdir(parents=True, exist_ok=True)

    def made(index_piece: tuple[int, bytes]) -> dict[str, Any]:
        index, piece = index_piece
        stored = folder / hashlib.sha256(piece).hexdigest()
        if not Path(f"{stored}.br").is_file():
            # each file whole or not at all, even with two builds at once (the test workers')
            for suffix, data in (
                ("", piece),
                (".gz", gzip.compress(piece, compresslevel=9, mtime=0)),
                (".br", brotli.compress(piece, quality=11, lgwin=24)),  # last: marks this part complete
            ):
                partial = Path(f"{stored}{suffix}.{os.getpid()}.tmp")
                partial.write_bytes(data)
                partial.replace(f"{stored}{suffix}")
        return {
            "name": f"{source.name}.{index}.part",
            "size": len(piece),
            "transfer": Path(f"{stored}.br").stat().st_size,
            "cache": str(stored),
        }

    # brotli lets go of the GIL: the parts compress side by side
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(made, enumerate(pieces)))


def _worker_files(
    docs: Path, version: str, wheels: list[str], fast: dict[str, str], parts: dict[str, list[dict[str, Any]]]
) -> dict[str, str]:
    """The worker and its config, to live in ``runtime/worker/<hash of both>/``.

    Under a content-hashed name they are cached for good like the rest of the runtime, so a
    return visit asks the server for nothing but the page (no revalidation round trip per
    file, which costs a latency each on a slow link). Paths in the config are relative to it.
    """
    settings: dict[str, Any] = {
        "pyodideVersion": version,
        "indexURL": f"../../pyodide-{version}/",
        "wheels": [f"../../wheels/{path}" for path in wheels],
        # lockFileContents: no package comes from the lock, only its header is checked
        "lockInfo": json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))["info"],
    }
    settings.update({key: f"../../{path}" for key, path in fast.items()})
    # a big file's URL → its parts, in order: [URL, size, transfer]
    settings["parts"] = {
        f"../../{relative}": [
            [f"../../{relative.rsplit('/', 1)[0]}/{part['name']}", part["size"], part["transfer"]] for part in pieces
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


# Started from <head>, the worker downloads and starts Python while the page's own styles and
# scripts load and run (tools/bench.py: about 50 ms sooner on a return visit, 70 ms on a first
# one). calculator.js adopts it, replaying what it said meanwhile; elsewhere nothing starts it.
# Its text is the same on every build (the worker's hashed URL is an attribute), so its
# CSP hash in deploy/nginx.conf stays true.
EARLY_START = """<script data-worker="__WORKER__">(() => {
  if (location.protocol === "file:" || typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  try {
    const url = new URL(document.currentScript.dataset.worker, location.href).href, queue = [];
    const worker = new Worker(url, { type: "module" });
    worker.onmessage = worker.onerror = (event) => {
      queue.push(event);
      if (event.type === "error") event.preventDefault();
    };
    window.__calculatorWorker = { url, worker, queue };
  } catch {}
})();</script>"""
VIEWPORT = re.compile(r"<meta name=\"viewport\"[^>]*>")


def on_post_page(output: str, *, page: Any, **_: Any) -> str:
    """The calculator page: ``data-worker`` on its root element, and the worker started early."""
    # the attribute on an element, not the word in a page's text (the developers' page names it)
    root = re.compile(r"(<div\b[^>]*\s)data-calculator\b")
    if not root.search(output):
        return output
    url = get_relative_url(f"{_prepared['worker']['dir']}/worker.mjs", page.url or ".")
    output = root.sub(lambda match: f'{match.group(1)}data-calculator data-worker="{url}"', output, count=1)
    early = EARLY_START.replace("__WORKER__", html.escape(url))
    output, found = VIEWPORT.subn(lambda match: match.group(0) + "\n      " + early, output, count=1)
    if not found:
        raise PluginError("计算器页面没有 viewport <meta>，找不到提前启动 worker 的位置")
    return output


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    runtime = site / "runtime"
    version = _prepared["version"]
    target = runtime / f"pyodide-{version}"
    target.mkdir(parents=True, exist_ok=True)
    fast = _prepared["fast"]
    for name in RUNTIME_FILES if fast else (*RUNTIME_FILES, FULL_STDLIB):
        shutil.copyfile(PYODIDE_DIR / name, target / name)
    wheels = list(_prepared["wheels"])
    for path, data in _prepared["wheels"].items():
        (runtime / "wheels" / path).parent.mkdir(parents=True, exist_ok=True)
        (runtime / "wheels" / path).write_bytes(data)
    stdlib = fast.get("stdLibURL")
    if stdlib:
        (runtime / stdlib).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CACHE / "snapshots" / stdlib.removeprefix("calc/"), runtime / stdlib)
    for relative, pieces in _prepared["parts"].items():
        folder = (runtime / relative).parent
        folder.mkdir(parents=True, exist_ok=True)
        for part in pieces:
            for suffix in ("", ".br", ".gz"):
                shutil.copyfile(part["cache"] + suffix, folder / (part["name"] + suffix))
    worker = _prepared["worker"]
    (site / worker["dir"]).mkdir(parents=True, exist_ok=True)
    for name in ("worker.mjs", "snapshot-format.mjs"):
        (site / worker["dir"] / name).write_text(worker[name], encoding="utf-8")
        # the copy MkDocs made from docs/ is not used: the page names the hashed one
        (site / "assets" / "calculator" / name).unlink(missing_ok=True)
    log.info("Pyodide %s and %d wheels copied into %s", version, len(wheels), runtime)


def _fast_start(wheels: list[Path]) -> dict[str, str]:
    """The trimmed stdlib and the snapshot (see the module docstring); {} when switched off."""
    if os.environ.get("CALC_SNAPSHOT", "").lower() in {"off", "0", "no"}:
        log.warning("CALC_SNAPSHOT=off: no snapshot, the calculator page starts Python the slow way")
        return {}
    node = shutil.which("node")
    if node is None:
        raise PluginError(
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
    return {"snapshot": f"calc/{digest}/snapshot.bin", "stdLibURL": f"calc/{digest}/stdlib.zip"}


def _make_snapshot(node: str, cache: Path, wheels: list[Path]) -> None:
    """The trimmed stdlib and the stored snapshot, made with Node.js into ``cache``."""
    _node(node, "trace", PYODIDE_DIR / "python_stdlib.zip", cache / "used.json", wheels)
    used = set(json.loads((cache / "used.json").read_text(encoding="utf-8"))) | set(STDLIB_EXTRA)
    _trimmed_stdlib(PYODIDE_DIR / "python_stdlib.zip", used, cache / "stdlib.zip")
    _node(node, "snapshot", cache / "stdlib.zip", cache / "snapshot.bin.tmp", wheels)
    image = _data_image((PYODIDE_DIR / "pyodide.asm.wasm").read_bytes())
    raw = _stored((cache / "snapshot.bin.tmp").read_bytes(), image)
    (cache / "snapshot.bin.tmp").write_bytes(raw)
    (cache / "snapshot.bin.tmp").replace(cache / "snapshot.bin")  # last: marks the cache complete
    log.info("Calculator snapshot and stdlib made in %s", cache)


STORED_MAGIC = b"PYSNAPX1"
STORED_PAGE = 4096


def _stored(snapshot: bytes, image: bytes) -> bytes:
    """The snapshot as the site stores it: minus the wasm's own data, without its zero pages.

    Pyodide's snapshot is a header and then the whole wasm memory (31.5 MB), which begins with
    the data the wasm file already brings (its active data segments: 3.8 MB, 1.1 MB of brotli,
    nearly all of it unchanged). So the memory is stored XOR that image, which makes the
    unchanged bytes zero, and then without its all-zero 4 KiB pages: 31.5 MB → 10 MB, and
    3.5 → 2.5 MB with brotli. Zeros would cost brotli nothing, but the browser still has to
    decode, pipe and copy every byte. The worker expands the pages and, once the wasm is
    instantiated (its memory then holds exactly that image), XORs the image back in.

    Layout, little-endian u32 after the magic: the snapshot's length, page size, run count,
    the image's length and the wrapping sum of its u32 words (the worker checks both against
    the live memory), (first page, page count) per run, then the runs' bytes.
    """
    header_length = struct.unpack_from("<I", snapshot, 4)[0]  # Pyodide's own header, then memory
    image = image + bytes(-len(image) % 4)
    end = header_length + len(image)
    delta = (int.from_bytes(snapshot[header_length:end], "little") ^ int.from_bytes(image, "little")).to_bytes(
        len(image), "little"
    )
    snapshot = snapshot[:header_length] + delta + snapshot[end:]
    size = STORED_PAGE
    zero = bytes(size)
    runs: list[list[int]] = []
    for page in range(0, (len(snapshot) + size - 1) // size):
        chunk = snapshot[page * size : (page + 1) * size]
        if chunk != zero[: len(chunk)]:
            if runs and runs[-1][0] + runs[-1][1] == page:
                runs[-1][1] += 1
            else:
                runs.append([page, 1])
    image_sum = sum(struct.unpack(f"<{len(image) // 4}I", image)) & 0xFFFFFFFF
    header = STORED_MAGIC + struct.pack("<5I", len(snapshot), size, len(runs), len(image), image_sum)
    header += b"".join(struct.pack("<2I", first, count) for first, count in runs)
    body = b"".join(snapshot[first * size : (first + count) * size] for first, count in runs)
    return header + body


def _data_image(wasm: bytes) -> bytes:
    """The start of a fresh instance's memory: the module's active data segments in place.

    Every segment of pyodide.asm.wasm is active with an ``i32.const`` offset (and the module has
    no start function), so this is exactly the memory ``WebAssembly.instantiate`` hands back.
    Anything else fails the build rather than guessing.
    """

    def leb(at: int, *, signed: bool = False) -> tuple[int, int]:
        """The LEB128 number at ``at``, and where the next field starts."""
        value = shift = 0
        while True:
            byte = wasm[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return (value - (1 << shift) if signed and byte & 0x40 else value), at

    if wasm[:4] != b"\0asm":
        raise PluginError("pyodide.asm.wasm is not a WebAssembly module")
    at, segments = 8, []
    while at < len(wasm):
        section, size_at = wasm[at], at + 1
        size, body = leb(size_at)
        if section == 8:
            raise PluginError("pyodide.asm.wasm has a start function: its memory is not just its data")
        if section == 11:
            count, cursor = leb(body)
            for _ in range(count):
                flags, cursor = leb(cursor)
                if flags != 0 or wasm[cursor] != 0x41:
                    raise PluginError("pyodide.asm.wasm: a data segment that is not active at an i32.const offset")
                offset, cursor = leb(cursor + 1, signed=True)
                if wasm[cursor] != 0x0B:
                    raise PluginError("pyodide.asm.wasm: a data segment offset that is not a constant")
                length, cursor = leb(cursor + 1)
                segments.append((offset, wasm[cursor : cursor + length]))
                cursor += length
        at = body + size
    image = bytearray(max((offset + len(data) for offset, data in segments), default=0))
    for offset, data in segments:
        image[offset : offset + len(data)] = data
    return bytes(image)


def _node(node: str, mode: str, stdlib: Path, out: Path, wheels: list[Path]) -> None:
    command = [node, str(SNAPSHOT_SCRIPT), mode, str(stdlib), str(out), *map(str, wheels)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        # Pyodide prints whole minified lines of its source on errors: keep the message readable
        detail = "\n".join(line[:400] for line in (result.stderr or result.stdout).splitlines()[-30:])
        raise PluginError(f"hooks/snapshot.mjs {mode} failed ({result.returncode}):\n{detail}")
    log.info("snapshot.mjs %s: %s", mode, result.stdout.strip())


def _trimmed_stdlib(full: Path, keep: set[str], out: Path) -> None:
    """Repack the stdlib zip with only ``keep``, stored (brotli then compresses it 5×)."""
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        names = source.namelist()
        missing = keep - set(names)
        if missing:
            raise PluginError(f"stdlib files not in python_stdlib.zip: {sorted(missing)}")
        for name in names:
            if name in keep:
                target.writestr(zipfile.ZipInfo(name, FIXED_TIME), source.read(name), zipfile.ZIP_STORED)


def _pyodide_version() -> str:
    manifest = PYODIDE_DIR / "package.json"
    if not manifest.is_file():
        raise PluginError("没有找到 node_modules/pyodide：请先运行 npm ci（make build 会自动运行）")
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def _source_wheel(dist: str, package: Path) -> tuple[str, bytes]:
    version = re.search(r'__version__ = "([^"]+)"', (package / "__init__.py").read_text()).group(1)  # type: ignore[union-attr]
    files = {
        f"{package.name}/{path.relative_to(package).as_posix()}": path.read_bytes()
        for path in sorted(package.rglob("*.py"))
    }
    metadata = f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n"
    return _wheel(dist, version, files, metadata)


def _installed_wheel(dist: str) -> tuple[str, bytes]:
    """Re-pack an installed pure-Python distribution (what the site tests ran against)."""
    distribution = importlib.metadata.distribution(dist)
    files = {}
    for entry in distribution.files or ():
        if entry.suffix == ".py":
            files[entry.as_posix()] = Path(str(entry.locate())).read_bytes()
    return _wheel(dist, distribution.version, files, distribution.read_text("METADATA") or "")


def _wheel(dist: str, version: str, files: dict[str, bytes], metadata: str) -> tuple[str, bytes]:
    stem = f"{dist.replace('-', '_')}-{version}"
    info = f"{stem}.dist-info"
    files = {
        **files,
        f"{info}/METADATA": metadata.encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: hooks/runtime.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [f"{name},sha256={_b64(hashlib.sha256(data).digest())},{len(data)}" for name, data in files.items()]
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return f"{stem}-py3-none-any.whl", buffer.getvalue()


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
