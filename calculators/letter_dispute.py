"""征信异议申请 under 《征信业管理条例》第二十五条.

To whom (``to``: the credit bureau, or the institution that reported the record), which
record (one line), what is wrong with it (``problem``, a code), the facts and the evidence
(one a line), and the date of the report the reader looked at.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal, TypedDict

from calculators import letters
from calculators.fields import Field, Kind

TITLE = "征信异议申请"

Receiver = Literal["provider", "bureau"]
Problem = Literal["paid", "not_overdue", "wrong_amount", "not_mine", "other"]

RECEIVERS: tuple[tuple[Receiver, str], ...] = (
    ("provider", "报送这条记录的机构（银行、贷款机构）"),
    ("bureau", "征信机构（例如人民银行征信中心）"),
)
PROBLEMS: tuple[tuple[Problem, str], ...] = (
    ("paid", "已经还清，记录没有更新"),
    ("not_overdue", "没有逾期，却记了逾期"),
    ("wrong_amount", "金额或日期不对"),
    ("not_mine", "不是我办的账户或借款"),
    ("other", "其他错误或遗漏"),
)

FIELDS: tuple[Field, ...] = (
    Field("to", "寄给谁", Kind.CHOICE, "provider", choices=RECEIVERS),
    letters.relabel(
        letters.INSTITUTION,
        label="收信机构名称",
        help="报送记录的银行或贷款机构，或征信机构的名称；不填，信里就留【机构名称】。",
    ),
    Field(
        "report_date",
        "查询信用报告的日期",
        Kind.DATE,
        "",
        required=False,
    ),
    Field(
        "record",
        "有问题的记录",
        Kind.LINES,
        "",
        required=False,
        help="报告里哪家机构、哪个账户、哪个月的记录，"
        "例如：某银行信用卡尾号 1234，2026 年 5 月的逾期记录。",
    ),
    Field("problem", "问题是什么", Kind.CHOICE, "paid", choices=PROBLEMS),
    Field(
        "facts",
        "实际情况",
        Kind.LINES,
        "",
        required=False,
        help="一行写一件事，先写日期，例如：2026-03-31 已全部还清，有还款凭证。",
    ),
    Field(
        "evidence",
        "附上的材料",
        Kind.LINES,
        "",
        required=False,
        help="一行一项，例如：还款凭证、结清证明、身份证复印件。",
    ),
    *letters.PERSON_FIELDS[1:],
)


class Result(TypedDict):
    person: letters.Person
    to: Receiver
    report_date: str | None
    record: str | None
    problem: Problem
    facts: list[str]
    evidence: list[str]


def calculate(
    to: Receiver,
    institution: str,
    report_date: _dt.date | None,
    record: str,
    problem: Problem,
    facts: str,
    evidence: str,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Result:
    return {
        "person": letters.person(institution, name, id_tail, account, phone, letter_date),
        "to": to,
        "report_date": letters.iso(report_date),
        "record": letters.one_line("record", "有问题的记录", record, letters.LONG),
        "problem": problem,
        "facts": letters.items("facts", "实际情况", facts, letters.MAX_ITEMS, letters.LONG),
        "evidence": letters.items(
            "evidence", "附上的材料", evidence, letters.MAX_ITEMS, letters.LONG
        ),
    }
