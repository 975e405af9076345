"""Version 1 of the reader's saved data (the flat workbook), read and migrated to the case.

Version 1 kept one bag of values under the boxes' keys, written by whichever page the reader
last touched:

    {"format": "yuqi-xieshang/workbook", "version": 1,
     "values": {"debts": "信用卡,银行信用卡,3000,18,150,", "income": "8000", "account": "1234",
                "contact_log": "2026-05-06 09:15,对方打来,电话,...", ...},
     "checks": {"list-debts": true}}

`load` reads any version: a version-2 or 3 case with `calculators.case.validate`, a version-1
file by its shape (as strict as before: no key twice, nothing unknown, strings only), then
`migrate`, then the same validation. Nothing the reader kept is lost, and nothing lands
where it does not belong:

- ``debts`` (the debt list's lines, read by the same parser as every debt list) become debts
  with ids d1, d2, ... in the order typed; ``contact_log`` becomes contacts about "all" debts;
- ``income``, ``essential_expenses``, ``person_name``, ``id_tail``, ``phone`` and ``reason``
  go to the budget and the person; ``capacity`` to the budget when it is not simply income
  minus essential expenses;
- ``account`` was one value for every letter (the cause of a card's digits in another
  creditor's letter): it goes to the debt only when there is exactly one; otherwise, and for
  ``debt_payments`` (the budget's 现在每月应还 on one page, 其他欠款每月要还 on another), it is
  written into the case's notes in words, for the reader to put where it belongs.

>>> text = ('{"format": "yuqi-xieshang/workbook", "version": 1, '
...         '"values": {"debts": "网贷甲,网络小贷,8000,,,45", "account": "1234"}}')
>>> load(text)["debts"][0]["account_tail"]
'1234'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from calculators import case, contacts, jsontext
from calculators.debts import parse_debts
from calculators.errors import InputError
from calculators.money import fmt

V1_FORMAT = "yuqi-xieshang/workbook"
V1_KEYS = frozenset(
    {
        "capacity",
        "debts",
        "income",
        "essential_expenses",
        "debt_payments",
        "person_name",
        "id_tail",
        "account",
        "phone",
        "reason",
        "contact_log",
    }
)
FIELD = "file"  # the InputError field of a file that cannot be imported
V1_DEPTH = 2  # {"values": {...}}: an object of objects of strings
_CHECK_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
# How the page that saved a value reads it (value, calculator) -> text (the Traditional
# edition's pages saved what they showed: 銀行信用卡, 8萬).
Reader = Callable[[str, str], str]


def _bad(reason: str) -> InputError:
    return InputError(FIELD, f"这个文件不能导入：{reason}这台设备上原来的数据没有改动。")


def load(text: str, read: Reader | None = None) -> case.Case:
    """The case in `text`, version 1, 2 or 3, checked and migrated to 3; InputError(FIELD, ...) with
    the reason when it cannot be used."""
    try:
        data: Any = jsontext.load(text, max_chars=case.MAX_FILE, max_depth=case.MAX_DEPTH)
    except jsontext.Refused as refused:
        raise _bad(case._UNREADABLE[refused.reason]) from None
    leaf = (lambda value: read(value, "plan")) if read is not None else None
    try:
        if isinstance(data, dict) and data.get("format") == V1_FORMAT:
            if not jsontext.nesting_within(text.removeprefix(jsontext.BOM), V1_DEPTH):
                raise _bad(case._UNREADABLE["depth"])
            return case.validate_data(migrate(data, read), leaf)
        return case.validate_data(data, leaf)
    except InputError as err:
        if err.field == FIELD and err.message.startswith("这个文件不能导入"):
            raise
        raise _bad(err.message) from None


def migrate(data: Mapping[str, Any], read: Reader | None = None) -> dict[str, Any]:
    """A version-1 file's object as a version-2 case (not yet validated); InputError when it
    is not a version-1 file the site could have written."""
    version = data.get("version")
    if type(version) is not int or version != 1:
        raise InputError(FIELD, "它来自另一个版本的本站，格式不同。")
    extra = set(data) - {"format", "version", "values", "checks"}
    if extra:
        raise InputError(
            FIELD, f"里面有本站不认识的内容（{'、'.join(sorted(map(str, extra)))[:60]}）。"
        )
    values, checks = data.get("values", {}), data.get("checks", {})
    if not isinstance(values, dict) or not isinstance(checks, dict):
        raise InputError(FIELD, "内容的格式不对。")
    for key, kept in values.items():
        if key not in V1_KEYS:
            raise InputError(FIELD, f"里面有本站不认识的一项（{str(key)[:40]}）。")
        if not isinstance(kept, str):
            raise InputError(FIELD, f"“{key}”的内容格式不对。")

    def value(key: str, calc: str) -> str:
        raw = str(values.get(key, "")).strip()
        return read(raw, calc) if read is not None and raw else raw

    out = case.empty()
    out["checks"] = dict(checks)
    person = out["person"]
    person.update(name=value("person_name", "letter_negotiate"), id_tail=value("id_tail", ""))
    person.update(phone=value("phone", ""), reason=value("reason", ""))
    budget = out["budget"]
    budget.update(income=value("income", "budget"))
    budget.update(essential_expenses=value("essential_expenses", "budget"))
    out["debts"] = _part("债务清单", _debts, value("debts", "allocate"))
    notes: list[str] = []
    capacity = value("capacity", "negotiate")
    if capacity and capacity != _difference(budget["income"], budget["essential_expenses"]):
        budget["capacity"] = capacity
    tail = value("account", "")
    if tail and len(out["debts"]) == 1:
        out["debts"][0]["account_tail"] = tail
    elif tail:
        notes.append(
            f"以前保存的卡号或合同号尾号：{tail}。不知道它属于哪一笔，"
            "请填到那一笔的“这一笔的详细信息”里。"
        )
    payments = value("debt_payments", "budget")
    if payments:
        notes.append(
            f"以前保存的每月应还：{payments} 元（还款能力计算器里的“现在每月应还”，"
            "或者信里的“其他欠款每月要还”）。如果其中有方案以外、仍在按时还的固定还款"
            "（例如房贷），请填到“其他固定还款”。"
        )
    out["notes"] = "\n".join(notes)
    log = value("contact_log", "contacts")
    out["contacts"] = _part("沟通记录", _contacts, log) if log else []
    return out


def _part(label: str, read_part: Callable[[str], list[dict[str, Any]]], text: str) -> Any:
    """`read_part(text)`, its error naming the part it is about."""
    try:
        return read_part(text)
    except InputError as err:
        raise InputError(FIELD, f"“{label}”这一项有问题：{err.message}") from None


def _difference(income: str, essential: str) -> str | None:
    """income - essential expenses as the plan published it ("3500.00"); None when either is
    blank or not a number the plan could have used."""
    try:
        return fmt(Decimal(income) - Decimal(essential))
    except ArithmeticError:
        return None


def _debts(text: str) -> list[dict[str, Any]]:
    if not text:
        return []
    found = []
    for number, d in enumerate(parse_debts(text, need_rate=False, need_minimum=False), start=1):
        debt = case.blank_debt(f"d{number}")
        debt.update(creditor=d.name, kind=d.kind, balance=fmt(d.balance))
        debt["rate"] = str(d.annual_rate) if d.annual_rate is not None else ""
        debt["monthly_due"] = fmt(d.minimum) if d.minimum is not None else ""
        debt["overdue_days"] = str(d.overdue_days) if d.overdue_days is not None else ""
        found.append(debt)
    return found


def _contacts(log: str) -> list[dict[str, Any]]:
    """The log's lines, read by the contact log's own parser, as the case's entries."""
    recorded = {True: "yes", False: "no", None: ""}
    return [
        {
            "debt": "all",
            "date": c["date"],
            "time": c["time"] or "",
            "direction": c["direction"],
            "channel": c["channel"],
            "who": c["who"],
            "what": c["content"],
            "next": c["next_step"],
            "recorded": recorded[c["recorded"]],
        }
        for c in contacts.calculate(log)["contacts"]
    ]
