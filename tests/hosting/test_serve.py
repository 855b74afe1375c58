"""tools/serve.py with the precompressed copies the build writes: br, gzip, identity, types, HEAD.

A small folder stands in for the site (its .br/.gz written by hooks/compress.py), so no build
is needed; test_nginx.py checks the real site through nginx.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from browser_support import http_get, serve_in_thread

from hooks.compress import compress_file
from tools.serve import accepted_encodings, make_server

WASM = b"\x00asm\x01\x00\x00\x00" + bytes(range(256)) * 64
MODULE = b"export const answer = 42;\n" * 200
PAGE = ("<!doctype html><title>页面</title>" + "<p>退出日</p>" * 300).encode()
ALL = "gzip, deflate, br, zstd"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    root = tmp_path_factory.mktemp("serve")
    files = {
        "runtime/pyodide.asm.wasm": WASM,
        "assets/calculator/worker.mjs": MODULE,
        "calculator/index.html": PAGE,
        "orphan.js": MODULE,
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        assert set(compress_file(path, data)) == {"br", "gz"}
    (root / "orphan.js").unlink()  # its .br and .gz stay behind
    os.environ["SERVE_QUIET"] = "1"
    server = make_server(root, port=0)
    for _ in serve_in_thread(server):
        yield root, server.server_address[1]


def fetch(port: int, path: str, encoding: str | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    return http_get(port, path, encoding, method, timeout=10)


def test_br_when_accepted(site: tuple[Path, int]) -> None:
    status, headers, body = fetch(site[1], "/runtime/pyodide.asm.wasm", ALL)
    assert status == 200
    assert headers["content-encoding"] == "br"
    assert headers["content-type"] == "application/wasm"
    assert headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < len(WASM)
    assert brotli.decompress(body) == WASM


@pytest.mark.parametrize("accept", ["gzip", "gzip, deflate", "br;q=0, gzip", "GZIP;q=0.5"])
def test_gzip_when_br_is_not_accepted(site: tuple[Path, int], accept: str) -> None:
    status, headers, body = fetch(site[1], "/runtime/pyodide.asm.wasm", accept)
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["content-type"] == "application/wasm"
    assert gzip.decompress(body) == WASM


@pytest.mark.parametrize("accept", [None, "", "identity", "deflate", "gzip;q=0, br;q=0"])
def test_identity_is_the_original_bytes(site: tuple[Path, int], accept: str | None) -> None:
    status, headers, body = fetch(site[1], "/runtime/pyodide.asm.wasm", accept)
    assert status == 200
    assert "content-encoding" not in headers
    assert headers["content-type"] == "application/wasm"
    assert body == WASM


@pytest.mark.parametrize("accept", [None, "gzip", ALL])
def test_module_scripts_are_javascript(site: tuple[Path, int], accept: str | None) -> None:
    status, headers, body = fetch(site[1], "/assets/calculator/worker.mjs", accept)
    assert status == 200
    assert headers["content-type"] == "text/javascript"
    decode = {"br": brotli.decompress, "gzip": gzip.decompress}.get(headers.get("content-encoding", ""), bytes)
    assert decode(body) == MODULE


def test_page_folder_serves_compressed_index_without_caching(site: tuple[Path, int]) -> None:
    status, headers, body = fetch(site[1], "/calculator/", ALL)
    assert status == 200
    assert headers["content-type"] == "text/html"
    assert headers["content-encoding"] == "br"
    assert headers["cache-control"] == "no-cache"
    assert brotli.decompress(body) == PAGE


@pytest.mark.parametrize("accept", [None, "gzip", ALL])
def test_head_has_the_headers_and_no_body(site: tuple[Path, int], accept: str | None) -> None:
    _, get_headers, get_body = fetch(site[1], "/runtime/pyodide.asm.wasm", accept)
    status, headers, body = fetch(site[1], "/runtime/pyodide.asm.wasm", accept, method="HEAD")
    assert status == 200
    assert body == b""
    assert headers["content-type"] == "application/wasm"
    assert headers.get("content-encoding") == get_headers.get("content-encoding")
    assert int(headers["content-length"]) == len(get_body)


@pytest.mark.parametrize("accept", [None, "gzip", ALL])
def test_copy_without_its_original_is_not_served(site: tuple[Path, int], accept: str | None) -> None:
    assert (site[0] / "orphan.js.br").is_file()
    status, _, _ = fetch(site[1], "/orphan.js", accept)
    assert status == 404


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
        ("br;q=1.0, gzip;q=0.8, *;q=0.1", {"br", "gzip", "*"}),
        ("br;q=0, gzip", {"gzip"}),
        ("gzip; q=0.000", set()),
        ("", set()),
        ("Br", {"br"}),
    ],
)
def test_accepted_encodings(header: str, expected: set[str]) -> None:
    assert accepted_encodings(header) == expected


def test_scripts_carry_the_worker_policy_and_pages_do_not(site: tuple[Path, int]) -> None:
    _, script, _ = fetch(site[1], "/assets/calculator/worker.mjs")
    policy = script["content-security-policy"]
    assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
    assert "default-src 'self'" in policy
    _, page, _ = fetch(site[1], "/calculator/index.html")
    assert "content-security-policy" not in page  # pages carry their own policy in a <meta>
