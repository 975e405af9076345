"""Repayment schedules: worked examples and invariants over wide random inputs."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import InputError
from calculators.schedule import Method, build_rows, equal_payment_amount
from tests.schedule_shape import assert_reader_shape

D = Decimal


def run(**inputs: str) -> dict:
    return calculators.run("schedule", inputs)


def test_default_inputs_work() -> None:
    result = calculators.run("schedule", {})
    assert result["method"] == "equal_payment"
    assert len(result["rows"]) == 24
    json.dumps(result)


def test_equal_payment_mortgage() -> None:
    result = run(principal="1000000", annual_rate="4.9", months="360", method="equal_payment")
    assert result["monthly_payment"] == "5307.27"
    assert result["rows"][-1] == {
        "period": 360,
        "payment": "5305.19",
        "principal": "5283.62",
        "interest": "21.57",
        "fee": "0.00",
        "balance": "0.00",
    }
    assert result["apr"] == "4.90"
    assert result["apr_effective"] == "5.01"  # (1 + 0.049/12)^12 - 1 = 5.0124 %


def test_equal_principal_first_rows() -> None:
    result = run(principal="1000000", annual_rate="4.9", months="360", method="equal_principal")
    first, second = result["rows"][:2]
    assert (first["principal"], first["interest"], first["payment"]) == (
        "2777.78",
        "4083.33",
        "6861.11",
    )
    # 997222.22 x 0.049 / 12 = 4071.990...
    assert (second["interest"], second["payment"]) == ("4071.99", "6849.77")
    # 359 x 2777.78 = 997222.22 + 0.80 more than 1,000,000 - 2777.78 ... the last row takes the rest
    assert result["rows"][-1]["principal"] == "2776.98"


def test_interest_only() -> None:
    result = run(principal="12000", annual_rate="4.9", months="12", method="interest_only")
    assert {row["payment"] for row in result["rows"][:-1]} == {"49.00"}
    assert result["last_payment"] == "12049.00"
    assert result["total_interest"] == "588.00"


def test_bullet_is_simple_interest_at_the_end() -> None:
    result = run(principal="12000", annual_rate="4.9", months="12", method="bullet")
    assert [row["payment"] for row in result["rows"][:-1]] == ["0.00"] * 11
    assert result["rows"][-1]["interest"] == "588.00"  # 12000 x 4.9 % / 12 x 12
    assert result["last_payment"] == "12588.00"
    # One payment after 12 months: (12588 / 12000)^(1/12) - 1 = 0.3994 % a month
    assert result["monthly_irr"] == "0.3994"
    assert result["apr_effective"] == "4.90"


def test_flat_fee_card_instalment() -> None:
    result = run(
        principal="12000", monthly_fee_rate="0.6", months="12", method="flat_fee", annual_rate=""
    )
    assert {row["payment"] for row in result["rows"]} == {"1072.00"}
    assert result["fee_sum"] == "864.00"
    assert result["total_interest"] == "864.00"
    assert result["apr"] == "13.03"  # twice the 7.2 % that "0.6 % a month" suggests, nearly
    assert result["apr_effective"] == "13.84"


def test_flat_fee_ignores_annual_rate_and_vice_versa() -> None:
    a = run(
        principal="12000", monthly_fee_rate="0.6", months="12", method="flat_fee", annual_rate=""
    )
    b = run(
        principal="12000", monthly_fee_rate="0.6", months="12", method="flat_fee", annual_rate="99"
    )
    assert a == b
    c = run(principal="12000", annual_rate="4.9", months="12", monthly_fee_rate="")
    d = run(principal="12000", annual_rate="4.9", months="12", monthly_fee_rate="7")
    assert c == d


def test_the_needed_rate_must_be_filled() -> None:
    with pytest.raises(InputError) as info:
        run(method="flat_fee", monthly_fee_rate="")
    assert info.value.field == "monthly_fee_rate"
    with pytest.raises(InputError) as info:
        run(method="equal_payment", annual_rate="")
    assert info.value.field == "annual_rate"


def test_upfront_fee_raises_the_apr() -> None:
    # 100,000 "interest-free" over 12 months, but 1,000 taken up front:
    result = run(principal="100000", annual_rate="0", months="12", upfront_fee="1000")
    assert result["net_disbursed"] == "99000.00"
    assert result["monthly_payment"] == "8333.33"
    assert result["last_payment"] == "8333.37"
    assert result["total_interest"] == "1000.00"
    assert result["fee_sum"] == "1000.00"
    assert result["apr"] == "1.86"  # numpy_financial.irr of the same flows x 12: 1.8595 %


def test_upfront_fee_must_be_below_principal() -> None:
    with pytest.raises(InputError) as info:
        run(principal="1000", upfront_fee="1000")
    assert info.value.field == "upfront_fee"


def test_zero_rate_equal_payment() -> None:
    result = run(principal="1000", annual_rate="0", months="3")
    assert [row["payment"] for row in result["rows"]] == ["333.33", "333.33", "333.34"]
    assert result["apr"] == "0.00"
    assert result["apr_effective"] == "0.00"


def test_tiny_principal_over_many_months_never_goes_negative() -> None:
    # fen(100 / 600) = 0.17 would repay 100 after 589 months: later rows carry nothing.
    rows = build_rows(Method.EQUAL_PRINCIPAL, D("100.00"), 600, D("0"))
    assert all(row.balance >= 0 and row.principal >= 0 for row in rows)
    assert sum(row.principal for row in rows) == D("100.00")
    assert rows[-1].balance == 0


def test_principal_too_small_for_a_fen_a_month_is_refused() -> None:
    # 0.01 over 600 months cannot repay a fen every month: say so instead of 599 empty rows.
    with pytest.raises(InputError) as info:
        build_rows(Method.EQUAL_PAYMENT, D("0.01"), 600, D("1000"))
    assert info.value.field == "months"
    rows = build_rows(Method.EQUAL_PAYMENT, D("6.00"), 600, D("1000"))
    assert all(row.principal == D("0.01") for row in rows)


def test_equal_payment_amount_zero_rate() -> None:
    assert equal_payment_amount(D("1000"), D(0), 3) == D("333.33")


def test_exact_ties_round_half_up() -> None:
    # 2,784,271,500 x (1 + 0.02 % / 12) = 2,784,317,904.525 exactly: half up gives .53.
    assert equal_payment_amount(D("2784271500"), D("0.02"), 1) == D("2784317904.53")
    # 300 x 0.02 % / 12 = 0.005 exactly: the first month's interest is 0.01, not 0.00.
    rows = build_rows(Method.INTEREST_ONLY, D("300"), 2, D("0.02"))
    assert rows[0].interest == D("0.01")
    # Bullet: 1 x 0.5 % / 12 x 12 = 0.005 -> 0.01
    rows = build_rows(Method.BULLET, D("1"), 12, D("0.5"))
    assert rows[-1].interest == D("0.01")


# --- invariants ------------------------------------------------------------------------

principals = st.decimals(min_value=D("0.01"), max_value=D("10000000000"), places=2)
annual_rates = st.decimals(min_value=D(0), max_value=D(1000), places=3)
fee_rates = st.decimals(min_value=D(0), max_value=D(100), places=3)
months = st.integers(min_value=1, max_value=600)
methods = st.sampled_from(list(Method))


def _check_rows(rows: list[dict], principal: Decimal, method: Method) -> None:
    balance = principal
    for row in rows:
        payment, part, interest, fee = (
            D(row[k]) for k in ("payment", "principal", "interest", "fee")
        )
        assert part + interest + fee == payment
        assert part >= 0 and interest >= 0 and fee >= 0
        balance -= part
        assert D(row["balance"]) == balance
        assert balance >= 0
    assert sum(D(row["principal"]) for row in rows) == principal
    assert rows[-1]["balance"] == "0.00"
    assert_reader_shape(rows, method)


# Five methods, each with its own last-row correction, and the fee on top: four
# times the profile's examples, so each method gets about as many as one test does.
@settings(max_examples=4 * settings().max_examples)
@given(principal=principals, rate=annual_rates, n=months, method=methods, fee=fee_rates)
def test_schedule_invariants(
    principal: Decimal, rate: Decimal, n: int, method: Method, fee: Decimal
) -> None:
    inputs = {
        "principal": str(principal),
        "annual_rate": str(rate),
        "monthly_fee_rate": str(fee),
        "months": str(n),
        "method": method.value,
    }
    if method not in (Method.INTEREST_ONLY, Method.BULLET) and principal < D("0.01") * n:
        with pytest.raises(InputError) as info:
            calculators.run("schedule", inputs)
        assert info.value.field == "months"
        return
    result = calculators.run("schedule", inputs)
    rows = result["rows"]
    assert len(rows) == n
    assert [row["period"] for row in rows] == list(range(1, n + 1))
    _check_rows(rows, principal, method)
    total = sum(D(row["payment"]) for row in rows)
    assert D(result["total_payment"]) == total
    assert D(result["total_interest"]) == total - principal
    assert D(result["interest_sum"]) + D(result["fee_sum"]) == D(result["total_interest"])
    json.dumps(result)


@given(
    principal=st.decimals(min_value=D("100"), max_value=D("10000000"), places=2),
    rate=st.decimals(min_value=D("0.1"), max_value=D(100), places=2),
    n=st.integers(min_value=1, max_value=360),
    share=st.decimals(min_value=D(0), max_value=D("0.5"), places=2),
)
def test_upfront_fee_invariants(principal: Decimal, rate: Decimal, n: int, share: Decimal) -> None:
    upfront = (principal * share).quantize(D("0.01"))
    base = calculators.run(
        "schedule", {"principal": str(principal), "annual_rate": str(rate), "months": str(n)}
    )
    result = calculators.run(
        "schedule",
        {
            "principal": str(principal),
            "annual_rate": str(rate),
            "months": str(n),
            "upfront_fee": str(upfront),
        },
    )
    assert result["rows"] == base["rows"]
    assert D(result["total_interest"]) == D(base["total_interest"]) + upfront
    assert D(result["apr"]) >= D(base["apr"])
    # Without a fee the IRR of a plain 等额本息 loan is its own rate (to the 0.01 % printed),
    # unless the loan is so small that rounding to the fen moves it.
    if principal >= 10000:
        assert abs(D(base["apr"]) - rate) <= D("0.01")
