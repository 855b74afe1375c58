"""tools/serve.py under load: 2,000 requests from 20 concurrent clients, every one answered in full.

serve.py runs as a person runs it (a child process) on a small folder of files of several
sizes, some with .br/.gz copies. Each client opens one connection per request, as the server
closes it after each answer. Nothing here is timed: only that no request fails or comes back
short, and that the server's log has no traceback. tools/bench_serve.py measures the latency.
"""

from __future__ import annotations

import gzip
import http.client
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import serve_py_process

from sitebuild.compress import compress_file

REQUESTS = 2000
CLIENTS = 20
FILES = {
    "index.html": ("<!doctype html><title>首页</title>" + "<p>退出日</p>" * 400).encode(),
    "calculator/index.html": ("<!doctype html><title>计算器</title>" + "<p>计算</p>" * 900).encode(),
    "assets/app.js": b"export const answer = 42;\n" * 2000,
    "assets/empty.txt": b"",
    "assets/one.txt": b"1",
    "images/noise.bin": bytes((i * 7919) % 251 for i in range(200_000)),
    "runtime/pyodide.asm.wasm": b"\x00asm\x01\x00\x00\x00" + bytes(range(256)) * 600,
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    root = tmp_path_factory.mktemp("load-site")
    for name, data in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        compress_file(path, data)
    log = tmp_path_factory.mktemp("load-log") / "stderr.txt"
    with serve_py_process(root, log) as port:
        yield port, log


def test_2000_requests_from_20_clients_all_answered_in_full(server: tuple[int, Path]) -> None:
    port, log = server
    # (URL path, Accept-Encoding, file): pages by folder, plain and gzip-accepting clients
    targets = [
        ("/" + name.removesuffix("index.html"), accept, name) for name in FILES for accept in ("identity", "gzip")
    ]
    counter = iter(range(REQUESTS))
    lock = threading.Lock()
    answered: list[int] = []
    errors: list[str] = []

    def client() -> None:
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                return
            path, accept, name = targets[index % len(targets)]
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", path, headers={"Accept-Encoding": accept})
                response = connection.getresponse()
                body = response.read()
                length = int(response.getheader("Content-Length", "-1"))
                coding = response.getheader("Content-Encoding", "")
                ok = response.status == 200 and length == len(body)
                ok = ok and (gzip.decompress(body) if coding == "gzip" else body) == FILES[name]
                with lock:
                    answered.append(index)
                    if not ok:
                        errors.append(f"{path} ({accept}): {response.status}, {length}, {len(body)} bytes, {coding}")
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(f"{path} ({accept}): {error!r}")
            finally:
                connection.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "clients still running after 5 minutes"
    assert errors == [], f"{len(errors)} of {REQUESTS} failed, first: {errors[:5]}"
    assert sorted(answered) == list(range(REQUESTS))
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text and "处理请求时出错" not in text
    assert len(re.findall(r'"GET [^"]*" 200 ', text)) == REQUESTS
