"""Benchmark: time to the first answer on the calculator page against a bare Pyodide page.

    .venv/bin/python tools/bench.py [--site site] [--runs 5] [--no-slow] [--no-phone]

Serves the built site with tools/serve.py (the same precompressed files for both pages) and
measures in headless Chromium, median of N runs:

(a) the calculator page opened from a pre-filled share link, until its answer is on screen;
(b) a bare page that loads the same Pyodide in a module worker and runs one line of Python.

Each cold (a fresh browser profile) and warm (a reload in the same profile, once the cold visit
has settled: no request for 500 ms, then 2 s), unthrottled and on
an emulated slow link (10 Mbit/s down, 50 ms latency: the DevTools protocol's network emulation
on the page, which Chromium applies to its workers' requests too). Bytes are what the server
actually sent (headers and bodies), so worker requests count too. Service workers are allowed,
as for a reader; BENCH_SW=block measures without them.
The two pages take turns run by run, so that a slower spell of the machine (it is shared) hits
both alike. Prints a table and the ratios (a)/(b), the bytes each file of the calculator page
sent before its first answer (cold visit), the worker's own timings on a warm visit, and the
first answer on a weak phone link (1.6 Mbit/s, 150 ms; cold, calculator page only).
A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitebuild.compress import compress_file  # noqa: E402
from tools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tools.serve import SiteHandler, make_server  # noqa: E402

SETTLE_MS = 2000
SHARE = "calculator/?tool=risk&on=2026-02-14&deposit=0&below_since=2026-02-13#risk"
SLOW = {
    "offline": False,
    "latency": 50,
    "downloadThroughput": 10_000_000 / 8,
    "uploadThroughput": 5_000_000 / 8,
}
PHONE = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}

# Records the moment the first answer is on screen, in ms since navigation start.
ANSWER_PROBE = """
new MutationObserver((_, observer) => {
  if (document.querySelector('[data-result]:not([aria-busy]) [data-field]')) {
    window.__firstAnswer = performance.now();
    window.__answered?.();
    observer.disconnect();
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""

# The worker's own timings, which the calculator page keeps on its root element.
TIMINGS = "() => JSON.parse(document.querySelector('[data-calculator]')?.dataset.timings ?? '{}')"

BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare Pyodide</title>
<script type="module">
const worker = new Worker(new URL("./bare-worker.mjs", import.meta.url), {type: "module"});
worker.onmessage = ({data}) => { window.__firstAnswer = performance.now(); window.__value = data; };
</script>
"""
BARE_WORKER = """const indexURL = new URL("../PYODIDE_DIR/", import.meta.url).href;
const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
const pyodide = await loadPyodide({ indexURL });
postMessage(pyodide.runPython("1 + 1"));
"""


class CountingHandler(SiteHandler):
    """Counts the bytes of every response body and header the server writes, in all and by path."""

    sent = 0
    by_path: ClassVar[dict[str, int]] = defaultdict(int)
    lock = threading.Lock()

    def setup(self) -> None:
        super().setup()
        original = self.wfile.write

        def write(data: ReadableBuffer) -> int:
            size = memoryview(data).nbytes
            with CountingHandler.lock:
                CountingHandler.sent += size
                CountingHandler.by_path[getattr(self, "path", "?").split("?")[0]] += size
            return original(data)

        self.wfile.write = write  # type: ignore[method-assign]

    @classmethod
    def reset(cls) -> None:
        with cls.lock:
            cls.sent = 0
            cls.by_path = defaultdict(int)

    @classmethod
    def files(cls) -> dict[str, int]:
        with cls.lock:
            return dict(cls.by_path)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def measure(
    playwright: Any,
    url: str,
    conditions: dict[str, Any] | None,
    figures: dict[str, list[float]],
    files: list[dict[str, int]] | None = None,
    kinds: tuple[str, ...] = ("cold", "warm"),
    timings: list[dict[str, Any]] | None = None,
) -> None:
    """One run: a cold visit in a fresh profile, then a warm one (a reload); appends to figures.

    ``files`` gets, for the cold visit, the bytes each path had sent when the answer showed;
    ``timings`` the worker's own timings of the warm visit (the calculator page's data)."""
    profile = tempfile.mkdtemp(prefix="bench-profile-")
    context = playwright.chromium.launch_persistent_context(
        profile,
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        service_workers=os.environ.get("BENCH_SW", "allow"),
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        answered: dict[str, Any] = {}
        page.expose_function("__answered", lambda: answered.update(files=CountingHandler.files()))
        page.add_init_script(ANSWER_PROBE)
        if conditions:
            throttle(context, page, conditions)
        for kind in kinds:
            CountingHandler.reset()
            answered.clear()
            if kind == "cold":
                page.goto(url)
            else:
                page.reload()
            page.wait_for_function("() => window.__firstAnswer !== undefined", timeout=180_000)
            figures[kind].append(page.evaluate("() => window.__firstAnswer"))
            page.wait_for_timeout(100)  # the answered callback's round trip
            if kind == "cold":
                figures["cold_answer_bytes"].append(sum(answered.get("files", {}).values()))
                if files is not None:
                    files.append(answered.get("files", {}))
            if kind == "warm" and timings is not None:
                timings.append(page.evaluate(TIMINGS))
            # a visit is over when its requests are: what the page fetches after its answer
            # (the service worker's caching, the deferred stdlib) is counted, and the next
            # visit starts on a quiet machine, as a reader's later return would
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(SETTLE_MS)
            figures[f"{kind}_bytes"].append(CountingHandler.sent)
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def throttle(context: Any, page: Any, conditions: dict[str, Any]) -> None:
    """Emulate a slow link with the DevTools protocol's network emulation on the page."""
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", conditions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-slow", action="store_true", help="skip the emulated slow link")
    parser.add_argument("--no-phone", action="store_true", help="skip the weak phone link")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    os.environ["SERVE_QUIET"] = "1"
    files: list[dict[str, int]] = []
    timings: list[dict[str, Any]] = []
    phone: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(args.site, root, copy_function=os.link)
        # The bare page loads Pyodide as its documentation says: it needs the lock file and the
        # full standard library, which the calculator does without. Same precompression as the site.
        made = json.loads((root / "build-manifest.json").read_text(encoding="utf-8"))
        runtime = root / "runtime" / f"pyodide-{made['pyodide']}"
        # (and the whole wasm: the calculator's worker gets it in parts)
        for name in ("pyodide-lock.json", "python_stdlib.zip", "pyodide.asm.wasm"):
            data = (ROOT / "node_modules" / "pyodide" / name).read_bytes()
            (runtime / name).unlink(missing_ok=True)
            (runtime / name).write_bytes(data)
            compress_file(runtime / name, data)
        (root / "bench").mkdir()
        (root / "bench" / "bare.html").write_text(BARE_HTML, encoding="utf-8")
        pyodide_dir = runtime.relative_to(root).as_posix()
        bare_worker = BARE_WORKER.replace("PYODIDE_DIR", pyodide_dir)
        (root / "bench" / "bare-worker.mjs").write_text(bare_worker, encoding="utf-8")
        server = make_server(root, port=0, handler=CountingHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        with sync_playwright() as playwright:
            for slow in (False,) if args.no_slow else (False, True):
                link = "10 Mbit/s, 50 ms" if slow else "unthrottled"
                calc: dict[str, list[float]] = defaultdict(list)
                bare: dict[str, list[float]] = defaultdict(list)
                # the two pages take turns, so that a slower spell of the machine hits both alike
                for _ in range(args.runs):
                    measure(
                        playwright,
                        base + SHARE,
                        SLOW if slow else None,
                        calc,
                        files=None if slow else files,
                        timings=None if slow else timings,
                    )
                    measure(playwright, base + "bench/bare.html", SLOW if slow else None, bare)
                for kind in ("cold", "warm"):
                    a, b = median(calc[kind]), median(bare[kind])
                    rows.append(
                        (
                            link,
                            kind,
                            a,
                            b,
                            a / b,
                            median(calc[f"{kind}_bytes"]),
                            median(bare[f"{kind}_bytes"]),
                        )
                    )
            if not args.no_phone:
                measure(playwright, base + SHARE, PHONE, phone, kinds=("cold",))
        server.shutdown()
    print(f"median of {args.runs} runs, headless Chromium, served by tools/serve.py (precompressed files)")
    print("bytes: everything the visit fetched, its service worker's caching and the deferred stdlib included")
    print(
        f"{'link':<18}{'visit':<7}{'calculator ms':>15}{'bare ms':>10}{'ratio':>8}{'calc bytes':>13}{'bare bytes':>13}"
    )
    for link, kind, a, b, ratio, abytes, bbytes in rows:
        print(f"{link:<18}{kind:<7}{a:>15.0f}{b:>10.0f}{ratio:>8.2f}{abytes:>13,.0f}{bbytes:>13,.0f}")
    if files:
        print()
        print("calculator page, cold, unthrottled: bytes sent before the first answer (median by file)")
        paths = sorted({path for run in files for path in run}, key=lambda p: -median([r.get(p, 0) for r in files]))
        for path in paths:
            print(f"{median([run.get(path, 0) for run in files]):>13,.0f}  {path}")
        print(f"{median([sum(run.values()) for run in files]):>13,.0f}  in all")
    if timings:
        print()
        print("calculator page, warm, unthrottled: the worker's timings (ms since it started; median)")
        for key in sorted({k for t in timings for k, v in t.items() if isinstance(v, (int, float))}):
            print(f"{median([t[key] for t in timings if key in t]):>8.0f}  {key}")
    if phone.get("cold"):
        print()
        print(
            f"weak phone link (1.6 Mbit/s, 150 ms), cold: first answer at {phone['cold'][0] / 1000:.1f} s, "
            f"{phone['cold_answer_bytes'][0]:,.0f} bytes before it"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
