"""执行和解申请: after a judgment, a written instalment offer to the creditor (申请执行人),
copied to the enforcement judge, with a 收支说明.

Numbers: ``instalment_total = first_payment + monthly x months`` when the monthly amount and
the months are known (a blank first payment counts as 0). With the judged amount known,
``short_by = judged - instalment_total`` when that is above 0: the creditor would have to
waive that much, which the view says outside the letter (the letter itself names no total:
the judgment fixes it, and interest for late performance may be added by the court).
``above_spare``: the monthly amount is more than the budget leaves. ``start``, the first
instalment's date, must come after the letter's date when both are given.

Example: first payment 2,000, 1,000 a month for 24 months, judged 30,000:
instalment_total 26,000.00, short_by 4,000.00.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, localcontext
from typing import TypedDict

from calculators import letters
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt

TITLE = "执行和解申请"

FIELDS: tuple[Field, ...] = (
    letters.relabel(
        letters.INSTITUTION,
        label="申请执行人（对方）",
        help="判决书或执行通知上写的申请执行人全称；不填，信里就留【申请执行人】。",
    ),
    Field("court", "执行法院", Kind.LINES, "", required=False, help="例如：某某区人民法院。"),
    Field(
        "case_no",
        "执行案号",
        Kind.LINES,
        "",
        required=False,
        help="执行通知书上的案号，一般带“执”字，例如（2026）某0106执1234号。",
    ),
    letters.REASON,
    Field(
        "judged",
        "判决（调解书）确定的金额",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="只用来核对你的方案够不够，不写进信里。",
    ),
    Field(
        "first_payment",
        "签和解协议时先付",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="没有就空着；不要为了这笔钱去借新的贷款。",
    ),
    # Not saved as the reader's whole monthly capacity: this is what one creditor is offered.
    letters.relabel(letters.MONTHLY, help="留足生活必需开支后，每月真正拿得出的钱。", saved_as=""),
    letters.relabel(letters.MONTHS, help="一共分几个月付完。", saved_as=""),
    Field(
        "start",
        "第一期哪天付",
        Kind.DATE,
        "",
        required=False,
    ),
    Field(
        "ask_release",
        "请对方同意解除生活账户的冻结",
        Kind.FLAG,
        "0",
        help="工资卡或交房租、买菜用的账户被冻结时勾选。",
    ),
    *letters.BUDGET_FIELDS,
    *letters.PERSON_FIELDS[1:],
)


def case_number(name: str, label: str, raw: str) -> str | None:
    """A court's case number as typed, its brackets full-width as courts write them:
    "(2026)某0106执1234号" -> "（2026）某0106执1234号" (typing often mixes the two)."""
    text = letters.one_line(name, label, raw, letters.SHORT)
    return text.replace("(", "（").replace(")", "）") if text else None


class Result(TypedDict):
    person: letters.Person
    court: str | None
    case_no: str | None
    reason: str | None
    judged: str | None
    first_payment: str | None
    monthly: str | None
    months: int | None
    start: str | None  # ISO date
    ask_release: bool
    instalment_total: str | None
    short_by: str | None
    above_spare: bool
    budget: letters.Budget


def calculate(
    institution: str,
    court: str,
    case_no: str,
    reason: str,
    judged: Decimal | None,
    first_payment: Decimal | None,
    monthly: Decimal | None,
    months: int | None,
    start: _dt.date | None,
    ask_release: bool,
    income: Decimal | None,
    essential_expenses: Decimal | None,
    debt_payments: Decimal | None,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    """The letter's contents (`Result`); see the module docstring."""
    if start is not None and letter_date is not None and start <= letter_date:
        raise InputError("start", "第一期的日期要在写信日期之后，请改一个以后的日子，或者空着。")
    with localcontext(CONTEXT):
        plan = letters.budget(income, essential_expenses, debt_payments)
        spare = Decimal(plan["spare"]) if plan["spare"] is not None else None
        offer = monthly if monthly else None
        total = short = None
        if offer is not None and months is not None:
            total = (first_payment or Decimal(0)) + offer * months
            if judged and judged > total:
                short = judged - total
        return {
            "person": letters.person(institution, name, id_tail, account, phone, letter_date),
            "court": letters.one_line("court", "执行法院", court, letters.SHORT),
            "case_no": case_number("case_no", "执行案号", case_no),
            "reason": letters.one_line("reason", "逾期的原因", reason, letters.LONG),
            "judged": letters.amount(judged),
            "first_payment": letters.amount(first_payment),
            "monthly": letters.amount(offer),
            "months": months,
            "start": letters.iso(start),
            "ask_release": ask_release,
            "instalment_total": fmt(total) if total is not None else None,
            "short_by": fmt(short) if short is not None else None,
            "above_spare": offer is not None and spare is not None and offer > spare,
            "budget": plan,
        }
