"""还款协议 as a calculator (calculators/agreement_record.py and its view): the payments typed
one a line, the status on a day, the adjustment request from 3 days before a due date, the
close-out when settled, the printed record and the calendar; every refusal names its box."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError, run
from calculators.web import render
from calculators.web.views.agreement_record import EXAMPLE

D = Decimal


def record(**changes: str) -> dict[str, Any]:
    return run("agreement_record", {**EXAMPLE.inputs, **changes})


def shown(**changes: str) -> dict[str, Any]:
    answer = render("agreement_record", {**EXAMPLE.inputs, **changes})
    assert answer["ok"], answer
    return answer


def test_the_worked_example() -> None:
    s = record()["status"]
    assert (s["code"], s["days"], s["next_number"], s["next_due"]) == ("ok", 2, 3, "2027-03-15")
    assert (s["paid"], s["left"], s["paid_count"], s["next_amount"]) == (
        "1000.00",
        "29000.00",
        2,
        "500.00",
    )
    assert s["shortfall_open"] and record()["adjustment"] is None


def test_the_shortfall_request_states_the_agreement_n_of_n_and_the_new_amount() -> None:
    # 29,000 left in at most 60 期 (a card's 个性化分期): 483.34 a month, the last 482.94.
    r = record(new_monthly="483.34")
    assert r["adjustment"] == {"new_monthly": "483.34", "new_periods": 60, "new_last": "482.94"}
    html = shown(new_monthly="483.34")["html"]
    letter = shown(new_monthly="483.34")["files"]["adjust"]["text"]
    assert "2/60 期" in letter and "1,000.00 元" in letter and "29,000.00 元" in letter
    assert "每月还 483.34 元" in letter and "某某银行信用卡" in letter
    # Less than that would need more than 60 期: said at the box, with the least that fits.
    refused = render("agreement_record", {**EXAMPLE.inputs, "new_monthly": "300"})
    assert not refused["ok"] and refused["field"] == "new_monthly"
    assert "97 期" in refused["message"] and "至少要 483.34 元" in refused["message"]
    assert "calc-agreement-adjust" in html
    # a week before the window opens there is no request yet, only how to get one
    early = record(today="2027-03-05", new_monthly="300")
    assert not early["status"]["shortfall_open"] and early["adjustment"] is None
    assert "这期还不上" in shown(today="2027-03-05")["html"]


def test_status_words_through_grace_and_overdue() -> None:
    words = {
        "2027-03-15": ("due_today", "今天到期"),
        "2027-03-17": ("grace", "宽限期还剩 1 天"),
        "2027-03-19": ("overdue", "已逾期 4 天"),
    }
    for day, (code, word) in words.items():
        assert record(today=day)["status"]["code"] == code
        assert word in shown(today=day)["html"]


def test_settled_gives_the_closing_letters() -> None:
    lines = "\n".join(f"2027-{m:02d}-15,500" for m in range(1, 7))
    r = record(periods="6", total="3000", payments=lines, today="2027-07-01")
    assert r["status"]["code"] == "settled" and r["status"]["settled_on"] == "2027-06-15"
    files = shown(periods="6", total="3000", payments=lines, today="2027-07-01")["files"]
    assert {"settle", "dispute", "ics"} <= set(files)
    assert "结清证明" in files["settle"]["text"]


def test_the_printed_record_has_one_page_per_24_instalments_and_the_calendar_alarms() -> None:
    answer = shown()
    assert answer["html"].count('class="calc-print-page') == 3  # 60 instalments
    ics = answer["files"]["ics"]["text"]
    # instalments, a review on each anniversary up to the last due date (2027 to 2031), 结清证明
    assert ics.count("BEGIN:VEVENT") == 60 + 5 + 1
    assert ics.count("TRIGGER:-P3D") == 60 and ics.count("TRIGGER:-P1D") >= 60
    # stable: another day's download has the same UIDs
    again = shown(today="2027-04-20")["files"]["ics"]["text"]
    uids = [line for line in ics.splitlines() if line.startswith("UID")]
    assert uids == [line for line in again.splitlines() if line.startswith("UID")]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"payments": "2027-01-14"}, "payments", "第 1 行请写成"),
        ({"payments": "2027-01-14,五百"}, "payments", "第 1 行"),
        ({"payments": "2027-04-01,500"}, "payments", "今天之后"),
        ({"payments": "2027-01-14,500,A1,微信"}, "payments", "渠道"),
        ({"payments": "2027-01-14,500,流水一"}, "payments", "流水号"),
        ({"payments": "2026-12-01,500"}, "payments", "早于达成协议"),
        ({"payments": "2027-01-14,30000.01"}, "payments", "超过了协议总额"),
        ({"periods": "61"}, "periods", "60 期"),
        ({"monthly": "600"}, "monthly", "超过了协议总额"),
        ({"first_due": "2026-12-01"}, "first_due", "不能早于达成协议的日期"),
        ({"first_due": "2299-01-15"}, "first_due", "年之间"),
        ({"today": "9999-12-31"}, "today", "年之间"),
        ({"new_monthly": "0.001"}, "new_monthly", ""),
    ],
)
def test_refusals_name_their_box(changes: dict[str, str], field: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        record(**changes)
    assert caught.value.field == field and words in caught.value.message


def test_payments_are_read_in_any_of_the_ways_a_reader_types_them() -> None:
    lines = "2027/1/14，500\n\n 2027-02-15 , 500.00 , 20270215-01 , 官方 App \n"
    r = record(payments=lines)
    assert r["record"]["payments"] == [
        {"on": "2027-01-14", "amount": "500.00", "serial": "", "channel": ""},
        {"on": "2027-02-15", "amount": "500.00", "serial": "20270215-01", "channel": "app"},
    ]


@given(st.lists(st.integers(1, 900_00), max_size=8), st.integers(0, 120))
def test_any_payments_leave_paid_plus_left_equal_to_the_total(fen: list[int], day: int) -> None:
    """What a reader checks: paid + left is the agreed total, n of N never exceeds N."""
    import datetime as dt

    on = dt.date(2027, 1, 10)
    lines = "\n".join(f"{on + dt.timedelta(days=7 * i)},{f / 100:.2f}" for i, f in enumerate(fen))
    today = on + dt.timedelta(days=7 * len(fen) + day)
    try:
        r = record(payments=lines, today=today.isoformat())
    except InputError as err:
        assert err.field == "payments" and "超过了协议总额" in err.message
        return
    s = r["status"]
    assert D(s["paid"]) + D(s["left"]) == D("30000.00")
    assert D(s["paid"]) == sum((D(f) / 100 for f in fen), D(0))
    assert 0 <= s["paid_count"] <= 60
