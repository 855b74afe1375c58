"""`python -m calculator` as a separate process: every bad input of the contract."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculator", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_issue_example() -> None:
    done = cli("risk", "--on", "2026-02-14", "--deposit", "0", "--below-since", "2026-02-13", "--json")
    assert done.returncode == 0, done.stderr
    deposit = json.loads(done.stdout)["deposit"]
    assert (deposit["safe_deadline"], deposit["legal_deadline"]) == ("2026-02-16", "2026-02-24")


def test_an_amount_written_with_yuan() -> None:
    """What people type into the deposit field: 5000元, and the answer leads with the deadline."""
    done = cli("risk", "--on", "2026-10-02", "--deposit", "5000元", "--below-since", "2026-09-30")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "2026年10月3日（星期六）24:00 前补交自缴保证金 1000.00 元"


def test_exit_if_applied_is_always_in_the_notice_answer() -> None:
    early = json.loads(cli("notice", "--exit-on", "2026-07-01", "--on", "2026-05-20", "--json").stdout)
    assert (early["in_time"], early["exit_if_applied"]) == (True, "2026-06-04")
    late = json.loads(cli("notice", "--exit-on", "2026-12-10", "--on", "2026-12-02", "--json").stdout)
    assert (late["in_time"], late["exit_if_applied"]) == (False, "2026-12-17")


BAD_INPUT = [
    pytest.param(("exit", "--applied", "2026-02-30"), "--applied", id="不存在的日期"),
    pytest.param(("exit", "--applied", "2026/02/03/04"), "--applied", id="格式错误的日期"),
    pytest.param(("risk", "--deposit", "4500,50", "--below-since", "2026-05-01"), "--deposit", id="逗号位置不对"),
    pytest.param(("risk", "--complaints", "9" * 5000), "--complaints", id="几千位的次数"),
    pytest.param(("notice", "--exit-on", "0001-01-10"), "--exit-on", id="早于0001年"),
    pytest.param(
        ("exit", "--applied", "2026-05-15", "--confirmed", "2026-05-31"), "--confirmed", id="确认日晚于第15日"
    ),
    pytest.param(
        ("exit", "--applied", "2026-05-15", "--confirmed", "2026-05-14"), "--confirmed", id="确认日早于申请日"
    ),
    pytest.param(("risk", "--deposit", "-1", "--below-since", "2026-01-01"), "--deposit", id="负金额"),
    pytest.param(("risk", "--deposit", "abc"), "--deposit", id="非数字金额"),
    pytest.param(("risk", "--deposit", "NaN"), "--deposit", id="NaN"),
    pytest.param(("risk", "--deposit", "inf"), "--deposit", id="无穷"),
    pytest.param(("risk", "--deposit", "1.001"), "--deposit", id="三位小数"),
    pytest.param(("risk", "--threshold", "-5"), "--threshold", id="负门槛"),
    pytest.param(("risk", "--complaints", "-1"), "--complaints", id="负次数"),
    pytest.param(("risk", "--fake-transactions", "1.5"), "--fake-transactions", id="非整数次数"),
    pytest.param(("risk", "--fault-disputes", "x"), "--fault-disputes", id="非数字次数"),
    pytest.param(("risk", "--deposit", "100"), "--below-since", id="低于门槛缺日期"),
    pytest.param(
        ("risk", "--on", "2026-01-01", "--deposit", "1", "--below-since", "2026-01-02"),
        "--below-since",
        id="日期晚于查询日",
    ),
    pytest.param(("exit", "--applied", "9999-12-20"), "--applied", id="退出日超出9999"),
    pytest.param(("reentry", "--exit-date", "9999-10-01"), "--exit-date", id="禁入期超出9999"),
    pytest.param(
        ("risk", "--on", "9999-12-31", "--deposit", "1", "--below-since", "9999-12-30"),
        "--below-since",
        id="补交期限超出9999",
    ),
    pytest.param(("reentry", "--exit-date", "2026-01-01", "--on", "2026-13-01"), "--on", id="on无效"),
    pytest.param(("risk", "--deposit", "$5000", "--below-since", "2026-01-01"), "--deposit", id="美元"),
    pytest.param(("risk", "--deposit", "5000美元", "--below-since", "2026-01-01"), "--deposit", id="美元汉字"),
    pytest.param(("risk", "--complaints", "②"), "--complaints", id="圈码"),
    pytest.param(("notice", "--exit-on", "9999-12-31", "--on", "9999-12-20"), "--on", id="现在申请的退出日超出9999"),
]


@pytest.mark.parametrize(("argv", "option"), BAD_INPUT)
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_bad_input(argv: tuple[str, ...], option: str, as_json: bool) -> None:
    done = cli(*argv, *(("--json",) if as_json else ()))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert option in lines[0]
    assert lines[0].startswith("错误：")
    assert "Traceback" not in done.stderr
