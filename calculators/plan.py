"""我的协商方案: the reader's whole case (calculators/case.py) in, an offer for every creditor out.

The plan page is where the case is edited; its one input is the case as JSON, validated by
`calculators.case.validate` (the same parsing as every input box). The plan:

1. Orders the debts the way the guide's 协商前的准备 step 4 does, as far as the numbers
   tell it: the highest known rate first (the charges that grow fastest), a blank rate
   after the known ones, then the larger balance, then the order typed. Debts marked 已结清
   are left out of the split and listed apart.
2. ``capacity``: the budget's own figure when the reader gave one, else ``income -
   essential_expenses - other_payments`` (``capacity_from``: "chosen" or "budget"; with
   neither, "missing" and ``level`` "missing": the debts are listed, nothing is split).
3. Splits the capacity pro rata to the balances, exactly to the fen
   (`calculators.allocate.split`, the largest-remainder method); when it covers every
   balance, each share is the balance (``level`` "clear").
4. For each creditor, `calculators.plan_offer.offer`: the asks, the months and what they
   assume, the longest term a creditor could accept and what it requires, and what to ask for
   instead when the share cannot reach it (never a plan of more than 60 months).

Every total says what it covers: ``due_total`` adds the 原来每月应还 of ``due_count`` of the
``count`` debts; ``shortfall`` (due_total - capacity, at least 0) is null unless every debt
has one, since a sum of some of them would understate it.

Example (the page's 例子): a card of 28,000 (principal 25,000, 18 %, 1,400 a month, 150 days
overdue), an online loan of 8,000 sold on, and a consumer loan of 12,000 (24 %), with 6,000
a month coming in, 5,000 of essentials and 300 of other payments: capacity 700.00, shares
175.00 (the consumer loan, highest rate first), 408.33 (the card) and 116.67. The card's
share is short of 25,000 / 60 = 416.67, so the plan offers 60 months and says what to ask
for the 3,500.20 that 60 x 408.33 leaves.

Codes and numbers only; `calculators/web/views/plan.py` says it in words.
"""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal, localcontext
from typing import Any, Literal, TypedDict

from calculators import case as model
from calculators.allocate import split
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt
from calculators.plan_agreements import Glance, glances
from calculators.plan_offer import MAX_TERM, Offer, offer

TITLE = "我的协商方案"
CARD_MAX_MONTHS = (
    MAX_TERM  # 个性化分期: at most 5 years (《商业银行信用卡业务监督管理办法》第七十条)
)


def _example() -> str:
    debts = [
        ("ex1", "招商信用卡", "card", "28000", "25000", "18", "1400", "150"),
        ("ex2", "网贷甲", "online_micro", "8000", "", "", "", "60"),
        ("ex3", "消费贷", "consumer_finance", "12000", "", "24", "800", "30"),
    ]
    found = []
    for debt_id, name, kind, balance, principal, rate, due, days in debts:
        d = model.blank_debt(debt_id)
        d.update(creditor=name, kind=kind, balance=balance, principal=principal, rate=rate)
        d.update(monthly_due=due, overdue_days=days)
        found.append(d)
    found[1].update(sold=True, new_creditor="某资产管理公司")
    for d in found:
        d["first_due"] = "2026-07-15"  # the page's example shows a calendar too
    data = model.empty()
    data["budget"].update(income="6000", essential_expenses="5000", other_payments="300")
    data["debts"] = found
    return json.dumps(data, ensure_ascii=False)


EXAMPLE = _example()

FIELDS: tuple[Field, ...] = (
    Field(
        "case",
        "我的方案",
        Kind.CASE,
        EXAMPLE,
        help="你的欠款、收支和个人信息：在下面逐项填写，只在这台设备上计算。",
        saved_as="case",
    ),
    Field(
        "today",
        "今天的日期",
        Kind.DATE,
        "2027-03-13",
        help="按这一天算每份还款协议的下一期还有几天；存了方案以后，填的是这台设备上的日期。",
        advanced=True,
        device_today=True,
    ),
)

# "missing" (no income or capacity given), "negative" (nothing to share), "short" (below the
# known minimums), "enough", "clear" (one month's money repays every debt)
Level = Literal["missing", "negative", "short", "enough", "clear"]
CapacityFrom = Literal["chosen", "budget", "missing"]


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings."""

    case: dict[str, Any]  # the case in normal form, as the page keeps it
    example: bool  # the case is the page's example
    income: str | None
    essential_expenses: str | None
    other_payments: str | None
    capacity: str | None  # may be negative
    capacity_from: CapacityFrom
    level: Level
    count: int
    total_balance: str
    due_total: str
    due_count: int
    shortfall: str | None  # due_total - capacity (>= 0) when every debt has its due
    offers: list[Offer]  # in the plan's order
    settled: list[str]  # names of the debts marked 已结清
    today: str  # the day the agreements are counted on
    agreements: dict[str, Glance]  # by debt id: each open debt's current agreement


def order(debts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Highest known rate first, blank rates after, then the larger balance, then as typed."""
    indexed = list(enumerate(debts))
    indexed.sort(
        key=lambda pair: (
            not pair[1]["rate"],
            -Decimal(pair[1]["rate"] or 0),
            -Decimal(pair[1]["balance"]),
            pair[0],
        )
    )
    return [d for _, d in indexed]


def _money(value: str) -> Decimal | None:
    return Decimal(value) if value else None


def capacity_of(data: model.Case) -> tuple[Decimal | None, CapacityFrom]:
    """The monthly money for the listed debts, and where it comes from."""
    budget = data["budget"]
    chosen = _money(budget["capacity"])
    if chosen is not None:
        return chosen, "chosen"
    income, essential = _money(budget["income"]), _money(budget["essential_expenses"])
    if income is None or essential is None:
        return None, "missing"
    with localcontext(CONTEXT):
        return income - essential - (_money(budget["other_payments"]) or Decimal(0)), "budget"


def offers(data: model.Case) -> tuple[list[Offer], Decimal | None, CapacityFrom]:
    """Each open debt's offer in the plan's order, the capacity and where it comes from."""
    open_debts = order([d for d in data["debts"] if d["status"] != "settled"])
    capacity, source = capacity_of(data)
    balances = [Decimal(d["balance"]) for d in open_debts]
    with localcontext(CONTEXT):
        total = sum(balances, Decimal(0))
        if capacity is None or capacity <= 0 or not balances:
            shares = [Decimal("0.00")] * len(balances)
        elif capacity >= total:
            shares = balances
        else:
            shares = split(capacity, balances)
        room = capacity if capacity is not None else Decimal(0)
        return (
            [
                offer(d, share, b / total * 100, room, data["contacts"])
                for d, share, b in zip(open_debts, shares, balances, strict=True)
            ],
            capacity,
            source,
        )


def calculate(case: str, today: _dt.date | None = None) -> Result:
    """The plan (`Result`) for the case in `case` (JSON), its agreements counted on `today`
    (the field's default when None); see the module docstring."""
    return plan(model.validate(case), today)


def is_example(data: model.Case) -> bool:
    """Whether the case is the page's example: its debts' ids (a page makes random ones) and
    its figures, in either edition (the Traditional page shows the names converted)."""
    example = model.validate(EXAMPLE)

    def figures(c: model.Case) -> list[tuple[str, ...]]:
        return [(d["id"], d["balance"], d["rate"], d["kind"]) for d in c["debts"]]

    return figures(data) == figures(example) and data["budget"] == example["budget"]


def plan(data: model.Case, today: _dt.date | None = None) -> Result:
    """The plan for a validated case; a CaseError when it has no debt to plan for."""
    day = today or _dt.date.fromisoformat(FIELDS[1].default)
    if not data["debts"]:
        raise model.CaseError("debts.0.creditor", "请先填一笔欠款：名称和欠款余额。")
    found, capacity, source = offers(data)
    with localcontext(CONTEXT):
        total = sum((Decimal(o["balance"]) for o in found), Decimal(0))
        dues = [Decimal(o["minimum"]) for o in found if o["minimum"] is not None]
        due_total = sum(dues, Decimal(0))
        level: Level
        if capacity is None:
            level = "missing"
        elif capacity <= 0:
            level = "negative"
        elif capacity >= total:
            level = "clear"
        elif dues and capacity < due_total:
            level = "short"
        else:
            level = "enough"
        every_due = bool(found) and len(dues) == len(found)
        short = max(due_total - max(capacity or Decimal(0), Decimal(0)), Decimal(0))
        budget = data["budget"]
        return {
            "case": data,
            "example": is_example(data),
            "income": budget["income"] or None,
            "essential_expenses": budget["essential_expenses"] or None,
            "other_payments": budget["other_payments"] or None,
            "capacity": fmt(capacity) if capacity is not None else None,
            "capacity_from": source,
            "level": level,
            "count": len(found),
            "total_balance": fmt(total),
            "due_total": fmt(due_total),
            "due_count": len(dues),
            "shortfall": fmt(short) if every_due and capacity is not None else None,
            "offers": found,
            "settled": [d["creditor"] for d in data["debts"] if d["status"] == "settled"],
            "today": day.isoformat(),
            "agreements": glances(
                data, day, {o["id"]: Decimal(o["amount"]) for o in found if capacity is not None}
            ),
        }
