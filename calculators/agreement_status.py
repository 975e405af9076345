"""Where an agreement stands on a given day (issue 27, items 8 to 12): status, next due date,
n of N, paid and left, ahead or behind, how each payment was applied, when to renegotiate,
and the numbers of an adjustment request. Codes and numbers; calculators/web/views/
agreement.py says them in words.

Payments are applied in date order (the order they were marked breaks ties) to the
instalments in order: a payment pays what is left of the earliest unpaid instalment, then
the next, and so on. Each payment is flagged (`Use.flags`):

- ``partial``: it left the reader short: short of everything due up to its date, or, paid
  before the first unpaid instalment's date, short of that instalment (300 paid towards a
  500 instalment; then 400 a month later when the next 500 is due);
- ``early``: it paid into an instalment beyond the one due next on its date (a prepayment;
  paying the coming instalment a few days before its date is on time, not early);
- ``late``: the instalment it started on was already past its due date and grace days.

The status on `today` counts the payments dated up to `today` (`STATUSES`):

- ``settled`` (已结清): everything paid; ``settled_on`` is the day of the last payment;
- otherwise, with the first instalment not fully paid due on D: ``ok`` (正常, ``days`` until
  D) before D, ``due_today`` on D, ``grace`` (宽限期还剩 ``days`` 天; 0 on its last day)
  while ``today - D`` is within the grace days, ``overdue`` (已逾期 ``days`` 天, counted from D,
  as a creditor counts) after that.

``shortfall_open`` (the 这期还不上 path) from `SHORTFALL_DAYS` days before D, and after D while
it is unpaid. ``review_on``: the next anniversary of the agreement (a yearly review) while it
is not settled. ``renegotiate``: ``budget`` when the reader's current monthly capacity for
this debt (if given) is below the next instalment's amount; ``partials`` when `PARTIALS` or
more partial payments fall within the last three months up to `today`.

The plan page calls `status(record, today, capacity=share)` for each debt's latest agreement
(calculators/plan_agreements.py; ``share``: the debt's part of the budget), shows
``next_due``/``days`` and a 这期还不上 link when ``shortfall_open``; `adjustment` feeds the
adjustment request (calculators/web/views/agreement_letters.py).
"""

from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, localcontext

from calculators.agreement import CARD_MAX_PERIODS, MAX_PERIODS, Agreement, Payment
from calculators.errors import InputError
from calculators.ics import add_months
from calculators.money import CONTEXT, FEN, MAX_AMOUNT, fmt

STATUSES = ("ok", "due_today", "grace", "overdue", "settled")
SHORTFALL_DAYS = 3
PARTIALS = 2  # partial payments within three months that suggest renegotiating


@dataclass(frozen=True)
class Use:
    """One payment and where it went."""

    index: int  # its place in record.payments (the order marked)
    payment: Payment
    parts: tuple[tuple[int, Decimal], ...]  # (instalment number, amount applied)
    flags: tuple[str, ...]  # "partial", "early", "late"


@dataclass(frozen=True)
class Row:
    """One instalment in the payment record."""

    number: int
    due: _dt.date
    amount: Decimal
    covered: Decimal  # paid towards it
    paid_on: _dt.date | None  # the day it was fully paid
    parts: tuple[tuple[Payment, Decimal], ...]  # the payments that went into it, and how much


@dataclass(frozen=True)
class Status:
    code: str  # one of STATUSES
    days: int  # see the module docstring; 0 when settled
    next_number: int | None
    next_due: _dt.date | None
    next_amount: Decimal | None  # still to pay on that instalment (the default of 记一笔还款)
    paid: Decimal
    left: Decimal
    paid_count: int  # n of N: instalments fully paid
    periods: int
    scheduled: Decimal  # what the schedule has due up to today
    ahead: Decimal  # paid - scheduled: > 0 ahead, < 0 behind
    settled_on: _dt.date | None
    shortfall_open: bool
    review_on: _dt.date | None
    renegotiate: tuple[str, ...]  # "budget", "partials"


def _counted(record: Agreement, today: _dt.date | None) -> list[tuple[int, Payment]]:
    marked = [(i, p) for i, p in enumerate(record.payments) if today is None or p.on <= today]
    return sorted(marked, key=lambda item: (item[1].on, item[0]))


def apply(record: Agreement, today: _dt.date | None = None) -> tuple[list[Use], list[Row]]:
    """(how each payment was applied, the instalments with what went into each), counting
    the payments dated up to `today` (all when None)."""
    left = [i.amount for i in record.schedule]
    covered_on: list[_dt.date | None] = [None] * record.periods
    parts_of: list[list[tuple[Payment, Decimal]]] = [[] for _ in record.schedule]
    grace = _dt.timedelta(days=record.grace_days or 0)
    dues = [i.due for i in record.schedule]
    uses = []
    k = 0  # the first instalment with something left
    for index, payment in _counted(record, today):
        start = k
        money = payment.amount
        parts = []
        while money > 0 and k < record.periods:
            part = min(money, left[k])
            left[k] -= part
            money -= part
            parts.append((k + 1, part))
            parts_of[k].append((payment, part))
            if left[k] == 0:
                covered_on[k] = payment.on
                k += 1
        flags = []
        coming = bisect.bisect_left(dues, payment.on)  # the first due on or after the payment
        due = bisect.bisect_right(dues, payment.on)  # instalments due by then
        if left[max(start, due - 1)] > 0:
            flags.append("partial")
        if any(number - 1 > max(coming, start) for number, _ in parts):
            flags.append("early")
        if payment.on > record.schedule[start].due + grace:
            flags.append("late")
        uses.append(Use(index, payment, tuple(parts), tuple(flags)))
    rows = [
        Row(i.number, i.due, i.amount, i.amount - left[n], covered_on[n], tuple(parts_of[n]))
        for n, i in enumerate(record.schedule)
    ]
    return uses, rows


def ledger(record: Agreement) -> list[Row]:
    """Every instalment with the payments that went into it (the printed payment record)."""
    return apply(record)[1]


def _review(record: Agreement, today: _dt.date) -> _dt.date:
    years = 1
    while add_months(record.agreed_on, 12 * years) <= today:
        years += 1
    return add_months(record.agreed_on, 12 * years)


def status(record: Agreement, today: _dt.date, capacity: Decimal | None = None) -> Status:
    """Where `record` stands on `today` (see the module docstring); `capacity`: what the
    reader's budget can give this debt a month now, if known."""
    uses, rows = apply(record, today)
    paid = sum((row.covered for row in rows), Decimal(0))
    scheduled = sum((row.amount for row in rows if row.due <= today), Decimal(0))
    paid_count = sum(1 for row in rows if row.covered == row.amount)
    if paid == record.total:
        return Status(
            code="settled",
            days=0,
            next_number=None,
            next_due=None,
            next_amount=None,
            paid=paid,
            left=Decimal(0),
            paid_count=paid_count,
            periods=record.periods,
            scheduled=scheduled,
            ahead=paid - scheduled,
            settled_on=max(u.payment.on for u in uses),
            shortfall_open=False,
            review_on=None,
            renegotiate=(),
        )
    row = rows[paid_count]
    late = (today - row.due).days
    grace = record.grace_days or 0
    if late < 0:
        code, days = "ok", -late
    elif late == 0:
        code, days = "due_today", 0
    elif late <= grace:
        code, days = "grace", grace - late
    else:
        code, days = "overdue", late
    since = add_months(today, -3)
    recent = [u for u in uses if "partial" in u.flags and since < u.payment.on <= today]
    renegotiate = []
    if capacity is not None and capacity < row.amount:
        renegotiate.append("budget")
    if len(recent) >= PARTIALS:
        renegotiate.append("partials")
    return Status(
        code=code,
        days=days,
        next_number=row.number,
        next_due=row.due,
        next_amount=row.amount - row.covered,
        paid=paid,
        left=record.total - paid,
        paid_count=paid_count,
        periods=record.periods,
        scheduled=scheduled,
        ahead=paid - scheduled,
        settled_on=None,
        shortfall_open=late >= -SHORTFALL_DAYS,
        review_on=_review(record, today),
        renegotiate=tuple(renegotiate),
    )


@dataclass(frozen=True)
class Adjustment:
    """The numbers of an adjustment request (item 10)."""

    agreed_on: _dt.date
    paid_count: int
    periods: int
    paid: Decimal
    left: Decimal
    new_monthly: Decimal
    new_periods: int  # months at the new amount to pay what is left
    new_last: Decimal  # the last of them: the remainder


def adjustment(record: Agreement, today: _dt.date, new_monthly: Decimal) -> Adjustment:
    """What is left on `today`, paid at `new_monthly` a month (from the current budget):
    ``ceil(left / new_monthly)`` months, the last one the remainder."""
    now = status(record, today)
    if now.code == "settled":
        raise InputError("new_monthly", "这份协议已经还清了，不用再申请调整。")
    if (
        not new_monthly.is_finite()
        or not FEN <= new_monthly <= MAX_AMOUNT
        or new_monthly != new_monthly.quantize(FEN)
    ):
        raise InputError("new_monthly", "新的每月金额请填大于 0、到分为止的金额。")
    with localcontext(CONTEXT):
        months = int((now.left / new_monthly).to_integral_value(rounding=ROUND_CEILING))
        if months > MAX_PERIODS:
            raise InputError(
                "new_monthly",
                f"每月 {fmt(new_monthly)} 元要 {months} 个月才能还完剩下的 {fmt(now.left)} 元，"
                f"超过了 {MAX_PERIODS} 个月：请先看看预算里能不能多拿出一点。",
            )
        if record.kind == "instalment" and months > CARD_MAX_PERIODS:
            # A request the bank cannot grant is no help: say the least that fits, and what
            # else to ask for (the plan's cards say the same for a new 个性化分期).
            least = (now.left / CARD_MAX_PERIODS).quantize(FEN, rounding=ROUND_CEILING)
            raise InputError(
                "new_monthly",
                f"每月 {fmt(new_monthly)} 元要 {months} 期才能还完剩下的 {fmt(now.left)} 元，"
                f"而个性化分期最长 {CARD_MAX_PERIODS} 期（《商业银行信用卡业务监督管理办法》"
                f"第七十条），每月至少要 {fmt(least)} 元。拿不出这么多，先打电话问对方能否停息、"
                "减免一部分，或者暂缓几个月，再按对方的答复写。",
            )
        last = now.left - new_monthly * (months - 1)
    return Adjustment(
        agreed_on=record.agreed_on,
        paid_count=now.paid_count,
        periods=now.periods,
        paid=now.paid,
        left=now.left,
        new_monthly=new_monthly,
        new_periods=months,
        new_last=last,
    )
