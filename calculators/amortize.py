"""The rows of a repayment schedule in whole fen: the loops behind `calculators.schedule`.

Integers instead of `Decimal` (see `calculators.cents` for why the results are the same to
the fen): a 600-row schedule is recomputed on every change in the reader's browser. The
rules, the rounding and the reasons for re-amortising are `calculators.schedule`'s module
docstring; `method` is a `schedule.Method` value, the monthly rate the exact fraction
``rate_n / rate_d`` (``annual_rate / 1200``, 0 for 每期手续费), `fee` the fee of every row.

>>> rows("equal_payment", 100_000, 2, 1, 100, 0)  # 1,000.00 over 2 months at 1 % a month
[(1, 50751, 49751, 1000, 0, 50249), (2, 50751, 50249, 502, 0, 0)]
"""

from __future__ import annotations

from collections.abc import Sequence

from calculators.cents import half_up

# One row: (period, payment, principal part, interest, fee, balance after it), in fen.
Cents = tuple[int, int, int, int, int, int]


def rows(method: str, whole: int, months: int, rate_n: int, rate_d: int, fee: int) -> list[Cents]:
    """Every method but 一次性还本付息: the bank convention (one regular amount, the last
    row taking what is left) unless it breaks the level shape, then re-amortised."""
    bank = _bank_rows(method, whole, months, rate_n, rate_d, fee)
    if method == "interest_only" or has_level_shape(method, bank):
        return bank
    return _reamortised_rows(method, whole, months, rate_n, rate_d, fee)


def has_level_shape(method: str, rows: Sequence[Cents]) -> bool:
    """True when every row repays a fen or more and the amount meant to stay level (the
    payment in 等额本息, else the principal part) stays within one fen a month of the first
    row's."""
    if any(row[2] < 1 for row in rows):
        return False
    at = 1 if method == "equal_payment" else 2
    first, limit = rows[0][at], len(rows)
    return all(abs(row[at] - first) <= limit for row in rows)


def payment(balance: int, rate_n: int, rate_d: int, left: int) -> int:
    """等额本息 payment in fen, ``fen(B r (1+r)^n / ((1+r)^n - 1))``, exactly, half up."""
    if rate_n == 0:
        return half_up(balance, left)
    # B r g / (g - 1) with r = rate_n / rate_d, g = (1 + r)^n, times rate_d^n above and below.
    grown, base = (rate_d + rate_n) ** left, rate_d**left
    return half_up(balance * rate_n * grown, rate_d * (grown - base))


def _bank_rows(
    method: str, whole: int, months: int, rate_n: int, rate_d: int, fee: int
) -> list[Cents]:
    regular = payment(whole, rate_n, rate_d, months)
    part = half_up(whole, months)
    level, interest_only = method == "equal_payment", method == "interest_only"
    out: list[Cents] = []
    balance = whole
    for k in range(1, months + 1):
        interest = (2 * balance * rate_n + rate_d) // (2 * rate_d)  # half_up: all >= 0
        if k == months:
            paid = balance
        elif level:
            paid = regular - interest
        elif interest_only:
            paid = 0
        else:  # equal principal parts: equal_principal, flat_fee
            paid = part
        paid = min(max(paid, 0), balance)
        balance -= paid
        out.append((k, paid + interest + fee, paid, interest, fee, balance))
    return out


def _reamortised_rows(
    method: str, whole: int, months: int, rate_n: int, rate_d: int, fee: int
) -> list[Cents]:
    """The regular amount recomputed each month from the balance and the months left."""
    level = method == "equal_payment" and rate_n != 0
    rate = rate_n / rate_d  # correctly rounded: for `quick_payment` only
    out: list[Cents] = []
    balance = whole
    for k in range(1, months + 1):
        left = months - k + 1
        interest = (2 * balance * rate_n + rate_d) // (2 * rate_d)  # half_up: all >= 0
        if k == months:
            paid = balance
        else:
            if level:
                due = quick_payment(balance, rate, left)
                if due is None:
                    due = bounded_payment(balance, rate_n, rate_d, left)
                if due is None:
                    due = payment(balance, rate_n, rate_d, left)
                paid = due - interest
            else:
                paid = half_up(balance, left)
            # At least a fen now, and at least a fen left for each later row.
            paid = min(max(paid, 1), balance - (left - 1))
        balance -= paid
        out.append((k, paid + interest + fee, paid, interest, fee, balance))
    return out


_U = 2.0**-53  # the unit roundoff of a float


def quick_payment(balance: int, rate: float, left: int) -> int | None:
    """`payment` from floats, when they decide it: else None (then `payment` decides).

    A re-amortised schedule needs the payment of every month left, and the exact formula
    works on integers of thousands of digits ((rate_d + rate_n)^left). In floats, g =
    (1 + r)^left and B r g / (g - 1) are off the exact quotient by a relative error below
    (4 left + 16) u g / (g - 1) (u = 2^-53: the rounding of r, of 1 + r, pow's, and four
    more operations; each of the left factors of 1 + r carries r's and 1 + r's). When the
    float quotient is further than four times that from every half fen, the exact one rounds
    to the same whole fen; otherwise, and for anything out of range, None.
    """
    if balance >= 2**52:
        return None
    grown = (1.0 + rate) ** left
    if not 1.0 < grown < 1e300:
        return None
    due = balance * rate * grown / (grown - 1.0)
    slack = 4 * due * (4 * left + 16) * _U * grown / (grown - 1.0)
    if not 0.0 < due < 2.0**52 or abs(due % 1.0 - 0.5) <= slack:
        return None
    return round(due)


_BITS = 128  # fraction bits of the fixed-point powers in `bounded_payment`
_ONE = 1 << _BITS


def _times(a: int, b: int, up: bool) -> int:
    """a x b of two fixed-point numbers, rounded down or up to the last bit."""
    product = a * b
    return -(-product >> _BITS) if up else product >> _BITS


def _power(base_n: int, base_d: int, n: int, up: bool) -> int:
    """(base_n / base_d)^n in fixed point, every rounding down (or every one up): a bound."""
    x = -(-(base_n << _BITS) // base_d) if up else (base_n << _BITS) // base_d
    result = _ONE
    while n:
        if n & 1:
            result = _times(result, x, up)
        n >>= 1
        if n:
            x = _times(x, x, up)
    return result


def bounded_payment(balance: int, rate_n: int, rate_d: int, left: int) -> int | None:
    """`payment` from 128-bit fixed-point bounds, when they decide it: else None.

    When the float quotient of `quick_payment` lies too near a half fen (a level payment
    that sits near one stays there month after month of a re-amortised schedule), the exact
    formula would be worked with integers of thousands of digits every month. Here g =
    (1 + r)^left is bounded below and above, every rounding of the powers taken down for
    one bound and up for the other (so the bounds hold, whatever the error), and the
    payment B r g / (g - 1), which falls as g rises, between the two quotients. When both
    round half up to the same fen, so does the exact one; they differ by about left x 2^-128
    of the payment, so only an exact tie or its near neighbours go on to `payment`.
    """
    low_g = _power(rate_d + rate_n, rate_d, left, up=False)
    high_g = _power(rate_d + rate_n, rate_d, left, up=True)
    if low_g <= _ONE:
        return None
    most = half_up(balance * rate_n * low_g, rate_d * (low_g - _ONE))
    least = half_up(balance * rate_n * high_g, rate_d * (high_g - _ONE))
    return most if most == least else None
