"""R2–R5: exit date, latest application date and the re-entry ban."""

from datetime import date

import pytest

from calculator import InputError, compute

TODAY = date(2026, 11, 27)


def answer(**request: object) -> dict:
    return compute(request, today=TODAY)


class TestExit:
    @pytest.mark.parametrize(
        ("applied", "exit_date"),
        [
            pytest.param("2026-05-15", "2026-05-30", id="月中"),
            pytest.param("2026-05-20", "2026-06-04", id="跨月"),
            pytest.param("2026-12-20", "2027-01-04", id="跨年"),
            pytest.param("2028-02-14", "2028-02-29", id="落在闰日"),
            pytest.param("2027-02-14", "2027-03-01", id="平年2月"),
            pytest.param("2026-09-30", "2026-10-15", id="国庆不顺延"),  # R6: no holiday extension
            pytest.param("2026-02-08", "2026-02-23", id="春节不顺延"),
            pytest.param("9999-12-16", "9999-12-31", id="最后一天"),
        ],
    )
    def test_fifteenth_day(self, applied: str, exit_date: str) -> None:
        result = answer(command="exit", applied=applied)
        assert result == {
            "applied": applied,
            "exit_date": exit_date,
            "basis": "fifteenth_day",
            "fifteenth_day": exit_date,
            "days_early": 0,
        }

    @pytest.mark.parametrize(
        ("confirmed", "days_early"),
        [
            pytest.param("2026-05-15", 15, id="申请当天"),
            pytest.param("2026-05-20", 10, id="中间"),
            pytest.param("2026-05-30", 0, id="第15日本身"),
        ],
    )
    def test_confirmed_earlier_date(self, confirmed: str, days_early: int) -> None:
        result = answer(command="exit", applied="2026-05-15", confirmed=confirmed)
        assert (result["exit_date"], result["basis"], result["days_early"]) == (
            confirmed,
            "confirmed",
            days_early,
        )
        assert result["fifteenth_day"] == "2026-05-30"

    @pytest.mark.parametrize(
        "confirmed",
        [
            pytest.param("2026-05-14", id="早于申请日"),
            pytest.param("2026-05-31", id="晚于第15日"),
        ],
    )
    def test_confirmed_outside_window_is_an_input_error(self, confirmed: str) -> None:
        with pytest.raises(InputError) as caught:
            answer(command="exit", applied="2026-05-15", confirmed=confirmed)
        assert caught.value.field == "confirmed"
        assert "2026年5月30日" in str(caught.value)

    def test_empty_confirmed_means_none(self) -> None:
        assert answer(command="exit", applied="2026-05-15", confirmed="")["basis"] == "fifteenth_day"

    def test_result_beyond_9999(self) -> None:
        with pytest.raises(InputError) as caught:
            answer(command="exit", applied="9999-12-17")
        assert caught.value.field == "applied"
        assert "9999年12月31日" in str(caught.value)


class TestNotice:
    @pytest.mark.parametrize(
        ("exit_on", "apply_by"),
        [
            pytest.param("2026-12-31", "2026-12-16", id="年底"),
            pytest.param("2027-01-10", "2026-12-26", id="跨年"),
            pytest.param("2028-03-01", "2028-02-15", id="闰年3月1日"),
            pytest.param("2027-03-01", "2027-02-14", id="平年3月1日"),
            pytest.param("0001-01-16", "0001-01-01", id="最早"),
        ],
    )
    def test_apply_by(self, exit_on: str, apply_by: str) -> None:
        result = answer(command="notice", exit_on=exit_on)
        assert (result["exit_on"], result["apply_by"]) == (exit_on, apply_by)

    @pytest.mark.parametrize(
        ("on", "days_left", "in_time"),
        [
            pytest.param("2026-12-16", 0, True, id="最后一天"),
            pytest.param("2026-12-01", 15, True, id="还早"),
            pytest.param("2026-12-17", -1, False, id="晚了一天"),
        ],
    )
    def test_days_left(self, on: str, days_left: int, in_time: bool) -> None:
        result = answer(command="notice", exit_on="2026-12-31", on=on)
        assert (result["days_left"], result["in_time"]) == (days_left, in_time)

    def test_on_defaults_to_today(self) -> None:
        assert answer(command="notice", exit_on="2026-12-31")["on"] == "2026-11-27"

    def test_before_year_1(self) -> None:
        with pytest.raises(InputError) as caught:
            answer(command="notice", exit_on="0001-01-15")
        assert caught.value.field == "exit_on"


class TestReentry:
    @pytest.mark.parametrize(
        ("exit_date", "ban_last_day", "earliest_rejoin"),
        [
            pytest.param("2026-05-15", "2026-08-15", "2026-08-16", id="规则示例"),
            pytest.param("2026-11-30", "2027-02-28", "2027-03-01", id="30日到平年2月"),
            pytest.param("2027-11-30", "2028-02-29", "2028-03-01", id="30日到闰年2月"),
            pytest.param("2026-11-29", "2027-02-28", "2027-03-01", id="29日到平年2月"),
            pytest.param("2027-11-29", "2028-02-29", "2028-03-01", id="29日到闰年2月"),
            pytest.param("2026-05-31", "2026-08-31", "2026-09-01", id="31日到31日"),
            pytest.param("2026-03-31", "2026-06-30", "2026-07-01", id="31日到30日的月"),
            pytest.param("2026-12-31", "2027-03-31", "2027-04-01", id="12月31日"),
            pytest.param("2026-10-15", "2027-01-15", "2027-01-16", id="跨年"),
        ],
    )
    def test_ban(self, exit_date: str, ban_last_day: str, earliest_rejoin: str) -> None:
        result = answer(command="reentry", exit_date=exit_date, on="2026-01-01")
        assert (result["ban_last_day"], result["earliest_rejoin"]) == (ban_last_day, earliest_rejoin)

    @pytest.mark.parametrize(
        ("on", "eligible", "days_left"),
        [
            pytest.param("2026-08-15", False, 1, id="禁入最后一天"),
            pytest.param("2026-08-16", True, 0, id="第一天可加入"),
            pytest.param("2026-12-01", True, 0, id="早已可以"),
            pytest.param("2026-05-15", False, 93, id="退出当天"),
            pytest.param("2026-01-01", False, 227, id="退出之前"),
        ],
    )
    def test_eligibility(self, on: str, eligible: bool, days_left: int) -> None:
        result = answer(command="reentry", exit_date="2026-05-15", on=on)
        assert (result["on"], result["eligible"], result["days_left"]) == (on, eligible, days_left)

    def test_ban_beyond_9999(self) -> None:
        with pytest.raises(InputError) as caught:
            answer(command="reentry", exit_date="9999-10-01")
        assert caught.value.field == "exit_date"
