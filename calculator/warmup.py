"""The requests that warm up the page's Python before its memory snapshot is taken (build only).

sitebuild/snapshot.mjs answers each of them in Pyodide, so that whatever they import at call
time is imported, and compiled, in the snapshot the page starts from.
"""

from __future__ import annotations

from .contract import COMMANDS, Kind

# Bad values of each kind, for the worker's warm-up (the error paths are imported too).
_BAD = {Kind.DATE: "2026-02-30", Kind.AMOUNT: "4500,50", Kind.COUNT: "-1", Kind.FLAG: "maybe"}


def warmup_requests() -> list[object]:
    """Every example of every command, and one bad value of every field: the worker's warm-up.

    >>> from calculator.contract import FIELDS
    >>> len(warmup_requests()) > len(FIELDS)
    True
    """
    requests: list[object] = []
    for command in COMMANDS.values():
        requests += [{"command": command.name, **example} for example in command.examples]
        base = command.examples[0]
        requests += [{"command": command.name, **base, item.name: _BAD[item.kind]} for item in command.fields]
    requests += [{"command": "exit", "applied": "２０２６年５月１５日"}, {"command": "nope"}, "not a dict"]
    return requests
