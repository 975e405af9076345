"""我的协商方案 (calculators/plan.py): the order, the split and each creditor's offer."""

from __future__ import annotations

from decimal import Decimal as D

import calculators
from calculators.web import render

DEBTS = (
    "信用卡,银行信用卡,28000,18,1400,45\n网贷甲,网络小贷,8000,36,900,60\n"
    "消费贷,消费金融公司,12000,24,800,30"
)


def run(**inputs: str) -> dict:
    return calculators.run("plan", inputs)


def test_worked_example() -> None:
    result = run(debts=DEBTS, income="6000", essential_expenses="4000")
    assert result["capacity"] == "2000.00" and result["level"] == "short"
    assert result["shortfall"] == "1100.00"  # 1400 + 900 + 800 - 2000
    # Highest rate first: 36 %, 24 %, 18 %.
    assert [o["name"] for o in result["offers"]] == ["网贷甲", "消费贷", "信用卡"]
    assert [o["share"] for o in result["offers"]] == ["333.33", "500.00", "1166.67"]
    assert sum(D(o["share"]) for o in result["offers"]) == D("2000.00")
    first = result["offers"][0]
    # 8000 / 333.33 = 24.0002 -> 25 months without interest; at 36 % it takes 44.
    assert first["months_no_interest"] == 25 and first["months_with_interest"] == 44
    assert first["ask_stop_interest"] and first["ask_waive_penalty"] and first["below_minimum"]


def test_nothing_to_share() -> None:
    result = run(debts=DEBTS, income="3000", essential_expenses="3500")
    assert result["level"] == "negative" and result["capacity"] == "-500.00"
    assert {o["share"] for o in result["offers"]} == {"0.00"}
    assert all(o["months_no_interest"] is None for o in result["offers"])
    assert result["shortfall"] == "3100.00"
    shown = render("plan", {"debts": DEBTS, "income": "3000", "essential_expenses": "3500"})
    assert "眼下没有钱可以分给债权方" in shown["html"]
    assert "给每一家的方案" not in shown["html"]


def test_enough_for_the_minimums_and_blank_rates_last() -> None:
    result = run(
        debts="甲,其他,1000,,100,\n乙,银行贷款,1000,5,100,\n丙,其他,3000,,100,",
        income="6000",
        essential_expenses="4000",
    )
    assert result["level"] == "enough"
    assert [o["name"] for o in result["offers"]] == ["乙", "丙", "甲"]
    assert not any(o["ask_waive_penalty"] for o in result["offers"])
    assert not any(o["below_minimum"] for o in result["offers"])


def test_a_long_card_plan_is_flagged() -> None:
    result = run(debts="卡,银行信用卡,100000,18,3000,90", income="3000", essential_expenses="2000")
    (offer,) = result["offers"]
    assert offer["months_no_interest"] == 100 and offer["card_too_long"]
    assert offer["months_with_interest"] is None  # 1000 a month does not cover 1500 interest


def test_view_statement_checklist_and_links() -> None:
    shown = render("plan", {"debts": DEBTS, "income": "6000", "essential_expenses": "4000"})
    assert shown["ok"]
    html = shown["html"]
    assert html.count('class="calc-offer"') == 3
    assert html.count('type="checkbox" data-check=') == 9
    assert "../calculators/negotiate/#principal=8000.00" in html
    statement = shown["files"]["statement"]
    assert statement["name"] == "收支说明.txt"
    assert "每月最多能拿出来还债：2,000.00 元" in statement["text"]
    assert (
        "网贷甲（网络小贷）：欠 8,000.00 元，原来每月应还 900.00 元；"
        "按欠款比例，每月可还 333.33 元。" in statement["text"]
    )


def test_hostile_names_are_escaped() -> None:
    shown = render(
        "plan",
        {
            "debts": '<img onerror=1>,其他,100,,,\n"&,其他,100,,,',
            "income": "500",
            "essential_expenses": "0",
        },
    )
    assert "<img" not in shown["html"]
    assert "&lt;img onerror=1&gt;" in shown["html"]
    assert "&quot;&amp;" in shown["html"]


def test_a_month_that_clears_everything() -> None:
    result = run(debts="甲,其他,100,,,\n乙,其他,300,,,", income="500", essential_expenses="0")
    assert result["level"] == "clear"
    assert [o["share"] for o in result["offers"]] == ["300.00", "100.00"]
    assert {o["months_no_interest"] for o in result["offers"]} == {1}
