"""Cross-check against numpy-financial (floats) on random inputs.

numpy-financial computes in binary floating point; we compute exactly (fractions for the
等额本息 payment, Decimal elsewhere). Two float effects make its answer differ from ours by
at most one fen, and the test allows exactly that much (0.01 yuan), no more:

- near-ties: when the exact payment lies within float error of a half fen, float and exact
  arithmetic round to neighbouring fen;
- cancellation: numpy's ``(1 + r)^n - 1`` loses digits when r is small, an error of about
  P x 1e-16 / r. The domain (principal <= 10^8, rate >= 0.5 %) keeps that below 10^-4 yuan.

Whenever the two differ, the test checks that the exact rational value really is that
close to a half fen, and that ours is the exact value rounded half up. Monthly IRRs are
compared with a relative tolerance of 1e-9, far below the 0.01 % we print.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy_financial as npf
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import rates
from calculators.schedule import Method, build_rows, equal_payment_amount

D = Decimal
FEN = D("0.01")


# Ours and numpy-financial's differ only at near-ties of half a fen, which are rare:
# five times the profile's examples.
@settings(max_examples=5 * settings().max_examples)
@given(
    principal=st.decimals(min_value=D("1"), max_value=D("1e8"), places=2),
    rate=st.decimals(min_value=D("0.5"), max_value=D(100), places=2),
    months=st.integers(min_value=1, max_value=600),
)
def test_payment_matches_numpy_financial_pmt(
    principal: Decimal, rate: Decimal, months: int
) -> None:
    ours = equal_payment_amount(principal, rate, months)
    theirs_float = -float(npf.pmt(float(rate) / 1200, months, float(principal)))
    theirs = D(repr(theirs_float)).quantize(FEN, rounding=ROUND_HALF_UP)
    assert abs(ours - theirs) <= FEN
    if ours != theirs:
        # Only at a near-tie: the exact value (in fen) lies within float error of a half fen.
        # Float error in fen: relative 1e-14 (a generous few ulps) plus the cancellation term.
        r = Fraction(str(rate)) / 1200
        growth = (1 + r) ** months
        exact_fen = Fraction(str(principal)) * r * growth / (growth - 1) * 100
        distance = abs(exact_fen - (math.floor(exact_fen) + Fraction(1, 2)))
        bound = exact_fen * Fraction(1, 10**14) + Fraction(str(principal)) * 100 / (r * 10**16)
        assert distance < bound
        # ... and ours is the exact value rounded half up.
        assert ours == D(math.floor(exact_fen + Fraction(1, 2))) / 100


@given(
    principal=st.decimals(min_value=D("100"), max_value=D("1e8"), places=2),
    rate=st.decimals(min_value=D("0.5"), max_value=D(60), places=2),
    months=st.integers(min_value=1, max_value=120),
    method=st.sampled_from([Method.EQUAL_PAYMENT, Method.EQUAL_PRINCIPAL, Method.INTEREST_ONLY]),
    fee_share=st.decimals(min_value=D(0), max_value=D("0.2"), places=3),
)
def test_irr_matches_numpy_financial_irr(
    principal: Decimal, rate: Decimal, months: int, method: Method, fee_share: Decimal
) -> None:
    rows = build_rows(method, principal, months, rate)
    net = principal - (principal * fee_share).quantize(FEN)
    flows = [net] + [-row.payment for row in rows]
    ours = rates.irr(flows)
    theirs = float(npf.irr([float(cf) for cf in flows]))
    assert not math.isnan(theirs)
    assert abs(float(ours) - theirs) <= 1e-9 * max(1.0, abs(theirs))


def test_pboc_example_against_numpy_financial() -> None:
    result = calculators.run(
        "apr", {"principal": "100000", "months": "12", "payment": "8833.30", "upfront_fee": "1000"}
    )
    theirs = float(npf.irr([99000.0] + [-8833.30] * 12))
    assert result["apr"] == f"{theirs * 1200:.2f}"
    assert result["apr_effective"] == f"{((1 + theirs) ** 12 - 1) * 100:.2f}"
