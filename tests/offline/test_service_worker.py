"""After one visit, the site works with the network gone (service worker, sw.js)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import build_manifest, open_guarded_page

from tools.serve import SiteHandler, make_server

READY = "[data-calculator][data-state='ready']"


class RecordingHandler(SiteHandler):
    paths: list[str] = []  # noqa: RUF012 - one list for the whole module's server

    def send_head(self):  # type: ignore[no-untyped-def]
        RecordingHandler.paths.append(self.path)
        return super().send_head()


class Server:
    """The built site on its own port, so a test can take it down."""

    def __init__(self, root: Path) -> None:
        self.server = make_server(root, port=0, handler=RecordingHandler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(timeout=5)


@pytest.fixture
def server(built_site: Path) -> Iterator[Server]:
    RecordingHandler.paths.clear()
    running = Server(built_site)
    yield running
    running.stop()


@pytest.fixture
def sw_page(browser: Any) -> Iterator[Any]:
    context, guard = open_guarded_page(browser, service_workers="allow")
    try:
        yield guard
    finally:
        context.close()


def sw_lists(built_site: Path) -> tuple[str, list[str], list[str]]:
    script = (built_site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'const VERSION = "([0-9a-f]+)"', script)
    precache = re.search(r"const PRECACHE = (\[.*?\]);", script, re.S)
    runtime = re.search(r"const RUNTIME = (\[.*?\]);", script, re.S)
    assert version and precache and runtime
    return version.group(1), json.loads(precache.group(1)), json.loads(runtime.group(1))


def wait_controlled(page: Any) -> None:
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)


def cache_size(page: Any, name: str) -> int:
    return page.evaluate("async (name) => (await (await caches.open(name)).keys()).length", name)


def site_kept(page: Any, server: Server, built_site: Path, path: str) -> None:
    """Visit ``path`` and wait until the service worker has kept every page of the site."""
    version, precache, _ = sw_lists(built_site)
    page.goto(server.url + path)
    wait_controlled(page)
    page.wait_for_function(
        "async ([name, n]) => (await (await caches.open(name)).keys()).length >= n",
        arg=[f"site-{version}", len(precache)],
        timeout=30_000,
    )


def test_sw_lists_pages_and_runtime_apart(built_site: Path) -> None:
    _, precache, runtime = sw_lists(built_site)
    assert {"", "calculator/", "deadlines/", "search/search_index.json", "404.html"} <= set(precache)
    assert not any(path.startswith("runtime/") or path.endswith((".br", ".gz")) for path in precache)
    assert {path.rsplit("/", 1)[-1] for path in runtime} >= {
        "pyodide.asm.wasm.0.part",
        "snapshot.bin.0.part",
        "stdlib.zip",
        "pyodide.mjs",
    }
    # the site's own scripts and styles under the URLs the pages ask for: with ?v=<their hash>
    assert "assets/calculator/calculator.js" not in precache
    assert any(re.fullmatch(r"assets/calculator/calculator\.js\?v=[0-9a-f]{10}", path) for path in precache)
    assert all((built_site / path.split("?")[0]).is_file() for path in precache if path and not path.endswith("/"))


def test_a_docs_visit_caches_the_site_but_no_runtime(sw_page: Any, server: Server, built_site: Path) -> None:
    version, precache, _ = sw_lists(built_site)
    page = sw_page.page
    page.goto(server.url + "deadlines/")
    wait_controlled(page)
    assert page.evaluate("async () => await caches.keys()") == [f"site-{version}"] or set(
        page.evaluate("async () => await caches.keys()")
    ) <= {f"site-{version}", "runtime"}
    assert cache_size(page, f"site-{version}") >= len(precache)
    assert cache_size(page, "runtime") == 0
    assert [path for path in RecordingHandler.paths if "/runtime/" in path] == []
    sw_page.assert_clean()


def test_offline_after_one_visit(sw_page: Any, server: Server, built_site: Path) -> None:
    _, _, runtime = sw_lists(built_site)
    page = sw_page.page
    page.goto(server.url)
    wait_controlled(page)
    page.goto(server.url + "calculator/?tool=exit&applied=2026-05-15#exit")
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function(
        "async (n) => (await (await caches.open('runtime')).keys()).length >= n", arg=len(runtime), timeout=30_000
    )
    server.stop()  # the network is gone
    for share in ("calculator/?tool=reentry&exit_date=2026-11-30&on=2027-01-01#reentry",):
        page.goto(server.url + share)
        page.wait_for_selector(READY, timeout=60_000)
        page.wait_for_selector(
            "form[data-tool='reentry'] [data-field='earliest_rejoin'] time[datetime='2027-03-01']", timeout=30_000
        )
    page.goto(server.url + "removal/")
    assert "强制清退" in page.locator("article h1").first.inner_text()
    page.reload()
    assert "强制清退" in page.locator("article h1").first.inner_text()
    sw_page.errors.clear()  # Material's sitemap refresh fails offline and says so


def test_old_caches_are_deleted_on_update(browser: Any, server: Server, built_site: Path) -> None:
    version, _, _ = sw_lists(built_site)
    context, guard = open_guarded_page(browser, service_workers="allow")
    try:
        page = guard.page
        # caches a previous build left behind, present before this build's worker activates
        context.add_init_script("caches.open('site-0000previous').then(c => c.put('/old', new Response('old')))")
        page.goto(server.url + "faq/")
        page.wait_for_function("async () => (await caches.keys()).includes('site-0000previous')", timeout=10_000)
        wait_controlled(page)
        page.wait_for_function("async () => !(await caches.keys()).includes('site-0000previous')", timeout=10_000)
        assert f"site-{version}" in page.evaluate("async () => await caches.keys()")
    finally:
        context.close()


def test_on_the_calculator_page_it_waits_for_the_runtime(sw_page: Any, server: Server) -> None:
    """Caching the site must not compete with the runtime's download on a slow link."""
    page = sw_page.page
    page.goto(server.url + "calculator/?tool=exit&applied=2026-05-15#exit")
    page.wait_for_selector(READY, timeout=60_000)
    wait_controlled(page)
    paths = list(RecordingHandler.paths)
    first_sw = paths.index("/sw.js")
    started = [i for i, path in enumerate(paths) if path.startswith("/runtime/")]
    assert started and first_sw > started[0]
    # before the worker asked for the runtime, nothing was precached
    assert not any(path.startswith(("/faq/", "/glossary/", "/exit/")) for path in paths[: started[0]])
    sw_page.assert_clean()


def test_offline_a_page_not_in_the_cache_gets_the_offline_page(sw_page: Any, server: Server, built_site: Path) -> None:
    version, _, _ = sw_lists(built_site)
    page = sw_page.page
    site_kept(page, server, built_site, "faq/")
    # a page of the site that this device lost (a cache cleared by the browser, say)
    dropped = page.evaluate(
        "async ([name, url]) => (await caches.open(name)).delete(url)", [f"site-{version}", server.url + "deadlines/"]
    )
    assert dropped is True
    server.stop()  # the network is gone
    page.goto(server.url + "deadlines/")
    assert page.title().startswith("现在离线") and "现在离线" in page.locator("article h1").first.inner_text()
    # the way back to the page asked for, once online, named as the site names it
    back = page.locator("[data-offline-return]")
    assert back.is_visible() and "连上网后，点这里回到你要打开的页面" in back.inner_text()
    assert back.locator("a").get_attribute("href") == server.url + "deadlines/"
    assert back.locator("a").inner_text() == "期限怎么算"
    # styled as the site (its stylesheet came from the cache), and its links lead to cached pages
    assert page.locator(".md-header").evaluate("(el) => getComputedStyle(el).position") == "sticky"
    page.locator("article").get_by_role("link", name="常见问题").click()
    page.wait_for_url("**/faq/")
    assert "常见问题" in page.locator("article h1").first.inner_text()
    sw_page.errors.clear()  # the failed navigation and Material's sitemap refresh are logged


@pytest.mark.parametrize(
    "asked",
    [
        "no/such/page/",  # not a page of this site: no way back offered
        "offline/?from=/您的保证金已被冻结，请致电 400-000-0000 解冻",  # words in the address are never shown
        "offline/?from=https://example.com/deadlines/",  # another site
    ],
)
def test_the_offline_page_offers_no_way_back_but_to_a_page_of_this_site(
    sw_page: Any, server: Server, built_site: Path, asked: str
) -> None:
    page = sw_page.page
    site_kept(page, server, built_site, "faq/")
    server.stop()
    page.goto(server.url + asked)
    assert page.title().startswith("现在离线")
    assert page.locator("[data-offline-return]").is_hidden()
    shown = page.locator("body").inner_text()
    assert "保证金已被冻结" not in shown and "400-000-0000" not in shown
    sw_page.errors.clear()


def test_offline_with_no_runtime_kept_the_calculator_says_so(sw_page: Any, server: Server, built_site: Path) -> None:
    page = sw_page.page
    site_kept(page, server, built_site, "faq/")  # the site is kept, the calculator never used
    page.context.set_offline(True)
    page.goto(server.url + "calculator/")
    page.wait_for_selector("[data-calculator][data-state='error']", timeout=30_000)
    text = page.locator("[data-load-error]").inner_text()
    assert "现在离线" in text and "文档照常可读" in text
    assert "Failed" not in text and "fetch" not in text  # the browser's own words stay in the console
    sw_page.errors.clear()  # the failed fetches are logged


def test_a_part_the_calculator_refuses_is_not_kept_by_the_service_worker(
    browser: Any, built_site: Path, tmp_path: Path
) -> None:
    """The parts are kept by the calculator's worker, which checks their size: the service worker
    passes them on and keeps none itself, so a short part served once never sits in the cache."""
    import os
    import shutil

    from browser_support import parts_of

    copy = tmp_path / "site"
    shutil.copytree(built_site, copy, copy_function=os.link)
    first = parts_of(built_site, "snapshot.bin")[0]
    damaged = copy / first.relative_to(built_site)
    for path in damaged.parent.glob(f"{damaged.name}*"):
        path.unlink()  # (hard links: never write through to the built site)
    damaged.write_bytes(first.read_bytes()[: first.stat().st_size // 2])
    RecordingHandler.paths.clear()
    running = Server(copy)
    context, guard = open_guarded_page(browser, service_workers="allow")
    try:
        page = guard.page
        site_kept(page, running, copy, "faq/")  # the service worker controls the next pages
        page.goto(running.url + "calculator/?tool=exit&applied=2026-05-15#exit")
        page.wait_for_selector("form[data-tool='exit'] [data-field='exit_date']", timeout=90_000)
        url = running.url + first.relative_to(built_site).as_posix()
        # the service worker keeps the runtime's files in their listed order: once the last is
        # kept, it has been through them all
        last = max(build_manifest(copy)["runtime"], key=lambda path: path.split("/"))
        page.wait_for_function(
            "async (url) => Boolean(await (await caches.open('runtime')).match(url))",
            arg=running.url + last,
            timeout=60_000,
        )
        kept = page.evaluate("async (url) => Boolean(await (await caches.open('runtime')).match(url))", url)
        assert kept is False
    finally:
        context.close()
        running.stop()


class FailingHandler(RecordingHandler):
    """The server after a bad deploy: every page is its own 500 error page."""

    failing = False

    def send_head(self):  # type: ignore[no-untyped-def]
        if FailingHandler.failing and not self.path.split("?")[0].endswith((".js", ".css", ".json", ".mjs")):
            self.send_error(500, "Internal Server Error")
            return None
        return super().send_head()


def test_a_kept_page_beats_the_servers_error_page(sw_page: Any, built_site: Path) -> None:
    FailingHandler.failing = False
    server = make_server(built_site, port=0, handler=FailingHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        running = Server.__new__(Server)
        running.url = url
        page = sw_page.page
        site_kept(page, running, built_site, "faq/")
        FailingHandler.failing = True
        page.goto(url + "deadlines/")
        assert "期限怎么算" in page.locator("article h1").first.inner_text()
        assert "服务器内部错误" not in page.locator("body").inner_text()
        # a page the device does not keep still gets the server's answer (nothing better to show)
        status = page.goto(url + "no/such/page/")
        assert status is not None and status.status == 500
        sw_page.errors.clear()  # the 500 is logged
    finally:
        FailingHandler.failing = False
        server.shutdown()
        server.server_close()


def test_the_service_worker_is_registered_even_if_the_calculator_never_runs(
    sw_page: Any, server: Server, built_site: Path
) -> None:
    page = sw_page.page
    # calculator.js refused (a wrong type, a broken deploy): no calculator:settled will ever come
    page.route("**/assets/calculator/calculator.js*", lambda route: route.abort())
    page.goto(server.url + "calculator/")
    wait_controlled(page)
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 1
    sw_page.errors.clear()  # the refused script is logged
