"""A fair split of what the reader can pay each month among the creditors (协商分配).

Pro rata to each balance, the method debt-management plans use: debt i gets
``available x balance_i / total balance``. In fen, the split must add up exactly, so it uses
the largest-remainder method: every share is first rounded down to the fen, and the fen
left over go one each to the debts whose exact shares lost the most in that rounding (ties:
the larger balance first, then the order typed).

For each debt: its share, its part of all the debts (``percent``, 2 places), how many months
its share would take to clear it at its own rate (``months``: the fewest whole months with
``n = ceil(-ln(1 - r B / A) / ln(1 + r))``, ``ceil(B / A)`` when the rate is 0 or left blank;
null when the share does not even cover the interest or would need more than 600 months),
and whether the share falls below a known minimum or agreed monthly payment. The rate is
the one typed; a blank rate is counted as 0 and said so (``rate_known``), since what is
still charged is exactly what a negotiation is about.

A share never exceeds its balance: when the money available covers every balance, each
share is the balance itself and the rest is ``leftover`` (``available - sum of shares``,
to the fen), which the view says plainly rather than hand it to a creditor it is not owed to.

Worked example (the default): 信用卡 3,000 (minimum 150), 网贷甲 8,000 (400), 网贷乙 12,000
(600), 2,000 a month: 260.87 + 695.65 + 1,043.48 = 2,000.00; every share is above its
minimum. With 1,000 a month instead, less than the 1,150.00 of minimums, every share falls
below its minimum (130.43, 347.83, 521.74).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import TypedDict

from calculators import debts as debt_list
from calculators import ics
from calculators.debts import debt_list_field
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fen, fmt
from calculators.negotiate import months_at_capacity

TITLE = "协商分配"

FIELDS: tuple[Field, ...] = (
    debt_list_field(
        "信用卡,银行信用卡,3000,18,150,\n网贷甲,网络小贷,8000,36,400,\n网贷乙,消费金融公司,12000,24,600,",
        help="每行一笔：名称,余额,年利率%,最低月供；或者 名称,机构类型,余额,年利率%,每月应还,"
        "逾期天数（不知道的可以空着）。最多 20 笔。",
    ),
    Field(
        "available",
        "每月能拿出来还债的钱",
        Kind.MONEY,
        "2000",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        help="留足生活必需开支后，每月真正拿得出来的钱；可以先用“还款能力”计算器算一算。",
        saved_as="capacity",
    ),
    ics.FIRST_DUE,
)
# Calendar events per creditor: the months until it is cleared, at most this many.
CALENDAR_MONTHS = 36


class Share(TypedDict):
    name: str
    kind: str  # a code of calculators.debts.KINDS
    balance: str
    annual_rate: str | None  # % as typed; null when left blank
    rate_known: bool
    minimum: str | None  # null when left blank
    overdue_days: int | None
    share: str  # this debt's part of `available`, to the fen
    percent: str  # its balance as % of all balances, 2 places
    months: int | None  # months its share would take to clear it; null: never, or > 600
    below_minimum: bool  # the share is below a known minimum


class Payment(TypedDict):
    name: str
    period: int
    date: str  # ISO
    payment: str
    balance: str  # left after this payment: interest fen(b x rate / 1200) added, payment off


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings."""

    available: str
    total_balance: str
    shared: str  # the sum of the shares: available, or total_balance when that is less
    leftover: str  # available - shared (>= 0): money no creditor is owed this month
    minimum_total: str  # of the known minimums
    shortfall: str  # how far `available` is below minimum_total (>= 0)
    below_minimum_count: int
    longest_months: int | None  # the slowest debt's months; null if any is never cleared
    shares: list[Share]
    # One per creditor per month until it is cleared (at most CALENDAR_MONTHS), in date order;
    # [] without a first due date (calculators.ics).
    payments: list[Payment]


def split(available: Decimal, balances: list[Decimal]) -> list[Decimal]:
    """Largest-remainder split of `available` in proportion to `balances`, to the fen.

    >>> split(Decimal("100.00"), [Decimal(1), Decimal(1), Decimal(1)])
    [Decimal('33.34'), Decimal('33.33'), Decimal('33.33')]
    """
    fen = int(available * 100)
    total = sum(balances, Decimal(0))
    exact = [Fraction(fen) * Fraction(b) / Fraction(total) for b in balances]
    shares = [int(q) for q in exact]  # floor: every exact share is >= 0
    left = fen - sum(shares)
    order = sorted(range(len(balances)), key=lambda i: (-(exact[i] - shares[i]), -balances[i], i))
    for i in order[:left]:
        shares[i] += 1
    return [Decimal(s).scaleb(-2) for s in shares]


def _payments(shares: list[Share], first_due: _dt.date | None) -> list[Payment]:
    """Each creditor's payments month by month until it is cleared (at most CALENDAR_MONTHS);
    the dates are checked for as many months as are used (`ics.checked_due_dates`)."""
    if first_due is None:
        return []
    paid_off: list[tuple[str, int, Decimal, Decimal]] = []  # name, period, payment, balance
    for s in shares:
        balance, share = Decimal(s["balance"]), Decimal(s["share"])
        rate = Decimal(s["annual_rate"] or 0)
        for period in range(1, CALENDAR_MONTHS + 1):
            if balance <= 0 or share <= 0:
                break
            balance += fen(balance * rate / 1200)
            paid = min(share, balance)
            balance -= paid
            paid_off.append((s["name"], period, paid, balance))
    used = max((period for _, period, _, _ in paid_off), default=1)
    dates = ics.checked_due_dates(first_due, used)
    out: list[Payment] = [
        {
            "name": name,
            "period": period,
            "date": dates[period - 1],
            "payment": fmt(paid),
            "balance": fmt(balance),
        }
        for name, period, paid, balance in paid_off
    ]
    out.sort(key=lambda p: p["date"])
    return out


def calculate(debts: str, available: Decimal, first_due: _dt.date | None = None) -> Result:
    """The pro-rata split (`Result`); see the module docstring."""
    parsed = debt_list.parse_debts(debts, need_rate=False, need_minimum=False)
    with localcontext(CONTEXT):
        balances = [d.balance for d in parsed]
        total = sum(balances, Decimal(0))
        # Never more than is owed: with money to spare, each share is its balance.
        shares = split(min(available, total), balances)
        shared = sum(shares, Decimal(0))
        out: list[Share] = []
        for d, share in zip(parsed, shares, strict=True):
            rate = d.annual_rate if d.annual_rate is not None else Decimal(0)
            out.append(
                {
                    "name": d.name,
                    "kind": d.kind,
                    "balance": fmt(d.balance),
                    "annual_rate": str(d.annual_rate) if d.annual_rate is not None else None,
                    "rate_known": d.annual_rate is not None,
                    "minimum": fmt(d.minimum) if d.minimum is not None else None,
                    "overdue_days": d.overdue_days,
                    "share": fmt(share),
                    "percent": fmt(d.balance / total * 100),
                    "months": months_at_capacity(d.balance, rate, share),
                    # A share that repays the whole balance is below nothing it is owed.
                    "below_minimum": d.minimum is not None and share < min(d.minimum, d.balance),
                }
            )
        minimum_total = sum((d.minimum for d in parsed if d.minimum is not None), Decimal(0))
        months = [s["months"] for s in out]
        return {
            "available": fmt(available),
            "total_balance": fmt(total),
            "shared": fmt(shared),
            "leftover": fmt(available - shared),
            "minimum_total": fmt(minimum_total),
            "shortfall": fmt(max(minimum_total - available, Decimal(0))),
            "below_minimum_count": sum(1 for s in out if s["below_minimum"]),
            "longest_months": None if None in months else max(m for m in months if m is not None),
            "shares": out,
            # Dates only as far as the slowest debt needs: a split cleared in 3 months may
            # start in 2199-10, as any 3-month plan may.
            "payments": _payments(out, first_due),
        }
