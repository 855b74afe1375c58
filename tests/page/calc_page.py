"""Helpers to drive the calculator page the way a person does, and read what it shows."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from calculator import cli
from calculator.contract import FIELDS, Kind

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_MS = 60_000

# Reads every answer field in a form's result: a date from its <time datetime>, else data-value.
READ_RESULT = """form => {
  const fields = {};
  for (const node of form.querySelectorAll('[data-result] [data-field]')) {
    const time = node.querySelector('time');
    const value = time ? time.getAttribute('datetime') : node.dataset.value;
    if (value !== undefined) fields[node.dataset.field] = value;
  }
  const rules = {};
  for (const node of form.querySelectorAll('[data-result] [data-rule]')) rules[node.dataset.rule] = node.dataset.value;
  return {fields, rules};
}"""


# What a person reads on a form's answer card, in the CLI's line format (calculator/text.py
# render): what to do first (the lead's title and text), "label：text" for the headline and each
# row, "- rule：status。reason怎么办：advice" for each rule with something to do, "- 其余 N 项正常：…"
# for the folded rest, "title：date。note" for each deadline, "下一步：…". Only visible text is read.
READ_CARD = """form => {
  const card = form.querySelector('[data-result] .calc-card');
  if (!card) return null;
  const text = (node) => (node ? node.innerText.replace(/\\s+/g, ' ').trim() : '');
  const lines = [text(card.querySelector('.calc-lead-title'))];
  const lead = card.querySelector('.calc-lead-text');
  if (lead) lines.push(text(lead));
  lines.push(text(card.querySelector('.calc-headline')).replace(/： /, '：'));
  for (const row of card.querySelectorAll('dl > .calc-row')) {
    lines.push(`${text(row.querySelector('dt'))}：${text(row.querySelector('dd'))}`);
  }
  for (const rule of card.querySelectorAll('.calc-rules[data-field] > li[data-rule]')) {
    lines.push(`- ${text(rule.querySelector('strong'))}${text(rule.querySelector('.calc-badge'))}。` +
      `${text(rule.querySelector('.calc-reason'))}${text(rule.querySelector('.calc-advice'))}`);
  }
  const folded = card.querySelector('.calc-folded summary');
  if (folded) lines.push(`- ${text(folded)}`);
  for (const box of card.querySelectorAll('.calc-deadline')) {
    lines.push(`${text(box.querySelector('h3'))}：${text(box.querySelector('.calc-deadline-date'))}。` +
      text(box.querySelector('.calc-deadline-note')));
  }
  const next = card.querySelector('.calc-next');
  if (next) {
    const words = next.cloneNode(true);  // the follow-up link is not part of the sentence
    for (const link of words.querySelectorAll('a')) link.remove();
    lines.push(words.textContent.replace(/\\s+/g, ' ').trim());
  }
  return lines;
}"""


def read_card(page: Any, tool: str) -> list[str]:
    """The answer card as a person reads it, one CLI-format line per thing shown."""
    lines: list[str] = form(page, tool).evaluate(READ_CARD)
    return lines


def cli_text(tool: str, fields: dict[str, Any]) -> list[str]:
    """What ``python -m calculator`` prints for the same request, line by line (its ``main``, in
    this process: tests/cli runs it as a process of its own)."""
    return _cli(_argv(tool, fields)[3:]).splitlines()


def _cli(argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(argv)
    assert status == 0, f"python -m calculator {' '.join(argv)}: exit status {status}"
    return out.getvalue()


def share_url(site_url: str, tool: str, fields: dict[str, Any]) -> str:
    """A share link as the page makes it: the values in the fragment, never sent to a server."""
    return f"{site_url}calculator/#{urlencode({'tool': tool, **fields})}"


# A link pasted into the address bar of a tab that shows the calculator: only the fragment
# changes; Material draws the page again without loading it, and the calculator's Python stays.
# Every answer on the page is cleared and marked busy first, so that what the test then waits
# for is the answer to this link.
_FOLLOW = """(url) => {
  for (const result of document.querySelectorAll('[data-result]')) {
    result.replaceChildren();
    result.setAttribute('aria-busy', 'true');
  }
  history.replaceState(history.state, '', location.pathname);  // a fragment that surely changes
  location.assign(url);
}"""


def open_link(page: Any, url: str) -> None:
    """Open a share link in this tab, as a person pastes it: without reloading a calculator
    that is already open (its answers wait on the fragment), else by loading the page."""
    here = page.url.split("#")[0]
    if here == url.split("#")[0] and page.locator("[data-calculator][data-mounted]").count():
        page.evaluate(_FOLLOW, url)
    else:
        page.goto(url)


def wait_ready(page: Any) -> None:
    page.wait_for_selector("[data-calculator][data-state='ready']", timeout=READY_TIMEOUT_MS)


def form(page: Any, tool: str) -> Any:
    return page.locator(f"form[data-tool='{tool}']")


def wait_answer(page: Any, tool: str) -> None:
    """Wait until the answer to the form's latest state is on screen (not an earlier one)."""
    form(page, tool).locator("[data-result]:not([aria-busy]) [data-field]").first.wait_for(timeout=READY_TIMEOUT_MS)


def wait_settled(page: Any, tool: str) -> None:
    """Wait until the form's latest request has been answered, with an answer or an error."""
    form(page, tool).locator("[data-result]:not([aria-busy])").wait_for(state="attached", timeout=READY_TIMEOUT_MS)


def submit(page: Any, tool: str, fields: dict[str, str]) -> None:
    """Reset the form, fill it as a person would, press Enter and wait for the answer."""
    the_form = form(page, tool)
    the_form.get_by_role("button", name="清空").click()
    the_form.locator("[data-result]:empty").wait_for(state="attached")
    for name, value in fields.items():
        field = the_form.locator(f"[name='{name}']")
        if field.get_attribute("type") == "checkbox":
            field.set_checked(value in ("1", "true", True))
        else:
            field.fill(value)
    the_form.locator("input[name]").first.press("Enter")
    wait_answer(page, tool)


def read_result(page: Any, tool: str) -> dict[str, Any]:
    return form(page, tool).evaluate(READ_RESULT)


def _argv(tool: str, fields: dict[str, Any]) -> list[str]:
    argv = [sys.executable, "-m", "calculator", tool]
    for name, value in fields.items():
        option = FIELDS[name].cli_option
        if FIELDS[name].kind is Kind.FLAG:
            if value in (True, "1"):
                argv.append(option)
        else:
            argv += [option, str(value)]
    return argv


def cli_json(tool: str, fields: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(_cli([*_argv(tool, fields)[3:], "--json"]))
    return answer


def flatten(answer: dict[str, Any]) -> dict[str, str]:
    """The JSON answer as the page's data-field keys and the strings it shows for machines."""
    flat: dict[str, str] = {}
    for key, value in answer.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{k}": _text(v) for k, v in value.items()})
        elif not isinstance(value, list):
            flat[key] = _text(value)
    return flat


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
