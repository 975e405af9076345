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

Integration (later): the browser keeps the current path (a list of ids) and the practised
paths in memory (or in the case, when saving is on), calls `turn` / `answer` through the
worker and draws the answer with calculators/web/views/rehearsal.py; the ids are the tree's,
so a path saved with one version of the tree is checked (`InputError`) before it is used.

>>> from calculators import calltree
>>> t = turn(calltree.load(), "threat", ["start"])
>>> t.node, t.finished, [r.key for r in t.replies][:2]
('start', False, ['choice:1', 'choice:3'])
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from calculators.calltree import TONES, Tree
from calculators.errors import InputError


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
