"""暂时无力还款说明: the letter for a month when nothing is left to offer.

For a reader whose budget does not cover even the essentials: it explains the situation,
makes no offer, and asks the lender to note it and to stay in touch with the reader alone.
The 收支说明 uses the same fields (and the same saved keys) as the budget calculator.

``spare = income - essential - other payments`` (when the first two are known, as in
`letters.budget`); ``gap`` is ``-spare`` when that is above 0, the shortfall every month.
``has_spare`` is true when the budget leaves money over: then a repayment offer (the
协商还款申请) may suit the reader better, and the view says so outside the letter.
``contact_again`` is the date the reader promises to write again; it must come after the
letter's date when both are given.

Example: income 2,000, essential 2,600, other payments 900: spare -1,500.00, gap 1,500.00.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TypedDict

from calculators import letters
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import fmt

TITLE = "暂时无力还款说明"

FIELDS: tuple[Field, ...] = (
    letters.INSTITUTION,
    letters.REASON,
    *letters.BUDGET_FIELDS,
    Field(
        "contact_again",
        "最晚哪天再联系对方",
        Kind.DATE,
        "",
        required=False,
        help="你打算在哪天以前再写信或打电话说明情况，例如找到工作以后；不填，信里就留【日期】。",
    ),
    letters.LAST_ACTIVITY,
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    reason: str | None
    budget: letters.Budget
    gap: str | None  # the monthly shortfall, when the budget does not cover the essentials
    has_spare: bool  # the budget leaves money over every month
    contact_again: str | None  # ISO date
    last_activity: str | None
    old_debt: bool


def calculate(
    institution: str,
    reason: str,
    income: Decimal | None,
    essential_expenses: Decimal | None,
    debt_payments: Decimal | None,
    contact_again: _dt.date | None,
    last_activity: _dt.date | None,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    """The letter's contents (`Result`); see the module docstring."""
    if contact_again is not None and letter_date is not None and contact_again <= letter_date:
        raise InputError(
            "contact_again", "再联系的日期要在写信日期之后，请改一个以后的日子，或者空着。"
        )
    plan = letters.budget(income, essential_expenses, debt_payments)
    spare = Decimal(plan["spare"]) if plan["spare"] is not None else None
    gap = fmt(-spare) if spare is not None and spare < 0 else None
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "reason": letters.one_line("reason", "逾期的原因", reason, letters.LONG),
        "budget": plan,
        "gap": gap,
        "has_spare": spare is not None and spare > 0,
        "contact_again": letters.iso(contact_again),
        "last_activity": letters.iso(last_activity),
        "old_debt": letters.old_debt(last_activity, letter_date),
    }
