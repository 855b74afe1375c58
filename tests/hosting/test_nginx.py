"""deploy/nginx.conf in a real nginx (Debian's package), started by the test on 127.0.0.1.

The site is built for the nginx port (its ``site_url``, so Material's instant navigation works),
``deploy/nginx.conf`` is copied with only its ``listen`` and ``root`` lines replaced, and nginx
runs in the foreground as a child of the test (``daemon off``) with its pid, logs and temp
files in a temporary folder. Without the brotli module (libnginx-mod-http-brotli-static) only
the br checks are skipped; without nginx the tests fail: ``make test`` installs it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
import pytest
from browser_support import build_manifest, build_site, http_get, open_guarded_page, runtime_path

import sitebuild.csp as csp
from tools.local_servers import BROTLI_MODULE, DEPLOY, NGINX, free_port, nginx_command, start_nginx, stop

IMMUTABLE = "public, max-age=31536000, immutable"
# The site's header policy (sitebuild/csp.py); deploy/nginx.conf adds the hashes of the inline scripts.
POLICY = csp.render(csp.HEADER_POLICY, [])
NO_BROTLI = f"no brotli module ({BROTLI_MODULE} missing: apt-get install libnginx-mod-http-brotli-static)"
# What the page reports: CSP violations of the page itself (console errors are checked as well).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
EXIT_ANSWER = "form[data-tool='exit'] [data-field='exit_date'] time[datetime='2026-05-30']"


@dataclass
class Nginx:
    url: str
    port: int
    site: Path
    brotli: bool
    access_log: Path


# nginx's access log as this test reads it: method, path, status, encoding, body bytes, accepted
LOG_FORMAT = "'$request_method $uri $status $sent_http_content_encoding $body_bytes_sent \"$http_accept_encoding\"'"


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    if not Path(NGINX).exists():
        pytest.fail(
            "nginx is not installed: run `make test` (its .stamps/system target installs it) or "
            "apt-get install nginx libnginx-mod-http-brotli-static"
        )
    brotli_module = BROTLI_MODULE.exists()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = tmp_path_factory.mktemp("nginx-site")
    build_site(site, site_url=url)
    assert (site / "sw.js").exists()  # the build's service worker, whose no-cache rule is checked below
    prefix = tmp_path_factory.mktemp("nginx")
    command = nginx_command(prefix, site, port, LOG_FORMAT)
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30, check=False)
    assert checked.returncode == 0, f"nginx -t rejected the configuration:\n{checked.stderr}"
    process = start_nginx(command, port, prefix / "logs" / "error.log")
    try:
        yield Nginx(url, port, site, brotli_module, prefix / "logs" / "access.log")
    finally:
        stop(process)


def fetch(
    server: Nginx, path: str, encoding: str | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    return http_get(server.port, path, encoding, method)


def media_type(headers: dict[str, str]) -> str:
    return headers["content-type"].split(";")[0].strip()


# The wasm is shipped in parts (sitebuild/runtime.py); the worker gives the joined bytes their wasm type.
WASM_PART = "pyodide.asm.wasm.0.part"


def runtime_file(server: Nginx, name: str) -> str:
    return "/" + runtime_path(server.site, name)


def deploy_policy() -> str:
    (policy,) = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', DEPLOY.read_text("utf-8"))
    return policy


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def inline_script_hashes(site: Path) -> set[str]:
    """'sha256-…' of every inline script a browser runs, in every built page."""
    found = set()
    for page in site.rglob("*.html"):
        for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", page.read_text("utf-8"), re.S | re.I):
            data = "application/json" in attributes or "application/ld+json" in attributes
            if "src=" in attributes or data or not body.strip():
                continue
            found.add(f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'")
    return found


class TestCompression:
    def test_wasm_is_sent_as_brotli(self, nginx: Nginx) -> None:
        if not nginx.brotli:
            pytest.skip(NO_BROTLI)
        path = runtime_file(nginx, WASM_PART)
        status, headers, body = fetch(nginx, path, "br")
        assert status == 200
        assert headers.get("content-encoding") == "br"
        assert media_type(headers) == "application/octet-stream"
        assert "Accept-Encoding" in headers.get("vary", "")
        assert body == (nginx.site / f"{path[1:]}.br").read_bytes()
        assert brotli.decompress(body) == (nginx.site / path[1:]).read_bytes()

    @pytest.mark.parametrize("accept", ["gzip", "gzip, deflate"])
    def test_wasm_is_sent_as_gzip(self, nginx: Nginx, accept: str) -> None:
        path = runtime_file(nginx, WASM_PART)
        status, headers, body = fetch(nginx, path, accept)
        assert status == 200
        assert headers.get("content-encoding") == "gzip"
        assert media_type(headers) == "application/octet-stream"
        assert "Accept-Encoding" in headers.get("vary", "")
        assert gzip.decompress(body) == (nginx.site / path[1:]).read_bytes()

    def test_without_accept_encoding_the_original_bytes(self, nginx: Nginx) -> None:
        path = runtime_file(nginx, WASM_PART)
        status, headers, body = fetch(nginx, path)
        assert status == 200
        assert "content-encoding" not in headers
        assert media_type(headers) == "application/octet-stream"
        assert body == (nginx.site / path[1:]).read_bytes()

    def test_head_answers_like_get_without_a_body(self, nginx: Nginx) -> None:
        path = runtime_file(nginx, WASM_PART)
        status, headers, body = fetch(nginx, path, "gzip", method="HEAD")
        assert (status, body) == (200, b"")
        assert headers.get("content-encoding") == "gzip"
        assert int(headers["content-length"]) == (nginx.site / f"{path[1:]}.gz").stat().st_size

    def test_pages_and_search_index_are_sent_compressed(self, nginx: Nginx) -> None:
        best = "br" if nginx.brotli else "gzip"
        for path in ("/", "/calculator/", "/search/search_index.json", runtime_file(nginx, "worker.mjs")):
            status, headers, _ = fetch(nginx, path, "gzip, deflate, br")
            assert (status, headers.get("content-encoding")) == (200, best), path


class TestTypesAndCaching:
    @pytest.mark.parametrize("accept", [None, "gzip", "br"])
    def test_module_scripts_are_javascript(self, nginx: Nginx, accept: str | None) -> None:
        paths = [
            runtime_file(nginx, name)
            for name in ("worker.mjs", "snapshot-format.mjs", "pyodide.mjs", "pyodide.asm.mjs")
        ]
        for path in paths:
            status, headers, _ = fetch(nginx, path, accept)
            assert status == 200, path
            assert media_type(headers) == "text/javascript", path

    @pytest.mark.parametrize("accept", [None, "gzip", "br"])
    def test_web_app_manifest_has_its_type(self, nginx: Nginx, accept: str | None) -> None:
        status, headers, _ = fetch(nginx, "/manifest.webmanifest", accept)
        assert status == 200
        assert media_type(headers) == "application/manifest+json"

    def test_versioned_files_are_cached_for_good(self, nginx: Nginx) -> None:
        versioned = [nginx.site / path for path in build_manifest(nginx.site)["runtime"]]
        assert len(versioned) >= 7  # the five runtime files and two wheels
        for pattern in (
            "assets/javascripts/bundle.*.min.js",
            "assets/javascripts/workers/search.*.min.js",
            "assets/stylesheets/main.*.min.css",
            "assets/stylesheets/palette.*.min.css",
        ):
            (hashed,) = nginx.site.glob(pattern)
            versioned.append(hashed)
        for file in versioned:
            path = "/" + file.relative_to(nginx.site).as_posix()
            status, headers, _ = fetch(nginx, path, "gzip")
            assert (status, headers.get("cache-control")) == (200, IMMUTABLE), path

    @pytest.mark.parametrize(
        "path",
        [
            "/",
            "/calculator/",
            "/calculator/index.html",
            "/sw.js",
            "/assets/calculator/calculator.js",
            "/search/search_index.json",
            "/assets/javascripts/lunr/min/lunr.zh.min.js",  # not hashed
        ],
    )
    def test_other_files_are_revalidated(self, nginx: Nginx, path: str) -> None:
        status, headers, _ = fetch(nginx, path, "gzip")
        assert (status, headers.get("cache-control")) == (200, "no-cache")

    @pytest.mark.parametrize(
        ("raw", "code", "words"),
        [
            (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 405, "不支持的请求方法"),
            (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "地址太长"),
            (b"GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400, "请求无效"),
        ],
        ids=["405", "414", "400"],
    )
    def test_nginx_own_errors_are_chinese(self, nginx: Nginx, raw: bytes, code: int, words: str) -> None:
        with socket.create_connection(("127.0.0.1", nginx.port), timeout=10) as connection:
            connection.sendall(raw)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.split(b"\r\n")[0].split()[1] == str(code).encode()
        assert words in body.decode("utf-8") and "返回首页" in body.decode("utf-8")

    def test_missing_page_gets_the_sites_404_page(self, nginx: Nginx) -> None:
        for path in ("/no-such-page/", "/runtime/pyodide-0.0.0/pyodide.asm.wasm", "/assets/calculator/gone.mjs"):
            status, headers, body = fetch(nginx, path)
            assert status == 404, path
            assert media_type(headers) == "text/html"
            assert headers.get("cache-control") == "no-cache"
            assert body == (nginx.site / "404.html").read_bytes(), path
            assert "content-security-policy" in headers

    def test_folder_without_slash_redirects_relatively(self, nginx: Nginx) -> None:
        status, headers, _ = fetch(nginx, "/calculator")
        assert (status, headers.get("location")) == (301, "/calculator/")


class TestContentSecurityPolicy:
    def test_deploy_policy_is_the_agreed_one_plus_script_hashes(self) -> None:
        policy = directives(deploy_policy())
        hashes = [value for value in policy["script-src"] if value.startswith("'sha256-")]
        policy["script-src"] = [value for value in policy["script-src"] if value not in hashes]
        assert policy == directives(POLICY)

    def test_script_hashes_match_the_built_pages(self, nginx: Nginx) -> None:
        pages = inline_script_hashes(nginx.site)
        listed = {value for value in directives(deploy_policy())["script-src"] if value.startswith("'sha256-")}
        wanted = " ".join(["script-src 'self' 'wasm-unsafe-eval'", *sorted(pages)])
        assert listed == pages, f"update deploy/nginx.conf's Content-Security-Policy to: {wanted}"

    @pytest.mark.parametrize("accept", [None, "gzip"])
    def test_every_response_carries_it(self, nginx: Nginx, accept: str | None) -> None:
        for path in ("/", "/calculator/", runtime_file(nginx, "worker.mjs"), runtime_file(nginx, WASM_PART)):
            status, headers, _ = fetch(nginx, path, accept)
            assert status == 200
            assert headers.get("content-security-policy") == deploy_policy(), path
            assert headers.get("x-content-type-options") == "nosniff", path
            assert headers.get("x-frame-options") == "SAMEORIGIN", path


class TestInTheBrowser:
    def test_calculator_answers_a_share_link(self, browser: Any, nginx: Nginx) -> None:
        context, guard = open_guarded_page(browser)
        page = guard.page
        page.add_init_script(RECORD_VIOLATIONS)
        start = nginx.access_log.stat().st_size
        try:
            page.goto(f"{nginx.url}calculator/?tool=exit&applied=2026-05-15#exit")
            page.wait_for_selector("[data-calculator][data-state='ready']", timeout=60_000)
            page.wait_for_selector(EXIT_ANSWER, timeout=60_000)
            assert page.evaluate("window.__cspViolations") == []
            guard.assert_clean()
            assert guard.requests and all(url.startswith(nginx.url) for url in guard.requests)
        finally:
            context.close()
        # nginx's own log: the worker fetched the wasm, compressed
        with nginx.access_log.open(encoding="utf-8") as log:
            log.seek(start)
            wasm = [line.split() for line in log if f"{WASM_PART} " in line]
        assert wasm, "the page did not fetch the wasm through nginx"
        _method, _uri, status, encoding, sent, *_accept = wasm[-1]
        assert status == "200" and encoding in ("br", "gzip"), wasm[-1]
        assert int(sent) < (nginx.site / _uri[1:]).stat().st_size / 2

    @pytest.mark.parametrize("path", ["", "exit/", "no-such-page/"])
    def test_pages_run_under_the_policy(self, browser: Any, nginx: Nginx, path: str) -> None:
        context, guard = open_guarded_page(browser)
        page = guard.page
        page.add_init_script(RECORD_VIOLATIONS)
        try:
            page.goto(nginx.url + path, wait_until="networkidle")
            assert page.evaluate("typeof __md_get") == "function"  # Material's inline script ran
            assert page.evaluate("window.__cspViolations") == []
            assert guard.external_requests() == []
            expected_errors = ["status of 404"] if path == "no-such-page/" else []
            assert [e for e in guard.errors if not any(x in e for x in expected_errors)] == []
        finally:
            context.close()

    def test_search_and_instant_navigation(self, browser: Any, nginx: Nginx) -> None:
        context, guard = open_guarded_page(browser)
        page = guard.page
        page.add_init_script(RECORD_VIOLATIONS)
        try:
            page.goto(nginx.url, wait_until="load")
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("退出")
            box.press("End")  # Material's search runs on keyup
            page.wait_for_selector("li.md-search-result__item", timeout=10_000)
            page.keyboard.press("Escape")
            # a link followed by instant navigation: no full page load
            page.evaluate("window.__sameDocument = true")
            page.locator("nav.md-tabs").get_by_role("link", name="期限怎么算").click()
            page.wait_for_url(f"{nginx.url}deadlines/")
            page.wait_for_function("() => document.title.includes('期限怎么算')")
            assert page.evaluate("window.__sameDocument") is True
            assert page.evaluate("window.__cspViolations") == []
            guard.assert_clean()
        finally:
            context.close()
