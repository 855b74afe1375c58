"""A long fuzz of the request function: thousands of odd requests, only documented errors.

tests/core/test_properties.py has a short version of this that also runs inside Pyodide;
this one goes further on CPython, with values shaped like what people and links send.
"""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import COMMANDS, FIELD_LABELS, InputError, compute, handle
from calculator import FIELDS as ALL_FIELDS

TODAY = date(2026, 11, 27)
FIELDS = sorted(ALL_FIELDS)
FULL_WIDTH = str.maketrans("0123456789-.", "０１２３４５６７８９－．")

digits = st.text(alphabet="0123456789", min_size=1, max_size=25)
# A paste gone wrong: thousands of digits (int() refuses over 4300), commas, full-width digits,
# a date followed by junk; each must be an input error naming the field.
long_text = st.one_of(
    st.integers(60, 20_000).map(lambda n: "9" * n),
    st.integers(30, 5_000).map(lambda n: "1," * n + "000"),
    st.integers(60, 5_000).map(lambda n: "２" * n),
    st.integers(60, 5_000).map(lambda n: "2026-05-15" + " " * n),
    st.text(min_size=65, max_size=400),
)
date_like = st.builds(
    lambda y, m, d, sep: f"{y:04d}{sep}{m:02d}{sep}{d:02d}",
    st.integers(0, 10000),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from(["-", "/", ".", "", " - "]),
)
odd_text = st.one_of(
    digits,
    date_like,
    date_like.map(lambda s: s.translate(FULL_WIDTH)),
    digits.map(lambda s: s.translate(FULL_WIDTH)),
    st.builds(lambda a, b: f"{a}.{b}", digits, digits),
    st.sampled_from(
        ["NaN", "-nan", "inf", "-Infinity", "1e309", "0x10", "１e３", "-0", "+5", "", " ", "\u3000３\u3000"]
    ),
    st.sampled_from(["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>', "'; DROP TABLE x;--", "\x00"]),
    st.text(max_size=30),
    st.builds(lambda s: f"  {s}  ", digits),
    long_text,
)
values = st.one_of(
    odd_text,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(odd_text, max_size=2),
    st.dictionaries(st.text(max_size=3), odd_text, max_size=2),
)
requests = st.builds(
    lambda command, fields: {"command": command, **fields},
    st.sampled_from([*sorted(COMMANDS), "EXIT", "", "risk "]),
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=8),
)


@settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests)
def test_thousands_of_odd_requests(request: dict[str, object]) -> None:
    try:
        answer = compute(request, today=TODAY)
    except InputError as err:
        assert err.field in FIELD_LABELS
        assert str(err).startswith(FIELD_LABELS[err.field] + "：")
        assert "Traceback" not in str(err)
    else:
        json.dumps(answer)  # always JSON-ready
    result = handle(json.loads(json.dumps(request, default=str)), today=TODAY)
    assert set(result) in ({"ok", "answer", "card", "fields"}, {"ok", "error"})
    if not result["ok"]:  # what the page shows under the field it names
        assert result["error"]["field"] in FIELD_LABELS or result["error"]["field"] == "command"
        assert "Traceback" not in result["error"]["message"]
