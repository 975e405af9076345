"""要求提供书面协议: confirm in writing what was agreed on the phone.

What was agreed, as far as the reader knows it: the total, the months, the monthly amount,
the first due date, what was waived, whether interest stops (``interest``: "stop",
"continue" or "unknown"), other terms one per line, and, for a credit card, whether to ask
for the call's recording to be kept. Everything is optional; blanks print as placeholders.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Literal, TypedDict

from calculators import letters
from calculators.fields import Field, Kind

TITLE = "要求提供书面协议"

Interest = Literal["unknown", "stop", "continue"]

INTEREST: tuple[tuple[Interest, str], ...] = (
    ("unknown", "没有谈到"),
    ("stop", "约定不再计息"),
    ("continue", "约定继续计息"),
)

FIELDS: tuple[Field, ...] = (
    letters.INSTITUTION,
    Field(
        "call_date",
        "电话里谈妥的日期",
        Kind.DATE,
        "",
        required=False,
        help="不填，信里就留【日期】。",
    ),
    Field(
        "agent",
        "对方姓名或工号",
        Kind.LINES,
        "",
        required=False,
        help="通话时对方报的姓名或工号。",
    ),
    Field(
        "total",
        "约定一共还",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
    ),
    letters.relabel(letters.MONTHS, help="", saved_as=""),
    Field(
        "monthly",
        "每期还",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
    ),
    Field("first_due", "第一期还款日", Kind.DATE, "", required=False, saved_as="debt.first_due"),
    Field(
        "waived",
        "约定减免",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="对方同意减免的罚息、利息或费用合计；没有就空着。",
    ),
    Field(
        "interest",
        "分期期间的利息",
        Kind.CHOICE,
        "unknown",
        choices=INTEREST,
    ),
    Field(
        "other_terms",
        "其他约定",
        Kind.LINES,
        "",
        required=False,
        help="一行写一条，例如：还款账户、停止催收、结清后出具结清证明。",
    ),
    Field(
        "credit_card",
        "这是信用卡欠款",
        Kind.FLAG,
        "0",
        help="勾选后，信里请银行保存这次通话的录音。",
        saved_as="debt.is_card",
    ),
    Field(
        "reply_days",
        "请对方几天内答复",
        Kind.INTEGER,
        "7",
        unit="天",
        minimum=Decimal(1),
        maximum=Decimal(60),
    ),
    letters.LAST_ACTIVITY,
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    call_date: str | None
    agent: str | None
    total: str | None
    months: int | None
    monthly: str | None
    first_due: str | None
    waived: str | None
    interest: Interest
    other_terms: list[str]
    credit_card: bool
    reply_days: int
    last_activity: str | None
    old_debt: bool


def calculate(
    institution: str,
    call_date: _dt.date | None,
    agent: str,
    total: Decimal | None,
    months: int | None,
    monthly: Decimal | None,
    first_due: _dt.date | None,
    waived: Decimal | None,
    interest: Interest,
    other_terms: str,
    credit_card: bool,
    reply_days: int,
    last_activity: _dt.date | None,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "call_date": letters.iso(call_date),
        "agent": letters.one_line("agent", "对方姓名或工号", agent, letters.SHORT),
        "total": letters.amount(total),
        "months": months,
        "monthly": letters.amount(monthly),
        "first_due": letters.iso(first_due),
        "waived": letters.amount(waived),
        "interest": interest,
        "other_terms": letters.items(
            "other_terms", "其他约定", other_terms, letters.MAX_ITEMS, letters.LONG
        ),
        "credit_card": credit_card,
        "reply_days": reply_days,
        "last_activity": letters.iso(last_activity),
        "old_debt": letters.old_debt(last_activity, letter_date),
    }
