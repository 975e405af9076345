"""The real yearly rate of a loan (真实年化利率), as 中国人民银行公告〔2021〕第3号 defines it.

The loan is described the way an app shows it, in one of two modes (`mode`):
- ``payment``: the same amount is repaid every month (`payment`); `monthly_fee_rate` is ignored.
- ``fee``: every month repays ``P / n`` of the principal plus a fee of ``P x monthly_fee_rate``
  (the principal parts rounded to the fen, the last one taking the remainder); `payment`
  is ignored.
A caller who leaves `mode` out gets the mode of the one amount given (`prepare`): giving only
`monthly_fee_rate` means ``fee``. Naming a mode whose amount was not given, while the other
one was, is an `InputError` rather than a quiet answer from the default amount.
An optional `upfront_fee` is taken out at disbursement.

Cash flows: ``+(P - upfront_fee)`` at month 0, ``-payment_k`` in months 1..n. The monthly IRR
r solves ``sum cf_t / (1+r)^t = 0``; ``apr = 12 r`` and ``apr_effective = (1+r)^12 - 1``.

Worked example, the notice's own: P = 100,000, upfront_fee = 1,000, 12 x 8,833.30
-> monthly_irr 1.0670 %, apr 12.80 %, apr_effective 13.58 %, total_cost 6,999.60.

`naive_rate` is the figure sellers like to quote: the fee rate x 12 in ``fee`` mode, or the
total cost / principal per year in ``payment`` mode. It understates the cost because the
principal is repaid month by month while fees are charged on all of it.

`flags` compare `apr` with three reference lines (see `calculators.rates.flags`): they
suggest a closer look, never a verdict on legality.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal, localcontext
from typing import Literal, TypedDict

from calculators import rates, schedule
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt

TITLE = "真实年化利率"

FIELDS: tuple[Field, ...] = (
    replace(schedule.PRINCIPAL, default="12000", help="合同上写的借款金额（不扣任何费用之前）。"),
    replace(schedule.MONTHS, default="12"),
    Field(
        "mode",
        "已知的是",
        Kind.CHOICE,
        "payment",
        choices=(("payment", "每月还款额"), ("fee", "每期手续费率")),
        help="知道每月还多少就选“每月还款额”；分期页面只写了手续费率就选“每期手续费率”。",
    ),
    Field(
        "payment",
        "每月还款额",
        Kind.MONEY,
        "1072",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        required=False,
        help="每个月固定还的钱，包括本金、利息和各种费用。",
    ),
    replace(schedule.MONTHLY_FEE_RATE, help="0.6 表示每期按全部本金收 0.6% 的手续费。"),
    replace(
        schedule.UPFRONT_FEE,
        advanced=False,
        help="放款时直接扣掉的服务费、手续费、“砍头息”等；没有就填 0。",
    ),
    Field(
        "contract_date",
        "合同日期",
        Kind.DATE,
        "",
        required=False,
        advanced=True,
        help="用来查当时的一年期 LPR；不填就按最新一期。格式如 2024-03-15。",
    ),
)


# How the loan is described: by its monthly payment, or by its fee rate per period.
Mode = Literal["payment", "fee"]


class Result(TypedDict):
    """What `calculate` returns: amounts as Decimal-exact strings, rates in %."""

    mode: Mode
    principal: str
    months: int
    payment: str  # the first month's
    last_payment: str
    net_disbursed: str
    total_payment: str
    total_cost: str  # total_payment - net_disbursed
    monthly_irr: str  # 4 places
    apr: str
    apr_effective: str
    naive_rate: str  # the fee rate x 12, or the cost / principal per year
    flags: list[rates.Flag]
    lpr: rates.LprInfo | None  # null when the contract predates the reformed LPR
    contract_date: str | None  # ISO, as typed; null when left out


_AMOUNT_OF_MODE = {"payment": "payment", "fee": "monthly_fee_rate"}


def prepare(raw: Mapping[str, str]) -> dict[str, str]:
    """Fill in `mode` from the amount the caller gave, before the fields are parsed.

    >>> prepare({"principal": "10000", "monthly_fee_rate": "0.6"})["mode"]
    'fee'
    """
    inputs = dict(raw)
    given = {
        mode
        for mode, name in _AMOUNT_OF_MODE.items()
        if isinstance(inputs.get(name), str) and inputs[name].strip()
    }
    mode = inputs.get("mode")
    if not isinstance(mode, str) or not mode.strip():
        if len(given) == 2:
            raise InputError("mode", "每月还款额和每期手续费率都填了，请在“已知的是”里选用哪一个。")
        inputs["mode"] = given.pop() if given else "payment"
        return inputs
    chosen = {"每月还款额": "payment", "每期手续费率": "fee"}.get(mode.strip(), mode.strip())
    if chosen in _AMOUNT_OF_MODE and given == set(_AMOUNT_OF_MODE) - {chosen}:
        other = _AMOUNT_OF_MODE[chosen]
        label = "每月还款额" if chosen == "payment" else "每期手续费率"
        raise InputError(
            other,
            f"“已知的是”选了{label}，但没有填{label}，填的是另一项；"
            "请填上它，或者把“已知的是”改过来。",
        )
    return inputs


_EARLIEST = dt.date(1990, 1, 1)
_LATEST = dt.date(2100, 12, 31)


def calculate(
    principal: Decimal,
    months: int,
    mode: str,
    payment: Decimal | None,
    monthly_fee_rate: Decimal | None,
    upfront_fee: Decimal | None,
    contract_date: dt.date | None,
) -> Result:
    """APR of a loan (`Result`); see the module docstring."""
    upfront = upfront_fee if upfront_fee is not None else Decimal("0.00")
    if upfront >= principal:
        raise InputError("upfront_fee", "放款时扣掉的费用要小于借款本金。")
    if contract_date is not None and not _EARLIEST <= contract_date <= _LATEST:
        raise InputError("contract_date", "合同日期请填 1990 年到 2100 年之间的日期。")
    with localcontext(CONTEXT):
        if mode == "fee":
            if monthly_fee_rate is None:
                raise InputError("monthly_fee_rate", "请填写每期手续费率，例如 0.6。")
            rows = schedule.build_rows(
                schedule.Method.FLAT_FEE, principal, months, monthly_fee_rate=monthly_fee_rate
            )
            payments = [row.payment for row in rows]
            naive = monthly_fee_rate * 12
        else:
            if payment is None:
                raise InputError("payment", "请填写每月还款额，例如 1072。")
            payments = [payment] * months
            naive = Decimal(0)  # set below, once the total is known
        net = principal - upfront
        total_payment = sum(payments, Decimal("0.00"))
        total_cost = total_payment - net
        if total_cost < 0:
            # A negative rate here means a typo, not a loan that pays the borrower.
            raise InputError(
                "payment",
                f"{months} 期一共只还 {fmt(total_payment)} 元，比到手的 {fmt(net)} 元还少，"
                "这样的借款没有成本可算；请检查每月还款额、期数和放款时扣掉的费用。",
            )
        if mode != "fee":
            naive = total_cost / principal / months * 12 * 100
        field = "monthly_fee_rate" if mode == "fee" else "payment"
        figures = rates.apr_figures(net, payments, field)
        # Compare the figure the person sees, so "24.00" is never called "above 24 %".
        flags, lpr_info = rates.flags(Decimal(figures["apr"]), contract_date)
        return {
            "mode": "fee" if mode == "fee" else "payment",
            "principal": fmt(principal),
            "months": months,
            "payment": fmt(payments[0]),
            "last_payment": fmt(payments[-1]),
            "net_disbursed": fmt(net),
            "total_payment": fmt(total_payment),
            "total_cost": fmt(total_cost),
            "monthly_irr": figures["monthly_irr"],
            "apr": figures["apr"],
            "apr_effective": figures["apr_effective"],
            "naive_rate": fmt(naive),
            "flags": flags,
            "lpr": lpr_info,
            "contract_date": contract_date.isoformat() if contract_date is not None else None,
        }
