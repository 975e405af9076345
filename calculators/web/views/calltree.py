"""The call script tree (calculators/calltree.py) as plain HTML: readable without Python or
JavaScript, offline, in any browser, and printable.

What `render` writes:

- a line of links to every threat reply at the top, and again in every node, so any threat
  reply is one tap away wherever the reader is;
- the honest rails (no invented hardship, the three-year old debt, recording one's own call);
- the main path as numbered sections (第 1 步 …), each branch nested in the section of the
  node that first leads to it; every section has the anchor ``call-<id>`` and links to the
  sections that may follow, so the reader moves through the call by tapping;
- in each section: the reply card (``calc-call-card``, one ``calc-call-say`` paragraph a
  line: large text, styled by the site's CSS), advice, what the law says with its source
  (a statute and article, or a link into the guide), where to complain, and at an end what
  to do next.

Placeholders (`calculators.calltree.PLACEHOLDERS`) are filled from ``values`` (the reader's
numbers, as the case holds them: "28000.00"; money is shown with thousands separators); a
missing value prints as 【…】, as the letters do. ``base`` is the relative URL of the site's
root from the page the tree is on (MkDocs directory URLs: guide/sued.md -> guide/sued/).

Integration (later): a build hook renders ``render(calltree.load(docs=...), base=...)`` into
the call page once; the browser, when a case exists, replaces it with the worker's
``render(tree, values)`` for the chosen debt. Both are the same markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from calculators.calltree import Legal, Node, Source, Tree, fill
from calculators.web.format import esc, yuan

ID_PREFIX = "call-"
BLANKS = {
    "creditor": "机构名称",
    "account_tail": "尾号",
    "owed": "欠款金额",
    "months": "期数",
    "monthly": "每期金额",
    "limit": "每月最多能还",
}
MONEY = ("owed", "monthly", "limit")
END_TEXT = {
    "written": "通话到这里结束。等对方的书面答复；挂断后马上把这次通话记下来。",
    "exit": "到这里安全地结束通话。挂断后记下时间、号码和对方说的话。",
}
KIND_LABEL = {"threat": "对方威胁时", "written": "结束：要书面确认", "exit": "结束：安全退出"}


def shown_values(values: Mapping[str, str] | None) -> dict[str, str]:
    """The reader's values as they are printed: money with separators, the rest as given."""
    out = {}
    for key, value in (values or {}).items():
        if value:
            out[key] = yuan(value) if key in MONEY else value
    return out


def blank(name: str) -> str:
    return f"【{BLANKS.get(name, name)}】"


def text(template: str, values: Mapping[str, str]) -> str:
    """A line of the tree with the reader's values, escaped for HTML."""
    return esc(fill(template, values, blank))


def guide_url(ref: str, base: str) -> str:
    """ "guide/sued.md#real-or-not" -> base + "guide/sued/#real-or-not"."""
    page, _, anchor = ref.partition("#")
    path = page[: -len(".md")]
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return f"{base}{path}#{anchor}" if anchor else f"{base}{path}"


def source_html(source: Source, base: str) -> str:
    parts = []
    if source.law:
        parts.append(f"{esc(source.law)}{esc(source.article)}")
    if source.guide:
        parts.append(f'<a href="{esc(guide_url(source.guide, base))}">指南里的说明</a>')
    return f'<span class="calc-call-source">（出处：{"；".join(parts)}）</span>'


def _legal_list(items: tuple[Legal, ...], label: str, cls: str, base: str) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{esc(item.text)}{source_html(item.source, base)}</li>" for item in items)
    return f'<p class="calc-call-label">{esc(label)}</p><ul class="{cls}">{lis}</ul>'


def _card(lines: tuple[str, ...], values: Mapping[str, str]) -> str:
    says = "".join(f'<p class="calc-call-say">{text(line, values)}</p>' for line in lines)
    return f'<div class="calc-call-card"><p class="calc-call-label">你可以这样说</p>{says}</div>'


def threat_links(tree: Tree, here: str = "") -> str:
    links = [
        f'<a href="#{ID_PREFIX}{t}">{esc(tree.node(t).title)}</a>'
        for t in tree.threats()
        if t != here
    ]
    return (
        f'<p class="calc-call-threats"><span class="calc-call-label">对方威胁时：</span>'
        f"{'　'.join(links)}</p>"
    )


def _title(tree: Tree, node: Node) -> str:
    if node.id in tree.main:
        return f"第 {tree.main.index(node.id) + 1} 步：{node.title}"
    label = KIND_LABEL.get(node.kind)
    return f"{label}：{node.title}" if label else node.title


def _section(
    tree: Tree, node: Node, values: Mapping[str, str], base: str, kids: Mapping[str, list[str]]
) -> str:
    anchor = f"{ID_PREFIX}{node.id}"
    level = 3 if node.id in tree.main else 4
    out = [
        f'<section class="calc-call-node" id="{anchor}" data-node="{esc(node.id)}" '
        f'data-kind="{esc(node.kind)}" aria-labelledby="{anchor}-title">',
        f'<h{level} id="{anchor}-title">{esc(_title(tree, node))}</h{level}>',
        _card(node.say, values),
        "".join(f'<p class="calc-note">{text(n, values)}</p>' for n in node.notes),
        _legal_list(node.legal, "规定怎么说", "calc-call-legal", base),
        _legal_list(node.complain, "向哪里投诉", "calc-call-complain", base),
    ]
    if node.choices:
        who = "对方的反应" if node.fork == "them" else "看你的情况"
        items = "".join(
            f'<li><a href="#{ID_PREFIX}{c.to}">{text(c.label, values)}</a></li>'
            for c in node.choices
        )
        out.append(
            f'<p class="calc-call-label">接下来，{who}：</p><ul class="calc-call-next">{items}</ul>'
        )
    else:
        out.append(f'<p class="calc-call-end">{esc(END_TEXT[node.kind])}</p>')
    out.append(threat_links(tree, node.id))
    out += [_section(tree, tree.node(k), values, base, kids) for k in kids.get(node.id, [])]
    out.append("</section>")
    return "".join(out)


def rails_html(tree: Tree, values: Mapping[str, str], base: str) -> str:
    parts = []
    for rail in tree.rails:
        anchor = f"{ID_PREFIX}rail-{rail.id}"
        parts.append(
            f'<section class="calc-call-rail" id="{anchor}" aria-labelledby="{anchor}-title">'
            f'<h3 id="{anchor}-title">{esc(rail.title)}</h3>'
            + _card(rail.say, values)
            + "".join(f'<p class="calc-note">{esc(n)}</p>' for n in rail.notes)
            + _legal_list(rail.legal, "规定怎么说", "calc-call-legal", base)
            + "</section>"
        )
    return "".join(parts)


def render(tree: Tree, values: Mapping[str, str] | None = None, base: str = "../") -> str:
    """The whole tree as HTML (see the module docstring)."""
    shown = shown_values(values)
    kids: dict[str, list[str]] = {}
    for child, parent in tree.parents().items():
        kids.setdefault(parent, []).append(child)
    for parent in kids:  # the order the parent lists its choices in
        kids[parent].sort(key=tree.children(parent).index)
    return (
        f'<div class="calc-calltree" data-tree-version="{tree.version}">'
        + threat_links(tree)
        + rails_html(tree, shown, base)
        + "".join(_section(tree, tree.node(n), shown, base, kids) for n in tree.main)
        + "</div>"
    )
