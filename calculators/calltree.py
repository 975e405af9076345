"""The call script tree (issue 27, item 2): what to say on the phone to a bank's 客服 or a
collector, kept as data in `calculators/data/calltree.json` and read here.

The file, key by key:

- ``root``: the first node; ``main``: the main path, node by node (check who is calling ->
  never give 验证码 or passwords -> the reason -> the ask with numbers -> ask for it in
  writing -> end and log); every other node is a *branch*.
- ``rails``: the honest rails shown before the tree (no invented hardship, the three-year
  old debt, recording one's own call), each with ``title``, ``say``, ``notes``, ``legal``.
- ``nodes``: id -> node. A node has a ``kind`` (`KINDS`): ``step`` (a main-path step),
  ``branch``, ``threat`` (one calm sentence, what is and is not lawful, where to complain),
  ``written`` (ends in a request for written confirmation) or ``exit`` (a safe exit);
  ``title``; ``them``: the creditor's line for each tone (`TONES`: 客气, 强硬, 威胁), the line
  this node answers, used by the rehearsal (calculators/rehearsal.py); ``say``: the reader's
  lines, the reply card, each at most `MAX_SAY_HAN` Han characters; ``notes``: advice;
  ``legal`` and ``complain``: sentences each with a ``source``, either
  ``{"law": "《…》", "article": "第…条"}`` or ``{"guide": "guide/page.md#anchor"}``;
  ``fork``: who decides what comes next, ``them`` (the creditor's reaction: each choice
  lists the ``tones`` it happens in) or ``me`` (the reader's own situation); ``choices``:
  ``{"to": id, "label": …}``; ``traps``: tempting wrong replies, ``{"text", "why"}``, for
  the rehearsal.
- Placeholders in any text: ``{creditor}``, ``{account_tail}``, ``{owed}``, ``{months}``,
  ``{monthly}``, ``{limit}`` (`PLACEHOLDERS`; ``limit`` is the lowest acceptable offer: the
  most a month the reader's budget can carry). `fill` puts the reader's values in, or what
  the view gives for a blank.

`parse` reads the JSON's shape; `calculators.calltree_rules.check` then enforces the rules
(known kinds, every link resolves, no orphan, no cycle, depth, lengths, sources, ends,
threats, tones, at least `MIN_BRANCHES` branches). `load()` does both for the package's file;
`load(docs=Path("docs"))` also checks that every guide anchor exists (the build and the tests
pass the docs folder; the browser has none).

Integration (issue 22's case, later): the build renders the tree once with
`calculators.web.views.calltree.render(load(docs=...))`, with blanks; the browser, when a
case exists, asks the worker for the same render with the debt's values (``creditor`` from
the debt, ``owed`` its balance, ``months``/``monthly`` its asks, ``limit`` its share of the
budget); the rehearsal asks `calculators.rehearsal.turn(load(), tone, path)` for each step.
Nothing here knows the case.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TREE_FILE = Path(__file__).with_name("data") / "calltree.json"
KINDS = ("step", "branch", "threat", "written", "exit")
ENDS = ("written", "exit")  # the kinds a path may end in, and only they
TONES = ("polite", "firm", "threat")  # 客气, 强硬, 威胁 (the view words them)
FORKS = ("them", "me")
PLACEHOLDERS = ("creditor", "account_tail", "owed", "months", "monthly", "limit")
MAX_SAY_HAN = 40
MAX_DEPTH = 6  # links on the longest path from the root
MIN_BRANCHES = 12
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class TreeError(ValueError):
    """The tree breaks a rule: `rule` (a code of calltree_rules), `where` (a node id or a
    key), `detail` (English, for whoever edits the data file)."""

    def __init__(self, rule: str, where: str, detail: str) -> None:
        super().__init__(f"{rule} at {where}: {detail}")
        self.rule, self.where, self.detail = rule, where, detail


@dataclass(frozen=True)
class Source:
    law: str = ""  # 《…》
    article: str = ""  # 第…条
    guide: str = ""  # docs-relative: guide/page.md#anchor


@dataclass(frozen=True)
class Legal:
    text: str
    source: Source


@dataclass(frozen=True)
class Choice:
    to: str
    label: str
    tones: tuple[str, ...] = ()  # when the creditor takes this turn (fork "them")


@dataclass(frozen=True)
class Trap:
    text: str
    why: str


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    title: str
    them: Mapping[str, str]
    say: tuple[str, ...]
    notes: tuple[str, ...] = ()
    legal: tuple[Legal, ...] = ()
    complain: tuple[Legal, ...] = ()
    fork: str = ""
    choices: tuple[Choice, ...] = ()
    traps: tuple[Trap, ...] = ()


@dataclass(frozen=True)
class Rail:
    id: str
    title: str
    say: tuple[str, ...]
    notes: tuple[str, ...]
    legal: tuple[Legal, ...]


@dataclass(frozen=True)
class Tree:
    version: int
    root: str
    main: tuple[str, ...]
    rails: tuple[Rail, ...]
    nodes: Mapping[str, Node]

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def children(self, node_id: str) -> tuple[str, ...]:
        return tuple(c.to for c in self.nodes[node_id].choices)

    def branches(self) -> tuple[str, ...]:
        """Every node off the main path, in the file's order."""
        return tuple(n for n in self.nodes if n not in self.main)

    def threats(self) -> tuple[str, ...]:
        return tuple(n for n, node in self.nodes.items() if node.kind == "threat")

    def paths(self) -> Iterator[tuple[str, ...]]:
        """Every path from the root to a node without choices (the tree has no cycle)."""
        stack: list[tuple[str, ...]] = [(self.root,)]
        while stack:
            path = stack.pop()
            nexts = self.children(path[-1])
            if not nexts:
                yield path
            stack.extend((*path, n) for n in reversed(nexts))

    def depth(self) -> int:
        """Links on the longest path from the root."""
        return max(len(p) for p in self.paths()) - 1

    def parents(self) -> dict[str, str]:
        """Each node's first parent in breadth-first order (the node it is drawn under);
        main-path nodes have none: they are drawn in a row."""
        first: dict[str, str] = {}
        queue, seen = [self.root], {self.root}
        while queue:
            current = queue.pop(0)
            for child in self.children(current):
                if child not in seen:
                    seen.add(child)
                    queue.append(child)
                    if child not in self.main:
                        first[child] = current
        return first

    def texts(self) -> Iterator[tuple[str, str, str]]:
        """(where, what, text) for every text in the tree: what is "say", "them", "title",
        "note", "legal", "complain", "label", "trap" or "why"."""
        for rail in self.rails:
            where = f"rail:{rail.id}"
            yield where, "title", rail.title
            yield from ((where, "say", s) for s in rail.say)
            yield from ((where, "note", s) for s in rail.notes)
            yield from ((where, "legal", item.text) for item in rail.legal)
        for node in self.nodes.values():
            yield node.id, "title", node.title
            yield from ((node.id, "them", s) for s in node.them.values())
            yield from ((node.id, "say", s) for s in node.say)
            yield from ((node.id, "note", s) for s in node.notes)
            yield from ((node.id, "legal", item.text) for item in node.legal)
            yield from ((node.id, "complain", item.text) for item in node.complain)
            yield from ((node.id, "label", c.label) for c in node.choices)
            for trap in node.traps:
                yield node.id, "trap", trap.text
                yield node.id, "why", trap.why


def han_count(line: str) -> int:
    """Han characters in a line, placeholders left out (a name or an amount goes there)."""
    return len(HAN.findall(PLACEHOLDER.sub("", line)))


def fill(text: str, values: Mapping[str, str], blank: Callable[[str], str]) -> str:
    """`text` with each {placeholder} replaced by its value, or by ``blank(name)`` when the
    value is missing or empty."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or blank(m.group(1)), text)


# --- reading the file ----------------------------------------------------------------------


def _get(data: Mapping[str, Any], key: str, kind: type, where: str, default: Any = None) -> Any:
    value = data.get(key, default)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise TreeError("shape", where, f"{key!r} must be a {kind.__name__}")
    return value


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    items = _get(data, key, list, where, [])
    if not all(isinstance(s, str) for s in items):
        raise TreeError("shape", where, f"{key!r} must be a list of strings")
    return tuple(items)


def _keys(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    extra = set(data) - allowed
    if extra:
        raise TreeError("shape", where, f"unknown keys {sorted(extra)}")


def _legal(items: Any, where: str) -> tuple[Legal, ...]:
    if not isinstance(items, list):
        raise TreeError("shape", where, "legal sentences must be a list")
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise TreeError("shape", where, "a legal sentence must be an object")
        _keys(item, {"text", "source"}, where)
        source = item.get("source")
        if not isinstance(source, dict):
            raise TreeError("source", where, f"no source for {str(item.get('text'))[:30]!r}")
        _keys(source, {"law", "article", "guide"}, where)
        if not all(isinstance(v, str) for v in source.values()):
            raise TreeError("shape", where, "a source's parts must be strings")
        out.append(Legal(_get(item, "text", str, where), Source(**source)))
    return tuple(out)


_NODE_KEYS = {"kind", "title", "them", "say", "notes", "legal", "complain", "fork", "choices"}


def _node(node_id: str, data: Any) -> Node:
    if not isinstance(data, dict):
        raise TreeError("shape", node_id, "a node must be an object")
    _keys(data, _NODE_KEYS | {"traps"}, node_id)
    them = _get(data, "them", dict, node_id, {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in them.items()):
        raise TreeError("shape", node_id, "'them' maps tones to lines")
    choices = []
    for item in _get(data, "choices", list, node_id, []):
        if not isinstance(item, dict):
            raise TreeError("shape", node_id, "a choice must be an object")
        _keys(item, {"to", "label", "tones"}, node_id)
        tones = _strings(item, "tones", node_id)
        choices.append(
            Choice(_get(item, "to", str, node_id), _get(item, "label", str, node_id), tones)
        )
    traps = []
    for item in _get(data, "traps", list, node_id, []):
        if not isinstance(item, dict):
            raise TreeError("shape", node_id, "a trap must be an object")
        _keys(item, {"text", "why"}, node_id)
        traps.append(Trap(_get(item, "text", str, node_id), _get(item, "why", str, node_id)))
    return Node(
        id=node_id,
        kind=_get(data, "kind", str, node_id),
        title=_get(data, "title", str, node_id),
        them=dict(them),
        say=_strings(data, "say", node_id),
        notes=_strings(data, "notes", node_id),
        legal=_legal(data.get("legal", []), node_id),
        complain=_legal(data.get("complain", []), node_id),
        fork=_get(data, "fork", str, node_id, ""),
        choices=tuple(choices),
        traps=tuple(traps),
    )


def _rail(data: Any) -> Rail:
    if not isinstance(data, dict):
        raise TreeError("shape", "rails", "a rail must be an object")
    rail_id = _get(data, "id", str, "rails")
    where = f"rail:{rail_id}"
    _keys(data, {"id", "title", "say", "notes", "legal"}, where)
    return Rail(
        rail_id,
        _get(data, "title", str, where),
        _strings(data, "say", where),
        _strings(data, "notes", where),
        _legal(data.get("legal", []), where),
    )


def parse(data: Any) -> Tree:
    """The tree from the file's JSON value, its shape checked (TreeError "shape" or "source");
    the rules are `calculators.calltree_rules.check`'s."""
    if not isinstance(data, dict):
        raise TreeError("shape", "file", "the tree is a JSON object")
    _keys(data, {"about", "version", "root", "main", "rails", "nodes"}, "file")
    nodes = _get(data, "nodes", dict, "file")
    return Tree(
        version=_get(data, "version", int, "file"),
        root=_get(data, "root", str, "file"),
        main=_strings(data, "main", "file"),
        rails=tuple(_rail(r) for r in _get(data, "rails", list, "file", [])),
        nodes={str(k): _node(str(k), v) for k, v in nodes.items()},
    )


def read(data: Any, docs: Path | None = None) -> Tree:
    """`parse` then every rule; `docs`: the guide's folder, to check its anchors."""
    from calculators.calltree_rules import check

    tree = parse(data)
    check(tree, docs)
    return tree


@functools.cache
def _package_tree() -> Tree:
    return read(json.loads(TREE_FILE.read_text(encoding="utf-8")))


def load(path: Path | None = None, docs: Path | None = None) -> Tree:
    """The package's tree (read once per process), or the tree in `path`; checked."""
    if path is None and docs is None:
        return _package_tree()
    text = (path or TREE_FILE).read_text(encoding="utf-8")
    return read(json.loads(text), docs)
