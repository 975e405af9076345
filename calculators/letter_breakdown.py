"""要求提供欠款明细和计算依据: ask how a claimed sum was reached, without accepting it.

The reader names what the lender (or a collector acting for it) says is owed and when it
said so, both optional, and who made the claim; the letter asks for the contract, each part
of the sum with its dates and rates, how every payment was applied, and who holds the debt
now. ``ask_contract`` adds the request for a copy of the contract (on by default).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TypedDict

from calculators import letters
from calculators.fields import Field, Kind

TITLE = "要求提供欠款明细和计算依据"

FIELDS: tuple[Field, ...] = (
    letters.relabel(
        letters.INSTITUTION,
        label="寄给哪家机构",
        help="借款合同上的放款机构或发卡银行；不填，信里就留【机构名称】。",
    ),
    Field(
        "claimed",
        "对方说你欠多少",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="短信、电话或 App 里对方报的数；信里写成“贵机构主张的”，不表示你认可。",
    ),
    Field(
        "claimed_on",
        "对方哪天这样说的",
        Kind.DATE,
        "",
        required=False,
    ),
    Field(
        "collector",
        "谁找你要的",
        Kind.LINES,
        "",
        required=False,
        help="催收公司的名称或催收人员的工号；是机构自己的客服就空着。",
    ),
    Field("ask_contract", "同时要一份借款合同", Kind.FLAG, "1"),
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    claimed: str | None
    claimed_on: str | None  # ISO date
    collector: str | None
    ask_contract: bool


def calculate(
    institution: str,
    claimed: Decimal | None,
    claimed_on: _dt.date | None,
    collector: str,
    ask_contract: bool,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "claimed": letters.amount(claimed),
        "claimed_on": letters.iso(claimed_on),
        "collector": letters.one_line("collector", "谁找你要的", collector, letters.SHORT),
        "ask_contract": ask_contract,
    }
