"""``python -m calculator``: the command line face of :func:`calculator.compute`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .api import compute
from .errors import InputError
from .text import render


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m calculator",
        description="1688 VIP批发中心 退出与清退日期计算器（规则见 docs/）。",
    )
    commands = parser.add_subparsers(dest="command", metavar="{exit,notice,reentry,risk}")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
        return sub

    exit_ = command("exit", "退出日：申请后的第 15 日，或阿里巴巴确认的更早日期")
    exit_.add_argument("--applied", metavar="DATE", help="提出退出申请的日期 YYYY-MM-DD")
    exit_.add_argument("--confirmed", metavar="DATE", help="阿里巴巴确认的更早退出日期")
    notice = command("notice", "想在某天退出，最晚哪天申请")
    notice.add_argument("--exit-on", metavar="DATE", help="想要退出的日期")
    notice.add_argument("--on", metavar="DATE", help="查询日期，默认今天（北京时间）")
    reentry = command("reentry", "主动退出后最早哪天能重新加入")
    reentry.add_argument("--exit-date", metavar="DATE", help="退出日期")
    reentry.add_argument("--on", metavar="DATE", help="查询日期，默认今天（北京时间）")
    risk = command("risk", "强制清退风险与补缴期限")
    risk.add_argument("--on", metavar="DATE", help="查询日期，默认今天（北京时间）")
    risk.add_argument("--deposit", metavar="AMOUNT", help="当前自缴保证金余额（元）")
    risk.add_argument("--below-since", metavar="DATE", help="余额开始低于门槛的日期")
    risk.add_argument("--threshold", metavar="AMOUNT", help="保证金门槛，默认 6000.00 元")
    for name, text in (
        ("--complaints", "有效投诉次数"),
        ("--fake-transactions", "虚假交易次数"),
        ("--fault-disputes", "阿里巴巴判定供应商有责的纠纷次数"),
    ):
        risk.add_argument(name, metavar="N", help=text)
    for name, text in (
        ("--refused-cooperation", "有责纠纷中拒不配合解决"),
        ("--false-materials", "证明材料严重不实"),
        ("--sales-target-missed", "未达到销售指标"),
        ("--other-violation", "其他严重违规"),
    ):
        risk.add_argument(name, action="store_true", help=text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (2 for bad input)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as err:
        print(f"错误：命令行参数有误（{err}）。用法见 python -m calculator --help", file=sys.stderr)
        return 2
    if args.command is None:
        parser.print_help()
        return 2
    request = {k: v for k, v in vars(args).items() if k != "json" and v is not None}
    try:
        answer = compute(request)
    except InputError as err:
        option = "--" + err.field.replace("_", "-")
        print(f"错误：{option}：{err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(answer, ensure_ascii=False))
    else:
        print(render(args.command, answer))
    return 0
