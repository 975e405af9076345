"""执行和解申请: the instalment offer after a judgment, copied to the enforcement judge."""

from __future__ import annotations

from calculators.letter_enforcement_settlement import Result
from calculators.web.blocks import View
from calculators.web.format import yuan
from calculators.web.letterbox import (
    closing,
    date_text,
    fill,
    finish,
    letter_view,
    money_text,
    numbered,
)
from calculators.web.views.letter_negotiate import budget_lines

LETTER_ID = "calc-letter-enforcement-settlement"
PURPOSE = "判决以后还不上全部金额时，向申请执行人提出分期的执行和解方案，抄送执行法官。"

RULES = "《最高人民法院关于执行和解若干问题的规定》"


def letter(result: Result) -> str:
    """The 执行和解申请; it names the case, not a total (the judgment fixes the amount)."""
    p = result["person"]
    court = fill(result["court"], "执行法院")
    case = fill(result["case_no"], "执行案号")
    reason = fill(result["reason"], "原因，例如：失业、生病、收入减少")
    months = result["months"]
    asks = []
    if result["first_payment"]:
        asks.append(f"签订和解协议时，我先付 {yuan(result['first_payment'])} 元；")
    asks.append(
        f"此后每月付 {money_text(result['monthly'])}，从{date_text(result['start'])}开始，"
        f"共 {months if months else '【期数】'} 期；"
    )
    asks.append("和解协议签订后，双方一起把书面和解协议交给执行法院；")
    if result["ask_release"]:
        asks.append("请贵方同意向执行法院申请，解除对我领取工资和支付基本生活所用账户的冻结。")
    lines = [
        "执行和解申请",
        "",
        f"{fill(p['institution'], '申请执行人')}：",
        f"（抄送：{court}执行法官）",
        "",
        f"我是{fill(p['name'], '姓名')}，身份证号后四位 {fill(p['id_tail'], '××××')}，"
        f"是{court}{case}一案的被执行人。因为{reason}，我现在没有能力一次履行生效法律文书"
        "确定的义务。我的收入和财产情况，已经或者将会按法院的要求如实报告。"
        "为了把这件事了结，我提出下面的和解方案，请贵方考虑：",
        *numbered(asks),
        "",
        *budget_lines(result["budget"]),
        "",
        f"我知道，依照{RULES}第九条，和解以后我不按约定履行的，贵方可以申请恢复执行。"
        "所以上面每一期的数，都是按我的收支算出来、我能做到的数。",
        "",
        "随信附上：【收入证明、银行流水、病历等能说明情况的材料】",
        *closing(p),
    ]
    return finish(lines)


def notes(result: Result) -> list[str]:
    """What the reader should check before sending; outside the letter."""
    out = []
    if result["short_by"] is not None:
        out.append(
            f"方案一共付 {yuan(result['instalment_total'] or '')} 元，比判决确定的 "
            f"{yuan(result['judged'] or '')} 元少 {yuan(result['short_by'])} 元："
            "这一部分要对方同意减免，并写进和解协议。判决定的期限过了以后，"
            "迟延履行期间的债务利息要加倍计算，实际还差多少以执行法院算的为准。"
        )
    if result["above_spare"]:
        out.append(
            "信里每月要付的钱，比你的收支算出来能拿出的钱多。和解以后无正当理由不履行，"
            "本身就是纳入失信名单的情形之一，只答应做得到的数。"
        )
    out.append(
        "先打电话给执行法官或对方，问清楚和解方案交给谁、用什么方式交；"
        "寄出的信和对方的答复都留一份。"
    )
    out.append(
        "判决以后，对方申请执行的期间是 2 年，它和诉讼时效一样，会因为你书面同意履行而重新计算"
        "（民事诉讼法第二百五十条）。如果判决生效很久、对方一直没有申请执行，"
        "先打 12348 问清楚再寄。"
    )
    return out


def view(result: Result) -> View:
    return letter_view(LETTER_ID, "执行和解申请", letter(result), "执行和解申请.txt", notes(result))
