"""Mutation check: apply small, realistic bugs one at a time to a scratch copy and run the tests
that should catch each; report which bugs survive.

    .venv/bin/python tools/mutants.py [--only NAME ...] [--keep]

Each mutant names a file, a piece of its text, what that text becomes, and the tests to run.
The scratch copy is the working tree (without site/ and the build output) in a temporary
folder, with node_modules, .venv and the build cache shared read-only through symbolic links;
the real tree is never touched. A mutant whose text is not found is reported as "stale" (the
code moved: update the list). Not part of `make test`: it takes minutes per browser mutant.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTEST = [str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", "-x", "-q", "-p", "no:randomly"]
NODE_TEST = ["node", "--test", "tests/js/"]


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]  # pytest node ids or files; "node" runs the node unit tests

    def command(self) -> list[list[str]]:
        python = [test for test in self.tests if test != "node"]
        commands = [[*PYTEST, "-p", "no:xdist", *python]] if python else []
        if "node" in self.tests:
            commands.append(NODE_TEST)
        return commands


CORE = "tests/core"
MUTANTS = (
    # --- the rules and the answer's words (Python)
    Mutant(
        "leaving on the query day is called past",
        "calculator/rules.py",
        "passed = exit_on < on",
        "passed = exit_on <= on",
        (CORE,),
    ),
    Mutant(
        "the extended deadline day itself not told",
        "calculator/rules.py",
        "arguable = legal.day is not None and bool(moved) and safe < on <= legal.day",
        "arguable = legal.day is not None and bool(moved) and safe < on < legal.day",
        (CORE,),
    ),
    Mutant(
        "a deadline at 0:00 instead of 24:00",
        "calculator/dates.py",
        'return f"{format_date_zh(day)}24:00"',
        'return f"{format_date_zh(day)}0:00"',
        (CORE,),
    ),
    Mutant(
        "a late notice offers a calendar event",
        "calculator/text.py",
        '            if a["in_time"]\n            else []',
        "            if True\n            else []",
        (CORE,),
    ),
    Mutant(
        "the 15th-day marker condition inverted",
        "calculator/text.py",
        'if a["exit_date"] != a["fifteenth_day"]:',
        'if a["exit_date"] == a["fifteenth_day"]:',
        (CORE,),
    ),
    Mutant(
        "handle() takes the device's date",
        "calculator/api.py",
        "day = today if today is not None else today_beijing()",
        "day = today if today is not None else date.today()",
        (CORE,),
    ),
    Mutant(
        "leading zeros count toward a count's digits",
        "calculator/values.py",
        'if len(text.lstrip("0")) > MAX_COUNT_DIGITS:',
        "if len(text) > MAX_COUNT_DIGITS:",
        (CORE,),
    ),
    Mutant(
        "a Rest row drops its last day",
        "calculator/holiday_notices.py",
        "range((self.last - self.first).days + 1)",
        "range((self.last - self.first).days)",
        (CORE,),
    ),
    Mutant(
        "superscript digits read as digits",
        "calculator/dates.py",
        "return value.translate(_FULL_WIDTH).strip()",
        'return __import__("unicodedata").normalize("NFKC", value).strip()',
        (CORE,),
    ),
    Mutant(
        "an early application called simply in time",
        "calculator/text.py",
        'f"比想要的早 {early} 天。"',
        '""',
        (CORE,),
    ),
    # --- the page's pure functions (node --test)
    Mutant(
        "the bar full during the download",
        "docs/assets/calculator/calc-lib.js",
        "return total > 0 ? 0.9 * Math.min(1",
        "return total > 0 ? 1 * Math.min(1",
        ("node",),
    ),
    Mutant(
        "the .ics keeps 9999-12-31",
        "docs/assets/calculator/calc-lib.js",
        'event.date <= "9999-12-30"',
        'event.date <= "9999-12-31"',
        ("node",),
    ),
    Mutant(
        "reminders already past are kept",
        "docs/assets/calculator/calc-lib.js",
        "if (at.getTime() <= now.getTime()) continue;",
        "",
        ("node",),
    ),
    # --- the page, its worker and the service worker (browser tests)
    Mutant(
        "the starting step never said",
        "docs/assets/calculator/worker.mjs",
        'if (bytes.done === bytes.parts) send({ type: "progress", step: "start" });',
        "",
        ("tests/page/test_runtime.py::TestLoadingSteps",),
    ),
    Mutant(
        "a short kept part is used",
        "docs/assets/calculator/worker.mjs",
        "if (keptData && keptData.byteLength === part.size) {",
        "if (keptData) {",
        ("tests/page/test_runtime.py::TestKeptParts",),
    ),
    Mutant(
        "a share link's boxes ticked only by the answer",
        "docs/assets/calculator/calculator.js",
        'input.checked = ["1", "true", "on", "yes", "是"].includes(value.trim().toLowerCase());',
        "input.checked = false;",
        ("tests/page/test_answers.py::test_a_share_link_ticks_its_boxes_before_any_answer",),
    ),
    Mutant(
        "the runtime downloads before the page's own files",
        "docs/assets/calculator/worker.mjs",
        "  await allowed;\n",
        "",
        ("tests/page/test_runtime.py::TestEarlyStart",),
    ),
    Mutant(
        "an update drops the kept runtime",
        "sitebuild/sw.template.js",
        "if (name !== SITE_CACHE && name !== RUNTIME_CACHE) await caches.delete(name);",
        "if (name !== SITE_CACHE) await caches.delete(name);",
        ("tests/offline/test_redeploy.py",),
    ),
    Mutant(
        "the service worker keeps the parts it passes on",
        "sitebuild/sw.template.js",
        '!url.pathname.endsWith(".part")',
        "true",
        ("tests/offline/test_service_worker.py::test_a_part_the_calculator_refuses_is_not_kept_by_the_service_worker",),
    ),
    Mutant(
        "the service worker keeps a runtime file of the wrong length",
        "sitebuild/sw.template.js",
        "if (!data || data.byteLength !== runtimeSizes.get(url))",
        "if (!data)",
        ("tests/offline/test_service_worker.py::test_a_part_the_calculator_refuses_is_not_kept_by_the_service_worker",),
    ),
    Mutant(
        "too late shown in the dark scheme's accent",
        "docs/assets/calculator/calculator.css",
        '[data-md-color-scheme="slate"] .calc [data-tone="info"]',
        '[data-md-color-scheme="slate"] .calc [data-tone]',
        ("tests/page/test_answers.py::test_in_dark_mode_too_late_is_red",),
    ),
    Mutant(
        "a date the browser cannot read sent as empty",
        "docs/assets/calculator/calculator.js",
        'if (input.type === "date" && input.validity.badInput) request[input.name] = { unreadable: true };',
        "if (false) request[input.name] = { unreadable: true };",
        ("tests/page/test_date_typing.py::test_a_date_the_browser_cannot_read_is_an_error_of_that_field",),
    ),
    Mutant(
        "a server error page beats the kept page",
        "sitebuild/sw.template.js",
        "    } else if (response.status >= 500) {",
        "    } else if (response.status >= 600) {",
        ("tests/offline/test_service_worker.py::test_a_kept_page_beats_the_servers_error_page",),
    ),
    Mutant(
        "no service worker while the calculator never settles",
        "docs/assets/javascripts/site.js",
        'if (calculator && "mounted" in calculator.dataset && calculator.dataset.state === "loading") {',
        "if (calculator) {",
        (
            "tests/offline/test_service_worker.py::test_the_service_worker_is_registered_even_if_the_calculator_never_runs",
        ),
    ),
    Mutant(
        "the offline page shows the address it was given",
        "docs/assets/javascripts/site.js",
        'link.textContent = page.textContent?.trim() ?? "";',
        "link.textContent = decodeURIComponent(target.pathname);",
        ("tests/offline/test_service_worker.py::test_offline_a_page_not_in_the_cache_gets_the_offline_page",),
    ),
    Mutant(
        "serve.py: a later date counts as current (rollbacks never arrive)",
        "tools/serve.py",
        "return since is not None and since.strip() == last_modified",
        "return since is not None and email.utils.parsedate_to_datetime(since)"
        " >= email.utils.parsedate_to_datetime(last_modified)",
        ("tests/hosting/test_serve.py::test_a_rollback_reaches_a_returning_reader",),
    ),
    # --- sharing an answer (browser tests)
    Mutant(
        "the share link keeps its values in the query",
        "docs/assets/calculator/calculator.js",
        '  url.search = "";\n  url.hash = shareSearch(form.dataset.tool ?? "", values);',
        '  url.search = shareSearch(form.dataset.tool ?? "", values);\n  url.hash = form.dataset.tool ?? "";',
        ("tests/page/test_share.py::test_the_link_carries_the_values_in_its_fragment",),
    ),
    Mutant(
        "the QR code made of the page's address, not the answer's link",
        "docs/assets/calculator/calculator.js",
        'button("data-qr", WORDS.qr, () => showQr(url))',
        'button("data-qr", WORDS.qr, () => showQr(location.origin + location.pathname))',
        ("tests/page/test_share.py::test_the_qr_code_reads_as_the_share_link",),
    ),
    Mutant(
        "the picture drops the lead's text",
        "docs/assets/calculator/calculator.js",
        "...card.lines.slice(1).map(",
        "...card.lines.slice(2).map(",
        ("tests/page/test_share.py::test_the_saved_picture_carries_the_answer_and_its_link",),
    ),
    Mutant(
        "a link replacing another leaves a box ticked",
        "docs/assets/calculator/calculator.js",
        "      input.checked = input.defaultChecked;\n",
        "",
        ("tests/page/test_share.py::test_a_later_link_on_the_same_page_starts_from_the_form",),
    ),
    Mutant(
        "打印 prints every answer",
        "docs/assets/calculator/calculator.css",
        ".calc:has(.calc-tool[data-print]) .calc-tool:not([data-print]) { display: none; }",
        "",
        ("tests/page/test_share.py::test_print_prints_this_answer",),
    ),
)

SKIP = {".git", ".venv", "node_modules", "site", "site-offline", "build", ".stamps", ".pytest_cache"}


def scratch_copy() -> Path:
    """The working tree in a temporary folder; the heavy, read-only folders linked."""
    target = Path(tempfile.mkdtemp(prefix="mutants-")) / "project"
    shutil.copytree(ROOT, target, ignore=lambda folder, names: [n for n in names if n in SKIP and folder == str(ROOT)])
    for shared in (".venv", "node_modules"):
        (target / shared).symlink_to(ROOT / shared)
    (target / "build").mkdir()
    cache = ROOT / "build" / "runtime-cache"
    if cache.is_dir():
        shutil.copytree(cache, target / "build" / "runtime-cache")  # builds write into it
    return target


def run(mutant: Mutant, project: Path) -> str:
    """killed, survived or stale, after applying the mutant to ``project`` and restoring it."""
    path = project / mutant.path
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        return "stale"
    path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        for command in mutant.command():
            done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                return "killed"
        return "survived"
    finally:
        path.write_text(original, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only the mutants whose name contains one of these")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.only or any(word in m.name for word in args.only)]
    project = scratch_copy()
    print(f"scratch copy: {project}")
    results: dict[str, list[str]] = {"killed": [], "survived": [], "stale": []}
    try:
        for mutant in chosen:
            started = time.monotonic()
            outcome = run(mutant, project)
            results[outcome].append(mutant.name)
            where = " ".join(mutant.tests)
            print(f"{outcome:<9}{time.monotonic() - started:>6.0f} s  {mutant.name}  ({mutant.path} → {where})")
            sys.stdout.flush()
    finally:
        if not args.keep:
            shutil.rmtree(project.parent, ignore_errors=True)
    python = [m for m in chosen if m.path.endswith(".py")]
    other = [m for m in chosen if not m.path.endswith(".py")]
    for label, group in (("Python", python), ("JavaScript, CSS and the service worker", other)):
        killed = sum(m.name in results["killed"] for m in group)
        counted = sum(m.name not in results["stale"] for m in group)
        if counted:
            print(f"{label}: {killed} of {counted} killed ({100 * killed / counted:.0f} %)")
    for name in results["survived"]:
        print(f"survived: {name}")
    for name in results["stale"]:
        print(f"stale (text not found): {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
