"""The agreement record (calculators/agreement.py, calculators/agreement_data.py): the schedule
adds up to the agreed total to the fen whatever the terms, every row has its shape, edits
that break the total are refused, every check has its sentence, and the JSON form round
trips and refuses what it should."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError, agreement, agreement_data, ics
from calculators.agreement import add_payment, make_schedule, new, undo_payment, with_amounts

D = Decimal
AGREED = dt.date(2026, 12, 8)


def record(**changes: Any) -> agreement.Agreement:
    terms: dict[str, Any] = {
        "debt_id": "card-1",
        "kind": "instalment",
        "agreed_on": AGREED,
        "start": dt.date(2027, 1, 15),
        "periods": 60,
        "total": D("30000"),
        "grace_days": 3,
        "confirmed": "app",
        "breach": "连续两期未按约还款的，本协议自动失效。",
    }
    terms.update(changes)
    return new(**terms)


# --- worked examples -------------------------------------------------------------------------


def test_60_equal_instalments_of_500() -> None:
    a = record()
    assert a.periods == 60 and a.start == dt.date(2027, 1, 15)
    assert {i.amount for i in a.schedule} == {D("500.00")}
    assert a.schedule[-1].due == dt.date(2031, 12, 15)
    assert [i.number for i in a.schedule] == list(range(1, 61))


def test_the_last_instalment_takes_the_remainder() -> None:
    a = record(total=D("10000"), periods=3)
    assert [str(i.amount) for i in a.schedule] == ["3333.33", "3333.33", "3333.34"]
    b = record(total=D("1000.05"), periods=7)  # 142.86 x 6 = 857.16; 1000.05 - 857.16 = 142.89
    assert [str(i.amount) for i in b.schedule] == ["142.86"] * 6 + ["142.89"]


def test_a_named_monthly_amount_with_the_remainder_last() -> None:
    a = record(total=D("30100"), regular=D("500"))
    assert [str(i.amount) for i in a.schedule[-2:]] == ["500.00", "600.00"]
    with pytest.raises(InputError) as caught:
        record(total=D("29000"), regular=D("500"))  # 59 x 500 = 29,500 > 29,000
    assert caught.value.field == "regular" and "超过了协议总额" in caught.value.message


def test_due_dates_keep_the_day_of_the_month() -> None:
    a = record(start=dt.date(2027, 1, 31), periods=4, total=D("400"))
    assert [i.due.isoformat() for i in a.schedule] == [
        "2027-01-31",
        "2027-02-28",
        "2027-03-31",
        "2027-04-30",
    ]


def test_a_settlement_in_one_payment() -> None:
    a = record(kind="settlement", periods=1, total=D("12000"), start=AGREED)
    assert [(i.due, i.amount) for i in a.schedule] == [(AGREED, D("12000.00"))]


# --- any terms -------------------------------------------------------------------------------

TERMS = st.fixed_dictionaries(
    {
        "start": st.dates(dt.date(2026, 12, 8), dt.date(2150, 12, 31)),
        "periods": st.integers(1, agreement.MAX_PERIODS),
        "total": st.decimals(D("0.01"), D("100000000"), places=2),
    }
)


@given(terms=TERMS)
def test_any_terms_give_a_schedule_that_adds_up_with_rows_of_the_right_shape(
    terms: dict[str, Any],
) -> None:
    start, periods, total = terms["start"], terms["periods"], terms["total"]
    if total < periods * D("0.01"):
        with pytest.raises(InputError):
            make_schedule(start, periods, total)
        return
    rows = make_schedule(start, periods, total)
    assert sum(r.amount for r in rows) == total  # to the fen
    assert len(rows) == periods and [r.number for r in rows] == list(range(1, periods + 1))
    assert [r.due for r in rows] == ics.due_dates(start, periods)
    assert all(r.amount == r.amount.quantize(D("0.01")) and r.amount >= D("0.01") for r in rows)
    regular = rows[0].amount
    assert all(r.amount == regular for r in rows[:-1])
    # The last one is the largest, by less than a fen a period: nothing surprising at the end.
    assert regular <= rows[-1].amount < regular + periods * D("0.01")
    assert all(a.due < b.due for a, b in itertools.pairwise(rows))


@given(terms=TERMS, data=st.data())
def test_any_edit_that_keeps_the_total_is_kept_and_any_other_refused(
    terms: dict[str, Any], data: st.DataObject
) -> None:
    periods = min(terms["periods"], 60)
    total = max(terms["total"], periods * D("0.02"))
    a = record(start=terms["start"], periods=periods, total=total)
    if periods == 1:
        return
    i, j = data.draw(st.lists(st.integers(0, periods - 1), min_size=2, max_size=2, unique=True))
    amounts = [r.amount for r in a.schedule]
    move = data.draw(st.decimals(D("0.01"), amounts[i] - D("0.01"), places=2))
    amounts[i] -= move
    amounts[j] += move
    edited = with_amounts(a, amounts)
    assert [r.amount for r in edited.schedule] == amounts and edited.total == total
    amounts[j] += D("0.01")  # one fen too many
    with pytest.raises(InputError) as caught:
        with_amounts(a, amounts)
    assert caught.value.field == "schedule" and "差 0.01 元" in caught.value.message


# --- checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"periods": 61}, "periods", "个性化分期最长 60 期"),
        ({"periods": 0}, "periods", "1 到 600"),
        ({"periods": 601, "kind": "other"}, "periods", "1 到 600"),
        ({"kind": "loan"}, "kind", "协议类型"),
        ({"total": D("0")}, "total", "0.01 元到 100 亿元"),
        ({"total": D("12.345")}, "total", "到分为止"),
        ({"total": D("0.59")}, "total", "分不成 60 期"),
        ({"grace_days": 91}, "grace_days", "0 到 90 天"),
        ({"confirmed": "email"}, "confirmed", "确认方式"),
        ({"debt_id": "第一笔"}, "debt_id", "编号"),
        ({"start": dt.date(2026, 12, 7)}, "schedule", "不能早于达成协议的日期"),
        ({"start": dt.date(2199, 1, 1)}, "start", "1970 年到 2199 年"),
        ({"breach": "违" * 1001}, "breach", "1000 个字以内"),
    ],
)
def test_each_check_refuses_with_a_sentence(
    changes: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        record(**changes)
    assert caught.value.field == field and words in caught.value.message


def test_a_longer_plan_is_allowed_when_it_is_not_a_card_instalment_plan() -> None:
    assert record(kind="other", periods=72).periods == 72


def test_edited_dates_must_stay_in_order() -> None:
    a = record(periods=3, total=D("900"))
    rows = [(r.due, r.amount) for r in a.schedule]
    rows[2] = (rows[1][0], rows[2][1])
    with pytest.raises(InputError) as caught:
        agreement.with_schedule(a, rows)
    assert "第 3 期的还款日要晚于上一期" in caught.value.message


def test_payments_are_kept_as_marked_and_can_be_undone() -> None:
    a = record()
    b = add_payment(a, dt.date(2027, 1, 14), D("200"), " ABC-123 ", "app")
    c = add_payment(b, dt.date(2027, 1, 20), D("300"))
    assert [p.amount for p in c.payments] == [D("200"), D("300")]
    assert c.payments[0].serial == "ABC-123" and c.paid == D("500")
    assert undo_payment(c) == b and undo_payment(undo_payment(c)) == a
    with pytest.raises(InputError):
        undo_payment(a)


@pytest.mark.parametrize(
    ("on", "amount", "serial", "channel", "words"),
    [
        (dt.date(2026, 12, 7), "100", "", "", "早于达成协议的日期"),
        (dt.date(2027, 1, 1), "0", "", "", "0.01 元到 100 亿元"),
        (dt.date(2027, 1, 1), "30000.01", "", "", "超过了协议总额"),
        (dt.date(2027, 1, 1), "100", "流水 1", "", "流水号"),
        (dt.date(2027, 1, 1), "100", "", "cash", "渠道"),
    ],
)
def test_a_payment_that_does_not_fit_is_refused(
    on: dt.date, amount: str, serial: str, channel: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        add_payment(record(), on, D(amount), serial, channel)
    assert caught.value.field == "payment" and words in caught.value.message


# --- JSON ------------------------------------------------------------------------------------


def test_the_json_form() -> None:
    a = add_payment(record(periods=2, total=D("1000.01")), dt.date(2027, 1, 14), D("500"))
    assert agreement_data.to_data(a) == {
        "version": 1,
        "debt_id": "card-1",
        "kind": "instalment",
        "agreed_on": "2026-12-08",
        "total": "1000.01",
        "schedule": [
            {"due": "2027-01-15", "amount": "500.00"},
            {"due": "2027-02-15", "amount": "500.01"},
        ],
        "breach": "连续两期未按约还款的，本协议自动失效。",
        "grace_days": 3,
        "confirmed": "app",
        "payments": [{"on": "2027-01-14", "amount": "500.00", "serial": "", "channel": ""}],
    }


PAYMENT = st.tuples(
    st.integers(0, 2000), st.decimals(D("0.01"), D("900"), places=2), st.sampled_from(["", "A1"])
)


@given(terms=TERMS, payments=st.lists(PAYMENT, max_size=8))
def test_any_record_round_trips_through_its_json(
    terms: dict[str, Any], payments: list[tuple[int, Decimal, str]]
) -> None:
    periods = min(terms["periods"], 60)
    a = record(
        start=terms["start"],
        periods=periods,
        total=max(terms["total"], D("10000")),
        grace_days=None,
    )
    for days, amount, serial in payments:
        if a.paid + amount <= a.total:
            a = add_payment(a, AGREED + dt.timedelta(days=days), amount, serial, "transfer")
    assert agreement_data.from_data(agreement_data.to_data(a)) == a
    assert agreement_data.loads(agreement_data.dumps(a)) == a
    assert agreement_data.from_data(json.loads(json.dumps(agreement_data.to_data(a)))) == a


def _changed(path: list[Any], value: Any) -> dict[str, Any]:
    data = agreement_data.to_data(record(periods=2, total=D("1000")))
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["version"], True),
        (["version"], 2),
        (["total"], 1000),
        (["total"], "1000"),
        (["total"], "1e3"),
        (["grace_days"], "3"),
        (["grace_days"], True),
        (["schedule", 0, "amount"], "499.99"),  # no longer adds up
        (["schedule", 0, "due"], "2027-02-30"),
        (["schedule", 0, "extra"], 1),
        (["schedule"], []),
        (["payments"], [{"on": "2027-01-01", "amount": "1.00", "serial": ""}]),
        (["colour"], "red"),
        (["breach"], KeyError),
    ],
)
def test_reading_is_strict(path: list[Any], value: Any) -> None:
    with pytest.raises(InputError) as caught:
        agreement_data.from_data(_changed(path, value))
    assert caught.value.field in ("agreement", "schedule")


def test_text_that_is_not_a_record_is_refused() -> None:
    for text in ("{not json", "[" * 50 + "]" * 50, "x" * 500_000, "[]"):
        with pytest.raises(InputError) as caught:
            agreement_data.loads(text)
        assert caught.value.field == "agreement"
