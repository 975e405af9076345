"""个性化分期还款申请: a credit-card instalment request under 第七十条 of the card rules."""

from __future__ import annotations

from calculators.letter_installment import Result
from calculators.web.blocks import View
from calculators.web.format import yuan
from calculators.web.letterbox import (
    closing,
    date_text,
    fill,
    finish,
    greeting,
    identity,
    letter_view,
    money_text,
    numbered,
    old_debt_note,
)
from calculators.web.views.letter_negotiate import budget_lines

LETTER_ID = "calc-letter-installment"
PURPOSE = "信用卡欠款超出还款能力时，向发卡银行申请个性化分期（最长 5 年）。"


def letter(result: Result) -> str:
    p = result["person"]
    reason = fill(result["reason"], "逾期的原因，例如：失业、生病、收入减少")
    months = result["months"]
    fees = "，还款期间停止收取利息、年费和其他费用" if result["freeze"] else ""
    lines = [
        "个性化分期还款申请",
        "",
        greeting(p, "发卡银行"),
        "",
        identity(p, "贵行信用卡卡号")
        + f"因为{reason}，这张卡的欠款已经超出了我现在的还款能力。对依法应当偿还的欠款，"
        "我希望和贵行商量一个我能按时做到的分期办法。"
        f"截至{date_text(p['letter_date'])}，按我自己的核算，"
        f"这张卡欠款 {money_text(result['owed'])}；"
        "请贵行提供欠款明细（本金、利息和各项费用各是多少），以便我核对。",
        "",
        "据我了解，《商业银行信用卡业务监督管理办法》第七十条规定，持卡人欠款超出还款能力、"
        "但仍有还款意愿的，发卡银行可以和持卡人协商，签订个性化分期还款协议，期限最长 5 年。"
        "我申请和贵行签订这样一份协议：",
        "",
        f"分 {months if months else '【期数】'} 期还清，每月还 {money_text(result['monthly'])}"
        f"{fees}。",
        "",
        "请在协议里写明：",
        *numbered(
            [
                "欠款总额，以及其中本金、利息、费用各是多少；",
                "还款周期和还款方式，每一期的还款日期和金额；",
                "还款期间是否还收年费、利息和其他费用；",
                "双方的权利、义务和违约责任。",
            ]
        ),
        "在还清之前，我不再申请新的信用卡。",
        "",
        "协议签订以后，请贵行和受贵行委托的催收机构按协议停止催收。"
        "如果是在电话里商定的，也请把协议文本用书面形式发给我。",
        "",
        *budget_lines(result["budget"]),
        "",
        "随信附上：【收入证明、病历、失业证明等能说明情况的材料】",
        *closing(p),
    ]
    return finish(lines)


def notes(result: Result) -> list[str]:
    out = []
    if result["short_by"] is not None:
        out.append(
            f"每月 {yuan(result['monthly'] or '')} 元还 {result['months']} 期，一共 "
            f"{yuan(result['instalment_total'] or '')} 元，比欠款少 {yuan(result['short_by'])} 元："
            "银行多半不会同意。可以多分几期（最长 60 期），或者把要求减免的部分写清楚。"
        )
    return out


def view(result: Result) -> View:
    warning = old_debt_note(result["last_activity"]) if result["old_debt"] else ""
    return letter_view(
        LETTER_ID,
        "个性化分期还款申请",
        letter(result),
        "个性化分期还款申请.txt",
        notes(result),
        warning,
    )
