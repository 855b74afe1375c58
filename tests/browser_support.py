"""Shared fixtures for tests that look at the built site: build, serve, browse.

Plain module; tests/conftest.py imports its fixtures for every test directory.

- ``built_site``: the site built once per session with ``mkdocs build --strict`` (in a
  subprocess, so jieba's import-time warnings stay out of the test process).
- ``site_url``: the built site served by ``tools/serve.py`` (MIME types, precompressed files)
  on a free port of 127.0.0.1, the port also being the build's ``site_url``.
- ``browser``: Debian's headless Chromium, with every host name except 127.0.0.1 unresolvable.
- ``guarded_page``: a fresh page that records every request and console error; a test calls
  ``guarded_page.assert_clean()``, and the fixture checks again when the test ends.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tools.chromium import CHROMIUM, CHROMIUM_ARGS
from tools.local_servers import start_serve_py, stop
from tools.serve import SiteServer, make_server

ROOT = Path(__file__).resolve().parents[1]
LOCAL_HOST = "127.0.0.1"
# URL schemes that never reach the network
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-error", "file"}


def mkdocs_build(
    dest: Path, config_file: Path = ROOT / "mkdocs.yml", cwd: Path = ROOT, site_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in a subprocess (jieba's import warnings stay out of pytest)."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    if site_url:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(dest)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def build_site(dest: Path, site_url: str | None = None) -> None:
    """Build the site into ``dest``; fail with mkdocs' own messages if it does not build."""
    result = mkdocs_build(dest, site_url=site_url)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed ({result.returncode}):\n{result.stderr}")


def http_get(
    port: int, path: str, encoding: str | None = None, method: str = "GET", timeout: float = 30
) -> tuple[int, dict[str, str], bytes]:
    """One plain HTTP request to 127.0.0.1: status, lower-cased headers, body (never decoded)."""
    connection = http.client.HTTPConnection(LOCAL_HOST, port, timeout=timeout)
    try:
        connection.request(method, path, headers={"Accept-Encoding": encoding} if encoding is not None else {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def copy_project(dest: Path) -> Path:
    """The site's sources (docs, hooks, templates, configs) copied into ``dest``, the rest linked."""
    for entry in ROOT.iterdir():
        if entry.name in ("docs", "hooks", "overrides"):
            shutil.copytree(entry, dest / entry.name)
        elif entry.name in ("mkdocs.yml", "mkdocs.offline.yml"):
            shutil.copy(entry, dest / entry.name)
        elif entry.name not in (".git", "site", "site-offline"):
            (dest / entry.name).symlink_to(entry)
    return dest


def build_manifest(site: Path) -> dict[str, Any]:
    """What the post-build made (sitebuild/build.py): the runtime's files and parts, versions."""
    record: dict[str, Any] = json.loads((site / "build-manifest.json").read_text(encoding="utf-8"))
    return record


def runtime_path(site: Path, name: str) -> str:
    """The one runtime file named ``name`` (worker.mjs, pyodide.mjs, …), as a path in the site."""
    (found,) = [path for path in build_manifest(site)["runtime"] if path.rsplit("/", 1)[-1] == name]
    return str(found)


def parts_of(site: Path, name: str) -> list[Path]:
    """The parts a big runtime file is shipped in (``<name>.<n>.part``), in order."""
    parts = build_manifest(site)["parts"]
    (whole,) = [path for path in parts if path.rsplit("/", 1)[-1] == name]
    return [site / part for part in parts[whole]]


def whole_file(site: Path, name: str) -> bytes:
    """A big runtime file joined from its parts, as the worker joins them."""
    return b"".join(path.read_bytes() for path in parts_of(site, name))


@contextlib.contextmanager
def serve_py_process(root: Path, log: Path) -> Iterator[int]:
    """``tools/serve.py`` on ``root`` as a child process (its log in ``log``); yields its port."""
    process, port = start_serve_py(root, log)
    try:
        yield port
    finally:
        stop(process)


def serve_in_thread(server: SiteServer) -> Iterator[str]:
    """Run a server built by tools.serve.make_server until the caller is done; yields its URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class SharedSite:
    """The site built once for a whole test run and served on one port, in the process that
    owns the run: with pytest-xdist, the controller, for every worker (one ``site_url``:
    Material's instant navigation follows only the links of the address the site was built for).

    It is built when a test first asks for it (a worker writes ``wanted`` in its folder), so a
    run of tests that never look at the site builds nothing. ``done`` holds "" once it is
    built, or the build's error.
    """

    def __init__(self) -> None:
        os.environ["SERVE_QUIET"] = "1"
        self.folder = Path(tempfile.mkdtemp(prefix="shared-site-"))
        self.root = self.folder / "site"
        self.root.mkdir()
        self.server = make_server(self.root, port=0)
        self.url = f"http://{LOCAL_HOST}:{self.server.server_address[1]}/"
        self._threads = [
            threading.Thread(target=self.server.serve_forever, daemon=True),
            threading.Thread(target=self._build_when_wanted, daemon=True),
        ]
        self._stopping = threading.Event()
        for thread in self._threads:
            thread.start()

    def _build_when_wanted(self) -> None:
        while not (self.folder / "wanted").exists():
            if self._stopping.wait(0.2):
                return
        try:
            build_site(self.root, site_url=self.url)
            error = ""
        except AssertionError as failure:
            error = str(failure) or "mkdocs build failed"
        partial = self.folder / "done.tmp"
        partial.write_text(error, encoding="utf-8")
        partial.replace(self.folder / "done")

    def describe(self) -> str:
        return json.dumps({"folder": str(self.folder), "url": self.url})

    def stop(self) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()
        shutil.rmtree(self.folder, ignore_errors=True)


def wait_for_shared_site(described: str, timeout: float = 900) -> tuple[Path, str]:
    """Ask the run's shared site to be built, and wait for it (a worker's side of SharedSite)."""
    shared = json.loads(described)
    folder = Path(shared["folder"])
    (folder / "wanted").touch()
    deadline = time.monotonic() + timeout
    while not (folder / "done").exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the shared site was not built within {timeout:.0f} s")
        time.sleep(0.2)
    error = (folder / "done").read_text(encoding="utf-8")
    if error:
        pytest.fail(error)
    return folder / "site", str(shared["url"])


@pytest.fixture(scope="session")
def site_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The site built once per run and served by tools/serve.py on a free port.

    Under pytest-xdist the controller builds and serves it for every worker (SharedSite);
    alone, this process does. The port is taken before the build, because the build writes it
    into ``site_url``.
    """
    described = getattr(request.config, "workerinput", {}).get("shared_site")
    if described:
        yield wait_for_shared_site(described)
        return
    os.environ["SERVE_QUIET"] = "1"
    dest = tmp_path_factory.mktemp("site")
    server = make_server(dest, port=0)
    url = f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    build_site(dest, site_url=url)
    for served_url in serve_in_thread(server):
        yield dest, served_url


@pytest.fixture(scope="session")
def built_site(site_server: tuple[Path, str]) -> Path:
    """The directory of the built site."""
    return site_server[0]


@pytest.fixture(scope="session")
def site_url(site_server: tuple[Path, str]) -> str:
    """``http://127.0.0.1:<port>/`` serving the built site, as the README's serve command does."""
    return site_server[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium (Playwright), cut off from every host but 127.0.0.1."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def is_external(url: str) -> bool:
    """True for a URL that would leave 127.0.0.1."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return parts.hostname != LOCAL_HOST


@dataclass
class GuardedPage:
    """A Playwright page plus what it asked for and what went wrong in it."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if is_external(url)]

    def assert_clean(self) -> None:
        assert self.external_requests() == [], "requests left 127.0.0.1"
        assert self.errors == [], "console errors"


# Every Content-Security-Policy violation of a document, readable as window.__cspViolations.
CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.effectiveDirective} ${event.blockedURI} ${where}`);
});
"""


def open_guarded_page(browser: Any, **context_options: Any) -> tuple[Any, GuardedPage]:
    """A new context and page with request and console recording; close the context after."""
    options = {
        "viewport": {"width": 1280, "height": 900},
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
        "service_workers": "block",
    }
    context = browser.new_context(**{**options, **context_options})
    context.add_init_script(CSP_PROBE)
    page = context.new_page()
    guard = GuardedPage(page)
    page.on("request", lambda request: guard.requests.append(request.url))
    page.on("console", lambda msg: guard.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: guard.errors.append(f"page error: {exc}"))
    page.on(
        "requestfailed",
        lambda request: (
            guard.errors.append(f"request failed: {request.url} ({request.failure})")
            # (aborted: the page moved on before it arrived, as the runtime's late stdlib may be)
            if not is_external(request.url) and request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    return context, guard


def search_results(page: Any, site_url: str, query: str) -> list[str]:
    """The result links Material's search box lists for ``query``, in order (paths in the site).

    The page stays open between queries (its search index is built once): the box is emptied,
    its old results gone, before the next query is typed.
    """
    if not page.url.startswith(site_url) or page.locator("input.md-search__input").count() == 0:
        page.goto(site_url, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")  # Material's search runs on keyup
    page.locator("li.md-search-result__item").first.wait_for(state="detached", timeout=10_000)
    box.fill(query)
    box.press("End")
    page.locator("li.md-search-result__item").first.wait_for(timeout=10_000)
    hrefs: list[str] = page.eval_on_selector_all(
        "li.md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)"
    )
    return [urlsplit(href).path.lstrip("/") for href in hrefs]


@contextlib.contextmanager
def guarded(browser: Any, **context_options: Any) -> Iterator[GuardedPage]:
    """A guarded page in a context of its own, checked clean when done, the context closed."""
    context, guard = open_guarded_page(browser, **context_options)
    try:
        yield guard
        guard.assert_clean()
    finally:
        context.close()


@pytest.fixture(scope="module")
def search_page(browser: Any) -> Iterator[GuardedPage]:
    """One page for a module's searches: Material builds its index once."""
    with guarded(browser) as guard:
        yield guard


@pytest.fixture
def guarded_page(browser: Any) -> Iterator[GuardedPage]:
    """A fresh page at 1280×900 whose requests and console errors are recorded and checked."""
    with guarded(browser) as guard:
        yield guard
