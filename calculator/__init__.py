"""1688 VIP批发中心 exit, re-entry and removal dates, by the rulings R1–R13.

>>> compute({"command": "reentry", "exit_date": "2026-05-15", "on": "2026-08-16"})["eligible"]
True
"""

from .api import compute, handle
from .contract import COMMANDS, FIELD_LABELS, FIELDS
from .dates import format_date_zh, today_beijing
from .errors import InputError
from .text import card, render

__version__ = "0.2.0"
__all__ = [
    "COMMANDS",
    "FIELDS",
    "FIELD_LABELS",
    "InputError",
    "card",
    "compute",
    "format_date_zh",
    "handle",
    "render",
    "today_beijing",
]
