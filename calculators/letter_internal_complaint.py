"""向机构投诉（消保部门）: a complaint to the lender's own consumer-protection department.

The first written complaint, before any regulator: what it is about (``topic``), the facts
(one event a line, dates first), what is asked (one a line), and, both optional, when the
reader first told customer service and the ticket number it gave. The letter asks for a
written answer within ``reply_days`` days (15 by default, 5 to 60).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TypedDict

from calculators import letters
from calculators.fields import Field, Kind

TITLE = "向机构投诉（消保部门）"

TOPICS = (
    ("collection", "催收的方式（深夜来电、骚扰家人、威胁）"),
    ("charges", "收费、计息或欠款金额"),
    ("credit_report", "报送征信的信息"),
    ("no_answer", "协商申请一直没有答复"),
    ("other", "其他"),
)

FIELDS: tuple[Field, ...] = (
    letters.relabel(letters.INSTITUTION, label="被投诉的机构"),
    Field("topic", "投诉什么", Kind.CHOICE, "collection", choices=TOPICS),
    Field(
        "events",
        "事情经过",
        Kind.LINES,
        "",
        required=False,
        help="一行写一件事，先写日期，例如：2026-05-06 23:40，催收电话打到我母亲那里。",
    ),
    Field(
        "asks",
        "你的诉求",
        Kind.LINES,
        "",
        required=False,
        help="一行一条，例如：停止联系我的家人；列出罚息的计算方法；书面答复处理结果。",
    ),
    Field(
        "first_told",
        "第一次向客服反映的日期",
        Kind.DATE,
        "",
        required=False,
    ),
    Field(
        "ticket",
        "工单号或投诉编号",
        Kind.LINES,
        "",
        required=False,
        help="客服给过编号的写上，方便对方查到以前的记录。",
    ),
    Field(
        "reply_days",
        "请对方在多少天内答复",
        Kind.INTEGER,
        "15",
        unit="天",
        minimum=Decimal(5),
        maximum=Decimal(60),
        advanced=True,
        help="银行保险机构处理投诉一般是 15 日，复杂的可以延长；不确定就用 15。",
    ),
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    topic: str  # a code of TOPICS
    events: list[str]
    asks: list[str]
    first_told: str | None  # ISO date
    ticket: str | None
    reply_days: int


def calculate(
    institution: str,
    topic: str,
    events: str,
    asks: str,
    first_told: _dt.date | None,
    ticket: str,
    reply_days: int,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "topic": topic,
        "events": letters.items("events", "事情经过", events, letters.MAX_ITEMS, letters.LONG),
        "asks": letters.items("asks", "诉求", asks, letters.MAX_ITEMS, letters.LONG),
        "first_told": letters.iso(first_told),
        "ticket": letters.one_line("ticket", "工单号", ticket, letters.SHORT),
        "reply_days": reply_days,
    }
