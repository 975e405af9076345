"""个性化分期还款申请 for a credit card (《商业银行信用卡业务监督管理办法》第七十条).

The card's balance, the months (at most 60: the article allows at most 5 years) and the
monthly amount offered, each optional (a blank one prints as a placeholder), and whether to
ask for the fees and interest to stop. ``instalment_total = monthly x months`` and
``short_by = owed - instalment_total`` when both are known and the plan would not clear the
balance.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, localcontext
from typing import TypedDict

from calculators import letters
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt

TITLE = "个性化分期还款申请"
CARD_MONTHS = 60  # 第七十条: at most 5 years

FIELDS: tuple[Field, ...] = (
    letters.relabel(
        letters.INSTITUTION,
        label="发卡银行",
        help="信用卡背面或账单上的银行名称；不填，信里就留【发卡银行】。",
    ),
    letters.REASON,
    Field(
        "owed",
        "这张卡现在欠款",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="最新账单或 App 上的全部欠款；不填，信里就留【金额】。",
        saved_as="debt.balance",
    ),
    letters.relabel(
        letters.MONTHS, maximum=Decimal(CARD_MONTHS), help="个性化分期最长 5 年，也就是 60 期。"
    ),
    letters.MONTHLY,
    Field("freeze", "申请分期期间停收利息和费用", Kind.FLAG, "1", saved_as="debt.stop_interest"),
    *letters.BUDGET_FIELDS,
    letters.LAST_ACTIVITY,
    *letters.person_fields(
        account=letters.relabel(
            letters.ACCOUNT, label="卡号后四位", help="信用卡卡号的后四位，不要写全号。"
        )
    )[1:],
)


class Result(TypedDict):
    person: letters.Person
    reason: str | None
    owed: str | None
    months: int | None
    monthly: str | None
    freeze: bool
    instalment_total: str | None
    short_by: str | None
    budget: letters.Budget
    last_activity: str | None
    old_debt: bool


def calculate(
    institution: str,
    reason: str,
    owed: Decimal | None,
    months: int | None,
    monthly: Decimal | None,
    freeze: bool,
    income: Decimal | None,
    essential_expenses: Decimal | None,
    debt_payments: Decimal | None,
    last_activity: _dt.date | None,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    with localcontext(CONTEXT):
        total = monthly * months if monthly and months is not None else None
        short = owed - total if owed and total is not None and owed > total else None
        return {
            "person": letters.person(institution, name, id_tail, account, phone, letter_date),
            "reason": letters.one_line("reason", "逾期的原因", reason, letters.LONG),
            "owed": letters.amount(owed),
            "months": months,
            "monthly": letters.amount(monthly),
            "freeze": freeze,
            "instalment_total": fmt(total) if total is not None else None,
            "short_by": fmt(short) if short is not None else None,
            "budget": letters.budget(income, essential_expenses, debt_payments),
            "last_activity": letters.iso(last_activity),
            "old_debt": letters.old_debt(last_activity, letter_date),
        }
