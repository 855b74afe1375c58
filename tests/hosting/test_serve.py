"""tools/serve.py: precompressed copies, types, HEAD, ranges, errors, headers, concurrency.

A small folder stands in for the site (its .br/.gz written by sitebuild/compress.py), so no build
is needed; test_nginx.py checks the real site through nginx. Malformed requests go to serve.py
run as a person runs it (a child process), whose log is checked for tracebacks.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest
from browser_support import ROOT, http_get, serve_in_thread, serve_py_process

from sitebuild.compress import compress_file
from tools.serve import RangeNotSatisfiable, SiteServer, accepted_encodings, byte_range, decode_path, make_server

HOST = "127.0.0.1"
SERVE = ROOT / "tools" / "serve.py"
WASM = b"\x00asm\x01\x00\x00\x00" + bytes(range(256)) * 64
MODULE = b"export const answer = 42;\n" * 200
PAGE = ("<!doctype html><title>页面</title>" + "<p>退出日</p>" * 300).encode()
NOT_FOUND = ('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>找不到页面</title>' * 30).encode()
# The calculator's worker, as the build writes it: runtime/worker/<hash>/worker.mjs.
WORKER = "/runtime/worker/0123456789ab/worker.mjs"
MANIFEST = '{"name": "一个站点", "start_url": "./"}\n'.encode() * 40
ALL = "gzip, deflate, br, zstd"
SECURITY = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}
HTML_UTF8 = "text/html; charset=utf-8"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    root = tmp_path_factory.mktemp("serve")
    files = {
        "runtime/pyodide.asm.wasm": WASM,
        WORKER[1:]: MODULE,
        "index.html": PAGE,
        "calculator/index.html": PAGE,
        "orphan.js": MODULE,
        "404.html": NOT_FOUND,
        "manifest.webmanifest": MANIFEST,
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        assert set(compress_file(path, data)) == {"br", "gz"}
    (root / "orphan.js").unlink()  # its .br and .gz stay behind
    (root / "assets" / "stylesheets").mkdir(parents=True)  # a folder without index.html
    (root / "assets" / "stylesheets" / "extra.css").write_text("body { margin: 0 }\n", encoding="utf-8")
    os.environ["SERVE_QUIET"] = "1"
    server = make_server(root, port=0)
    for _ in serve_in_thread(server):
        yield root, server.server_address[1]


@dataclass
class Logged:
    """serve.py in a child process, its log (standard error) in a file."""

    port: int
    log: Path

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def logged(site: tuple[Path, int], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Logged]:
    log = tmp_path_factory.mktemp("serve-log") / "stderr.txt"
    with serve_py_process(site[0], log) as port:
        yield Logged(port, log)


def fetch(port: int, path: str, encoding: str | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    return http_get(port, path, encoding, method, timeout=10)


def request(
    port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """One request with the given headers (http.client adds Accept-Encoding: identity if none)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def read_all(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def raw(port: int, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Bytes sent as they are; the answer parsed: status (0 if none), lower-cased headers, body."""
    with socket.create_connection((HOST, port), timeout=10) as connection:
        connection.sendall(data)
        answer = read_all(connection)
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    found = re.fullmatch(r"HTTP/1\.[01] (\d{3})(?: .*)?", status_line)
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return (int(found[1]) if found else 0), headers, body


def wait_for_log(server: Logged, marker: str) -> str:
    """The log once the request for ``marker`` is in it: everything before it has been written."""
    assert fetch(server.port, f"/?{marker}")[0] == 200
    deadline = time.monotonic() + 10
    while marker not in (text := server.text()):
        assert time.monotonic() < deadline, f"{marker} not logged"
        time.sleep(0.02)
    return text


def assert_no_traceback(log: str) -> None:
    assert "Traceback" not in log, log
    assert "Exception occurred" not in log, log
    assert "处理请求时出错" not in log, log


# -- precompressed copies, types, HEAD ---------------------------------------------------------


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
    status, headers, body = fetch(site[1], WORKER, accept)
    assert status == 200
    assert headers["content-type"] == "text/javascript"
    decode = {"br": brotli.decompress, "gzip": gzip.decompress}.get(headers.get("content-encoding", ""), bytes)
    assert decode(body) == MODULE


@pytest.mark.parametrize("accept", [None, "gzip", ALL])
def test_web_app_manifest_has_its_type(site: tuple[Path, int], accept: str | None) -> None:
    status, headers, body = fetch(site[1], "/manifest.webmanifest", accept)
    assert status == 200
    assert headers["content-type"] == "application/manifest+json"
    decode = {"br": brotli.decompress, "gzip": gzip.decompress}.get(headers.get("content-encoding", ""), bytes)
    assert decode(body) == MANIFEST


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
    _, script, _ = fetch(site[1], WORKER)
    policy = script["content-security-policy"]
    assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
    assert "default-src 'self'" in policy
    _, page, _ = fetch(site[1], "/calculator/index.html")
    # pages carry their own policy in a <meta>; the header says only what a <meta> cannot
    assert page["content-security-policy"] == "frame-ancestors 'self'"
    assert page["x-frame-options"] == "SAMEORIGIN"


@pytest.mark.parametrize("accept", [None, ALL])
def test_unchanged_file_is_not_sent_again(site: tuple[Path, int], accept: str | None) -> None:
    _, first, _ = fetch(site[1], "/runtime/pyodide.asm.wasm", accept)
    headers = {"If-Modified-Since": first["last-modified"], **({"Accept-Encoding": accept} if accept else {})}
    status, answer, body = request(site[1], "/runtime/pyodide.asm.wasm", headers)
    assert (status, body) == (304, b"")
    assert answer["vary"] == "Accept-Encoding"


def test_validators_are_compared_exactly(site: tuple[Path, int]) -> None:
    """As nginx: a copy is current only if its validator is this file's; a later or earlier date
    is not (after a rollback the files are older than what returning readers hold)."""
    _, first, _ = fetch(site[1], "/calculator/index.html")
    etag, modified = first["etag"], first["last-modified"]
    assert etag.startswith('"') and etag.endswith('"')
    assert request(site[1], "/calculator/index.html", {"If-None-Match": etag})[0] == 304
    assert request(site[1], "/calculator/index.html", {"If-None-Match": '"another"'})[0] == 200
    assert request(site[1], "/calculator/index.html", {"If-Modified-Since": modified})[0] == 304
    later = "Fri, 01 Jan 2100 00:00:00 GMT"  # what a reader holds of a newer build, before a rollback
    assert request(site[1], "/calculator/index.html", {"If-Modified-Since": later})[0] == 200
    # If-None-Match decides when both are sent
    both = {"If-None-Match": '"another"', "If-Modified-Since": modified}
    assert request(site[1], "/calculator/index.html", both)[0] == 200


def test_a_rollback_reaches_a_returning_reader(tmp_path: Path) -> None:
    """v2 seen, then v1 put back (older files): the reader's conditional request gets v1."""
    page = tmp_path / "index.html"
    page.write_text("<!doctype html><title>v2</title>", encoding="utf-8")
    server = make_server(tmp_path, port=0)
    for _ in serve_in_thread(server):
        port = server.server_address[1]
        _, seen, _ = fetch(port, "/")
        page.write_text("<!doctype html><title>v1</title>", encoding="utf-8")
        os.utime(page, (1_600_000_000, 1_600_000_000))  # v1's files are older
        held = {"If-None-Match": seen["etag"], "If-Modified-Since": seen["last-modified"]}
        status, _, body = request(port, "/", held)
        assert (status, body) == (200, b"<!doctype html><title>v1</title>")
        status, _, body = request(port, "/", {"If-Modified-Since": seen["last-modified"]})
        assert (status, body) == (200, b"<!doctype html><title>v1</title>")


@pytest.mark.parametrize(("suffix", "kind"), [(".br", "application/x-brotli"), (".gz", "application/gzip")])
def test_a_compressed_copy_asked_for_by_name_is_what_it_is(site: tuple[Path, int], suffix: str, kind: str) -> None:
    status, headers, body = fetch(site[1], f"/index.html{suffix}", ALL)
    assert status == 200 and headers["content-type"] == kind
    assert "content-encoding" not in headers  # the bytes are the file, not a page to decode
    assert body == (site[0] / f"index.html{suffix}").read_bytes()


def test_folder_without_slash_redirects_relatively(site: tuple[Path, int]) -> None:
    for path, location in (
        ("/calculator", "/calculator/"),
        ("/calculator?tool=exit", "/calculator/?tool=exit"),
        ("//calculator", "/calculator/"),  # not //calculator/, a link to the host "calculator"
    ):
        status, headers, _ = fetch(site[1], path)
        assert (status, headers.get("location")) == (301, location)


# -- concurrency ------------------------------------------------------------------------------


def test_a_burst_of_connections_waits_in_the_listen_queue(site: tuple[Path, int]) -> None:
    """40 connections at once to a server that has not yet accepted any: none is refused or delayed.

    Within the listen backlog the kernel completes each handshake at once; beyond it (5 for
    socketserver's default) it drops the SYN, and the client tries again only a second later.
    """
    server = make_server(site[0], port=0)  # listening, not accepting yet
    port = server.server_address[1]
    try:
        with contextlib.ExitStack() as stack:
            connections = [stack.enter_context(socket.create_connection((HOST, port), timeout=2)) for _ in range(40)]
            for connection in connections:
                connection.sendall(b"GET /runtime/pyodide.asm.wasm HTTP/1.0\r\n\r\n")
            for _ in serve_in_thread(server):
                for connection in connections:
                    connection.settimeout(10)
                    head, _, body = read_all(connection).partition(b"\r\n\r\n")
                    assert head.startswith(b"HTTP/1.0 200 ") and body == WASM
    finally:
        server.server_close()


def test_stalled_clients_do_not_hold_up_the_rest(site: tuple[Path, int]) -> None:
    """More clients than the server has threads send half a request and stop: others are still answered."""
    with contextlib.ExitStack() as stack:
        for _ in range(SiteServer.workers + 4):
            stalled = stack.enter_context(socket.create_connection((HOST, site[1]), timeout=10))
            stalled.sendall(b"GET /runtime/pyodide.asm.wasm HTTP/1.1\r\n")  # and nothing more
        status, _, body = fetch(site[1], "/runtime/pyodide.asm.wasm")
        assert (status, body) == (200, WASM)


# -- malformed requests: an answer, never a traceback -------------------------------------------

MALFORMED = [
    ("request line over 64 KiB", b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414),
    ("HTTP/9.9", b"GET / HTTP/9.9\r\n\r\n", 505),
    ("HTTP/2.0", b"GET /index.html HTTP/2.0\r\n\r\n", 505),
    ("version not a number", b"GET / HTTP/1.x\r\n\r\n", 400),
    ("not HTTP", b"GET / FTP/1.0\r\n\r\n", 400),
    ("garbage bytes", b"\x00\xff\xfe\x01\x02garbage\r\n\r\n", 400),
    ("garbage words", b"\x16\x03\x01 \x02\x00 \x01\x00 \x01\xfc\r\n\r\n", 400),
    ("NUL in the path", b"GET /%00/x HTTP/1.1\r\n\r\n", 400),
    ("NUL before a suffix", b"GET /runtime/pyodide.asm.wasm%00.txt HTTP/1.1\r\n\r\n", 400),
    ("NUL, HEAD", b"HEAD /%00 HTTP/1.1\r\n\r\n", 400),
    ("escape not hex", b"GET /%zz HTTP/1.1\r\n\r\n", 400),
    ("escape cut short", b"GET /calculator/index.html%4 HTTP/1.1\r\n\r\n", 400),
    ("encoded surrogate", b"GET /%ed%a0%80 HTTP/1.1\r\n\r\n", 400),
    ("overlong UTF-8", b"GET /%c0%af HTTP/1.1\r\n\r\n", 400),
    ("raw bytes not UTF-8", b"GET /\xff\xfe HTTP/1.1\r\n\r\n", 400),
    ("no leading slash", b"GET index.html HTTP/1.1\r\n\r\n", 400),
    ("header over 64 KiB", b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n", 431),
    ("too many headers", b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 150 + b"\r\n", 431),
    ("unknown method", b"BREW /pot HTTP/1.1\r\n\r\n", 501),
    ("POST", b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 501),
    ("parent folders", b"GET /../../../../etc/passwd HTTP/1.1\r\n\r\n", 404),
    ("encoded parent folders", b"GET /%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n\r\n", 404),
    ("backslashes", b"GET /..%5c..%5c..%5cetc%5cpasswd HTTP/1.1\r\n\r\n", 404),
    ("huge range", b"GET /runtime/pyodide.asm.wasm HTTP/1.1\r\nRange: bytes=" + b"9" * 5000 + b"-\r\n\r\n", 200),
    ("date out of range", b"GET / HTTP/1.1\r\nIf-Modified-Since: Sun, 29 Nov 99999999999 20:15:03 GMT\r\n\r\n", 200),
    ("odd Accept-Encoding", b"GET / HTTP/1.1\r\nAccept-Encoding: br;q=x, gzip;q=nan, ;;, \r\n\r\n", 200),
    ("header without a colon", b"GET / HTTP/1.1\r\nnonsense\r\n\r\n", 200),
]


@pytest.mark.parametrize(("data", "expected"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED])
def test_malformed_request_gets_an_answer_and_no_traceback(
    logged: Logged, site: tuple[Path, int], data: bytes, expected: int
) -> None:
    status, headers, body = raw(logged.port, data)
    assert status == expected
    assert {name: headers.get(name) for name in SECURITY} == SECURITY
    if expected >= 400:
        assert headers["content-type"] == HTML_UTF8
        assert headers["cache-control"] == "no-cache"
        assert int(headers["content-length"]) == len(body) or data.startswith(b"HEAD ")
        if expected == 404:
            assert body == NOT_FOUND
        elif not data.startswith(b"HEAD "):
            page = body.decode("utf-8")
            assert '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
            assert re.search(r"<title>\d{3} [\u4e00-\u9fff]", page), page  # the status and a Chinese title
            assert "root" not in page and "passwd" not in page
    assert_no_traceback(wait_for_log(logged, f"after-{expected}-{len(data)}"))


def test_each_error_page_says_what_went_wrong_in_chinese(logged: Logged) -> None:
    titles = {400: "请求无效", 414: "地址太长", 431: "请求头太大", 501: "不支持的请求方法", 505: "不支持的 HTTP 版本"}
    seen = {}
    for _, data, expected in MALFORMED:
        if expected in titles and not data.startswith(b"HEAD "):
            seen[expected] = raw(logged.port, data)[2].decode("utf-8")
    assert set(seen) == set(titles)
    for code, page in seen.items():
        assert f"<title>{code} {titles[code]}</title>" in page


def test_a_client_that_hangs_up_early_leaves_no_traceback(logged: Logged) -> None:
    for data in (b"GET /runtime/pyodide.asm.wasm HTTP/1.1\r\n", b"GET /runtime/pyodide.asm.wasm HTTP/1.1\r\n\r\n"):
        with socket.create_connection((HOST, logged.port), timeout=10) as connection:
            connection.sendall(data)
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        # closed at once with a reset (SO_LINGER 0), before reading the answer
    assert_no_traceback(wait_for_log(logged, "after-hang-up"))


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/", "/"),
        ("/calculator/?tool=exit#x", "/calculator/"),
        ("/%E9%80%80%E5%87%BA/", "/退出/"),
        ("/a%20b", "/a b"),
        ("/%00", None),
        ("/%zz", None),
        ("/%4", None),
        ("/%ed%a0%80", None),
        ("/%c0%af", None),
        ("/\xff", None),  # the request line's bytes, read as Latin-1
        ("index.html", None),
        ("http://127.0.0.1/", None),
    ],
)
def test_decode_path(target: str, expected: str | None) -> None:
    assert decode_path(target) == expected


# -- no folder listings, the site's 404 page --------------------------------------------------


@pytest.mark.parametrize("path", ["/runtime/", "/assets/", "/runtime/worker/", "/assets/stylesheets/"])
def test_folders_are_never_listed(site: tuple[Path, int], path: str) -> None:
    status, _, body = fetch(site[1], path)
    assert status == 404
    assert body == NOT_FOUND
    assert b"extra.css" not in body and b"Directory listing" not in body


@pytest.mark.parametrize(
    "path", ["/no-such-page/", "/runtime/pyodide-0.0.0/pyodide.asm.wasm", "/assets/calculator/gone.mjs", "/x.html"]
)
@pytest.mark.parametrize("accept", [None, ALL])
def test_missing_page_gets_the_sites_404_page(site: tuple[Path, int], path: str, accept: str | None) -> None:
    status, headers, body = fetch(site[1], path, accept)
    assert status == 404
    assert headers["content-type"] == HTML_UTF8
    assert headers["cache-control"] == "no-cache"  # not the runtime's "immutable"
    assert headers["content-security-policy"] == "frame-ancestors 'self'"  # the rest is the page's own
    assert body == NOT_FOUND
    status, headers, body = fetch(site[1], path, accept, method="HEAD")
    assert (status, body, int(headers["content-length"])) == (404, b"", len(NOT_FOUND))


def test_without_a_404_page_a_short_chinese_one(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>首页</title>", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("export {};\n", encoding="utf-8")
    server = make_server(tmp_path, port=0)
    for _ in serve_in_thread(server):
        for path in ("/missing", "/assets/"):
            status, headers, body = fetch(server.server_address[1], path)
            assert status == 404
            assert headers["content-type"] == HTML_UTF8
            page = body.decode("utf-8")
            assert "<title>404 找不到页面</title>" in page and '<html lang="zh-CN">' in page
            assert "app.js" not in page and len(body) < 1024


# -- headers on every answer ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "headers", "expected"),
    [
        ("GET", "/runtime/pyodide.asm.wasm", {"Accept-Encoding": ALL}, 200),
        ("GET", "/runtime/pyodide.asm.wasm", {}, 200),
        ("GET", "/calculator/", {"Accept-Encoding": "gzip"}, 200),
        ("HEAD", WORKER, {}, 200),
        ("GET", "/runtime/pyodide.asm.wasm", {"Range": "bytes=0-9"}, 206),
        ("GET", "/runtime/pyodide.asm.wasm", {"If-None-Match": "*"}, 304),
        ("GET", "/calculator", {}, 301),
        ("GET", "/%zz", {}, 400),
        ("GET", "/no-such-page/", {}, 404),
        ("GET", "/runtime/", {}, 404),
        ("GET", "/runtime/pyodide.asm.wasm", {"Range": "bytes=999999-"}, 416),
        ("DELETE", "/", {}, 501),
    ],
)
def test_every_answer_carries_the_security_headers(
    site: tuple[Path, int], method: str, path: str, headers: dict[str, str], expected: int
) -> None:
    status, answer, _ = request(site[1], path, headers, method)
    assert status == expected
    assert {name: answer.get(name) for name in SECURITY} == SECURITY


# -- byte ranges ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, len(WASM) - 1),
        ("bytes=-100", len(WASM) - 100, len(WASM) - 1),
        ("bytes=10-10", 10, 10),
        ("bytes=5000-999999", 5000, len(WASM) - 1),
        ("bytes=-999999", 0, len(WASM) - 1),
        ("Bytes = 7 - 8", 7, 8),
    ],
)
def test_range_of_a_plain_file(site: tuple[Path, int], header: str, first: int, last: int) -> None:
    status, headers, body = request(site[1], "/runtime/pyodide.asm.wasm", {"Range": header})
    assert status == 206
    assert headers["content-range"] == f"bytes {first}-{last}/{len(WASM)}"
    assert int(headers["content-length"]) == last - first + 1
    assert headers["accept-ranges"] == "bytes"
    assert headers["content-type"] == "application/wasm"
    assert body == WASM[first : last + 1]
    status, headers, body = request(site[1], "/runtime/pyodide.asm.wasm", {"Range": header}, "HEAD")
    assert (status, body, headers["content-range"]) == (206, b"", f"bytes {first}-{last}/{len(WASM)}")


@pytest.mark.parametrize("header", [f"bytes={len(WASM)}-", "bytes=999999-1000000", "bytes=-0"])
def test_unsatisfiable_range_is_416(site: tuple[Path, int], header: str) -> None:
    status, headers, body = request(site[1], "/runtime/pyodide.asm.wasm", {"Range": header})
    assert status == 416
    assert headers["content-range"] == f"bytes */{len(WASM)}"
    assert headers["content-type"] == HTML_UTF8
    assert "请求的范围无效" in body.decode("utf-8")


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-5", "bytes=5-1", "bytes=abc", "bytes=-"])
def test_ranges_it_does_not_read_get_the_whole_file(site: tuple[Path, int], header: str) -> None:
    status, headers, body = request(site[1], "/runtime/pyodide.asm.wasm", {"Range": header})
    assert (status, body) == (200, WASM)
    assert headers["accept-ranges"] == "bytes"


def test_plain_answers_say_ranges_are_accepted(site: tuple[Path, int]) -> None:
    status, headers, _ = fetch(site[1], "/runtime/pyodide.asm.wasm")
    assert (status, headers["accept-ranges"]) == (200, "bytes")


@pytest.mark.parametrize("accept", ["br", "gzip"])
def test_range_is_ignored_for_a_compressed_copy(site: tuple[Path, int], accept: str) -> None:
    status, headers, body = request(
        site[1], "/runtime/pyodide.asm.wasm", {"Range": "bytes=0-9", "Accept-Encoding": accept}
    )
    assert status == 200
    assert headers["content-encoding"] == accept
    assert "content-range" not in headers and "accept-ranges" not in headers
    assert {"br": brotli.decompress, "gzip": gzip.decompress}[accept](body) == WASM


def test_if_range_sends_the_range_only_if_the_file_is_unchanged(site: tuple[Path, int]) -> None:
    _, first, _ = fetch(site[1], "/runtime/pyodide.asm.wasm")
    same = {"Range": "bytes=0-9", "If-Range": first["last-modified"]}
    status, _, body = request(site[1], "/runtime/pyodide.asm.wasm", same)
    assert (status, body) == (206, WASM[:10])
    changed = {"Range": "bytes=0-9", "If-Range": "Wed, 21 Oct 2015 07:28:00 GMT"}
    status, _, body = request(site[1], "/runtime/pyodide.asm.wasm", changed)
    assert (status, body) == (200, WASM)


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-0", 10, (0, 0)),
        ("bytes=0-", 10, (0, 9)),
        ("bytes=3-100", 10, (3, 9)),
        ("bytes=-3", 10, (7, 9)),
        ("bytes=-30", 10, (0, 9)),
        ("bytes=0-1,3-4", 10, None),
        ("bytes=4-3", 10, None),
        ("bytes=", 10, None),
        ("pages=1-2", 10, None),
        ("bytes=" + "1" * 19 + "-", 10, None),
    ],
)
def test_byte_range(header: str, size: int, expected: tuple[int, int] | None) -> None:
    assert byte_range(header, size) == expected


@pytest.mark.parametrize(("header", "size"), [("bytes=10-", 10), ("bytes=-0", 10), ("bytes=0-", 0), ("bytes=-5", 0)])
def test_byte_range_not_satisfiable(header: str, size: int) -> None:
    with pytest.raises(RangeNotSatisfiable):
        byte_range(header, size)
