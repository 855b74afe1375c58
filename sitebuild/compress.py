"""The last step: precompressed ``.br`` and ``.gz`` copies beside the built site's files.

It walks the site and, for each compressible file of at least
1 KiB (the wasm, the Python stdlib, JavaScript, CSS, JSON, HTML, SVG, XML, wheels), writes
``<file>.br`` (brotli) and ``<file>.gz`` (gzip) next to it, so that a static server serves the
smaller copy to a browser that accepts it without compressing anything itself: nginx with
``gzip_static``/``brotli_static`` (see deploy/nginx.conf) and ``tools/serve.py``.

- A copy that would save less than 5 % is not written (``python_stdlib.zip`` is already a
  zip archive: brotli and gzip save about 2 %), and a stale one from an earlier build is removed.
- Levels: brotli 11 with a 16 MiB window (the best) and gzip 9, for every file. On Pyodide's
  9.6 MB ``pyodide.asm.wasm`` brotli 11 takes about 25 s on a 2-core machine and gives 2.7 MB
  instead of brotli 9's 3.1 MB (1.2 s): 0.4 MB less for every first visit, which matters on a
  slow link. So every result is cached in ``build/compress-cache/`` by the SHA-256 of its input:
  the runtime's files cost that once per Pyodide version, and a rebuild recompresses only the
  pages that changed. Browsers ask for brotli only over HTTPS and on localhost, so a
  plain-http intranet host sends gzip. (MkDocs' own sitemap.xml.gz is rewritten, same content.)
- The output is deterministic: same input, same bytes (gzip's header time is 0, no file name).
- It is the post-build's last step (sitebuild/build.py), so every file the build wrote is
  included. ``mkdocs serve`` skips it (its own server never sends the precompressed copies), and
  so does the file:// flavour (files opened from disk are never sent compressed).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from sitebuild.project import CACHE as PROJECT_CACHE

# Formats that compress (text, wasm and the runtime's .part files, and zip archives worth a
# try). Not .png/.jpg/.woff2/.gz/.br: they are compressed already. Not .map: only a developer's
# browser tools load source maps.
SUFFIXES = frozenset(
    (
        ".wasm",
        ".part",
        ".zip",
        ".whl",
        ".mjs",
        ".js",
        ".css",
        ".json",
        ".html",
        ".svg",
        ".xml",
        ".txt",
        ".ics",
        ".webmanifest",
    )
)
MIN_SIZE = 1024  # bytes; below this the headers weigh more than the savings
MIN_SAVING = 0.05  # write a compressed copy only if it is at least 5 % smaller
GZIP_LEVEL = 9
CACHE = PROJECT_CACHE / "compress-cache"


def compress_tree(root: Path) -> dict[str, int]:
    """Write the .br/.gz copies for every eligible file under ``root``; returns byte totals."""
    stats = {"files": 0, "raw": 0, "br": 0, "gz": 0}
    paths = [
        path
        for path in sorted(root.rglob("*"))
        if path.suffix.lower() in SUFFIXES and path.is_file() and not path.is_symlink()
    ]

    def one(path: Path) -> tuple[int, dict[str, int]]:
        data = path.read_bytes()
        return len(data), compress_file(path, data)

    # brotli and zlib let go of the GIL: one file per core at a time
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = list(pool.map(one, paths))
    for size, sizes in results:
        if sizes:
            stats["files"] += 1
            stats["raw"] += size
            stats["br"] += sizes.get("br", size)
            stats["gz"] += sizes.get("gz", size)
    return stats


def compress_file(path: Path, data: bytes) -> dict[str, int]:
    """Write ``path``.br and ``path``.gz where they pay off; returns the sizes written."""
    written: dict[str, int] = {}
    for suffix, encode in ENCODERS.items():
        target = path.with_name(f"{path.name}.{suffix}")
        packed = encode(data) if len(data) >= MIN_SIZE else None
        if packed is None or len(packed) > len(data) * (1 - MIN_SAVING):
            target.unlink(missing_ok=True)  # a copy from an earlier (dirty) build
            continue
        target.write_bytes(packed)
        # Same Last-Modified as the original, whichever copy the server sends.
        stat = path.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        written[suffix] = len(packed)
    return written


def _cached(kind: str, encode: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    """``encode``, remembered in CACHE by the input's SHA-256 (deterministic, so safe to reuse)."""

    def encode_cached(data: bytes) -> bytes:
        stored = CACHE / f"{hashlib.sha256(data).hexdigest()}.{kind}"
        if stored.is_file():
            return stored.read_bytes()
        packed = encode(data)
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_name(f"{stored.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        partial.write_bytes(packed)
        partial.replace(stored)  # whole or not at all, even with two builds at once
        return packed

    return encode_cached


def _brotli(data: bytes) -> bytes:
    return bytes(brotli.compress(data, quality=11, lgwin=24))


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


# Suffix of the copy → encoder; the .br copy first, as servers prefer it.
ENCODERS: dict[str, Callable[[bytes], bytes]] = {"br": _cached("br", _brotli), "gz": _cached("gz", _gzip)}


def wire_size(data: bytes) -> int:
    """What a browser that accepts brotli downloads for a file of ``data``: its .br copy, or itself."""
    packed = ENCODERS["br"](data) if len(data) >= MIN_SIZE else None
    if packed is None or len(packed) > len(data) * (1 - MIN_SAVING):
        return len(data)
    return len(packed)
