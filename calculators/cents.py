"""Money as whole fen in `int`s, for the long loops (a 600-row schedule, a payoff plan month by
month), with exactly the results of the `Decimal` arithmetic of `calculators.money`.

Why: a 360-month schedule recomputed in the browser on every change took tens of
milliseconds under Pyodide in `Decimal` operations, context switches and `fmt` calls; the
same sums in integers take a fraction of that. Nothing is approximated: every amount the
loops handle is a whole number of fen, every rate an exact fraction (`ratio`), and the one
rounding, to the fen, half up, is done on the exact quotient (`half_up`).

Why that equals `fen(balance * annual_rate / 1200)` in the 40-digit `money.CONTEXT`: the
product is exact (at most 13 + 10 digits: amounts below 10^10 yuan, rates below 1000 % with
at most six decimals), and the quotient, rounded to 40 significant digits, is off the exact
one by less than 10^-28 fen; an exact quotient that is not itself a tie is at least
1 / (2 x 1200 x 10^6) fen away from one (its denominator divides 1200 x 10^6), so both
round the same way. The same holds for ``principal / months`` (denominator <= 600).
tests/core/test_cents.py checks it against the `Decimal` forms on random inputs.
"""

from __future__ import annotations

from decimal import Decimal


def cents(value: Decimal) -> int:
    """An amount already rounded to the fen, as a number of fen: Decimal("12.30") -> 1230."""
    whole = value.scaleb(2)
    if whole != whole.to_integral_value():
        raise ValueError(f"{value} is not a whole number of fen")
    return int(whole)


def amount(fen: int) -> Decimal:
    """Fen back to a Decimal with two places, as `money.fen` returns it: 1230 -> 12.30."""
    return Decimal(fen).scaleb(-2)


def text(fen: int) -> str:
    """Fen as `money.fmt` prints the amount: 1230 -> "12.30", -5 -> "-0.05", 0 -> "0.00"."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), 100)
    return f"{sign}{whole}.{part:02d}"


def texts(fens: list[int]) -> list[str]:
    """`text` of each, faster for long lists of amounts (a schedule's 1,800 cells)."""
    if fens and min(fens) < 0:
        return [text(fen) for fen in fens]
    # printf style: about twice as fast as an f-string here, under Pyodide as in CPython;
    # mapped, so no Python bytecode runs per cell (a payoff plan has 24,000 of them).
    return list(map("%d.%02d".__mod__, map(divmod, fens, [100] * len(fens))))


def ratio(value: Decimal) -> tuple[int, int]:
    """A Decimal as an exact fraction (numerator, denominator > 0), in lowest terms."""
    numerator, denominator = value.as_integer_ratio()
    return numerator, denominator


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to an integer, halves away from zero (ROUND_HALF_UP).

    >>> half_up(5, 2), half_up(-5, 2), half_up(4, 3), half_up(7, 4)
    (3, -3, 1, 2)
    """
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    if numerator < 0:
        return -((2 * -numerator + denominator) // (2 * denominator))
    return (2 * numerator + denominator) // (2 * denominator)
