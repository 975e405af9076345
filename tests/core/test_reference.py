"""Published cases (tests/core/reference/*.toml), compared exactly."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import calculators
from calculators import rates


def _dig(result: Any, path: str) -> Any:
    for part in path.split("."):
        result = result[int(part)] if isinstance(result, list) else result[part]
    return result


def test_reference_case(reference_case: dict[str, Any]) -> None:
    result = calculators.run(reference_case["calculator"], reference_case["inputs"])
    for path, expected in reference_case["expect"].items():
        assert _dig(result, path) == expected, path


def test_irr_reference(irr_case: dict[str, Any]) -> None:
    monthly = rates.irr([Decimal(cf) for cf in irr_case["flows"]])
    assert str(monthly.quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)) == irr_case["expect"]


def _annuity_exact(principal: str, annual_rate: str, months: int) -> Decimal:
    r = Fraction(annual_rate) / 1200
    growth = (1 + r) ** months
    exact = Fraction(principal) * r * growth / (growth - 1)
    # Half-up to the fen on the exact rational value, independent of Decimal's context.
    cents = (exact * 100 + Fraction(1, 2)).__floor__()
    return Decimal(cents) / 100


def test_equal_payment_reference_recomputed_exactly(reference_case: dict[str, Any]) -> None:
    """Every published 等额本息 payment also follows from exact rational arithmetic."""
    inputs = reference_case["inputs"]
    if inputs.get("method") != "equal_payment" or "monthly_payment" not in reference_case["expect"]:
        return
    exact = _annuity_exact(inputs["principal"], inputs["annual_rate"], int(inputs["months"]))
    assert f"{exact:.2f}" == reference_case["expect"]["monthly_payment"]
