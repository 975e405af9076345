"""How much a person can put towards debts each month (还款能力).

``capacity = income - essential_expenses``: the most any repayment plan can take each month
(the figure to bring to a negotiation; it may be negative, which is reported, not an error).
``leftover = capacity - debt_payments``: what remains under the current monthly payments;
``shortfall = max(debt_payments - capacity, 0)``; ``debt_to_income = debt_payments / income
x 100``.

Worked example: income 8,000, essentials 4,500, debt payments 2,000 -> capacity 3,500.00,
leftover 1,500.00, debt_to_income 25.00 %, level "manageable".

The level is a rule of thumb, not a rule of any lender: ``negative`` when income does not
cover the essentials, ``shortfall`` when it does not cover the essentials plus the current
payments, ``strained`` when debt payments take 50 % of income or more, ``stretched`` from
30 %, otherwise ``manageable``.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Literal, TypedDict, get_args

from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt

TITLE = "还款能力"

FIELDS: tuple[Field, ...] = (
    Field(
        "income",
        "每月收入",
        Kind.MONEY,
        "8000",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        help="到手的收入（税后），包括工资和其他稳定收入。",
        saved_as="budget.income",
    ),
    Field(
        "essential_expenses",
        "每月必要开支",
        Kind.MONEY,
        "4500",
        unit="元",
        minimum=Decimal(0),
        help="房租、吃饭、交通、水电、看病、养家等少不了的开支。",
        saved_as="budget.essential_expenses",
    ),
    Field(
        "debt_payments",
        "现在每月应还",
        Kind.MONEY,
        "4000",
        unit="元",
        minimum=Decimal(0),
        help="所有贷款和信用卡按现在的合同每月要还的钱加起来。",
        saved_as="current_payments",
    ),
)

Level = Literal["negative", "shortfall", "strained", "stretched", "manageable"]
LEVELS: tuple[Level, ...] = get_args(Level)


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings."""

    income: str
    essential_expenses: str
    debt_payments: str
    capacity: str  # income - essential expenses; may be negative
    leftover: str  # capacity - debt payments; may be negative
    shortfall: str  # >= 0
    debt_to_income: str  # %
    level: Level


def calculate(income: Decimal, essential_expenses: Decimal, debt_payments: Decimal) -> Result:
    """Monthly capacity and debt-to-income (`Result`); see the module docstring."""
    with localcontext(CONTEXT):
        capacity = income - essential_expenses
        leftover = capacity - debt_payments
        shortfall = -leftover if leftover < 0 else Decimal("0.00")
        dti = debt_payments / income * 100
        level: Level
        if capacity < 0:
            level = "negative"
        elif leftover < 0:
            level = "shortfall"
        elif dti >= 50:
            level = "strained"
        elif dti >= 30:
            level = "stretched"
        else:
            level = "manageable"
        return {
            "income": fmt(income),
            "essential_expenses": fmt(essential_expenses),
            "debt_payments": fmt(debt_payments),
            "capacity": fmt(capacity),
            "leftover": fmt(leftover),
            "shortfall": fmt(shortfall),
            "debt_to_income": fmt(dti),
            "level": level,
        }
