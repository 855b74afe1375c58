"""One word for each thing: no page, CLI answer or calculator source uses a variant the glossary forbids."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from calculator.contract import COMMANDS, FIELDS, Kind
from calculator.terms import TERMS, Term

ROOT = Path(__file__).resolve().parents[2]
_MARKUP = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_FORBIDDING = [term for term in TERMS if term.forbidden]


def variants(text: str) -> dict[str, list[str]]:
    found = {term.word: term.variants_in(text) for term in _FORBIDDING}
    return {word: hits for word, hits in found.items() if hits}


def visible_text(html: str) -> str:
    return _MARKUP.sub(" ", html)


# A variant of each term, planted in an ordinary sentence: the check must find every one.
PLANTED = {
    "正常": "总体：未触发",
    "未检查": "保证金未评估",
    "最晚可争取": "节假日顺延后最晚可主张到 10 月 8 日",
    "稳妥期限": "安全期限是 10 月 3 日",
    "禁入期最后一天": "禁止重新加入的最后一天是 8 月 15 日",
    "退出日": "退出生效日是 5 月 30 日",
    "查询日": "查询日期默认今天",
    "最晚申请日": "最迟申请日是 12 月 16 日",
    "材料严重不实": "材料不实属于清退情形",
    "VIP批发中心": "退出 VIP 批发中心",
    "来源 A": "来源B还多说了一句",
    "补交": "3 天内补缴 1000 元",
    "重新加入": "禁入期满后可以重新申请加入",
}


@pytest.mark.parametrize("term", _FORBIDDING, ids=[term.word for term in _FORBIDDING])
def test_a_planted_variant_is_found(term: Term) -> None:
    assert term.variants_in(PLANTED[term.word]), f"{term.forbidden!r} misses {PLANTED[term.word]!r}"
    assert variants(f"这一段没有问题。{PLANTED[term.word]}。") != {}


def test_the_preferred_words_are_not_forbidden() -> None:
    sentence = "，".join(term.word for term in TERMS) + "，尚未触发，材料严重不实"
    assert variants(sentence) == {}


def test_built_pages_use_the_glossary(built_site: Path) -> None:
    found = {}
    for page in sorted(built_site.rglob("*.html")):
        hits = variants(visible_text(page.read_text(encoding="utf-8")))
        if hits:
            found[str(page.relative_to(built_site))] = hits
    assert found == {}


def test_calculator_sources_use_the_glossary() -> None:
    sources = [p for p in (ROOT / "calculator").glob("*.py") if p.name != "terms.py"]
    sources += sorted((ROOT / "docs" / "assets" / "calculator").glob("*.*js"))
    sources += sorted((ROOT / "calcdocs").glob("*.py"))
    found = {p.name: hits for p in sources if (hits := variants(p.read_text(encoding="utf-8")))}
    assert found == {}


def _cli(command: str, example: dict[str, str]) -> str:
    argv = [sys.executable, "-m", "calculator", command]
    for name, value in example.items():
        field = FIELDS[name]
        argv += [field.cli_option] if field.kind is Kind.FLAG else [field.cli_option, value]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60).stdout


def test_cli_answers_use_the_glossary() -> None:
    outputs = [_cli(c.name, example) for c in COMMANDS.values() for example in c.examples]
    assert all(outputs)
    assert variants("\n".join(outputs)) == {}


def test_readers_pages_have_no_command_line_and_nothing_unfinished(built_site: Path) -> None:
    """Command-line use lives on the developers' page only; no page says it is still being made."""
    found = {}
    for page in sorted(built_site.rglob("*.html")):
        text = visible_text(page.read_text(encoding="utf-8"))
        name = str(page.relative_to(built_site))
        hits = [word for word in ("正在制作中", "制作中") if word in text]
        if not name.startswith("developers/"):
            hits += re.findall(r"python3? -m calculator|make serve", text)
        if hits:
            found[name] = hits
    assert found == {}


def test_developers_page_lists_the_whole_contract(built_site: Path) -> None:
    text = visible_text((built_site / "developers" / "index.html").read_text(encoding="utf-8"))
    for command in COMMANDS.values():
        assert command.summary in text
        for field in command.fields:
            assert field.name in text and field.cli_option in text and field.help in text
