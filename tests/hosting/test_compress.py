"""sitebuild/compress.py: which files get .br/.gz copies, and that the copies are exact and reproducible."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

from sitebuild.compress import MIN_SIZE, compress_tree

TEXT = "退出日 = 申请日 + 15 天\n".encode() * 200


def write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_copies_decompress_to_the_original(tmp_path: Path) -> None:
    for name in ("a.js", "b.mjs", "c.css", "d.json", "e/index.html", "f.svg", "sitemap.xml", "g.wasm"):
        write(tmp_path, name, TEXT)
    compress_tree(tmp_path)
    for name in ("a.js", "b.mjs", "c.css", "d.json", "e/index.html", "f.svg", "sitemap.xml", "g.wasm"):
        assert brotli.decompress((tmp_path / f"{name}.br").read_bytes()) == TEXT
        assert gzip.decompress((tmp_path / f"{name}.gz").read_bytes()) == TEXT


def test_small_incompressible_and_compressed_formats_are_left_alone(tmp_path: Path) -> None:
    write(tmp_path, "small.js", TEXT[: MIN_SIZE - 1])
    write(tmp_path, "random.zip", os.urandom(64 * 1024))  # saves nothing: no copy
    write(tmp_path, "image.png", TEXT)
    write(tmp_path, "twice.js.gz", TEXT)
    write(tmp_path, "app.js.map", TEXT)
    compress_tree(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "app.js.map",
        "image.png",
        "random.zip",
        "small.js",
        "twice.js.gz",
    ]


def test_output_is_reproducible_and_stale_copies_go(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for root in (first, second):
        write(root, "a.js", TEXT)
    compress_tree(first)
    os.utime(second / "a.js", (1, 1))  # gzip's header must not carry a time
    compress_tree(second)
    for suffix in (".br", ".gz"):
        assert (first / f"a.js{suffix}").read_bytes() == (second / f"a.js{suffix}").read_bytes()
    assert (second / "a.js.gz").stat().st_mtime == 1  # same Last-Modified as the original
    # the file shrinks below the threshold in a later (dirty) build: its old copies are removed
    write(first, "a.js", b"x")
    compress_tree(first)
    assert not (first / "a.js.br").exists() and not (first / "a.js.gz").exists()
