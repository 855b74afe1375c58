"""The site builds with --strict, and its worked examples come from the calculator."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from browser_support import ROOT, copy_project, mkdocs_build

from calcdocs.errors import PlaceholderError
from calcdocs.examples import fill
from calcdocs.extension import CalcExtension

PAGES = [
    "index.html",
    "cancel/index.html",
    "exit/index.html",
    "removal/index.html",
    "deadlines/index.html",
    "calculator/index.html",
    "faq/index.html",
    "glossary/index.html",
    "sources/index.html",
]


class TestBuild:
    @pytest.mark.parametrize("page", PAGES)
    def test_page_exists(self, built_site: Path, page: str) -> None:
        html = (built_site / page).read_text(encoding="utf-8")
        assert '<html lang="zh"' in html

    def test_no_placeholder_left(self, built_site: Path) -> None:
        for page in built_site.rglob("*.html"):
            assert "{{" not in page.read_text(encoding="utf-8"), page

    def test_every_icon_shortcode_became_an_icon(self, built_site: Path) -> None:
        # an unknown :set-name: is left as text by pymdownx.emoji, even in a strict build
        shortcode = re.compile(r":(?:material|octicons|fontawesome|simple)-[a-z0-9-]+:")
        for page in built_site.rglob("*.html"):
            assert shortcode.findall(page.read_text(encoding="utf-8")) == [], page

    def test_search_index_segmented(self, built_site: Path) -> None:
        index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
        text = "\n".join(doc["title"] + doc["text"] for doc in index["docs"])
        # jieba ran (U+200B between words) and kept the dictionary's words whole
        for word in ("自缴保证金", "淘管家", "法定休假日", "合作中的供应商"):
            assert f"\u200b{word}\u200b" in text


class TestWorkedExamples:
    """The dates on the pages are the calculator's answers, not typed by hand."""

    @pytest.mark.parametrize(
        ("page", "placeholder", "shown"),
        [
            # literal dates from the rulings (R3–R9), not recomputed by the code under test
            pytest.param("exit", "{{ calc exit applied=2026-05-15", "2026年5月30日（星期六）", id="退出日"),
            pytest.param("exit", "{{ calc notice", "2026年6月16日（星期二）", id="最晚申请日"),
            pytest.param("exit", "{{ calc reentry", "2028年2月29日（星期二）", id="闰年禁入期"),
            pytest.param("deadlines", "{{ calc risk", "2026年10月8日（星期四）", id="国庆顺延"),
            pytest.param("deadlines", "{{ calc risk", "2026年2月24日（星期二）", id="春节顺延"),
        ],
    )
    def test_date_shown(self, built_site: Path, page: str, placeholder: str, shown: str) -> None:
        source = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
        assert placeholder in source  # the page computes the date, it does not hard-code it
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert shown in html

    def test_calendar_marks_deadlines(self, built_site: Path) -> None:
        html = (built_site / "deadlines" / "index.html").read_text(encoding="utf-8")
        table = html[html.index('<table class="calc-calendar">') :]
        table = table[: table.index("</table>")]
        cells = re.findall(r'<td class="([^"]*)">(?:<span[^>]*>[^<]*</span>)?<time datetime="([0-9-]+)">', table)
        classes = {day: set(names.split()) for names, day in cells}
        assert len(classes) == 14  # two weeks, Monday 9-28 to Sunday 10-11
        assert {"cal-work", "cal-start"} <= classes["2026-09-30"]
        assert {"cal-holiday", "cal-count", "cal-safe"} <= classes["2026-10-03"]
        assert {"cal-work", "cal-legal"} <= classes["2026-10-08"]
        assert "cal-makeup" in classes["2026-10-10"]  # 调休上班 (Saturday)
        assert "cal-weekend" in classes["2026-10-11"]


class TestPlaceholders:
    """calcdocs/examples.py on its own: good placeholders filled in, bad ones stop the build."""

    def render(self, markdown: str) -> str:
        return fill(markdown, "2026-11-27")

    def test_the_extension_fills_them_in_as_markdown_renders(self) -> None:
        import markdown

        html = markdown.markdown(
            "退出日：{{ calc exit applied=2026-05-15 -> exit_date }}", extensions=[CalcExtension()]
        )
        assert html == "<p>退出日：2026年5月30日（星期六）</p>"

    @pytest.mark.parametrize(
        ("placeholder", "expected"),
        [
            pytest.param("{{ calc exit applied=2026-05-15 -> exit_date }}", "2026年5月30日（星期六）", id="日期"),
            pytest.param("{{ calc exit applied=2026-05-15 -> exit_date|short }}", "5月30日", id="短日期"),
            pytest.param("{{ calc exit applied=2026-05-15 -> exit_date|iso }}", "2026-05-30", id="ISO"),
            pytest.param("{{ calc exit applied=2026-05-15 -> basis }}", "申请后的第 15 日（申请当天不算）", id="依据"),
            pytest.param(
                "{{ calc risk on=2026-10-02 deposit=5000 below_since=2026-09-30 -> rules.deposit.status }}",
                "有风险",
                id="规则状态",
            ),
            pytest.param(
                "{{ calc risk on=2026-10-02 deposit=5000 below_since=2026-09-30 -> deposit.amount_needed }}",
                "1000.00",
                id="金额",
            ),
            pytest.param("{{ calc reentry exit_date=2026-05-30 on=2026-09-01 -> eligible }}", "是", id="布尔"),
            pytest.param("{{ last_checked }}", "2026年11月27日", id="核对日期"),
        ],
    )
    def test_filled_in(self, placeholder: str, expected: str) -> None:
        assert self.render(f"前{placeholder}后") == f"前{expected}后"

    def test_other_braces_left_alone(self) -> None:
        assert self.render("{{ something else }}") == "{{ something else }}"

    @pytest.mark.parametrize(
        ("placeholder", "message"),
        [
            pytest.param("{{ calc exit applied=2026-02-30 -> exit_date }}", "applied", id="不存在的日期"),
            pytest.param(
                "{{ calc exit applied=2026-05-15 confirmed=2026-06-30 -> exit_date }}",
                "confirmed",
                id="确认日期晚于第15日",
            ),
            pytest.param("{{ calc exit applied=2026-05-15 }}", "->", id="缺答案键"),
            pytest.param("{{ calc exit applied=2026-05-15 -> nope }}", "nope", id="未知答案键"),
            pytest.param("{{ calc exit applied=2026-05-15 -> exit_date|fancy }}", "fancy", id="未知格式"),
            pytest.param("{{ calc exit applied=2026-05-15 applied=2026-05-16 -> exit_date }}", "重复", id="字段重复"),
            pytest.param("{{ calc launch applied=2026-05-15 -> exit_date }}", "command", id="未知命令"),
            pytest.param("{{ calc reentry exit_date=2026-05-15 -> ban_last_day }}", "on=", id="缺on"),
            pytest.param(
                "{{ calc risk on=2030-03-11 deposit=5000 below_since=2030-03-10 -> deposit.legal_deadline }}",
                "null",
                id="未公布年份没有顺延期限",
            ),
            pytest.param("{{ calendar exit applied=2026-05-15 }}", "calendar", id="日历只用于risk"),
            pytest.param("{{ last_checked now }}", "last_checked", id="核对日期不带参数"),
        ],
    )
    def test_bad_placeholder_stops_the_build(self, placeholder: str, message: str) -> None:
        with pytest.raises(PlaceholderError) as caught:
            self.render(f"例子：{placeholder}")
        assert message in str(caught.value)


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's sources copied aside (the rest of the project linked), so a test can break a page."""
    return copy_project(tmp_path_factory.mktemp("project"))


class TestBuildFailsLoudly:
    def test_bad_placeholder_fails_the_build(self, project_copy: Path) -> None:
        page = project_copy / "docs" / "faq.md"
        original = page.read_text(encoding="utf-8")
        page.write_text(original + "\n\n例子：{{ calc exit applied=2026-02-30 -> exit_date }}\n", encoding="utf-8")
        try:
            result = mkdocs_build(project_copy / "site", project_copy / "mkdocs.yml", project_copy.parent)
        finally:
            page.write_text(original, encoding="utf-8")
        assert result.returncode != 0
        assert "faq.md" in result.stderr and "applied" in result.stderr


# python -m sitebuild, with a check that MkDocs was never imported on the way
POST_BUILD_ALONE = """
import runpy, sys
sys.argv = ["sitebuild", *sys.argv[1:]]
try:
    runpy.run_module("sitebuild", run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
imported = sorted(name for name in sys.modules if name.split(".")[0] == "mkdocs")
if imported:
    sys.exit(f"MkDocs imported: {imported}")
sys.exit(code)
"""


def test_the_post_build_is_a_program_of_its_own(built_site: Path, site_url: str, tmp_path: Path) -> None:
    """MkDocs alone, then ``python -m sitebuild``: the same site as ``mkdocs build``, byte for byte."""
    import subprocess
    import sys

    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    (project / "mkdocs.markdown-only.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks:\n  - hooks/abs_paths.py\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    built = mkdocs_build(site, project / "mkdocs.markdown-only.yml", project, site_url=site_url)
    assert built.returncode == 0, built.stderr
    assert not (site / "sw.js").exists() and not (site / "runtime").exists()  # MkDocs' part only
    done = subprocess.run(
        [sys.executable, "-c", POST_BUILD_ALONE, str(site)], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    alone, whole = files(site), files(built_site)
    assert alone.keys() == whole.keys()
    assert [path for path in alone if alone[path] != whole[path]] == []


@pytest.mark.slow
def test_worked_examples_follow_the_threshold_default(tmp_path: Path) -> None:
    """Changing the default threshold in the contract changes every worked example with it;
    what the sources said ("来源写作时是 6000 元") keeps the sources' figure."""
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    (project / "calculator").unlink()
    shutil.copytree(ROOT / "calculator", project / "calculator")
    contract = project / "calculator" / "contract.py"
    text = contract.read_text(encoding="utf-8")
    assert text.count('DEFAULT_THRESHOLD = Decimal("6000.00")') == 1
    contract.write_text(text.replace('Decimal("6000.00")', 'Decimal("7000.00")'), encoding="utf-8")
    (project / "mkdocs.markdown-only.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks:\n  - hooks/abs_paths.py\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    built = mkdocs_build(site, project / "mkdocs.markdown-only.yml", project)
    assert built.returncode == 0, built.stderr
    deposit = (site / "deposit" / "index.html").read_text(encoding="utf-8")
    deadlines = (site / "deadlines" / "index.html").read_text(encoding="utf-8")
    assert "低于 7000.00 元的门槛" in deposit and "要补 <strong>1200.00 元</strong>" in deposit
    assert "低于 7000.00 元的门槛" in deadlines
    assert "来源写作时是 6000 元" in deposit  # the sources' own figure stays
    form = (site / "calculator" / "index.html").read_text(encoding="utf-8")
    assert 'name="threshold" value="7000.00"' in form
