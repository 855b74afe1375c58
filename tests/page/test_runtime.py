"""Loading, failure, instant navigation, share links, calendar files and accessibility."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from browser_support import open_guarded_page, parts_of, serve_in_thread
from calc_page import READY_TIMEOUT_MS, form, read_card, read_result, share_url, submit, wait_answer, wait_ready

import tools.serve as serve


def served(root: Path, handler: type[serve.SiteHandler] | None = None) -> Iterator[str]:
    os.environ["SERVE_QUIET"] = "1"
    yield from serve_in_thread(serve.make_server(root, port=0, handler=handler))


class SlowRuntime(serve.SiteHandler):
    """Holds back the WebAssembly file, as a slow mobile link would."""

    def send_head(self):  # type: ignore[no-untyped-def]
        if ".wasm." in self.path:
            time.sleep(3)
        return super().send_head()


@pytest.fixture(scope="module")
def slow_url(built_site: Path) -> Iterator[str]:
    yield from served(built_site, SlowRuntime)


def site_without(built_site: Path, tmp_path: Path, *patterns: str) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy, copy_function=os.link)
    for pattern in patterns:
        for path in copy.rglob(pattern):
            path.unlink()
    return copy


class TestLoading:
    def test_progress_then_answer_requested_before_ready(self, browser: Any, slow_url: str) -> None:
        context, guard = open_guarded_page(browser)
        page = guard.page
        try:
            page.goto(f"{slow_url}calculator/")
            root = page.locator("[data-calculator]")
            assert root.get_attribute("data-state") == "loading"
            assert page.locator("[data-step]").all_inner_texts() == ["下载计算器", "准备计算", "就绪"]
            assert "正在准备计算器" in page.locator("[data-status-text]").inner_text()
            # the form is usable at once: the answer comes when the runtime is ready
            exit_form = form(page, "exit")
            exit_form.locator("[name='applied']").fill("2026-05-15")
            exit_form.locator("[name='applied']").press("Enter")
            exit_form.locator(".calc-wait").wait_for()
            assert root.get_attribute("data-state") == "loading"
            wait_answer(page, "exit")
            assert root.get_attribute("data-state") == "ready"
            assert exit_form.locator("[data-field='exit_date'] time").get_attribute("datetime") == "2026-05-30"
            # the worker's own downloads are seen here, and none of them left 127.0.0.1: Pyodide's
            # default CDN address in pyodide.mjs is never used (the worker always gives indexURL)
            assert any(url.endswith("pyodide.asm.wasm.0.part") for url in guard.requests)
            guard.assert_clean()
        finally:
            context.close()

    @pytest.mark.parametrize(
        ("missing", "words"),
        [
            pytest.param("pyodide.asm.wasm.1.part*", "无法下载 pyodide.asm.wasm.1.part（HTTP 404）", id="wasm缺失"),
            pytest.param("worker.mjs", "后台线程", id="worker缺失"),
            # the page's own script: the check in <head> says so, as nothing else can
            pytest.param("calculator.js*", "页面脚本没有加载成功", id="页面脚本缺失"),
            pytest.param("calc-lib.js*", "页面脚本没有加载成功", id="页面函数缺失"),
            # without the snapshot the worker falls back to the wheels: both gone is an error
            pytest.param(("*.whl", "snapshot.bin.*"), "Python 运行环境没有启动成功", id="wheel缺失"),
        ],
    )
    def test_load_failure_is_shown_in_chinese(
        self, browser: Any, built_site: Path, tmp_path: Path, missing: str | tuple[str, ...], words: str
    ) -> None:
        root_dir = site_without(built_site, tmp_path, *([missing] if isinstance(missing, str) else missing))
        for url in served(root_dir):
            context, guard = open_guarded_page(browser)
            page = guard.page
            try:
                page.goto(f"{url}calculator/")
                page.wait_for_selector("[data-calculator][data-state='error']", timeout=READY_TIMEOUT_MS)
                failure = page.locator("[data-load-error]")
                assert failure.is_visible()
                text = failure.inner_text()
                assert "计算器没能加载" in text and words in text
                assert "python -m" not in text and "命令行" not in text  # no command line for readers
                assert failure.get_by_role("button", name="重试").is_visible()
                # the docs stay usable: the navigation still works
                page.get_by_role("link", name="期限怎么算").first.click()
                page.wait_for_url("**/deadlines/")
                page.wait_for_function("() => document.title.includes('期限怎么算')")
                assert "期限" in page.locator("article h1").first.inner_text()
                assert guard.external_requests() == []
            finally:
                context.close()


class TestOldBrowsers:
    def test_a_browser_without_module_workers_is_told_it_is_too_old(self, guarded_page: Any, site_url: str) -> None:
        page = guarded_page.page
        # as browsers before module workers: the options are never read
        page.add_init_script("const Real = window.Worker; window.Worker = function (url) { return new Real(url); };")
        page.goto(f"{site_url}calculator/")
        page.wait_for_selector("[data-calculator][data-state='error']", timeout=30_000)
        text = page.locator("[data-load-error]").inner_text()
        assert "这个浏览器太旧" in text and "文档照常可读" in text
        assert "import" not in text and "module" not in text  # no engine text for the reader


class TestWithoutJavaScript:
    def test_the_page_says_once_at_the_top_that_it_needs_javascript(self, browser: Any, site_url: str) -> None:
        context, guard = open_guarded_page(browser, java_script_enabled=False)
        try:
            page = guard.page
            page.goto(f"{site_url}calculator/")
            note = page.get_by_text("这个计算器需要启用 JavaScript")
            assert note.count() == 1 and note.is_visible()
            assert not page.get_by_text("正在准备计算器").is_visible()
            assert not page.locator("[data-step]").first.is_visible()
            # at the top: above the jump links and the first form
            top = note.bounding_box()["y"]  # type: ignore[index]
            assert top < page.locator("form[data-tool]").first.bounding_box()["y"]  # type: ignore[index]
            assert top < page.locator(".calc-jump").bounding_box()["y"]  # type: ignore[index]
        finally:
            context.close()


class TestSnapshot:
    """The fast start: Python comes from sitebuild/snapshot.mjs's memory snapshot (a private Pyodide API)."""

    def test_answers_from_the_snapshot_without_wheels(self, guarded_page: Any, site_url: str) -> None:
        page = guarded_page.page
        page.add_init_script(
            """new MutationObserver((_, observer) => {
                 if (document.querySelector('[data-result]:not([aria-busy]) [data-field]')) {
                   window.__answeredAt = Date.now();
                   observer.disconnect();
                 }
               }).observe(document, {subtree: true, childList: true, attributes: true});"""
        )
        stdlib_asked: list[float] = []
        page.on(
            "request",
            lambda request: stdlib_asked.append(time.time() * 1000) if request.url.endswith("/stdlib.zip") else None,
        )
        page.goto(share_url(site_url, "exit", {"applied": "2026-05-15", "confirmed": "2026-05-20"}))
        wait_answer(page, "exit")
        # if the snapshot stops loading (new Pyodide, broken build), the worker falls back: fail here
        assert page.locator("[data-calculator]").get_attribute("data-runtime-start") == "snapshot"
        assert read_result(page, "exit")["fields"]["exit_date"] == "2026-05-20"
        submit(page, "risk", {"on": "2026-10-05", "deposit": "4500", "below_since": "2026-09-30", "complaints": "2"})
        assert read_result(page, "risk")["rules"]["complaints"] == "at_risk"
        requested = guarded_page.requests
        assert any(url.endswith("snapshot.bin.0.part") for url in requested)
        assert not any(url.endswith((".whl", "pyodide-lock.json", "python_stdlib.zip")) for url in requested)
        # the trimmed standard library still arrives (after the answer), for any later import
        for _ in range(50):
            if any(url.endswith("/stdlib.zip") for url in guarded_page.requests):
                break
            page.wait_for_timeout(100)
        assert any(url.endswith("/stdlib.zip") for url in guarded_page.requests)
        # never competing with the first answer: asked for only once it is on screen
        assert stdlib_asked and stdlib_asked[0] >= page.evaluate("() => window.__answeredAt") - 50
        guarded_page.assert_clean()

    @pytest.mark.parametrize("damage", ["missing", "corrupt", "other-image"])
    def test_a_bad_snapshot_falls_back_to_a_normal_start(
        self, browser: Any, built_site: Path, tmp_path: Path, damage: str
    ) -> None:
        first = parts_of(built_site, "snapshot.bin")[0]
        root_dir = site_without(built_site, tmp_path, "snapshot.bin.*" if damage == "missing" else f"{first.name}.*")
        target = root_dir / first.relative_to(built_site)
        if damage == "corrupt":
            target.write_bytes(first.read_bytes()[:4096] + bytes(100_000))
        elif damage == "other-image":
            # made against another wasm: the sum of the data image it expects (u32 at 24) differs
            stored = bytearray(first.read_bytes())
            stored[24] ^= 1
            target.write_bytes(bytes(stored))
        for url in served(root_dir):
            context, guard = open_guarded_page(browser)
            try:
                page = guard.page
                page.goto(share_url(url, "reentry", {"exit_date": "2026-11-30", "on": "2026-12-01"}))
                wait_answer(page, "reentry")
                assert page.locator("[data-calculator]").get_attribute("data-runtime-start") == "normal"
                assert read_result(page, "reentry")["fields"]["earliest_rejoin"] == "2027-03-01"
                assert guard.external_requests() == []
                guard.assert_clean()
            finally:
                context.close()


class TestEarlyStart:
    def test_the_worker_starts_from_the_head_and_is_adopted(self, guarded_page: Any, site_url: str) -> None:
        page = guarded_page.page
        page.add_init_script(
            """
            window.__made = [];
            const Original = window.Worker;
            window.Worker = class extends Original {
              constructor(url, options) {
                window.__made.push({ url: String(url), state: document.readyState, body: Boolean(document.body) });
                super(url, options);
              }
            };
            """
        )
        page.goto(share_url(site_url, "notice", {"exit_on": "2027-01-10", "on": "2026-12-01"}))
        wait_answer(page, "notice")
        assert read_result(page, "notice")["fields"]["apply_by"] == "2026-12-26"
        made = [entry for entry in page.evaluate("() => window.__made") if entry["url"].endswith("/worker.mjs")]
        # one worker, made while the <head> was being parsed (before the page's own scripts), and
        # calculator.js took it over: the hand-over slot is empty again
        assert len(made) == 1 and made[0]["state"] == "loading" and not made[0]["body"]
        assert page.evaluate("() => window.__calculatorWorker") is None
        assert page.locator("[data-calculator]").get_attribute("data-runtime-start") == "snapshot"
        guarded_page.assert_clean()

    def test_the_page_s_own_files_arrive_before_the_runtime_downloads(self, guarded_page: Any, site_url: str) -> None:
        """On a slow link the page's scripts and styles must not wait behind megabytes of runtime."""
        page = guarded_page.page
        events: list[tuple[str, str]] = []
        page.on("request", lambda request: events.append(("asked", request.url)))
        page.on("requestfinished", lambda request: events.append(("arrived", request.url)))
        page.goto(share_url(site_url, "notice", {"exit_on": "2027-01-10", "on": "2026-12-01"}))
        wait_answer(page, "notice")
        runtime = ("/runtime/pyodide-", "/runtime/calc/")
        first_runtime = next(
            i for i, (kind, url) in enumerate(events) if kind == "asked" and any(r in url for r in runtime)
        )
        own = [url for kind, url in events[:first_runtime] if kind == "arrived" and "/assets/" in url]
        names = {url.split("?")[0].rsplit("/", 1)[-1] for url in own}
        assert {"calculator.js", "calc-lib.js", "calculator.css", "extra.css"} <= names, names
        assert any(name.startswith("main.") and name.endswith(".css") for name in names)  # Material's styles
        guarded_page.assert_clean()

    def test_only_the_calculator_page_starts_it(self, built_site: Path) -> None:
        pages = {path: path.read_text(encoding="utf-8") for path in built_site.rglob("*.html")}
        assert "__calculatorWorker" in pages[built_site / "calculator" / "index.html"]
        starting = [path.relative_to(built_site).as_posix() for path, text in pages.items() if "data-worker=" in text]
        assert starting == ["calculator/index.html"]


class TestInstantNavigation:
    def test_leave_and_return_keeps_one_runtime(self, guarded_page: Any, site_url: str) -> None:
        page = guarded_page.page
        page.goto(f"{site_url}calculator/")
        wait_ready(page)
        page.evaluate("() => { window.__sameDocument = true; }")  # gone if the page reloads
        page.get_by_role("link", name="期限怎么算").first.click()
        page.wait_for_url("**/deadlines/")
        page.locator("[data-calculator]").wait_for(state="detached")  # the content is swapped after the URL
        page.get_by_role("link", name="计算器").first.click()
        page.wait_for_url("**/calculator/")
        wait_ready(page)
        submit(page, "reentry", {"exit_date": "2026-11-30", "on": "2027-01-01"})
        assert read_result(page, "reentry")["fields"]["earliest_rejoin"] == "2027-03-01"
        assert page.evaluate("() => window.__sameDocument") is True  # instant navigation, no reload
        wasm = [url for url in guarded_page.requests if url.endswith("pyodide.asm.wasm.0.part")]
        assert len(wasm) == 1
        assert len([worker for worker in page.workers if worker.url.endswith("/worker.mjs")]) == 1

    def test_docs_pages_load_no_runtime(self, guarded_page: Any, site_url: str) -> None:
        page = guarded_page.page
        page.goto(site_url)
        page.get_by_role("link", name="期限怎么算").first.click()
        page.wait_for_url("**/deadlines/")
        page.wait_for_load_state("networkidle")
        assert [url for url in guarded_page.requests if "/runtime/" in url or "worker.mjs" in url] == []


class TestShareLink:
    def test_share_button_round_trip(self, browser: Any, site_url: str) -> None:
        context, guard = open_guarded_page(browser, permissions=["clipboard-read", "clipboard-write"])
        try:
            page = guard.page
            page.goto(f"{site_url}calculator/")
            wait_ready(page)
            fields = {
                "on": "2026-10-05",
                "deposit": "4500",
                "below_since": "2026-09-30",
                "complaints": "2",
                "sales_target_missed": "1",
            }
            submit(page, "risk", fields)
            before = read_result(page, "risk")
            form(page, "risk").get_by_role("button", name="复制链接").click()
            form(page, "risk").locator("[data-share-note]").filter(has_text="已复制").wait_for()
            link = page.evaluate("() => navigator.clipboard.readText()")
            assert "tool=risk" in link and "deposit=4500" in link
            other = context.new_page()
            other.goto(link)
            wait_answer(other, "risk")
            assert read_result(other, "risk") == before
            assert form(other, "risk").locator("[name='sales_target_missed']").is_checked()
            guard.assert_clean()
        finally:
            context.close()


def _calendar(page: Any, tool: str, tmp_path: Path) -> list[Any]:
    """The answer's .ics file, downloaded as a person would, and read back with icalendar."""
    from icalendar import Calendar

    with page.expect_download() as info:
        form(page, tool).get_by_role("link", name="加入日历（.ics）").click()
    path = tmp_path / "answer.ics"
    info.value.save_as(path)
    assert info.value.suggested_filename.endswith(".ics")
    events: list[Any] = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    for event in events:
        assert str(event.get("SUMMARY"))
        assert str(event.get("URL")) == page.url  # a link back to the answer
    return events


def _alarms(event: Any) -> list[str]:
    return [alarm.decoded("TRIGGER").isoformat() for alarm in event.walk("VALARM")]


class TestCalendarFile:
    @pytest.mark.parametrize(
        ("tool", "fields", "day"),
        [
            pytest.param("exit", {"applied": "2026-05-15"}, date(2026, 5, 30), id="退出日"),
            pytest.param("notice", {"exit_on": "2026-06-30", "on": "2026-05-01"}, date(2026, 6, 15), id="最晚申请"),
            pytest.param("reentry", {"exit_date": "2026-03-30", "on": "2026-05-01"}, date(2026, 7, 1), id="重新加入"),
        ],
    )
    def test_an_all_day_event_reminded_the_morning_before(
        self, guarded_page: Any, site_url: str, tmp_path: Path, tool: str, fields: dict[str, str], day: date
    ) -> None:
        page = guarded_page.page
        page.clock.set_fixed_time(datetime(2026, 5, 1, 4, 0, tzinfo=UTC))  # 12:00 in Beijing
        page.goto(share_url(site_url, tool, fields))
        wait_answer(page, tool)
        (event,) = _calendar(page, tool, tmp_path)
        assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (day, day + timedelta(days=1))
        assert _alarms(event) == [f"{day - timedelta(days=1)}T01:00:00+00:00"]  # 09:00 Beijing
        guarded_page.assert_clean()

    def test_a_deposit_deadline_tomorrow_made_at_one_in_the_afternoon(
        self, guarded_page: Any, site_url: str, tmp_path: Path
    ) -> None:
        """A timed event to 24:00 Beijing; the reminder at 09:00 today is past, so only the
        deadline day's morning and evening ones are in the file."""
        page = guarded_page.page
        page.clock.set_fixed_time(datetime(2026, 12, 2, 5, 0, tzinfo=UTC))  # 13:00 in Beijing
        page.goto(share_url(site_url, "risk", {"on": "2026-12-02", "deposit": "5000", "below_since": "2026-11-30"}))
        wait_answer(page, "risk")
        (event,) = _calendar(page, "risk", tmp_path)
        assert event.decoded("DTSTART").isoformat() == "2026-12-02T16:00:00+00:00"  # 12月3日 00:00 Beijing
        assert event.decoded("DTEND").isoformat() == "2026-12-03T16:00:00+00:00"  # 24:00 Beijing
        assert _alarms(event) == ["2026-12-03T01:00:00+00:00", "2026-12-03T12:00:00+00:00"]
        assert str(event.get("SUMMARY")) == "补交自缴保证金 1000.00 元：稳妥期限，24:00（北京时间）截止"
        guarded_page.assert_clean()

    def test_holiday_extension_is_a_second_deadline(self, guarded_page: Any, site_url: str, tmp_path: Path) -> None:
        page = guarded_page.page
        page.clock.set_fixed_time(datetime(2026, 9, 30, 4, 0, tzinfo=UTC))
        page.goto(share_url(site_url, "risk", {"on": "2026-10-01", "deposit": "0", "below_since": "2026-09-30"}))
        wait_answer(page, "risk")
        events = _calendar(page, "risk", tmp_path)
        assert [event.decoded("DTEND").date() for event in events] == [date(2026, 10, 3), date(2026, 10, 8)]
        assert "最晚可争取" in str(events[1].get("SUMMARY"))

    def test_a_late_notice_offers_no_calendar(self, guarded_page: Any, site_url: str) -> None:
        page = guarded_page.page
        page.goto(share_url(site_url, "notice", {"exit_on": "2026-06-10", "on": "2026-06-01"}))
        wait_answer(page, "notice")
        assert read_card(page, "notice")[0] == "已来不及在 2026年6月10日（星期三）退出"
        assert form(page, "notice").get_by_role("link", name="加入日历（.ics）").count() == 0


class TestLoadingSteps:
    def test_the_page_says_python_is_starting_after_the_download(self, guarded_page: Any, site_url: str) -> None:
        """Once every byte is in, the page says it is getting ready (and waits 60 s, not the 30 s
        a stalled download gets), before it is ready."""
        page = guarded_page.page
        page.add_init_script(
            """
            window.__said = [];
            new MutationObserver(() => {
              const text = document.querySelector('[data-status-text]')?.textContent;
              if (text && text !== window.__said.at(-1)) window.__said.push(text);
            }).observe(document, {subtree: true, childList: true, characterData: true});
            """
        )
        page.goto(share_url(site_url, "exit", {"applied": "2026-05-15"}))
        wait_answer(page, "exit")
        said = page.evaluate("() => window.__said")
        starting = [i for i, text in enumerate(said) if text.startswith("马上就好：正在准备计算")]
        downloading = [i for i, text in enumerate(said) if text.startswith("正在准备计算器：第一次")]
        ready = [i for i, text in enumerate(said) if text.startswith("计算器已就绪")]
        assert downloading and starting and ready, said
        assert max(downloading) < min(starting) < min(ready), said


class TestKeptParts:
    def test_a_short_part_in_the_cache_is_downloaded_again(self, guarded_page: Any, site_url: str) -> None:
        """A part cut short in Cache Storage (a full disk, an update cut off) is never used."""
        page = guarded_page.page
        page.goto(share_url(site_url, "exit", {"applied": "2026-05-15"}))
        wait_answer(page, "exit")
        kept = page.evaluate(
            """async () => {
              const cache = await caches.open('runtime');
              const wait = () => new Promise((resolve) => setTimeout(resolve, 100));
              for (let i = 0; i < 100 && (await cache.keys()).length === 0; i++) await wait();
              const url = (await cache.keys()).map(r => r.url).find(u => u.includes('snapshot.bin.0.part'));
              const data = await (await cache.match(url)).arrayBuffer();
              await cache.put(url, new Response(data.slice(0, data.byteLength - 1000)));
              return url;
            }"""
        )
        assert kept
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.reload()
        wait_answer(page, "exit")
        assert page.locator("[data-calculator]").get_attribute("data-runtime-start") == "snapshot"
        assert kept in asked  # the short copy was not used: the part came from the server again
        assert read_result(page, "exit")["fields"]["exit_date"] == "2026-05-30"
        guarded_page.assert_clean()

    def test_a_warm_visit_downloads_no_part_again(self, guarded_page: Any, site_url: str, built_site: Path) -> None:
        """Back in the same profile: every part of the runtime comes from this device, and it answers."""
        page = guarded_page.page
        page.goto(share_url(site_url, "exit", {"applied": "2026-05-15"}))
        wait_answer(page, "exit")
        every = len(parts_of(built_site, "pyodide.asm.wasm")) + len(parts_of(built_site, "snapshot.bin"))
        page.wait_for_function(
            "async (every) => (await (await caches.open('runtime')).keys())"
            ".filter((request) => request.url.endsWith('.part')).length === every",
            arg=every,
            timeout=30_000,
        )
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.reload()
        wait_answer(page, "exit")
        assert read_card(page, "exit")[2] == "退出日：2026年5月30日（星期六）"
        assert [url for url in asked if url.endswith(".part")] == []
        guarded_page.assert_clean()
