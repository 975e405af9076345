"""The agreement page's boxes and the case (issue 27, item 2): 还款协议 opened for a debt of
the reader's case (``debt=``, a creditor's card on the plan) fills its terms and payments from
that debt's current agreement (calculators/case_agreements.py), and "存进我的方案" keeps what
the boxes say as that debt's agreement, replacing the current one (a renegotiated agreement,
kept beside the old one, is left for later). Nothing of another debt is read or written.

Each box names its part with ``saved_as = "debt.agreement.<box>"`` (`KEYS`). The case keeps a
record, not boxes: a box's change is noted on the page's `Scope` (`note`), and `finish` builds
the record once from all the page's boxes, with the same parsing as the page
(`agreement_record.build`: the schedule adds up, no payment after 今天的日期), so the case can
only ever hold what the page shows. The debt's status becomes 已达成 when it was 未联系 or
协商中.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from calculators import case_agreements
from calculators.money import fmt

if TYPE_CHECKING:
    from calculators.casefill import Scope
    from calculators.registry import Calculator

PREFIX = "debt.agreement."
NAMES = (
    "kind",
    "agreed_on",
    "first_due",
    "periods",
    "total",
    "monthly",
    "grace_days",
    "confirmed",
    "breach",
    "payments",
)


def values(record: Any) -> dict[str, str]:
    """The boxes of the agreement page for `record` (an agreement.Agreement)."""
    from calculators.agreement_record import payment_lines

    regular = record.schedule[0].amount if record.periods > 1 else None
    return {
        "kind": record.kind,
        "agreed_on": record.agreed_on.isoformat(),
        "first_due": record.start.isoformat(),
        "periods": str(record.periods),
        "total": fmt(record.total),
        "monthly": fmt(regular) if regular is not None else "",
        "grace_days": str(record.grace_days) if record.grace_days is not None else "",
        "confirmed": record.confirmed,
        "breach": record.breach,
        "payments": payment_lines(record),
    }


def read(scope: Scope, name: str) -> str:
    if scope.debt is None:
        return ""
    record = case_agreements.latest(scope.case, scope.debt["id"])
    return values(record)[name] if record is not None else ""


def note(scope: Scope, name: str) -> None:
    """A box of the agreement changed: `finish` writes the record."""
    if scope.debt is not None:
        scope.noted.add(name)


def finish(scope: Scope, calc: Calculator, inputs: Mapping[str, str]) -> None:
    """Keep the agreement the page's `inputs` describe for the scope's debt, when a box of it
    changed (InputError, naming the box, when they do not make one)."""
    if not scope.noted or scope.debt is None:
        return
    from calculators.agreement_record import build
    from calculators.money import parse_field

    fields = {f.name: f for f in calc.fields}
    parsed: dict[str, Any] = {
        n: parse_field(fields[n], inputs.get(n, fields[n].default)) for n in (*NAMES, "today")
    }
    record = build(
        scope.debt["id"],
        parsed["kind"],
        parsed["agreed_on"],
        parsed["first_due"],
        parsed["periods"],
        parsed["total"],
        parsed["monthly"],
        parsed["grace_days"],
        parsed["confirmed"],
        parsed["breach"],
        inputs.get("payments", ""),
        parsed["today"],
    )
    scope.case[case_agreements.PART] = case_agreements.with_record(scope.case, record)[
        case_agreements.PART
    ]
    if scope.debt["status"] in ("new", "talking"):
        scope.debt["status"] = "agreed"
