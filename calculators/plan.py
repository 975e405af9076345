"""我的协商方案: from the reader's debts and budget, an offer for every creditor.

Inputs are the workbook's (calculators/workbook.py): the debt rows, monthly income and
essential expenses. The plan:

1. Orders the debts the way the guide's 协商前的准备 step 4 does, as far as the numbers
   tell it: the highest known rate first (the charges that grow fastest), a blank rate
   after the known ones, then the larger balance, then the order typed.
2. ``capacity = income - essential_expenses``: what there is for all creditors. Zero or
   less: no split (``level`` "negative"); the plan is then to say so honestly.
3. Splits the capacity pro rata to the balances, exactly to the fen
   (`calculators.allocate.split`, the largest-remainder method); when a month's capacity
   covers every balance, each creditor's share is simply its balance (``level`` "clear").
4. For each creditor, the offer: pay the share every month; over ``months_no_interest``
   months if interest stops (``ceil(balance / share)``), or ``months_with_interest`` at its
   own rate (null when the share does not cover the interest). It asks to stop interest
   (停息) when the interest would add more than a fifth to the time, or the share does not
   cover it; to waive penalties (减免罚息) when the debt is overdue; and it flags a credit
   card whose offer runs past 60 months, the longest a 个性化分期 may run.

Codes and numbers only; `calculators/web/views/plan.py` says it in words.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal, localcontext
from typing import Literal, TypedDict

from calculators.allocate import split
from calculators.debts import Debt, debt_list_field, parse_debts
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt
from calculators.negotiate import months_at_capacity

TITLE = "我的协商方案"
CARD_MAX_MONTHS = (
    60  # 个性化分期还款协议: at most 5 years (《商业银行信用卡业务监督管理办法》第七十条)
)

FIELDS: tuple[Field, ...] = (
    debt_list_field(
        "信用卡,银行信用卡,28000,18,1400,45\n网贷甲,网络小贷,8000,36,900,60\n"
        "消费贷,消费金融公司,12000,24,800,30",
        help="每行一笔：名称,机构类型,欠款余额,年利率%,每月应还,逾期天数（不知道的可以空着）。",
    ),
    Field(
        "income",
        "每月收入",
        Kind.MONEY,
        "6000",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        help="每月确定能到手的钱。",
        saved_as="income",
    ),
    Field(
        "essential_expenses",
        "每月必要开支",
        Kind.MONEY,
        "4000",
        unit="元",
        minimum=Decimal(0),
        help="房租、吃饭、交通、看病、孩子和老人的开支。",
        saved_as="essential_expenses",
    ),
)


class Offer(TypedDict):
    name: str
    kind: str
    balance: str
    annual_rate: str | None
    minimum: str | None
    overdue_days: int | None
    share: str  # what this creditor gets each month
    percent: str  # its balance as % of all
    months_no_interest: int | None  # if interest stops; null when the share is 0
    months_with_interest: int | None  # at its own rate; null: never (or > 600 months)
    ask_stop_interest: bool
    ask_waive_penalty: bool
    below_minimum: bool
    card_too_long: bool  # a credit card whose offer runs past CARD_MAX_MONTHS


# "negative" (nothing to share), "short" (below the minimums), "enough", "clear" (one
# month's money repays every debt: each share is the balance)
Level = Literal["negative", "short", "enough", "clear"]


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings."""

    income: str
    essential_expenses: str
    capacity: str  # may be negative
    level: Level
    total_balance: str
    minimum_total: str
    shortfall: str  # minimum_total - capacity, >= 0
    offers: list[Offer]  # in the plan's order


def order(debts: list[Debt]) -> list[Debt]:
    """Highest known rate first, blank rates after, then the larger balance, then as typed."""
    return sorted(
        debts,
        key=lambda d: (
            d.annual_rate is None,
            -(d.annual_rate or 0),
            -d.balance,
            d.line,
        ),
    )


def _ceil_div(a: Decimal, b: Decimal) -> int:
    with localcontext(CONTEXT):
        return int((a / b).to_integral_value(rounding=ROUND_CEILING))


def calculate(debts: str, income: Decimal, essential_expenses: Decimal) -> Result:
    """The plan (`Result`); see the module docstring."""
    parsed = order(parse_debts(debts, need_rate=False, need_minimum=False))
    with localcontext(CONTEXT):
        capacity = income - essential_expenses
        total = sum((d.balance for d in parsed), Decimal(0))
        minimum_total = sum((d.minimum for d in parsed if d.minimum is not None), Decimal(0))
        if capacity >= total:  # a month's money clears everything: each gets what it is owed
            shares = [d.balance for d in parsed]
        elif capacity > 0:
            shares = split(capacity, [d.balance for d in parsed])
        else:
            shares = [Decimal("0.00")] * len(parsed)
        offers: list[Offer] = []
        for d, share in zip(parsed, shares, strict=True):
            rate = d.annual_rate if d.annual_rate is not None else Decimal(0)
            free = _ceil_div(d.balance, share) if share > 0 else None
            charged = months_at_capacity(d.balance, rate, share) if share > 0 else None
            slow = charged is None or (free is not None and charged * 5 > free * 6)
            offers.append(
                {
                    "name": d.name,
                    "kind": d.kind,
                    "balance": fmt(d.balance),
                    "annual_rate": str(d.annual_rate) if d.annual_rate is not None else None,
                    "minimum": fmt(d.minimum) if d.minimum is not None else None,
                    "overdue_days": d.overdue_days,
                    "share": fmt(share),
                    "percent": fmt(d.balance / total * 100),
                    "months_no_interest": free,
                    "months_with_interest": charged,
                    "ask_stop_interest": share > 0 and rate > 0 and slow,
                    "ask_waive_penalty": bool(d.overdue_days),
                    "below_minimum": d.minimum is not None and share < d.minimum,
                    "card_too_long": d.kind == "card"
                    and free is not None
                    and free > CARD_MAX_MONTHS,
                }
            )
        level: Level
        if capacity <= 0:
            level = "negative"
        elif capacity >= total:
            level = "clear"
        elif capacity < minimum_total:
            level = "short"
        else:
            level = "enough"
        return {
            "income": fmt(income),
            "essential_expenses": fmt(essential_expenses),
            "capacity": fmt(capacity),
            "level": level,
            "total_balance": fmt(total),
            "minimum_total": fmt(minimum_total),
            "shortfall": fmt(max(minimum_total - max(capacity, Decimal(0)), Decimal(0))),
            "offers": offers,
        }
