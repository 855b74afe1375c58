"""The CLI in-process (this file also runs inside Pyodide)."""

import json

import pytest

from calculator.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestCliAnswers:
    def test_issue_example_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(
            capsys, "risk", "--on", "2026-02-14", "--deposit", "0", "--below-since", "2026-02-13", "--json"
        )
        answer = json.loads(out)
        assert (code, err) == (0, "")
        assert answer["deposit"]["safe_deadline"] == "2026-02-16"
        assert answer["deposit"]["legal_deadline"] == "2026-02-24"
        assert answer["level"] == "at_risk"

    def test_flags_and_counts(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "risk", "--on", "2026-01-05", "--complaints", "2", "--refused-cooperation", "--json")
        rules = {rule["id"]: rule["status"] for rule in json.loads(out)["rules"]}
        assert code == 0
        assert (rules["complaints"], rules["disputes"]) == ("at_risk", "triggered")

    @pytest.mark.parametrize(
        ("argv", "expected"),
        [
            pytest.param(("exit", "--applied", "2026-05-15"), "退出日：2026年5月30日（星期六）", id="exit"),
            pytest.param(("notice", "--exit-on", "2026-12-31", "--on", "2026-12-01"), "2026年12月16日", id="notice"),
            pytest.param(
                ("reentry", "--exit-date", "2026-11-30", "--on", "2027-03-01"),
                "现在能加入吗：已经可以重新加入",
                id="reentry",
            ),
        ],
    )
    def test_readable_chinese(self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], expected: str) -> None:
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert expected in out

    def test_json_is_one_object(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "reentry", "--exit-date", "2026-05-15", "--on", "2026-08-16", "--json")
        assert out.count("\n") == 1
        assert json.loads(out) == {
            "exit_date": "2026-05-15",
            "ban_last_day": "2026-08-15",
            "earliest_rejoin": "2026-08-16",
            "on": "2026-08-16",
            "eligible": True,
            "days_left": 0,
        }


class TestCliErrors:
    @pytest.mark.parametrize(
        ("argv", "option"),
        [
            pytest.param(("exit", "--applied", "2026-02-30"), "--applied", id="不存在的日子"),
            pytest.param(("exit",), "--applied", id="缺少"),
            pytest.param(("risk", "--threshold", "abc"), "--threshold", id="门槛非数字"),
            pytest.param(("risk", "--nope"), "--nope", id="未知选项"),
            pytest.param(("risk", "--complaints"), "--complaints", id="缺值"),
            pytest.param(("fly",), "fly", id="未知命令"),
        ],
    )
    def test_one_chinese_line_naming_the_option(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], option: str
    ) -> None:
        code, out, err = run(capsys, *argv)
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1
        assert err.startswith("错误：")
        assert option in err
