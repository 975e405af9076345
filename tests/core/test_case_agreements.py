"""The case's agreements part (calculators/case_agreements.py, version 3 of calculators/case.py):
version 2 and 1 files come forward with nothing lost, any valid case with agreements round
trips through its JSON text, and a record whose schedule does not add up to the agreed total
to the fen, or that belongs to no debt of the case, is refused with its place and a sentence
naming the debt."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import agreement, agreement_data, case, case_agreements, case_v1
from calculators.case import CaseError
from tests.case_strategies import raw_cases

D = Decimal
AGREED = dt.date(2026, 12, 8)
TYPES = [code for code, _ in agreement.TYPES]
CONFIRMED = ["", *(code for code, _ in agreement.CONFIRMATIONS)]


@st.composite
def records(draw: st.DrawFn, debt_id: str) -> dict[str, Any]:
    """An agreement a reader could record: any terms, some of its payments made (partial,
    early or late), as the case file keeps it."""
    kind = draw(st.sampled_from(TYPES))
    top = agreement.CARD_MAX_PERIODS if kind == "instalment" else 120
    periods = draw(st.integers(1, top))
    total = D(draw(st.integers(periods, 2_000_000_00))) / 100
    agreed = draw(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))
    start = agreed + dt.timedelta(days=draw(st.integers(0, 60)))
    made = agreement.new(
        debt_id,
        kind,
        agreed,
        start,
        periods,
        total,
        breach=draw(st.sampled_from(["", "连续两期未按约还款的，本协议自动失效。"])),
        grace_days=draw(st.one_of(st.none(), st.integers(0, agreement.MAX_GRACE))),
        confirmed=draw(st.sampled_from(CONFIRMED)),
    )
    for row in made.schedule[: draw(st.integers(0, min(periods, 6)))]:
        part = draw(st.sampled_from([D(1), D("0.5")]))
        amount = max((row.amount * part).quantize(D("0.01")), D("0.01"))
        made = agreement.add_payment(
            made,
            max(row.due + dt.timedelta(days=draw(st.integers(-3, 10))), agreed),
            amount,
            serial=draw(st.sampled_from(["", "20270115-0001"])),
            channel=draw(st.sampled_from(["", "app", "transfer"])),
        )
    return agreement_data.to_data(made)


@st.composite
def cases_with_agreements(draw: st.DrawFn) -> dict[str, Any]:
    raw = draw(raw_cases(count=draw(st.integers(1, 3))))
    raw["version"] = case.VERSION
    chosen = draw(st.lists(st.sampled_from([d["id"] for d in raw["debts"]]), unique=True))
    raw["agreements"] = {
        debt_id: [draw(records(debt_id)) for _ in range(draw(st.integers(1, 2)))]
        for debt_id in chosen
    }
    return raw


def _valid(raw: dict[str, Any]) -> case.Case | None:
    try:
        return case.validate(json.dumps(raw, ensure_ascii=False))
    except CaseError as err:
        assert not err.path.startswith("agreements"), err.message  # the records are valid
        return None


def one_debt(**extra: Any) -> dict[str, Any]:
    return {
        "format": case.FORMAT,
        "version": case.VERSION,
        "debts": [{"id": "d1", "creditor": "招商信用卡", "balance": "30000"}],
        **extra,
    }


def sixty() -> dict[str, Any]:
    made = agreement.new("d1", "instalment", AGREED, dt.date(2027, 1, 15), 60, D("30000"))
    return agreement_data.to_data(made)


def refused(raw: dict[str, Any]) -> CaseError:
    with pytest.raises(CaseError) as info:
        case.validate(json.dumps(raw, ensure_ascii=False))
    return info.value


# --- round trip ------------------------------------------------------------------------------


@given(cases_with_agreements())
def test_any_case_with_agreements_round_trips(raw: dict[str, Any]) -> None:
    got = _valid(raw)
    if got is None:
        return
    assert got["version"] == 3
    assert got["agreements"] == raw["agreements"]  # the site's own form is already normal
    assert case.validate(case.to_json(got)) == got
    assert case_v1.load(case.to_json(got)) == got
    for debt_id, kept in got["agreements"].items():
        latest = case_agreements.latest(got, debt_id)
        assert latest is not None and agreement_data.to_data(latest) == kept[-1]
        # what a reader sees: every schedule adds up to its total, to the fen
        for rec in case_agreements.records(got, debt_id):
            assert sum(i.amount for i in rec.schedule) == rec.total


@given(cases_with_agreements(), st.data())
def test_any_schedule_off_by_a_fen_is_refused_with_its_place(
    raw: dict[str, Any], data: st.DataObject
) -> None:
    if not raw["agreements"] or _valid(raw) is None:
        return
    debt_id = data.draw(st.sampled_from(sorted(raw["agreements"])))
    kept = raw["agreements"][debt_id]
    n = data.draw(st.integers(0, len(kept) - 1))
    rows = kept[n]["schedule"]
    row = data.draw(st.integers(0, len(rows) - 1))
    amount = D(rows[row]["amount"]) + data.draw(st.sampled_from([D("0.01"), D("-0.01")]))
    if amount < D("0.01"):
        return
    rows[row]["amount"] = f"{amount:.2f}"
    err = refused(raw)
    assert err.path == f"agreements.{debt_id}.{n}.schedule"
    index = [d["id"] for d in raw["debts"]].index(debt_id)
    assert err.message.startswith(f"第 {index + 1} 笔欠款（")
    assert "差 0.01 元" in err.message


# --- migration -------------------------------------------------------------------------------


def test_a_version_2_case_reads_as_version_3_with_no_agreements() -> None:
    v2 = {**one_debt(), "version": 2}
    got = case.validate(json.dumps(v2, ensure_ascii=False))
    assert got["version"] == 3 and got["agreements"] == {}
    assert got["debts"][0]["balance"] == "30000.00"
    assert json.loads(case.to_json(got))["version"] == 3
    # a version-2 file cannot have held agreements: one that does was edited
    err = refused({**v2, "agreements": {"d1": [sixty()]}})
    assert err.path == "agreements" and "可能被改过" in err.message


def test_a_version_1_workbook_reaches_version_3() -> None:
    text = json.dumps(
        {
            "format": case_v1.V1_FORMAT,
            "version": 1,
            "values": {"debts": "网贷甲,网络小贷,8000,,,45", "account": "1234"},
            "checks": {"list-debts": True},
        },
        ensure_ascii=False,
    )
    got = case_v1.load(text)
    assert got["version"] == 3 and got["agreements"] == {}
    assert got["debts"][0]["account_tail"] == "1234" and got["checks"] == {"list-debts": True}


def test_the_empty_case_has_the_part() -> None:
    assert case.empty()["agreements"] == {} and "agreements" in case.PARTS
    assert case.validate(case.to_json(case.empty())) == case.empty()


# --- refusals, each with its place and sentence ----------------------------------------------


def test_a_sixty_period_agreement_is_kept() -> None:
    got = case.validate(json.dumps(one_debt(agreements={"d1": [sixty()]}), ensure_ascii=False))
    rec = case_agreements.latest(got, "d1")
    assert rec is not None and rec.periods == 60 and rec.total == D("30000.00")
    assert case_agreements.latest(got, "d2") is None and case_agreements.records(got, "d2") == []


@pytest.mark.parametrize(
    ("agreements", "path", "words"),
    [
        ({"d9": [sixty()]}, "agreements.d9", "方案里没有的欠款"),
        ({"d1": []}, "agreements.d1", "记录格式不对"),
        ({"d1": {}}, "agreements.d1", "记录格式不对"),
        ({"d1": [sixty()] * 6}, "agreements.d1", "最多保存 5 份"),
        ({"d1": [{**sixty(), "debt_id": "d2"}]}, "agreements.d1.0.debt_id", "另一笔欠款"),
        ({"d1": [{**sixty(), "extra": 1}]}, "agreements.d1.0", "格式不对"),
        ({"d1": [{**sixty(), "total": "30000"}]}, "agreements.d1.0", "格式不对"),
        ({"d1": [{**sixty(), "total": "30000.01"}]}, "agreements.d1.0.schedule", "差 0.01 元"),
        ({"d1": [{**sixty(), "grace_days": 91}]}, "agreements.d1.0.grace_days", "宽限期"),
        ({"d1": [{**sixty(), "kind": "loan"}]}, "agreements.d1.0.kind", "协议类型"),
        ([], "agreements", "格式不对"),
    ],
)
def test_a_broken_record_is_refused_naming_the_debt(agreements: Any, path: str, words: str) -> None:
    err = refused(one_debt(agreements=agreements))
    assert err.path == path and words in err.message
    assert err.field == case.FIELD
    if path != "agreements" and not path.startswith("agreements.d9"):
        assert err.message.startswith("第 1 笔欠款（招商信用卡）的协议")


def test_payments_beyond_the_total_are_refused() -> None:
    rec = sixty()
    rec["payments"] = [{"on": "2027-01-15", "amount": "30000.01", "serial": "", "channel": ""}]
    err = refused(one_debt(agreements={"d1": [rec]}))
    assert err.path == "agreements.d1.0.payment" and "超过了协议总额" in err.message


def test_with_record_replaces_or_keeps_the_one_before() -> None:
    got = case.validate(json.dumps(one_debt(agreements={"d1": [sixty()]}), ensure_ascii=False))
    paid = agreement.add_payment(agreement_data.from_data(sixty()), dt.date(2027, 1, 14), D("500"))
    replaced = case.validate(case.to_json(case_agreements.with_record(got, paid)))
    assert len(replaced["agreements"]["d1"]) == 1
    assert replaced["agreements"]["d1"][0]["payments"][0]["amount"] == "500.00"
    again = agreement.new("d1", "other", dt.date(2028, 1, 1), dt.date(2028, 2, 1), 80, D("29500"))
    both = case_agreements.with_record(replaced, again, renegotiated=True)
    both = case.validate(case.to_json(both))
    assert [r["kind"] for r in both["agreements"]["d1"]] == ["instalment", "other"]
    assert case_agreements.latest(both, "d1") == again
