"""要求停止联系第三人: ask a lender (and its collectors) to stop contacting family, friends
in the phone's contact list and the employer, or not to, when they only threatened to.

Whether they contacted those people or threatened to (``what``: "contacted" or
"threatened": the letter states only what happened), who (three flags, at least one), what
happened (one event a line), and whether the debt is a credit card (the letter then also
cites the card rules).
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal, TypedDict

from calculators import letters
from calculators.errors import InputError
from calculators.fields import Field, Kind

TITLE = "要求停止联系第三人"

What = Literal["contacted", "threatened"]
WHAT: tuple[tuple[What, str], ...] = (
    ("contacted", "已经联系了他们"),
    ("threatened", "威胁要联系他们，还没有联系"),
)

FIELDS: tuple[Field, ...] = (
    letters.INSTITUTION,
    Field("what", "对方做了什么", Kind.CHOICE, "contacted", choices=WHAT),
    Field("family", "我的家人", Kind.FLAG, "1"),
    Field("contacts", "通讯录里的朋友", Kind.FLAG, "0"),
    Field("employer", "我的单位、同事或领导", Kind.FLAG, "0"),
    Field(
        "events",
        "发生了什么",
        Kind.LINES,
        "",
        required=False,
        help="一行写一次，先写日期，"
        "例如：2026-05-06 下午，催收人员打电话给我母亲，说了我欠款的金额。",
    ),
    Field(
        "credit_card",
        "这是信用卡欠款",
        Kind.FLAG,
        "0",
        help="勾选后，信里加上信用卡业务的规定。",
        saved_as="debt.is_card",
    ),
    *letters.person_fields(
        phone=letters.relabel(
            letters.PHONE,
            label="能联系到你的电话",
            advanced=False,
            help="写上它，说明你没有失联，对方可以直接找你。",
        )
    )[1:],
)


class Result(TypedDict):
    person: letters.Person
    what: What
    family: bool
    contacts: bool
    employer: bool
    events: list[str]
    credit_card: bool


def calculate(
    institution: str,
    what: What,
    family: bool,
    contacts: bool,
    employer: bool,
    events: str,
    credit_card: bool,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    if not (family or contacts or employer):
        raise InputError("family", "请至少选一项：你的家人、朋友，还是单位。")
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "what": what,
        "family": family,
        "contacts": contacts,
        "employer": employer,
        "events": letters.items("events", "发生了什么", events, letters.MAX_ITEMS, letters.LONG),
        "credit_card": credit_card,
    }
