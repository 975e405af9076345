"""The rehearsal (calculators/rehearsal.py and its view): the creditor's lines by tone, the reply
choices, traps that keep the reader where they are, the creditor's moves, and the branches
left to practise."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError, calltree, rehearsal
from calculators.web.views.rehearsal import answer_html, turn_html, unpractised_html

TREE = calltree.load()


def play(tone: str, practised: list[tuple[str, ...]], aim: str | None = None) -> tuple[str, ...]:
    """One rehearsal to its end, always giving a right reply; where the reader's own situation
    decides, the one towards `aim`, else towards a branch not practised yet, else the first."""
    path: tuple[str, ...] = (TREE.root,)
    left = set(rehearsal.unpractised(TREE, practised))
    while True:
        turn = rehearsal.turn(TREE, tone, path)
        if turn.finished:
            return path
        right = [r for r in turn.replies if not r.key.startswith("trap")]
        choice = right[0]
        if len(right) > 1:
            target = {aim} if aim else left
            goals = [target, _reach_all(target)]
            for goal in goals:
                towards = [r for r in right if _target(path, r.key) in goal]
                if towards:
                    choice = towards[0]
                    break
        path = rehearsal.answer(TREE, tone, path, choice.key, practised, aim).path


def _target(path: tuple[str, ...], key: str) -> str:
    return TREE.node(path[-1]).choices[int(key.split(":")[1])].to


def _reach_all(goal: set[str]) -> set[str]:
    """The nodes from which a node of `goal` lies ahead."""
    return {p[i] for p in TREE.paths() for i in range(len(p)) if goal & set(p[i:])}


def test_the_first_turn_in_each_tone() -> None:
    lines = {tone: rehearsal.turn(TREE, tone, ["start"]).creditor for tone in calltree.TONES}
    assert lines == TREE.node("start").them
    assert len(set(lines.values())) == 3
    turn = rehearsal.turn(TREE, "polite", ["start"])
    keys = sorted(r.key for r in turn.replies)
    assert keys == ["choice:0", "choice:1", "choice:2", "choice:3", "trap:0"]
    assert turn.card == TREE.node("start").say and not turn.finished


def test_a_trap_keeps_the_reader_where_they_are_and_says_why() -> None:
    path = ("start", "secrets")
    result = rehearsal.answer(TREE, "threat", path, "trap:0")
    assert not result.correct and result.path == path
    assert "验证码" in result.why
    assert "换一种说法更稳妥" in answer_html(result)


def test_the_creditor_moves_by_tone() -> None:
    path = ("start", "secrets", "reason", "ask")
    everything = list(TREE.paths())  # all practised: the creditor takes its first turn
    first = {
        tone: rehearsal.answer(TREE, tone, path, "say", everything).path[-1]
        for tone in calltree.TONES
    }
    assert first == {"polite": "confirm", "firm": "fewer_months", "threat": "threat_sue"}
    # Nothing practised yet: the first turn from which a branch can be practised.
    fresh = {tone: rehearsal.answer(TREE, tone, path, "say").path[-1] for tone in calltree.TONES}
    assert fresh == {"polite": "fewer_months", "firm": "fewer_months", "threat": "threat_sue"}
    aimed = rehearsal.answer(TREE, "threat", path, "say", everything, aim="threat_credit")
    assert aimed.path[-1] == "threat_credit"


def test_a_threatening_branch_to_its_end() -> None:
    path = play("threat", list(TREE.paths()), aim="threat_family")
    assert "threat_family" in path
    assert TREE.node(path[-1]).kind in ("written", "exit")
    last = rehearsal.turn(TREE, "threat", path)
    assert last.finished and last.replies == ()
    assert "练习结束" in turn_html(last)


@pytest.mark.parametrize("tone", calltree.TONES)
def test_rehearsing_again_and_again_leads_through_the_branches(tone: str) -> None:
    """Each run the creditor heads for a branch not practised yet: within a few runs, every
    branch the creditor can reach in this tone has been practised."""
    practised: list[tuple[str, ...]] = []
    for _ in range(12):
        practised.append(play(tone, practised))
    left = set(rehearsal.unpractised(TREE, practised))
    assert left and not left & in_tone(tone)


def in_tone(tone: str) -> set[str]:
    return rehearsal.reaches(TREE, TREE.root, tone)


def test_the_three_tones_together_reach_every_branch() -> None:
    assert set().union(*map(in_tone, calltree.TONES)) == set(TREE.nodes)


def test_unpractised_lists_what_no_path_visited() -> None:
    one = play("polite", [])
    left = rehearsal.unpractised(TREE, [one])
    assert set(left) == set(TREE.branches()) - set(one)
    html = unpractised_html(TREE, left, base="../call/")
    assert f"还没练过的 {len(left)} 种情况" in html and 'href="../call/#call-threat_sue"' in html
    assert "不用麦克风" in html
    assert "每一个分支你都练过了" in unpractised_html(TREE, ())


@given(
    tone=st.sampled_from(calltree.TONES),
    picks=st.lists(st.integers(min_value=0, max_value=20), min_size=12, max_size=12),
)
def test_any_sequence_of_replies_ends_within_the_depth(tone: str, picks: list[int]) -> None:
    """Random replies, traps included: a right reply always moves on, a trap never does, and
    every rehearsal ends at a written request or a safe exit within the tree's depth."""
    path: tuple[str, ...] = ("start",)
    for pick in picks:
        turn = rehearsal.turn(TREE, tone, path)
        if turn.finished:
            break
        reply = turn.replies[pick % len(turn.replies)]
        result = rehearsal.answer(TREE, tone, path, reply.key)
        assert result.correct is not reply.key.startswith("trap")
        assert len(result.path) == len(path) + (1 if result.correct else 0)
        path = result.path
    while not (turn := rehearsal.turn(TREE, tone, path)).finished:
        good = next(r for r in turn.replies if not r.key.startswith("trap"))
        path = rehearsal.answer(TREE, tone, path, good.key).path
    assert len(path) - 1 <= calltree.MAX_DEPTH
    assert TREE.node(path[-1]).kind in ("written", "exit")


@pytest.mark.parametrize(
    ("path", "key", "field"),
    [
        ([], "say", "path"),
        (["secrets"], "say", "path"),
        (["start", "ask"], "say", "path"),
        (["start", "secrets"], "choice:0", "reply"),  # a creditor's fork: no reader choice
        (["start"], "say", "reply"),  # the reader's fork: the card is not a choice
        (["start"], "trap:9", "reply"),
        (["start", "exit_verify"], "say", "reply"),  # an end: nothing to reply
    ],
)
def test_a_path_or_reply_that_does_not_fit_is_refused(
    path: list[str], key: str, field: str
) -> None:
    with pytest.raises(InputError) as caught:
        rehearsal.answer(TREE, "polite", path, key)
    assert caught.value.field == field


def test_an_unknown_tone_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        rehearsal.turn(TREE, "angry", ["start"])
    assert caught.value.field == "tone"


def test_the_turn_html_fills_numbers_and_offers_buttons() -> None:
    turn = rehearsal.turn(TREE, "firm", ("start", "secrets", "reason", "ask"))
    html = turn_html(turn, {"owed": "28000.00"})
    assert "对方（强硬）：" in html and "最少能还多少" in html
    assert html.count('class="calc-action calc-call-reply"') == len(turn.replies) == 2
    assert 'data-reply="say"' in html and "我现在欠 28,000.00 元" in html
