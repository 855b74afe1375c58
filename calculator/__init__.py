"""1688 VIP批发中心 exit, re-entry and removal dates, by the rulings R1–R11.

>>> compute({"command": "reentry", "exit_date": "2026-05-15", "on": "2026-08-16"})["eligible"]
True
"""

from .api import COMMANDS, compute, handle
from .dates import format_date_zh, today_beijing
from .errors import FIELD_LABELS, InputError
from .text import render

__version__ = "0.1.0"
__all__ = [
    "COMMANDS",
    "FIELD_LABELS",
    "InputError",
    "compute",
    "format_date_zh",
    "handle",
    "render",
    "today_beijing",
]
