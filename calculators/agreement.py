"""The agreement kept (issue 27, items 7 and 8): what a creditor agreed to, its schedule and the
payments made under it, as one typed record with a JSON form.

The record (`Agreement`): the debt it belongs to (``debt_id``, the case's stable id), the
type (`TYPES`: 个性化分期, 停息挂账, 延期, 减免后一次结清, 其他), the day it was agreed, the
agreed total, the schedule (one `Instalment` a period: number, due date, amount; the start
date and the number of periods are the schedule's first date and length), the breach clause
as the creditor wrote it, the grace days (None: no grace), how it was confirmed
(`CONFIRMATIONS`: 短信, App 协议, 书面; "" not yet), and the payments (`Payment`: date,
amount, optional 流水号 and channel), in the order they were marked.

The schedule (`make_schedule`): monthly from the first due date, on its day of the month
(`calculators.ics.due_dates`: the 31st falls on a shorter month's last day). Every period
but the last is ``total / periods`` rounded *down* to the fen, and the last takes the
remainder, so the amounts add up to the total exactly and the last one is the largest, by
less than one fen a period: 10,000.00 in 3 is 3,333.33, 3,333.33, 3,333.34. Down rather than
half up, so the last amount can never be smaller than the others, nor zero. When the
creditor named the regular amount (``regular``), that is every period's amount but the
last, which takes the remainder (and must be at least one fen). Each amount and date may be
edited afterwards (`with_schedule`); the record is refused unless its amounts add up to the
agreed total to the fen.

Checks (`check`, which every constructor runs; `InputError` with the field and a sentence):
the debt id, a known type and confirmation, 1 to `MAX_PERIODS` periods (`CARD_MAX_PERIODS`
for 个性化分期: at most 5 years, 《商业银行信用卡业务监督管理办法》第七十条), the total and
every amount at least one fen and at most `money.MAX_AMOUNT`, due dates in order, none
before the day of the agreement, years `ics.EARLIEST` to `ics.LATEST`, grace 0 to
`MAX_GRACE` days, the breach clause at most `MAX_BREACH` characters; payments: on or after
the day of the agreement, at least one fen, a 流水号 of letters, digits and hyphens, a
known channel, and never more paid than the total.

Its JSON form (the case file keeps it) is calculators/agreement_data.py's.

Integration (issue 22's case, later): the case keeps a list of these under each debt
(``debts[i].agreements``, the latest last), written with `agreement_data.to_data` and read
with `agreement_data.from_data` inside its own validation (a migration adds an empty list to
version-2 files); the plan page shows `calculators.agreement_status.status(record, today)`
for each debt's latest record; the after-call page (calculators/aftercall.py) gives the
terms for `new`.

>>> a = new("card-1", "instalment", _dt.date(2026, 12, 8), _dt.date(2027, 1, 15), 3,
...         Decimal("10000"))
>>> [str(i.amount) for i in a.schedule], a.schedule[-1].due.isoformat()
(['3333.33', '3333.33', '3333.34'], '2027-03-15')
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal, localcontext

from calculators import ics
from calculators.errors import InputError
from calculators.money import CONTEXT, FEN, MAX_AMOUNT, fmt

VERSION = 1
TYPES: tuple[tuple[str, str], ...] = (
    ("instalment", "个性化分期"),
    ("freeze", "停息挂账"),
    ("deferral", "延期"),
    ("settlement", "减免后一次结清"),
    ("other", "其他"),
)
CONFIRMATIONS: tuple[tuple[str, str], ...] = (
    ("sms", "短信"),
    ("app", "App 协议"),
    ("paper", "书面"),
)
CHANNELS: tuple[tuple[str, str], ...] = (
    ("app", "官方 App"),
    ("card", "信用卡还款"),
    ("transfer", "银行转账"),
    ("auto", "自动扣款"),
    ("counter", "柜台"),
    ("other", "其他"),
)
MAX_PERIODS = 600
CARD_MAX_PERIODS = 60  # 个性化分期: 最长 5 年 (《商业银行信用卡业务监督管理办法》第七十条)
MAX_GRACE = 90
MAX_BREACH = 1000
MAX_PAYMENTS = 1200
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
_SERIAL = re.compile(r"[0-9A-Za-z-]{1,40}")


@dataclass(frozen=True)
class Instalment:
    number: int  # 1, 2, …
    due: _dt.date
    amount: Decimal


@dataclass(frozen=True)
class Payment:
    on: _dt.date
    amount: Decimal
    serial: str = ""  # 流水号, optional
    channel: str = ""  # a code of CHANNELS, optional


@dataclass(frozen=True)
class Agreement:
    debt_id: str
    kind: str  # a code of TYPES
    agreed_on: _dt.date
    total: Decimal
    schedule: tuple[Instalment, ...]
    breach: str = ""  # the breach clause as the creditor wrote it
    grace_days: int | None = None  # None: no grace
    confirmed: str = ""  # a code of CONFIRMATIONS, "" not yet
    payments: tuple[Payment, ...] = ()

    @property
    def start(self) -> _dt.date:
        return self.schedule[0].due

    @property
    def periods(self) -> int:
        return len(self.schedule)

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal(0))


def _fen(value: Decimal) -> Decimal:
    """A whole number of fen written with two places ("500" -> "500.00"); anything else is
    left as it is, for `check` to refuse with a sentence."""
    if isinstance(value, Decimal) and value.is_finite() and abs(value) <= MAX_AMOUNT:
        with localcontext(CONTEXT):
            if value == value.quantize(FEN):
                return value.quantize(FEN)
    return value


def make_schedule(
    start: _dt.date, periods: int, total: Decimal, regular: Decimal | None = None
) -> tuple[Instalment, ...]:
    """`periods` monthly instalments from `start` adding up to `total` (see the module's
    docstring for the rounding); InputError when they cannot."""
    _periods(periods)
    _money("total", "协议总额", total)
    total = _fen(total)
    with localcontext(CONTEXT):
        if regular is None:
            regular = (total / periods).quantize(FEN, rounding=ROUND_DOWN)
            if regular < FEN:
                raise InputError("total", f"协议总额太少，分不成 {periods} 期：每期至少 0.01 元。")
        else:
            _money("regular", "每期金额", regular)
            regular = _fen(regular)
        last = total - regular * (periods - 1)
    _date("start", "第一期还款日", start)  # before counting months from it
    if last < FEN:
        raise InputError(
            "regular", f"每期 {fmt(regular)} 元、分 {periods} 期，超过了协议总额 {fmt(total)} 元。"
        )
    dates = ics.due_dates(start, periods)
    _date("start", "最后一期还款日", dates[-1])
    amounts = [regular] * (periods - 1) + [last]
    return tuple(
        Instalment(n, d, a) for n, (d, a) in enumerate(zip(dates, amounts, strict=True), 1)
    )


def new(
    debt_id: str,
    kind: str,
    agreed_on: _dt.date,
    start: _dt.date,
    periods: int,
    total: Decimal,
    regular: Decimal | None = None,
    breach: str = "",
    grace_days: int | None = None,
    confirmed: str = "",
) -> Agreement:
    """A checked record with its generated schedule."""
    _kind(kind, periods)
    record = Agreement(
        debt_id=debt_id,
        kind=kind,
        agreed_on=agreed_on,
        total=_fen(total),
        schedule=make_schedule(start, periods, total, regular),
        breach=breach.strip(),
        grace_days=grace_days,
        confirmed=confirmed,
    )
    check(record)
    return record


def with_schedule(record: Agreement, rows: Sequence[tuple[_dt.date, Decimal]]) -> Agreement:
    """The record with its schedule edited (each row: due date, amount), checked: refused
    unless the amounts add up to the agreed total to the fen."""
    schedule = tuple(Instalment(n, due, _fen(amount)) for n, (due, amount) in enumerate(rows, 1))
    changed = replace(record, schedule=schedule)
    check(changed)
    return changed


def with_amounts(record: Agreement, amounts: Sequence[Decimal]) -> Agreement:
    """The record with new amounts for its instalments (dates kept), checked."""
    if len(amounts) != record.periods:
        raise InputError("schedule", f"要填 {record.periods} 期的金额，这里有 {len(amounts)} 个。")
    return with_schedule(
        record, [(i.due, a) for i, a in zip(record.schedule, amounts, strict=True)]
    )


def add_payment(
    record: Agreement, on: _dt.date, amount: Decimal, serial: str = "", channel: str = ""
) -> Agreement:
    """The record with one more payment, checked (a payment that would take the total paid
    above the agreed total is refused)."""
    paid = Payment(on, _fen(amount), serial.strip(), channel)
    changed = replace(record, payments=(*record.payments, paid))
    check(changed)
    return changed


def undo_payment(record: Agreement) -> Agreement:
    """The record without the payment marked last (undo)."""
    if not record.payments:
        raise InputError("payment", "还没有记过还款，没有可以撤销的。")
    return replace(record, payments=record.payments[:-1])


# --- checks --------------------------------------------------------------------------------


def _periods(periods: int) -> None:
    if type(periods) is not int or not 1 <= periods <= MAX_PERIODS:
        raise InputError("periods", f"期数请填 1 到 {MAX_PERIODS} 之间的整数。")


def _kind(kind: str, periods: int) -> None:
    if kind not in dict(TYPES):
        raise InputError("kind", "协议类型请从" + "、".join(label for _, label in TYPES) + "里选。")
    if kind == "instalment" and periods > CARD_MAX_PERIODS:
        raise InputError(
            "periods",
            f"个性化分期最长 {CARD_MAX_PERIODS} 期（5 年，《商业银行信用卡业务监督管理办法》"
            "第七十条）。协议确实更长的，请核对协议原文，类型选“其他”。",
        )


def _money(field: str, label: str, value: Decimal) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InputError(field, f"{label}请填到分为止的金额，例如 500.00。")
    if value < FEN or value > MAX_AMOUNT:
        raise InputError(field, f"{label}要在 0.01 元到 100 亿元之间。")
    with localcontext(CONTEXT):
        if value != value.quantize(FEN):
            raise InputError(field, f"{label}请填到分为止的金额，例如 500.00。")


def _date(field: str, label: str, value: _dt.date) -> None:
    if not ics.EARLIEST <= value.year <= ics.LATEST:
        raise InputError(field, f"{label}请填 {ics.EARLIEST} 年到 {ics.LATEST} 年之间的日期。")


def check(record: Agreement) -> None:
    """Every rule of the module's docstring; the first broken one raises InputError."""
    if not _ID.fullmatch(record.debt_id):
        raise InputError("debt_id", "这笔欠款的编号不对，请从方案页重新打开。")
    _periods(record.periods)
    _kind(record.kind, record.periods)
    if record.confirmed and record.confirmed not in dict(CONFIRMATIONS):
        raise InputError("confirmed", "确认方式请选短信、App 协议或书面。")
    _date("agreed_on", "达成协议的日期", record.agreed_on)
    _money("total", "协议总额", record.total)
    if record.grace_days is not None and (
        type(record.grace_days) is not int or not 0 <= record.grace_days <= MAX_GRACE
    ):
        raise InputError("grace_days", f"宽限期请填 0 到 {MAX_GRACE} 天；没有宽限期就空着。")
    if len(record.breach) > MAX_BREACH:
        raise InputError("breach", f"违约条款请写在 {MAX_BREACH} 个字以内，或者只抄关键的几句。")
    previous = record.agreed_on - _dt.timedelta(days=1)
    for row in record.schedule:
        _money("schedule", f"第 {row.number} 期的金额", row.amount)
        _date("schedule", f"第 {row.number} 期的还款日", row.due)
        if row.due <= previous:
            raise InputError(
                "schedule",
                f"第 {row.number} 期的还款日要晚于上一期"
                + ("" if row.number > 1 else "，而且不能早于达成协议的日期")
                + "。",
            )
        previous = row.due
    scheduled = sum((row.amount for row in record.schedule), Decimal(0))
    if scheduled != record.total:
        raise InputError(
            "schedule",
            f"各期金额加起来是 {fmt(scheduled)} 元，协议总额是 {fmt(record.total)} 元，"
            f"差 {fmt(abs(record.total - scheduled))} 元：请改到两者一分不差。",
        )
    _payments(record)


def _payments(record: Agreement) -> None:
    if len(record.payments) > MAX_PAYMENTS:
        raise InputError("payment", f"一份协议最多记 {MAX_PAYMENTS} 笔还款。")
    paid = Decimal(0)
    for n, p in enumerate(record.payments, 1):
        _money("payment", f"第 {n} 笔还款的金额", p.amount)
        _date("payment", f"第 {n} 笔还款的日期", p.on)
        if p.on < record.agreed_on:
            raise InputError(
                "payment", f"第 {n} 笔还款的日期早于达成协议的日期，不算这份协议的还款。"
            )
        if p.serial and not _SERIAL.fullmatch(p.serial):
            raise InputError(
                "payment", f"第 {n} 笔还款的流水号请只填字母、数字和短横线，最多 40 个。"
            )
        if p.channel and p.channel not in dict(CHANNELS):
            raise InputError("payment", f"第 {n} 笔还款的渠道不对，请从列表里选。")
        paid += p.amount
    if paid > record.total:
        raise InputError(
            "payment",
            f"记下的还款合计 {fmt(paid)} 元，超过了协议总额 {fmt(record.total)} 元："
            "请核对最后一笔的金额；真的多还了，请向机构要求说明或退回。",
        )
