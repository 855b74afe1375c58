"""The runtime's big files cut into parts, so that a download cut short resumes where it stopped.

The worker fetches the parts of ``pyodide.asm.wasm`` and ``snapshot.bin`` (two at a time),
keeps each finished one in Cache Storage and joins them (docs/assets/calculator/worker.mjs).
hooks/compress.py writes each part's .br/.gz like any other file of the site.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sitebuild.compress import wire_size

# A part's size before compression: 2 MiB is about 0.5 MB on the wire, 4 s at 1 Mbit/s, so a
# cut download loses at most that much; brotli then costs 2-8 % more than on the whole file.
# The snapshot, mostly small repeated structures, compresses notably better in larger parts.
PART_SIZE = 2 << 20
PART_SIZES = {"snapshot.bin": 4 << 20}


@dataclass(frozen=True)
class Part:
    name: str  # <file>.<n>.part
    data: bytes
    transfer: int  # bytes on the wire (its brotli copy): the loading progress counts these


def parts(source: Path) -> list[Part]:
    """``source`` in parts of its size (brotli 11 of all of them: about 20 s on two cores, once)."""
    data = source.read_bytes()
    size = PART_SIZES.get(source.name, PART_SIZE)
    pieces = [data[at : at + size] for at in range(0, len(data), size)]
    # brotli lets go of the GIL: the parts compress side by side (into hooks/compress.py's cache)
    with ThreadPoolExecutor() as pool:
        sizes = list(pool.map(wire_size, pieces))
    return [
        Part(f"{source.name}.{index}.part", piece, size)
        for index, (piece, size) in enumerate(zip(pieces, sizes, strict=True))
    ]
