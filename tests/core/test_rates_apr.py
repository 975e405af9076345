"""IRR, annualisation, reference lines and the apr calculator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import InputError, rates
from calculators.data import lpr

D = Decimal


def run(**inputs: str) -> dict:
    return calculators.run("apr", inputs)


@pytest.mark.parametrize(
    "flows",
    [
        [],
        [D(100)],
        [D(-100), D(110)],  # an investment, not a loan
        [D(0), D(-1)],
        [D(100), D(0), D(0)],  # nothing repaid
        [D(100), D(-50), D(10)],  # money flowing back later
    ],
)
def test_irr_raises_a_named_error(flows: list[Decimal]) -> None:
    with pytest.raises(rates.NoConvergence):
        rates.irr(flows)


def test_irr_is_an_arithmetic_error() -> None:
    assert issubclass(rates.NoConvergence, ArithmeticError)


def test_irr_one_period() -> None:
    assert abs(rates.irr([D(100), D(-110)]) - D("0.1")) < D("1e-30")


def test_irr_zero_and_negative() -> None:
    assert abs(rates.irr([D(300), D(-100), D(-100), D(-100)])) < D("1e-20")
    assert rates.irr([D(100), D(-50)]) == D("-0.5")


@given(
    net=st.decimals(min_value=D("0.01"), max_value=D("1e10"), places=2),
    payments=st.lists(
        st.decimals(min_value=D(0), max_value=D("1e10"), places=2), min_size=1, max_size=600
    ),
)
def test_irr_root_or_named_error(net: Decimal, payments: list[Decimal]) -> None:
    flows = [net] + [-p for p in payments]
    try:
        r = rates.irr(flows)
    except rates.NoConvergence:
        # Only when the payments are too small for any rate > -100 % or absurdly large.
        assert not any(payments) or sum(payments) < net or r_is_huge(flows)
        return
    assert D(-1) < r
    # At the root NPV changes sign within a hair of r.
    eps = max(abs(r), D(1)) * D("1e-20")
    assert rates.npv(r - eps, flows) <= 0 <= rates.npv(r + eps, flows)


def r_is_huge(flows: list[Decimal]) -> bool:
    return rates.npv(D("1e6"), flows) < 0


def test_annualisation_of_the_pboc_example() -> None:
    r = rates.irr([D(99000)] + [D("-8833.30")] * 12)
    assert rates.percent(rates.annual_simple(r)) == "12.80"
    assert rates.percent(rates.annual_effective(r)) == "13.58"
    assert rates.percent(r, 4) == "1.0670"


def test_apr_pboc_example_full_result() -> None:
    result = run(
        principal="100000", months="12", mode="payment", payment="8833.30", upfront_fee="1000"
    )
    assert result["monthly_irr"] == "1.0670"
    assert result["total_payment"] == "105999.60"
    assert result["naive_rate"] == "7.00"  # 6999.60 / 100000 per year: what an advert might say
    keys = [flag["key"] for flag in result["flags"]]
    assert keys == ["24", "36", "lpr4"]
    assert [flag["exceeded"] for flag in result["flags"]] == [False, False, True]


def test_apr_fee_mode() -> None:
    result = run(principal="12000", months="12", mode="fee", monthly_fee_rate="0.6", payment="")
    assert result["payment"] == "1072.00"
    assert result["apr"] == "13.03"
    assert result["naive_rate"] == "7.20"


def test_apr_missing_mode_input() -> None:
    with pytest.raises(InputError) as info:
        run(mode="payment", payment="")
    assert info.value.field == "payment"
    with pytest.raises(InputError) as info:
        run(mode="fee", monthly_fee_rate="")
    assert info.value.field == "monthly_fee_rate"


def test_apr_payments_below_principal_are_an_input_error() -> None:
    # Issue 10.4: a negative APR with "没有超过 24%" was printed; it is a typo to point at.
    with pytest.raises(InputError) as info:
        run(principal="1200", months="12", payment="90")
    assert info.value.field == "payment"
    assert "比到手的 1200.00 元还少" in info.value.message


def test_apr_upfront_fee_not_below_principal() -> None:
    with pytest.raises(InputError) as info:
        run(principal="1000", upfront_fee="1000")
    assert info.value.field == "upfront_fee"


def test_flags_wording_is_cautious() -> None:
    result = run(principal="10000", months="12", payment="1000")
    assert result["apr"] == "35.07"  # numpy_financial.irr([10000] + [-1000] * 12) x 12 = 35.074 %
    flag24, flag36, lpr4 = result["flags"]
    assert flag24["exceeded"] and not flag36["exceeded"] and lpr4["exceeded"]
    assert flag24 == {"key": "24", "value": "24.00", "exceeded": True}
    # The words are the view's: tests/web/test_web_results.py::test_flag_words_are_cautious.


def test_flag_compares_the_printed_figure() -> None:
    # Exactly 24.00 as printed is not "above 24 %".
    flags, _ = rates.flags(D("24.00"), None)
    assert not flags[0]["exceeded"]
    flags, _ = rates.flags(D("24.01"), None)
    assert flags[0]["exceeded"]


def test_lpr_on_contract_date() -> None:
    result = run(contract_date="2024-08-01")
    assert result["lpr"] == {"date": "2024-07-22", "rate": "3.35", "four_times": "13.40"}
    assert result["contract_date"] == "2024-08-01"
    assert result["flags"][2]["value"] == "13.40"


def test_lpr_latest_when_no_date() -> None:
    start, _ = lpr.latest()
    result = run(contract_date="")
    assert result["lpr"]["date"] == start.isoformat()
    assert result["contract_date"] is None


def test_lpr_before_the_reform_has_no_line() -> None:
    result = run(contract_date="2018-06-01")
    assert result["lpr"] is None
    assert [flag["key"] for flag in result["flags"]] == ["24", "36"]


@pytest.mark.parametrize("day", ["1989-12-31", "2101-01-01"])
def test_contract_date_range(day: str) -> None:
    with pytest.raises(InputError) as info:
        run(contract_date=day)
    assert info.value.field == "contract_date"


def test_lpr_history_is_ordered_and_dated() -> None:
    days = [day for day, _ in lpr.HISTORY]
    assert days == sorted(days)
    assert days[0] == lpr.FIRST
    assert lpr.lpr_on(dt.date(2019, 8, 19)) is None
    assert lpr.lpr_on(dt.date(2025, 5, 20)) == (dt.date(2025, 5, 20), D("3.00"))
    assert days[-1] <= lpr.REVIEWED
