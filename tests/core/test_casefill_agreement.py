"""还款协议 and the reader's case (calculators/casefill_agreement.py): the page opened for a
debt fills the terms and payments from that debt's agreement; "存进我的方案" keeps what the
page says as that debt's agreement, read by the page's own parsing; nothing of another debt
is read or written."""

from __future__ import annotations

import pytest

from calculators import case as model
from calculators import casefill
from calculators.case_agreements import latest
from calculators.errors import InputError
from calculators.plan import EXAMPLE
from tests.core.test_plan_agreements import kept_case


def test_the_page_fills_from_this_debts_agreement_only() -> None:
    data = model.validate(kept_case())
    boxes = casefill.inputs_for("agreement_record", data, "ex1")
    assert (boxes["periods"], boxes["total"], boxes["monthly"], boxes["grace_days"]) == (
        "60",
        "30000.00",
        "500.00",
        "3",
    )
    assert boxes["payments"] == "2027-01-14,500.00,,app\n2027-02-15,500.00,,app"
    other = casefill.inputs_for("agreement_record", data, "ex2")
    assert other["payments"] == other["periods"] == ""


def page_inputs(data: model.Case, debt: str, **changed: str) -> dict[str, str]:
    return {**casefill.inputs_for("agreement_record", data, debt), "today": "2027-03-13", **changed}


def test_a_marked_payment_is_the_only_change_and_is_kept() -> None:
    data = model.validate(kept_case())
    before = page_inputs(data, "ex1")
    inputs = {**before, "payments": before["payments"] + "\n2027-03-13,500.00"}
    found = casefill.changes("agreement_record", data, inputs, "ex1")
    assert [c["field"] for c in found] == ["payments"] and found[0]["savable"]
    kept = casefill.apply("agreement_record", data, inputs, "ex1")
    record = latest(kept, "ex1")
    assert record is not None and len(record.payments) == 3
    assert record.schedule == latest(data, "ex1").schedule  # type: ignore[union-attr]
    status = {d["id"]: d["status"] for d in kept["debts"]}
    assert status == {"ex1": "agreed", "ex2": "new", "ex3": "new"}
    assert latest(kept, "ex2") is None and latest(kept, "ex3") is None


def test_a_new_agreement_is_kept_for_its_debt_and_marks_it_agreed() -> None:
    data = model.validate(EXAMPLE)
    inputs = {
        **page_inputs(data, "ex3"),
        "kind": "instalment",
        "agreed_on": "2026-12-08",
        "first_due": "2027-01-15",
        "periods": "60",
        "total": "30000",
        "monthly": "500",
        "payments": "",
    }
    kept = casefill.apply("agreement_record", data, inputs, "ex3")
    record = latest(kept, "ex3")
    assert record is not None and record.periods == 60 and record.debt_id == "ex3"
    assert [d["status"] for d in kept["debts"] if d["id"] == "ex3"] == ["agreed"]
    assert latest(kept, "ex1") is None


def test_a_record_the_page_refuses_is_not_kept() -> None:
    data = model.validate(kept_case())
    inputs = {**page_inputs(data, "ex1"), "payments": "2027-03-20,500"}  # after today
    with pytest.raises(InputError) as caught:
        casefill.apply("agreement_record", data, inputs, "ex1")
    assert caught.value.field == "payments"


def test_no_debt_no_agreement_written() -> None:
    data = model.validate(kept_case())
    inputs = {**page_inputs(data, "ex1"), "payments": "2027-03-13,500"}
    found = casefill.changes("agreement_record", data, inputs, "")
    assert found and not any(c["savable"] for c in found if c["field"] == "payments")
    assert casefill.apply("agreement_record", data, inputs, "") == data
