"""The memory a fresh instance of a WebAssembly module starts with: its active data segments."""

from __future__ import annotations

from sitebuild.project import BuildError


def data_image(wasm: bytes) -> bytes:
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
        raise BuildError("pyodide.asm.wasm 不是 WebAssembly 模块（node_modules/pyodide 损坏？请重新运行 npm ci）")
    at, segments = 8, []
    while at < len(wasm):
        section, size_at = wasm[at], at + 1
        size, body = leb(size_at)
        if section == 8:
            raise BuildError("pyodide.asm.wasm 有 start 函数：它的初始内存不只是数据段，快照的存储方式不适用")
        if section == 11:
            count, cursor = leb(body)
            for _ in range(count):
                flags, cursor = leb(cursor)
                if flags != 0 or wasm[cursor] != 0x41:
                    raise BuildError("pyodide.asm.wasm 有一个不在 i32.const 偏移处生效的数据段，快照的存储方式不适用")
                offset, cursor = leb(cursor + 1, signed=True)
                if wasm[cursor] != 0x0B:
                    raise BuildError("pyodide.asm.wasm 有一个偏移不是常量的数据段，快照的存储方式不适用")
                length, cursor = leb(cursor + 1)
                segments.append((offset, wasm[cursor : cursor + length]))
                cursor += length
        at = body + size
    image = bytearray(max((offset + len(data) for offset, data in segments), default=0))
    for offset, data in segments:
        image[offset : offset + len(data)] = data
    return bytes(image)
