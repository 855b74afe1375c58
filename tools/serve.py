"""Serve the built site on 127.0.0.1 for people without a web server.

    python tools/serve.py site --port 8000

Correct MIME types for the runtime (.wasm, .mjs), the precompressed .br/.gz files the build
writes beside large files (chosen by the browser's Accept-Encoding), no caching of HTML so a
rebuilt site shows at once, byte ranges, the site's own 404.html, no folder listings, and a
short Chinese page (never a traceback) for a request it cannot read. A few reused threads
answer connections in the order they came (more when clients stall), and nginx's listen
backlog keeps a burst of connections waiting in the kernel rather than dropped; see
tools/bench_serve.py for a comparison with nginx. Standard library only: the build copies
this file into every site as serve.py, for Python 3.8 and later.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import http.server
import os
import posixpath
import queue
import re
import stat
import sys
import threading
import time
from http import HTTPStatus
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote_to_bytes

MIME = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".ics": "text/calendar",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}
# Versioned files: the runtime (pyodide-<version>/, wheels/<hash>/, calc/<hash>/) and
# Material's hashed bundles (bundle.<hash>.min.js, main.<hash>.min.css, search.<hash>.min.js).
IMMUTABLE = re.compile(
    r"^/runtime/|/assets/(?:javascripts|stylesheets)/(?:workers/)?\w+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$"
)
WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'"
ENCODINGS = ((".br", "br"), (".gz", "gzip"))
# On every response, as deploy/nginx.conf sends them.
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "SAMEORIGIN"),  # no other site shows these pages in a frame
)
# Pages carry their policy in a <meta>, which cannot say frame-ancestors: the header says it.
PAGE_CSP = "frame-ancestors 'self'"
# What a person sees when a request fails and the site has no page for it: title, explanation.
ERRORS = {
    400: ("请求无效", "服务器无法理解这个请求，请检查地址是否完整、正确。"),
    403: ("禁止访问", "这个地址不对外提供。"),
    404: ("找不到页面", "这个地址没有对应的页面或文件。"),
    414: ("地址太长", "请求的地址超过了服务器接受的长度。"),
    405: ("不支持的请求方法", "这个网站只提供文件（GET 和 HEAD 请求）。"),
    416: ("请求的范围无效", "请求的字节范围超出了文件的大小。"),
    431: ("请求头太大", "请求头的数量或长度超过了服务器接受的范围。"),
    500: ("服务器内部错误", "服务器处理这个请求时出错。"),
    501: ("不支持的请求方法", "这个服务器只提供文件（GET 和 HEAD 请求）。"),
    505: ("不支持的 HTTP 版本", "请使用 HTTP/1.0 或 HTTP/1.1。"),
}
ERROR_PAGE = """<!doctype html>
<html lang="zh-CN">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{code} {title}</title>
<h1>{code} {title}</h1>
<p>{text}</p>
<p><a href="/">返回首页</a></p>
</html>
"""
BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
# One range of bytes; digits bounded, so a huge number is no work (it is then ignored: 200).
BYTE_RANGE = re.compile(r"\s*bytes\s*=\s*(\d{0,18})\s*-\s*(\d{0,18})\s*", re.IGNORECASE)


class RangeNotSatisfiable(ValueError):
    """A byte range that starts beyond the end of the file (416)."""


def accepted_encodings(header: str) -> set[str]:
    """The codings an Accept-Encoding header accepts (``br;q=0`` refuses br)."""
    accepted = set()
    for part in header.lower().split(","):
        coding, *params = (item.strip() for item in part.split(";"))
        quality = next((item[2:] for item in params if item.startswith("q=")), "1")
        with contextlib.suppress(ValueError):
            if float(quality) == 0:
                continue
        if coding:
            accepted.add(coding)
    return accepted


def decode_path(target: str) -> str | None:
    """The decoded path of a request target, or None when it is malformed (answered with 400).

    Malformed: not starting with ``/``, a ``%`` not followed by two hex digits, a NUL byte, or
    bytes that are not UTF-8 (including encoded surrogates and overlong forms).
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or BAD_ESCAPE.search(path):
        return None
    # The request line was read as Latin-1: back to its bytes, so raw UTF-8 in it decodes too.
    raw = unquote_to_bytes(path.encode("latin-1", "replace"))
    if b"\0" in raw:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a ``Range`` header asks of a file of ``size`` bytes.

    None when the header is not one ``bytes=`` range this server reads (several ranges, another
    unit, first > last): the whole file is sent, as RFC 9110 allows. Raises RangeNotSatisfiable
    when no byte of the range is in the file.
    """
    match = BYTE_RANGE.fullmatch(header)
    if not match or not (match[1] or match[2]):
        return None
    if not match[1]:  # bytes=-n: the last n bytes
        suffix = int(match[2])
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable(header)
        return max(0, size - suffix), size - 1
    first = int(match[1])
    if match[2] and int(match[2]) < first:
        return None
    if first >= size:
        raise RangeNotSatisfiable(header)
    last = min(int(match[2]), size - 1) if match[2] else size - 1
    return first, last


_TAGS: dict[tuple[str, int, int], str] = {}
_TAGS_LOCK = threading.Lock()


def content_tag(path: str) -> str:
    """The file's ETag: a hash of its content (remembered while its size and time stay)."""
    info = os.stat(path)
    key = (path, info.st_size, info.st_mtime_ns)
    with _TAGS_LOCK:
        known = _TAGS.get(key)
    if known:
        return known
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    tag = f'"{digest.hexdigest()[:20]}"'
    with _TAGS_LOCK:
        if len(_TAGS) > 4096:
            _TAGS.clear()
        _TAGS[key] = tag
    return tag


def file_status(path: str) -> os.stat_result | None:
    """``os.stat`` of a path, or None when there is nothing readable there."""
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


class FilePart:
    """``length`` bytes of an open file from where it stands: the body of a 206 answer."""

    def __init__(self, handle: BinaryIO, length: int) -> None:
        self.handle = handle
        self.remaining = length

    def read(self, size: int = -1) -> bytes:
        size = self.remaining if size < 0 else min(size, self.remaining)
        data = self.handle.read(size) if size > 0 else b""
        self.remaining -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the right types and precompressed variants."""

    # A connection that sends nothing (a browser's spare pre-connection) or stops reading frees
    # its thread after a minute instead of holding it for ever.
    timeout = 60
    # Headers and body go out as separate writes: without TCP_NODELAY the second can wait for
    # the client's delayed ACK (up to 40 ms on Linux).
    disable_nagle_algorithm = True
    # Buffered: the headers and a small file leave in one write (flushed after each request).
    wbufsize = 64 * 1024
    status = 0  # of the response being sent

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        suffix = os.path.splitext(path)[1].lower()
        # a .br/.gz copy asked for by its own name is what it is, not the page it compresses
        if suffix == ".br":
            return "application/x-brotli"
        if suffix == ".gz":
            return "application/gzip"
        return MIME.get(suffix) or super().guess_type(path)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.path.startswith("//"):  # never a Location of //host/… (as Python 3.11.4 and later do)
            self.path = "/" + self.path.lstrip("/")
        if decode_path(self.path) is None:
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request path")
            return False
        return True

    def translate_path(self, path: str) -> str:
        """The file for a URL path, always inside the served folder (``..`` and the like dropped)."""
        decoded = decode_path(path)
        if decoded is None:
            raise ValueError(f"malformed path: {path!r}")
        result = self.directory
        for word in posixpath.normpath(decoded).split("/"):
            if word and not os.path.dirname(word) and word not in (os.curdir, os.pardir):
                result = os.path.join(result, word)
        return result + "/" if decoded.endswith("/") else result

    def url_path(self) -> str:
        """The request's path as sent (no query), or "" before the request line was read."""
        return str(getattr(self, "path", "")).split("?", 1)[0].split("#", 1)[0]

    def send_head(self):  # type: ignore[no-untyped-def]
        try:
            path = self.translate_path(self.path)
        except ValueError:
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request path")
            return None
        info = file_status(path)
        if info and stat.S_ISDIR(info.st_mode):  # a page's folder: its index.html (compressed too), never a listing
            if not self.url_path().endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                query = self.path.partition("?")[2]
                self.send_header("Location", self.url_path() + "/" + ("?" + query if query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = os.path.join(path, "index.html")
            info = file_status(path)
        # A copy is served only beside its original: without the original the answer is 404.
        if not info or not stat.S_ISREG(info.st_mode):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        variants = [(path + suffix, coding) for suffix, coding in ENCODINGS if os.path.isfile(path + suffix)]
        accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
        stored, encoding = next(((name, coding) for name, coding in variants if coding in accepted), (path, ""))
        try:
            handle = open(stored, "rb")  # noqa: SIM115 - closed by do_GET/do_HEAD after copying
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            # Last-Modified and ETag: the original's, whichever copy is sent
            return self._send_file(handle, path, int(info.st_mtime), encoding, vary=bool(variants))
        except BaseException:
            handle.close()
            raise

    def _send_file(self, handle: BinaryIO, path: str, modified: int, encoding: str, vary: bool):  # type: ignore[no-untyped-def]
        size = os.fstat(handle.fileno()).st_size
        last_modified = self.date_time_string(modified)
        etag = content_tag(path)
        if self._not_modified(etag, last_modified):
            handle.close()
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            if vary:
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        # Ranges of the plain file only: a range of a .br/.gz copy would be a range of compressed
        # bytes, which a client cannot use without the rest. With a copy the Range header is
        # ignored and the whole copy sent (200), as RFC 9110 allows; no Accept-Ranges then.
        wanted = None
        header = self.headers.get("Range")
        if header and not encoding and self.headers.get("If-Range", etag).strip() in (etag, last_modified):
            try:
                wanted = byte_range(header, size)
            except RangeNotSatisfiable:
                handle.close()
                self.send_error(
                    HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, headers={"Content-Range": f"bytes */{size}"}
                )
                return None
        self.send_response(HTTPStatus.PARTIAL_CONTENT if wanted else HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        else:
            self.send_header("Accept-Ranges", "bytes")
        if wanted:
            first, last = wanted
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
            size = last - first + 1
        self.send_header("Content-Length", str(size))
        self.send_header("Last-Modified", last_modified)
        self.send_header("ETag", etag)
        if vary:
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if wanted:
            handle.seek(wanted[0])
            return FilePart(handle, size)
        return handle

    def _not_modified(self, etag: str, last_modified: str) -> bool:
        """Whether the client's copy is this file: its validators must match exactly, as nginx's do.

        A date at or after the file's is not enough: after a rollback the files are older than
        the copy a returning reader holds, and must still be sent.
        """
        match = self.headers.get("If-None-Match")
        if match is not None:
            return any(tag.strip() in (etag, "*", f"W/{etag}") for tag in match.split(","))
        since = self.headers.get("If-Modified-Since")
        return since is not None and since.strip() == last_modified

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """Never a listing of a folder's files."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        """An error answer: the site's 404.html for 404, else a short page in Chinese.

        The status line carries the standard reason phrase, never text from the request.
        """
        code = int(code)
        if not getattr(self, "command", None):
            # The request line itself was unreadable (the base class then still assumes HTTP/0.9,
            # whose answers have no status line): answer with a status line and headers.
            self.request_version = "HTTP/1.0"
        self.log_error("code %d, message %s", code, message or "")
        self.close_connection = True
        body = b""
        page = os.path.join(str(getattr(self, "directory", "")), "404.html")
        if code == HTTPStatus.NOT_FOUND and os.path.isfile(page):
            with contextlib.suppress(OSError), open(page, "rb") as file:
                body = file.read()
        if not body:
            title, text = ERRORS.get(code, ("错误", self.responses.get(code, ("",))[0]))
            body = ERROR_PAGE.format(code=code, title=title, text=text).encode("utf-8")
        self.send_response(code)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_response_only(self, code: int, message: str | None = None) -> None:
        self.status = int(code)
        super().send_response_only(code, message)

    def end_headers(self) -> None:
        if self.status >= 200:  # not on a 100 Continue
            path = self.url_path()
            if self.status < 400 and IMMUTABLE.search(path):
                # as deploy/nginx.conf: these names carry a version or a content hash
                self.send_header("Cache-Control", "public, max-age=31536000, immutable")
            else:  # everything else, errors too, may change with the next build: revalidate
                self.send_header("Cache-Control", "no-cache")
            if self.status < 400 and path.endswith((".js", ".mjs")):
                # A worker takes its policy from its own script's response (pages carry theirs in a
                # <meta>): the calculator's worker may compile WebAssembly and nothing else.
                self.send_header("Content-Security-Policy", WORKER_CSP)
            else:
                self.send_header("Content-Security-Policy", PAGE_CSP)
            for name, value in SECURITY_HEADERS:
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if os.environ.get("SERVE_QUIET") != "1":
            super().log_message(format, *args)


class SiteServer(http.server.ThreadingHTTPServer):
    """Connections answered by a few reused threads, in the order they came.

    A thread per connection, started anew each time, costs more than answering a small file,
    and dozens of threads taking turns at Python's global lock make the slowest answers slow:
    ``workers`` threads answer while further connections wait in a first-come queue. When
    connections are waiting and none has been answered for ``stall_interval`` seconds (clients
    that send nothing or read slowly hold every thread), one more thread is started, and
    another after each further interval; such an extra thread ends after its connection.
    """

    daemon_threads = True
    # nginx's listen backlog: a burst of connections waits in the kernel's queue. With
    # socketserver's default of 5, the SYNs beyond it are dropped and retried 1 s, 3 s… later.
    request_queue_size = 511
    workers = 4
    stall_interval = 0.1
    idle_timeout = 60.0  # an idle thread ends after this long (the next connection starts one)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._connections: queue.SimpleQueue[tuple[Any, Any] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._running = 0  # threads, busy or idle
        self._waiting = 0  # connections in the queue
        self._answered = 0
        self._progress = (0, time.monotonic())  # answered count and when it was last seen to change
        super().__init__(*args, **kwargs)

    def serve_forever(self, poll_interval: float = 0.1) -> None:
        """As socketserver's, waking often enough to notice stalled threads (service_actions)."""
        super().serve_forever(min(poll_interval, self.stall_interval))

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._waiting += 1
            start = self._running < self.workers
            if start:
                self._running += 1
        self._connections.put((request, client_address))
        if start:
            self._start_thread()

    def service_actions(self) -> None:
        """Called by serve_forever between connections: one more thread if the others are stuck."""
        now = time.monotonic()
        with self._lock:
            if not self._waiting or self._answered != self._progress[0]:
                self._progress = (self._answered, now)
                return
            if now - self._progress[1] < self.stall_interval:
                return
            self._progress = (self._answered, now)
            self._running += 1
        self._start_thread()

    def _start_thread(self) -> None:
        """Start a thread already counted in ``_running``."""
        try:
            threading.Thread(target=self._answer_connections, daemon=True).start()
        except RuntimeError:  # no more threads to be had: the running ones take the queue in turn
            with self._lock:
                self._running -= 1

    def _answer_connections(self) -> None:
        while True:
            try:
                job = self._connections.get(timeout=self.idle_timeout)
            except queue.Empty:
                with self._lock:
                    if self._waiting:
                        continue
                    self._running -= 1
                    return
            if job is None:  # server_close
                with self._lock:
                    self._running -= 1
                return
            with self._lock:
                self._waiting -= 1
            self.process_request_thread(*job)  # answers, reports errors (handle_error), closes
            with self._lock:
                self._answered += 1
                if self._running > self.workers:  # an extra thread, started for stalled ones
                    self._running -= 1
                    return

    def server_close(self) -> None:
        super().server_close()
        with self._lock:
            running = self._running
        for _ in range(running):
            self._connections.put(None)

    def handle_error(self, request: object, client_address: object) -> None:
        """One line, never a traceback; nothing for a client that hung up or stalled."""
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, OSError):
            print(f"serve.py：处理请求时出错（{type(error).__name__}: {error}）", file=sys.stderr, flush=True)


def make_server(
    root: Path, host: str = "127.0.0.1", port: int = 8000, handler: type[SiteHandler] | None = None
) -> SiteServer:
    """A threaded server for ``root``; port 0 picks a free port."""
    return SiteServer((host, port), functools.partial(handler or SiteHandler, directory=str(root)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="在本机 127.0.0.1 上提供已构建的站点（site/）。")
    # Copied into the built site as serve.py: there, the folder it sits in is the site.
    here = Path(__file__).resolve().parent
    default_root = here if (here / "index.html").is_file() else Path("site")
    parser.add_argument("root", nargs="?", default=default_root, help="站点目录，默认 site（或 serve.py 所在的文件夹）")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not (root / "index.html").is_file():
        print(f"错误：{root}/index.html 不存在，请先运行 make build", file=sys.stderr)
        return 2
    with make_server(root, args.host, args.port) as server:
        print(f"站点已启动：http://{args.host}:{server.server_address[1]}/ （按 Ctrl+C 停止）", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
