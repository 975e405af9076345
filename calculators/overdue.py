"""What an overdue amount grows to (逾期费用): penalty interest by the day, plus a one-off fee.

Daily rate ``r = daily_rate / 100`` (0.05 means 0.05 % a day).
- ``simple``: ``penalty = fen(amount x r x days)``; interest is never charged on interest.
- ``monthly``: every full 30-day cycle the cycle's penalty ``fen(balance x r x 30)`` is added to
  the balance (capitalised); the days after the last full cycle accrue ``fen(balance x r x
  rest)`` without being capitalised.
`late_fee` is a one-off charge (违约金/滞纳金) from the first overdue day; no interest is
charged on it. ``total_due = amount + penalty + late_fee``.

Worked example: 10,000 overdue 90 days at 0.05 % a day: simple penalty 450.00; monthly
compounding 150.00, then 10,150 x 1.5 % = 152.25, then 10,302.25 x 1.5 % = 154.53 -> 456.78.

A total above 10 trillion yuan (only reachable by compounding several % a day for years)
is an `InputError` on ``daily_rate``.

`annual_equivalent` is ``daily_rate x 365`` (18.25 % for 0.05 %); with monthly compounding
`annual_equivalent_compound` is ``(1 + 30 r)^(365/30) - 1`` (19.86 % for 0.05 %).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Literal, TypedDict

from calculators import rates
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, FEN, MAX_OVERDUE_DAYS, fen, fmt

TITLE = "逾期费用"
MAX_DAYS = MAX_OVERDUE_DAYS
# Compounding at several % a day for years gives numbers with dozens of digits; no real
# debt reaches 10 trillion yuan, so such inputs are typos and get a message instead.
MAX_TOTAL = Decimal("10000000000000")
CYCLE = 30  # days in one compounding cycle

FIELDS: tuple[Field, ...] = (
    Field(
        "amount",
        "逾期金额",
        Kind.MONEY,
        "10000",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        help="到期没还上的金额，通常是账单上的“逾期本金”或“应还未还金额”。",
    ),
    Field(
        "days",
        "逾期天数",
        Kind.INTEGER,
        "90",
        unit="天",
        minimum=Decimal(1),
        maximum=Decimal(MAX_DAYS),
        help="从到期日的第二天算起，一共逾期多少天，最多 3650 天。",
    ),
    Field(
        "daily_rate",
        "日罚息率",
        Kind.RATE,
        "0.05",
        unit="%",
        minimum=Decimal(0),
        maximum=Decimal(5),
        help="每天按逾期金额收多少，填 0.05 表示每天 0.05%（万分之五）。",
    ),
    Field(
        "compounding",
        "计息方式",
        Kind.CHOICE,
        "simple",
        choices=(("simple", "单利（不计复利）"), ("monthly", "每 30 天计一次复利")),
        help="合同写明“计收复利”或账单上罚息会并入下期本金时，选复利。",
    ),
    Field(
        "late_fee",
        "一次性违约金",
        Kind.MONEY,
        "0",
        unit="元",
        minimum=Decimal(0),
        required=False,
        advanced=True,
        help="逾期时一次性收取的违约金或滞纳金；没有就填 0。",
    ),
)


def penalty_after(amount: Decimal, daily: Decimal, days: int, compounding: str) -> Decimal:
    """Penalty interest after `days` at the daily rate `daily` (a fraction, not %).

    >>> penalty_after(Decimal("10000"), Decimal("0.0005"), 90, "monthly")
    Decimal('456.78')
    """
    with localcontext(CONTEXT):
        if compounding != "monthly":
            return fen(amount * daily * days)
        balance = cycle_balances(amount, daily, days // CYCLE)[-1]
        return balance - amount + fen(balance * daily * (days % CYCLE))


def cycle_balances(amount: Decimal, daily: Decimal, cycles: int) -> list[Decimal]:
    """The balance after 0, 1, ... `cycles` full 30-day cycles of monthly compounding (fewer
    once it passes `MAX_TOTAL`: the caller turns that into a message).

    >>> cycle_balances(Decimal("10000"), Decimal("0.0005"), 2)
    [Decimal('10000'), Decimal('10150.00'), Decimal('10302.25')]
    """
    with localcontext(CONTEXT):
        out = [amount]
        balance = amount
        for _ in range(cycles):
            # fen(), inlined: this loop runs up to 121 times for ten years.
            balance += (balance * daily * CYCLE).quantize(FEN, rounding=ROUND_HALF_UP)
            out.append(balance)
            if balance > MAX_TOTAL:
                break
        return out


class Point(TypedDict):
    day: int
    penalty: str  # accumulated by that day
    total: str  # amount + penalty (+ the late fee after day 0)


Compounding = Literal["monthly", "simple"]


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings, rates in % a year."""

    amount: str
    days: int
    compounding: Compounding
    penalty: str
    late_fee: str
    total_due: str
    cost_percent: str  # penalty + fee as % of the amount
    annual_equivalent: str
    annual_equivalent_compound: str
    flags: list[rates.Flag]  # against annual_equivalent_compound
    lpr: rates.LprInfo | None  # the latest one-year LPR behind the 4 x LPR line
    timeline: list[Point]  # day 0, every 30 days, and the last day


def calculate(
    amount: Decimal,
    days: int,
    daily_rate: Decimal,
    compounding: str,
    late_fee: Decimal | None,
) -> Result:
    """Penalty, total and a timeline (`Result`); see the module docstring."""
    fee = late_fee if late_fee is not None else Decimal("0.00")
    with localcontext(CONTEXT):
        daily = daily_rate / 100
        penalty = penalty_after(amount, daily, days, compounding)
        total = amount + penalty + fee
        if total > MAX_TOTAL:
            raise InputError(
                "daily_rate",
                "按这个日罚息率和天数，欠款会超过 10 万亿元，不合常理。请检查日罚息率和逾期天数。",
            )
        simple_annual = daily_rate * 365
        if compounding == "monthly":
            compound_annual = ((1 + daily * CYCLE) ** (Decimal(365) / CYCLE) - 1) * 100
        else:
            compound_annual = simple_annual
        flags, lpr_info = rates.flags(Decimal(fmt(compound_annual)), None)
        points = [*range(0, days, CYCLE), days]
        # Each point's penalty as penalty_after gives it, the balances computed once: at a
        # whole number of cycles the penalty is what was capitalised.
        balances = cycle_balances(amount, daily, days // CYCLE) if compounding == "monthly" else []
        timeline: list[Point] = []
        for day in points:
            if balances and day % CYCLE == 0:
                p = balances[day // CYCLE] - amount
            elif day == days:
                p = penalty
            else:
                p = penalty_after(amount, daily, day, compounding)
            timeline.append(
                {
                    "day": day,
                    "penalty": fmt(p),
                    "total": fmt(amount + p + (fee if day > 0 else 0)),
                }
            )
        return {
            "amount": fmt(amount),
            "days": days,
            "compounding": "monthly" if compounding == "monthly" else "simple",
            "penalty": fmt(penalty),
            "late_fee": fmt(fee),
            "total_due": fmt(total),
            "cost_percent": fmt((penalty + fee) / amount * 100),
            "annual_equivalent": fmt(simple_annual),
            "annual_equivalent_compound": fmt(compound_annual),
            "flags": flags,
            "lpr": lpr_info,
            "timeline": timeline,
        }
