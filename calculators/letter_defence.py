"""答辩状: the defendant's written answer to a loan or card lawsuit.

The reader picks the points that are true for them; each point is a paragraph of the
answer, citing its rule by the kind of lender (``kind``: a bank card, a licensed lender's
loan, or private lending). At least one point, ticked or typed, is needed. Two points do
not go together: raising the limitation defence (``limitation``) and offering instalments
(``offer``), because agreeing to pay can undo that defence (民法典第一百九十二条第二款); the
form says so and asks the reader to choose after calling 12348.

Nothing in the answer accepts the plaintiff's figures: it asks for the proof and accepts
only what the court finds is owed under the law.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TypedDict

from calculators import letters
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.letter_enforcement_settlement import case_number

TITLE = "答辩状"

KINDS = (
    ("card", "银行信用卡"),
    ("licensed", "银行、小贷公司等机构的贷款"),
    ("private", "个人或普通公司借的钱"),
)

# The points a reader may tick, in the order the answer gives them.
POINTS = ("dispute_amount", "excessive", "prepaid", "transfer", "limitation", "offer")

FIELDS: tuple[Field, ...] = (
    letters.relabel(
        letters.INSTITUTION,
        label="原告（起诉你的一方）",
        help="起诉状上写的原告全称；不填，答辩状里就留【原告名称】。",
    ),
    Field("court", "受理法院", Kind.LINES, "", required=False, help="传票或应诉通知上的法院。"),
    Field(
        "case_no", "案号", Kind.LINES, "", required=False, help="例如：（2026）某0106民初1234号。"
    ),
    Field("kind", "这笔欠款是", Kind.CHOICE, "licensed", choices=KINDS),
    Field("dispute_amount", "原告说的金额我核对不了", Kind.FLAG, "1"),
    Field("excessive", "利息、罚息、违约金和费用太高", Kind.FLAG, "1"),
    Field("prepaid", "借款时被先扣了利息或费用（砍头息）", Kind.FLAG, "0"),
    Field(
        "transfer",
        "原告是买下这笔债的公司，起诉前没有通知我",
        Kind.FLAG,
        "0",
    ),
    Field(
        "limitation",
        "已经超过诉讼时效",
        Kind.FLAG,
        "0",
        help="最后一期到期已超过 3 年，期间没人向你要过、你也没答应还过。先打 12348 问清楚再勾。",
    ),
    Field(
        "offer",
        "说明困难，愿意在调解中分期",
        Kind.FLAG,
        "1",
        help="和“已经超过诉讼时效”只能选一个。",
    ),
    letters.REASON,
    letters.relabel(letters.MONTHLY, help="留足生活必需开支后，每月真正拿得出的钱。", saved_as=""),
    letters.relabel(letters.MONTHS, help="想分多少个月还完。", saved_as=""),
    Field(
        "other_points",
        "其他答辩意见",
        Kind.LINES,
        "",
        required=False,
        help="一行一条，只写事实，例如：2025 年 6 月已还 3000 元，原告没有扣除。",
    ),
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    court: str | None
    case_no: str | None
    kind: str  # a code of KINDS
    points: list[str]  # the ticked codes of POINTS, in that order
    reason: str | None
    monthly: str | None
    months: int | None
    other_points: list[str]


def calculate(
    institution: str,
    court: str,
    case_no: str,
    kind: str,
    dispute_amount: bool,
    excessive: bool,
    prepaid: bool,
    transfer: bool,
    limitation: bool,
    offer: bool,
    reason: str,
    monthly: Decimal | None,
    months: int | None,
    other_points: str,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    """The answer's contents (`Result`); see the module docstring."""
    if limitation and offer:
        raise InputError(
            "offer",
            "“已经超过诉讼时效”和“愿意在调解中分期”不能同时选：同意还款可能让时效抗辩不成立。"
            "请先打 12348 问清楚，再选其中一项。",
        )
    ticked = dict(
        zip(POINTS, (dispute_amount, excessive, prepaid, transfer, limitation, offer), strict=True)
    )
    others = letters.items("other_points", "其他答辩意见", other_points, 10, letters.LONG)
    if not any(ticked.values()) and not others:
        raise InputError("dispute_amount", "请至少选一条答辩意见，或者在“其他答辩意见”里写一条。")
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "court": letters.one_line("court", "受理法院", court, letters.SHORT),
        "case_no": case_number("case_no", "案号", case_no),
        "kind": kind,
        "points": [code for code, on in ticked.items() if on],
        "reason": letters.one_line("reason", "逾期的原因", reason, letters.LONG),
        "monthly": letters.amount(monthly) if offer else None,
        "months": months if offer else None,
        "other_points": others,
    }
