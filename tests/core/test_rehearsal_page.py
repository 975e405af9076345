"""The rehearsal as a page (calculators/rehearsal.py `calculate`, its view): the round is the
``moves`` box, replayed from the root; the buttons carry the boxes' next values; a round in
another tone starts again; the branches practised are carried from round to round only in
the ``practised`` box."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError, calltree, rehearsal, run
from calculators.web import render

TREE = calltree.load()


def follow(inputs: dict[str, str], picks: list[int]) -> list[dict]:
    """The results of a round in which the reader presses, each turn, the reply at `picks`
    (modulo the replies), setting the boxes as the button says."""
    boxes = dict(inputs)
    results = [run("rehearsal", boxes)]
    for pick in picks:
        now = results[-1]
        if now["finished"]:
            break
        option = now["replies"][pick % len(now["replies"])]
        boxes["moves"] = option["moves"]
        results.append(run("rehearsal", boxes))
    return results


def test_a_fresh_round_starts_at_the_root_with_every_branch_left() -> None:
    r = run("rehearsal", {})
    assert r["node"] == TREE.root and r["last"] == "start" and r["transcript"] == []
    assert r["left"] == list(TREE.branches()) and r["left_count"] == 17
    assert r["values"]["monthly"] == "583.34"  # 28,000 in 48, rounded up to the fen


def test_without_what_is_owed_the_practice_runs_and_says_no_amount() -> None:
    # A kept case of several debts with none chosen yet gives the page no amount: it used to
    # say 请填写现在欠多少 instead of practising (found by issue 27's journey).
    r = run("rehearsal", {"owed": "", "months": "48", "institution": "招行", "limit": "700"})
    assert r["values"] == {
        "creditor": "招行",
        "account_tail": "",
        "owed": "",
        "months": "",
        "monthly": "",
        "limit": "700.00",
    }
    page = render("rehearsal", {"owed": "", "tone": "threat"})
    assert page["ok"] and "calc-rehearsal-them" in page["html"]
    ends = follow({"owed": "", "tone": "threat", "aim": "threat_sue"}, [0] * 10)
    assert ends[-1]["finished"]


def test_a_right_reply_moves_on_and_a_trap_stays_with_its_why() -> None:
    start = run("rehearsal", {"tone": "threat"})
    right = next(o for o in start["replies"] if o["key"] == "choice:0")  # I dialled it
    after = run("rehearsal", {"tone": "threat", "moves": right["moves"]})
    assert after["node"] == "secrets" and after["last"] == "right"
    assert after["transcript"] == [{"node": "start", "reply": right["text"]}]
    trap = next(o for o in after["replies"] if o["key"].startswith("trap"))
    trapped = run("rehearsal", {"tone": "threat", "moves": trap["moves"]})
    assert trapped["node"] == "secrets" and trapped["last"] == "trap"
    assert trapped["why"] == TREE.node("secrets").traps[0].why
    # Pressing the trap again and again does not make the round longer.
    again = next(o for o in trapped["replies"] if o["key"].startswith("trap"))
    assert again["moves"] == trap["moves"]


def test_another_tone_starts_the_round_again() -> None:
    r = run("rehearsal", {"tone": "firm", "moves": "threat|choice:0 say"})
    assert r["node"] == TREE.root and r["last"] == "restart" and r["moves"] == ""


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("moves", "say say"),  # no tone
        ("moves", "threat|jump"),
        ("moves", "threat|choice:9"),  # no such choice at the root
        ("moves", "threat|" + " ".join(["choice:0"] + ["trap:0"] * 60)),
        ("practised", "threat_sue nowhere"),
    ],
)
def test_boxes_that_do_not_fit_the_tree_are_refused_by_name(field: str, value: str) -> None:
    with pytest.raises(InputError) as err:
        run("rehearsal", {"tone": "threat", field: value})
    assert err.value.field == field and "清空这一栏" in str(err.value)


@given(st.sampled_from(calltree.TONES), st.lists(st.integers(0, 20), min_size=30, max_size=30))
def test_any_presses_end_the_round_at_an_end_with_the_path_walked(
    tone: str, picks: list[int]
) -> None:
    results = follow({"tone": tone}, picks)
    last = results[-1]
    # Thirty presses always reach an end: traps do not loop the round for ever (each node
    # has one right reply at least, and picks cycle through the replies).
    assert last["finished"] and last["kind"] in calltree.ENDS and last["replies"] == []
    walked = [s["node"] for s in last["transcript"]] + [last["node"]]
    assert walked[0] == TREE.root
    for before, after in itertools.pairwise(walked):
        assert after in TREE.children(before)
    # What the round visited is what the next round counts as practised.
    visited = {b for b in TREE.branches() if b in walked}
    assert set(last["next_practised"].split()) == visited
    assert set(last["left"]) == set(TREE.branches()) - visited


@pytest.mark.parametrize("tone", calltree.TONES)
def test_round_after_round_the_unpractised_list_shrinks(tone: str) -> None:
    """A reader who gives right replies round after round in one tone (where their own
    situation decides, another one each round): the list of branches left only shrinks, and
    round after round it gets shorter."""
    practised = ""
    counts = []
    for round_ in range(len(TREE.branches())):
        boxes = {"tone": tone, "practised": practised}
        now = run("rehearsal", boxes)
        while not now["finished"]:
            right = [o for o in now["replies"] if not o["key"].startswith("trap")]
            boxes["moves"] = right[round_ % len(right)]["moves"]
            now = run("rehearsal", boxes)
        counts.append(now["left_count"])
        practised = now["next_practised"]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] < len(TREE.branches()) and counts[-1] < counts[0]


def test_a_threatening_branch_to_its_end_by_its_aim() -> None:
    boxes = {"tone": "threat", "aim": "threat_sue"}
    now = run("rehearsal", boxes)
    while not now["finished"]:
        # Where the reader's situation decides, the page marks the choices towards the aim.
        right = [o for o in now["replies"] if not o["key"].startswith("trap")]
        marked = [o for o in right if o["towards"]]
        assert len(right) == 1 or marked
        boxes["moves"] = (marked or right)[0]["moves"]
        now = run("rehearsal", boxes)
    visited = [s["node"] for s in now["transcript"]]
    assert "threat_sue" in visited and "threat_sue" not in now["left"]


def test_an_aim_the_tone_cannot_reach_is_said() -> None:
    r = run("rehearsal", {"tone": "polite", "aim": "threat_visit"})
    assert r["aim_reachable"] is False
    shown = render("rehearsal", {"tone": "polite", "aim": "threat_visit"})["html"]
    assert "在客气的语气里不会出现" in shown


def _sets(html: str) -> list[dict[str, str]]:
    return [json.loads(m.replace("&quot;", '"')) for m in re.findall(r'data-set="([^"]*)"', html)]


def test_the_view_buttons_carry_the_next_boxes_and_one_is_focused() -> None:
    shown = render("rehearsal", {"tone": "threat", "institution": "某某银行"})
    html = shown["html"]
    result = run("rehearsal", {"tone": "threat", "institution": "某某银行"})
    assert [s["moves"] for s in _sets(html)[:-1]] == [o["moves"] for o in result["replies"]]
    assert _sets(html)[-1] == {"moves": ""}  # 这一轮从头再练
    assert html.count("data-focus") == 1
    assert "某某银行" in html and "{creditor}" not in html
    assert shown["summary"].startswith("对方（威胁）说：")


def test_the_end_of_a_round_lists_what_is_left_and_offers_the_next_round() -> None:
    boxes = {"tone": "threat", "aim": "threat_sue"}
    result = follow(boxes, [1] * 30)[-1]
    shown = render("rehearsal", {**boxes, "moves": result["moves"]})
    assert f"还没练过的 {result['left_count']} 种情况" in shown["html"]
    assert "../callcard/#call-" in shown["html"]
    assert _sets(shown["html"]) == [{"moves": "", "practised": result["next_practised"]}]
    assert "没练过" in shown["summary"]


def test_the_rehearsal_module_stays_usable_without_its_page() -> None:
    # The pure core keeps its own interface for the tests above it.
    t = rehearsal.turn(TREE, "polite", [TREE.root])
    assert t.node == TREE.root


def test_a_kept_debt_fills_the_practice_and_is_not_refused_by_an_example_limit() -> None:
    """The boxes the case fills (the plan's ask for that debt: 8 x 1,250.00) make a round
    with the debt's own numbers; no example figure of another page stands in the way."""
    from calculators import case as model
    from calculators import casefill

    data = model.empty()
    debt = model.blank_debt("d1")
    debt.update(creditor="网贷甲", kind="online_micro", balance="10000", account_tail="5678")
    data["debts"].append(debt)
    data["budget"].update(income="7000", essential_expenses="4500")
    inputs = casefill.inputs_for("rehearsal", model.validate_data(data), "d1")
    assert inputs["institution"] == "网贷甲" and inputs["owed"] == "10000.00"
    result = run("rehearsal", inputs)
    assert result["values"]["creditor"] == "网贷甲"
    assert result["values"]["monthly"] == inputs["monthly"] != ""
