"""Benchmark: tools/serve.py against real nginx serving the same folder on 127.0.0.1.

    .venv/bin/python tools/bench_serve.py [--site site] [--requests 2000] [--clients 20] [--rounds 5]

Serves the folder (the built site when ``--site`` has an index.html, else a small generated one)
with tools/serve.py (a child process, as ``python3 serve.py`` runs) and with nginx (Debian's,
deploy/nginx.conf with only ``listen`` and ``root`` replaced, one worker process, started and
stopped by this script in a temporary prefix). Each gets a few warm-up requests, then the same
requests from the same client: ``--clients`` threads, each opening one connection per request
(``Connection: close``, ``Accept-Encoding: gzip`` as a browser on http:// sends), round-robin
over up to 40 of the folder's files under 256 KiB (its pages first). The requests go in ``--rounds`` slices, the
two servers taking turns, so that a busy spell of the (shared) machine hits both alike. Both
servers write an access log to a temporary file. A request is an error unless it answers 200
with as many body bytes as the file (or its .gz copy) has on disk. Prints requests, errors,
p50, p99 and max latency in ms and requests per second. Only 127.0.0.1; bounded by the request
count and a deadline per round. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitebuild.compress import compress_file  # noqa: E402
from tools.local_servers import HOST, NGINX, free_port, nginx_command, start_nginx, start_serve_py, stop  # noqa: E402

MAX_SIZE = 256 * 1024
MAX_PATHS = 40
WARM_UP = 40
DEADLINE_S = 120  # per round and server
REQUEST_TIMEOUT_S = 10


@dataclass
class Result:
    name: str
    requests: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0


def sample_site(folder: Path) -> Path:
    """A small stand-in for the site: pages, scripts and styles, the larger ones with .br/.gz."""
    files = {
        "index.html": ("<!doctype html><title>首页</title>" + "<p>退出日与重新加入</p>" * 400).encode(),
        "calculator/index.html": ("<!doctype html><title>计算器</title>" + "<p>计算</p>" * 900).encode(),
        "404.html": b"<!doctype html><title>404</title><p>404</p>",
        "assets/app.js": b"export const answer = 42;\n" * 2000,
        "assets/site.css": b"body { margin: 0 }\n" * 1500,
        "assets/logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>\n',
        "runtime/pyodide.asm.wasm": b"\x00asm\x01\x00\x00\x00" + bytes(range(256)) * 200,
        "search/search_index.json": b'{"docs": []}\n' * 300,
    }
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        compress_file(path, data)
    return folder


def choose_paths(site: Path) -> list[tuple[str, int]]:
    """Up to MAX_PATHS URL paths (every page, then other files evenly) and the body size a
    gzip-accepting client should get for each."""
    files = sorted(
        p
        for p in site.rglob("*")
        if p.is_file() and p.suffix not in (".br", ".gz") and p.stat().st_size <= MAX_SIZE and p.name != "404.html"
    )
    pages = [p for p in files if p.name == "index.html"][:MAX_PATHS]
    others = [p for p in files if p.name != "index.html"]
    room = MAX_PATHS - len(pages)
    chosen = pages + (others[:: max(1, len(others) // room)][:room] if room > 0 else [])
    paths = []
    for file in chosen:
        gz = file.with_name(file.name + ".gz")
        size = (gz if gz.is_file() else file).stat().st_size
        url = "/" + file.relative_to(site).as_posix()
        paths.append((url[: -len("index.html")] if url.endswith("/index.html") else url, size))
    return paths


def fetch(port: int, path: str) -> tuple[float, int, int, int]:
    """One GET on a new connection: (ms, status, Content-Length, body bytes received)."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"
    ).encode()
    start = time.perf_counter()
    chunks = []
    with socket.create_connection((HOST, port), timeout=REQUEST_TIMEOUT_S) as connection:
        connection.sendall(request)
        while data := connection.recv(262144):
            chunks.append(data)
    elapsed = (time.perf_counter() - start) * 1000
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status = int(head.split(None, 2)[1]) if head.startswith(b"HTTP/") else 0
    length = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", head)
    return elapsed, status, int(length[1]) if length else -1, len(body)


def warm_up(port: int, paths: list[tuple[str, int]]) -> None:
    for index in range(WARM_UP):
        fetch(port, paths[index % len(paths)][0])


def load(result: Result, port: int, paths: list[tuple[str, int]], requests: int, clients: int) -> None:
    """``requests`` requests from ``clients`` threads; latencies and errors added to ``result``."""
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + DEADLINE_S

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                index = next(counter, None)
            if index is None:
                return
            path, size = paths[index % len(paths)]
            try:
                elapsed, status, length, received = fetch(port, path)
            except OSError as error:
                with lock:
                    result.requests += 1
                    result.errors.append(f"{path}: {error!r}")
                continue
            with lock:
                result.requests += 1
                result.latencies_ms.append(elapsed)
                if (status, length, received) != (200, size, size):
                    result.errors.append(f"{path}: {status}, Content-Length {length}, {received} of {size} bytes")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed_s += time.perf_counter() - start


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def report(results: list[Result]) -> None:
    print(f"{'server':<10} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'req/s':>8}")
    for r in results:
        done = r.requests
        rate = done / r.elapsed_s if r.elapsed_s else float("nan")
        print(
            f"{r.name:<10} {done:>8} {len(r.errors):>6} {percentile(r.latencies_ms, 0.5):>8.2f} "
            f"{percentile(r.latencies_ms, 0.99):>8.2f} {max(r.latencies_ms, default=float('nan')):>8.2f} {rate:>8.0f}"
        )
        for error in r.errors[:5]:
            print(f"  {r.name} error: {error}")
    serve, nginx = results
    ratio = percentile(serve.latencies_ms, 0.99) / percentile(nginx.latencies_ms, 0.99)
    print(f"serve.py p99 / nginx p99: {ratio:.2f}×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--requests", type=int, default=2000, choices=range(1, 20001), metavar="N (≤ 20000)")
    parser.add_argument("--clients", type=int, default=20, choices=range(1, 101), metavar="N (≤ 100)")
    parser.add_argument("--rounds", type=int, default=5, choices=range(1, 101), metavar="N (≤ 100)")
    args = parser.parse_args(argv)
    if not Path(NGINX).exists():
        print("nginx is not installed: apt-get install nginx libnginx-mod-http-brotli-static", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as temp:
        work = Path(temp)
        site = args.site.resolve()
        if not (site / "index.html").is_file():
            print(f"{site} has no index.html (run make build): using a small generated folder")
            site = sample_site(work / "site")
        paths = choose_paths(site)
        print(
            f"folder {site}: {len(paths)} paths ({sum(s for _, s in paths) // len(paths)} bytes on average); "
            f"{args.requests} requests to each server from {args.clients} concurrent clients, one connection "
            f"per request, in {args.rounds} rounds taking turns (a busy spell of the machine hits both)"
        )
        serve, serve_port = start_serve_py(site, work / "serve.log")
        try:
            nginx_port = free_port()
            prefix = work / "nginx"
            nginx = start_nginx(nginx_command(prefix, site, nginx_port), nginx_port, prefix / "logs" / "error.log")
            try:
                results = [Result("serve.py"), Result("nginx")]
                for port in (serve_port, nginx_port):
                    warm_up(port, paths)
                for index in range(args.rounds):
                    count = args.requests // args.rounds + (index < args.requests % args.rounds)
                    for result, port in zip(results, (serve_port, nginx_port), strict=True):
                        load(result, port, paths, count, args.clients)
            finally:
                stop(nginx)
        finally:
            stop(serve)
        report(results)
        if "Traceback" in (work / "serve.log").read_text(encoding="utf-8", errors="replace"):
            print("serve.py wrote a traceback to its log")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
