"""债权转让核实: a company says it now owns the debt; ask for the proof (民法典第五百四十六条).

Sent either to the company that says it bought the debt (``to`` = "new") or to the original
lender (``to`` = "original"), with the date the company first made contact and the amount it
claims, both optional, and what the reader knows of a notice (``notice``): "none" (no notice
of the transfer) or "unverified" (an SMS or an announcement on ``notice_date`` that the
reader cannot verify came from the original lender). The letter states only that.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Literal, TypedDict

from calculators import letters
from calculators.fields import Field, Kind

TITLE = "债权转让核实"

Receiver = Literal["new", "original"]

Notice = Literal["none", "unverified"]
NOTICES: tuple[tuple[Notice, str], ...] = (
    ("none", "没有收到转让通知"),
    ("unverified", "收到过短信或公告，但无法核实"),
)

RECEIVERS: tuple[tuple[Receiver, str], ...] = (
    ("new", "自称接手债权的公司"),
    ("original", "原来的借款机构"),
)

FIELDS: tuple[Field, ...] = (
    Field("to", "寄给谁", Kind.CHOICE, "new", choices=RECEIVERS),
    letters.relabel(
        letters.INSTITUTION,
        label="原来的借款机构",
        help="你当初借款或办卡的机构；不填，信里就留【原借款机构】。",
    ),
    Field(
        "new_creditor",
        "自称接手债权的公司",
        Kind.LINES,
        "",
        required=False,
        help="对方自称的公司名称；不填，信里就留【公司名称】。",
        saved_as="debt.new_creditor",
    ),
    Field("notice", "转让通知", Kind.CHOICE, "none", choices=NOTICES, saved_as="debt.notice"),
    Field(
        "notice_date",
        "收到短信或看到公告的日期",
        Kind.DATE,
        "",
        required=False,
        help="只在收到过短信或公告时填；不填，信里就留【日期】。",
        saved_as="debt.notice_date",
    ),
    Field(
        "contacted_on",
        "对方第一次联系你的日期",
        Kind.DATE,
        "",
        required=False,
    ),
    Field(
        "claimed",
        "对方说你欠多少",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
    ),
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    to: Receiver
    new_creditor: str | None
    contacted_on: str | None
    claimed: str | None
    notice: Notice
    notice_date: str | None


def calculate(
    to: Receiver,
    institution: str,
    new_creditor: str,
    notice: Notice,
    notice_date: _dt.date | None,
    contacted_on: _dt.date | None,
    claimed: Decimal | None,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "to": to,
        "new_creditor": letters.one_line("new_creditor", "公司名称", new_creditor, letters.SHORT),
        "contacted_on": letters.iso(contacted_on),
        "claimed": letters.amount(claimed),
        "notice": notice,
        "notice_date": letters.iso(notice_date) if notice == "unverified" else None,
    }
