"""Comparing repayment offers."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import InputError, rates
from calculators.negotiate import months_at_capacity

D = Decimal


def run(**inputs: str) -> dict:
    return calculators.run("negotiate", inputs)


def by_key(result: dict) -> dict[str, dict]:
    return {s["key"]: s for s in result["scenarios"]}


def test_worked_example() -> None:
    result = run()  # the defaults: the docstring's example
    assert result["owed"] == "35000.00"
    assert result["financed"] == "32000.00"
    s = by_key(result)
    assert list(s) == ["current", "waive", "instalment", "settlement"]
    assert s["current"]["total"] == "35000.00" and s["current"]["saving"] == "0.00"
    assert s["waive"]["total"] == "32000.00"
    assert s["instalment"]["monthly"] == "888.89"
    assert s["instalment"]["last_payment"] == "888.85"  # 35 x 888.89 = 31111.15; 32000 - that
    assert s["instalment"]["total"] == "32000.00"
    assert s["instalment"]["affordable"] is True
    assert result["waived"] is True and result["annual_rate"] == "0"
    assert s["settlement"]["upfront"] == "24500.00"
    assert s["settlement"]["saving"] == "10500.00"
    assert s["settlement"]["affordable"] is False
    assert result["cheapest_affordable"] == "instalment"
    assert result["months_at_capacity"] == 22  # 32000 / 1500 = 21.3
    # IRR of +24500, -888.89 x 35, -888.85: the rate at which both cost the same
    assert result["breakeven_rate"] == "18.26"
    json.dumps(result, ensure_ascii=False)


def test_breakeven_matches_the_irr() -> None:
    result = run(months="12", annual_rate="0", settlement_discount="20", waive_penalty="0")
    flows = [D("28000")] + [-D("2916.67")] * 11 + [-D("2916.63")]
    assert result["breakeven_rate"] == rates.percent(rates.annual_simple(rates.irr(flows)))


def test_no_discount_no_waiver_breakeven_null() -> None:
    result = run(settlement_discount="0", waive_penalty="0", annual_rate="0")
    assert [s["key"] for s in result["scenarios"]] == ["current", "instalment"]
    assert result["breakeven_rate"] is None


def test_instalment_with_interest_costs_more() -> None:
    result = run(settlement_discount="0", waive_penalty="0", annual_rate="10", months="12")
    s = by_key(result)
    assert D(s["instalment"]["saving"]) < 0
    assert result["annual_rate"] == "10" and result["waived"] is False
    assert result["breakeven_rate"] == "10.00"


def test_one_month() -> None:
    result = run(months="1", annual_rate="12")
    s = by_key(result)
    assert s["instalment"]["monthly"] == "32320.00"  # 32000 + 1 % for one month
    assert result["breakeven_rate"] is not None


def test_capacity_of_a_fen() -> None:
    result = run(capacity="0.01")
    assert result["cheapest_affordable"] is None
    assert result["months_at_capacity"] is None


def test_capacity_zero_is_refused_like_every_box_it_fills() -> None:
    # The saved "capacity" fills payoff's and allocate's boxes too, which need more than 0;
    # so does this one (issue 20, item 9: a saved value is read by the same rules everywhere).
    with pytest.raises(InputError) as info:
        run(capacity="0")
    assert info.value.field == "capacity" and "大于 0" in info.value.message


def test_months_at_capacity_with_interest() -> None:
    # 10,000 at 12 % paying 1,000 a month: n = -ln(1 - 0.01 x 10) / ln(1.01) = 10.59 -> 11
    assert months_at_capacity(D(10000), D(12), D(1000)) == 11
    assert months_at_capacity(D(10000), D(120), D(100)) is None  # 100 a month is the interest
    assert months_at_capacity(D(1000000), D(0), D(1)) is None  # more than 600 months


@pytest.mark.parametrize(
    ("field", "value"), [("settlement_discount", "100"), ("months", "0"), ("principal", "0")]
)
def test_limits(field: str, value: str) -> None:
    with pytest.raises(InputError) as info:
        run(**{field: value})
    assert info.value.field == field


money = st.decimals(min_value=D(0), max_value=D("1e9"), places=2)


@given(
    principal=st.decimals(min_value=D("0.01"), max_value=D("1e9"), places=2),
    interest=money,
    penalty=money,
    fees=money,
    months=st.integers(min_value=1, max_value=600),
    rate=st.decimals(min_value=D(0), max_value=D(100), places=2),
    waive=st.booleans(),
    discount=st.decimals(min_value=D(0), max_value=D(99), places=2),
    capacity=st.decimals(min_value=D("0.01"), max_value=D("1e9"), places=2),
)
def test_negotiate_invariants(
    principal: Decimal,
    interest: Decimal,
    penalty: Decimal,
    fees: Decimal,
    months: int,
    rate: Decimal,
    waive: bool,
    discount: Decimal,
    capacity: Decimal,
) -> None:
    inputs = {
        "principal": str(principal),
        "interest": str(interest),
        "penalty": str(penalty),
        "fees": str(fees),
        "months": str(months),
        "annual_rate": str(rate),
        "waive_penalty": "1" if waive else "0",
        "settlement_discount": str(discount),
        "capacity": str(capacity),
    }
    owed = principal + interest + penalty + fees
    financed = owed - penalty if waive else owed
    lump = (owed * (100 - discount) / 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    if financed < D("0.01") * months or (discount > 0 and lump == 0):
        # Too little to repay a fen a month, or a settlement of nothing: said, not computed.
        with pytest.raises(InputError) as info:
            run(**inputs)
        assert info.value.field in {"months", "settlement_discount"}
        return
    result = run(**inputs)
    assert D(result["owed"]) == owed
    for s in result["scenarios"]:
        assert D(s["saving"]) == owed - D(s["total"])
        if s["months"]:
            assert s["affordable"] == (max(D(s["monthly"]), D(s["last_payment"])) <= capacity)
        else:
            assert s["affordable"] == (D(s["upfront"]) <= capacity)
    instalment = by_key(result)["instalment"]
    if rate == 0:
        assert D(instalment["total"]) == D(result["financed"])
    else:
        assert D(instalment["total"]) >= D(result["financed"])
    if result["breakeven_rate"] is None:
        assert D(instalment["total"]) <= D(
            by_key(result).get("settlement", {"upfront": result["owed"]})["upfront"]
        )
    json.dumps(result, ensure_ascii=False)
