"""A new build deployed while readers have the site: it reaches them whole, and offline keeps working.

Build 1 is the session's site; build 2 is the same sources with a changed calculator.js, worker
and calculator page. One server serves whichever is deployed (a folder link switched at once).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import copy_project, mkdocs_build, open_guarded_page

from tests.page.calc_page import read_card, share_url
from tools.serve import make_server

SECOND = "这是第二版。"
REENTRY = {"exit_date": "2026-11-30", "on": "2027-01-01"}
EXIT = {"applied": "2026-05-15"}
# every URL in every cache of the page's origin
KEPT_URLS = """async () => {
  const names = await caches.keys();
  const lists = await Promise.all(
    names.map(async (name) => (await (await caches.open(name)).keys()).map((request) => request.url)),
  );
  return lists.flat();
}"""


def second_build(dest: Path, work: Path, site_url: str) -> None:
    """The site again, with its calculator's script, worker and page changed."""
    copy_project(work)
    calculator = work / "docs" / "assets" / "calculator"
    for name in ("calculator.js", "worker.mjs"):
        with (calculator / name).open("a", encoding="utf-8") as file:
            file.write("\n// the second build\n")
    page = work / "docs" / "calculator" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{{ calculator_forms }}", f"{SECOND}\n\n{{{{ calculator_forms }}}}")
    )
    # from another directory: the paths in mkdocs.yml (snippets, the search dictionary) resolve
    # against the config file, not the working directory
    result = mkdocs_build(dest, work / "mkdocs.yml", work.parent, site_url=site_url)
    assert result.returncode == 0, result.stderr


class Deployment:
    """A server on a folder link: deploy() points it at another build, between two requests."""

    def __init__(self, work: Path, first: Path) -> None:
        self.link = work / "current"
        self.link.symlink_to(first)
        self.server = make_server(self.link, port=0)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def deploy(self, build: Path) -> None:
        new = self.link.with_name("next")
        new.symlink_to(build)
        new.replace(self.link)

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def deployment(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Deployment, Path]]:
    os.environ["SERVE_QUIET"] = "1"
    work = tmp_path_factory.mktemp("deploy")
    running = Deployment(work, built_site)
    second = work / "second"
    project = work / "project"
    project.mkdir()
    second_build(second, project, running.url)
    try:
        yield running, second
    finally:
        running.stop()


def version_of(html: str, name: str) -> str:
    found = re.search(rf"{re.escape(name)}\?v=([0-9a-f]+)", html)
    assert found, name
    return found[1]


def worker_dir(site: Path) -> str:
    (worker,) = site.glob("runtime/worker/*/worker.mjs")
    return worker.parent.relative_to(site).as_posix()


def runtime_cached(page: Any) -> int:
    return int(page.evaluate("async () => (await (await caches.open('runtime')).keys()).length"))


def test_a_redeploy_reaches_returning_readers_whole_and_offline_still_computes(
    browser: Any, built_site: Path, deployment: tuple[Deployment, Path]
) -> None:
    server, second = deployment
    first_js = version_of((built_site / "calculator" / "index.html").read_text("utf-8"), "calculator.js")
    second_js = version_of((second / "calculator" / "index.html").read_text("utf-8"), "calculator.js")
    assert first_js != second_js and worker_dir(built_site) != worker_dir(second)
    context, guard = open_guarded_page(browser, service_workers="allow")
    try:
        # build 1: a reader uses the calculator (its runtime is kept) and leaves the tab open
        tab = guard.page
        tab.goto(share_url(server.url, "exit", EXIT))
        tab.locator("#exit [data-result] .calc-card").wait_for(timeout=60_000)
        tab.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
        tab.wait_for_function("async () => (await (await caches.open('runtime')).keys()).length > 10", timeout=30_000)

        server.deploy(second)

        # the tab left open still answers, with the build it has (its worker is already running)
        tab.locator("#reentry [name='exit_date']").fill("2026-11-30")
        tab.locator("#reentry [name='on']").fill("2027-01-01")
        tab.locator("#reentry [name='on']").press("Enter")
        tab.locator("#reentry [data-result] .calc-card").wait_for(timeout=30_000)
        assert read_card(tab, "reentry")[2] == "最早可重新加入：2027年3月1日（星期一）"

        # a returning reader: build 2's page with build 2's script and worker, nothing of build 1
        reader = context.new_page()
        asked: list[str] = []
        reader.on("request", lambda request: asked.append(request.url))
        reader.goto(share_url(server.url, "reentry", REENTRY))
        reader.locator("#reentry [data-result] .calc-card").wait_for(timeout=60_000)
        assert SECOND in reader.locator("article").inner_text()
        assert any(f"calculator.js?v={second_js}" in url for url in asked)
        assert not any(f"calculator.js?v={first_js}" in url for url in asked)
        assert any(f"/{worker_dir(second)}/worker.mjs" in url for url in asked)
        assert not any(f"/{worker_dir(built_site)}/" in url for url in asked)
        assert read_card(reader, "reentry")[2] == "最早可重新加入：2027年3月1日（星期一）"

        # the new service worker waits, and the page says so; a click takes it in (the reader has
        # gone offline meanwhile: the update must not have dropped the runtime it kept)
        notice = reader.locator("[data-site-update]")
        notice.wait_for(timeout=60_000)
        assert notice.inner_text().startswith("有新版本，刷新后使用。")
        reader.wait_for_function(
            "async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed'",
            timeout=60_000,
        )
        server.stop()
        # and the browser's HTTP cache is gone (it may be, on a phone): only what was kept counts
        context.new_cdp_session(reader).send("Network.clearBrowserCache")
        with reader.expect_navigation(timeout=60_000):
            notice.get_by_role("button", name="刷新").click()
        reader.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
        reader.locator("#reentry [data-result] .calc-card").wait_for(timeout=60_000)
        assert read_card(reader, "reentry")[2] == "最早可重新加入：2027年3月1日（星期一）"
        assert not reader.locator("[data-site-update]").is_visible()

        # still offline: the new build's calculator computes another answer, from what it kept
        reader.goto(share_url(server.url, "exit", {"applied": "2026-06-01"}))
        reader.locator("#exit [data-result] .calc-card").wait_for(timeout=60_000)
        assert read_card(reader, "exit")[2] == "退出日：2026年6月16日（星期二）"
        assert SECOND in reader.locator("article").inner_text()
        # share links are kept without their query: no reader's dates in the cache
        keys = reader.evaluate(KEPT_URLS)
        assert keys and not any("?tool=" in key or "applied=" in key for key in keys)
    finally:
        context.close()
