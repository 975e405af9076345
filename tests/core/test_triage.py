"""一分钟自查: exact reading orders for representative answers, and rules that hold for every
combination of answers (calculators/triage.py)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

import calculators
from calculators import InputError
from calculators.triage import COURT, KINDS, MONEY_LEFT, OVERDUE, REASONS, calculate

DOCS = Path(__file__).resolve().parents[2] / "docs"
KIND_NAMES = [name for name, _ in KINDS]


def run(**inputs: str) -> dict[str, Any]:
    return calculators.run("triage", inputs)


def order(result: dict[str, Any]) -> list[str]:
    """The steps as "page (reason)", the way the module docstring's table writes them."""
    return [f"{s['page']} ({s['reason']})" for s in result["steps"]]


def all_answers() -> list[dict[str, Any]]:
    """Every combination of answers the form can give: 2^5 x 4 x 4 x 2 x 2 x 2 x 3."""
    out = []
    for kinds in itertools.product((False, True), repeat=len(KINDS)):
        for overdue, court, money_left in itertools.product(
            [v for v, _ in OVERDUE], [v for v, _ in COURT], [v for v, _ in MONEY_LEFT]
        ):
            for contacts, agent, sold in itertools.product((False, True), repeat=3):
                out.append(
                    {
                        **dict(zip(KIND_NAMES, kinds, strict=True)),
                        "overdue": overdue,
                        "court": court,
                        "contacts_called": contacts,
                        "agent_offer": agent,
                        "debt_sold": sold,
                        "money_left": money_left,
                    }
                )
    return out


ALL = all_answers()


# --- representative answers, exactly -------------------------------------------------------


def test_the_defaults() -> None:
    # A card and an online loan, less than a month late, no court, some money but not enough.
    result = run()
    assert order(result) == [
        "guide/prepare (start)",
        "calculators/budget (capacity)",
        "calculators/allocate (not_enough)",
        "guide/negotiate (talk)",
        "guide/outcomes (card_plan)",
        "calculators/negotiate (compare)",
        "guide/lenders (online_loan)",
    ]
    assert result["kinds"] == ["card", "online_loan"]
    assert result["urgency"] == "steady" and result["note"] == "behind"
    assert result["tools"] == ["budget", "allocate", "negotiate"]
    assert (result["guide_count"], result["tool_count"]) == (4, 3)


def test_summoned_and_contacts_called() -> None:
    result = run(court="summoned", contacts_called="1")
    assert order(result) == [
        "guide/sued (summoned)",
        "guide/family (contacts_called)",
        "guide/collection-rights (contacts_called)",
        "guide/prepare (court_plan)",
        "calculators/budget (capacity)",
        "calculators/allocate (not_enough)",
        "guide/negotiate (talk)",
        "guide/outcomes (card_plan)",
        "calculators/negotiate (compare)",
        "guide/lenders (online_loan)",
        "guide/support (pressure)",
    ]
    assert result["urgency"] == "court" and result["note"] == "summoned"


def test_judged_card_long_overdue_nothing_left() -> None:
    result = run(
        card="1", online_loan="0", overdue="over_3m", court="judged", money_left="almost_none"
    )
    assert order(result) == [
        "guide/enforcement (judged)",
        "guide/why-overdue (card_over_3m)",
        "guide/prepare (court_plan)",
        "calculators/budget (capacity)",
        "calculators/allocate (not_enough)",
        "guide/negotiate (talk)",
        "guide/support (pressure)",
    ]
    assert result["urgency"] == "court" and result["note"] == "judged"
    assert result["tools"] == ["budget", "allocate"]


def test_threatened_with_a_lawsuit() -> None:
    result = run(overdue="1_to_3m", court="threatened")
    assert order(result) == [
        "guide/sued (threatened)",
        "guide/prepare (start)",
        "calculators/budget (capacity)",
        "calculators/allocate (not_enough)",
        "guide/negotiate (talk)",
        "guide/outcomes (card_plan)",
        "calculators/negotiate (compare)",
        "guide/lenders (online_loan)",
        "guide/if-refused (no_deal)",
    ]
    assert result["urgency"] == "pressure" and result["note"] == "threatened"


def test_not_yet_late_one_bank_loan_enough_for_the_minimum() -> None:
    result = run(
        card="0", bank_loan="1", online_loan="0", overdue="not_yet", money_left="enough_minimum"
    )
    assert order(result) == [
        "guide/prepare (start)",
        "calculators/budget (capacity)",
        "guide/negotiate (early)",
        "guide/outcomes (options)",
        "calculators/negotiate (compare)",
    ]
    assert result["urgency"] == "steady" and result["note"] == "not_yet"
    assert result["tools"] == ["budget", "negotiate"]


def test_paid_agent_offer_with_two_kinds_and_enough_for_the_minimum() -> None:
    result = run(
        card="1",
        consumer_finance="1",
        online_loan="0",
        agent_offer="1",
        money_left="enough_minimum",
    )
    assert order(result) == [
        "guide/agent-scams (agent_offer)",
        "guide/prepare (start)",
        "calculators/budget (capacity)",
        "calculators/payoff (several)",
        "guide/negotiate (talk)",
        "guide/outcomes (card_plan)",
        "calculators/negotiate (compare)",
    ]
    assert result["urgency"] == "pressure" and result["note"] == "agent_offer"


def test_debt_sold_long_overdue_nothing_left() -> None:
    result = run(
        card="0",
        bank_loan="1",
        online_loan="0",
        other="1",
        overdue="over_3m",
        debt_sold="1",
        money_left="almost_none",
    )
    assert order(result) == [
        "guide/debt-sold (debt_sold)",
        "guide/prepare (start)",
        "calculators/budget (capacity)",
        "calculators/allocate (not_enough)",
        "guide/negotiate (talk)",
        "guide/outcomes (options)",
        "calculators/negotiate (compare)",
        "guide/if-refused (no_deal)",
        "guide/support (pressure)",
    ]
    assert result["urgency"] == "pressure" and result["note"] == "debt_sold"


def test_everything_at_once() -> None:
    result = run(
        **dict.fromkeys(KIND_NAMES, "1"),
        overdue="over_3m",
        court="judged",
        contacts_called="1",
        agent_offer="1",
        debt_sold="1",
        money_left="almost_none",
    )
    assert order(result) == [
        "guide/enforcement (judged)",
        "guide/family (contacts_called)",
        "guide/collection-rights (contacts_called)",
        "guide/agent-scams (agent_offer)",
        "guide/debt-sold (debt_sold)",
        "guide/why-overdue (card_over_3m)",
        "guide/prepare (court_plan)",
        "calculators/budget (capacity)",
        "calculators/allocate (not_enough)",
        "guide/negotiate (talk)",
        "guide/support (pressure)",
    ]
    assert result["kinds"] == KIND_NAMES


def test_no_kind_ticked() -> None:
    result = run(card="0", online_loan="0", money_left="enough_minimum")
    assert order(result) == [
        "guide/prepare (start)",
        "calculators/budget (capacity)",
        "guide/negotiate (talk)",
        "guide/outcomes (options)",
        "calculators/negotiate (compare)",
    ]
    assert result["kinds"] == [] and result["note"] == "behind"


def test_contacts_called_online_loan_long_overdue() -> None:
    result = run(card="0", overdue="over_3m", contacts_called="1", money_left="enough_minimum")
    assert order(result) == [
        "guide/family (contacts_called)",
        "guide/collection-rights (contacts_called)",
        "guide/prepare (start)",
        "calculators/budget (capacity)",
        "guide/negotiate (talk)",
        "guide/outcomes (options)",
        "calculators/negotiate (compare)",
        "guide/lenders (online_loan)",
        "guide/if-refused (no_deal)",
        "guide/support (pressure)",
    ]
    assert result["urgency"] == "pressure" and result["note"] == "contacts_called"


# --- the form's words are accepted too --------------------------------------------------------


def test_labels_and_yes_no_words() -> None:
    by_code = run(court="judged", contacts_called="1", money_left="almost_none")
    by_words = run(court="已经判决", contacts_called="是", money_left="几乎没有")
    assert by_words == by_code


def test_a_bad_choice_names_its_field() -> None:
    with pytest.raises(InputError) as err:
        run(court="maybe")
    assert err.value.field == "court" and "没有" in err.value.message
    with pytest.raises(InputError) as err:
        run(agent_offer="也许")
    assert err.value.field == "agent_offer"


# --- every combination ---------------------------------------------------------------------


def test_every_combination_is_counted() -> None:
    assert len(ALL) == 2**5 * 4 * 4 * 2**3 * 3 == 12288


def test_every_combination_gives_steps_each_page_once_with_a_known_reason() -> None:
    for answers in ALL:
        result = calculate(**answers)
        pages = [s["page"] for s in result["steps"]]
        assert pages, answers
        assert len(pages) == len(set(pages)), answers
        for step in result["steps"]:
            assert step["reason"] in REASONS[step["page"]], (answers, step)
        assert result["tools"] == [
            p.removeprefix("calculators/") for p in pages if p.startswith("calculators/")
        ]
        assert set(result["tools"]) <= set(calculators.NAMES)
        assert result["tool_count"] == len(result["tools"])
        assert result["guide_count"] + result["tool_count"] == len(pages)


def test_court_pages_come_first() -> None:
    for answers in ALL:
        first = calculate(**answers)["steps"][0]
        if answers["court"] == "summoned":
            assert first == {"page": "guide/sued", "reason": "summoned"}
        elif answers["court"] == "judged":
            assert first == {"page": "guide/enforcement", "reason": "judged"}
        elif answers["court"] == "threatened":
            assert first == {"page": "guide/sued", "reason": "threatened"}


def test_urgent_pages_before_the_ordinary_path() -> None:
    urgent = {
        "guide/enforcement",
        "guide/sued",
        "guide/family",
        "guide/collection-rights",
        "guide/agent-scams",
        "guide/debt-sold",
        "guide/why-overdue",
    }
    for answers in ALL:
        pages = [s["page"] for s in calculate(**answers)["steps"]]
        at = pages.index("guide/prepare")
        assert set(pages[:at]) <= urgent and not set(pages[at:]) & urgent, answers
        # The ordinary path: prepare, what one can pay, the split or order, how to negotiate.
        assert pages[at : at + 2] == ["guide/prepare", "calculators/budget"]
        tool = pages[at + 2]
        assert tool == "guide/negotiate" or pages[at + 3] == "guide/negotiate", answers
        if answers["contacts_called"]:
            i = pages.index("guide/family")
            assert pages[i + 1] == "guide/collection-rights"
            assert all(
                pages.index(p) > i for p in ("guide/agent-scams", "guide/debt-sold") if p in pages
            )


def test_each_answer_brings_its_page() -> None:
    for answers in ALL:
        result = calculate(**answers)
        pages = {s["page"] for s in result["steps"]}
        in_court = answers["court"] in ("summoned", "judged")
        assert ("guide/family" in pages) == answers["contacts_called"]
        assert ("guide/agent-scams" in pages) == answers["agent_offer"]
        assert ("guide/debt-sold" in pages) == answers["debt_sold"]
        assert ("guide/enforcement" in pages) == (answers["court"] == "judged")
        assert ("guide/sued" in pages) == (answers["court"] in ("summoned", "threatened"))
        assert ("guide/support" in pages) == (
            answers["money_left"] == "almost_none" or in_court or answers["contacts_called"]
        )
        assert ("calculators/allocate" in pages) == (answers["money_left"] != "enough_minimum")
        assert ("guide/why-overdue" in pages) == (
            answers["card"] and answers["overdue"] == "over_3m"
        )
        assert (result["urgency"] == "court") == in_court


def test_every_reason_is_reachable() -> None:
    seen = {(s["page"], s["reason"]) for a in ALL for s in calculate(**a)["steps"]}
    assert seen == {(page, reason) for page, reasons in REASONS.items() for reason in reasons}
    notes = {calculate(**a)["note"] for a in ALL}
    assert notes == {
        "judged",
        "summoned",
        "threatened",
        "contacts_called",
        "agent_offer",
        "debt_sold",
        "almost_none",
        "not_yet",
        "behind",
    }
    assert {calculate(**a)["urgency"] for a in ALL} == {"court", "pressure", "steady"}


def test_every_page_a_step_names_exists() -> None:
    for page in REASONS:
        assert (DOCS / f"{page}.md").is_file(), page
