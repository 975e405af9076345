"""通话以后 (issue 27, item 5): three answers after a call (did it reach an agreement; what was
agreed: type, months, amount; who, 工号 and when) give the contact-log row for that debt, the
written-confirmation request to send through the official app or e-mail, and, when the
creditor agreed, the agreement record (calculators/agreement.py).

The core returns the answers checked and the terms worked out; the view
(calculators/web/views/aftercall.py) writes the row in the contact log's own format (read
back by calculators/contacts.py) and the request's sentences.

Terms (``outcome`` "agreed"): the months, and the monthly amount or the total or both:
monthly alone gives ``total = monthly x months``; total alone lets the schedule split it
(calculators/agreement.py: down to the fen, the last takes the remainder); both: every month
but the last is the monthly amount and the last the remainder. With the first due date too,
the result carries the agreement record itself (``record``, `agreement_data.to_data`), made by
`agreement.new` with the day of the call as the day agreed, so every check of the record
(60 期 at most for 个性化分期, amounts to the fen, dates) applies here already; what is still
missing for it is listed in ``missing`` (field names).

Integration (issue 22's case, later): the page opens with ``debt_id``, ``institution`` and
``account`` from the debt and today's date; the row goes into the case's contact log with
that debt's id, ``record`` into the debt's agreements, and the debt's status becomes
已达成 when there is one.

>>> r = calculate("card-1", "某某银行", "6789", "张三", "agreed", "out", "instalment", 60,
...     Decimal("500"), None, _dt.date(2027, 1, 15), "工号 0815",
...     _dt.date(2026, 12, 8), "10:20", "unknown", "")
>>> r["terms"]["total"], r["missing"], len(r["record"]["schedule"])
('30000.00', [], 60)
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, localcontext
from typing import Any, Literal, TypedDict

from calculators import agreement, agreement_data, letters
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt

TITLE = "通话以后"
Outcome = Literal["agreed", "review", "refused", "callback"]
Direction = Literal["out", "in"]
OUTCOMES: tuple[tuple[str, str], ...] = (
    ("agreed", "谈妥了"),
    ("review", "对方要审核，等答复"),
    ("refused", "没谈成"),
    ("callback", "没谈，之后再联系"),
)
DIRECTIONS: tuple[tuple[str, str], ...] = (("out", "我打过去"), ("in", "对方打来"))
RECORDED: tuple[tuple[str, str], ...] = (("unknown", "没记"), ("yes", "录了音"), ("no", "没录音"))
NOTE_LIMIT = 120  # characters: the note goes into the contact log's content (at most 300)
_TIME = re.compile(r"([01]?[0-9]|2[0-3])[:：点时]([0-5][0-9])分?")
# The agreement's checks name its own fields; here the reader typed these.
_FIELD_OF = {"periods": "months", "regular": "monthly", "start": "first_due", "total": "total"}
_FIELD_OF |= {"schedule": "first_due", "agreed_on": "call_date"}

FIELDS: tuple[Field, ...] = (
    Field("debt_id", "欠款编号", Kind.LINES, "debt-1", required=False, advanced=True),
    letters.INSTITUTION,
    letters.relabel(letters.ACCOUNT, advanced=False, saved_as=""),
    letters.relabel(letters.NAME, saved_as=""),
    Field("outcome", "谈成了吗", Kind.CHOICE, "agreed", choices=OUTCOMES),
    Field("direction", "谁打给谁", Kind.CHOICE, "out", choices=DIRECTIONS),
    Field("kind", "谈妥的是", Kind.CHOICE, "instalment", choices=agreement.TYPES),
    letters.relabel(letters.MONTHS, label="分几期", default="60", help=""),
    Field("monthly", "每期还", Kind.MONEY, "500", unit="元", minimum=Decimal(0), required=False),
    Field(
        "total",
        "一共还",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="对方说的总额；不填，按每期金额乘期数算。",
    ),
    Field("first_due", "第一期还款日", Kind.DATE, "", required=False),
    Field("agent", "对方姓名或工号", Kind.LINES, "", required=False),
    Field("call_date", "通话日期", Kind.DATE, "2026-12-08"),
    Field("call_time", "通话时间", Kind.LINES, "", required=False, help="例如 10:20。"),
    Field("recorded", "录音了吗", Kind.CHOICE, "unknown", choices=RECORDED),
    Field(
        "note",
        "对方还答应了什么",
        Kind.LINES,
        "",
        required=False,
        help="一句话，例如：协议发来前停止催收。",
    ),
)


class Terms(TypedDict):
    kind: str  # a code of agreement.TYPES
    months: int | None
    monthly: str | None
    total: str | None
    first_due: str | None


class Result(TypedDict):
    debt_id: str
    creditor: str | None
    account_tail: str | None
    name: str | None
    outcome: Outcome  # a code of OUTCOMES
    direction: Direction
    call_date: str
    call_time: str | None  # "HH:MM"
    agent: str | None
    recorded: bool | None
    note: str | None
    terms: Terms | None  # when agreed
    missing: list[str]  # fields the agreement record still needs
    record: dict[str, Any] | None  # agreement_data.to_data, when complete


def _time(raw: str) -> str | None:
    text = re.sub(r"\s+", "", raw)
    if not text:
        return None
    match = _TIME.fullmatch(text)
    if match is None:
        raise InputError("call_time", "通话时间请写成 24 小时制的 10:20。")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _terms(
    kind: str, months: int | None, monthly: Decimal | None, total: Decimal | None, first: Any
) -> tuple[Terms, list[str]]:
    missing = []
    if months is None:
        missing.append("months")
    if monthly is None and total is None:
        missing.append("monthly")
    if monthly is not None and total is None and months is not None:
        with localcontext(CONTEXT):
            total = monthly * months
    if first is None:
        missing.append("first_due")
    return {
        "kind": kind,
        "months": months,
        "monthly": fmt(monthly) if monthly is not None else None,
        "total": fmt(total) if total is not None else None,
        "first_due": first.isoformat() if first is not None else None,
    }, missing


def calculate(
    debt_id: str,
    institution: str,
    account: str,
    name: str,
    outcome: Outcome,
    direction: Direction,
    kind: str,
    months: int | None,
    monthly: Decimal | None,
    total: Decimal | None,
    first_due: _dt.date | None,
    agent: str,
    call_date: _dt.date,
    call_time: str,
    recorded: str,
    note: str,
) -> Result:
    person = letters.person(institution, name, "", account, "", call_date)
    debt = letters.one_line("debt_id", "欠款编号", debt_id, letters.SHORT) or "debt-1"
    terms: Terms | None = None
    missing: list[str] = []
    record: dict[str, Any] | None = None
    if outcome == "agreed":
        terms, missing = _terms(kind, months, monthly, total, first_due)
        if not missing and months is not None and first_due is not None:
            try:
                made = agreement.new(
                    debt_id=debt,
                    kind=kind,
                    agreed_on=call_date,
                    start=first_due,
                    periods=months,
                    total=Decimal(terms["total"]) if terms["total"] else Decimal(0),
                    regular=monthly,
                )
            except InputError as err:
                raise InputError(_FIELD_OF.get(err.field, err.field), err.message) from None
            record = agreement_data.to_data(made)
    return {
        "debt_id": debt,
        "creditor": person["institution"],
        "account_tail": person["account"],
        "name": person["name"],
        "outcome": outcome,
        "direction": direction,
        "call_date": call_date.isoformat(),
        "call_time": _time(call_time),
        "agent": letters.one_line("agent", "对方姓名或工号", agent, letters.SHORT),
        "recorded": None if recorded == "unknown" else recorded == "yes",
        "note": letters.one_line("note", "对方还答应了什么", note, NOTE_LIMIT),
        "terms": terms,
        "missing": missing,
        "record": record,
    }
