"""Repayment capacity and the emergency fund."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import InputError
from calculators.budget import LEVELS

D = Decimal


def budget(**inputs: str) -> dict:
    return calculators.run("budget", inputs)


def emergency(**inputs: str) -> dict:
    return calculators.run("emergency", inputs)


def test_budget_worked_example() -> None:
    result = budget(income="8000", essential_expenses="4500", debt_payments="2000")
    assert result["capacity"] == "3500.00"
    assert result["leftover"] == "1500.00"
    assert result["shortfall"] == "0.00"
    assert result["debt_to_income"] == "25.00"
    assert result["level"] == "manageable"


@pytest.mark.parametrize(
    ("essentials", "debts", "level"),
    [
        ("9000", "0", "negative"),
        ("4500", "4000", "shortfall"),
        ("1000", "4000", "strained"),
        ("1000", "2400", "stretched"),
        ("1000", "2399", "manageable"),
    ],
)
def test_budget_levels(essentials: str, debts: str, level: str) -> None:
    result = budget(income="8000", essential_expenses=essentials, debt_payments=debts)
    assert result["level"] == level
    # Its sentence is the view's (tests/web/test_web_results.py::test_budget_verdicts).


def test_budget_negative_capacity_is_reported_not_an_error() -> None:
    result = budget(income="3000", essential_expenses="4000", debt_payments="500")
    assert result["capacity"] == "-1000.00"
    assert result["shortfall"] == "1500.00"
    assert result["level"] == "negative"


def test_budget_income_must_be_positive() -> None:
    with pytest.raises(InputError) as info:
        budget(income="0")
    assert info.value.field == "income"


@given(
    income=st.decimals(min_value=D("0.01"), max_value=D("1e10"), places=2),
    essentials=st.decimals(min_value=D(0), max_value=D("1e10"), places=2),
    debts=st.decimals(min_value=D(0), max_value=D("1e10"), places=2),
)
def test_budget_identities(income: Decimal, essentials: Decimal, debts: Decimal) -> None:
    result = budget(
        income=str(income), essential_expenses=str(essentials), debt_payments=str(debts)
    )
    assert D(result["capacity"]) == income - essentials
    assert D(result["leftover"]) == income - essentials - debts
    assert D(result["shortfall"]) == max(debts - (income - essentials), D(0))
    assert result["level"] in LEVELS


def test_emergency_worked_example() -> None:
    result = emergency(monthly_expenses="4000", current_savings="2000", monthly_saving="1000")
    assert result["target_min"] == "12000.00"
    assert result["target_max"] == "24000.00"
    assert result["months_to_goal"] == 10
    assert result["months_to_max"] == 22
    assert result["months_covered"] == "0.5"


def test_emergency_never_without_saving() -> None:
    result = emergency(monthly_expenses="4000", current_savings="2000", monthly_saving="0")
    assert result["months_to_goal"] is None
    assert result["months_to_max"] is None


def test_emergency_already_there() -> None:
    result = emergency(monthly_expenses="4000", current_savings="12000", monthly_saving="0")
    assert result["months_to_goal"] == 0
    assert result["months_to_max"] is None
    assert result["gap_min"] == "0.00"


def test_emergency_rounds_months_up() -> None:
    result = emergency(monthly_expenses="1000", current_savings="0", monthly_saving="700")
    assert result["months_to_goal"] == 5  # 3000 / 700 = 4.29 -> 5


@given(
    expenses=st.decimals(min_value=D("0.01"), max_value=D("1e10"), places=2),
    savings=st.decimals(min_value=D(0), max_value=D("1e10"), places=2),
    saving=st.decimals(min_value=D("0.01"), max_value=D("1e10"), places=2),
)
def test_emergency_months_are_just_enough(
    expenses: Decimal, savings: Decimal, saving: Decimal
) -> None:
    result = emergency(
        monthly_expenses=str(expenses), current_savings=str(savings), monthly_saving=str(saving)
    )
    n = result["months_to_goal"]
    target = D(result["target_min"])
    assert savings + n * saving >= target
    if n > 0:
        assert savings + (n - 1) * saving < target
