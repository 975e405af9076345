"""An agreement record's JSON form (calculators/agreement.py), for the case file: written by
`to_data`, read back strictly by `from_data` (`dumps` / `loads` for text).

    {"version": 1, "debt_id": "card-1", "kind": "instalment", "agreed_on": "2026-12-08",
     "total": "30000.00", "schedule": [{"due": "2027-01-15", "amount": "500.00"}, ...],
     "breach": "…", "grace_days": 3, "confirmed": "app",
     "payments": [{"on": "2027-01-14", "amount": "500.00", "serial": "", "channel": "app"}]}

Amounts are the strings `money.fmt` writes ("500.00"), dates ISO, ``grace_days`` an integer
or null. Reading is strict, and every key is required: an unknown or missing key, a number
where a string belongs, "5e2" or "500" for an amount, ``true`` for a version, all refused
with one sentence (`InputError` on "agreement"); then the record's own checks
(`agreement.check`) run, so a file can never hold a schedule that does not add up.

>>> import datetime as _dt
>>> from decimal import Decimal
>>> from calculators.agreement import new
>>> a = new("card-1", "freeze", _dt.date(2026, 12, 8), _dt.date(2027, 1, 15), 2, Decimal("900"))
>>> loads(dumps(a)) == a
True
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from calculators import jsontext
from calculators.agreement import (
    MAX_PAYMENTS,
    MAX_PERIODS,
    VERSION,
    Agreement,
    Instalment,
    Payment,
    check,
)
from calculators.errors import InputError
from calculators.money import fmt

MAX_RECORD = 400_000  # characters of a record's JSON text
_AMOUNT = re.compile(r"[0-9]{1,11}\.[0-9]{2}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_BAD_FILE = "协议记录的格式不对，可能不是本站保存的，或者被改过。"


def _field(data: Mapping[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    if type(value) is not kind:
        raise InputError("agreement", _BAD_FILE)
    return value


def _amount_of(text: Any) -> Decimal:
    if not isinstance(text, str) or not _AMOUNT.fullmatch(text):
        raise InputError("agreement", _BAD_FILE)
    return Decimal(text)


def _date_of(text: Any) -> _dt.date:
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        raise InputError("agreement", _BAD_FILE)
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise InputError("agreement", _BAD_FILE) from None


def _only(data: Any, keys: set[str]) -> Mapping[str, Any]:
    if not isinstance(data, dict) or set(data) != keys:
        raise InputError("agreement", _BAD_FILE)
    return data


def to_data(record: Agreement) -> dict[str, Any]:
    """The record as JSON-ready data (the case file keeps it as it is)."""
    return {
        "version": VERSION,
        "debt_id": record.debt_id,
        "kind": record.kind,
        "agreed_on": record.agreed_on.isoformat(),
        "total": fmt(record.total),
        "schedule": [{"due": i.due.isoformat(), "amount": fmt(i.amount)} for i in record.schedule],
        "breach": record.breach,
        "grace_days": record.grace_days,
        "confirmed": record.confirmed,
        "payments": [
            {
                "on": p.on.isoformat(),
                "amount": fmt(p.amount),
                "serial": p.serial,
                "channel": p.channel,
            }
            for p in record.payments
        ],
    }


_KEYS = {"version", "debt_id", "kind", "agreed_on", "total", "schedule", "breach"}
_KEYS |= {"grace_days", "confirmed", "payments"}


def from_data(data: Any) -> Agreement:
    """A record from `to_data`'s form, read strictly and checked; InputError otherwise."""
    data = _only(data, _KEYS)
    if _field(data, "version", int) != VERSION:
        raise InputError("agreement", "这份协议记录来自另一个版本的本站，格式不同。")
    grace = data["grace_days"]
    if grace is not None and type(grace) is not int:
        raise InputError("agreement", _BAD_FILE)
    rows = _field(data, "schedule", list)
    payments = _field(data, "payments", list)
    if len(rows) > MAX_PERIODS or len(payments) > MAX_PAYMENTS:
        raise InputError("agreement", _BAD_FILE)
    schedule = []
    for n, row in enumerate(rows, 1):
        row = _only(row, {"due", "amount"})
        schedule.append(Instalment(n, _date_of(row["due"]), _amount_of(row["amount"])))
    paid = []
    for item in payments:
        item = _only(item, {"on", "amount", "serial", "channel"})
        serial, channel = _field(item, "serial", str), _field(item, "channel", str)
        paid.append(Payment(_date_of(item["on"]), _amount_of(item["amount"]), serial, channel))
    if not schedule:
        raise InputError("agreement", _BAD_FILE)
    record = Agreement(
        debt_id=_field(data, "debt_id", str),
        kind=_field(data, "kind", str),
        agreed_on=_date_of(data["agreed_on"]),
        total=_amount_of(data["total"]),
        schedule=tuple(schedule),
        breach=_field(data, "breach", str),
        grace_days=grace,
        confirmed=_field(data, "confirmed", str),
        payments=tuple(paid),
    )
    check(record)
    return record


def dumps(record: Agreement) -> str:
    return json.dumps(to_data(record), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Agreement:
    """A record from JSON text (size and nesting checked before parsing)."""
    try:
        data = jsontext.load(text, max_chars=MAX_RECORD, max_depth=3)
    except jsontext.Refused:
        raise InputError("agreement", _BAD_FILE) from None
    return from_data(data)
