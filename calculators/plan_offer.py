"""One creditor's part of the plan (calculators/plan.py): what to offer, for how long, what
that assumes, and what a term the creditor could accept requires.

For a debt of the case and its ``share`` of the monthly capacity:

- ``amount``: what to offer each month: the reader's own ``asks.amount`` when given, else
  the share.
- The asks: 停息 for every overdue debt unless the reader unticked it (``asks.stop_interest``),
  and for a debt not overdue when its known rate would add more than a fifth to the time or
  the amount does not cover the interest; 减免罚息 for every overdue debt unless unticked.
- ``clear_months``, months to clear the balance at ``amount``, and its ``basis``:
  "stop_interest" (asked: ``ceil(balance / amount)``), "rate" (at the known rate,
  `negotiate.months_at_capacity`; None when never or past 600) or "no_rate" (no rate known:
  ``ceil(balance / amount)``, which assumes nothing more is charged).
- ``months``, what to propose: the reader's ``asks.months`` or ``clear_months``, never more
  than ``MAX_TERM`` (60: a card's 个性化分期 may run at most 5 years, 《商业银行信用卡业务监督
  管理办法》第七十条; for other lenders there is no such rule, and the site proposes no longer).
- ``term``: what that longest term requires: ``needed = base / 60`` rounded up to the fen,
  where ``base`` is the principal when known, else the balance; ``reachable`` when the
  amount is at least that.
- ``gap``: what ``months`` payments of ``amount`` leave unpaid (at the rate when that is the
  basis, `remaining`), when above 0; then ``instead`` lists what to ask for instead of a
  longer plan: "waive" the gap, "first" (pay this creditor first: the whole capacity covers
  ``needed``), "lump" (a lump sum later), and "longer" (a longer term: not for a card).
- ``malicious``: a card more than 90 days overdue whose principal is 50,000 or more ("over"),
  or whose principal is not given and balance is ("maybe"): the plan points to the guide on
  恶意透支 (法释〔2018〕19号), calmly.

Example: a card of 28,000 with 600 a month, 停息: clear_months 47, months 47, needed 466.67.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal, localcontext
from typing import Any, Literal, TypedDict

from calculators.money import CONTEXT, FEN, fmt
from calculators.negotiate import months_at_capacity

MAX_TERM = 60
MALICIOUS_PRINCIPAL = Decimal(50_000)  # 法释〔2018〕19号第八条: 数额较大 from 5 万元以上
MALICIOUS_DAYS = 90  # more than three months overdue
SLOW = Decimal("1.2")  # interest adding more than a fifth to the time: ask 停息

Basis = Literal["stop_interest", "rate", "no_rate"]
Instead = Literal["waive", "first", "lump", "longer"]
Malicious = Literal["", "over", "maybe"]

# Letters that fit every debt, and those for a card or a debt sold on only: calculator names.
LETTERS_ALL = (
    "letter_negotiate",
    "letter_third_party",
    "letter_breakdown",
    "letter_hardship",
    "letter_internal_complaint",
    "letter_complaint",
    "letter_dispute",
    "letter_settlement",
    "letter_enforcement_settlement",
    "letter_defence",
)
LETTERS_CARD = ("letter_installment", "letter_written")
LETTERS_SOLD = ("letter_transfer",)


class Term(TypedDict):
    max_months: int
    base: str  # principal if known, else the balance
    base_is_principal: bool
    needed: str  # base / max_months, rounded up to the fen
    reachable: bool


class Offer(TypedDict):
    id: str
    name: str
    kind: str
    status: str
    balance: str
    principal: str | None
    annual_rate: str | None
    minimum: str | None
    overdue_days: int | None
    share: str
    percent: str
    amount: str
    amount_chosen: bool
    ask_stop_interest: bool
    ask_waive_penalty: bool
    basis: Basis
    clear_months: int | None
    months: int | None
    months_cut: bool  # the reader asked for more than MAX_TERM months
    gap: str | None
    term: Term
    instead: list[Instead]
    below_minimum: bool
    malicious: Malicious
    letters: list[str]
    contacts: int
    last_contact: str | None


def ceil_fen(value: Decimal) -> Decimal:
    with localcontext(CONTEXT):
        return value.quantize(FEN, rounding=ROUND_CEILING)


def _ceil_div(a: Decimal, b: Decimal) -> int:
    with localcontext(CONTEXT):
        return int((a / b).to_integral_value(rounding=ROUND_CEILING))


def remaining(balance: Decimal, annual_rate: Decimal, amount: Decimal, months: int) -> Decimal:
    """What is left after `months` payments of `amount` at `annual_rate` % a year (monthly
    interest on the balance first), to the fen, at least 0:
    ``B (1 + r)^n - A ((1 + r)^n - 1) / r``, ``B - A n`` when r = 0."""
    with localcontext(CONTEXT):
        r = annual_rate / 100 / 12
        if r == 0:
            left = balance - amount * months
        else:
            grown = (1 + r) ** months
            left = balance * grown - amount * (grown - 1) / r
        return max(ceil_fen(left), Decimal(0))


def _money(value: str) -> Decimal | None:
    return Decimal(value) if value else None


def offer(
    debt: dict[str, Any],
    share: Decimal,
    percent: Decimal,
    capacity: Decimal,
    contacts: list[dict[str, Any]],
) -> Offer:
    """This debt's part of the plan (see the module docstring)."""
    with localcontext(CONTEXT):
        balance = Decimal(debt["balance"])
        principal = _money(debt["principal"])
        rate = _money(debt["rate"])
        minimum = _money(debt["monthly_due"])
        days = int(debt["overdue_days"]) if debt["overdue_days"] else None
        asks = debt["asks"]
        chosen = _money(asks["amount"])
        amount = chosen if chosen is not None else share
        overdue = bool(days)
        slow = False
        if rate is not None and rate > 0 and amount > 0:
            charged = months_at_capacity(balance, rate, amount)
            slow = (
                charged is None or charged > MAX_TERM or charged > _ceil_div(balance, amount) * SLOW
            )
        stop = bool(asks["stop_interest"]) and (overdue or slow)
        basis: Basis = "stop_interest" if stop else ("rate" if rate is not None else "no_rate")
        clear: int | None = None
        if amount > 0:
            if basis == "rate":
                assert rate is not None
                clear = months_at_capacity(balance, rate, amount)
            else:
                clear = _ceil_div(balance, amount)
        wanted = int(asks["months"]) if asks["months"] else None
        months: int | None = None
        if amount > 0:
            proposed = wanted if wanted is not None else (clear if clear is not None else MAX_TERM)
            months = min(proposed, MAX_TERM)
        gap = None
        if months is not None:
            left = remaining(
                balance, rate if basis == "rate" and rate else Decimal(0), amount, months
            )
            gap = left if left > 0 else None
        base = principal if principal is not None else balance
        needed = ceil_fen(base / MAX_TERM)
        instead: list[Instead] = []
        if gap is not None:
            instead = ["waive"]
            if capacity >= needed and amount < needed:
                instead.append("first")
            instead.append("lump")
            if debt["kind"] != "card":
                instead.append("longer")
        malicious: Malicious = ""
        if debt["kind"] == "card" and days is not None and days > MALICIOUS_DAYS:
            if principal is not None and principal >= MALICIOUS_PRINCIPAL:
                malicious = "over"
            elif principal is None and balance >= MALICIOUS_PRINCIPAL:
                malicious = "maybe"
        mine = [c for c in contacts if c["debt"] in (debt["id"], "all")]
        return {
            "id": debt["id"],
            "name": debt["creditor"],
            "kind": debt["kind"],
            "status": debt["status"],
            "balance": fmt(balance),
            "principal": fmt(principal) if principal is not None else None,
            "annual_rate": debt["rate"] or None,
            "minimum": fmt(minimum) if minimum is not None else None,
            "overdue_days": days,
            "share": fmt(share),
            "percent": fmt(percent),
            "amount": fmt(amount),
            "amount_chosen": chosen is not None,
            "ask_stop_interest": stop,
            "ask_waive_penalty": bool(asks["waive_penalty"]) and overdue,
            "basis": basis,
            "clear_months": clear,
            "months": months,
            "months_cut": wanted is not None and wanted > MAX_TERM,
            "gap": fmt(gap) if gap is not None else None,
            "term": {
                "max_months": MAX_TERM,
                "base": fmt(base),
                "base_is_principal": principal is not None,
                "needed": fmt(needed),
                "reachable": amount >= needed,
            },
            "instead": instead,
            "below_minimum": minimum is not None and amount < minimum,
            "malicious": malicious,
            "letters": letters_for(debt),
            "contacts": sum(1 for c in mine if c["debt"] == debt["id"]),
            "last_contact": max((c["date"] for c in mine if c["debt"] == debt["id"]), default=None),
        }


def letters_for(debt: dict[str, Any]) -> list[str]:
    """The letters that fit this debt, the most used first: a card's 个性化分期 and 书面协议,
    债权转让核实 when it was sold on, and the rest for every debt."""
    found = ["letter_negotiate"]
    if debt["kind"] == "card":
        found += LETTERS_CARD
    if debt["sold"]:
        found += LETTERS_SOLD
    return found + [name for name in LETTERS_ALL if name not in found]
