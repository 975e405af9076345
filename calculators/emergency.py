"""An emergency fund (应急基金): how much to keep aside, and how long it takes to get there.

``target_min = 3 x monthly_expenses``, ``target_max = 6 x monthly_expenses`` (the common
three-to-six-months rule of thumb of personal-finance education, not a rule of law);
``months_to_goal = ceil((target_min - current_savings) / monthly_saving)``, 0 when the
savings already reach it, null when nothing is saved each month and the target is not met.

Worked example: expenses 4,000, savings 2,000, saving 1,000 a month -> target_min 12,000.00,
target_max 24,000.00, months_to_goal 10, months_to_max 22, months_covered 0.5.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_DOWN, Decimal, localcontext
from typing import TypedDict

from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt

TITLE = "应急基金"

FIELDS: tuple[Field, ...] = (
    Field(
        "monthly_expenses",
        "每月必要开支",
        Kind.MONEY,
        "4000",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        help="房租、吃饭、交通、水电等每月少不了的开支，加上每月必须还的钱。",
        saved_as="budget.essential_expenses",
    ),
    Field(
        "current_savings",
        "现有存款",
        Kind.MONEY,
        "2000",
        unit="元",
        minimum=Decimal(0),
        help="随时能取出来用的钱，不算借来的额度。",
    ),
    Field(
        "monthly_saving",
        "每月能存下",
        Kind.MONEY,
        "500",
        unit="元",
        minimum=Decimal(0),
        help="每个月还完款、付完开支后能存下的钱；暂时存不下就填 0。",
    ),
)


def months_needed(gap: Decimal, saving: Decimal) -> int | None:
    """Whole months to save `gap` at `saving` a month: 0 if nothing is missing, None if never.

    >>> months_needed(Decimal("10000"), Decimal("1000")), months_needed(Decimal("1"), Decimal("0"))
    (10, None)
    """
    with localcontext(CONTEXT):
        if gap <= 0:
            return 0
        if saving <= 0:
            return None
        return int((gap / saving).to_integral_value(rounding=ROUND_CEILING))


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings."""

    target_min: str  # 3 months of essential expenses
    target_max: str  # 6 months
    gap_min: str  # >= 0
    gap_max: str
    months_to_goal: int | None  # null: never at this saving rate
    months_to_max: int | None
    months_covered: str  # savings / expenses, one decimal, rounded down
    current_savings: str


def calculate(
    monthly_expenses: Decimal, current_savings: Decimal, monthly_saving: Decimal
) -> Result:
    """Targets and time to reach them (`Result`); see the module docstring."""
    with localcontext(CONTEXT):
        target_min = monthly_expenses * 3
        target_max = monthly_expenses * 6
        gap_min = max(target_min - current_savings, Decimal("0.00"))
        gap_max = max(target_max - current_savings, Decimal("0.00"))
        months_to_goal = months_needed(gap_min, monthly_saving)
        covered = (current_savings / monthly_expenses).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
        return {
            "target_min": fmt(target_min),
            "target_max": fmt(target_max),
            "gap_min": fmt(gap_min),
            "gap_max": fmt(gap_max),
            "months_to_goal": months_to_goal,
            "months_to_max": months_needed(gap_max, monthly_saving),
            "months_covered": str(covered),
            "current_savings": fmt(current_savings),
        }
