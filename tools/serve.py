"""Serve the built site on 127.0.0.1 for people without a web server.

    python tools/serve.py site --port 8000

Correct MIME types for the runtime (.wasm, .mjs), the precompressed .br/.gz files the build
writes beside large files (chosen by the browser's Accept-Encoding), and no caching of
HTML so a rebuilt site shows at once. Standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import http.server
import os
import re
import sys
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

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
    r"^/runtime/|/assets/(?:javascripts|stylesheets)/(?:workers/)?\w+\.[0-9a-f]{8}\.min\.(?:js|css)$"
)
WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'"
ENCODINGS = ((".br", "br"), (".gz", "gzip"))


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


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the right types and precompressed variants."""

    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if os.path.isdir(path):  # a page's folder: its index.html, compressed too
            index = os.path.join(path, "index.html")
            if not urlsplit(self.path).path.endswith("/") or not os.path.isfile(index):
                return super().send_head()
            path = index
        # A copy is served only beside its original: without the original the answer is 404.
        if not os.path.isfile(path):
            return super().send_head()
        accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
        for suffix, encoding in ENCODINGS:
            if encoding in accepted and os.path.isfile(path + suffix):
                return self._send_file(path, path + suffix, encoding)
        return super().send_head()

    def _send_file(self, path: str, stored: str, encoding: str):  # type: ignore[no-untyped-def]
        modified = os.stat(path).st_mtime
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
                if int(modified) <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return None
        handle = open(stored, "rb")  # noqa: SIM115 - closed by the base class after copying
        size = os.fstat(handle.fileno()).st_size
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(size))
        self.send_header("Last-Modified", self.date_time_string(int(modified)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return handle

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        if IMMUTABLE.search(path):
            # as deploy/nginx.conf: these names carry a version or a content hash
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:  # everything else may change with the next build: revalidate (Last-Modified)
            self.send_header("Cache-Control", "no-cache")
        if path.endswith((".js", ".mjs")):
            # A worker takes its policy from its own script's response (pages carry theirs in a
            # <meta>): the calculator's worker may compile WebAssembly and nothing else.
            self.send_header("Content-Security-Policy", WORKER_CSP)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if os.environ.get("SERVE_QUIET") != "1":
            super().log_message(format, *args)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser that hung up early
            super().handle_error(request, client_address)  # type: ignore[arg-type]


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
