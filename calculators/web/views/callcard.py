"""打电话前的准备卡: one debt's call card on one printed page (calculators/callcard.py)."""

from __future__ import annotations

from calculators import calltree
from calculators.callcard import Result
from calculators.debts import KINDS
from calculators.registry import Example
from calculators.web.blocks import Figure, View, figures
from calculators.web.format import esc, yuan
from calculators.web.views.calltree import ID_PREFIX, blank, shown_values

CARD_ID = "calc-callcard"
PURPOSE = "打电话之前，把这一家的号码、欠款、你的要求和底线放在一张纸上。"
EXAMPLE = Example(
    inputs={
        "institution": "某某银行信用卡",
        "kind": "card",
        "account": "6789",
        "owed": "28000",
        "months": "48",
        "limit": "700",
    },
    quoted=("owed", "ask.monthly", "ask.total", "limit"),
)
AT_HAND_TEXT = {
    "card": "这张卡、借款合同或 App 里的借款信息（核对尾号和金额）",
    "budget": "你的收支表：每月收入、必要开支、能拿出多少",
    "proof": "真实的证明材料（收入变化、病历、离职证明、流水），只拿真的",
    "log": "联系记录：上次是哪天、谁、说了什么",
    "pen": "纸和笔：记下对方工号、时间和谈妥的数",
}
KIND_LABELS = dict(KINDS)


def _row(label: str, value: str) -> str:
    return f"<div><dt>{esc(label)}</dt><dd>{value}</dd></div>"


def ask_text(result: Result) -> str:
    ask = result["ask"]
    parts = []
    if ask["months"] is not None and ask["monthly"] is not None:
        parts.append(f"分 {ask['months']} 期，每期 {yuan(ask['monthly'])} 元")
    else:
        parts.append("分【期数】期，每期【每期金额】元")
    if ask["stop_interest"]:
        parts.append("停止计息")
    if ask["waive"]:
        parts.append("减免逾期后的罚息和违约金")
    if ask["short_by"]:
        parts.append(f"剩下的 {yuan(ask['short_by'])} 元申请减免")
    return "；".join(parts) + "。"


def card_html(result: Result) -> str:
    values = shown_values(
        {
            "creditor": result["creditor"] or "",
            "account_tail": result["account_tail"] or "",
            "owed": result["owed"],
        }
    )
    phone = result["phone"]
    whom = (
        f"<strong>{esc(phone)}</strong>（你从卡片、合同或官方 App 里查到的号码）"
        if phone
        else "卡片背面、借款合同或官方 App 里写的客服号码：______"
    )
    opening = calltree.fill(calltree.load().node("reason").say[0], values, blank)
    limit = result["limit"]
    rows = [
        _row(
            "打给谁",
            f"{esc(values.get('creditor', blank('creditor')))}"
            f"（{esc(KIND_LABELS[result['kind']])}）",
        ),
        _row("号码", whom + "。短信、来电里给的号码一律不用。"),
        _row("卡号或合同号尾号", esc(result["account_tail"] or "______")),
        _row("现在欠", f"{esc(yuan(result['owed']))} 元"),
        _row("我要提出的", esc(ask_text(result))),
        _row(
            "我的底线",
            f"每月最多 {esc(yuan(limit))} 元；对方要得更多，就不当场答应，请对方把方案发过来。"
            if limit
            else "每月最多______元；对方要得更多，就不当场答应。",
        ),
        _row("开口第一句", esc(opening)),
    ]
    hand = "".join(f"<li>{esc(AT_HAND_TEXT[code])}</li>" for code in result["at_hand"])
    return (
        f'<div id="{CARD_ID}" class="calc-callcard">'
        f'<p class="calc-plan-title">打电话前的准备卡</p>'
        f'<dl class="calc-callcard-facts">{"".join(rows)}</dl>'
        f'<p class="calc-call-label">手边准备好</p><ul>{hand}</ul>'
        '<p class="calc-note">验证码、密码、完整的身份证号，谁要都不给。'
        "挂断以后，马上记下对方工号、时间和谈妥的数。</p>"
        "</div>"
    )


def _threats(script_url: str) -> str:
    """Every threat reply of the script, one tap away from the card."""
    tree = calltree.load()
    links = "　".join(
        f'<a href="{esc(script_url)}#{ID_PREFIX}{t}">{esc(tree.node(t).title)}</a>'
        for t in tree.threats()
    )
    return (
        f'<p class="calc-call-threats"><span class="calc-call-label">对方威胁时：</span>{links}</p>'
    )


def view(result: Result, script_url: str = "") -> View:
    """The card, a print button, and a link to the call script (``script_url``: the page of
    the tree, relative to this one)."""
    ask = result["ask"]
    key = figures(
        [
            Figure(
                "ask.monthly", "每期想还", ask["monthly"], main=True, note=f"（{ask['months']} 期）"
            )
            if ask["monthly"] is not None
            else Figure("ask.monthly", "每期想还", None, note="没填期数和每期金额"),
            Figure("owed", "现在欠", result["owed"]),
            Figure(
                "limit", "底线：每月最多", result["limit"], note="" if result["limit"] else "没填"
            ),
        ]
    )
    html = (
        key + card_html(result) + '<div class="calc-letter-actions">'
        f'<button type="button" class="calc-action" data-action="print" data-target="{CARD_ID}">'
        "打印这张卡</button></div>"
        + f'<p class="calc-note"><a href="{esc(script_url)}#{ID_PREFIX}start">'
        "打电话时一步一步怎么说</a>　"
        f'<a href="{esc(script_url)}../rehearsal/">先跟本站练一遍</a>　'
        f'<a href="{esc(script_url)}#notes">通话时随手记</a></p>' + _threats(script_url)
    )
    name = result["creditor"] or "这一家"
    summary = f"{name}的准备卡：欠 {yuan(result['owed'])} 元，{ask_text(result)}"
    return View(html, summary)
