"""The stored snapshot (sitebuild/: snapshot_store, wasm_image) against a Python reading of it.

The reader below does what docs/assets/calculator/worker.mjs does (expandSnapshot, then addImage
once the wasm's memory holds its data image); the browser tests check the worker itself.
"""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest
from browser_support import whole_file

from sitebuild.node_snapshot import PYODIDE_DIR
from sitebuild.project import BuildError
from sitebuild.snapshot_store import STORED_MAGIC, STORED_PAGE
from sitebuild.snapshot_store import stored as _stored
from sitebuild.wasm_image import data_image as _data_image


def uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def sleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte | (0 if done else 0x80))
        if done:
            return bytes(out)


def section(kind: int, body: bytes) -> bytes:
    return bytes([kind]) + uleb(len(body)) + body


def module(segments: list[tuple[int, bytes]], *, flags: int = 0, start: bool = False) -> bytes:
    """A wasm module with one memory and these active data segments (offset, bytes)."""
    data = uleb(len(segments)) + b"".join(
        uleb(flags) + b"\x41" + sleb(offset) + b"\x0b" + uleb(len(payload)) + payload for offset, payload in segments
    )
    parts = [b"\0asm\1\0\0\0", section(5, b"\x01\x00\x01")]
    if start:
        parts.append(section(8, uleb(0)))
    parts.append(section(11, data))
    return b"".join(parts)


def read_stored(stored: bytes, live_memory: bytes) -> bytes:
    """The worker's way back: expand the pages, then XOR in the live memory's data image."""
    assert stored[:8] == STORED_MAGIC
    total, page, runs, image_length, image_sum = struct.unpack_from("<5I", stored, 8)
    memory = bytearray(total)
    offset = 28 + runs * 8
    for run in range(runs):
        first, count = struct.unpack_from("<2I", stored, 28 + run * 8)
        length = min(count * page, total - first * page)
        memory[first * page : first * page + length] = stored[offset : offset + length]
        offset += length
    assert offset == len(stored)
    header_length = struct.unpack_from("<I", memory, 4)[0]
    words = struct.unpack_from(f"<{image_length // 4}I", live_memory)
    assert sum(words) & 0xFFFFFFFF == image_sum
    stored_words = struct.unpack_from(f"<{image_length // 4}I", memory, header_length)
    restored = (a ^ b for a, b in zip(words, stored_words, strict=True))
    struct.pack_into(f"<{len(words)}I", memory, header_length, *restored)
    return bytes(memory)


def test_data_image_places_every_segment() -> None:
    wasm = module([(8, b"abc"), (200, b"\xff" * 5), (64, b"x")])
    image = _data_image(wasm)
    assert len(image) == 205
    assert image[8:11] == b"abc" and image[64:65] == b"x" and image[200:205] == b"\xff" * 5
    assert image.count(0) == 205 - 9


@pytest.mark.parametrize(
    ("wasm", "words"),
    [
        pytest.param(module([(0, b"a")], flags=1), "不在 i32.const 偏移处生效", id="passive"),
        pytest.param(module([(0, b"a")], start=True), "start 函数", id="start"),
        pytest.param(b"\x7fELF" + bytes(20), "不是 WebAssembly 模块", id="not-wasm"),
    ],
)
def test_data_image_refuses_what_it_cannot_reproduce(wasm: bytes, words: str) -> None:
    with pytest.raises(BuildError, match=words):
        _data_image(wasm)


def test_round_trip_restores_the_snapshot_and_drops_unchanged_pages() -> None:
    rng = random.Random(6)
    image = bytes(rng.randrange(256) for _ in range(3 * STORED_PAGE + 100))
    live = image + bytes(16 * STORED_PAGE)  # a fresh instance: the image, then zeros
    header = struct.pack("<4I", 0x1234, 32, 0, 0) + bytes(16)  # Pyodide's: magic, its length, …
    heap = bytearray(live)
    heap[STORED_PAGE + 5 : STORED_PAGE + 9] = b"WXYZ"  # the program changed a bit of its data
    heap[10 * STORED_PAGE : 10 * STORED_PAGE + 3] = b"new"  # and wrote to its heap
    snapshot = header + bytes(heap)
    stored = _stored(snapshot, image)
    assert read_stored(stored, live) == snapshot
    # unchanged data pages are not stored: only the header's page, the changed one, the heap's
    total, page, runs = struct.unpack_from("<3I", stored, 8)
    pages = [struct.unpack_from("<2I", stored, 28 + run * 8) for run in range(runs)]
    assert sum(count for _, count in pages) == 3
    assert total == len(snapshot) and page == STORED_PAGE


def test_pyodides_wasm_has_an_image() -> None:
    wasm = (PYODIDE_DIR / "pyodide.asm.wasm").read_bytes()
    image = _data_image(wasm)
    assert 1_000_000 < len(image) < len(wasm)
    assert image[:1024] == bytes(1024)  # LLVM leaves the first KiB to the null page


def test_the_built_snapshot_is_in_the_stored_format(built_site: Path) -> None:
    stored = whole_file(built_site, "snapshot.bin")
    assert stored[:8] == STORED_MAGIC
    total, page, runs, image_length, _ = struct.unpack_from("<5I", stored, 8)
    wasm = whole_file(built_site, "pyodide.asm.wasm")
    assert wasm == (PYODIDE_DIR / "pyodide.asm.wasm").read_bytes()
    assert image_length == len(_data_image(wasm)) + (-len(_data_image(wasm)) % 4)
    assert page == STORED_PAGE and runs > 0 and total > len(stored)
