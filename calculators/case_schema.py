"""The shape of the reader's case (calculators/case.py): its parts, their fields, choices and
limits, and an empty case. Each value is declared as a `Field`, so the case is read by the
same parsing as every input box; `calculators.case` does the reading."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from calculators import letters
from calculators.contacts import CHANNELS, DIRECTIONS, MAX_CONTACTS
from calculators.debts import KINDS, MAX_DEBTS, MAX_NAME
from calculators.fields import Field, Kind
from calculators.money import MAX_CASE_TEXT, MAX_OVERDUE_DAYS

__all__ = ["MAX_CONTACTS", "MAX_DEBTS", "MAX_NAME"]

FORMAT = "yuqi-xieshang/case"
VERSION = 3  # 2 had no agreements (calculators/case_agreements.py)
MAX_FILE = MAX_CASE_TEXT  # characters: 20 debts, 100 contacts of 600 characters and notes fit
MAX_DEPTH = 6  # the case, agreements, a debt's list, a record, its schedule, a row
MAX_CHECKS = 200
MAX_NOTES = 2000
FIELD = "case"  # the InputError field of a calculator whose input is the whole case
_ID = re.compile(r"[a-z0-9]{1,16}")
_CHECK_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")

STATUSES: tuple[tuple[str, str], ...] = (
    ("new", "未联系"),
    ("talking", "协商中"),
    ("agreed", "已达成"),
    ("settled", "已结清"),
)
NOTICES: tuple[tuple[str, str], ...] = (
    ("none", "没有收到转让通知"),
    ("unverified", "收到过短信或公告，无法核实"),
)
RECORDED: tuple[tuple[str, str], ...] = (("", "没写"), ("yes", "是"), ("no", "否"))

Case = dict[str, Any]
# How a page's boxes are read back (the Traditional edition: 萬 -> 万), applied to each value.
Reader = Callable[[str], str]


def _money(name: str, label: str, **limits: Any) -> Field:
    return Field(name, label, Kind.MONEY, "12000", unit="元", required=False, **limits)


def _date(name: str, label: str) -> Field:
    return Field(name, label, Kind.DATE, "", required=False)


def _text(name: str, label: str) -> Field:
    return Field(name, label, Kind.LINES, "", required=False)


ZERO = Decimal(0)
PERSON: tuple[Field, ...] = (
    _text("name", "姓名"),
    _text("id_tail", "身份证号后四位"),
    _text("phone", "联系电话"),
    _text("address", "地址或邮箱"),
    _text("reason", "逾期的原因"),
)
BUDGET: tuple[Field, ...] = (
    _money("income", "每月收入", minimum=ZERO),
    _money("essential_expenses", "每月必要开支", minimum=ZERO),
    _money("other_payments", "其他固定还款", minimum=ZERO),
    _money("capacity", "每月打算拿出来还这些欠款的钱", minimum=ZERO, exclusive_minimum=True),
)
DEBT: tuple[Field, ...] = (
    _text("id", "编号"),
    _text("creditor", "名称"),
    Field("kind", "机构类型", Kind.CHOICE, "other", choices=KINDS),
    _money("balance", "欠款余额", minimum=ZERO, exclusive_minimum=True),
    _money("principal", "其中本金", minimum=ZERO),
    Field("rate", "年利率", Kind.RATE, "18", unit="%", required=False, minimum=ZERO),
    _money("monthly_due", "原来每月应还", minimum=ZERO),
    Field(
        "overdue_days",
        "逾期天数",
        Kind.INTEGER,
        "30",
        unit="天",
        required=False,
        minimum=ZERO,
        maximum=Decimal(MAX_OVERDUE_DAYS),
    ),
    _text("account_tail", "卡号或合同号尾号"),
    _date("first_due", "第一次还款日"),
    _date("last_activity", "最后一次还款或被催收的日期"),
    Field("sold", "这笔债被转让给了别的公司", Kind.FLAG, "0"),
    _text("new_creditor", "接手债权的公司"),
    Field("notice", "转让通知", Kind.CHOICE, "none", choices=NOTICES),
    _date("notice_date", "收到短信或公告的日期"),
    _text("reason", "这一笔的逾期原因"),
    Field("status", "进展", Kind.CHOICE, "new", choices=STATUSES),
)
ASKS: tuple[Field, ...] = (
    Field("stop_interest", "申请停息", Kind.FLAG, "1"),
    Field("waive_penalty", "申请减免罚息和违约金", Kind.FLAG, "1"),
    Field(
        "months",
        "打算分几期",
        Kind.INTEGER,
        "36",
        unit="月",
        required=False,
        minimum=Decimal(1),
        maximum=Decimal(600),
    ),
    _money("amount", "打算每月还", minimum=ZERO, exclusive_minimum=True),
)
CONTACT: tuple[Field, ...] = (
    Field("debt", "关于哪一笔", Kind.LINES, "all", required=False),
    Field("date", "日期", Kind.DATE, "", required=True),
    _text("time", "时间"),
    Field("direction", "方向", Kind.CHOICE, "in", choices=DIRECTIONS),
    Field("channel", "渠道", Kind.CHOICE, "phone", choices=(*CHANNELS,)),
    _text("who", "对方"),
    _text("what", "内容"),
    _text("next", "下一步"),
    Field("recorded", "是否录音", Kind.CHOICE, "", choices=RECORDED),
)
# Free text: the longest each may be, in characters after folding spaces.
_LIMITS = {"address": letters.LONG, "reason": letters.LONG, "new_creditor": letters.SHORT}
_CONTACT_LIMITS = {"who": 40, "what": 300, "next": 300}
PARTS = (
    *("format", "version", "person", "budget", "debts", "contacts", "checks", "notes"),
    "agreements",  # version 3 (calculators/case_agreements.py)
    "display",  # how this device shows the site (bigtext.js); blank: as the site comes
)
# The display part's settings, each a flag: "bigtext" is the 大字 button's state.
DISPLAY = ("bigtext",)


def _blank(field: Field) -> object:
    if field.kind is Kind.FLAG:
        return field.default in ("1", "是")
    return field.default if field.kind is Kind.CHOICE or field.name == "debt" else ""


def blank_debt(debt_id: str) -> dict[str, Any]:
    """A debt with every detail blank (its asks ticked)."""
    debt: dict[str, Any] = {f.name: _blank(f) for f in DEBT}
    debt["id"] = debt_id
    debt["asks"] = {f.name: _blank(f) for f in ASKS}
    return debt


def empty() -> Case:
    """A case with nothing in it."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "person": {f.name: "" for f in PERSON},
        "budget": {f.name: "" for f in BUDGET},
        "debts": [],
        "contacts": [],
        "checks": {},
        "notes": "",
        "agreements": {},
        "display": dict.fromkeys(DISPLAY, False),
    }
