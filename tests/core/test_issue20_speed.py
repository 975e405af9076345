"""Every input within 25 ms of CPU time in CPython (issue 20, item 11).

The promise is an answer within 50 ms in the browser, where Python runs two to three times
slower. The worst inputs were found by search (Hypothesis `target()` on CPU time and on a
deterministic count of function calls, over valid inputs at the far ends of every range:
tests/core/heavy_inputs.py) and by hand; the causes were fixed and the worst found are
pinned below by name. The causes are also pinned by operation counts, which do not depend
on the machine at all.

CPU time (time.process_time), the least of three runs, never wall-clock time (the machine is
shared), against 25 ms on a machine as fast as the issue's (tests/core/heavy_inputs.py says
how a slower or busier one is allowed for). Measured against the same reference loop, the
issue's case went from 3.4 to 0.43 times the reference (48.5 ms to about 6 ms on the issue's
machine); the slowest found now, twenty debts paid off over 600 months in two orders, takes
1.3 times it (about 18 ms there): every case below is at least a quarter under the budget.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings, target
from hypothesis import strategies as st

import calculators
from calculators import InputError, amortize, overdue, rates
from tests.case_strategies import case_from_lines
from tests.core.heavy_inputs import assert_within_budget, inputs

TWENTY_DEBTS = "\n".join(
    f"债{i},网络小贷,{7267074995.29 - i * 1000:.2f},{1000 - i * 0.000001:.6f},0.01,3650"
    for i in range(20)
)
# Twenty debts whose minimums barely beat their interest: both orders run all 600 months.
SLOWEST_PAYOFF = "\n".join(f"债{i},网络小贷,500000,24,10000.07," for i in range(20))
# The same, with the two orders apart (the highest rate is the largest balance): two
# simulations of 583 months and two sets of 12,000 balances as text.
TWO_ORDERS = "\n".join(
    f"债{i},网络小贷,{500000 + i * 100},{24 + i / 100:.2f},"
    f"{int((500000 + i * 100) * (2400 + i) / 1200 + 0.5) / 100 + 0.07:.2f},"
    for i in range(20)
)
LOG = "\n".join(
    f"2026-05-06 {i // 60 % 24:02d}:{i % 60:02d},对方打来,电话,工号 {i},未接两次；没有未接,,否"
    for i in range(100)
)[:5000]

WORST: dict[str, tuple[str, dict[str, str]]] = {
    # The case: 47-50 ms. A re-amortised 599-month schedule whose payment sits near a
    # half fen worked the exact formula on 6,000-digit integers 335 times; the breakeven
    # rate took 87 Decimal NPV evaluations over 600 flows.
    "negotiate_issue_case": (
        "negotiate",
        {
            "principal": "7267074995.29",
            "interest": "218219205.12",
            "penalty": "224029798.59",
            "fees": "357658243.13",
            "months": "599",
            "annual_rate": "43.117164",
            "waive_penalty": "0",
            "settlement_discount": "68.492516",
            "capacity": "4761644582.78",
            "first_due": "2026-01-31",
        },
    ),
    # Found by search, 34 ms: a loan repaid in one sum after 600 months, most of it taken up
    # front; the float IRR estimate overshot to -17 % a month and crawled back, so the exact
    # IRR took 21 Decimal NPV evaluations.
    "schedule_bullet_600_months_fee_up_front": (
        "schedule",
        {
            "principal": "10000000000",
            "method": "bullet",
            "annual_rate": "0.000294",
            "monthly_fee_rate": "0.000294",
            "months": "600",
            "upfront_fee": "7267074995.29",
            "first_due": "2000-02-04",
        },
    ),
    # Found by search, 18-40 ms: ten years of monthly compounding; the timeline recomputed
    # every 30-day point from day 0 (7,751 roundings instead of 121).
    "overdue_ten_years_compounded": (
        "overdue",
        {
            "amount": "1832.03",
            "days": "3650",
            "daily_rate": "0.000001",
            "compounding": "monthly",
            "late_fee": "11928352.81",
        },
    ),
    "negotiate_600_months_at_1000_percent": (
        "negotiate",
        {
            "principal": "84885.86",
            "interest": "10000000000",
            "penalty": "0.01",
            "fees": "0.01",
            "months": "600",
            "annual_rate": "1000",
            "waive_penalty": "0",
            "settlement_discount": "0.000268",
            "capacity": "7267074995.29",
            "first_due": "2000-01-01",
        },
    ),
    # Found by search, 38 ms: a root of 1000 % a month (0.10 a month for 600 months on 0.01),
    # past the float estimate's old ceiling of 900 %: 55 Decimal NPV evaluations.
    "apr_1000_percent_a_month_for_600_months": (
        "apr",
        {"principal": "0.01", "months": "600", "payment": "0.1", "contract_date": "2000-06-05"},
    ),
    "apr_fee_mode_600_months_all_but_a_fen_up_front": (
        "apr",
        {
            "principal": "10000000000",
            "months": "600",
            "mode": "fee",
            "monthly_fee_rate": "0.000002",
            "upfront_fee": "9000000000",
        },
    ),
    # By hand, 27.8 ms: 20 debts x 600 months x 2 orders, and 24,000 balances as text.
    # The slowest the search found after the fixes (0.54 times the reference loop each).
    "schedule_flat_fee_43_percent_a_month_600_months": (
        "schedule",
        {
            "principal": "395.53",
            "method": "flat_fee",
            "annual_rate": "0.041121",
            "monthly_fee_rate": "43.117164",
            "months": "600",
            "upfront_fee": "359.14",
            "first_due": "2000-05-05",
        },
    ),
    "negotiate_600_months_ten_billion_owed": (
        "negotiate",
        {
            "principal": "9999999999.99",
            "interest": "0.01",
            "penalty": "105.01",
            "fees": "9999999999.99",
            "months": "600",
            "annual_rate": "43.117164",
            "waive_penalty": "1",
            "settlement_discount": "0.0487",
            "capacity": "9999999999.99",
            "first_due": "2000-01-02",
        },
    ),
    "payoff_twenty_debts_for_600_months": (
        "payoff",
        {"debts": SLOWEST_PAYOFF, "budget": "200001.40"},
    ),
    "payoff_twenty_debts_two_orders_583_months": (
        "payoff",
        {"debts": TWO_ORDERS, "budget": "201175.64"},
    ),
    "allocate_twenty_debts_with_a_calendar": (
        "allocate",
        {"debts": TWENTY_DEBTS, "available": "10000000000", "first_due": "2150-01-01"},
    ),
    # Every debt with a first due date: the plan's calendar holds 20 x 60 payments.
    "plan_twenty_debts": (
        "plan",
        {
            "case": case_from_lines(
                TWENTY_DEBTS,
                first_due="2030-01-15",
                income="10000000000",
                essential_expenses="9999990000",
            )
        },
    ),
    "contacts_a_full_log": ("contacts", {"log": LOG}),
}


@pytest.mark.parametrize("case", WORST)
def test_the_worst_inputs_found_answer_within_25_ms_of_cpu_time(case: str) -> None:
    name, values = WORST[case]
    try:
        calculators.run(name, values)
    except InputError as error:  # an answer too; but these are meant to be computed
        pytest.fail(f"{case}: {error}")
    assert_within_budget(name, values)


@contextmanager
def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> Iterator[list[int]]:
    calls = [0]
    original: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any) -> Any:
        calls[0] += 1
        return original(*args)

    monkeypatch.setattr(module, name, counted)
    yield calls


def test_the_causes_by_operation_count(monkeypatch: pytest.MonkeyPatch) -> None:
    name, values = WORST["negotiate_issue_case"]
    with (
        counting(monkeypatch, amortize, "payment") as exact,
        counting(monkeypatch, rates, "_npv_and_slope") as npv,
    ):
        calculators.run(name, values)
    assert exact[0] <= 1  # was 336: the thousand-digit formula every month
    assert npv[0] <= 8  # was 87
    name, values = WORST["schedule_bullet_600_months_fee_up_front"]
    with counting(monkeypatch, rates, "_npv_and_slope") as npv:
        calculators.run(name, values)
    assert npv[0] <= 8  # was 21
    name, values = WORST["overdue_ten_years_compounded"]
    with counting(monkeypatch, overdue, "cycle_balances") as passes:
        result = calculators.run(name, values)
    assert passes[0] <= 2  # the balances once for the penalty, once for the timeline
    assert len(result["timeline"]) == 123
    name, values = WORST["apr_1000_percent_a_month_for_600_months"]
    with counting(monkeypatch, rates, "_npv_and_slope") as npv:
        calculators.run(name, values)
    assert npv[0] <= 8  # was 55


@pytest.mark.parametrize("days", [0, 1, 29, 30, 31, 89, 90, 3650])
@pytest.mark.parametrize("compounding", ["simple", "monthly"])
def test_the_overdue_timeline_is_what_penalty_after_says(days: int, compounding: str) -> None:
    # The timeline is made in one pass now; every point must still be penalty_after's.
    inputs = {"amount": "10000", "days": str(max(days, 1)), "daily_rate": "0.05"}
    result = calculators.run("overdue", {**inputs, "compounding": compounding})
    for point in result["timeline"]:
        expected = overdue.penalty_after(D(10000), D("0.0005"), point["day"], compounding)
        assert D(point["penalty"]) == expected, point


@settings(deadline=None)  # Hypothesis' deadline is wall-clock time: never on a shared machine
@given(data=st.data())
def test_search_for_slow_inputs(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(calculators.NAMES))
    values = data.draw(inputs(name))
    calls = [0]

    def count(_frame: object, event: str, _arg: object) -> None:
        if event in ("call", "c_call"):
            calls[0] += 1

    sys.setprofile(count)
    try:
        calculators.run(name, values)
    except InputError:
        pass
    finally:
        sys.setprofile(None)
    # Two measures for the search: CPU time finds one slow operation (a power of a
    # thousand-digit integer is one call), the call count finds loops, deterministically.
    target(float(calls[0]), label=f"calls, {name}")
    target(assert_within_budget(name, values), label=f"cpu ms, {name}")
