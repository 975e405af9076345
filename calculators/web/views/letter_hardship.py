"""暂时无力还款说明: the situation and the budget, no offer, and what is asked meanwhile."""

from __future__ import annotations

from calculators.letter_hardship import Result
from calculators.letters import Budget
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
    numbered,
    old_debt_note,
)
from calculators.web.views.letter_negotiate import budget_lines as negotiate_budget_lines

LETTER_ID = "calc-letter-hardship"
PURPOSE = "收入连基本生活都不够、暂时提不出还款方案时，向机构说明情况，请它暂缓催收、只联系你本人。"

# Said next to every letter that tells a lender the reader knows of the debt (民法典第一百九十五条
# 第二项 and 第一百九十二条第二款): a written promise to pay restarts the limitation period, and
# for a debt already past it, gives up that defence. guide/sued.md#limitation explains it.
LIMITATION_NOTE = (
    "这封信表示你知道这笔欠款、以后会商量还款。对一直有人催收的欠款，这没有什么损失；"
    "但如果是很多年没人联系过的旧欠款，写下“愿意还”会让诉讼时效重新计算，"
    "已经过了时效的，还可能因此不能再以时效为理由抗辩。旧欠款请先打 12348 问清楚再寄。"
)


def budget_lines(plan: Budget) -> list[str]:
    """The 收支说明 of the 协商还款申请, ending on the monthly shortfall instead of an offer."""
    spare = plan["spare"]
    if spare is not None and spare.startswith("-"):
        last = f"收入扣除以上各项后，每月还差 {yuan(spare[1:])} 元。"
    elif spare is not None:
        last = f"收入扣除以上各项后，每月只剩 {yuan(spare)} 元。"
    else:
        last = "收入扣除以上各项后，每月还差【金额】元。"
    return [*negotiate_budget_lines(plan)[:-1], last]


def letter(result: Result) -> str:
    """The 暂时无力还款说明; 【】 marks what the reader left blank."""
    p = result["person"]
    reason = fill(result["reason"], "原因，例如：失业、生病、收入减少")
    lines = [
        "暂时无力还款说明",
        "",
        greeting(p),
        "",
        identity(p) + f"因为{reason}，我眼下的收入连基本生活都不够，"
        "暂时拿不出钱还这笔借款，也提不出一个我做得到的还款方案。"
        "我没有失联，写这封信是想把情况说清楚。",
        "",
        *budget_lines(result["budget"]),
        "",
        "我请贵机构：",
        *numbered(
            [
                "记下我目前的情况，在这段时间暂缓催收；",
                f"只通过我本人的电话 {fill(p['phone'], '电话')} 联系我，"
                "不要联系我的家人、朋友和工作单位；",
                "如果贵机构对困难客户有延期、停息或其他安排，请书面告诉我条件。",
            ]
        ),
        "",
        f"我会在{date_text(result['contact_again'])}以前再和贵机构联系，说明我的收入有没有变化。"
        "对依法应当偿还的欠款，等我有了稳定的收入，再和贵机构商量具体的还款办法。",
        "",
        "随信附上：【失业证明、病历、低保证明等能说明情况的材料】",
        *closing(p, "说明人"),
    ]
    return finish(lines)


def notes(result: Result) -> list[str]:
    """What the reader should know before sending; outside the letter."""
    out = []
    if result["has_spare"]:
        spare = result["budget"]["spare"] or ""
        out.append(
            f"按你填的收支，每月还能剩下 {yuan(spare)} 元。手里有一点余钱时，"
            "用“协商还款申请”提一个具体的小额方案，通常比只说明困难更容易谈下来。"
        )
    if not result["old_debt"]:
        out.append(LIMITATION_NOTE)
    return out


def view(result: Result) -> View:
    warning = old_debt_note(result["last_activity"]) if result["old_debt"] else ""
    return letter_view(
        LETTER_ID,
        "暂时无力还款说明",
        letter(result),
        "暂时无力还款说明.txt",
        notes(result),
        warning,
    )
