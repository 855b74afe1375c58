"""tools/serve.py and nginx as child processes on 127.0.0.1, for the hosting tests and tools/bench_serve.py.

nginx is Debian's, given deploy/nginx.conf with only ``listen`` and ``root`` replaced, inside an
http {} like Debian's /etc/nginx/nginx.conf, in a prefix folder of its own (its logs in logs/).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")
DEPLOY = ROOT / "deploy" / "nginx.conf"
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def deploy_conf(port: int, site: Path, brotli_module: bool) -> str:
    """deploy/nginx.conf with listen and root replaced (and brotli_static left out without its module)."""
    text = DEPLOY.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s[^;]*;", lambda m: f"{m[1]}listen {HOST}:{port};", text, flags=re.M)
    text, roots = re.subn(r"^(\s*)root\s[^;]*;", lambda m: f"{m[1]}root {site};", text, flags=re.M)
    if (listens, roots) != (1, 1):
        raise ValueError("deploy/nginx.conf should have one listen and one root line")
    if not brotli_module:
        text, count = re.subn(r"^(\s*)(brotli_static\s)", r"\1# \2", text, flags=re.M)
        if count != 1:
            raise ValueError("deploy/nginx.conf should have one brotli_static line")
    return text


def main_conf(prefix: Path, brotli_module: bool, log_format: str | None = None) -> str:
    """The http {} around ``prefix``/site.conf; an access log in ``log_format`` when one is given."""
    temp = prefix / "temp"
    logs = prefix / "logs"
    lines = [
        f"load_module {BROTLI_MODULE};" if brotli_module else "",
        "user root;" if os.geteuid() == 0 else "",  # workers must read a temporary folder (mode 0700)
        "worker_processes 1;",
        f"pid {prefix}/nginx.pid;",
        f"error_log {logs}/error.log warn;",
        "events { worker_connections 1024; }",
        "http {",
        f"    include {MIME_TYPES};",
        "    default_type application/octet-stream;",
        *([f"    log_format custom {log_format};", f"    access_log {logs}/access.log custom;"] if log_format else []),
        *([] if log_format else [f"    access_log {logs}/access.log;"]),
        *(f"    {kind}_temp_path {temp}/{kind};" for kind in TEMP_PATHS),
        f"    include {prefix}/site.conf;",
        "}",
    ]
    return "\n".join(lines) + "\n"


def nginx_command(prefix: Path, site: Path, port: int, log_format: str | None = None) -> list[str]:
    """Writes the configuration into ``prefix``; the command that runs nginx on it in the foreground."""
    brotli_module = BROTLI_MODULE.exists()
    for folder in ("logs", "temp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    (prefix / "site.conf").write_text(deploy_conf(port, site, brotli_module), encoding="utf-8")
    (prefix / "nginx.conf").write_text(main_conf(prefix, brotli_module, log_format), encoding="utf-8")
    return [NGINX, "-c", str(prefix / "nginx.conf"), "-p", str(prefix), "-e", str(prefix / "logs" / "error.log")]


def start_nginx(command: list[str], port: int, error_log: Path) -> subprocess.Popen[bytes]:
    """nginx in the foreground (``daemon off``), once it listens on ``port``."""
    process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = error_log.read_text(errors="replace") if error_log.exists() else ""
            raise RuntimeError(f"nginx exited with {process.returncode}:\n{log}")
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return process
        time.sleep(0.05)
    stop(process)
    raise RuntimeError(f"nginx did not listen on {HOST}:{port} within 15 s")


def start_serve_py(site: Path, log: Path) -> tuple[subprocess.Popen[str], int]:
    """``python3 serve.py <site> --port 0`` as a person runs it (its log in ``log``), and its port."""
    command = [sys.executable, str(ROOT / "tools" / "serve.py"), str(site), "--host", HOST, "--port", "0"]
    with log.open("w") as stderr:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, text=True, env={**os.environ, "SERVE_QUIET": "0"}
        )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not found:
        stop(process)
        raise RuntimeError(f"serve.py did not start: {line!r}; see {log}")
    return process, int(found[1])


def stop(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()
