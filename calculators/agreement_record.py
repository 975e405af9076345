"""还款协议 (issue 27, items 7 to 15): one agreement a creditor made, typed once, and where it
stands on a given day. The record is calculators/agreement.py's (`agreement.new`: the schedule
from the terms, adding up to the agreed total to the fen), the payments are those the reader
marked, and the status is calculators/agreement_status.py's (正常, 今天到期, 宽限期, 已逾期,
已结清; next due date and days left; n of N; paid and left; ahead or behind).

The payments are typed one a line, ``日期,金额[,流水号[,渠道]]`` (the page's 记一笔 button
adds a line): ``2027-01-14,500`` or ``2027/2/15，500，20270215001，官方 App``. The channel is
one of `agreement.CHANNELS` by its label or code. A payment after ``today`` is refused (it has
not happened yet).

With ``new_monthly`` (what the current budget can give this creditor a month) and the
这期还不上 window open (from 3 days before a due date, or after a missed one), the result
carries the numbers of an adjustment request (`agreement_status.adjustment`).

>>> r = calculate("某某银行信用卡", "6789", "张三", "instalment", _dt.date(2026, 12, 8),
...     _dt.date(2027, 1, 15), 60, Decimal("30000"), None, 3, "app", "",
...     "2027-01-14,500\\n2027-02-15,500,20270215001", _dt.date(2027, 3, 13), None, None)
>>> r["status"]["code"], r["status"]["paid_count"], r["status"]["left"], r["status"]["days"]
('ok', 2, '29000.00', 2)
>>> r["status"]["shortfall_open"], r["record"]["schedule"][2]
(True, {'due': '2027-03-15', 'amount': '500.00'})
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from typing import Any, TypedDict

from calculators import agreement, agreement_data, ics, letters
from calculators.agreement_status import adjustment, status
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import MAX_AMOUNT, fmt, parse_field

TITLE = "还款协议"
CONFIRMED: tuple[tuple[str, str], ...] = (("", "还没有书面确认"), *agreement.CONFIRMATIONS)
MAX_PAYMENT_TEXT = 60_000  # characters: 1,200 payments of about 50
_SEPARATORS = re.compile(r"[,，、\t]")
_CHANNEL = {
    **{code: code for code, _ in agreement.CHANNELS},
    **{label: code for code, label in agreement.CHANNELS},
}
_PAY_DATE = Field("on", "还款日期", Kind.DATE, "")
_PAY_AMOUNT = Field(
    "amount", "还款金额", Kind.MONEY, "", minimum=Decimal(0), exclusive_minimum=True
)

FIELDS: tuple[Field, ...] = (
    letters.INSTITUTION,
    letters.relabel(letters.ACCOUNT, advanced=False),
    letters.NAME,
    Field(
        "kind",
        "协议类型",
        Kind.CHOICE,
        "instalment",
        choices=agreement.TYPES,
        saved_as="debt.agreement.kind",
    ),
    Field(
        "agreed_on", "达成协议的日期", Kind.DATE, "2026-12-08", saved_as="debt.agreement.agreed_on"
    ),
    Field(
        "first_due", "第一期还款日", Kind.DATE, "2027-01-15", saved_as="debt.agreement.first_due"
    ),
    Field(
        "periods",
        "一共几期",
        Kind.INTEGER,
        "60",
        unit="期",
        minimum=Decimal(1),
        maximum=Decimal(agreement.MAX_PERIODS),
        saved_as="debt.agreement.periods",
    ),
    Field(
        "total",
        "协议总额",
        Kind.MONEY,
        "30000",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        maximum=MAX_AMOUNT,
        help="协议里写的一共要还的钱。",
        saved_as="debt.agreement.total",
    ),
    Field(
        "monthly",
        "每期金额",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        required=False,
        help="协议写明了每期多少就填上，最后一期是剩下的部分；不填，按总额平分到分。",
        saved_as="debt.agreement.monthly",
    ),
    Field(
        "grace_days",
        "宽限期",
        Kind.INTEGER,
        "",
        unit="天",
        minimum=Decimal(0),
        maximum=Decimal(agreement.MAX_GRACE),
        required=False,
        help="协议里写的还款宽限天数；没写就空着，表示没有宽限期。",
        saved_as="debt.agreement.grace_days",
    ),
    Field(
        "confirmed",
        "怎么确认的",
        Kind.CHOICE,
        "",
        choices=CONFIRMED,
        saved_as="debt.agreement.confirmed",
    ),
    Field(
        "breach",
        "违约条款",
        Kind.LINES,
        "",
        required=False,
        advanced=True,
        help="照协议原文抄下来，例如：连续两期未按约还款的，本协议自动失效。",
        saved_as="debt.agreement.breach",
    ),
    Field(
        "payments",
        "已经还的",
        Kind.LINES,
        "2027-01-14,500\n2027-02-15,500",
        required=False,
        help="一行一笔：日期,金额,流水号,渠道（后两项可以不写），例如 2027-01-14,500。",
        saved_as="debt.agreement.payments",
    ),
    Field(
        "today",
        "今天的日期",
        Kind.DATE,
        "2027-03-13",
        help="按这一天算到期和逾期；从方案或链接打开这一页时，填的是这台设备上的日期。",
        device_today=True,
    ),
    Field(
        "capacity",
        "现在每月能给这一家",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        required=False,
        advanced=True,
        help="按现在的收支。比每期金额少时，这里会提醒你趁早谈调整。",
    ),
    Field(
        "new_monthly",
        "还不上时，申请改成每月",
        Kind.MONEY,
        "",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        required=False,
        help="填了，就写好一份调整还款协议的申请。",
    ),
)


class StatusResult(TypedDict):
    code: str  # agreement_status.STATUSES
    days: int
    next_number: int | None
    next_due: str | None
    next_amount: str | None
    paid: str
    left: str
    paid_count: int
    periods: int
    scheduled: str
    ahead: str
    settled_on: str | None
    shortfall_open: bool
    review_on: str | None
    renegotiate: list[str]


class AdjustResult(TypedDict):
    new_monthly: str
    new_periods: int
    new_last: str


class Result(TypedDict):
    creditor: str | None
    account_tail: str | None
    name: str | None
    today: str
    record: dict[str, Any]  # agreement_data.to_data
    status: StatusResult
    adjustment: AdjustResult | None
    last_line: str | None  # the last payment line exactly as typed (what 撤销 takes back)


def read_payments(text: str, today: _dt.date) -> list[agreement.Payment]:
    """The payments typed one a line; InputError on "payments" naming the line."""
    if len(text) > MAX_PAYMENT_TEXT:
        raise InputError("payments", "记下的还款太多了，请把已经结清的协议另存一份。")
    out = []
    for n, line in enumerate((s for s in text.splitlines() if s.strip()), 1):
        parts = [p.strip() for p in _SEPARATORS.split(line.strip())]
        if not 2 <= len(parts) <= 4:
            raise InputError(
                "payments", f"第 {n} 行请写成：日期,金额,流水号,渠道（后两项可以不写）。"
            )
        try:
            on = parse_field(_PAY_DATE, parts[0])
            amount = parse_field(_PAY_AMOUNT, parts[1])
        except InputError as err:
            raise InputError("payments", f"第 {n} 行：{err.message}") from None
        assert isinstance(on, _dt.date) and isinstance(amount, Decimal)
        if on > today:
            raise InputError("payments", f"第 {n} 行的日期在今天之后：还没还的不用先记。")
        serial = parts[2] if len(parts) > 2 else ""
        channel = parts[3] if len(parts) > 3 else ""
        if channel and channel not in _CHANNEL:
            names = "、".join(label for _, label in agreement.CHANNELS)
            raise InputError("payments", f"第 {n} 行的渠道请写{names}中的一个，或者不写。")
        out.append(agreement.Payment(on, amount, serial, _CHANNEL.get(channel, "")))
    return out


def _field(err: InputError) -> str:
    known = {f.name for f in FIELDS}
    renamed = {"start": "first_due", "regular": "monthly", "payment": "payments"}
    renamed |= {"schedule": "first_due"}
    name = renamed.get(err.field, err.field)
    return name if name in known else "total"


def build(
    debt_id: str,
    kind: str,
    agreed_on: _dt.date,
    first_due: _dt.date,
    periods: int,
    total: Decimal,
    monthly: Decimal | None,
    grace_days: int | None,
    confirmed: str,
    breach: str,
    payments: str,
    today: _dt.date,
) -> agreement.Agreement:
    """The record the page's boxes describe (the case keeps it for `debt_id` through
    calculators/casefill_agreement.py); InputError naming the box otherwise."""
    if not ics.EARLIEST <= today.year <= ics.LATEST:
        raise InputError("today", f"今天的日期请填 {ics.EARLIEST} 年到 {ics.LATEST} 年之间的日期。")
    paid = read_payments(payments, today)
    try:
        record = agreement.new(
            debt_id,
            kind,
            agreed_on,
            first_due,
            periods,
            total,
            monthly,
            breach,
            grace_days,
            confirmed,
        )
        for p in paid:
            record = agreement.add_payment(record, p.on, p.amount, p.serial, p.channel)
    except InputError as err:
        raise InputError(_field(err), err.message) from None
    return record


def payment_lines(record: agreement.Agreement) -> str:
    """The payments as the payments box reads them back: 日期,金额[,流水号[,渠道]]."""
    lines = []
    for p in record.payments:
        cells = [p.on.isoformat(), fmt(p.amount)]
        if p.serial or p.channel:
            cells.append(p.serial)
        if p.channel:
            cells.append(p.channel)
        lines.append(",".join(cells))
    return "\n".join(lines)


def calculate(
    institution: str,
    account: str,
    name: str,
    kind: str,
    agreed_on: _dt.date,
    first_due: _dt.date,
    periods: int,
    total: Decimal,
    monthly: Decimal | None,
    grace_days: int | None,
    confirmed: str,
    breach: str,
    payments: str,
    today: _dt.date,
    capacity: Decimal | None,
    new_monthly: Decimal | None,
) -> Result:
    person = letters.person(institution, name, "", account, "", None)
    terms = (kind, agreed_on, first_due, periods, total, monthly, grace_days, confirmed, breach)
    record = build("d1", *terms, payments, today)
    now = status(record, today, capacity)
    adjust: AdjustResult | None = None
    if new_monthly is not None and now.shortfall_open:
        adj = adjustment(record, today, new_monthly)
        adjust = {
            "new_monthly": fmt(adj.new_monthly),
            "new_periods": adj.new_periods,
            "new_last": fmt(adj.new_last),
        }

    def day(value: _dt.date | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "creditor": person["institution"],
        "account_tail": person["account"],
        "name": person["name"],
        "today": today.isoformat(),
        "record": agreement_data.to_data(record),
        "status": {
            "code": now.code,
            "days": now.days,
            "next_number": now.next_number,
            "next_due": day(now.next_due),
            "next_amount": fmt(now.next_amount) if now.next_amount is not None else None,
            "paid": fmt(now.paid),
            "left": fmt(now.left),
            "paid_count": now.paid_count,
            "periods": now.periods,
            "scheduled": fmt(now.scheduled),
            "ahead": fmt(now.ahead),
            "settled_on": day(now.settled_on),
            "shortfall_open": now.shortfall_open,
            "review_on": day(now.review_on),
            "renegotiate": list(now.renegotiate),
        },
        "adjustment": adjust,
        "last_line": next((s for s in reversed(payments.split("\n")) if s.strip()), None),
    }
