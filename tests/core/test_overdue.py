"""Overdue penalty interest."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import InputError
from calculators.money import CONTEXT

D = Decimal


def run(**inputs: str) -> dict:
    return calculators.run("overdue", inputs)


def test_simple_penalty() -> None:
    # 10,000 x 0.05 % x 90 = 450
    result = run(amount="10000", days="90", daily_rate="0.05", compounding="simple")
    assert result["penalty"] == "450.00"
    assert result["total_due"] == "10450.00"
    assert result["annual_equivalent"] == "18.25"
    assert result["annual_equivalent_compound"] == "18.25"
    assert result["cost_percent"] == "4.50"
    assert [p["day"] for p in result["timeline"]] == [0, 30, 60, 90]


def test_monthly_compounding() -> None:
    # 150.00, then 10,150 x 1.5 % = 152.25, then 10,302.25 x 1.5 % = 154.53375 -> 154.53
    result = run(amount="10000", days="90", daily_rate="0.05", compounding="monthly")
    assert [p["penalty"] for p in result["timeline"]] == ["0.00", "150.00", "302.25", "456.78"]
    assert result["penalty"] == "456.78"
    # (1 + 0.015)^(365/30) - 1 = 19.86 %
    assert result["annual_equivalent_compound"] == "19.86"


def test_partial_cycle_is_not_capitalised() -> None:
    # 45 days: one cycle of 150.00 capitalised, then 10,150 x 0.05 % x 15 = 76.125 -> 76.13
    result = run(amount="10000", days="45", daily_rate="0.05", compounding="monthly")
    assert result["penalty"] == "226.13"
    assert [p["day"] for p in result["timeline"]] == [0, 30, 45]


def test_late_fee_is_one_off_and_earns_no_interest() -> None:
    result = run(
        amount="10000", days="60", daily_rate="0.05", compounding="monthly", late_fee="200"
    )
    assert result["penalty"] == "302.25"
    assert result["total_due"] == "10502.25"
    assert result["timeline"][0]["total"] == "10000.00"
    assert result["timeline"][1]["total"] == "10350.00"


def test_zero_rate() -> None:
    result = run(amount="10000", days="30", daily_rate="0")
    assert result["penalty"] == "0.00"


def test_absurd_growth_is_a_message() -> None:
    with pytest.raises(InputError) as info:
        run(amount="10000000000", days="3650", daily_rate="5", compounding="monthly")
    assert info.value.field == "daily_rate"


def test_flags_against_yearly_lines() -> None:
    result = run(daily_rate="0.1")  # 36.5 % a year
    assert [f["exceeded"] for f in result["flags"]] == [True, True, True]


@pytest.mark.parametrize(
    ("field", "value"), [("days", "3651"), ("days", "0"), ("daily_rate", "5.01"), ("amount", "0")]
)
def test_limits(field: str, value: str) -> None:
    with pytest.raises(InputError) as info:
        run(**{field: value})
    assert info.value.field == field


@given(
    amount=st.decimals(min_value=D("0.01"), max_value=D("1e10"), places=2),
    days=st.integers(min_value=1, max_value=3650),
    rate=st.decimals(min_value=D(0), max_value=D(5), places=3),
)
def test_compounding_never_cheaper_and_timeline_grows(
    amount: Decimal, days: int, rate: Decimal
) -> None:
    simple = run(amount=str(amount), days=str(days), daily_rate=str(rate), compounding="simple")
    try:
        monthly = run(
            amount=str(amount), days=str(days), daily_rate=str(rate), compounding="monthly"
        )
    except InputError as err:
        assert err.field == "daily_rate"  # beyond 10 trillion yuan
        monthly = simple
    assert D(monthly["penalty"]) >= D(simple["penalty"]) - D("0.01") * (days // 30 + 1)
    for result in (simple, monthly):
        totals = [D(p["total"]) for p in result["timeline"]]
        assert totals == sorted(totals)
        assert result["timeline"][-1]["day"] == days
        assert result["timeline"][-1]["penalty"] == result["penalty"]
        with localcontext(CONTEXT):
            assert D(result["total_due"]) == amount + D(result["penalty"])
