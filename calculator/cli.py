"""``python -m calculator``: the command line face of :func:`calculator.compute`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .api import compute
from .contract import COMMANDS, Kind
from .dates import today_beijing
from .errors import InputError
from .text import render


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


_METAVARS = {Kind.DATE: "DATE", Kind.AMOUNT: "AMOUNT", Kind.COUNT: "N"}


def _parser() -> argparse.ArgumentParser:
    """The options, one per field of the contract (``--exit-on`` for ``exit_on``)."""
    parser = _Parser(
        prog="python -m calculator",
        description="1688 VIP批发中心 退出与清退日期计算器（规则与接口见 docs/ 与 docs/developers.md）。",
    )
    commands = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    for command in COMMANDS.values():
        sub = commands.add_parser(command.name, help=command.summary, description=command.summary)
        sub.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
        for field in command.fields:
            if field.kind is Kind.FLAG:
                sub.add_argument(field.cli_option, action="store_true", help=field.help)
            else:
                sub.add_argument(field.cli_option, metavar=_METAVARS[field.kind], help=field.help)
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
    request = {k: v for k, v in vars(args).items() if k != "json" and v is not None and v is not False}
    today = today_beijing()
    try:
        answer = compute(request, today=today)
    except InputError as err:
        option = "--" + err.field.replace("_", "-")
        print(f"错误：{option}：{err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(answer, ensure_ascii=False))
    else:
        print(render(args.command, answer, today))
    return 0
