"""Internal rate of return, annualised rates, and the reference lines a rate is compared with.

A loan is a list of monthly cash flows seen from the borrower: month 0 is what actually
arrived in the account (principal minus any fee taken up front, a positive number), months
1..n are repayments (negative numbers). The monthly IRR is the rate r that makes

    NPV(r) = sum_t  cf_t / (1 + r)^t = 0.

中国人民银行公告〔2021〕第3号 annualises it in two ways, and so do we:
``apr = 12 * r`` (simple, 单利) and ``apr_effective = (1 + r)^12 - 1`` (compound, 复利).

Worked example (the notice's own): 100,000 borrowed, 1,000 fee taken up front, 12 payments
of 8,833.30. Cash flows +99,000, -8,833.30 x 12; monthly IRR 1.0670 %, apr 12.80 %,
apr_effective 13.58 %.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import TypedDict

from calculators.cents import amount, cents
from calculators.data import lpr
from calculators.errors import InputError
from calculators.money import CONTEXT

# Newton stops when the step is below this; far finer than the 0.01 % we print, so the
# printed figure never depends on where the iteration happened to stop.
_TOLERANCE = Decimal("1e-24")
_MAX_ITERATIONS = 400
_LOWEST_RATE = Decimal("-0.999999")  # r > -1, else (1 + r)^t is meaningless
_HIGHEST_RATE = Decimal("1e6")  # per month; beyond this the flows are not a loan


class NoConvergence(ArithmeticError):
    """The IRR solver found no rate: the cash flows have no root in (-1, 10^6) per month.

    Raised, not papered over with a last guess; callers turn it into a message or a null.
    """


class RateTooHigh(NoConvergence):
    """The NPV is still negative at 10^6 a month: the repayments dwarf what was received
    (1 yuan borrowed, 10^10 repaid), not too small."""


def npv(rate: Decimal, flows: Sequence[Decimal]) -> Decimal:
    """Net present value of monthly `flows` (flows[0] at month 0) at monthly `rate`.

    >>> npv(Decimal("0.1"), [Decimal("100"), Decimal("-110")]) == 0
    True
    """
    with localcontext(CONTEXT):
        value, _ = _npv_and_slope(rate, flows)
        return value


def _npv_and_slope(rate: Decimal, flows: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    # Horner's scheme in v = 1/(1+r): NPV = sum cf_t v^t; dNPV/dr = dNPV/dv * (-v^2).
    v = 1 / (1 + rate)
    value = Decimal(0)
    dvalue = Decimal(0)
    for cf in reversed(flows):
        dvalue = dvalue * v + value
        value = value * v + cf
    return value, -dvalue * v * v


def irr(flows: Sequence[Decimal]) -> Decimal:
    """Monthly internal rate of return of a borrower's cash flows, as a fraction.

    The flows must be one inflow at month 0 followed by outflows (zeros allowed), which is
    every loan this site looks at: then NPV rises with r and the root is unique. Safeguarded
    Newton: a Newton step when it stays inside the bracket, a bisection step otherwise.

    >>> str(round(irr([Decimal("99000")] + [Decimal("-8833.30")] * 12), 6))
    '0.010670'

    Raises `NoConvergence` when there is no root (e.g. nothing is ever repaid).

    Each step evaluates the NPV of every flow in 40-digit Decimal (a 600-month loan: 600
    multiplications and additions): a float estimate (`_float_irr`) narrows the bracket
    first when the Decimal NPV confirms it on both sides, so Newton starts next to the root
    and takes three or four steps instead of dozens.
    """
    with localcontext(CONTEXT):
        if len(flows) < 2 or flows[0] <= 0 or any(cf > 0 for cf in flows[1:]):
            raise NoConvergence("flows must be one inflow followed by outflows")
        if not any(flows[1:]):
            raise NoConvergence("nothing is repaid")
        near = _near_bracket(flows)
        if near is not None:
            lo, hi = near
        else:
            lo, hi = _LOWEST_RATE, Decimal(1)
            if _npv_and_slope(lo, flows)[0] > 0:
                raise NoConvergence("the repayments are too small for any rate above -100 %")
            while _npv_and_slope(hi, flows)[0] < 0:
                lo = hi
                hi *= 10
                if hi > _HIGHEST_RATE:
                    raise RateTooHigh("the rate would exceed 10^8 % a month")
        # Most loans cost 0-10 % a month: start there if the bracket allows.
        rate = Decimal("0.01") if lo < Decimal("0.01") < hi else (lo + hi) / 2
        previous_step = hi - lo
        for _ in range(_MAX_ITERATIONS):
            value, slope = _npv_and_slope(rate, flows)
            if value == 0:
                return rate
            if value < 0:
                lo = rate
            else:
                hi = rate
            step = value / slope if slope else hi - lo
            candidate = rate - step
            # Bisect when Newton leaves the bracket or crawls (far from the root NPV is
            # exponential in r and Newton creeps): the bracket then at least halves.
            if not lo < candidate < hi or abs(step) * 2 > abs(previous_step):
                candidate = (lo + hi) / 2
                step = rate - candidate
            previous_step = step
            rate = candidate
            if abs(step) < _TOLERANCE or hi - lo < _TOLERANCE:
                return rate
        raise NoConvergence("no convergence after 400 steps")  # pragma: no cover


def _near_bracket(flows: Sequence[Decimal]) -> tuple[Decimal, Decimal] | None:
    """A bracket of width about 10^-9 around the float estimate of the root, when the Decimal
    NPV is below 0 at its lower end and above 0 at its upper end (NPV rises with r, so the
    root is inside); None otherwise (the search from (-1, 1) then decides)."""
    try:
        approx = [float(cf) for cf in flows]
    except OverflowError:  # pragma: no cover - amounts are below 10^10 yuan
        return None
    guess = _float_irr(approx)
    if guess is None:
        return None
    centre = Decimal(guess)  # exact: a float's value
    width = Decimal("1e-9") * max(Decimal(1), abs(centre))
    lo, hi = centre - width, centre + width
    if lo <= _LOWEST_RATE:
        return None
    if _npv_and_slope(lo, flows)[0] < 0 < _npv_and_slope(hi, flows)[0]:
        return lo, hi
    return None


def annual_simple(monthly: Decimal) -> Decimal:
    """12 x the monthly rate (the notice's 单利 annualisation): 0.010670 -> 0.12804."""
    with localcontext(CONTEXT):
        return monthly * 12


def annual_effective(monthly: Decimal) -> Decimal:
    """(1 + r)^12 - 1 (compound): 0.0106698... -> 0.135826..."""
    with localcontext(CONTEXT):
        return (1 + monthly) ** 12 - 1


def percent(fraction: Decimal, places: int = 2) -> str:
    """A fraction as a percentage string, half up: Decimal("0.127992") -> "12.80"."""
    from calculators.money import fmt

    with localcontext(CONTEXT):
        return fmt(fraction * 100, places)


# --- reference lines --------------------------------------------------------------------


class Flag(TypedDict):
    """A rate compared with one reference line; the view says it in words."""

    key: str  # "24", "36", "lpr4"
    value: str  # the line, % a year: "24.00"
    exceeded: bool


class LprInfo(TypedDict):
    """The one-year LPR behind the 4 x LPR line."""

    date: str  # ISO date the rate took effect
    rate: str  # %
    four_times: str  # %


@dataclass(frozen=True)
class ReferenceLine:
    """A yearly rate that courts have used as a line (its name and source are the view's)."""

    key: str  # "24", "36", "lpr4"
    value: Decimal  # % a year


LINE_24 = ReferenceLine("24", Decimal("24"))
LINE_36 = ReferenceLine("36", Decimal("36"))


def lpr_line(contract_date: dt.date | None) -> tuple[ReferenceLine | None, LprInfo | None]:
    """The 4 x one-year LPR line for a contract signed on `contract_date`, and the LPR used.

    No date: the latest LPR. A date before the reformed LPR (2019-08-20): neither.

    >>> lpr_line(dt.date(2025, 6, 1))[0].value
    Decimal('12.00')
    """
    from calculators.money import fmt

    if contract_date is None:
        start, rate = lpr.latest()
    else:
        found = lpr.lpr_on(contract_date)
        if found is None:
            return None, None
        start, rate = found
    with localcontext(CONTEXT):
        four = rate * 4
    info: LprInfo = {"date": start.isoformat(), "rate": fmt(rate), "four_times": fmt(four)}
    return ReferenceLine("lpr4", four), info


def flags(apr_percent: Decimal, contract_date: dt.date | None) -> tuple[list[Flag], LprInfo | None]:
    """Compare a yearly rate (in %) with the reference lines; returns (flags, the LPR used).

    A flag suggests a closer look, never a verdict on legality.
    """
    from calculators.money import fmt

    line, info = lpr_line(contract_date)
    lines = [LINE_24, LINE_36] + ([line] if line is not None else [])
    with localcontext(CONTEXT):
        out: list[Flag] = [
            {"key": ref.key, "value": fmt(ref.value), "exceeded": apr_percent > ref.value}
            for ref in lines
        ]
    return out, info


# --- the APR of a loan's cash flows ---------------------------------------------------------

# 1000 % a month: even 砍头息 loans stay far below; above it (1 + r)^12 outgrows the context.
MAX_MONTHLY_IRR = Decimal(10)


class AprFigures(TypedDict):
    monthly_irr: str
    apr: str
    apr_effective: str


def apr_figures(net_disbursed: Decimal, payments: Sequence[Decimal], field: str) -> AprFigures:
    """monthly_irr (%, 4 places), apr and apr_effective (%, 2 places) of a loan.

    `field` names the input blamed if no rate exists.
    """
    try:
        quick = _quick_figures([cents(net_disbursed)] + [-cents(p) for p in payments])
    except ValueError:  # not whole fen: only `irr` reads these
        quick = None
    if quick is not None:
        return quick
    flows = [net_disbursed] + [-p for p in payments]
    too_high = InputError(
        field,
        "按这些数字算出的利率高得离谱（超过每月 1000%）：还的钱比到手的钱多太多，"
        "不像真实的借款。请检查金额和期数，是不是多打了几个 0。",
    )
    try:
        monthly = irr(flows)
    except RateTooHigh:
        raise too_high from None
    except NoConvergence:
        raise InputError(field, "按这些数字算不出利率：还款总额太小或为 0，请检查。") from None
    if monthly > MAX_MONTHLY_IRR:
        raise too_high
    return _printed(monthly)


def apr_figures_fen(net_disbursed: int, payments: Sequence[int], field: str) -> AprFigures:
    """`apr_figures` of amounts in whole fen (`calculators.cents`): the same strings."""
    quick = _quick_figures([net_disbursed] + [-p for p in payments])
    if quick is not None:
        return quick
    return apr_figures(amount(net_disbursed), [amount(p) for p in payments], field)


def simple_apr_fen(net_disbursed: int, payments: Sequence[int]) -> str:
    """`apr` (12 x the monthly IRR, %, 2 places) of amounts in whole fen, however high (no
    cap, no field to blame: callers make sure a rate exists, as negotiate's breakeven does).

    >>> simple_apr_fen(9_900_000, [883_330] * 12)
    '12.80'
    """
    quick = _quick_figures([net_disbursed] + [-p for p in payments])
    if quick is not None:
        return quick["apr"]
    return percent(annual_simple(irr([amount(net_disbursed)] + [-amount(p) for p in payments])))


def _printed(monthly: Decimal) -> AprFigures:
    return {
        "monthly_irr": percent(monthly, 4),
        "apr": percent(annual_simple(monthly)),
        "apr_effective": percent(annual_effective(monthly)),
    }


# How far from a root found in floating point the true root may be (checked, see below).
_MARGIN = 1e-12


def _quick_figures(flows: Sequence[int]) -> AprFigures | None:
    """`apr_figures` of flows in fen without `irr`'s Decimal iterations, or None to leave it
    to `irr`. A 360-month schedule is recomputed in the browser on every change.

    The same strings, proved on the spot. With one inflow and then outflows, the NPV rises
    with r. Newton's method in floats gives g; when the NPV is surely below 0 at g - m and
    surely above it at g + m (m = `_MARGIN`; "surely": beyond the rounding error of the
    float evaluation, bounded in `_float_npv`), the root is in between, and `irr` returns it
    to within 1e-24. Each printed figure rises with r and is rounded half up, so when it
    prints the same at g - 2m and at g + 2m (in Decimal, as `irr`'s answer is printed), it
    prints that for `irr`'s answer too. Anything else (no sign change, a rounding tie
    nearby, an unusual rate, amounts too large for exact floats) goes to `irr`.
    """
    if flows[0] <= 0 or not any(flows[1:]) or any(cf > 0 for cf in flows[1:]):
        return None
    if max(abs(cf) for cf in flows) >= 2**52:
        return None
    approx = [float(cf) for cf in flows]  # exact: integers below 2^53
    guess = _float_irr(approx)
    if guess is None:
        return None
    if not _float_npv(guess - _MARGIN, approx) < 0 < _float_npv(guess + _MARGIN, approx):
        return None
    with localcontext(CONTEXT):
        rate, margin = Decimal(guess), 2 * Decimal(_MARGIN)
        low, high = _printed(rate - margin), _printed(rate + margin)
    return low if low == high else None


def _float_npv(rate: float, flows: Sequence[float]) -> float:
    """The NPV at `rate` in floats, or 0.0 when rounding might have changed its sign.

    Horner's scheme in v = 1/(1 + rate) errs by at most 2n u sum(|cf| v^t) (n flows, u =
    2^-53; Higham, Accuracy and Stability of Numerical Algorithms, 5.1), for the v actually
    used, whose rate differs from `rate` by a few 10^-16: far inside the margin.
    """
    v = 1 / (1 + rate)
    value = size = 0.0
    for cf in reversed(flows):
        value = value * v + cf
        size = size * v + abs(cf)
    bound = 5 * len(flows) * 2.0**-53 * size
    return value if abs(value) > bound else 0.0


def _float_irr(flows: Sequence[float]) -> float | None:
    """The root in floats, or None unless it lies in (-50 %, 10^8 %) a month: safeguarded
    Newton from 1 % a month, as `irr` does in Decimal (a Newton step that leaves the
    bracket, or crawls, is replaced by a bisection). Plain Newton overshot a loan repaid in
    one sum after 600 months to -17 % and crawled back 0.14 % a step for 60 steps; and a
    root at 900 % a month or more (0.10 a month for 600 months on 0.01 borrowed) went to
    `irr`'s Decimal search, 55 NPV evaluations."""
    lo, hi = -0.5, float(_HIGHEST_RATE)
    if not _float_npv_slope(lo, flows)[0] < 0.0 < _float_npv_slope(hi, flows)[0]:
        return None
    rate, previous_step = 0.01, hi - lo
    for _ in range(200):
        value, slope = _float_npv_slope(rate, flows)
        if not slope < 0.0 and not slope > 0.0:  # zero or NaN
            return None
        if value < 0.0:
            lo = rate
        else:
            hi = rate
        step = value / slope
        candidate = rate - step
        if not lo < candidate < hi or abs(step) * 2 > abs(previous_step):
            candidate = (lo + hi) / 2
            step = rate - candidate
        previous_step, rate = step, candidate
        if abs(step) < 1e-13 or hi - lo < 1e-13:
            return rate
    return None  # pragma: no cover - bisection alone ends within 70 steps


def _float_npv_slope(rate: float, flows: Sequence[float]) -> tuple[float, float]:
    v = 1 / (1 + rate)
    value = dvalue = 0.0
    for cf in reversed(flows):
        dvalue = dvalue * v + value
        value = value * v + cf
    return value, -dvalue * v * v
