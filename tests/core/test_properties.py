"""Hypothesis properties of every rule, and a fuzz of the request function."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculator import COMMANDS, FIELD_LABELS, FIELDS, InputError, compute, handle
from calculator.values import parse_amount, parse_count

# What these properties check is the rules, not how fast a loaded machine runs them: no
# per-example deadline (under three test workers an example can take seconds).
settings.register_profile("rules", deadline=None)
settings.load_profile("rules")

TODAY = date(2026, 11, 27)
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 9, 30))
schedule_dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 28))


def ask(**request: object) -> dict:
    return compute(request, today=TODAY)


def day(text: str) -> date:
    return date.fromisoformat(text)


@given(dates)
def test_exit_is_fifteen_days_after_application(applied: date) -> None:
    result = ask(command="exit", applied=applied)
    assert day(result["exit_date"]) - applied == timedelta(days=15)


@given(dates, st.integers(0, 15))
def test_confirmed_exit_is_never_later_than_the_fifteenth_day(applied: date, early: int) -> None:
    confirmed = applied + timedelta(days=15 - early)
    result = ask(command="exit", applied=applied, confirmed=confirmed)
    assert applied <= day(result["exit_date"]) <= applied + timedelta(days=15)
    assert result["days_early"] == early


@given(dates)
def test_notice_inverts_exit(exit_on: date) -> None:
    assume(exit_on >= date(1, 1, 16))
    apply_by = ask(command="notice", exit_on=exit_on)["apply_by"]
    assert ask(command="exit", applied=apply_by)["exit_date"] == exit_on.isoformat()


@given(dates)
def test_rejoin_is_after_exit_within_three_months(exit_on: date) -> None:
    result = ask(command="reentry", exit_date=exit_on)
    gap = (day(result["earliest_rejoin"]) - exit_on).days
    assert day(result["earliest_rejoin"]) > exit_on
    assert 90 <= gap <= 93
    assert day(result["earliest_rejoin"]) - day(result["ban_last_day"]) == timedelta(days=1)
    assert day(result["ban_last_day"]).day <= exit_on.day


@given(dates, dates)
def test_results_are_monotone_in_the_input_date(a: date, b: date) -> None:
    a, b = min(a, b), max(a, b)
    for command, field, key in (
        ("exit", "applied", "exit_date"),
        ("reentry", "exit_date", "earliest_rejoin"),
        ("reentry", "exit_date", "ban_last_day"),
    ):
        assert ask(command=command, **{field: a})[key] <= ask(command=command, **{field: b})[key]


@given(st.dates(max_value=date(9999, 5, 1)), st.integers(0, 200))
def test_eligibility_only_turns_on(exit_on: date, days_after: int) -> None:
    on = exit_on + timedelta(days=days_after)
    now = ask(command="reentry", exit_date=exit_on, on=on)
    later = ask(command="reentry", exit_date=exit_on, on=on + timedelta(days=1))
    assert now["eligible"] <= later["eligible"]
    assert now["days_left"] >= later["days_left"]


@given(schedule_dates, schedule_dates)
def test_deposit_deadlines(a: date, b: date) -> None:
    a, b = min(a, b), max(a, b)
    first, second = (ask(command="risk", on=since, deposit="1", below_since=since)["deposit"] for since in (a, b))
    for deposit in (first, second):
        assert deposit["safe_deadline"] is not None
        if deposit["legal_deadline"] is not None:
            assert deposit["legal_deadline"] >= deposit["safe_deadline"]
            assert deposit["legal_deadline_note"] is None
        else:
            assert deposit["legal_deadline_note"]
    assert first["safe_deadline"] <= second["safe_deadline"]
    if first["legal_deadline"] and second["legal_deadline"]:
        assert first["legal_deadline"] <= second["legal_deadline"]


@given(schedule_dates, st.integers(0, 10))
def test_deposit_status_only_gets_worse_with_time(since: date, days_after: int) -> None:
    order = {"ok": 0, "at_risk": 1, "triggered": 2}
    levels = [
        ask(command="risk", on=since + timedelta(days=n), deposit="5999.99", below_since=since)["level"]
        for n in (days_after, days_after + 1)
    ]
    assert order[levels[0]] <= order[levels[1]]
    assert levels[0] == ("at_risk" if days_after <= 3 else "triggered")


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_more_counts_never_lower_the_level(complaints: int, fakes: int, disputes: int) -> None:
    order = {"ok": 0, "at_risk": 1, "triggered": 2}
    base = ask(command="risk", complaints=complaints, fake_transactions=fakes, fault_disputes=disputes)
    more = ask(command="risk", complaints=complaints + 1, fake_transactions=fakes + 1, fault_disputes=disputes + 1)
    assert order[base["level"]] <= order[more["level"]]


NAMES = sorted({"command", *FIELDS})
json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates().map(str),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
requests = st.one_of(
    json_like,
    st.dictionaries(
        st.sampled_from(NAMES) | st.text(max_size=8),
        json_like | st.sampled_from(sorted(COMMANDS)),
        max_size=8,
    ),
    st.builds(
        lambda command, fields: {"command": command, **fields},
        st.sampled_from(sorted(COMMANDS)),
        st.dictionaries(st.sampled_from(sorted(FIELDS)), json_like | dates.map(str), max_size=6),
    ),
)


@settings(max_examples=500)
@given(requests)
def test_only_input_errors_escape(request: object) -> None:
    try:
        answer = compute(request, today=TODAY)  # type: ignore[arg-type]
    except InputError as err:
        assert err.field in NAMES or err.field == "request"
        assert str(err).startswith(FIELD_LABELS[err.field] + "：")
        result = handle(request, today=TODAY)
        assert result == {"ok": False, "error": {"field": err.field, "message": str(err)}}
    else:
        result = handle(request, today=TODAY)
        assert result["ok"] is True and result["answer"] == answer
        assert result["card"]["headline"]["text"]


# Yuan as a person writes it: plain digits, or groups of three with commas, optional cents.
plain_amounts = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)


@given(plain_amounts, st.booleans(), st.booleans())
def test_an_amount_reads_as_the_number_meant(amount: Decimal, grouped: bool, full_width: bool) -> None:
    text = f"{amount:,.2f}" if grouped else f"{amount:.2f}"
    if full_width:
        text = text.translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．"))
    assert parse_amount("deposit", text) == amount


@given(st.from_regex(r"[0-9,]{1,12}(\.[0-9]{0,2})?", fullmatch=True))
def test_an_amount_with_commas_is_exact_or_refused(text: str) -> None:
    """A comma is a thousands separator in its right place, or the amount is an input error."""
    try:
        value = parse_amount("deposit", text)
    except InputError as err:
        assert err.field == "deposit"
        return
    integer = text.partition(".")[0]
    if "," in integer:  # every group after the first has exactly three digits
        first, *groups = integer.split(",")
        assert 1 <= len(first) <= 3 and all(len(group) == 3 for group in groups)
    assert value == Decimal(text.replace(",", "") or "0")


@given(st.integers(65, 20_000), st.sampled_from("0123456789"), st.sampled_from(["", " ", "１"]))
def test_very_long_digit_strings_are_input_errors(length: int, digit: str, around: str) -> None:
    """A paste gone wrong is an input error naming the field, never a crash (int() refuses 4300+ digits)."""
    for parse, field in ((parse_count, "complaints"), (parse_amount, "deposit")):
        with pytest.raises(InputError) as caught:
            parse(field, around + digit * length + around)
        assert caught.value.field == field
        assert "太长" in str(caught.value)


@given(st.integers(19, 64), st.sampled_from("123456789"))
def test_a_count_of_more_than_eighteen_digits_is_an_input_error(length: int, digit: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_count("complaints", digit * length)
    assert caught.value.field == "complaints"
