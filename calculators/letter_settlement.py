"""结清证明申请: ask for a settlement certificate and for the credit report to be checked.

How it ended (``how``: "full", every part repaid; or "discounted", the amount agreed after
the lender waived a part, with the agreement's date), the date the debt was paid off and the
last payment, all optional, and whether to also ask the lender to check what it reports to
the credit bureau (``check_credit``, on by default). For a discounted settlement the letter
says so and asks the certificate to state that the waived part will not be claimed, rather
than claim that every part was repaid.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Literal, TypedDict

from calculators import letters
from calculators.fields import Field, Kind

TITLE = "结清证明申请"

How = Literal["full", "discounted"]
HOW: tuple[tuple[How, str], ...] = (
    ("full", "全部还清"),
    ("discounted", "对方同意减免一部分，按协议付清"),
)

FIELDS: tuple[Field, ...] = (
    letters.INSTITUTION,
    Field("how", "怎么结清的", Kind.CHOICE, "full", choices=HOW),
    Field(
        "agreed_on",
        "减免协议的日期",
        Kind.DATE,
        "",
        required=False,
        help="只在对方同意减免时填：书面协议、短信或 App 消息上的日期；不填，信里就留【日期】。",
    ),
    Field(
        "paid_off",
        "还清的日期",
        Kind.DATE,
        "",
        required=False,
        help="最后一笔还款的日期；不填，信里就留【日期】。",
    ),
    Field(
        "last_payment",
        "最后一笔还了多少",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="写上金额，对方更容易对账；不知道就空着。",
    ),
    Field("check_credit", "同时请对方核实征信报送", Kind.FLAG, "1"),
    Field(
        "send_to",
        "证明寄到或发到",
        Kind.LINES,
        "",
        required=False,
        help="邮寄地址或电子邮箱；不填，信里就留【地址或邮箱】。",
        personal=True,
        saved_as="person.address",
    ),
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    how: How
    agreed_on: str | None
    paid_off: str | None
    last_payment: str | None
    check_credit: bool
    send_to: str | None


def calculate(
    institution: str,
    how: How,
    agreed_on: _dt.date | None,
    paid_off: _dt.date | None,
    last_payment: Decimal | None,
    check_credit: bool,
    send_to: str,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "how": how,
        "agreed_on": letters.iso(agreed_on) if how == "discounted" else None,
        "paid_off": letters.iso(paid_off),
        "last_payment": letters.amount(last_payment),
        "check_credit": check_credit,
        "send_to": letters.one_line("send_to", "地址或邮箱", send_to, letters.LONG),
    }
