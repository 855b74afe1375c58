"""R9–R11: the removal rules, the deposit deadlines and the overall level."""

from datetime import date

import pytest

from calculator import InputError, compute

TODAY = date(2026, 11, 27)
RULE_IDS = [
    "deposit",
    "complaints",
    "fake_transactions",
    "disputes",
    "false_materials",
    "sales_target",
    "other",
]


def risk(**fields: object) -> dict:
    return compute({"command": "risk", **fields}, today=TODAY)


def statuses(result: dict) -> dict[str, str]:
    return {rule["id"]: rule["status"] for rule in result["rules"]}


class TestDeposit:
    @pytest.mark.parametrize(
        ("below_since", "on", "safe", "legal", "status"),
        [
            # 春节 2026: 02-15..02-23 off; the safe deadline 02-16 is a holiday, 02-24 the next working day
            pytest.param("2026-02-13", "2026-02-14", "2026-02-16", "2026-02-24", "at_risk", id="春节"),
            # 国庆 2026: 10-01..10-07 off
            pytest.param("2026-09-30", "2026-10-01", "2026-10-03", "2026-10-08", "at_risk", id="国庆"),
            # 2026-02-14 (Sat) is a make-up working day: no extension
            pytest.param("2026-02-11", "2026-02-12", "2026-02-14", "2026-02-14", "at_risk", id="调休上班的周六"),
            # an ordinary Saturday extends to Monday
            pytest.param("2026-06-03", "2026-06-04", "2026-06-06", "2026-06-08", "at_risk", id="普通周末"),
            pytest.param("2026-06-01", "2026-06-04", "2026-06-04", "2026-06-04", "at_risk", id="期限当天仍是风险"),
            pytest.param("2026-06-01", "2026-06-05", "2026-06-04", "2026-06-04", "triggered", id="期限次日触发"),
            # R6: the legal deadline never decides the status
            pytest.param(
                "2026-09-30",
                "2026-10-05",
                "2026-10-03",
                "2026-10-08",
                "triggered",
                id="顺延期内仍按稳妥期限触发",
            ),
        ],
    )
    def test_deadlines(self, below_since: str, on: str, safe: str, legal: str, status: str) -> None:
        result = risk(on=on, deposit="0", below_since=below_since)
        deposit = result["deposit"]
        assert (deposit["safe_deadline"], deposit["legal_deadline"]) == (safe, legal)
        assert deposit["legal_deadline_note"] is None
        assert statuses(result)["deposit"] == status
        assert result["level"] == status

    @pytest.mark.parametrize(
        ("below_since", "year"),
        [
            pytest.param("2099-03-01", "2099", id="未来年份"),
            # the safe deadline is 12-31 (Thu) in 2026 → a working day, no look into 2027 needed
            pytest.param("2026-12-28", None, id="年底工作日"),
            # 2026-12-29 + 3 = 2027-01-01: 2027's schedule is not in the data
            pytest.param("2026-12-29", "2027", id="期限落在下一年"),
            pytest.param("2003-05-01", "2003", id="早于数据"),
        ],
    )
    def test_unpublished_schedule_gives_no_legal_deadline(self, below_since: str, year: str | None) -> None:
        result = risk(on=below_since, deposit="100", below_since=below_since)
        deposit = result["deposit"]
        if year is None:
            assert deposit["legal_deadline"] == "2026-12-31"
            assert deposit["legal_deadline_note"] is None
        else:
            assert deposit["legal_deadline"] is None
            assert year in deposit["legal_deadline_note"]
            assert "不计算" in deposit["legal_deadline_note"]
            assert deposit["safe_deadline"] is not None

    @pytest.mark.parametrize(
        ("balance", "threshold", "needed", "status"),
        [
            pytest.param("5999.99", None, "0.01", "at_risk", id="差一分"),
            pytest.param("6000", None, "0.00", "ok", id="正好等于门槛"),
            pytest.param("6000.01", None, "0.00", "ok", id="高于门槛"),
            pytest.param("1000.5", None, "4999.50", "at_risk", id="一位小数"),
            pytest.param("7000", "8000", "1000.00", "at_risk", id="调整后的门槛"),
            pytest.param("0", "0", "0.00", "ok", id="门槛为零"),
        ],
    )
    def test_amounts(self, balance: str, threshold: str | None, needed: str, status: str) -> None:
        fields: dict[str, object] = {"on": "2026-06-02", "deposit": balance, "below_since": "2026-06-01"}
        if threshold is not None:
            fields["threshold"] = threshold
        result = risk(**fields)
        assert result["deposit"]["amount_needed"] == needed
        assert result["deposit"]["threshold"] == f"{threshold or 6000}.00"
        assert statuses(result)["deposit"] == status

    def test_above_threshold_has_no_deadline(self) -> None:
        deposit = risk(deposit="6000.00")["deposit"]
        assert deposit["safe_deadline"] is None and deposit["legal_deadline"] is None
        assert deposit["balance"] == "6000.00"

    def test_no_deposit_gives_null(self) -> None:
        result = risk()
        assert result["deposit"] is None
        assert statuses(result)["deposit"] == "not_checked"
        assert result["level"] == "ok"  # not checked never raises the level (R12)
        assert result["not_checked"] == ["deposit"]

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            pytest.param({"deposit": "100"}, "below_since", id="低于门槛却没填日期"),
            pytest.param({"below_since": "2026-11-01"}, "deposit", id="只填日期"),
            pytest.param({"deposit": "100", "below_since": "2026-11-28"}, "below_since", id="日期晚于查询日"),
            pytest.param(
                {"deposit": "0", "below_since": "9999-12-30", "on": "9999-12-30"},
                "below_since",
                id="期限超出9999",
            ),
        ],
    )
    def test_input_errors(self, fields: dict, field: str) -> None:
        with pytest.raises(InputError) as caught:
            risk(**fields)
        assert caught.value.field == field


class TestCounts:
    @pytest.mark.parametrize(
        ("field", "rule", "count", "status"),
        [
            pytest.param("complaints", "complaints", 1, "ok", id="投诉1"),
            pytest.param("complaints", "complaints", 2, "at_risk", id="投诉2"),
            pytest.param("complaints", "complaints", 3, "triggered", id="投诉3"),
            pytest.param("complaints", "complaints", 40, "triggered", id="投诉40"),
            pytest.param("fake_transactions", "fake_transactions", 0, "ok", id="虚假0"),
            pytest.param("fake_transactions", "fake_transactions", 1, "at_risk", id="虚假1"),
            pytest.param("fake_transactions", "fake_transactions", 2, "triggered", id="虚假2"),
            pytest.param("fault_disputes", "disputes", 0, "ok", id="纠纷0"),
            pytest.param("fault_disputes", "disputes", 1, "at_risk", id="纠纷1"),
            pytest.param("fault_disputes", "disputes", 2, "triggered", id="纠纷2"),
        ],
    )
    def test_thresholds(self, field: str, rule: str, count: int, status: str) -> None:
        result = risk(**{field: str(count)})
        assert statuses(result)[rule] == status
        assert result["level"] == status

    @pytest.mark.parametrize(
        ("flag", "rule", "status"),
        [
            pytest.param("refused_cooperation", "disputes", "triggered", id="拒不配合"),
            pytest.param("false_materials", "false_materials", "triggered", id="材料不实"),
            pytest.param("other_violation", "other", "triggered", id="其他违规"),
            pytest.param("sales_target_missed", "sales_target", "at_risk", id="销售指标"),
        ],
    )
    def test_flags(self, flag: str, rule: str, status: str) -> None:
        result = risk(**{flag: True})
        assert statuses(result)[rule] == status
        assert result["level"] == status
        assert sum(s not in ("ok", "not_checked") for s in statuses(result).values()) == 1


class TestOverall:
    def test_every_rule_always_present_in_order(self) -> None:
        result = risk()
        assert [rule["id"] for rule in result["rules"]] == RULE_IDS
        assert all(rule["reason"] and rule["advice"] for rule in result["rules"])
        assert result["level"] == "ok"

    def test_triggered_beats_at_risk(self) -> None:
        result = risk(complaints="2", fake_transactions="2")
        assert result["level"] == "triggered"

    def test_at_risk_beats_ok(self) -> None:
        assert risk(sales_target_missed=True)["level"] == "at_risk"

    def test_on_defaults_to_today(self) -> None:
        assert risk()["on"] == "2026-11-27"
