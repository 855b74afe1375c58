"""Loading as a reader on a poor link sees it: bytes counted, no overall time limit, a stalled
download named with a retry, and what has arrived kept across a refresh or a retry."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import open_guarded_page, parts_of, serve_in_thread
from calc_page import cli_text, read_card, share_url

import tools.serve as serve

# Chrome DevTools' network emulation: 1.0 Mbit/s each way, 300 ms latency. The runtime is about
# 5.4 MB on the wire, so the first answer takes close to a minute: the one test of its kind.
ONE_MEGABIT = {"offline": False, "latency": 300, "downloadThroughput": 125_000, "uploadThroughput": 125_000}
SLOW_MS = 240_000
EXIT = {"applied": "2026-05-15"}
SHOWN = re.compile(r"已下载 (\d+\.\d) / (\d+\.\d) MB")


def kept_parts(page: Any) -> set[str]:
    """The runtime parts the page's origin keeps in Cache Storage."""
    return set(page.evaluate("async () => (await (await caches.open('runtime')).keys()).map((r) => r.url)"))


def part_urls(site: Path, base: str) -> set[str]:
    found = parts_of(site, "pyodide.asm.wasm") + parts_of(site, "snapshot.bin")
    return {base + path.relative_to(site).as_posix() for path in found}


def test_one_megabit_link_reaches_an_answer_and_a_refresh_resumes(
    browser: Any, built_site: Path, site_url: str
) -> None:
    context, guard = open_guarded_page(browser)
    page = guard.page
    try:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", ONE_MEGABIT)
        page.goto(share_url(site_url, "exit", EXIT), timeout=SLOW_MS)
        bytes_line = page.locator("[data-bytes]")
        # what a reader sees while waiting: megabytes so far of the whole
        page.wait_for_function(
            "() => /已下载 [1-9]\\.\\d \\//.test(document.querySelector('[data-bytes]').textContent)", timeout=SLOW_MS
        )
        shown = SHOWN.search(bytes_line.inner_text())
        assert shown, bytes_line.inner_text()
        assert 1.0 <= float(shown[1]) < float(shown[2]) and 4.0 < float(shown[2]) < 8.0
        assert "正在准备计算器" in page.locator("[data-status-text]").inner_text()
        # refresh once two parts are complete: they are kept, and not downloaded again
        for _ in range(SLOW_MS // 500):
            kept = kept_parts(page)
            if len(kept) >= 2:
                break
            page.wait_for_timeout(500)
        assert len(kept) >= 2
        before = len(guard.requests)
        page.reload(timeout=SLOW_MS)
        page.wait_for_selector("[data-calculator][data-state='ready']", timeout=SLOW_MS)
        page.locator("#exit [data-result]:not([aria-busy]) .calc-card").wait_for(timeout=SLOW_MS)
        assert read_card(page, "exit") == cli_text("exit", EXIT)
        again = {url for url in guard.requests[before:] if url.endswith(".part")}
        everything = part_urls(built_site, site_url)
        assert kept <= everything and not kept & again, "a kept part was downloaded again"
        # the rest came over the network (a part whose storing ended just as the page reloaded is
        # read from the cache: it is in neither set), and now every part is kept
        assert again and again <= everything - kept
        assert kept_parts(page) == everything
        assert "MB 已存在本机" in bytes_line.inner_text()
        assert guard.external_requests() == []
    finally:
        context.close()


class HoldOnePart(serve.SiteHandler):
    """Sends no byte of one wasm part until the test lets it go: a link that stalls."""

    release = threading.Event()

    def send_head(self):  # type: ignore[no-untyped-def]
        if self.path.endswith("pyodide.asm.wasm.2.part"):
            self.release.wait(timeout=120)
        return super().send_head()


@pytest.fixture
def stalling_url(built_site: Path) -> Iterator[str]:
    os.environ["SERVE_QUIET"] = "1"
    HoldOnePart.release.clear()
    try:
        yield from serve_in_thread(serve.make_server(built_site, port=0, handler=HoldOnePart))
    finally:
        HoldOnePart.release.set()


def test_a_stalled_download_is_named_and_retry_resumes(browser: Any, built_site: Path, stalling_url: str) -> None:
    context, guard = open_guarded_page(browser)
    page = guard.page
    try:
        # the page's stall limit, 30 s, shortened for the test
        page.add_init_script("window.calculatorStallMs = { download: 3000 };")
        page.goto(share_url(stalling_url, "exit", EXIT))
        failure = page.locator("[data-load-error]")
        failure.wait_for(state="visible", timeout=60_000)
        text = failure.inner_text()
        assert "计算器没能加载" in text and "下载停住了" in text and "秒没有收到数据" in text
        assert "已经下载的部分会保留" in text
        assert page.locator("[data-status-text]").inner_text() == "计算器加载失败。"
        kept = kept_parts(page)
        assert kept and not any(url.endswith("pyodide.asm.wasm.2.part") for url in kept)
        # the link is back: 重试 starts again where it stopped, and the waiting answer comes
        HoldOnePart.release.set()
        before = len(guard.requests)
        failure.get_by_role("button", name="重试").click()
        page.locator("#exit [data-result]:not([aria-busy]) .calc-card").wait_for(timeout=60_000)
        assert failure.is_hidden()
        assert read_card(page, "exit") == cli_text("exit", EXIT)
        again = {url for url in guard.requests[before:] if url.endswith(".part")}
        assert again == part_urls(built_site, stalling_url) - kept
        assert guard.external_requests() == []
    finally:
        context.close()


def test_a_damaged_wasm_is_named_at_once(browser: Any, built_site: Path, tmp_path: Path) -> None:
    """A wasm that does not compile is a damaged file, not a slow network (Pyodide itself only logs it)."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy, copy_function=os.link)
    first = parts_of(copy, "pyodide.asm.wasm")[0]
    size = first.stat().st_size
    for path in first.parent.glob(first.name + "*"):
        path.unlink()
    first.write_bytes(b"\0asm\x01\0\0\0" + b"\xff" * (size - 8))
    os.environ["SERVE_QUIET"] = "1"
    for url in serve_in_thread(serve.make_server(copy, port=0)):
        context, guard = open_guarded_page(browser)
        page = guard.page
        try:
            page.goto(share_url(url, "exit", EXIT))
            failure = page.locator("[data-load-error]")
            failure.wait_for(state="visible", timeout=30_000)
            assert "pyodide.asm.wasm 已损坏，无法编译" in failure.inner_text()
            assert "网络" not in page.locator("[data-load-error-text]").inner_text()
        finally:
            context.close()
