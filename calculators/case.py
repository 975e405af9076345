"""The reader's case: one versioned model of their debts, budget, own details, contact log,
checklist and the agreements creditors made, kept on their device only if they choose (the
browser's one localStorage key, or an exported file), and edited on the plan page
(calculators/plan.py reads it whole).

Version 3, as JSON (every key present when the site writes it; a key left out reads as blank):

    {"format": "yuqi-xieshang/case", "version": 3,
     "person": {"name", "id_tail", "phone", "address", "reason"},
     "budget": {"income", "essential_expenses", "other_payments", "capacity"},
     "debts": [{"id", "creditor", "kind", "balance", "principal", "rate", "monthly_due",
                "overdue_days", "account_tail", "first_due", "last_activity", "sold",
                "new_creditor", "notice", "notice_date", "reason", "status",
                "asks": {"stop_interest", "waive_penalty", "months", "amount"}}],
     "contacts": [{"debt", "date", "time", "direction", "channel", "who", "what", "next",
                   "recorded"}],
     "checks": {"list-debts": true, ...},
     "notes": "",
     "agreements": {"<a debt's id>": [<agreement record>, ...]},
     "display": {"bigtext": false}}

A value belongs to what it describes: the reader's name to the person, a card's last digits
to its debt. ``budget.other_payments`` are fixed payments outside the debts listed (a
mortgage kept current); ``budget.capacity`` what the reader means to put towards the listed
debts each month, blank for income - essential expenses - other payments. A debt's ``id`` is
stable (a-z, 0-9; the page makes it when a row is added): letters, links and calendar UIDs
name the debt by it. ``last_activity`` is the last payment or collection, for the three-year
limitation warning; ``notice`` says how the reader heard of a sale ("none": no notice,
"unverified": an SMS or announcement on ``notice_date`` they cannot verify). A contact's
``debt`` is a debt's id or "all".

Values are checked by the same parsing as every input box (`calculators.money.parse_field`
and the letters' checks of names, ID tails, account tails and phone numbers) and kept in
normal form: money "12000.00", a rate as typed without the % ("18.5"), whole numbers, ISO
dates, flags as JSON booleans, choices as codes, text trimmed. So validating a case the
site wrote gives it back unchanged, and a file that fails is refused with the place and a
sentence (`CaseError`: ``path`` "debts.1.balance", the message naming the debt). Reading is
defensive, in the order of `calculators.jsontext`: size, nesting, syntax, then shape (no
unknown key anywhere, limits on counts), then values. Version 1 (the flat workbook) is read
by calculators/case_v1.py and migrated to version 2; version 2 (no agreements) is read as
version 3 with none (`calculators.case_agreements.upgrade_v2`). ``agreements`` holds each
debt's agreement records, the latest last, in calculators/agreement_data.py's form and under
its checks (a schedule adds up to the agreed total to the fen): calculators/case_agreements.py.
``display`` is how the reader wants the site shown on this device (``bigtext``: the 大字
button), kept with the case because the case is the only thing the site keeps; an older file
without it reads as the site's default.

Adding to the model later is either an optional key with a blank default in
`calculators.case_schema` (`DEBT` or a new part: an older file without it still reads, and
`blank_debt` fills it), or, when older files must change, a new VERSION with one more
migration step, bringing each older version forward one step at a time.

>>> c = validate('{"format": "yuqi-xieshang/case", "version": 2, "budget": {"income": "8千"}}')
>>> c["budget"]["income"], c["debts"], c["version"], c["agreements"]
('8000.00', [], 3, {})
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from calculators import case_agreements, jsontext, letters
from calculators.case_schema import (
    _CHECK_ID,
    _CONTACT_LIMITS,
    _ID,
    _LIMITS,
    _TIME,
    ASKS,
    BUDGET,
    CONTACT,
    DEBT,
    DISPLAY,
    FIELD,
    FORMAT,
    MAX_CHECKS,
    MAX_CONTACTS,
    MAX_DEBTS,
    MAX_DEPTH,
    MAX_FILE,
    MAX_NAME,
    MAX_NOTES,
    NOTICES,
    PARTS,
    PERSON,
    RECORDED,
    STATUSES,
    VERSION,
    Case,
    Reader,
    _blank,
    _text,
    blank_debt,
    empty,
)
from calculators.errors import InputError
from calculators.fields import RECORD_SEPARATORS, Field, Kind
from calculators.money import parse_field

__all__ = [
    "ASKS",
    "BUDGET",
    "CONTACT",
    "DEBT",
    "DISPLAY",
    "FIELD",
    "FORMAT",
    "MAX_CONTACTS",
    "MAX_DEBTS",
    "MAX_DEPTH",
    "MAX_FILE",
    "NOTICES",
    "PARTS",
    "PERSON",
    "RECORDED",
    "STATUSES",
    "VERSION",
    "Case",
    "CaseError",
    "blank_debt",
    "empty",
    "to_json",
    "validate",
    "validate_data",
]


class CaseError(InputError):
    """A case that cannot be used: `path` is where ("debts.1.balance"), the message says what
    is wrong in words that name the debt or the part; `field` is always FIELD."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(FIELD, message)
        self.path = path

    def to_dict(self) -> dict[str, str]:
        return {**super().to_dict(), "path": self.path}


def validate(text: str, read: Reader | None = None) -> Case:
    """The version-3 case in `text` (a version-2 one brought forward), checked and in normal
    form; `CaseError` when unusable."""
    try:
        data = jsontext.load(text, max_chars=MAX_FILE, max_depth=MAX_DEPTH)
    except jsontext.Refused as refused:
        raise CaseError("", _UNREADABLE[refused.reason]) from None
    return validate_data(data, read)


_UNREADABLE = {
    "size": "内容太多，不像是本站保存的方案。",
    "depth": "它不是本站保存的方案（读不出内容）。",
    "syntax": "它不是本站保存的方案（读不出内容）。",
    "duplicate": "同一项出现了不止一次，不像是本站保存的方案，可能被改过。",
}


def validate_data(data: object, read: Reader | None = None) -> Case:
    """`validate` for JSON already loaded (the migration's output, say)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CaseError("format", "它不是本站保存的方案。")
    version = data.get("version")
    if type(version) is int and version == case_agreements.FROM_VERSION:
        data = case_agreements.upgrade_v2(data)
        version = VERSION
    if type(version) is not int or version != VERSION:  # true == 1 in Python: not a version
        raise CaseError("version", "它来自另一个版本的本站，格式不同。")
    _known(data, PARTS, "", "方案里")
    case = empty()
    case["person"] = _person(_part(data, "person", dict), read)
    case["budget"] = _values(_part(data, "budget", dict), BUDGET, "budget", "收支里", read)
    debts = _part(data, "debts", list)
    if len(debts) > MAX_DEBTS:
        raise CaseError("debts", f"最多 {MAX_DEBTS} 笔欠款。")
    case["debts"] = [_debt(i, d, read) for i, d in enumerate(debts)]
    _unique(case["debts"])
    contacts = _part(data, "contacts", list)
    if len(contacts) > MAX_CONTACTS:
        raise CaseError("contacts", f"沟通记录最多 {MAX_CONTACTS} 条，请把更早的记录另存一份。")
    ids = {d["id"] for d in case["debts"]}
    case["contacts"] = [_contact(i, c, ids, read) for i, c in enumerate(contacts)]
    case["checks"] = _checks(_part(data, "checks", dict))
    notes = _part(data, "notes", str)
    if len(notes) > MAX_NOTES:
        raise CaseError("notes", f"备注太长了，请写在 {MAX_NOTES} 个字以内。")
    case["notes"] = str(parse_field(_text("notes", "备注"), notes)).strip() if notes else ""
    case["agreements"] = case_agreements.read_part(data.get("agreements", {}), case["debts"])
    case["display"] = _display(_part(data, "display", dict))
    return case


def _display(data: Mapping[str, Any]) -> dict[str, bool]:
    _known(data, DISPLAY, "display", "显示设置里")
    for key, value in data.items():
        if not isinstance(value, bool):
            raise CaseError(f"display.{key}", "显示设置的格式不对。")
    return {key: data.get(key, False) for key in DISPLAY}


def _part(data: Mapping[str, Any], key: str, kind: type) -> Any:
    value = data.get(key, kind())
    if not isinstance(value, kind):
        raise CaseError(key, f"“{key}”这一部分的格式不对。")
    return value


def _known(data: Mapping[str, Any], keys: tuple[str, ...], path: str, where: str) -> None:
    extra = sorted(str(k) for k in data if k not in keys)
    if extra:
        raise CaseError(path, f"{where}有本站不认识的一项（{'、'.join(extra)[:40]}）。")


def _leaf(field: Field, raw: object, path: str, where: str, read: Reader | None) -> object:
    """One value in normal form; a CaseError at `path` naming `where` when it is wrong."""
    if field.kind is Kind.FLAG:
        if not isinstance(raw, bool):
            raise CaseError(path, f"{where}{field.label}只能是“是”或“否”。")
        return raw
    if not isinstance(raw, str):
        raise CaseError(path, f"{where}{field.label}的格式不对。")
    text = read(raw) if read is not None and raw else raw
    if field.kind is Kind.CHOICE:
        codes = {code for code, _ in field.choices}
        if text not in codes:  # codes only: a page writes the option's value
            raise CaseError(path, f"{where}{field.label}不是可选的一项。")
        return text
    try:
        value = parse_field(field, text)
    except InputError as err:
        raise CaseError(path, where + err.message) from None
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if field.kind is Kind.MONEY:
        return f"{value:.2f}"
    if field.kind is Kind.LINES:
        assert isinstance(value, str)
        return letters.cjk_punctuation(" ".join(value.split()))
    return str(value)


def _values(
    data: Mapping[str, Any], fields: tuple[Field, ...], path: str, where: str, read: Reader | None
) -> dict[str, Any]:
    _known(data, tuple(f.name for f in fields), path, where)
    return {
        f.name: _leaf(f, data.get(f.name, _blank(f)), f"{path}.{f.name}", where, read)
        for f in fields
    }


def _person(data: Mapping[str, Any], read: Reader | None) -> dict[str, Any]:
    values = _values(data, PERSON, "person", "", read)
    checked = _letters_check("person", "", values["name"], values["id_tail"], "", values["phone"])
    values.update(name=checked["name"] or "", id_tail=checked["id_tail"] or "")
    values["phone"] = checked["phone"] or ""
    for key in ("address", "reason"):
        values[key] = _line(f"person.{key}", "", PERSON, key, values[key])
    return values


def _line(path: str, where: str, fields: tuple[Field, ...], key: str, text: str) -> str:
    label = next(f.label for f in fields if f.name == key)
    try:
        return letters.one_line(key, label, text, _LIMITS.get(key, letters.LONG)) or ""
    except InputError as err:
        raise CaseError(path, where + err.message) from None


# The letters' own checks of names, ID tails, account tails and phone numbers: the same
# sentences as the letter pages' boxes.
_LETTER_KEYS = {"name": "name", "id_tail": "id_tail", "account": "account_tail", "phone": "phone"}


def _letters_check(
    path: str, where: str, name: str, id_tail: str, account: str, phone: str
) -> letters.Person:
    try:
        return letters.person("", name, id_tail, account, phone, None)
    except InputError as err:
        key = _LETTER_KEYS.get(err.field, err.field)
        raise CaseError(f"{path}.{key}", where + err.message) from None


def _debt(index: int, raw: object, read: Reader | None) -> dict[str, Any]:
    path = f"debts.{index}"
    if not isinstance(raw, dict):
        raise CaseError(path, f"第 {index + 1} 笔欠款的格式不对。")
    name = raw.get("creditor")
    shown = name.strip()[:MAX_NAME] if isinstance(name, str) and name.strip() else ""
    where = f"第 {index + 1} 笔欠款（{shown}）的" if shown else f"第 {index + 1} 笔欠款的"
    _known(raw, (*(f.name for f in DEBT), "asks"), path, where.removesuffix("的") + "里")
    debt = _values({k: v for k, v in raw.items() if k != "asks"}, DEBT, path, where, read)
    asks = raw.get("asks", {})
    if not isinstance(asks, dict):
        raise CaseError(f"{path}.asks", f"{where}打算申请的内容格式不对。")
    debt["asks"] = _values(asks, ASKS, f"{path}.asks", where, read)
    if not _ID.fullmatch(debt["id"]):
        raise CaseError(f"{path}.id", f"{where}编号不对（只能是小写字母和数字）。")
    creditor = debt["creditor"]
    if not creditor:
        raise CaseError(f"{path}.creditor", f"请填写第 {index + 1} 笔欠款的名称。")
    if len(creditor) > MAX_NAME:
        raise CaseError(f"{path}.creditor", f"{where}名称太长了，请不超过 {MAX_NAME} 个字。")
    if RECORD_SEPARATORS.search(creditor):
        raise CaseError(f"{path}.creditor", f"{where}名称里不能有逗号、顿号或分号。")
    if not debt["balance"]:
        raise CaseError(f"{path}.balance", f"请填写{where}欠款余额，例如 12000。")
    if debt["principal"] and Decimal(debt["principal"]) > Decimal(debt["balance"]):
        raise CaseError(f"{path}.principal", f"{where}本金不能比欠款余额还多。")
    checked = _letters_check(path, where, "", "", debt["account_tail"], "")
    debt["account_tail"] = checked["account"] or ""
    for key in ("new_creditor", "reason"):
        debt[key] = _line(f"{path}.{key}", where, DEBT, key, debt[key])
    return debt


def _unique(debts: list[dict[str, Any]]) -> None:
    ids: dict[str, int] = {}
    names: dict[str, int] = {}
    for i, debt in enumerate(debts):
        if debt["id"] in ids:
            raise CaseError(
                f"debts.{i}.id", f"第 {i + 1} 笔欠款的编号和第 {ids[debt['id']] + 1} 笔重复了。"
            )
        if debt["creditor"] in names:
            raise CaseError(
                f"debts.{i}.creditor",
                f"第 {i + 1} 笔欠款的名称和第 {names[debt['creditor']] + 1} 笔重复了，"
                "请换个名称区分。",
            )
        ids[debt["id"]] = names[debt["creditor"]] = i


def _contact(index: int, raw: object, ids: set[str], read: Reader | None) -> dict[str, Any]:
    path = f"contacts.{index}"
    where = f"第 {index + 1} 条沟通记录的"
    if not isinstance(raw, dict):
        raise CaseError(path, f"第 {index + 1} 条沟通记录的格式不对。")
    entry = _values(raw, CONTACT, path, where, read)
    if entry["debt"] != "all" and entry["debt"] not in ids:
        raise CaseError(f"{path}.debt", f"{where}“关于哪一笔”不是方案里的欠款。")
    if entry["time"] and not _TIME.fullmatch(entry["time"]):
        raise CaseError(f"{path}.time", f"{where}时间请写成 21:30（24 小时制）。")
    for field in CONTACT:
        limit = _CONTACT_LIMITS.get(field.name)
        if limit is not None and len(entry[field.name]) > limit:
            raise CaseError(
                f"{path}.{field.name}", f"{where}{field.label}太长了，请写在 {limit} 个字以内。"
            )
    return entry


def _checks(data: Mapping[str, Any]) -> dict[str, bool]:
    if len(data) > MAX_CHECKS:
        raise CaseError("checks", "勾选的步骤太多，不像是本站保存的方案。")
    for key, value in data.items():
        if not _CHECK_ID.fullmatch(key) or not isinstance(value, bool):
            raise CaseError("checks", "步骤清单的格式不对。")
    return dict(data)


def to_json(case: Case) -> str:
    """The case as the site writes it (a file, the browser's key): `validate` reads it back
    to the same case."""
    return json.dumps(case, ensure_ascii=False, indent=1)


def debt(case: Case, debt_id: str) -> dict[str, Any] | None:
    """The debt with this id, or None."""
    return next((d for d in case["debts"] if d["id"] == debt_id), None)
