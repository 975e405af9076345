"""Where an agreement stands (calculators/agreement_status.py): exact days at the boundaries of
each status, how payments are applied and flagged, and, for any sequence of payments, status,
n of N and "left" checked against an oracle written apart from the module (cumulative sums
instead of paying instalments down one by one)."""

from __future__ import annotations

import bisect
import datetime as dt
from decimal import Decimal
from itertools import accumulate
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.agreement import Agreement, add_payment, new
from calculators.agreement_status import adjustment, apply, ledger, status
from calculators.web.views.agreement import next_due_text, progress_text, status_word

D = Decimal
AGREED = dt.date(2026, 12, 8)
DAY = dt.timedelta(days=1)


def card(**changes: Any) -> Agreement:
    terms: dict[str, Any] = {
        "debt_id": "card-1",
        "kind": "instalment",
        "agreed_on": AGREED,
        "start": dt.date(2027, 1, 15),
        "periods": 60,
        "total": D("30000"),
        "grace_days": 3,
    }
    terms.update(changes)
    return new(**terms)


def paid(record: Agreement, *payments: tuple[str, str]) -> Agreement:
    for on, amount in payments:
        record = add_payment(record, dt.date.fromisoformat(on), D(amount))
    return record


@pytest.mark.parametrize(
    ("today", "code", "days", "word", "shortfall"),
    [
        ("2027-01-10", "ok", 5, "正常", False),
        ("2027-01-12", "ok", 3, "正常", True),  # 这期还不上 from 3 days before
        ("2027-01-15", "due_today", 0, "今天到期", True),
        ("2027-01-16", "grace", 2, "宽限期还剩 2 天", True),
        ("2027-01-18", "grace", 0, "宽限期最后一天", True),
        ("2027-01-19", "overdue", 4, "已逾期 4 天", True),
    ],
)
def test_the_status_at_each_boundary(
    today: str, code: str, days: int, word: str, shortfall: bool
) -> None:
    now = status(card(), dt.date.fromisoformat(today))
    assert (now.code, now.days, status_word(now), now.shortfall_open) == (
        code,
        days,
        word,
        shortfall,
    )
    assert now.next_due == dt.date(2027, 1, 15) and now.next_amount == D("500.00")
    assert (now.paid_count, now.periods, now.paid, now.left) == (0, 60, D(0), D("30000.00"))


def test_without_grace_days_the_day_after_is_overdue() -> None:
    now = status(card(grace_days=None), dt.date(2027, 1, 16))
    assert (now.code, now.days, status_word(now)) == ("overdue", 1, "已逾期 1 天")


def test_a_payment_on_time_moves_on_to_the_next_instalment() -> None:
    a = paid(card(), ("2027-01-14", "500"))
    now = status(a, dt.date(2027, 1, 20))
    assert (now.code, now.days, now.next_number, now.next_due) == (
        "ok",
        26,
        2,
        dt.date(2027, 2, 15),
    )
    assert (now.paid_count, now.paid, now.left, now.ahead) == (1, D("500"), D("29500"), D(0))
    assert progress_text(now) == "已还清 1/60 期；已还 500.00 元，还剩 29,500.00 元。和计划一致。"
    assert next_due_text(now) == "下一期（第 2 期）2027-02-15 到期，还有 26 天，还要还 500.00 元。"
    assert apply(a)[0][0].flags == ()


def test_partial_early_and_late_payments_are_kept_as_such() -> None:
    a = paid(
        card(),
        ("2027-01-14", "1000"),  # this one and the next: early
        ("2027-03-10", "200"),  # part of the third, before its date
        ("2027-03-20", "300"),  # finishes the third, after its grace: late
    )
    uses, rows = apply(a)
    assert [u.flags for u in uses] == [("early",), ("partial",), ("late",)]
    assert [u.parts for u in uses] == [((1, D(500)), (2, D(500))), ((3, D(200)),), ((3, D(300)),)]
    assert rows[2].covered == D("500") and rows[2].paid_on == dt.date(2027, 3, 20)
    assert [p.amount for p, _ in rows[2].parts] == [D("200"), D("300")]
    now = status(a, dt.date(2027, 3, 16))  # the 200 counted, the 300 not yet made
    assert (now.code, now.days, now.next_amount, now.ahead) == ("grace", 2, D("300"), D("-300"))
    assert progress_text(now).endswith("比计划少还了 300.00 元。")


def test_payments_after_today_do_not_count_yet() -> None:
    a = paid(card(), ("2027-01-14", "500"))
    assert status(a, dt.date(2027, 1, 13)).paid == 0


def test_the_renegotiate_prompt() -> None:
    a = paid(card(), ("2027-01-15", "300"), ("2027-02-15", "400"))
    now = status(a, dt.date(2027, 2, 20))
    assert now.renegotiate == ("partials",)  # two partial payments within three months
    assert status(a, dt.date(2027, 5, 16)).renegotiate == ()  # the first is over 3 months old
    assert status(card(), dt.date(2027, 1, 1), capacity=D("499.99")).renegotiate == ("budget",)
    assert status(card(), dt.date(2027, 1, 1), capacity=D("500")).renegotiate == ()


def test_the_yearly_review_and_settling() -> None:
    assert status(card(), dt.date(2027, 12, 7)).review_on == dt.date(2027, 12, 8)
    assert status(card(), dt.date(2027, 12, 8)).review_on == dt.date(2028, 12, 8)
    small = paid(card(periods=2, total=D("200")), ("2027-01-15", "100"), ("2027-02-10", "100"))
    done = status(small, dt.date(2027, 3, 1))
    assert (done.code, status_word(done), done.settled_on) == (
        "settled",
        "已结清",
        dt.date(2027, 2, 10),
    )
    assert (done.left, done.paid_count, done.review_on, done.shortfall_open) == (0, 2, None, False)
    assert done.next_due is None and next_due_text(done) == "已经还清（2027-02-10）。"


def test_the_adjustment_numbers() -> None:
    three = (("2027-01-15", "500"), ("2027-02-15", "500"), ("2027-03-15", "500"))
    a = paid(card(kind="other"), *three)
    adj = adjustment(a, dt.date(2027, 4, 12), D("400"))
    assert (adj.paid_count, adj.periods, adj.paid, adj.left) == (3, 60, D(1500), D(28500))
    # 28,500 / 400 = 71.25: 72 months, the last one 28,500 - 71 x 400 = 100.
    assert (adj.new_monthly, adj.new_periods, adj.new_last) == (D(400), 72, D(100))
    # A card's 个性化分期 cannot be asked for beyond 60 期 (第七十条): the least that fits is
    # said instead of a request the bank cannot grant. 28,500 / 60 = 475.
    card_deal = paid(card(), *three)
    with pytest.raises(InputError) as caught:
        adjustment(card_deal, dt.date(2027, 4, 12), D("400"))
    assert caught.value.field == "new_monthly"
    assert "72 期" in caught.value.message and "至少要 475.00 元" in caught.value.message
    assert "第七十条" in caught.value.message
    fits = adjustment(card_deal, dt.date(2027, 4, 12), D("475"))
    assert (fits.new_periods, fits.new_last) == (60, D(475))
    a = card_deal
    for bad in (D(0), D("0.001"), D("1")):
        with pytest.raises(InputError) as caught:
            adjustment(a, dt.date(2027, 4, 12), bad)
        assert caught.value.field == "new_monthly"


# --- the oracle ------------------------------------------------------------------------------


def oracle(record: Agreement, today: dt.date) -> dict[str, Any]:
    """Status, n of N and left from cumulative sums: instalment k is paid when everything
    paid up to today reaches the schedule's running total through k."""
    counted = sorted((p.on, i, p.amount) for i, p in enumerate(record.payments) if p.on <= today)
    total_paid = sum((amount for _, _, amount in counted), D(0))
    running = list(accumulate(i.amount for i in record.schedule))
    n = bisect.bisect_right(running, total_paid)
    out: dict[str, Any] = {
        "paid": total_paid,
        "left": record.total - total_paid,
        "paid_count": n,
        "scheduled": sum((i.amount for i in record.schedule if i.due <= today), D(0)),
    }
    if total_paid == record.total:
        out.update(code="settled", days=0, next_amount=None)
        return out
    due = record.schedule[n].due
    grace = record.grace_days or 0
    late = (today - due).days
    if late < 0:
        out.update(code="ok", days=-late)
    elif late == 0:
        out.update(code="due_today", days=0)
    elif late <= grace:
        out.update(code="grace", days=grace - late)
    else:
        out.update(code="overdue", days=late)
    out["next_amount"] = running[n] - total_paid
    return out


def oracle_flags(record: Agreement) -> list[tuple[str, ...]]:
    running = list(accumulate(i.amount for i in record.schedule))
    dues = [i.due for i in record.schedule]
    grace = dt.timedelta(days=record.grace_days or 0)
    before = D(0)
    flags: dict[int, tuple[str, ...]] = {}
    for on, index, amount in sorted((p.on, i, p.amount) for i, p in enumerate(record.payments)):
        start = bisect.bisect_right(running, before)
        after = before + amount
        end = bisect.bisect_left(running, after)  # the last instalment it pays into
        coming = bisect.bisect_left(dues, on)
        due_by = bisect.bisect_right(dues, on) - 1  # the last instalment due by then
        found = []
        if after < running[max(start, due_by)]:
            found.append("partial")
        if end > max(coming, start):
            found.append("early")
        if on > dues[start] + grace:
            found.append("late")
        flags[index] = tuple(found)
        before = after
    return [flags[i] for i in range(len(record.payments))]


TERMS = st.fixed_dictionaries(
    {
        "periods": st.integers(1, 24),
        "total": st.decimals(D("1"), D("50000"), places=2),
        "grace_days": st.one_of(st.none(), st.integers(0, 10)),
        "start": st.dates(AGREED, AGREED + dt.timedelta(days=60)),
    }
)


@given(
    terms=TERMS,
    payments=st.lists(
        st.tuples(st.integers(0, 800), st.decimals(D("0.01"), D("5000"), places=2)), max_size=30
    ),
    today=st.integers(0, 900),
)
def test_any_payments_give_the_status_and_left_of_the_oracle(
    terms: dict[str, Any], payments: list[tuple[int, Decimal]], today: int
) -> None:
    a = card(**terms)
    for days, amount in payments:
        amount = min(amount, a.total - a.paid)
        if amount > 0:
            a = add_payment(a, AGREED + days * DAY, amount)
    on = AGREED + today * DAY
    now, expected = status(a, on), oracle(a, on)
    assert {k: getattr(now, k) for k in expected} == expected
    assert now.ahead == now.paid - now.scheduled
    assert [u.flags for u in sorted(apply(a)[0], key=lambda u: u.index)] == oracle_flags(a)
    rows = ledger(a)
    assert sum(r.covered for r in rows) == a.paid  # every fen paid lands on an instalment
    assert all(0 <= r.covered <= r.amount for r in rows)
    assert all((r.paid_on is not None) == (r.covered == r.amount) for r in rows)
