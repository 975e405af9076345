"""The rehearsal (calculators/rehearsal.py) in words: the creditor's line, the reply card and the
reply buttons, a trap's why, and at the end the branches not practised yet.

The buttons carry ``data-reply="<key>"``; the browser sends the key back with the path (a
later step of the integration; nothing here runs a script). No microphone, nothing recorded,
nothing sent: the page says so once, in `NOTICE`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from calculators.calltree import Tree
from calculators.rehearsal import Answer, Turn
from calculators.web.format import esc
from calculators.web.views.calltree import ID_PREFIX, shown_values, text

TONE_LABELS = {"polite": "客气", "firm": "强硬", "threat": "威胁"}
NOTICE = (
    "练习只在这个页面里进行：不用麦克风，不录音，不联网，什么都不会发出去；"
    "对方的话来自本站写好的通话脚本。"
)
END_WORDS = {
    "written": "练习结束：这条路走到了“要书面确认”。",
    "exit": "练习结束：这条路走到了安全结束通话。",
}


def turn_html(turn: Turn, values: Mapping[str, str] | None = None) -> str:
    """One step of the rehearsal: the creditor speaks, the reader picks a reply."""
    shown = shown_values(values)
    out = [
        f'<div class="calc-rehearsal" data-node="{esc(turn.node)}" data-tone="{esc(turn.tone)}">',
        f'<p class="calc-rehearsal-them"><span class="calc-call-label">对方'
        f"（{esc(TONE_LABELS[turn.tone])}）：</span>{text(turn.creditor, shown)}</p>",
    ]
    if turn.finished:
        out.append('<div class="calc-call-card"><p class="calc-call-label">你说</p>')
        out += [f'<p class="calc-call-say">{text(line, shown)}</p>' for line in turn.card]
        out.append(f'</div><p class="calc-note" aria-live="polite">{esc(END_WORDS[turn.kind])}</p>')
    else:
        out.append('<p class="calc-call-label" id="calc-rehearsal-ask">你怎么回答？</p>')
        out.append(
            '<div class="calc-rehearsal-replies" role="group" aria-labelledby="calc-rehearsal-ask">'
        )
        out += [
            f'<button type="button" class="calc-action calc-call-reply" '
            f'data-reply="{esc(reply.key)}">{text(reply.text, shown)}</button>'
            for reply in turn.replies
        ]
        out.append("</div>")
    out.append("</div>")
    return "".join(out)


def answer_html(result: Answer) -> str:
    """What a reply did: a trap's why, or nothing to say for a right reply."""
    if result.correct:
        return '<p class="calc-note" aria-live="polite">好，接着听对方怎么说。</p>'
    return (
        '<p class="calc-note calc-rehearsal-why" aria-live="polite">'
        f"换一种说法更稳妥：{esc(result.why)}</p>"
    )


def unpractised_html(tree: Tree, left: Sequence[str], base: str = "") -> str:
    """The branches not practised yet, each a link to its section of the script."""
    if not left:
        return '<p class="calc-note">每一个分支你都练过了。</p>'
    items = "".join(
        f'<li><a href="{esc(base)}#{ID_PREFIX}{b}">{esc(tree.node(b).title)}</a></li>' for b in left
    )
    return (
        f'<p class="calc-call-label">还没练过的 {len(left)} 种情况：</p>'
        f'<ul class="calc-call-next">{items}</ul>' + f'<p class="calc-fine">{esc(NOTICE)}</p>'
    )
