"""Repayment schedules (还款计划): one row per month, exact to the fen.

Monthly rate ``r = annual_rate / 1200``. Every row's interest is ``fen(balance x r)``
(rounded half up), and ``payment = principal + interest + fee`` in every row. The last row
takes whatever principal is left, so the principal parts add up exactly to the principal
and the balance ends at 0.00; rounding differences land in that last row.

Methods:
- 等额本息 ``equal_payment``: ``A = fen(P r (1+r)^n / ((1+r)^n - 1))`` (``fen(P/n)`` when r = 0),
  principal part ``A - interest``.
  Example: 1,000,000 at 4.9 % over 360 months -> A = 5,307.27.
- 等额本金 ``equal_principal``: principal part ``fen(P/n)``, interest on the falling balance.
  Example: 1,000,000 at 4.9 % over 360 months -> first payment 2,777.78 + 4,083.33 = 6,861.11.
- 先息后本 ``interest_only``: interest every month, the principal with the last payment.
- 一次性还本付息 ``bullet``: simple interest ``fen(P x annual_rate / 100 / 12 x n)`` and the
  principal, both paid at the end.
- 每期手续费 ``flat_fee``: principal part ``fen(P/n)`` plus a fee of ``fen(P x monthly_fee_rate
  / 100)`` every month, on the original principal (how card instalments are priced).
  Example: 12,000 over 12 months at 0.6 % -> 1,000.00 + 72.00 = 1,072.00 a month; apr 13.03 %.

An optional ``upfront_fee`` is taken out at disbursement, so the borrower receives
``P - upfront_fee`` but repays on P; the APR is the IRR of those actual cash flows (see
`calculators.rates`).

Rounding: the bank convention, and when it breaks. Bank schedules print one regular amount
rounded to the fen and let the last row take what is left (so the 1,000,000 example's last
payment is 5,305.19). That amount is off the exact one by up to half a fen, and the error
grows with interest on interest, by ``((1+r)^n - 1) / r``: at 36 % over 600 months the
rounded payment 3,000.00 equals the first month's interest, 599 rows repay nothing and the
last one is 103,000.00. So every schedule is held to a shape a borrower can check:

- every row repays at least 0.01 of principal (先息后本 and 一次性还本付息 excepted), and
- the level amount (the payment in 等额本息, the principal part in 等额本金 and 每期手续费)
  of any row, the last included, differs from the first row's by at most 0.01 x n yuan:
  one fen a month, as if each month's rounding added up without compounding.

When the bank-convention schedule breaks that shape, the regular amount is recomputed every
month from the balance still owed and the months still left (re-amortisation: how banks
recompute 月供 after a prepayment or an LPR repricing), rounded half up, never below the
row's interest plus 0.01 and never so large that a later row could not repay 0.01. A
principal below 0.01 x n cannot give every row a fen and is refused (`InputError` on
``months``).
"""

from __future__ import annotations

import datetime as _dt
import enum
import math
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Literal, TypedDict

from calculators import amortize, ics, rates
from calculators.cents import amount, cents, half_up, ratio, text, texts
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, MAX_MONTHS, fmt

TITLE = "还款计划"


class Method(enum.Enum):
    EQUAL_PAYMENT = "equal_payment"
    EQUAL_PRINCIPAL = "equal_principal"
    INTEREST_ONLY = "interest_only"
    BULLET = "bullet"
    FLAT_FEE = "flat_fee"


# The values of Method, as a result carries them (tests/core/test_result_codes.py ties the two).
MethodCode = Literal["equal_payment", "equal_principal", "interest_only", "bullet", "flat_fee"]

METHOD_LABELS: dict[Method, str] = {
    Method.EQUAL_PAYMENT: "等额本息",
    Method.EQUAL_PRINCIPAL: "等额本金",
    Method.INTEREST_ONLY: "先息后本",
    Method.BULLET: "一次性还本付息",
    Method.FLAT_FEE: "每期按本金收手续费",
}

# The loan's inputs; `calculators.apr` asks for the same ones with its own defaults and help.
PRINCIPAL = Field(
    "principal",
    "借款本金",
    Kind.MONEY,
    "50000",
    unit="元",
    minimum=Decimal(0),
    exclusive_minimum=True,
    help="合同上写的借款金额，例如 50000 或 5万。",
)
MONTHLY_FEE_RATE = Field(
    "monthly_fee_rate",
    "每期手续费率",
    Kind.RATE,
    "0.6",
    unit="%",
    minimum=Decimal(0),
    maximum=Decimal(100),
    required=False,
    help="只在“每期按本金收手续费”时使用：0.6 表示每期收本金的 0.6%。",
)
MONTHS = Field(
    "months",
    "还款期数",
    Kind.INTEGER,
    "24",
    unit="月",
    minimum=Decimal(1),
    maximum=Decimal(MAX_MONTHS),
    help="一共还多少个月，1 到 600。",
)
UPFRONT_FEE = Field(
    "upfront_fee",
    "放款时扣掉的费用",
    Kind.MONEY,
    "0",
    unit="元",
    minimum=Decimal(0),
    required=False,
    advanced=True,
    help="放款时直接扣掉的服务费、手续费等；到手的钱变少，但仍按全部本金还款。",
)

FIELDS: tuple[Field, ...] = (
    PRINCIPAL,
    Field(
        "method",
        "还款方式",
        Kind.CHOICE,
        "equal_payment",
        choices=tuple((m.value, METHOD_LABELS[m]) for m in Method),
        help="看合同或还款计划表上的写法；信用卡分期一般是“每期按本金收手续费”。",
    ),
    Field(
        "annual_rate",
        "年利率",
        Kind.RATE,
        "18",
        unit="%",
        minimum=Decimal(0),
        required=False,
        help="合同上的年化利率，填 18 表示 18%。按手续费计价的分期不用填。",
    ),
    MONTHLY_FEE_RATE,
    MONTHS,
    UPFRONT_FEE,
    ics.FIRST_DUE,
)


class RowDict(TypedDict):
    period: int
    payment: str
    principal: str
    interest: str
    fee: str
    balance: str


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings ("5307.27")."""

    method: MethodCode
    principal: str
    months: int
    upfront_fee: str
    net_disbursed: str
    monthly_payment: str  # the first row's payment
    first_payment: str
    last_payment: str
    max_payment: str
    total_payment: str
    interest_sum: str
    fee_sum: str  # row fees + upfront fee
    total_interest: str  # interest_sum + fee_sum = total_payment - net_disbursed
    monthly_irr: str  # %, 4 places
    apr: str  # %, 2 places
    apr_effective: str
    rows: list[RowDict]
    due_dates: list[str]  # ISO, one per row; [] without a first due date (calculators.ics)


@dataclass(frozen=True)
class Row:
    """One month of a schedule; `balance` is the principal still owed after this payment."""

    period: int
    payment: Decimal
    principal: Decimal
    interest: Decimal
    fee: Decimal
    balance: Decimal


def equal_payment_amount(principal: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    """等额本息 payment ``fen(P r (1+r)^n / ((1+r)^n - 1))``, ``r = annual_rate / 1200``.

    Computed exactly with fractions, then rounded half up: the value can be an exact tie
    (P = 2,784,271,500, 0.02 %, 1 month -> 2,784,317,904.525 -> .53) that a rounded
    decimal r would tip the wrong way. ``fen(P/n)`` when r = 0.

    >>> equal_payment_amount(Decimal("1000000"), Decimal("4.9"), 360)
    Decimal('5307.27')
    """
    p, r = Fraction(principal), Fraction(annual_rate) / 1200
    exact = p / months if r == 0 else p * r / (1 - (1 + r) ** -months)
    return amount(math.floor(exact * 100 + Fraction(1, 2)))  # half up; payments are positive


def build_rows(
    method: Method,
    principal: Decimal,
    months: int,
    annual_rate: Decimal = Decimal(0),
    monthly_fee_rate: Decimal = Decimal(0),
) -> list[Row]:
    """The rows of a schedule; rates in % as typed (annual for interest, monthly for fees).

    Raises `InputError` on ``months`` when the principal is below 0.01 x months (a level
    schedule could not repay a fen every month).

    >>> rows = build_rows(Method.FLAT_FEE, Decimal(1200), 2, monthly_fee_rate=Decimal(1))
    >>> [row.payment for row in rows]
    [Decimal('612.00'), Decimal('612.00')]
    """
    return [
        Row(k, amount(pay), amount(part), amount(interest), amount(fee), amount(balance))
        for k, pay, part, interest, fee, balance in cents_rows(
            method, principal, months, annual_rate, monthly_fee_rate
        )
    ]


def cents_rows(
    method: Method,
    principal: Decimal,
    months: int,
    annual_rate: Decimal = Decimal(0),
    monthly_fee_rate: Decimal = Decimal(0),
) -> list[amortize.Cents]:
    """`build_rows` in whole fen (`calculators.amortize`: the same numbers, in integers)."""
    whole = cents(principal)
    # The monthly rate annual_rate / 1200, as an exact fraction.
    rate_n, rate_d = ratio(annual_rate)
    rate_d *= 1200
    if method is Method.FLAT_FEE:
        fee_n, fee_d = ratio(monthly_fee_rate)
        fee = half_up(whole * fee_n, fee_d * 100)
        rate_n = 0
    else:
        fee = 0
    if method is Method.BULLET:
        # Multiplied before dividing, so an exact half fen is not lost to a repeating 1/12.
        interest = half_up(whole * rate_n * months, rate_d)
        rows = [(k, 0, 0, 0, 0, whole) for k in range(1, months)]
        rows.append((months, whole + interest, whole, interest, 0, 0))
        return rows
    if method is not Method.INTEREST_ONLY and whole < months:
        raise InputError(
            "months",
            f"本金 {fmt(principal)} 元分成 {months} 期，每期连 1 分钱本金也分不到，"
            "请减少期数或检查本金。",
        )
    return amortize.rows(method.value, whole, months, rate_n, rate_d, fee)


def calculate(
    principal: Decimal,
    method: str,
    annual_rate: Decimal | None,
    monthly_fee_rate: Decimal | None,
    months: int,
    upfront_fee: Decimal | None,
    first_due: _dt.date | None = None,
    *,
    with_rows: bool = True,
) -> Result:
    """The schedule and its key figures (`Result`); see the module docstring for the formulas.

    `with_rows=False` (`calculate_key`) leaves "rows" and "due_dates" empty (the first due
    date still checked) and everything else as it is.
    """
    m = Method(method)
    upfront = upfront_fee if upfront_fee is not None else Decimal("0.00")
    if m is Method.FLAT_FEE:
        if monthly_fee_rate is None:
            raise InputError("monthly_fee_rate", "请填写每期手续费率，例如 0.6。")
        rows = cents_rows(m, principal, months, monthly_fee_rate=monthly_fee_rate)
    else:
        if annual_rate is None:
            raise InputError("annual_rate", "请填写年利率，例如 18。")
        rows = cents_rows(m, principal, months, annual_rate=annual_rate)
    if upfront >= principal:
        raise InputError("upfront_fee", "放款时扣掉的费用要小于借款本金。")
    with localcontext(CONTEXT):
        net = principal - upfront
    payments = [row[1] for row in rows]
    interest_sum = sum(row[3] for row in rows)
    fee_sum = sum(row[4] for row in rows) + cents(upfront)
    figures = rates.apr_figures_fen(cents(net), payments, "principal")
    listed: list[RowDict] = []
    if with_rows:
        cells = iter(texts([value for row in rows for value in row[1:]]))
        listed = [
            {
                "period": row[0],
                "payment": pay,
                "principal": part,
                "interest": interest,
                "fee": fee,
                "balance": balance,
            }
            for row, (pay, part, interest, fee, balance) in zip(
                rows, zip(cells, cells, cells, cells, cells, strict=False), strict=True
            )
        ]
    return {
        "method": m.value,
        "principal": fmt(principal),
        "months": months,
        "upfront_fee": fmt(upfront),
        "net_disbursed": fmt(net),
        "monthly_payment": text(payments[0]),
        "first_payment": text(payments[0]),
        "last_payment": text(payments[-1]),
        "max_payment": text(max(payments)),
        "total_payment": text(sum(payments)),
        "interest_sum": text(interest_sum),
        "fee_sum": text(fee_sum),
        "total_interest": text(interest_sum + fee_sum),
        "monthly_irr": figures["monthly_irr"],
        "apr": figures["apr"],
        "apr_effective": figures["apr_effective"],
        "rows": listed,
        "due_dates": ics.checked_due_dates(first_due, months, with_rows),
    }


def calculate_key(**fields: Any) -> Result:
    """`calculate` without its rows and due dates (empty): the key figures alone, for the
    browser's first answer to a change (`calculators.run(..., key=True)`, web.render part
    "key"); formatting 360 rows is most of the work after the arithmetic."""
    return calculate(**fields, with_rows=False)
