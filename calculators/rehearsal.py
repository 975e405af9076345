"""Practice without risk (issue 27, item 3): the site plays the creditor from the call script
tree (calculators/calltree.py) in one of three tones, the reader picks replies, and at the end
sees the branches not practised yet. No microphone, nothing sent: pure functions of the tree,
the tone and the path so far.

A rehearsal is a path of node ids from the root. At its last node (`turn`):

- the creditor says that node's line in the tone (``them[tone]``);
- the reader's reply choices are the node's reply card (key ``"say"``) and its traps (keys
  ``"trap:0"``, …): tempting wrong replies, each with why not. At a node where the reader's
  own situation decides (fork ``me``), the card is replaced by one reply per choice
  (``"choice:0"``, …). The order is fixed per node (`_order`), so the right reply is not
  always first, and the same on every run;
- at an end (``written``/``exit``) there is nothing to reply: the rehearsal is over.

`answer` takes a reply's key: a trap leaves the path as it is, with its ``why``; the card
moves on to the creditor's next turn, which the creditor (this module) chooses among the
node's choices that happen in the tone: first the one leading towards ``aim`` (a branch the
reader asked to practise), else the first that is itself a branch not practised yet, else
the first from which one can still be reached in this tone (`reaches`), else the first. A
reader who rehearses again and again in one tone is led through its branches one after
another.

`unpractised(tree, practised)`: the branches that no practised path has visited.

The page (docs/calculators/rehearsal.md, 通话练习) is a calculator like the others
(`TITLE`, `FIELDS`, `calculate`): the round so far is a box, ``moves`` (the tone and the reply
keys, ``"threat|choice:1 say trap:0"``), replayed from the root on every answer, and the
branches practised in earlier rounds another, ``practised`` (ids). The reply buttons of the
view (calculators/web/views/rehearsal.py) carry the boxes' next values, which the page sets
(docs/assets/calc/steps.js), so the browser keeps nothing of its own: the boxes live as long
as the page, and no case key holds them (saving on keeps only the debt's numbers). A round
whose ``moves`` name another tone starts again in the tone chosen; moves that do not fit
the tree (typed by hand, or made with another version of it) are refused (`InputError`).

>>> from calculators import calltree
>>> t = turn(calltree.load(), "threat", ["start"])
>>> t.node, t.finished, [r.key for r in t.replies][:2]
('start', False, ['choice:1', 'choice:3'])
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal, TypedDict

from calculators import callcard, calltree, letters
from calculators.calltree import TONES, Tree
from calculators.errors import InputError
from calculators.fields import Field, Kind


@dataclass(frozen=True)
class Reply:
    key: str  # "say", "choice:N" or "trap:N"
    text: str  # from the tree (placeholders unfilled): the view fills and escapes it


@dataclass(frozen=True)
class Turn:
    node: str
    tone: str
    creditor: str  # the creditor's line
    card: tuple[str, ...]  # the reply card: what to say here
    replies: tuple[Reply, ...]  # empty at an end
    finished: bool
    kind: str  # the node's kind: an end is "written" or "exit"


@dataclass(frozen=True)
class Answer:
    correct: bool
    why: str  # a trap's reason ("" for a right reply)
    path: tuple[str, ...]  # the path after the reply


def check_path(tree: Tree, tone: str, path: Sequence[str]) -> tuple[str, ...]:
    """The path as a tuple, when it is a walk from the root along the tree's links; else an
    InputError (a path saved with another version of the tree, or made up)."""
    if tone not in TONES:
        raise InputError("tone", "语气请选客气、强硬或威胁。")
    steps = tuple(path)
    if not steps or steps[0] != tree.root:
        raise InputError("path", "练习记录和现在的通话脚本对不上，请从头开始练习。")
    for before, after in itertools.pairwise(steps):
        if before not in tree.nodes or after not in tree.children(before):
            raise InputError("path", "练习记录和现在的通话脚本对不上，请从头开始练习。")
    return steps


def _order(node_id: str, replies: list[Reply]) -> tuple[Reply, ...]:
    """A fixed order for a node's replies: by a hash of the node and the reply's key."""

    def rank(reply: Reply) -> str:
        return hashlib.sha256(f"{node_id}\x1f{reply.key}".encode()).hexdigest()

    return tuple(sorted(replies, key=rank))


def turn(tree: Tree, tone: str, path: Sequence[str]) -> Turn:
    """The turn at the end of `path`: the creditor's line, the card and the reply choices."""
    steps = check_path(tree, tone, path)
    node = tree.node(steps[-1])
    replies: list[Reply] = []
    if node.choices:
        if node.fork == "me":
            replies += [Reply(f"choice:{i}", c.label) for i, c in enumerate(node.choices)]
        else:
            replies.append(Reply("say", node.say[0]))
        replies += [Reply(f"trap:{i}", trap.text) for i, trap in enumerate(node.traps)]
    return Turn(
        node=node.id,
        tone=tone,
        creditor=node.them[tone],
        card=node.say,
        replies=_order(node.id, replies),
        finished=not node.choices,
        kind=node.kind,
    )


def answer(
    tree: Tree,
    tone: str,
    path: Sequence[str],
    key: str,
    practised: Iterable[Sequence[str]] = (),
    aim: str | None = None,
) -> Answer:
    """The reader's reply `key` at the end of `path`: a trap keeps the path (with its why);
    a right reply gives the path with the next node (the creditor's turn, or the reader's
    choice)."""
    steps = check_path(tree, tone, path)
    node = tree.node(steps[-1])
    kind, _, number = key.partition(":")
    index = int(number) if number.isdigit() else -1
    if kind == "trap" and 0 <= index < len(node.traps):
        return Answer(False, node.traps[index].why, steps)
    if kind == "choice" and node.fork == "me" and 0 <= index < len(node.choices):
        return Answer(True, "", (*steps, node.choices[index].to))
    if key == "say" and node.fork == "them" and node.choices:
        return Answer(True, "", (*steps, creditor_move(tree, tone, steps, practised, aim)))
    raise InputError("reply", "这个回答不在这一步的选项里，请重新选。")


def reaches(tree: Tree, start: str, tone: str) -> set[str]:
    """The nodes a rehearsal in `tone` can reach from `start`: the reader's own choices all,
    the creditor's only those that happen in `tone`."""
    seen, stack = {start}, [start]
    while stack:
        node = tree.node(stack.pop())
        for choice in node.choices:
            if (node.fork == "me" or tone in choice.tones) and choice.to not in seen:
                seen.add(choice.to)
                stack.append(choice.to)
    return seen


def creditor_move(
    tree: Tree,
    tone: str,
    path: Sequence[str],
    practised: Iterable[Sequence[str]] = (),
    aim: str | None = None,
) -> str:
    """Where the creditor takes the call next from the end of `path` (a ``them`` fork): among
    the choices that happen in `tone`, the one towards `aim`, else the first with branches
    not practised yet, else the first."""
    node = tree.node(path[-1])
    options = [c.to for c in node.choices if tone in c.tones]
    if aim is not None:
        for option in options:
            if aim in reaches(tree, option, tone):
                return option
    left = set(unpractised(tree, practised)) - set(path)
    for option in options:  # a branch not practised yet, right now
        if option in left:
            return option
    for option in options:  # or one that leads to it
        if reaches(tree, option, tone) & left:
            return option
    return options[0]


def unpractised(tree: Tree, practised: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """The branches (nodes off the main path, in the tree's order) that no practised path
    has visited."""
    seen = {node for path in practised for node in path}
    return tuple(b for b in tree.branches() if b not in seen)


# --- the page: a calculator ---------------------------------------------------------------

TITLE = "通话练习"
TONE_CHOICES: tuple[tuple[str, str], ...] = (
    ("polite", "客气"),
    ("firm", "强硬"),
    ("threat", "威胁"),
)
ANY = "any"  # aim: the creditor leads to a branch not practised yet
MAX_MOVES = 40  # replies in one round (a path is at most 7 nodes; traps may be tried again)
_MOVE = re.compile(r"say|choice:[0-9]{1,2}|trap:[0-9]{1,2}")
_TREE = calltree.load()
_OWED = next(f for f in callcard.FIELDS if f.name == "owed")
_LIMIT = next(f for f in callcard.FIELDS if f.name == "limit")

FIELDS: tuple[Field, ...] = (
    Field(
        "tone",
        "对方的语气",
        Kind.CHOICE,
        "polite",
        choices=TONE_CHOICES,
        help="先从客气的练起；威胁的那一种，练的是不慌、不答应。",
    ),
    Field(
        "aim",
        "想练哪一种情况",
        Kind.CHOICE,
        ANY,
        choices=(
            (ANY, "由对方决定（先带你练没练过的）"),
            *((b, _TREE.node(b).title) for b in _TREE.branches()),
        ),
    ),
    letters.relabel(letters.INSTITUTION, advanced=True, help="不填，练习里就说【机构名称】。"),
    letters.relabel(letters.ACCOUNT, help="不填，练习里就说【尾号】。"),
    # Not required: with several debts kept and none chosen yet the page has no amount, and the
    # practice still runs (the lines say 【欠款金额】).
    replace(
        letters.relabel(_OWED, advanced=True, saved_as="debt.balance"),
        required=False,
        help="不填，练习里就说【欠款金额】。",
    ),
    letters.relabel(letters.MONTHS, default="48", advanced=True, help="想申请分多少期。"),
    letters.relabel(
        letters.MONTHLY, label="每期想还", advanced=True, help="不填，按期数算（向上取到分）。"
    ),
    # Blank unless typed: the card's example 700 would refuse a kept debt's larger ask.
    letters.relabel(_LIMIT, default="", advanced=True),
    Field(
        "moves",
        "这一轮的回答（按回答的按钮时自动填写）",
        Kind.LINES,
        "",
        required=False,
        advanced=True,
        help="不用手填；清空就从头练这一轮。",
    ),
    Field(
        "practised",
        "前几轮练过的情况（自动填写）",
        Kind.LINES,
        "",
        required=False,
        advanced=True,
        help="不用手填；清空就重新计算没练过的情况。",
    ),
)

Last = Literal["start", "right", "trap", "restart"]


class Said(TypedDict):
    node: str  # where the creditor spoke
    reply: str  # the reply's text (a template of the tree)


class Option(TypedDict):
    key: str  # "say", "choice:N", "trap:N"
    text: str  # a template of the tree: the view fills it
    moves: str  # the ``moves`` box after this reply
    towards: bool  # the reader's choice leads on towards the aim (False without an aim)


class Result(TypedDict):
    tone: str  # a code of TONES
    aim: str | None  # a branch, or None: the creditor leads
    aim_reachable: bool  # the aim can happen in this tone
    values: dict[str, str]  # the placeholders' values (blank: not given)
    transcript: list[Said]  # the right replies of this round, in order
    last: Last  # what the last reply did
    why: str  # a trap's reason, when ``last`` is "trap"
    node: str
    kind: str  # the node's kind
    creditor: str  # the creditor's line at this node, in the tone (a template)
    card: list[str]  # the reply card at this node
    replies: list[Option]  # empty at an end
    finished: bool
    moves: str  # the round as the box should hold it
    practised: list[str]  # branches practised in the earlier rounds
    left: list[str]  # branches not practised yet, this round counted
    left_count: int  # len(left)
    next_practised: str  # the ``practised`` box for the next round


def _practised(raw: str) -> list[str]:
    words = raw.replace(",", " ").replace("，", " ").split()
    if set(words) - set(_TREE.branches()):
        raise InputError("practised", "练过的情况里有通话脚本没有的一项：请清空这一栏再练。")
    return [b for b in _TREE.branches() if b in set(words)]


def _moves(raw: str, tone: str) -> tuple[list[str], bool]:
    """The reply keys of the round, and whether it started again (another tone)."""
    text = raw.strip()
    if not text:
        return [], False
    said_tone, bar, keys = text.partition("|")
    words = keys.split()
    if not bar or said_tone not in TONES or len(words) > MAX_MOVES:
        raise InputError("moves", "这一轮的回答记录看不懂：请清空这一栏，从头练。")
    if not all(_MOVE.fullmatch(w) for w in words):
        raise InputError("moves", "这一轮的回答记录看不懂：请清空这一栏，从头练。")
    return ([], True) if said_tone != tone else (words, False)


def calculate(
    tone: str,
    aim: str,
    institution: str,
    account: str,
    owed: Decimal | None,
    months: int | None,
    monthly: Decimal | None,
    limit: Decimal | None,
    moves: str,
    practised: str,
) -> Result:
    values = callcard.spoken(institution, account, owed, months, monthly, limit)
    done = _practised(practised)
    target = None if aim == ANY else aim
    keys, restarted = _moves(moves, tone)
    path: tuple[str, ...] = (_TREE.root,)
    transcript: list[Said] = []
    last: Last = "restart" if restarted else "start"
    why = ""
    earlier = [tuple(done)]
    try:
        for key in keys:
            texts = {r.key: r.text for r in turn(_TREE, tone, path).replies}
            result = answer(_TREE, tone, path, key, earlier, target)
            if result.correct:
                transcript.append({"node": path[-1], "reply": texts[key]})
            path, why = result.path, result.why
            last = "right" if result.correct else "trap"
    except InputError as err:
        raise InputError("moves", "这一轮的回答和通话脚本对不上：请清空这一栏，从头练。") from err
    now = turn(_TREE, tone, path)
    said = f"{tone}|" + " ".join(keys) if keys else ""
    # A trap moves nothing: only the last one is kept (for its why), so a round stays short.
    kept = [k for k in keys if not k.startswith("trap")]
    here = _TREE.node(now.node)

    def towards(key: str) -> bool:
        if target is None or not key.startswith("choice:"):
            return False
        return target in reaches(_TREE, here.choices[int(key[len("choice:") :])].to, tone)

    options: list[Option] = [
        {
            "key": r.key,
            "text": r.text,
            "moves": f"{tone}|" + " ".join([*kept, r.key]),
            "towards": towards(r.key),
        }
        for r in now.replies
    ]
    seen = set(done) | set(path)
    return {
        "tone": tone,
        "aim": target,
        "aim_reachable": target is None or target in reaches(_TREE, _TREE.root, tone),
        "values": values,
        "transcript": transcript,
        "last": last,
        "why": why,
        "node": now.node,
        "kind": now.kind,
        "creditor": now.creditor,
        "card": list(now.card),
        "replies": options,
        "finished": now.finished,
        "moves": said,
        "practised": done,
        "left": (left := list(unpractised(_TREE, [tuple(seen)]))),
        "left_count": len(left),
        "next_practised": " ".join(b for b in _TREE.branches() if b in seen),
    }
