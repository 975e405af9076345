"""投诉信: a complaint to the body that handles the kind of institution.

``target`` picks the addressee (the view names it): a bank or a 消费金融公司 -> 国家金融监督管理总局
(12378); a credit-report problem -> the local branch of the People's Bank; a 小额贷款公司,
网络小贷 or 融资担保公司 -> the provincial 地方金融管理局. Then the facts (one event a line,
dates first), what is asked (one a line), and when the reader first complained to the
institution itself and what it answered, both optional.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal, TypedDict

from calculators import letters
from calculators.fields import Field, Kind

TITLE = "投诉信"

Target = Literal["bank", "consumer_finance", "small_loan", "guarantee", "credit_report"]
Body = Literal["nfra", "local", "pboc"]

TARGETS: tuple[tuple[Target, str], ...] = (
    ("bank", "银行（信用卡、贷款）"),
    ("consumer_finance", "消费金融公司"),
    ("small_loan", "小额贷款公司、网络小贷"),
    ("guarantee", "融资担保公司"),
    ("credit_report", "信用报告（征信）的问题"),
)
# Who takes the complaint, by target: "nfra" 国家金融监督管理总局, "local" the provincial
# 地方金融管理局, "pboc" the People's Bank's local branch.
BODY: dict[Target, Body] = {
    "bank": "nfra",
    "consumer_finance": "nfra",
    "small_loan": "local",
    "guarantee": "local",
    "credit_report": "pboc",
}

FIELDS: tuple[Field, ...] = (
    Field("target", "投诉哪一类机构", Kind.CHOICE, "bank", choices=TARGETS),
    Field(
        "region",
        "所在省份或城市",
        Kind.LINES,
        "",
        required=False,
        help="地方金融管理局和人民银行分支机构按地区受理；不填，信里就留【所在地】。",
    ),
    letters.relabel(letters.INSTITUTION, label="被投诉的机构"),
    Field(
        "events",
        "事情经过",
        Kind.LINES,
        "",
        required=False,
        help="一行写一件事，先写日期，例如：2026-05-06 23:40，催收电话打到我家里。",
    ),
    Field(
        "asks",
        "你的诉求",
        Kind.LINES,
        "",
        required=False,
        help="一行一条，例如：核实并纠正收费；停止联系我的家人；书面答复处理结果。",
    ),
    Field(
        "complained_on",
        "向机构本身投诉的日期",
        Kind.DATE,
        "",
        required=False,
        help="先找过机构自己的客服、没有解决的，写上日期。",
    ),
    Field(
        "reply",
        "机构的答复",
        Kind.LINES,
        "",
        required=False,
        help="机构怎么答复的，一句话；没有答复就空着。",
    ),
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    target: Target
    body: Body
    region: str | None
    events: list[str]
    asks: list[str]
    complained_on: str | None
    reply: str | None


def calculate(
    target: Target,
    region: str,
    institution: str,
    events: str,
    asks: str,
    complained_on: _dt.date | None,
    reply: str,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "target": target,
        "body": BODY[target],
        "region": letters.one_line("region", "所在省份或城市", region, letters.SHORT),
        "events": letters.items("events", "事情经过", events, letters.MAX_ITEMS, letters.LONG),
        "asks": letters.items("asks", "诉求", asks, letters.MAX_ITEMS, letters.LONG),
        "complained_on": letters.iso(complained_on),
        "reply": letters.one_line("reply", "机构的答复", reply, letters.LONG),
    }
