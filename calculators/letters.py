"""What every letter of the letter library (文书模板) shares: the personal fields and their
checks.

Each letter is a calculator of its own (`calculators/letter_*.py`, with its view in
`calculators/web/views/letter_*.py`); the fields that every letter asks for, the reader's
name, the last digits of the ID card, of the card or contract, the institution, the reason
for falling behind, the phone and the date, are declared here once. A letter that needs a
different label or default takes a copy with `dataclasses.replace`.

These fields are free text, so they use `Kind.LINES` (kept as typed, NFKC-normalised, at most
`MAX_LINES_TEXT` characters) and are checked here: a one-line field has its line breaks and
runs of spaces folded into one space and a length limit; a blank field is None, and the
letter then prints a 【】 placeholder for it (the view decides the words). The core returns
the cleaned text and codes; every sentence of a letter is written by its view.

>>> one_line("name", "姓名", "  张\\n 三 ", 20)
'张 三'
>>> one_line("name", "姓名", "   ", 20) is None
True
>>> items("events", "经过", "a\\n\\n  b  \\n", 5, 50)
['a', 'b']
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
import re
from dataclasses import replace
from decimal import Decimal
from typing import TypedDict

from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import MAX_AMOUNT, MAX_MONTHS, fmt

SHORT = 40  # characters in a name, an institution, a tail number
LONG = 300  # characters in a one-line description (a reason, a record)
MAX_ITEMS = 30  # lines in a list (events, evidence)

_SPACES = re.compile(r"\s+")
# NFKC (calculators.money) turns full-width ，：；（）！？ into ASCII; next to Chinese they are
# given back their full-width form, so a typed sentence reads as typed.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_FULL = str.maketrans(",:;()!?", "，：；（）！？")
_HALF_BESIDE_CJK = re.compile(r"(?<=[^\x00-\x7f])[,:;()!?]|[,:;()!?](?=[^\x00-\x7f])")


_NOT_GROUPING = re.compile(r",(?!(?<=\d,)\d{3}(?!\d))")


def cjk_punctuation(text: str) -> str:
    """ASCII , : ; ( ) ! ? next to a Chinese character as full-width, and in Chinese text
    every comma that does not group digits: "是,吗" -> "是，吗", "6789,2026年" -> "6789，2026年",
    "1,200元" stays."""
    text = _HALF_BESIDE_CJK.sub(lambda m: m.group(0).translate(_FULL), text)
    if _HAN.search(text):
        text = _NOT_GROUPING.sub("，", text)
    return text


_ID_TAIL = re.compile(r"^[0-9]{3}[0-9Xx]$")
_DIGITS = re.compile(r"^[0-9A-Za-z-]{1,30}$")

INSTITUTION = Field(
    "institution",
    "机构名称",
    Kind.LINES,
    "",
    required=False,
    help="发卡银行或放款机构的全称，看合同、账单或 App 里的借款协议；不填，信里就留【机构名称】。",
    saved_as="debt.creditor",
)
NAME = Field(
    "name",
    "你的姓名",
    Kind.LINES,
    "",
    required=False,
    advanced=True,
    help="不填，信里就留【姓名】，打印以后手写也可以。",
    saved_as="person.name",
    personal=True,
)
ID_TAIL = Field(
    "id_tail",
    "身份证号后四位",
    Kind.LINES,
    "",
    required=False,
    advanced=True,
    help="只写后四位，例如 123X，让对方能核对是你本人；不要写全号。",
    saved_as="person.id_tail",
    personal=True,
)
ACCOUNT = Field(
    "account",
    "卡号或合同号尾号",
    Kind.LINES,
    "",
    required=False,
    advanced=True,
    help="信用卡卡号或借款合同编号的后四位，方便对方找到这笔账。",
    saved_as="debt.account_tail",
    personal=True,
)
PHONE = Field(
    "phone",
    "联系电话",
    Kind.LINES,
    "",
    required=False,
    advanced=True,
    help="对方答复时能找到你的号码。",
    saved_as="person.phone",
    personal=True,
)
REASON = Field(
    "reason",
    "逾期的原因",
    Kind.LINES,
    "",
    required=False,
    help="一两句实话，例如：2026 年 3 月公司裁员，收入从每月 8000 元降到 2000 元。",
    saved_as="reason",
)
LETTER_DATE = Field(
    "letter_date",
    "写信日期",
    Kind.DATE,
    "",
    required=False,
    advanced=True,
    help="不填，信里就留【日期】。",
)
# The 收支说明 a letter may carry: the same keys as the budget calculator's, so a reader who
# saved their budget on this device finds these filled in.
INCOME = Field(
    "income",
    "每月收入",
    Kind.MONEY,
    "",
    unit="元",
    minimum=Decimal(0),
    required=False,
    help="到手的收入（税后），包括工资和其他稳定收入；不填，信里就留【金额】。",
    saved_as="budget.income",
)
ESSENTIAL = Field(
    "essential_expenses",
    "每月必要开支",
    Kind.MONEY,
    "",
    unit="元",
    minimum=Decimal(0),
    required=False,
    help="房租、吃饭、交通、水电、看病、养家等少不了的开支。",
    saved_as="budget.essential_expenses",
)
OTHER_PAYMENTS = Field(
    "debt_payments",
    "其他欠款每月要还",
    Kind.MONEY,
    "",
    unit="元",
    minimum=Decimal(0),
    required=False,
    help="别的贷款和信用卡每月要还的钱加起来；没有就空着。",
    saved_as="debt.others",
)
BUDGET_FIELDS: tuple[Field, ...] = (INCOME, ESSENTIAL, OTHER_PAYMENTS)
# The instalment a letter asks for; each letter sets its own limit and help.
MONTHS = Field(
    "months",
    "分几期",
    Kind.INTEGER,
    "",
    unit="月",
    minimum=Decimal(1),
    maximum=Decimal(MAX_MONTHS),
    required=False,
    help="想分多少个月还完。",
    saved_as="debt.months",
)
MONTHLY = Field(
    "monthly",
    "每月能还",
    Kind.MONEY,
    "",
    unit="元",
    minimum=Decimal(0),
    exclusive_minimum=True,
    required=False,
    help="留足生活必需开支后真正拿得出的钱。",
    saved_as="debt.amount",
)


class Budget(TypedDict):
    """The 收支说明's numbers; `spare` = income - essential - other payments, when the first two
    are known (negative: a gap every month)."""

    income: str | None
    essential_expenses: str | None
    debt_payments: str | None
    spare: str | None


def budget(
    income: Decimal | None, essential_expenses: Decimal | None, debt_payments: Decimal | None
) -> Budget:
    spare = None
    if income is not None and essential_expenses is not None:
        spare = fmt(income - essential_expenses - (debt_payments or Decimal(0)))
    return {
        "income": fmt(income) if income is not None else None,
        "essential_expenses": fmt(essential_expenses) if essential_expenses is not None else None,
        "debt_payments": fmt(debt_payments) if debt_payments is not None else None,
        "spare": spare,
    }


PERSON_FIELDS: tuple[Field, ...] = (INSTITUTION, NAME, ID_TAIL, ACCOUNT, PHONE, LETTER_DATE)

# For a letter that says the reader will discuss paying (民法典第一百九十五条第二项: agreeing to
# perform interrupts the limitation period; 第一百九十二条第二款: agreeing after it has run gives up
# that defence): when the debt has seen no payment and no collection for three years.
LAST_ACTIVITY = Field(
    "last_activity",
    "最后一次还款或被催收的日期",
    Kind.DATE,
    "",
    required=False,
    help="很多年没人联系过的旧欠款才要填：3 年以上没还过、也没人催过的，页面会提醒你先打 12348。",
    saved_as="debt.last_activity",
)
LIMITATION_YEARS = 3  # 民法典第一百八十八条: 向人民法院请求保护民事权利的诉讼时效期间为三年


def old_debt(last_activity: _dt.date | None, letter_date: _dt.date | None) -> bool:
    """Whether three years or more have passed since the last payment or collection, by the
    letter's date (or today, when it has none).

    >>> old_debt(_dt.date(2022, 2, 28), _dt.date(2025, 2, 28)), old_debt(None, None)
    (True, False)
    """
    if last_activity is None:
        return False
    until = letter_date if letter_date is not None else _dt.date.today()
    if until.year <= LIMITATION_YEARS:
        return False
    year = until.year - LIMITATION_YEARS  # the same day three years before (29 Feb: the 28th)
    before = _dt.date(year, until.month, min(until.day, _calendar.monthrange(year, until.month)[1]))
    return last_activity <= before


class Person(TypedDict):
    """Who writes to whom; None where the reader left the field blank."""

    institution: str | None
    name: str | None
    id_tail: str | None
    account: str | None
    phone: str | None
    letter_date: str | None  # ISO date


def person_fields(**changed: Field) -> tuple[Field, ...]:
    """`PERSON_FIELDS`, with some of them replaced by name: ``person_fields(account=...)``."""
    unknown = set(changed) - {f.name for f in PERSON_FIELDS}
    if unknown:
        raise KeyError(sorted(unknown))
    return tuple(changed.get(f.name, f) for f in PERSON_FIELDS)


def relabel(field: Field, **changes: object) -> Field:
    """A copy of a shared field with another label, help or default."""
    return replace(field, **changes)  # type: ignore[arg-type]


def one_line(name: str, label: str, raw: str, limit: int) -> str | None:
    """One line of text: whitespace folded into single spaces; None when blank."""
    text = cjk_punctuation(_SPACES.sub(" ", raw).strip())
    if not text:
        return None
    if len(text) > limit:
        raise InputError(name, f"{label}太长了，请写在 {limit} 个字以内。")
    return text


def items(name: str, label: str, raw: str, most: int, limit: int) -> list[str]:
    """A list typed one item a line: each line folded like `one_line`, blank lines dropped."""
    folded = (cjk_punctuation(_SPACES.sub(" ", part).strip()) for part in raw.splitlines())
    out = [line for line in folded if line]
    if len(out) > most:
        raise InputError(name, f"{label}最多写 {most} 行，请合并或删掉一些。")
    for number, line in enumerate(out, start=1):
        if len(line) > limit:
            raise InputError(name, f"{label}第 {number} 行太长了，请写在 {limit} 个字以内。")
    return out


def person(
    institution: str,
    name: str,
    id_tail: str,
    account: str,
    phone: str,
    letter_date: _dt.date | None,
) -> Person:
    """The shared fields, checked and cleaned."""
    tail = one_line("id_tail", "身份证号后四位", id_tail, SHORT)
    if tail is not None:
        tail = tail.replace(" ", "")
        if not _ID_TAIL.match(tail):
            raise InputError(
                "id_tail", "身份证号后四位请填 4 位，前三位是数字，最后一位是数字或 X。"
            )
        tail = tail.upper()
    number = one_line("account", "卡号或合同号尾号", account, SHORT)
    if number is not None:
        number = number.replace(" ", "")
        if not _DIGITS.match(number):
            raise InputError("account", "卡号或合同号尾号请只填数字或字母，例如 1234。")
    phone_text = one_line("phone", "联系电话", phone, SHORT)
    if phone_text is not None and not re.fullmatch(r"[0-9+()\- ]{3,30}", phone_text):
        raise InputError("phone", "联系电话请只填数字，例如 13800000000。")
    return {
        "institution": one_line("institution", "机构名称", institution, SHORT),
        "name": one_line("name", "姓名", name, SHORT),
        "id_tail": tail,
        "account": number,
        "phone": phone_text,
        "letter_date": letter_date.isoformat() if letter_date is not None else None,
    }


def amount(value: Decimal | None) -> str | None:
    """A typed amount as the result's string ("12000.00"); None when left blank or zero."""
    if value is None or value == 0:
        return None
    if value > MAX_AMOUNT:  # pragma: no cover - the parser already refuses it
        raise ValueError(value)
    return fmt(value)


def iso(value: _dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
