"""Several debts: parsing the list, avalanche and snowball."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import InputError
from calculators.payoff import parse_debts, simulate
from calculators.web import render

D = Decimal


def run(debts: str, budget: str) -> dict:
    return calculators.run("payoff", {"debts": debts, "budget": budget})


def test_default_example() -> None:
    result = calculators.run("payoff", {})
    avalanche, snowball = result["avalanche"], result["snowball"]
    assert avalanche["order"] == ["网贷甲", "网贷乙", "信用卡"]
    assert snowball["order"] == ["信用卡", "网贷甲", "网贷乙"]
    assert avalanche["payoff_month"] == {"信用卡": 14, "网贷甲": 8, "网贷乙": 13}
    assert snowball["payoff_month"] == {"信用卡": 4, "网贷甲": 10, "网贷乙": 14}
    assert avalanche["total_interest"] == "3641.28"
    assert snowball["total_interest"] == "3979.54"
    assert result["interest_saved"] == "338.26"
    assert result["minimum_total"] == "1150.00"
    assert avalanche["balance_series"][0] == "23000.00"
    assert avalanche["balance_series"][-1] == "0.00"
    assert len(avalanche["balance_series"]) == avalanche["months"] + 1
    json.dumps(result, ensure_ascii=False)


def test_one_month_by_hand() -> None:
    # 1000 at 12 %: interest 10.00; minimum 100; the other 400 of the budget goes to it too.
    result = run("甲,1000,12,100", "500")
    assert result["avalanche"]["debt_series"]["甲"][:2] == ["1000.00", "510.00"]
    # month 2: 510 + 5.10 = 515.10 > 500 -> 15.10 left; month 3: 15.10 + 0.15 = 15.25 paid
    assert result["avalanche"]["months"] == 3
    assert result["avalanche"]["total_interest"] == "15.25"
    assert result["avalanche"]["total_paid"] == "1015.25"


@pytest.mark.parametrize(
    "text",
    [
        "信用卡，12000，18%，600",
        "信用卡, 12000, 18, 600",
        "信用卡 12000 18 600",
        "信用卡\t12000\t18\t600",
        "信用卡、1.2万、18％、600元",
        "\n# 注释\n信用卡,12000,18,600\n\n",
    ],
)
def test_line_spellings(text: str) -> None:
    (debt,) = parse_debts(text)
    assert (debt.name, debt.balance, debt.annual_rate, debt.minimum) == (
        "信用卡",
        D("12000.00"),
        D("18"),
        D("600.00"),
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "至少填一笔"),
        ("# 只有注释", "至少填一笔"),
        ("a,1,2", "第 1 行要有 4 项"),
        ("a,1,2,3\nb,1,2,3,4", "第 2 行要有 4 项"),
        (",1,2,3", "第 1 行缺少名称"),
        ("a,x,2,3", "第 1 行的余额请填数字"),
        ("a,0,2,3", "第 1 行的余额要大于 0"),
        ("a,1,-2,3", "第 1 行的年利率不能是负数"),
        ("a,1,2000,3", "第 1 行的年利率不能超过 1000%"),
        ("a,1,2,abc", "第 1 行的最低月供请填数字"),
        ("a,1,2,3\na,2,3,4", "第 2 行的名称和第 1 行重复"),
        ("一二三四五六七八九十一二三四五六七八九十一,1,2,3", "名称太长"),
        ("\n".join(f"d{i},100,1,10" for i in range(21)), "最多填 20 笔"),
    ],
)
def test_line_errors_name_the_line(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        run(text, "100000")
    assert info.value.field == "debts"
    assert fragment in info.value.message


def test_budget_below_minimums_is_said_and_sent_to_the_split() -> None:
    # Issue 12: not an error that keeps sample results on screen, but a plain result.
    result = run("a,1000,12,100\nb,2000,24,150", "200")
    assert result["short"] is True
    assert result["minimum_total"] == "250.00" and result["shortfall"] == "50.00"
    assert result["avalanche"] is None and result["snowball"] is None
    shown = render("payoff", {"debts": "a,1000,12,100\nb,2000,24,150", "budget": "200"})
    assert "比各笔最低月供合计 250.00 元少 50.00 元" in shown["html"]
    assert "../allocate/#debts=a%2C%2C1000.00%2C12.00%2C100.00%2C%0Ab%2C" in shown["html"]
    assert "available=200.00" in shown["html"]


def test_minimum_below_interest_is_named() -> None:
    with pytest.raises(InputError) as info:
        run("小额,100,0,10\n大额,1000000,1.2,100", "1200")
    assert info.value.field == "debts"
    assert "第 2 行“大额”" in info.value.message


def test_budget_below_interest_blames_the_budget() -> None:
    with pytest.raises(InputError) as info:
        run("a,1000000,24,100\nb,1000000,24,100", "3000")
    assert info.value.field == "budget"
    assert "40000.00" in info.value.message


def test_hopeless_budget() -> None:
    # Each minimum covers its own interest, but the budget is too small to finish in 50 years.
    with pytest.raises(InputError) as info:
        run("a,1000000,12,10001", "10001")
    assert info.value.field == "budget"


def test_runaway_balance_stops_early() -> None:
    with pytest.raises(InputError):
        run("a,10000000000,1000,0\nb,1,0,1", "1")


def test_zero_rate_and_zero_minimum() -> None:
    result = run("a,300,0,0\nb,300,0,0", "100")
    assert result["avalanche"]["months"] == 6
    assert result["avalanche"]["total_interest"] == "0.00"
    assert result["avalanche"]["payoff_month"] == {"a": 3, "b": 6}


debt_lines = st.lists(
    st.tuples(
        st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2),
        st.decimals(min_value=D(0), max_value=D(60), places=2),
        st.decimals(min_value=D(0), max_value=D(5000), places=2),
    ),
    min_size=1,
    max_size=20,
)


@given(lines=debt_lines, extra=st.decimals(min_value=D(0), max_value=D(50000), places=2))
def test_payoff_invariants(lines: list[tuple[Decimal, Decimal, Decimal]], extra: Decimal) -> None:
    text = "\n".join(f"d{i},{b},{r},{m}" for i, (b, r, m) in enumerate(lines))
    debts = parse_debts(text)
    budget = sum((m for _, _, m in lines), D(0)) + extra
    if budget == 0:
        budget = D("0.01")
    for strategy in ("avalanche", "snowball"):
        try:
            plan = simulate(debts, budget, strategy)
        except InputError as err:
            assert err.field in {"debts", "budget"}
            return
        for month, paid in enumerate(plan.payments, start=1):
            assert sum(paid) <= budget  # never more than the budget
            before, after = plan.balances[month - 1], plan.balances[month]
            for i, debt in enumerate(debts):
                assert after[i] >= 0  # never negative
                assert paid[i] >= 0
                if before[i] > 0:
                    interest = before[i] * debt.annual_rate / 1200
                    interest = interest.quantize(D("0.01"), rounding=ROUND_HALF_UP)
                    assert after[i] == before[i] + interest - paid[i] or after[i] == 0
                    # the minimum (capped at what is owed) is always paid
                    assert paid[i] >= min(debt.minimum, before[i] + interest) or after[i] == 0
                else:
                    assert paid[i] == 0
            # Money is left over only in the month the last debt is cleared.
            if sum(paid) < budget:
                assert not any(after)
        assert not any(plan.balances[-1])
        assert set(plan.payoff_month) == {d.name for d in debts}
        assert max(plan.payoff_month.values()) == plan.months
        assert plan.total_paid == sum(d.balance for d in debts) + plan.total_interest
