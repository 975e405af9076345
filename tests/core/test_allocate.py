"""协商分配: the pro-rata split, exact to the fen (calculators/allocate.py)."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import InputError
from calculators.allocate import split
from calculators.web import render


def run(**inputs: str) -> dict:
    return calculators.run("allocate", inputs)


def test_worked_example() -> None:
    result = run()
    assert [s["share"] for s in result["shares"]] == ["260.87", "695.65", "1043.48"]
    assert [s["percent"] for s in result["shares"]] == ["13.04", "34.78", "52.17"]
    assert result["total_balance"] == "23000.00"
    assert result["minimum_total"] == "1150.00"
    assert result["below_minimum_count"] == 0 and result["shortfall"] == "0.00"
    assert [s["kind"] for s in result["shares"]] == ["card", "online_micro", "consumer_finance"]


def test_below_the_minimums() -> None:
    result = run(available="1000")
    assert [s["share"] for s in result["shares"]] == ["130.43", "347.83", "521.74"]
    assert [s["below_minimum"] for s in result["shares"]] == [True, True, True]
    assert result["shortfall"] == "150.00"


def test_largest_remainder_by_hand() -> None:
    # 1000 fen in the ratio 1:2:4 -> 142.857, 285.714, 571.428 fen: floors 142, 285, 571
    # (998); the two fen left go to the two largest remainders, .857 and .714.
    assert split(D("10.00"), [D(1), D(2), D(4)]) == [D("1.43"), D("2.86"), D("5.71")]
    # Equal remainders: the larger balance first, then the order typed.
    assert split(D("100.00"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
    assert split(D("0.01"), [D(5), D(10)]) == [D("0.00"), D("0.01")]


# Largest remainders tie rarely, and the tie order is what this checks: three times
# the profile's examples.
@settings(max_examples=3 * settings().max_examples)
@given(
    available=st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2),
    balances=st.lists(
        st.decimals(min_value=D("0.01"), max_value=D("10000000"), places=2), min_size=1, max_size=20
    ),
)
def test_split_properties(available: D, balances: list[D]) -> None:
    shares = split(available, balances)
    assert sum(shares, D(0)) == available  # exactly what the reader has, no fen more or less
    total = sum(balances, D(0))
    for share, balance in zip(shares, balances, strict=True):
        exact = Fraction(available) * Fraction(balance) / Fraction(total)
        assert abs(Fraction(share) - exact) < Fraction(1, 100)  # within a fen of its quota
    for i, a in enumerate(balances):
        for j, b in enumerate(balances):
            if a > b:
                assert shares[i] >= shares[j]  # owing more never means getting less


def test_months_at_the_share() -> None:
    result = run(debts="甲,1200,0,100", available="100")
    assert result["shares"][0]["months"] == 12
    # 24 % a year on 12,000 with 1,043.48 a month: n = ceil(-ln(1 - 0.02 x 12000 / 1043.48)
    # / ln(1.02)) = ceil(13.07...) = 14.
    result = run(debts="乙,12000,24,600", available="1043.48")
    assert result["shares"][0]["months"] == 14
    # A share below the interest never clears the debt.
    result = run(debts="丙,100000,36,100", available="2000")
    assert result["shares"][0]["months"] is None
    assert result["longest_months"] is None


def test_six_column_rows_with_blanks() -> None:
    result = run(debts="网贷甲,网络小贷,8000,,,45\n信用卡,card,2000,18,100,", available="1000")
    first, second = result["shares"]
    assert first["kind"] == "online_micro" and first["rate_known"] is False
    assert first["annual_rate"] is None and first["minimum"] is None
    assert first["overdue_days"] == 45 and first["below_minimum"] is False
    assert first["months"] == 10  # 8000 / 800, counted without interest
    assert second["kind"] == "card" and second["minimum"] == "100.00"


@pytest.mark.parametrize(
    ("debts", "fragment"),
    [
        ("a,典当行,100,,,", "机构类型请从这几项中选一个"),
        ("a,网络小贷,,,,", "请填写第 1 行的余额"),
        ("a,其他,100,,,x", "第 1 行的逾期天数请填数字"),
        ("a,其他,100,1,2", "要有 4 项"),
    ],
)
def test_row_errors(debts: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        run(debts=debts)
    assert info.value.field == "debts"
    assert fragment in info.value.message


def test_view_shows_every_share_and_a_csv_that_adds_up() -> None:
    shown = render("allocate", {"available": "1000"})
    assert shown["ok"]
    for share in ("130.43", "347.83", "521.74"):
        assert share in shown["html"]
    rows = [line.split(",") for line in shown["csv"].strip().splitlines()[1:]]
    assert sum(D(r[4]) for r in rows) == D("1000.00")
    assert "比各笔最低月供合计 1,150.00 元少 150.00 元" in shown["html"]
