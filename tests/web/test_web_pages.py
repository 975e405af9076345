"""The calculator pages: front matter, the widget first, the agreed sections, and worked
examples whose numbers are exactly what the calculators give today.

If a calculator's arithmetic changes, the page's example must change with it: these tests
recompute every figure the pages quote.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from calculators import NAMES as ALL_NAMES
from calculators import run
from calculators.web.format import yuan
from tests.result_paths import resolve as get

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = DOCS / "calculators"
SECTIONS = ("reading", "formula", "example", "pitfalls", "related")
# The calculators with a page of their own under calculators/ (letters have theirs elsewhere).
NAMES = [n for n in ALL_NAMES if (PAGES / f"{n}.md").is_file()]


def page(name: str) -> str:
    return (PAGES / f"{name}.md").read_text(encoding="utf-8")


def front_matter(text: str) -> dict[str, str]:
    match = re.match(r"^---\n(.*?)\n---\n", text, flags=re.S)
    assert match, "front matter first"
    out = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


# Each page's worked example: the inputs, and (result path, how the page writes it).
WORKED: dict[str, tuple[dict[str, str], list[tuple[str, str]]]] = {
    "schedule": (
        {"principal": "50000", "annual_rate": "18", "months": "24", "method": "equal_payment"},
        [
            ("monthly_payment", "2,496.21 元"),
            ("last_payment", "2,496.09 元"),
            ("total_payment", "59,908.92 元"),
            ("interest_sum", "9,908.92 元"),
            ("apr", "18.00%"),
            ("apr_effective", "19.56%"),
            ("rows.0.balance", "48,253.79 元"),
        ],
    ),
    "apr": (
        {"principal": "100000", "months": "12", "upfront_fee": "1000", "payment": "8833.30"},
        [
            ("net_disbursed", "99,000.00 元"),
            ("total_payment", "105,999.60 元"),
            ("total_cost", "6,999.60 元"),
            ("monthly_irr", "1.0670%"),
            ("apr", "12.80%"),
            ("apr_effective", "13.58%"),
            ("naive_rate", "7.00%"),
        ],
    ),
    "overdue": (
        {"amount": "10000", "days": "90", "daily_rate": "0.05", "compounding": "simple"},
        [("penalty", "450.00 元"), ("total_due", "10,450.00 元"), ("annual_equivalent", "18.25%")],
    ),
    "negotiate": (
        {
            "principal": "30000",
            "interest": "2000",
            "penalty": "3000",
            "fees": "0",
            "months": "36",
            "annual_rate": "0",
            "waive_penalty": "1",
            "settlement_discount": "30",
            "capacity": "1500",
        },
        [
            ("owed", "35,000.00 元"),
            ("financed", "32,000.00 元"),
            ("scenarios.instalment.monthly", "888.89 元"),
            ("scenarios.instalment.last_payment", "888.85 元"),
            ("scenarios.instalment.saving", "3,000.00 元"),
            ("scenarios.settlement.total", "24,500.00 元"),
            ("scenarios.settlement.saving", "10,500.00 元"),
            ("months_at_capacity", "22 个月"),
            ("breakeven_rate", "18.26%"),
        ],
    ),
    "payoff": (
        {"debts": "信用卡,3000,18,150\n网贷甲,8000,36,400\n网贷乙,12000,24,600", "budget": "2000"},
        [
            ("avalanche.months", "14 个月"),
            ("avalanche.total_interest", "3,641.28 元"),
            ("avalanche.payoff_month.网贷甲", "第 8 个月"),
            ("avalanche.payoff_month.网贷乙", "第 13 个月"),
            ("snowball.payoff_month.信用卡", "第 4 个月"),
            ("snowball.payoff_month.网贷甲", "第 10 个月"),
            ("snowball.total_interest", "3,979.54 元"),
            ("interest_saved", "338.26 元"),
            ("minimum_total", "1,150 元"),
        ],
    ),
    "allocate": (
        {
            "debts": "信用卡,3000,18,150\n网贷甲,8000,36,400\n网贷乙,12000,24,600",
            "available": "2000",
        },
        [
            ("shares.0.share", "260.87 元"),
            ("shares.1.share", "695.65 元"),
            ("shares.2.share", "1,043.48 元"),
            ("minimum_total", "1,150 元"),
        ],
    ),
    "budget": (
        {"income": "8000", "essential_expenses": "4500", "debt_payments": "4000"},
        [("capacity", "3,500.00 元"), ("shortfall", "500.00 元"), ("debt_to_income", "50.00%")],
    ),
    "emergency": (
        {"monthly_expenses": "4000", "current_savings": "2000", "monthly_saving": "500"},
        [
            ("target_min", "12,000.00 元"),
            ("target_max", "24,000.00 元"),
            ("gap_min", "10,000.00 元"),
            ("months_to_goal", "20 个月"),
            ("months_to_max", "44 个月"),
            ("months_covered", "0.5 个月"),
        ],
    ),
}


def written(value: Any, shown: str) -> str:
    """How the page should write `value`, in the same shape as `shown`."""
    if shown.startswith("第 "):
        return f"第 {value} 个月"
    if shown.endswith("%"):
        return f"{value}%"
    if shown.endswith("个月"):
        return f"{value} 个月"
    if shown.endswith(".00 元") or re.search(r"\.\d\d 元$", shown):
        return f"{yuan(value)} 元"
    return f"{yuan(str(value).removesuffix('.00'))} 元"


@pytest.mark.parametrize("name", ["index", *NAMES])
def test_front_matter(name: str) -> None:
    meta = front_matter(page(name))
    assert meta["title"] and meta["description"]
    # Reviewed on a real day, not in the future (the pages were checked on different days).
    assert dt.date(2026, 11, 21) <= dt.date.fromisoformat(str(meta["reviewed"])) <= dt.date.today()
    assert meta["description"].endswith("。")


@pytest.mark.parametrize("name", NAMES)
def test_widget_first_then_the_sections(name: str) -> None:
    text = page(name)
    assert text.count(f"<!-- calc:{name} -->") == 1
    assert text.index(f"<!-- calc:{name} -->") < text.index("\n## ")
    for anchor in SECTIONS:
        assert f"{{ #{anchor} }}" in text, anchor
    assert "## 怎么看结果 { #reading }" in text
    for heading in re.findall(r"^#{1,4} .*$", text, flags=re.M):
        assert re.search(r"\{ #[a-z0-9-]+ \}$", heading), heading


@pytest.mark.parametrize("name", NAMES)
def test_worked_example_is_what_the_calculator_gives(name: str) -> None:
    inputs, figures = WORKED[name]
    result = run(name, inputs)
    if name == "schedule":
        result = {**result, "rows": {str(i): r for i, r in enumerate(result["rows"])}}
    example = page(name).split("{ #example }", 1)[1].split("\n## ", 1)[0]
    for path, shown in figures:
        assert written(get(result, path), shown) == shown, path
        assert shown in example, f"{name}: {shown} ({path}) not in the worked example"


def test_index_lists_every_calculator() -> None:
    # The table is drawn from the registry (tests/test_registry_lists.py checks each PURPOSE).
    assert "<!-- calculators:table -->" in page("index")


@pytest.mark.parametrize("name", ["index", *NAMES])
def test_relative_links_point_at_pages(name: str) -> None:
    for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[\w-]+)?\)", page(name)):
        assert (PAGES / target).resolve().is_file(), target


@pytest.mark.parametrize("name", ["index", *NAMES])
def test_anchors_exist_in_the_linked_page(name: str) -> None:
    for target, anchor in re.findall(r"\]\(([^)#\s]*\.md)?#([\w-]+)\)", page(name)):
        path = (PAGES / target).resolve() if target else PAGES / f"{name}.md"
        assert f"{{ #{anchor} }}" in path.read_text(encoding="utf-8"), f"{target}#{anchor}"
