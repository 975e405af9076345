"""The plan reads the case's agreements (issue 27, items 1, 8 to 10: calculators/
plan_agreements.py, calculators/web/plan_agreement.py): each creditor's card links to its call
card and its agreement record with that debt's id; a debt with an agreement shows its status
in words with a mark, the next due date and days left, and n of N, counted on the plan's
"today"; 这期还不上 from 3 days before a due date and after a missed one, leading to the
adjustment request on the agreement page for that debt only."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal as D
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

import calculators
from calculators import agreement, ics
from calculators import case as model
from calculators.case_agreements import with_record
from calculators.plan import EXAMPLE
from calculators.web import render


def kept_case(payments: tuple[str, ...] = ("2027-01-14", "2027-02-15")) -> str:
    """The plan's example with a 60-instalment agreement for the card (ex1): 500 a month
    from 2027-01-15, 3 days' grace."""
    data = model.validate(EXAMPLE)
    rec = agreement.new(
        "ex1",
        "instalment",
        dt.date(2026, 12, 8),
        dt.date(2027, 1, 15),
        60,
        D("30000"),
        D("500"),
        "",
        3,
        "app",
    )
    for day in payments:
        rec = agreement.add_payment(rec, dt.date.fromisoformat(day), D("500"), "", "app")
    return model.to_json(model.validate_data(with_record(data, rec)))


def card_html(page: str, debt_id: str) -> str:
    start = page.index(f'id="calc-debt-{debt_id}"')
    return page[start : page.index("</li>", page.index('calc-offer-log"', start))]


def links(card: str, cls: str) -> list[dict[str, str]]:
    found = re.findall(rf'<a class="{cls}"[^>]* href="([^"]+)"', card)
    return [dict(parse_qsl(urlsplit(html.unescape(h)).fragment)) for h in found]


def shown(today: str, payments: tuple[str, ...] = ("2027-01-14", "2027-02-15")) -> str:
    return render("plan", {"case": kept_case(payments), "today": today})["html"]


def test_every_card_links_to_its_own_call_card_and_agreement_page() -> None:
    page = render("plan", {"case": EXAMPLE})["html"]
    for debt_id in ("ex1", "ex2", "ex3"):
        card = card_html(page, debt_id)
        (call,) = links(card, "calc-offer-callcard")
        (record,) = links(card, "calc-offer-agreement")
        assert call["debt"] == record["debt"] == debt_id
        assert "payments" not in record  # no agreement yet: nothing but the creditor
        assert "谈妥了：记下还款协议" in card
        assert "data-status" not in card
    card = card_html(page, "ex1")
    (call,) = links(card, "calc-offer-callcard")
    assert (call["institution"], call["owed"], call["monthly"], call["limit"]) == (
        "招商信用卡",
        "28000.00",
        "408.33",
        "408.33",
    )


@pytest.mark.parametrize(
    ("today", "code", "word", "due_text", "shortfall"),
    [
        ("2027-03-11", "ok", "正常", "2027-03-15 到期（还有 4 天）", False),
        ("2027-03-12", "ok", "正常", "2027-03-15 到期（还有 3 天）", True),
        ("2027-03-15", "due_today", "今天到期", "2027-03-15 到期（就是今天）", True),
        ("2027-03-17", "grace", "宽限期还剩 1 天", "2027-03-15 到期（已经过了）", True),
        ("2027-03-20", "overdue", "已逾期 5 天", "2027-03-15 到期（已经过了）", True),
    ],
)
def test_the_card_shows_the_status_on_today(
    today: str, code: str, word: str, due_text: str, shortfall: bool
) -> None:
    card = card_html(shown(today), "ex1")
    assert f'data-status="{code}"><strong>{word}</strong>' in card
    assert f"（按 {today} 算）" in card
    assert f"第 3 期 {due_text}" in card
    assert "已还清 2/60 期，还剩 29,000.00 元" in card
    assert ("这期还不上" in card) is shortfall
    # The other creditors have no agreement: no status on their cards.
    assert "data-status" not in card_html(shown(today), "ex3")


def test_settled_shows_n_of_n_and_no_shortfall() -> None:
    days = [ics.add_months(dt.date(2027, 1, 15), n).isoformat() for n in range(60)]
    card = card_html(shown("2032-01-20", tuple(days)), "ex1")
    assert 'data-status="settled"><strong>已结清</strong>' in card
    assert "已还清 60/60 期" in card
    assert "这期还不上" not in card


def test_the_shortfall_link_opens_the_adjustment_request_for_this_debt_only() -> None:
    card = card_html(shown("2027-03-13"), "ex1")
    (link,) = links(card, "calc-action")
    assert link["debt"] == "ex1" and link["new_monthly"] == "408.33"
    inputs: dict[str, Any] = {k: v for k, v in link.items() if k != "debt"}
    # The budget's share needs 72 期 for the 29,000 left, beyond a card's 个性化分期: the page
    # says so at the box, with the least that fits, and the reader types it.
    short = render("agreement_record", {**inputs, "today": "2027-03-13"})
    assert not short["ok"] and short["field"] == "new_monthly"
    assert "第七十条" in short["message"] and "至少要 483.34 元" in short["message"]
    inputs["new_monthly"] = "483.34"
    answer = render("agreement_record", {**inputs, "today": "2027-03-13"})
    assert answer["ok"], answer
    letter = answer["files"]["adjust"]["text"]
    assert "招商信用卡：" in letter and "还清了 2/60 期" in letter
    for other in ("网贷甲", "消费贷"):
        assert other not in letter
    # The page opened by the link counts as the plan did.
    result = calculators.run("agreement_record", {**inputs, "today": "2027-03-13"})
    assert (result["status"]["paid_count"], result["status"]["left"]) == (2, "29000.00")


def test_the_agreement_link_carries_the_record_as_the_page_reads_it() -> None:
    card = card_html(shown("2027-03-13"), "ex1")
    (record,) = links(card, "calc-offer-agreement")
    assert record["payments"] == "2027-01-14,500.00,,app\n2027-02-15,500.00,,app"
    inputs = {k: v for k, v in record.items() if k != "debt"}
    result = calculators.run("agreement_record", {**inputs, "today": "2027-03-13"})
    kept = model.validate(kept_case())["agreements"]["ex1"][-1]
    assert result["record"]["schedule"] == kept["schedule"]
    assert result["record"]["payments"] == kept["payments"]


def test_the_today_boxes_take_the_device_date() -> None:
    from calculators.web.widget import widget_html

    for calc in ("plan", "agreement_record"):
        assert re.search(
            r'<input type="date"[^>]*name="today"[^>]*data-today', widget_html(calc, {})
        )
    assert "data-today" not in widget_html("aftercall", {})


def test_the_card_links_to_after_the_call_for_its_debt() -> None:
    page = render("plan", {"case": EXAMPLE})["html"]
    for debt_id in ("ex1", "ex2", "ex3"):
        (after,) = links(card_html(page, debt_id), "calc-offer-aftercall")
        assert after["debt"] == after["debt_id"] == debt_id


def test_after_the_call_opens_the_agreement_page_with_the_same_record() -> None:
    inputs = {"debt_id": "ex1", "institution": "招商信用卡", "first_due": "2026-12-15"}
    made = calculators.run("aftercall", inputs)["record"]
    page = render("aftercall", inputs)["html"]
    (link,) = links(page, "calc-aftercall-agreement")
    assert link["debt"] == "ex1" and link["periods"] == "60"
    opened = calculators.run(
        "agreement_record",
        {**{k: v for k, v in link.items() if k != "debt"}, "payments": "", "today": "2027-03-13"},
    )
    assert opened["record"]["schedule"] == made["schedule"]
    assert opened["record"]["total"] == made["total"] == "30000.00"
