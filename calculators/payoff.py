"""Which debt to pay off first (多笔债务还款顺序): avalanche versus snowball, month by month.

Each month, for every debt still owed:
1. interest accrues: ``fen(balance x annual_rate / 100 / 12)``;
2. its minimum payment is paid, capped at the balance;
3. what is left of the monthly `budget` goes to the target debt (and, once that is cleared,
   to the next one in the order), so the minimums of cleared debts roll over.
Avalanche (``avalanche``, 先还利率最高的) orders the debts by rate, highest first; snowball
(``snowball``, 先还余额最小的) by starting balance, smallest first; ties keep the order typed.

Worked example (the default): 信用卡 3,000 at 18 % (minimum 150), 网贷甲 8,000 at 36 %
(400), 网贷乙 12,000 at 24 % (600), budget 2,000 a month. Avalanche pays 网贷甲 off in month
8, 网贷乙 in 13, 信用卡 in 14, with 3,641.28 of interest; snowball clears 信用卡 in month 4
but pays 3,979.54 of interest (338.26 more), also finishing in month 14.

A budget below the sum of the minimums is not an error: there is then no order to compare,
since the contracts cannot all be kept. The result says so (``short``, with the
``shortfall``, and null plans), and the view sends the reader to 协商分配 with the numbers.
If the debts are not cleared within 600 months (or a balance runs past 10^12): a budget
that does not even cover the first month's interest is blamed on ``budget``; otherwise the
error names a debt whose minimum does not cover its own interest, or asks for a larger
budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from operator import add, floordiv, mul, sub
from typing import Any, Literal, TypedDict

from calculators import debts
from calculators.cents import amount, cents, ratio, text
from calculators.cents import texts as as_texts
from calculators.debts import debt_list_field
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, MAX_MONTHS, fen, fmt

TITLE = "多笔债务还款顺序"
# A balance that has grown past this is not going to be repaid; stopping here also keeps the
# numbers within the decimal context's 40 digits.
RUNAWAY = Decimal("1000000000000")

FIELDS: tuple[Field, ...] = (
    debt_list_field(
        "信用卡,3000,18,150\n网贷甲,8000,36,400\n网贷乙,12000,24,600",
        help="每行一笔：名称,余额,年利率%,最低月供，例如“信用卡,12000,18,600”。最多 20 笔。",
        need_rate_and_minimum=True,
    ),
    Field(
        "budget",
        "每月还款预算",
        Kind.MONEY,
        "2000",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        help="每月一共拿得出来还这些债的钱，要不少于各笔最低月供之和。",
        saved_as="capacity",
    ),
)

# The two orders, as result keys: avalanche (先还利率最高的), snowball (先还余额最小的).
Strategy = Literal["avalanche", "snowball"]
STRATEGIES: tuple[Strategy, ...] = ("avalanche", "snowball")


class DebtDict(TypedDict):
    name: str
    balance: str
    annual_rate: str
    minimum: str


class PlanDict(TypedDict):
    months: int
    total_interest: str
    total_paid: str
    order: list[str]  # names, in the order extra money goes to them
    payoff_month: dict[str, int]  # name -> the month it is cleared
    balance_series: list[str]  # total balance, month 0..months
    debt_series: dict[str, list[str]]  # name -> balances, month 0..months


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings."""

    debts: list[DebtDict]
    minimum_total: str
    budget: str
    short: bool  # the budget is below the minimums: no plan (the plans and savings are null)
    shortfall: str  # minimum_total - budget, >= 0
    avalanche: PlanDict | None
    snowball: PlanDict | None
    interest_saved: str | None  # snowball's interest minus avalanche's (negative in rare rounding)
    months_saved: int | None


@dataclass(frozen=True)
class Debt:
    name: str
    balance: Decimal
    annual_rate: Decimal  # % a year
    minimum: Decimal  # minimum monthly payment
    line: int  # 1-based line number in the text, for messages


def parse_debts(text: str) -> list[Debt]:
    """The debts of `text` (`calculators.debts`), each with a rate and a minimum payment.

    >>> parse_debts("信用卡，12000，18%，600")[0].minimum
    Decimal('600.00')
    """
    out = []
    for d in debts.parse_debts(text, need_rate=True, need_minimum=True):
        assert d.annual_rate is not None and d.minimum is not None
        out.append(Debt(d.name, d.balance, d.annual_rate, d.minimum, d.line))
    return out


def order(debts: Sequence[Debt], strategy: str) -> list[int]:
    """Indexes of `debts` in the order extra money goes to them."""
    if strategy == "avalanche":
        return sorted(range(len(debts)), key=lambda i: (-debts[i].annual_rate, i))
    return sorted(range(len(debts)), key=lambda i: (debts[i].balance, i))


@dataclass(frozen=True)
class Plan:
    months: int
    total_interest: Decimal
    total_paid: Decimal
    payoff_month: dict[str, int]
    balances: list[list[Decimal]]  # balances[month][debt], month 0 = the start
    payments: list[list[Decimal]]  # payments[month - 1][debt]


@dataclass(frozen=True)
class FenPlan:
    """`Plan` in whole fen (`calculators.cents`), as `simulate_fen` works it out."""

    months: int
    total_interest: int
    total_paid: int
    payoff_month: dict[str, int]
    balances: list[list[int]]
    payments: list[list[int]]


def simulate(debts: Sequence[Debt], budget: Decimal, strategy: str) -> Plan:
    """Month-by-month simulation (see the module docstring); InputError past 600 months."""
    plan = simulate_fen(debts, budget, strategy)
    return Plan(
        plan.months,
        amount(plan.total_interest),
        amount(plan.total_paid),
        plan.payoff_month,
        [[amount(b) for b in month] for month in plan.balances],
        [[amount(p) for p in month] for month in plan.payments],
    )


def simulate_fen(debts: Sequence[Debt], budget: Decimal, strategy: str) -> FenPlan:
    """`simulate` in integers: the same numbers (see `calculators.cents`), much faster.

    Each month is a few passes of `map` over all the debts (a cleared one stays at 0: no
    interest, nothing due), so the loop over 20 debts runs in C: 600 months x 20 debts x 2
    orders took 27 ms of CPU time as a Python loop over the debts, about half of that now.
    """
    balances = [cents(d.balance) for d in debts]
    minimums = [cents(d.minimum) for d in debts]
    # Interest fen(balance x n / d / 1200), half up: (2 n balance + D) // 2D with D = 1200 d
    # (cents.half_up, in integers).
    fractions = [ratio(d.annual_rate) for d in debts]
    doubled = [2 * n for n, _ in fractions]
    halves = [d * 1200 for _, d in fractions]
    twice = [2 * half for half in halves]
    limit, runaway = cents(budget), cents(RUNAWAY)
    targets = order(debts, strategy)
    history = [list(balances)]
    paid_history: list[list[int]] = []
    payoff: dict[str, int] = {}
    total_interest = 0
    month = cleared = 0
    while any(balances):
        month += 1
        if month > MAX_MONTHS or max(balances) > runaway:
            _never_paid(debts, budget)
        interest = list(map(floordiv, map(add, map(mul, balances, doubled), halves), twice))
        total_interest += sum(interest)
        grown = list(map(add, balances, interest))
        paid = list(map(min, minimums, grown))  # the minimum, or what is left of the debt
        balances = list(map(sub, grown, paid))
        # The rest of the budget, to the debts in the strategy's order.
        left = limit - sum(paid)
        for i in targets:
            if left <= 0:
                break
            extra = min(left, balances[i])
            paid[i] += extra
            balances[i] -= extra
            left -= extra
        if balances.count(0) != cleared:
            cleared = balances.count(0)
            for i, d in enumerate(debts):
                if not balances[i] and d.name not in payoff:
                    payoff[d.name] = month
        history.append(balances)
        paid_history.append(paid)
    total_paid = sum(sum(p) for p in paid_history)
    return FenPlan(month, total_interest, total_paid, payoff, history, paid_history)


def _never_paid(debts: Sequence[Debt], budget: Decimal) -> None:
    interest_total = sum((fen(d.balance * d.annual_rate / 1200) for d in debts), Decimal(0))
    if budget <= interest_total:
        raise InputError(
            "budget",
            f"每月预算 {fmt(budget)} 元还不够支付各笔债务第一个月的利息 {fmt(interest_total)} 元，"
            "债只会越滚越多。请提高每月预算，或先和债权方协商降低利息。",
        )
    for d in debts:
        interest = fen(d.balance * d.annual_rate / 1200)
        if d.minimum <= interest:
            raise InputError(
                "debts",
                f"第 {d.line} 行“{d.name}”的最低月供 {fmt(d.minimum)} 元还不够每月利息约 "
                f"{fmt(interest)} 元，按这个预算 {MAX_MONTHS // 12} 年也还不完。"
                "请核对最低月供，或提高每月预算。",
            )
    raise InputError(
        "budget", f"按这个预算 {MAX_MONTHS // 12} 年（{MAX_MONTHS} 个月）也还不完，请提高每月预算。"
    )


def _plan_dict(
    debts: Sequence[Debt],
    plan: FenPlan,
    strategy: str,
    series: bool,
    shown: dict[int, tuple[tuple[int, ...], list[str]]],
) -> PlanDict:
    """The plan for the result; `series=False` (`calculate_key`) leaves the month-by-month
    balances empty.

    `shown`: each debt's series as the other plan wrote it (column, text), shared by both
    plans. 24,000 amounts written as text were as much work as both simulations, and a
    debt the extra money reaches late has the same balances in both orders for most of
    the months: those are written once, only the months after they part are new.
    """
    balances = plan.balances if series else []
    # Per debt, month by month: the columns of the balances, transposed in one C call.
    columns = list(zip(*balances, strict=True)) if balances else []

    def texts(key: int, column: tuple[int, ...]) -> list[str]:
        before, written = shown.get(key, ((), []))
        same = 0
        if before[:1] == column[:1]:  # the months both have in common, found by halving
            low, high = 0, min(len(before), len(column))
            while low < high:
                middle = (low + high + 1) // 2
                if before[:middle] == column[:middle]:
                    low = middle
                else:
                    high = middle - 1
            same = low
        out = written[:same] + as_texts(list(column[same:]))
        shown[key] = (column, out)
        return out

    return {
        "months": plan.months,
        "total_interest": text(plan.total_interest),
        "total_paid": text(plan.total_paid),
        "order": [debts[i].name for i in order(debts, strategy)],
        "payoff_month": {d.name: plan.payoff_month[d.name] for d in debts},
        "balance_series": texts(-1, tuple(map(sum, balances))),
        "debt_series": {d.name: texts(i, columns[i]) for i, d in enumerate(debts) if series},
    }


def calculate(debts: str, budget: Decimal, *, series: bool = True) -> Result:
    """Both strategies (`Result`); see the module docstring. `series=False`
    (`calculate_key`) leaves each plan's month-by-month balances empty."""
    parsed = parse_debts(debts)
    with localcontext(CONTEXT):
        minimum_total = sum((d.minimum for d in parsed), Decimal("0.00"))
        listed: list[DebtDict] = [
            {
                "name": d.name,
                "balance": fmt(d.balance),
                "annual_rate": fmt(d.annual_rate),
                "minimum": fmt(d.minimum),
            }
            for d in parsed
        ]
        if budget < minimum_total:
            return {
                "debts": listed,
                "minimum_total": fmt(minimum_total),
                "budget": fmt(budget),
                "short": True,
                "shortfall": fmt(minimum_total - budget),
                "avalanche": None,
                "snowball": None,
                "interest_saved": None,
                "months_saved": None,
            }
        avalanche = simulate_fen(parsed, budget, "avalanche")
        same = order(parsed, "avalanche") == order(parsed, "snowball")
        snowball = avalanche if same else simulate_fen(parsed, budget, "snowball")
        shown: dict[int, tuple[tuple[int, ...], list[str]]] = {}
        return {
            "debts": listed,
            "minimum_total": fmt(minimum_total),
            "budget": fmt(budget),
            "short": False,
            "shortfall": "0.00",
            "avalanche": _plan_dict(parsed, avalanche, "avalanche", series, shown),
            "snowball": _plan_dict(parsed, snowball, "snowball", series, shown),
            "interest_saved": text(snowball.total_interest - avalanche.total_interest),
            "months_saved": snowball.months - avalanche.months,
        }


def calculate_key(**fields: Any) -> Result:
    """`calculate` without the month-by-month balances: the key figures alone, for the
    browser's first answer to a change (`calculators.run(..., key=True)`)."""
    return calculate(**fields, series=False)
