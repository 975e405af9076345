"""What a calculator's boxes read from the reader's case, and what "存进我的方案" writes back.

A box says what it reads with its field's ``saved_as`` key (calculators/fields.py), one of
`KEYS`: a value of the person or the budget ("person.name", "budget.income"), a figure the
plan works out ("capacity", "current_payments"), the whole debt list ("debts") or log
("contacts"), or a value of one debt ("debt.account_tail", "debt.amount"), read from the debt
the page is about (a letter opened from that creditor's card, or chosen in "写给哪一家？")
and from no other. A page about no debt of the case ("其他") gets those boxes blank.

`inputs_for` fills every such box, blank where the case has nothing: a page never shows the
example's figures as if they were the reader's, and a box that needs a value the case lacks
asks for it in place. `changes` compares what the boxes now hold with what the case gives,
each read by its field's own parsing ("8000" and "8000.00" are the same), and says for each
difference whether "存进我的方案" can keep it; `apply` returns the case with those kept,
validated again. Nothing else ever writes the case from another page.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any, TypedDict

from calculators import case as model
from calculators import casefill_agreement, registry
from calculators.debts import parse_debts
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, fmt, parse_field
from calculators.plan import capacity_of, offers
from calculators.plan_offer import Offer


@dataclass
class Scope:
    """The case as one page sees it: the debt it is about (None: none) and the plan."""

    case: model.Case
    debt: dict[str, Any] | None
    offers: list[Offer]
    noted: set[str] = dataclasses.field(
        default_factory=set
    )  # agreement boxes changed (casefill_agreement)

    @property
    def offer(self) -> Offer | None:
        if self.debt is None:
            return None
        return next((o for o in self.offers if o["id"] == self.debt["id"]), None)


Read = Callable[[Scope], str]
Write = Callable[[Scope, str], None]


@dataclass(frozen=True)
class Key:
    read: Read
    write: Write | None  # None: the plan works it out; it is changed where it comes from
    why: str = ""  # for a key that cannot be written: where to change it instead


def _person(name: str) -> Key:
    def write(s: Scope, v: str) -> None:
        s.case["person"][name] = v

    return Key(lambda s: s.case["person"][name], write)


def _budget(name: str) -> Key:
    def write(s: Scope, v: str) -> None:
        s.case["budget"][name] = v

    return Key(lambda s: s.case["budget"][name], write)


def _debt(name: str) -> Key:
    def read(s: Scope) -> str:
        value = s.debt[name] if s.debt is not None else ""
        return ("1" if value else "0") if isinstance(value, bool) else str(value)

    def write(s: Scope, v: str) -> None:
        if s.debt is not None:
            s.debt[name] = v

    return Key(read, write)


def _ask(name: str, offer_key: str) -> Key:
    def read(s: Scope) -> str:
        o = s.offer
        if o is None:
            return ""
        value = o[offer_key]  # type: ignore[literal-required]
        return ("1" if value else "0") if isinstance(value, bool) else str(value or "")

    def write(s: Scope, v: str) -> None:
        if s.debt is not None:
            s.debt["asks"][name] = v

    return Key(read, write)


def _capacity(s: Scope) -> str:
    value, _ = capacity_of(s.case)
    return fmt(value) if value is not None else ""


def _current(s: Scope) -> str:
    """Every open debt's 原来每月应还 and the other fixed payments; blank unless all known."""
    open_debts = [d for d in s.case["debts"] if d["status"] != "settled"]
    if not open_debts or any(not d["monthly_due"] for d in open_debts):
        return ""
    with localcontext(CONTEXT):
        total = sum((Decimal(d["monthly_due"]) for d in open_debts), Decimal(0))
        return fmt(total + Decimal(s.case["budget"]["other_payments"] or 0))


def _others(s: Scope) -> str:
    """What the plan pays the other creditors each month, and the other fixed payments."""
    if s.debt is None:
        return ""
    with localcontext(CONTEXT):
        rest = sum((Decimal(o["amount"]) for o in s.offers if o["id"] != s.debt["id"]), Decimal(0))
        return fmt(rest + Decimal(s.case["budget"]["other_payments"] or 0))


def _reason(s: Scope) -> str:
    own = s.debt["reason"] if s.debt is not None else ""
    return own or s.case["person"]["reason"]


def _write_reason(s: Scope, v: str) -> None:
    if s.debt is not None and s.debt["reason"]:
        s.debt["reason"] = v
    else:
        s.case["person"]["reason"] = v


def _debt_lines(s: Scope) -> str:
    rows = []
    for d in s.case["debts"]:
        if d["status"] == "settled":
            continue
        cells = (
            d["creditor"],
            d["kind"],
            d["balance"],
            d["rate"],
            d["monthly_due"],
            d["overdue_days"],
        )
        rows.append(",".join(cells))
    return "\n".join(rows)


def _write_debts(s: Scope, text: str) -> None:
    """The debt list's lines onto the case: matched by name, new names added, open debts
    no longer listed removed; every other detail of a debt kept."""
    parsed = parse_debts(text, need_rate=False, need_minimum=False) if text.strip() else []
    kept = {d["creditor"]: d for d in s.case["debts"]}
    used = {d["id"] for d in s.case["debts"]}
    debts = [d for d in s.case["debts"] if d["status"] == "settled"]
    for p in parsed:
        d = kept.get(p.name)
        if d is None:
            number = 1
            while f"d{number}" in used:
                number += 1
            d = model.blank_debt(f"d{number}")
            used.add(d["id"])
        d.update(creditor=p.name, kind=p.kind, balance=fmt(p.balance))
        d["rate"] = str(p.annual_rate) if p.annual_rate is not None else ""
        d["monthly_due"] = fmt(p.minimum) if p.minimum is not None else ""
        d["overdue_days"] = str(p.overdue_days) if p.overdue_days is not None else ""
        debts.append(d)
    s.case["debts"] = debts


def _contact_lines(s: Scope) -> str:
    from calculators.contacts import case_lines

    return case_lines(s.case)


def _write_contacts(s: Scope, text: str) -> None:
    from calculators.contacts import case_entries

    s.case["contacts"] = case_entries(text, s.case)


def _agreement(name: str) -> Key:
    def write(s: Scope, _value: str) -> None:
        casefill_agreement.note(s, name)

    return Key(lambda s: casefill_agreement.read(s, name), write)


def _is_card(s: Scope) -> str:
    return "1" if s.debt is not None and s.debt["kind"] == "card" else "0"


KEYS: Mapping[str, Key] = {
    **{f"person.{n}": _person(n) for n in ("name", "id_tail", "phone", "address")},
    **{f"budget.{n}": _budget(n) for n in ("income", "essential_expenses", "other_payments")},
    "reason": Key(_reason, _write_reason),
    "capacity": Key(_capacity, _budget("capacity").write),
    "current_payments": Key(
        _current, None, "它是方案里各笔原来每月应还的合计，请在“我的协商方案”里逐笔修改。"
    ),
    "debts": Key(_debt_lines, _write_debts),
    "contacts": Key(_contact_lines, _write_contacts),
    "case": Key(lambda s: model.to_json(s.case), None, "方案页面上的修改会直接保存。"),
    **{
        f"debt.{n}": _debt(n)
        for n in (
            "creditor",
            "balance",
            "account_tail",
            "first_due",
            "last_activity",
            "new_creditor",
            "notice",
            "notice_date",
        )
    },
    "debt.months": _ask("months", "months"),
    "debt.amount": _ask("amount", "amount"),
    "debt.stop_interest": _ask("stop_interest", "ask_stop_interest"),
    "debt.waive_penalty": _ask("waive_penalty", "ask_waive_penalty"),
    "debt.others": Key(_others, None, "它是方案里给其他几家的钱和其他固定还款的合计。"),
    "debt.is_card": Key(_is_card, None, "它跟着这一笔的机构类型。"),
    **{casefill_agreement.PREFIX + n: _agreement(n) for n in casefill_agreement.NAMES},
}


def scope(data: model.Case, debt_id: str) -> Scope:
    found = model.debt(data, debt_id) if debt_id else None
    return Scope(data, found, offers(data)[0] if data["debts"] else [])


def about_debts(calc: str | registry.Calculator) -> bool:
    """Whether the calculator's page is about one debt (a letter): it asks 写给哪一家？"""
    return any(f.saved_as.startswith("debt.") for f in registry.find(calc).fields)


def inputs_for(
    calc: str | registry.Calculator, data: model.Case, debt_id: str = ""
) -> dict[str, str]:
    """The calculator's boxes the case fills, each with what the case gives (blank when it
    has nothing), for the debt `debt_id` ("" or an id not in the case: no debt)."""
    s = scope(data, debt_id)
    return {f.name: KEYS[f.saved_as].read(s) for f in registry.find(calc).fields if f.saved_as}


class Change(TypedDict):
    field: str
    label: str
    before: str
    after: str
    savable: bool
    why: str  # when it cannot be kept: where to change it


def _same(field: Field, a: str, b: str) -> bool:
    if a.strip() == b.strip():
        return True
    try:
        return parse_field(field, a) == parse_field(field, b)
    except InputError:
        return False


def changes(
    calc: str | registry.Calculator, data: model.Case, inputs: Mapping[str, str], debt_id: str = ""
) -> list[Change]:
    """Each box whose value differs from what the case gives, with whether it can be kept."""
    found = registry.find(calc)
    s = scope(data, debt_id)
    out: list[Change] = []
    for f in found.fields:
        if not f.saved_as or f.name not in inputs or f.kind is Kind.CASE:
            continue
        key = KEYS[f.saved_as]
        before, after = key.read(s), inputs[f.name]
        if _same(f, before, after):
            continue
        why = key.why
        if key.write is not None and f.saved_as.startswith("debt.") and s.debt is None:
            why = "这封信不是写给方案里的某一笔，这一项不存进方案。"
        label = (
            f"{s.debt['creditor']}：{f.label}"
            if f.saved_as.startswith("debt.") and s.debt
            else f.label
        )
        out.append(
            {
                "field": f.name,
                "label": label,
                "before": before,
                "after": after,
                "savable": not why,
                "why": why,
            }
        )
    return out


def apply(
    calc: str | registry.Calculator, data: model.Case, inputs: Mapping[str, str], debt_id: str = ""
) -> model.Case:
    """The case with every savable change of `changes` kept, validated again (a CaseError
    says what is wrong with a value that cannot be kept)."""
    found = registry.find(calc)
    kept = copy.deepcopy(data)
    s = scope(kept, debt_id)
    fields = {f.name: f for f in found.fields}
    for change in changes(found, data, inputs, debt_id):
        if change["savable"]:
            key = KEYS[fields[change["field"]].saved_as]
            assert key.write is not None
            key.write(s, _stored(fields[change["field"]], change["after"]))
    casefill_agreement.finish(s, found, inputs)
    return model.validate_data(kept)


def _stored(field: Field, value: str) -> Any:
    """A box's value as the case keeps it: a yes/no box as a flag, anything else as typed
    (the case's validation puts it in normal form)."""
    if field.kind is Kind.FLAG:
        return bool(parse_field(field, value))
    return value
