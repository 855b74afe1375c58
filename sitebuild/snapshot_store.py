"""The memory snapshot as the site stores it; docs/assets/calculator/snapshot-format.mjs reads it."""

from __future__ import annotations

import struct

STORED_MAGIC = b"PYSNAPX1"
STORED_PAGE = 4096


def stored(snapshot: bytes, image: bytes) -> bytes:
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
