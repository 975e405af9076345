"""Compare repayment offers (协商方案对比) for a debt that is already overdue.

What is owed now: ``owed = principal + interest + penalty + fees``. The scenarios, each with
``upfront`` (paid at once), ``monthly`` (the regular instalment), ``months``, ``total`` (all
that is paid), ``saving = owed - total`` and ``affordable``:

- ``current`` 按现有欠款一次还清 (the baseline): pay ``owed`` today. It is the cheapest the
  debt will ever be without an agreement, since interest and penalties keep accruing.
- ``waive`` 减免罚息后一次还清 (only with `waive_penalty` and a penalty): pay ``owed - penalty``.
- ``instalment`` 分期还款 / 停息分期: ``financed = owed - penalty`` if `waive_penalty`, else
  ``owed``, repaid 等额本息 over `months` at `annual_rate` (0 = 停息分期: equal parts, the
  last one taking the rounding), via `calculators.schedule`.
- ``settlement`` 一次性结清 (only with a `settlement_discount` > 0): pay
  ``fen(owed x (1 - settlement_discount / 100))`` at once; the discount is off everything
  owed, as such offers are usually quoted ("还七成结清").

``affordable``: for an instalment plan, its largest payment <= `capacity`; for a lump sum,
``upfront <= capacity`` (otherwise the money has to come from elsewhere).

``breakeven_rate``: the yearly rate 12 x r where r is the monthly IRR of ``+L`` at month 0
and ``-payment_k`` in months 1..n, L being the lump sum (the settlement amount; ``owed``
when there is no discount). If the money for the lump sum earns (or, when borrowed, costs)
less than this a year, the lump sum is the cheaper choice; above it, the instalments are.
Null when the instalments total no more than L (then the instalments are never dearer).

Worked example: principal 30,000, interest 2,000, penalty 3,000, fees 0, waive the
penalty, 36 months at 0 %, 30 % settlement discount, capacity 1,500: owed 35,000.00;
instalment 888.89 a month (last 888.85), total 32,000.00, saving 3,000.00, affordable;
settlement 24,500.00; breakeven_rate 18.26 %.
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_CEILING, Decimal, localcontext
from typing import Literal, TypedDict

from calculators import ics, rates, schedule
from calculators.cents import amount, cents, text, texts
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, MAX_MONTHS, fen, fmt

TITLE = "协商方案对比"

FIELDS: tuple[Field, ...] = (
    Field(
        "principal",
        "剩余本金",
        Kind.MONEY,
        "30000",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        help="账单或 App 上显示的未还本金。",
    ),
    Field(
        "interest",
        "欠的利息",
        Kind.MONEY,
        "2000",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="已经产生、还没还的利息；没有就填 0。",
    ),
    Field(
        "penalty",
        "罚息和违约金",
        Kind.MONEY,
        "3000",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="逾期后产生的罚息、复利、违约金、滞纳金合计。",
    ),
    Field(
        "fees",
        "其他费用",
        Kind.MONEY,
        "0",
        unit="元",
        minimum=Decimal(0),
        required=False,
        help="服务费、担保费等其他还没还的费用；没有就填 0。",
    ),
    Field(
        "months",
        "分期期数",
        Kind.INTEGER,
        "36",
        unit="月",
        minimum=Decimal(1),
        maximum=Decimal(MAX_MONTHS),
        help="想协商分多少个月还完。",
    ),
    Field(
        "annual_rate",
        "分期年利率",
        Kind.RATE,
        "0",
        unit="%",
        minimum=Decimal(0),
        help="分期期间还收多少利息；填 0 表示停息分期。",
    ),
    Field(
        "waive_penalty",
        "申请减免罚息",
        Kind.FLAG,
        "1",
        help="勾选后，分期方案里不再包括罚息和违约金。",
    ),
    Field(
        "settlement_discount",
        "一次结清的减免比例",
        Kind.RATE,
        "30",
        unit="%",
        minimum=Decimal(0),
        maximum=Decimal(99),
        help="对方同意一次还清时减免全部欠款的百分之几；填 30 表示只还七成。",
    ),
    Field(
        "capacity",
        "每月最多能还",
        Kind.MONEY,
        "1500",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        help="留足生活必需开支后，每月真正拿得出来的钱；可以先用“还款能力”计算器算一算。",
        saved_as="capacity",
    ),
    ics.FIRST_DUE,
)


ScenarioKey = Literal["current", "waive", "instalment", "settlement"]


class Scenario(TypedDict):
    key: ScenarioKey
    upfront: str  # paid at once
    monthly: str  # the first instalment ("0.00" for a lump sum)
    last_payment: str
    months: int  # 0 for a lump sum
    total: str
    saving: str  # owed - total
    affordable: bool


class Instalment(TypedDict):
    date: str  # ISO
    payment: str
    balance: str


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings; the inputs the view names."""

    principal: str
    interest: str
    penalty: str
    fees: str
    owed: str
    financed: str  # what the instalments repay
    capacity: str
    annual_rate: str  # % as typed ("6", "4.50")
    settlement_discount: str  # % as typed
    waived: bool  # the penalty is waived (asked for, and there is one)
    scenarios: list[Scenario]
    cheapest_affordable: ScenarioKey | None
    months_at_capacity: int | None
    breakeven_rate: str | None  # %; null when the instalments total no more than L
    # The instalments' dates (calculators.ics), payments and balances left after each;
    # [] without a first due date.
    instalments: list[Instalment]


def _lump(key: ScenarioKey, amount: Decimal, owed: Decimal, capacity: Decimal) -> Scenario:
    return {
        "key": key,
        "upfront": fmt(amount),
        "monthly": "0.00",
        "last_payment": "0.00",
        "months": 0,
        "total": fmt(amount),
        "saving": fmt(owed - amount),
        "affordable": amount <= capacity,
    }


def months_at_capacity(financed: Decimal, annual_rate: Decimal, capacity: Decimal) -> int | None:
    """Fewest whole months to repay `financed` paying `capacity` a month at `annual_rate` (%).

    ``n = ceil(-ln(1 - r B / A) / ln(1 + r))`` (``ceil(B / A)`` when r = 0); None when the
    payment never covers the interest or more than 600 months would be needed.

    >>> months_at_capacity(Decimal("32000"), Decimal("0"), Decimal("1500"))
    22
    """
    with localcontext(CONTEXT):
        r = annual_rate / 100 / 12
        if capacity <= 0 or capacity <= financed * r:
            return None
        n = financed / capacity if r == 0 else -(1 - r * financed / capacity).ln() / (1 + r).ln()
        months = int(n.to_integral_value(rounding=ROUND_CEILING))
        return months if months <= MAX_MONTHS else None


def calculate(
    principal: Decimal,
    interest: Decimal | None,
    penalty: Decimal | None,
    fees: Decimal | None,
    months: int,
    annual_rate: Decimal,
    waive_penalty: bool,
    settlement_discount: Decimal,
    capacity: Decimal,
    first_due: _dt.date | None = None,
) -> Result:
    """Scenarios and the breakeven rate (`Result`); see the module docstring."""
    zero = Decimal("0.00")
    interest, penalty, fees = interest or zero, penalty or zero, fees or zero
    with localcontext(CONTEXT):
        owed = principal + interest + penalty + fees
        waived = waive_penalty and penalty > 0
        financed = owed - penalty if waive_penalty else owed
        scenarios = [_lump("current", owed, owed, capacity)]
        if waived:
            scenarios.append(_lump("waive", financed, owed, capacity))

        # In whole fen (calculators.cents: the same amounts as the Decimal rows, faster).
        rows = schedule.cents_rows(schedule.Method.EQUAL_PAYMENT, financed, months, annual_rate)
        payments = [row[1] for row in rows]
        total = amount(sum(payments))
        scenarios.append(
            {
                "key": "instalment",
                "upfront": "0.00",
                "monthly": text(payments[0]),
                "last_payment": text(payments[-1]),
                "months": months,
                "total": fmt(total),
                "saving": fmt(owed - total),
                "affordable": amount(max(payments)) <= capacity,
            }
        )

        lump = fen(owed * (100 - settlement_discount) / 100)
        if settlement_discount > 0 and lump == 0:
            raise InputError(
                "settlement_discount",
                f"欠款 {fmt(owed)} 元减免 {settlement_discount.normalize():f}% 后不到 1 分钱，"
                "请检查欠款金额或减免比例。",
            )
        if settlement_discount > 0:
            scenarios.append(_lump("settlement", lump, owed, capacity))

        affordable = [s for s in scenarios if s["affordable"]]
        cheapest = min(affordable, key=lambda s: Decimal(s["total"]))["key"] if affordable else None

        breakeven: str | None = None
        if total > lump:
            breakeven = rates.simple_apr_fen(cents(lump), payments)
        return {
            "principal": fmt(principal),
            "interest": fmt(interest),
            "penalty": fmt(penalty),
            "fees": fmt(fees),
            "owed": fmt(owed),
            "financed": fmt(financed),
            "capacity": fmt(capacity),
            "annual_rate": str(annual_rate),
            "settlement_discount": str(settlement_discount),
            "waived": waived,
            "scenarios": scenarios,
            "cheapest_affordable": cheapest,
            "months_at_capacity": months_at_capacity(financed, annual_rate, capacity),
            "breakeven_rate": breakeven,
            "instalments": [
                {"date": day, "payment": paid, "balance": left}
                for day, paid, left in zip(
                    ics.checked_due_dates(first_due, months),
                    texts(payments),
                    texts([row[5] for row in rows]),
                    strict=False,
                )
            ],
        }
