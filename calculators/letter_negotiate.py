"""协商还款申请 (a request to agree a repayment plan), with a 收支说明.

The letter asks only for what the reader chooses: instalments (``ask_instalment``), the
waiver of penalty interest and fees (``ask_waive``), a lump-sum settlement
(``ask_settlement``, off by default: a reader with no lump sum gets no settlement
paragraph). At least one must be chosen.

Numbers: ``financed = owed - penalty`` when the waiver is asked for (null when the
penalty is not known), else ``owed``. The monthly offer is the amount typed, or, when left
blank, what the budget leaves (``spare = income - essential - other payments``) if that is
above 0 (``offer_from_budget``). With the offer and the months known, ``instalment_total = offer x
months``, and ``short_by = financed - instalment_total`` when that is above 0 (the plan would
not clear the debt: the view says so outside the letter). ``above_spare``: the offer is more
than the budget leaves.

Example: owed 35,000, penalty 3,000, waive and instalments, 36 months, 900 a month:
financed 32,000.00, instalment_total 32,400.00, short_by null.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, localcontext
from typing import TypedDict

from calculators import letters
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt

TITLE = "协商还款申请"

FIELDS: tuple[Field, ...] = (
    letters.INSTITUTION,
    letters.REASON,
    Field(
        "owed",
        "现在欠款合计",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="账单或 App 上显示的全部欠款；不填，信里就留【金额】。",
        saved_as="debt.balance",
    ),
    Field(
        "penalty",
        "其中罚息和违约金",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="逾期以后产生的罚息、复利、违约金合计；不知道就空着。",
    ),
    Field("ask_instalment", "申请分期还款", Kind.FLAG, "1"),
    letters.MONTHS,
    letters.relabel(
        letters.MONTHLY, help="留足生活必需开支后真正拿得出的钱；空着就按下面的收支算。"
    ),
    Field("freeze", "分期期间申请停止计息", Kind.FLAG, "1", saved_as="debt.stop_interest"),
    Field("ask_waive", "申请减免罚息和违约金", Kind.FLAG, "1", saved_as="debt.waive_penalty"),
    Field(
        "ask_settlement",
        "申请一次性结清",
        Kind.FLAG,
        "0",
        help="只有真的能一次拿出一笔钱时才勾选。",
    ),
    Field(
        "settlement",
        "一次能拿出的钱",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="只在申请一次性结清时使用。",
    ),
    Field(
        "settlement_by",
        "最晚哪天能拿出来",
        Kind.DATE,
        "",
        required=False,
        help="只在申请一次性结清时使用。",
    ),
    *letters.BUDGET_FIELDS,
    letters.LAST_ACTIVITY,
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    reason: str | None
    owed: str | None
    penalty: str | None
    financed: str | None
    ask_instalment: bool
    ask_waive: bool
    ask_settlement: bool
    freeze: bool
    months: int | None
    offer: str | None  # the monthly amount offered
    offer_from_budget: bool
    instalment_total: str | None
    short_by: str | None
    above_spare: bool
    settlement: str | None
    settlement_by: str | None
    budget: letters.Budget
    last_activity: str | None
    old_debt: bool  # three years or more without payment or collection: call 12348 first


def calculate(
    institution: str,
    reason: str,
    owed: Decimal | None,
    penalty: Decimal | None,
    ask_instalment: bool,
    months: int | None,
    monthly: Decimal | None,
    freeze: bool,
    ask_waive: bool,
    ask_settlement: bool,
    settlement: Decimal | None,
    settlement_by: _dt.date | None,
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
    """The letter's contents (`Result`); see the module docstring."""
    if not (ask_instalment or ask_waive or ask_settlement):
        raise InputError(
            "ask_instalment", "请至少选一项要申请的内容：分期还款、减免罚息或一次性结清。"
        )
    if owed is not None and penalty is not None and owed > 0 and penalty > owed:
        raise InputError("penalty", "罚息和违约金不能比欠款合计还多，请核对这两个数。")
    with localcontext(CONTEXT):
        plan = letters.budget(income, essential_expenses, debt_payments)
        spare = Decimal(plan["spare"]) if plan["spare"] is not None else None
        financed = owed if owed else None
        if financed is not None and ask_waive:
            # Without the penalty's amount, what is left after the waiver is not known.
            financed = financed - penalty if penalty is not None else None
        offer = monthly if monthly else None
        from_budget = False
        if offer is None and spare is not None and spare > 0 and ask_instalment:
            offer, from_budget = spare, True
        total = short = None
        if ask_instalment and offer is not None and months is not None:
            total = offer * months
            if financed is not None and financed > total:
                short = financed - total
        return {
            "person": letters.person(institution, name, id_tail, account, phone, letter_date),
            "reason": letters.one_line("reason", "逾期的原因", reason, letters.LONG),
            "owed": letters.amount(owed),
            "penalty": letters.amount(penalty),
            "financed": letters.amount(financed),
            "ask_instalment": ask_instalment,
            "ask_waive": ask_waive,
            "ask_settlement": ask_settlement,
            "freeze": freeze,
            "months": months if ask_instalment else None,
            "offer": fmt(offer) if offer is not None and ask_instalment else None,
            "offer_from_budget": from_budget,
            "instalment_total": fmt(total) if total is not None else None,
            "short_by": fmt(short) if short is not None else None,
            "above_spare": bool(
                ask_instalment and offer is not None and spare is not None and offer > spare
            ),
            "settlement": letters.amount(settlement) if ask_settlement else None,
            "settlement_by": letters.iso(settlement_by) if ask_settlement else None,
            "budget": plan,
            "last_activity": letters.iso(last_activity),
            "old_debt": letters.old_debt(last_activity, letter_date),
        }
