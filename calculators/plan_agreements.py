"""What each creditor's agreement says on the plan page (issue 27, items 8 to 10): for every
open debt with an agreement in the case (calculators/case_agreements.py, the latest record),
where it stands on ``today`` (calculators/agreement_status.py), with the debt's share of the
current budget as the capacity that decides the renegotiate prompt.

``today`` is the device's date in the browser (the plan's "today" box, Field.device_today);
the prerendered plan is the example, which holds no agreement, so it shows none.

>>> import datetime as _dt
>>> from decimal import Decimal
>>> from calculators import agreement, case as model, plan
>>> from calculators.case_agreements import with_record
>>> data = model.validate(plan.EXAMPLE)
>>> rec = agreement.new("ex1", "instalment", _dt.date(2026, 12, 8), _dt.date(2027, 1, 15), 60,
...     Decimal("30000"), None, "", 3)
>>> rec = agreement.add_payment(rec, _dt.date(2027, 1, 14), Decimal("500"))
>>> found = glances(model.validate_data(with_record(data, rec)), _dt.date(2027, 2, 13), {})
>>> g = found["ex1"]
>>> g["code"], g["days"], g["next_number"], g["next_due"], g["paid_count"], g["periods"]
('ok', 2, 2, '2027-02-15', 1, 60)
>>> g["shortfall_open"]
True
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypedDict

from calculators import case_agreements
from calculators.agreement_status import status
from calculators.money import fmt


class Glance(TypedDict):
    """One debt's agreement on ``today``: agreement_status.Status as plain values."""

    code: str  # agreement_status.STATUSES
    days: int
    next_number: int | None
    next_due: str | None
    next_amount: str | None
    paid_count: int
    periods: int
    paid: str
    left: str
    shortfall_open: bool
    renegotiate: list[str]


def glance(record: Any, today: _dt.date, capacity: Decimal | None) -> Glance:
    now = status(record, today, capacity)
    return {
        "code": now.code,
        "days": now.days,
        "next_number": now.next_number,
        "next_due": now.next_due.isoformat() if now.next_due else None,
        "next_amount": fmt(now.next_amount) if now.next_amount is not None else None,
        "paid_count": now.paid_count,
        "periods": now.periods,
        "paid": fmt(now.paid),
        "left": fmt(now.left),
        "shortfall_open": now.shortfall_open,
        "renegotiate": list(now.renegotiate),
    }


def glances(
    data: Mapping[str, Any], today: _dt.date, shares: Mapping[str, Decimal]
) -> dict[str, Glance]:
    """Each debt's current agreement on `today`, by debt id; `shares`: each debt's monthly
    part of the budget, where the plan has one (the capacity for the renegotiate prompt)."""
    out: dict[str, Glance] = {}
    for debt in data["debts"]:
        record = case_agreements.latest(data, debt["id"])
        if record is not None:
            out[debt["id"]] = glance(record, today, shares.get(debt["id"]))
    return out
