"""The rules the call script tree (calculators/calltree.py) must keep, each a `TreeError` with
its own code, so a test can show every rule failing on a tree broken just for it:

- ``ids``: node ids are lowercase ASCII (they become anchors: ``#call-<id>``);
- ``root``: the root and the main path's nodes exist, the main path starts at the root;
- ``kind``: every kind is one of `KINDS`;
- ``link``: every choice leads to a node that exists;
- ``cycle``: no path comes back to a node it passed (so every path ends);
- ``orphan``: every node can be reached from the root;
- ``depth``: the longest path has at most `MAX_DEPTH` links;
- ``main``: the main path is a chain of links, its last node a ``written`` end;
- ``end``: a node without choices is a ``written`` or ``exit`` end, and an end has no
  choices (every path ends in a request for written confirmation or a safe exit);
- ``fork``: a node with choices says who decides; a ``them`` choice lists its tones (known
  ones), every tone has a choice there; a ``me`` choice lists none;
- ``tone``: every node has the creditor's line for each of `TONES`, and no other;
- ``length``: reader lines (``say``, traps) at most `MAX_SAY_HAN` Han characters, every other
  text at most `MAX_TEXT` characters, none empty; a node says something;
- ``placeholder``: only `PLACEHOLDERS`, and no stray brace;
- ``source``: every legal sentence (``legal``, ``complain``) names a statute in 《》 with its
  article (第…条), or a guide page and anchor (``guide/x.md#y``) that exist in `docs`
  when it is given;
- ``threat``: a threat node has exactly one calm sentence, at least one legal sentence and
  at least one place to complain;
- ``words``: no promise the law does not make ("一定有效" of a recording, …);
- ``rails``: each rail has a unique id and at least one sourced sentence;
- ``branches``: at least `MIN_BRANCHES` nodes off the main path.
"""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

from calculators.calltree import (
    ENDS,
    FORKS,
    KINDS,
    MAX_DEPTH,
    MAX_SAY_HAN,
    MIN_BRANCHES,
    PLACEHOLDER,
    PLACEHOLDERS,
    TONES,
    Legal,
    Tree,
    TreeError,
    han_count,
)

MAX_TEXT = 120  # characters in a note, a legal sentence, a title, a creditor's line
PROMISES = ("一定有效", "肯定有效", "保证有效", "百分之百", "包成功", "一定能减免")
_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")
_LAW = re.compile(r"《[^《》]+(?:〈[^〈〉]+〉[^《》]*)?》")
_ARTICLE = re.compile(r"第[一二三四五六七八九十百零]+条(?:之[一二三四五六七八九十])?")
_GUIDE = re.compile(r"([a-z0-9][a-z0-9/_-]*\.md)#([a-z0-9][a-z0-9_-]*)")
_ANCHOR = re.compile(r"^#{1,6} .*\{\s*#([A-Za-z0-9_-]+)\s*\}\s*$", re.MULTILINE)


def check(tree: Tree, docs: Path | None = None) -> None:
    """Every rule above, in that order; the first broken one raises."""
    _ids(tree)
    _root(tree)
    for node in tree.nodes.values():
        if node.kind not in KINDS:
            raise TreeError("kind", node.id, f"unknown kind {node.kind!r} (known: {KINDS})")
        for choice in node.choices:
            if choice.to not in tree.nodes:
                raise TreeError("link", node.id, f"choice leads to missing node {choice.to!r}")
    _no_cycle(tree)
    reached = {n for path in tree.paths() for n in path}
    for node_id in tree.nodes:
        if node_id not in reached:
            raise TreeError("orphan", node_id, "no path from the root reaches it")
    if tree.depth() > MAX_DEPTH:
        longest = max(tree.paths(), key=len)
        raise TreeError("depth", longest[-1], f"{len(longest) - 1} links: {' > '.join(longest)}")
    _main(tree)
    for node in tree.nodes.values():
        _ends(tree, node.id)
        _forks(tree, node.id)
        _tones(tree, node.id)
    _texts(tree)
    _sources(tree, docs)
    _threats(tree)
    _rails(tree)
    if len(tree.branches()) < MIN_BRANCHES:
        raise TreeError(
            "branches", "nodes", f"{len(tree.branches())} branches, {MIN_BRANCHES} needed"
        )


def _ids(tree: Tree) -> None:
    for node_id in tree.nodes:
        if not _ID.fullmatch(node_id):
            raise TreeError("ids", node_id, "ids are lowercase ASCII letters, digits and _")


def _root(tree: Tree) -> None:
    if tree.root not in tree.nodes:
        raise TreeError("root", tree.root, "the root is not a node")
    if not tree.main or tree.main[0] != tree.root:
        raise TreeError("root", "main", "the main path starts at the root")
    for node_id in tree.main:
        if node_id not in tree.nodes:
            raise TreeError("root", node_id, "a main-path node is missing")


def _no_cycle(tree: Tree) -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node_id: str, trail: tuple[str, ...]) -> None:
        state[node_id] = 1
        for child in tree.children(node_id):
            if state.get(child) == 1:
                raise TreeError("cycle", child, " > ".join((*trail, node_id, child)))
            if child not in state:
                visit(child, (*trail, node_id))
        state[node_id] = 2

    for node_id in tree.nodes:
        if node_id not in state:
            visit(node_id, ())


def _main(tree: Tree) -> None:
    for before, after in itertools.pairwise(tree.main):
        if after not in tree.children(before):
            raise TreeError("main", before, f"the main path goes on to {after!r} without a link")
    if tree.nodes[tree.main[-1]].kind != "written":
        raise TreeError("main", tree.main[-1], "the main path ends in a written confirmation")


def _ends(tree: Tree, node_id: str) -> None:
    node = tree.nodes[node_id]
    if not node.choices and node.kind not in ENDS:
        raise TreeError("end", node_id, f"a path ends here, in a {node.kind!r}, not in {ENDS}")
    if node.choices and node.kind in ENDS:
        raise TreeError("end", node_id, f"a {node.kind!r} end has no choices")


def _forks(tree: Tree, node_id: str) -> None:
    node = tree.nodes[node_id]
    if not node.choices:
        if node.fork:
            raise TreeError("fork", node_id, "an end has no fork")
        return
    if node.fork not in FORKS:
        raise TreeError("fork", node_id, f"fork is {node.fork!r}, not one of {FORKS}")
    for choice in node.choices:
        if node.fork == "me" and choice.tones:
            raise TreeError("fork", node_id, "the reader's choices have no tones")
        if node.fork == "them" and (not choice.tones or set(choice.tones) - set(TONES)):
            raise TreeError("fork", node_id, f"choice {choice.to!r}: tones among {TONES}")
    if node.fork == "them":
        for tone in TONES:
            if not any(tone in c.tones for c in node.choices):
                raise TreeError("fork", node_id, f"the creditor has no turn in tone {tone!r}")


def _tones(tree: Tree, node_id: str) -> None:
    them = tree.nodes[node_id].them
    if set(them) != set(TONES):
        raise TreeError("tone", node_id, f"creditor lines for {sorted(them)}, need {TONES}")


def _texts(tree: Tree) -> None:
    for node in tree.nodes.values():
        if not node.say:
            raise TreeError("length", node.id, "a node gives the reader something to say")
    for where, what, text in tree.texts():
        if not text.strip():
            raise TreeError("length", where, f"an empty {what}")
        reader_line = what in ("say", "trap")
        if reader_line and han_count(text) > MAX_SAY_HAN:
            raise TreeError(
                "length", where, f"{what} of {han_count(text)} Han characters: {text[:20]}…"
            )
        if not reader_line and len(text) > MAX_TEXT:
            raise TreeError("length", where, f"{what} of {len(text)} characters: {text[:20]}…")
        unknown = set(PLACEHOLDER.findall(text)) - set(PLACEHOLDERS)
        if unknown or PLACEHOLDER.sub("", text).count("{") or PLACEHOLDER.sub("", text).count("}"):
            raise TreeError("placeholder", where, f"bad placeholder in {text[:30]!r}")
        for promise in PROMISES:
            if promise in text:
                raise TreeError("words", where, f"{promise!r} promises what the law does not")


def _sources(tree: Tree, docs: Path | None) -> None:
    found: list[tuple[str, Legal]] = [
        (f"rail:{r.id}", item) for r in tree.rails for item in r.legal
    ]
    for node in tree.nodes.values():
        found += [(node.id, item) for item in (*node.legal, *node.complain)]
    for where, item in found:
        source = item.source
        if source.law or source.article:
            if not _LAW.fullmatch(source.law) or not _ARTICLE.fullmatch(source.article):
                raise TreeError(
                    "source", where, f"law {source.law!r} with article {source.article!r}"
                )
        elif not source.guide:
            raise TreeError("source", where, f"no source for {item.text[:30]!r}")
        if source.guide:
            _guide(source.guide, where, docs)


def _guide(ref: str, where: str, docs: Path | None) -> None:
    match = _GUIDE.fullmatch(ref)
    if match is None:
        raise TreeError("source", where, f"guide source {ref!r} is not page.md#anchor")
    if docs is None:
        return
    page, anchor = match.groups()
    if anchor not in _anchors(docs.resolve() / page):
        raise TreeError("source", where, f"{ref!r}: no such page or anchor in the guide")


@functools.cache
def _anchors(page: Path) -> frozenset[str]:
    if not page.is_file():
        return frozenset()
    return frozenset(_ANCHOR.findall(page.read_text(encoding="utf-8")))


def _threats(tree: Tree) -> None:
    for node_id in tree.threats():
        node = tree.nodes[node_id]
        if len(node.say) != 1:
            raise TreeError("threat", node_id, "one calm sentence to say, no more")
        if not node.legal:
            raise TreeError("threat", node_id, "what is and is not lawful, with its source")
        if not node.complain:
            raise TreeError("threat", node_id, "where to complain")


def _rails(tree: Tree) -> None:
    ids = [rail.id for rail in tree.rails]
    for rail in tree.rails:
        if ids.count(rail.id) > 1:
            raise TreeError("rails", f"rail:{rail.id}", "two rails share an id")
        if not rail.legal:
            raise TreeError("rails", f"rail:{rail.id}", "a rail states its source")
