"""协商还款申请: the letter with only the asks the reader chose, and its 收支说明."""

from __future__ import annotations

from calculators.letter_negotiate import Result
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
    money_text,
    numbered,
    old_debt_note,
)

LETTER_ID = "calc-letter-negotiate"
PURPOSE = "写给放款机构或发卡银行的协商还款申请，只写你选择申请的内容，附收支说明。"


def budget_lines(plan: Budget) -> list[str]:
    """The 收支说明: each figure typed, or a placeholder."""
    lines = [
        "收支说明",
        f"每月收入：{money_text(plan['income'])}",
        f"每月必要开支（房租、吃饭、交通、看病等）：{money_text(plan['essential_expenses'])}",
        f"其他欠款和固定还款每月要还：{money_text(plan['debt_payments'], '没有就写 0')}",
    ]
    spare = plan["spare"]
    if spare is not None and spare.startswith("-"):
        lines.append(
            f"收入扣除以上各项后，每月还差 {yuan(spare[1:])} 元，"
            "所以眼下每一家都只能按比例少还一些。"
        )
    else:
        lines.append(f"扣除以上各项后，每月能拿出来还款的钱：{money_text(spare)}")
    return lines


def letter(result: Result) -> str:
    """The 协商还款申请; 【】 marks what the reader left blank."""
    p = result["person"]
    reason = fill(result["reason"], "逾期的原因，例如：失业、生病、收入减少")
    owed = money_text(result["owed"])
    penalty = result["penalty"]
    lines = [
        "协商还款申请",
        "",
        greeting(p),
        "",
        identity(p) + f"因为{reason}，我没能按时还款。对依法应当偿还的欠款，"
        "我希望和贵机构商量一个我能按时做到的还款办法。",
        "",
        f"截至{date_text(p['letter_date'])}，按我自己的核算，这笔欠款合计 {owed}"
        + (f"，其中罚息和违约金 {yuan(penalty)} 元" if penalty else "")
        + "。请贵机构提供欠款明细（本金、利息、罚息和各项费用各是多少，怎么算出来的），"
        "以便我核对。",
        "",
        "我申请：",
    ]
    asks = []
    if result["ask_waive"]:
        asks.append(
            "减免逾期以后产生的罚息和违约金" + (f" {yuan(penalty)} 元" if penalty else "") + "；"
        )
    if result["ask_instalment"]:
        what = "减免以后剩下的欠款" if result["ask_waive"] else "全部欠款"
        financed = f" {yuan(result['financed'])} 元" if result["financed"] else ""
        months = result["months"]
        terms = "，分期期间停止计算利息" if result["freeze"] else ""
        asks.append(
            f"把{what}{financed}分 {months if months else '【期数】'} 期还，"
            f"每月还 {money_text(result['offer'])}{terms}；"
        )
    if result["ask_settlement"]:
        asks.append(
            f"如果贵机构同意减免一部分，我可以在{date_text(result['settlement_by'])}前"
            f"一次拿出 {money_text(result['settlement'])}，结清这笔欠款；"
        )
    asks.append("协商期间暂停催收；达成协议以后，按实际还款情况报送征信。")
    lines += numbered(asks)
    lines += ["", *budget_lines(result["budget"])]
    lines += [
        "",
        "如果贵机构同意，请把约定的内容用书面形式（盖章的协议、短信或官方 App 里的消息）"
        "发给我，写明欠款金额、每期金额和还款日期、还款账户，以及还款期间是否还收利息和费用。"
        "我会按约定按时还款。",
        "",
        "随信附上：【收入证明、病历、失业证明等能说明情况的材料】",
        *closing(p),
    ]
    return finish(lines)


def notes(result: Result) -> list[str]:
    """What the reader should check before sending; outside the letter."""
    out = []
    if result["offer_from_budget"]:
        out.append(
            f"你没有填每月能还多少，信里按收支算出的 {yuan(result['offer'] or '')} 元填写；"
            "如果还要留一点应急的钱，请改小一些。"
        )
    if result["short_by"] is not None:
        out.append(
            f"每月 {yuan(result['offer'] or '')} 元还 {result['months']} 期，一共 "
            f"{yuan(result['instalment_total'] or '')} 元，比要分期的欠款少 "
            f"{yuan(result['short_by'])} 元：对方多半不会同意。可以多分几期，"
            "或者把减免的部分说清楚。"
        )
    if result["above_spare"]:
        out.append(
            "信里每月要还的钱，比你的收支算出来能拿出的钱多。答应做不到的月供，很容易再次逾期。"
        )
    return out


def view(result: Result) -> View:
    warning = old_debt_note(result["last_activity"]) if result["old_debt"] else ""
    return letter_view(
        LETTER_ID, "协商还款申请", letter(result), "协商还款申请.txt", notes(result), warning
    )
