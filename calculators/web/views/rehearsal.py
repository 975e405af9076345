"""The rehearsal (calculators/rehearsal.py) in words: the creditor's line, the reply card and the
reply buttons, a trap's why, and at the end the branches not practised yet.

The buttons carry ``data-reply="<key>"`` and, on the page (`view`), ``data-set``: the form's
boxes as they are after that reply (JSON, name -> value), which docs/assets/calc/steps.js
sets before the page asks Python again; the element to focus in the next answer has
``data-focus``. No microphone, nothing recorded, nothing sent: the page says so, in `NOTICE`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from calculators import calltree
from calculators.calltree import Tree
from calculators.registry import Example
from calculators.rehearsal import Answer, Reply, Result, Turn
from calculators.web.blocks import Figure, View, figures, para
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


def set_attr(values: Mapping[str, str]) -> str:
    """The ``data-set`` attribute of a button that sets the form's boxes to `values`."""
    return f' data-set="{esc(json.dumps(dict(values), ensure_ascii=False))}"'


def turn_html(
    turn: Turn,
    values: Mapping[str, str] | None = None,
    sets: Mapping[str, str] | None = None,
    towards: Sequence[str] = (),
) -> str:
    """One step of the rehearsal: the creditor speaks, the reader picks a reply. ``sets``:
    reply key -> the ``moves`` box after it (on the page: the buttons then work);
    ``towards``: the keys of the reader's choices that lead to the branch they want to
    practise."""
    shown = shown_values(values)
    out = [
        f'<div class="calc-rehearsal" data-node="{esc(turn.node)}" data-tone="{esc(turn.tone)}">',
        f'<p class="calc-rehearsal-them"><span class="calc-call-label">对方'
        f"（{esc(TONE_LABELS[turn.tone])}）：</span>{text(turn.creditor, shown)}</p>",
    ]
    if not turn.finished and sets is not None:
        # The card gives the right reply away: a hint to open, not shown at once.
        out.append(
            '<details class="calc-rehearsal-hint"><summary>想不起来？看看准备卡上怎么写</summary>'
            '<div class="calc-call-card">'
        )
        out += [f'<p class="calc-call-say">{text(line, shown)}</p>' for line in turn.card]
        out.append("</div></details>")
    if turn.finished:
        out.append('<div class="calc-call-card"><p class="calc-call-label">你说</p>')
        out += [f'<p class="calc-call-say">{text(line, shown)}</p>' for line in turn.card]
        out.append(f'</div><p class="calc-note" aria-live="polite">{esc(END_WORDS[turn.kind])}</p>')
    else:
        ask = "你怎么回答？" if sets is None else "你接着怎么说、怎么做？选一个："
        out.append(f'<p class="calc-call-label" id="calc-rehearsal-ask">{ask}</p>')
        out.append(
            '<div class="calc-rehearsal-replies" role="group" aria-labelledby="calc-rehearsal-ask">'
        )
        out += [
            f'<button type="button" class="calc-action calc-call-reply" '
            f'data-reply="{esc(reply.key)}"'
            + (set_attr({"moves": sets[reply.key]}) if sets is not None else "")
            + (" data-focus" if sets is not None and i == 0 else "")
            + f">{text(reply.text, shown)}"
            + (
                '<span class="calc-figure-note">（往你想练的情况走）</span>'
                if reply.key in towards
                else ""
            )
            + "</button>"
            for i, reply in enumerate(turn.replies)
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


# --- the page: docs/calculators/rehearsal.md ----------------------------------------------

PURPOSE = "打电话之前先练一遍：本站扮演对方，客气、强硬、威胁三种语气，你选怎么回答。"
EXAMPLE = Example(
    inputs={"tone": "threat", "owed": "28000", "months": "48"},
    quoted=("left_count", "values.monthly"),
)
SCRIPT_PAGE = "../callcard/"  # the call script's page, from this one (both editions)
KEPT = (
    "练过哪些情况，只记在这个页面上：刷新或关掉页面就清空。"
    "就算打开了“保存在这台设备上”，保存的也只是这一家的数字，不保存练习。"
)


def _turn(result: Result) -> Turn:
    return Turn(
        node=result["node"],
        tone=result["tone"],
        creditor=result["creditor"],
        card=tuple(result["card"]),
        replies=tuple(Reply(r["key"], r["text"]) for r in result["replies"]),
        finished=result["finished"],
        kind=result["kind"],
    )


def _transcript(result: Result, shown: Mapping[str, str]) -> str:
    if not result["transcript"]:
        return ""
    tree = calltree.load()
    label = esc(TONE_LABELS[result["tone"]])
    items = "".join(
        f'<li><span class="calc-call-label">对方（{label}）：</span>'
        f"{text(tree.node(said['node']).them[result['tone']], shown)}<br>"
        f'<span class="calc-call-label">你：</span>{text(said["reply"], shown)}</li>'
        for said in result["transcript"]
    )
    return (
        '<details class="calc-rehearsal-log"><summary>这一轮前面说过的话</summary>'
        f"<ol>{items}</ol></details>"
    )


def _notes(result: Result) -> str:
    out = []
    if result["aim"] is not None and not result["aim_reachable"]:
        title = calltree.load().node(result["aim"]).title
        out.append(
            para(
                f"“{title}”在{TONE_LABELS[result['tone']]}的语气里不会出现："
                "换一种语气，对方才会这样说。"
            )
        )
    if result["last"] == "restart":
        out.append(para("换了语气，这一轮从头开始。"))
    if result["last"] == "trap":
        out.append(answer_html(Answer(False, result["why"], ())))
    return "".join(out)


def _buttons(result: Result) -> str:
    if result["finished"]:
        again = {"moves": "", "practised": result["next_practised"]}
        attrs, words = set_attr(again) + " data-focus", "再练一轮"
    else:
        attrs, words = set_attr({"moves": ""}), "这一轮从头再练"
    button = f'<button type="button" class="calc-action"{attrs}>{words}</button>'
    return f'<div class="calc-letter-actions">{button}</div>'


def view(result: Result) -> View:
    shown = shown_values(result["values"])
    tree = calltree.load()
    key = figures(
        [
            Figure("left_count", "还没练过的情况", result["left_count"], unit="种", main=True),
            Figure(
                "values.monthly",
                "练习里你提出的每期金额",
                result["values"]["monthly"] or None,
                note="" if result["values"]["monthly"] else "没填",
            ),
        ]
    )
    sets = {r["key"]: r["moves"] for r in result["replies"]}
    html = (
        key
        + _notes(result)
        + _transcript(result, shown)
        + turn_html(
            _turn(result),
            result["values"],
            sets,
            [r["key"] for r in result["replies"] if r["towards"]],
        )
    )
    if result["finished"]:
        html += unpractised_html(tree, result["left"], SCRIPT_PAGE)
    # The end of a round says NOTICE under its list already.
    html += _buttons(result) + para(KEPT if result["finished"] else NOTICE + KEPT, "calc-fine")
    them = tree.node(result["node"]).them[result["tone"]]
    # What a screen reader hears after a reply (the widget's live summary): the creditor's
    # next line, a trap's why, or the end of the round.
    if result["last"] == "trap":
        summary = f"换一种说法更稳妥：{result['why']}"
    elif result["finished"]:
        summary = f"{END_WORDS[result['kind']]}还有 {result['left_count']} 种情况没练过。"
    else:
        line = calltree.fill(them, shown, _blank)
        summary = f"对方（{TONE_LABELS[result['tone']]}）说：“{line}”。"
    return View(html, summary)


def _blank(name: str) -> str:
    from calculators.web.views.calltree import blank

    return blank(name)
