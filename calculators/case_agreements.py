"""The case's ``agreements`` part (version 3 of calculators/case.py): what each creditor agreed
to, kept with the debt it belongs to, and the step that brings a version-2 case forward.

    "agreements": {"d1": [{"version": 1, "debt_id": "d1", "kind": "instalment", ...}]}

Keys are the ids of debts in the same case; each holds that debt's agreement records
(calculators/agreement_data.py's form), the latest last: a renegotiated agreement is added
after the one it replaces, so the payments made under the old one stay on record. At most
`MAX_PER_DEBT` records a debt. A debt with no agreement has no key (an empty list is refused,
so one case has one way of writing "none").

Each record is read by `agreement_data.from_data` and so checked by `agreement.check`: its
schedule adds up to the agreed total to the fen, its payments never exceed it, its dates are
in order. A record that fails is refused with its place (``agreements.d1.0.schedule``) and
the sentence of the rule it breaks, naming the debt:

>>> import datetime as _dt
>>> from decimal import Decimal
>>> from calculators import agreement, agreement_data
>>> rec = agreement_data.to_data(agreement.new(
...     "d1", "freeze", _dt.date(2026, 12, 8), _dt.date(2027, 1, 15), 2, Decimal("900")))
>>> rec["schedule"][1]["amount"] = "450.01"
>>> try:
...     read_part({"d1": [rec]}, [{"id": "d1", "creditor": "招商信用卡"}])
... except Exception as caught:
...     err = caught
>>> err.path
'agreements.d1.0.schedule'
>>> err.message[:18], err.message[-34:]
('第 1 笔欠款（招商信用卡）的协议：', '协议总额是 900.00 元，差 0.01 元：请改到两者一分不差。')

A version-2 case is read as version 3 with no agreements (`upgrade_v2`); version 1 reaches
it through calculators/case_v1.py's migration to version 2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from calculators import agreement_data
from calculators.agreement import Agreement
from calculators.errors import InputError

PART = "agreements"
MAX_PER_DEBT = 5
FROM_VERSION = 2  # the version `upgrade_v2` reads
TO_VERSION = 3


def _error(path: str, message: str) -> InputError:
    from calculators.case import CaseError  # case.py imports this module

    return CaseError(path, message)


def upgrade_v2(data: Mapping[str, Any]) -> dict[str, Any]:
    """A version-2 case's object as version 3 (not yet validated): the same parts, and no
    agreements, which version 2 could not hold."""
    if PART in data:
        raise _error(PART, "这个方案的版本还不能保存协议记录，里面却有协议记录，可能被改过。")
    return {**data, "version": TO_VERSION, PART: {}}


def _where(index: int, creditor: str) -> str:
    named = f"（{creditor}）" if creditor else ""
    return f"第 {index + 1} 笔欠款{named}的协议"


def read_part(raw: object, debts: Sequence[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The part in normal form (each record as `agreement_data.to_data` writes it), checked
    against the case's `debts` (already read); CaseError with the place otherwise."""
    if not isinstance(raw, dict):
        raise _error(PART, "“agreements”这一部分的格式不对。")
    index = {d["id"]: (i, d["creditor"]) for i, d in enumerate(debts)}
    out: dict[str, list[dict[str, Any]]] = {}
    for debt_id, records in raw.items():
        path = f"{PART}.{debt_id}"
        if debt_id not in index:
            raise _error(
                path,
                f"有一份协议记录属于方案里没有的欠款（编号 {str(debt_id)[:16]}）："
                "删掉那一笔欠款时，也要删掉它的协议。",
            )
        where = _where(*index[debt_id])
        if not isinstance(records, list) or not records:
            raise _error(path, f"{where}记录格式不对。")
        if len(records) > MAX_PER_DEBT:
            raise _error(path, f"{where}最多保存 {MAX_PER_DEBT} 份，请把更早的另存一份后删掉。")
        out[debt_id] = [_record(f"{path}.{n}", where, debt_id, r) for n, r in enumerate(records)]
    return {k: out[k] for k in sorted(out, key=lambda k: index[k][0])}


def _record(path: str, where: str, debt_id: str, raw: object) -> dict[str, Any]:
    try:
        record = agreement_data.from_data(raw)
    except InputError as err:
        place = path if err.field == "agreement" else f"{path}.{err.field}"
        raise _error(place, f"{where}：{err.message}") from None
    if record.debt_id != debt_id:
        raise _error(f"{path}.debt_id", f"{where}：记录上写的是另一笔欠款，可能被改过。")
    return agreement_data.to_data(record)


def records(case: Mapping[str, Any], debt_id: str) -> list[Agreement]:
    """The debt's agreements in a validated case, the latest last ([] when none)."""
    return [agreement_data.from_data(r) for r in case.get(PART, {}).get(debt_id, [])]


def latest(case: Mapping[str, Any], debt_id: str) -> Agreement | None:
    """The debt's current agreement, or None."""
    found = case.get(PART, {}).get(debt_id)
    return agreement_data.from_data(found[-1]) if found else None


def with_record(case: Mapping[str, Any], record: Agreement, renegotiated: bool = False) -> Any:
    """A copy of the case with `record` as its debt's current agreement: in place of the
    latest, or after it when `renegotiated` (the old one kept). The caller validates."""
    kept = dict(case.get(PART, {}))
    before = list(kept.get(record.debt_id, []))
    if before and not renegotiated:
        before.pop()
    kept[record.debt_id] = [*before, agreement_data.to_data(record)]
    return {**case, PART: kept}
