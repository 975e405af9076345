"""我的协商方案 (calculators/plan.py, plan_offer.py and their view): the order, the split, what
each total covers, the asks, the longest term and what to ask instead, the 恶意透支 note, the
letter links, the 收支说明 and the calendar."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal as D
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import icalendar
import pytest
from hypothesis import given

import calculators
from calculators import case
from calculators.plan import EXAMPLE
from calculators.web import render
from calculators.web.plan_papers import calendar_file
from tests.case_strategies import case_from_lines, raw_cases


def run(text: str) -> dict[str, Any]:
    return calculators.run("plan", {"case": text})


def debt(debt_id: str, creditor: str, balance: str, **details: Any) -> dict[str, Any]:
    asks = details.pop("asks", {})
    found = case.blank_debt(debt_id) | {"creditor": creditor, "balance": balance, **details}
    found["asks"] |= asks
    return found


def a_case(*debts: dict[str, Any], **budget: str) -> str:
    data = case.empty()
    data["debts"] = list(debts)
    data["budget"] |= budget
    return json.dumps(data, ensure_ascii=False)


def test_the_page_s_example() -> None:
    result = run(EXAMPLE)
    assert result["example"] and result["capacity"] == "700.00" and result["level"] == "short"
    # Highest known rate first (24 %, 18 %), the unknown rate last.
    assert [o["name"] for o in result["offers"]] == ["消费贷", "招商信用卡", "网贷甲"]
    assert [o["share"] for o in result["offers"]] == ["175.00", "408.33", "116.67"]
    card = result["offers"][1]
    # 个性化分期 at most 60 期: the principal 25,000 / 60 = 416.666... -> 416.67 a month.
    assert card["term"] == {
        "max_months": 60,
        "base": "25000.00",
        "base_is_principal": True,
        "needed": "416.67",
        "reachable": False,
    }
    # Never 69 months: 60, and what 60 x 408.33 = 24,499.80 leaves of 28,000.
    assert card["clear_months"] == 69 and card["months"] == 60 and card["gap"] == "3500.20"
    assert card["instead"] == ["waive", "first", "lump"]  # no longer term for a card
    assert result["offers"][2]["instead"] == ["waive", "first", "lump", "longer"]
    assert run(EXAMPLE.replace('"8000"', '"8001"'))["example"] is False
    assert run(EXAMPLE.replace("网贷甲", "網貸甲"))["example"]  # the Traditional page's example


def test_every_total_says_what_it_covers() -> None:
    result = run(EXAMPLE)
    assert (result["count"], result["due_count"], result["due_total"]) == (3, 2, "2200.00")
    assert result["shortfall"] is None  # one debt has no 原来每月应还: the gap is not known
    html = render("plan", {"case": EXAMPLE})["html"]
    assert "（3 笔中 2 笔填了）" in html and "合计只算这几笔" in html
    every = a_case(
        debt("a", "甲", "10000", monthly_due="800", overdue_days="30"),
        debt("b", "乙", "10000", monthly_due="700"),
        income="3000",
        essential_expenses="2000",
    )
    assert run(every)["shortfall"] == "500.00"


def test_stop_interest_is_asked_for_every_overdue_debt_unless_unticked() -> None:
    text = a_case(
        debt("a", "逾期无利率", "10000", overdue_days="30"),
        debt("b", "逾期不要停息", "10000", overdue_days="30", asks={"stop_interest": False}),
        debt("c", "未逾期低利率", "10000", rate="4"),
        debt("d", "未逾期高利率", "10000", rate="36"),
        capacity="1000",
    )
    offers = {o["name"]: o for o in run(text)["offers"]}
    assert (
        offers["逾期无利率"]["ask_stop_interest"]
        and offers["逾期无利率"]["basis"] == "stop_interest"
    )
    assert offers["逾期不要停息"]["ask_stop_interest"] is False
    assert offers["逾期不要停息"]["basis"] == "no_rate"  # said: no rate known, no interest assumed
    assert offers["未逾期低利率"]["ask_stop_interest"] is False
    assert offers["未逾期低利率"]["basis"] == "rate"
    assert offers["未逾期高利率"]["ask_stop_interest"]  # 36 % adds more than a fifth
    assert (
        offers["逾期无利率"]["ask_waive_penalty"]
        and not offers["未逾期低利率"]["ask_waive_penalty"]
    )
    html = render("plan", {"case": text})["html"]
    assert "按停息计算" in html and "没填年利率，按以后不再加利息估算" in html
    assert "按年利率 4% 继续计息计算" in html


def test_the_reader_s_own_amount_and_months_are_kept_but_never_past_60() -> None:
    text = a_case(
        debt(
            "a",
            "卡",
            "30000",
            kind="card",
            overdue_days="100",
            asks={"amount": "400", "months": "80"},
        ),
        income="5000",
        essential_expenses="4000",
    )
    (o,) = run(text)["offers"]
    assert (o["amount"], o["amount_chosen"], o["months"], o["months_cut"]) == (
        "400.00",
        True,
        60,
        True,
    )
    assert o["gap"] == "6000.00"


def test_malicious_overdraft_note_only_where_it_applies() -> None:
    def note(**details: str) -> str:
        text = a_case(
            debt("a", "卡", details.pop("balance", "60000"), kind="card", **details),
            capacity="1000",
        )
        return str(run(text)["offers"][0]["malicious"])

    assert note(principal="50000", overdue_days="91") == "over"
    assert note(principal="49999.99", overdue_days="200") == ""
    assert note(principal="60000", overdue_days="90") == ""  # three months, not more
    assert note(overdue_days="120") == "maybe"  # principal not given, balance over 5 万
    assert note(balance="30000", overdue_days="120") == ""
    html = render(
        "plan",
        {
            "case": a_case(
                debt("a", "卡", "60000", kind="card", principal="55000", overdue_days="120"),
                capacity="1000",
            )
        },
    )["html"]
    assert 'href="../guide/sued/#malicious-overdraft"' in html
    assert "只是还不上，不构成恶意透支" in html


def _links(html: str) -> list[tuple[str, dict[str, str]]]:
    found = []
    for href in re.findall(r'href="(\.\./letters/[^"#]+/#[^"]+)"', html):
        url = urlsplit(href.replace("&amp;", "&"))
        found.append((url.path, dict(parse_qsl(url.fragment, keep_blank_values=True))))
    return found


@given(raw_cases())
def test_letter_links_carry_the_creditor_s_offer_and_never_more_than_60_months(
    raw: dict[str, Any],
) -> None:
    try:
        result = run(json.dumps(raw, ensure_ascii=False))
    except calculators.InputError:
        return
    html = render("plan", {"case": json.dumps(raw, ensure_ascii=False)})["html"]
    offers = {o["id"]: o for o in result["offers"]}
    for path, values in _links(html):
        o = offers[values["debt"]]
        assert values["institution"] == o["name"]
        if values.get("months"):
            assert 1 <= int(values["months"]) <= 60
        if "monthly" in values:
            assert values["monthly"] == o["amount"]
        if path.endswith("/installment/") or path.endswith("/written/"):
            assert o["kind"] == "card"
        if path.endswith("/transfer/"):
            assert any(d["sold"] for d in raw["debts"] if d["id"] == o["id"])
        # Nothing personal in a link: no name, ID tail, phone or account tail.
        assert not {"name", "id_tail", "phone", "account"} & set(values)


def test_the_statement_lists_every_debt_s_payment_and_the_name() -> None:
    data = json.loads(EXAMPLE)
    data["person"]["name"] = "张三"
    text = render("plan", {"case": json.dumps(data, ensure_ascii=False)})["files"]["statement"][
        "text"
    ]
    assert (
        "- 消费贷（消费金融公司）：欠 12,000.00 元，原来每月应还 800.00 元；每月还 175.00 元。"
        in text
    )
    assert "- 网贷甲（网络小贷）：欠 8,000.00 元；每月还 116.67 元。" in text
    assert "以上合计每月 700.00 元。" in text
    assert "申请人：张三" in text and "【姓名】" not in text


def test_the_calendar_holds_every_dated_debt_with_stable_uids() -> None:
    data = json.loads(EXAMPLE)
    for d in data["debts"][:2]:
        d["first_due"] = "2026-07-31"
    data["debts"][2]["first_due"] = ""
    first = case.validate(json.dumps(data, ensure_ascii=False))
    file, undated, until = calendar_file(
        calculators.plan.plan(first), dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    )
    assert file is not None and undated == ["消费贷"]
    cal = icalendar.Calendar.from_ical(file.text)
    events = [e for e in cal.walk("VEVENT")]
    assert len(events) == 120  # two debts x 60 months
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 120  # two loans with the same first date never share a UID
    days = sorted({e["DTSTART"].dt for e in events})
    assert (
        days[0] == dt.date(2026, 7, 31)
        and days[1] == dt.date(2026, 8, 31)
        and days[2] == dt.date(2026, 9, 30)
    )
    assert until == "2031-06-30"  # both run 60 months and are not cleared: download again
    # A new amount: the same events (UIDs), updated rather than added.
    data["budget"]["essential_expenses"] = "4900"
    second = case.validate(json.dumps(data, ensure_ascii=False))
    again, _, _ = calendar_file(
        calculators.plan.plan(second), dt.datetime(2026, 6, 2, tzinfo=dt.UTC)
    )
    assert again is not None
    later = [str(e["UID"]) for e in icalendar.Calendar.from_ical(again.text).walk("VEVENT")]
    assert set(later) <= set(uids) and later != []
    assert again.text != file.text


def test_nothing_to_share_and_nothing_known() -> None:
    negative = run(case_from_lines("甲,其他,1000,,100,", income="3000", essential_expenses="3500"))
    assert negative["level"] == "negative" and negative["capacity"] == "-500.00"
    shown = render(
        "plan",
        {"case": case_from_lines("甲,其他,1000,,100,", income="3000", essential_expenses="3500")},
    )
    assert "眼下没有钱可以分给这几家" in shown["html"] and "给每一家的方案" not in shown["html"]
    missing = run(case_from_lines("甲,其他,1000,,100,"))
    assert missing["level"] == "missing" and missing["capacity"] is None
    with pytest.raises(calculators.InputError) as info:
        run(a_case())
    assert info.value.field == "case" and info.value.path == "debts.0.creditor"  # type: ignore[attr-defined]


def test_a_month_that_clears_everything_and_settled_debts() -> None:
    text = a_case(
        debt("a", "甲", "100"),
        debt("b", "乙", "300"),
        debt("c", "丙", "900", status="settled"),
        income="500",
        essential_expenses="0",
    )
    result = run(text)
    assert result["level"] == "clear" and result["settled"] == ["丙"]
    assert [o["share"] for o in result["offers"]] == ["300.00", "100.00"]
    assert {o["months"] for o in result["offers"]} == {1}


def test_hostile_names_are_escaped() -> None:
    text = a_case(debt("a", "<img onerror=1>", "100"), debt("b", '"&x', "100"), capacity="50")
    html = render("plan", {"case": text})["html"]
    assert "<img" not in html and "&lt;img onerror=1&gt;" in html and "&quot;&amp;x" in html


def test_the_shares_add_up_to_the_capacity_to_the_fen() -> None:
    result = run(
        case_from_lines("甲,其他,1000,,,\n乙,其他,2000,,,\n丙,其他,4000,,,", capacity="100")
    )
    assert sum(D(o["share"]) for o in result["offers"]) == D("100.00")
