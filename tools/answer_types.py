"""Write types/answer.d.ts: the answer and its card as TypeScript, from the Python types.

The shapes are written once, in Python (calculator/contract.py: the JSON answers; calculator/
text.py: the card the page lays out); the page's scripts are checked against this file, which
is made from them. `make lint` runs this with --check: a Python change not carried over fails.

    .venv/bin/python tools/answer_types.py          # write it
    .venv/bin/python tools/answer_types.py --check  # only say whether it is current
"""

from __future__ import annotations

import argparse
import sys
import types
from pathlib import Path
from typing import Any, Literal, NotRequired, Union, get_args, get_origin, get_type_hints, is_typeddict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calculator import contract, text  # noqa: E402

TARGET = ROOT / "types" / "answer.d.ts"
ROOTS: list[Any] = [
    contract.ExitAnswer,
    contract.NoticeAnswer,
    contract.ReentryAnswer,
    contract.RiskAnswer,
    text.Card,
]


def ts(hint: Any, found: dict[str, Any]) -> str:
    """A Python type as TypeScript; TypedDicts met on the way are added to ``found``."""
    origin = get_origin(hint)
    if hint is str:
        return "string"
    if hint in (int, float):
        return "number"
    if hint is bool:
        return "boolean"
    if hint is type(None):
        return "null"
    if is_typeddict(hint):
        found.setdefault(hint.__name__, hint)
        return str(hint.__name__)
    if origin is Literal:
        return " | ".join(f'"{value}"' for value in get_args(hint))
    if origin in (Union, types.UnionType):
        return " | ".join(ts(arg, found) for arg in get_args(hint))
    if origin is list:
        (item,) = get_args(hint)
        inner = ts(item, found)
        return f"({inner})[]" if " | " in inner else f"{inner}[]"
    if origin is dict:
        key, value = get_args(hint)
        return f"Record<{ts(key, found)}, {ts(value, found)}>"
    raise TypeError(f"no TypeScript for {hint!r}")


def interface(cls: Any, found: dict[str, Any]) -> str:
    hints = get_type_hints(cls, include_extras=True)
    lines = [f"interface {cls.__name__} {{"]
    for name, hint in hints.items():
        optional = get_origin(hint) is NotRequired
        inner = get_args(hint)[0] if optional else hint
        lines.append(f"  {name}{'?' if optional else ''}: {ts(inner, found)};")
    lines.append("}")
    return "\n".join(lines)


def render() -> str:
    found: dict[str, Any] = {cls.__name__: cls for cls in ROOTS}
    done: dict[str, str] = {}
    while len(done) < len(found):
        for name, cls in list(found.items()):
            if name not in done:
                done[name] = interface(cls, found)
    body = "\n\n".join(done[name] for name in sorted(done))
    answers = " | ".join(cls.__name__ for cls in ROOTS[:4])
    return (
        "// Made by tools/answer_types.py from calculator/contract.py and calculator/text.py: do not edit.\n"
        "// What calculator.handle() answers, as the page receives it from the worker.\n\n"
        f"{body}\n\ntype Answer = {answers};\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    made = render()
    if parser.parse_args().check:
        if TARGET.read_text(encoding="utf-8") != made:
            print(f"{TARGET.relative_to(ROOT)} 已过期：请运行 .venv/bin/python tools/answer_types.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(made, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
