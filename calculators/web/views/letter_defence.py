"""答辩状: one paragraph per point the reader ticked, each with the rule it rests on."""

from __future__ import annotations

from calculators.letter_defence import Result
from calculators.web.blocks import View
from calculators.web.letterbox import date_text, fill, finish, letter_view, money_text
from calculators.web.views.letter_hardship import LIMITATION_NOTE

LETTER_ID = "calc-letter-defence"
PURPOSE = "被起诉以后，按你勾选的理由写一份答辩状：核对金额、请求调减过高的费用、说明困难。"

CIVIL_CODE = "《中华人民共和国民法典》"

# Why the charges are too high, by the kind of lender (letter_defence.KINDS).
EXCESSIVE = {
    "card": (
        "原告主张的透支利息、复利、违约金和分期手续费等合计明显过高。依照《最高人民法院关于"
        "审理银行卡民事纠纷案件若干问题的规定》第二条，原告没有向答辩人提示、说明的收费条款，"
        "答辩人主张不成为合同的内容；合计过高的部分，请求法院予以调减。"
    ),
    "licensed": (
        "原告主张的利息、罚息、复利、违约金和其他费用合计过高。请求法院参照《最高人民法院关于"
        "进一步加强金融审判工作的若干意见》第二条，对合计超过年利率 24% "
        f"的部分予以调减；违约金过分高于损失的，依照{CIVIL_CODE}第五百八十五条请求适当减少。"
    ),
    "private": (
        "依照《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条、第二十九条，"
        "超过合同成立时一年期贷款市场报价利率四倍的利息，以及合计超过这一标准的逾期利息、"
        "违约金和其他费用，请求法院不予支持。"
    ),
}

NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 16 -> 十六 (the answer has at most 16 points)."""
    if n <= 10:
        return NUMERALS[n - 1]
    return "十" + NUMERALS[n - 11]


def paragraphs(result: Result) -> list[str]:
    """The points of the answer, in the order of letter_defence.POINTS, then the reader's."""
    out = []
    for code in result["points"]:
        if code == "dispute_amount":
            out.append(
                "答辩人无法核实原告主张的金额。请原告提交借款合同、实际放款的凭证、"
                "全部还款记录和逐项计算明细（本金、利息、罚息、违约金和各项费用各自的计算期间"
                "和利率）。答辩人只对经法院查明、依法应当偿还的部分承担责任，已经还过的款项应当扣除。"
            )
        elif code == "excessive":
            out.append(EXCESSIVE[result["kind"]])
        elif code == "prepaid":
            out.append(
                "借款时，利息或费用被预先从本金中扣除，答辩人实际拿到的钱少于合同写的金额。"
                f"依照{CIVIL_CODE}第六百七十条，应当按照实际借到的金额计算本金和利息。"
            )
        elif code == "transfer":
            out.append(
                "原告称从原债权人处受让了这笔债权，但答辩人在起诉前没有收到债权转让的通知。"
                f"依照{CIVIL_CODE}第五百四十六条和《最高人民法院关于适用〈中华人民共和国民法典〉"
                "合同编通则若干问题的解释》第四十八条，转让自起诉状副本送达时才对答辩人发生效力；"
                "此前答辩人向原债权人的还款应当扣除，因未通知而增加的费用也应当从债权数额中扣除。"
                "请原告提交转让合同和转让通知的证据。"
            )
        elif code == "limitation":
            out.append(
                "这笔借款的最后一期已于【最后一期到期的日期】到期，此后原告和原债权人没有向答辩人"
                "主张过权利，答辩人也没有同意履行。依照"
                f"{CIVIL_CODE}第一百八十八条，诉讼时效期间为三年，现已届满；答辩人依照第一百九十二条"
                "提出诉讼时效抗辩。"
            )
        elif code == "offer":
            reason = fill(result["reason"], "原因，例如：失业、生病、收入减少")
            months = result["months"] or "【期数】"
            out.append(
                f"答辩人逾期是因为{reason}，不是有意不还。答辩人愿意在法院主持下调解，"
                f"每月付 {money_text(result['monthly'])}，分 {months} 期，"
                "履行经法院查明依法应当偿还的欠款。"
            )
    return out + result["other_points"]


def letter(result: Result) -> str:
    p = result["person"]
    tail = p["id_tail"]
    id_text = f"【前 14 位】{tail}" if tail else "【身份证号码】"
    points = paragraphs(result)
    lines = [
        "民事答辩状",
        "",
        f"答辩人：{fill(p['name'], '姓名')}，【性别】，【出生日期】出生，【民族】，"
        f"【职业和工作单位】，身份证号码 {id_text}，住【住址】，"
        f"联系电话 {fill(p['phone'], '电话')}。",
        f"被答辩人（原告）：{fill(p['institution'], '原告名称')}。",
        "",
        f"答辩人因被答辩人诉答辩人【借款合同纠纷】一案（案号：{fill(result['case_no'], '案号')}），"
        "提出答辩意见如下：",
        "",
    ]
    for n, text in enumerate(points, start=1):
        lines += [f"{numeral(n)}、{text}", ""]
    lines += [
        "附：证据材料【还款凭证、借款合同截图、沟通记录等】，共【份数】份。",
        "",
        "此致",
        fill(result["court"], "受理法院"),
        "",
        f"答辩人：{fill(p['name'], '姓名')}（签名）",
        f"联系电话：{fill(p['phone'], '电话')}",
        f"日期：{date_text(p['letter_date'])}",
    ]
    return finish(lines)


def notes(result: Result) -> list[str]:
    out = [
        "答辩状一般在收到起诉状副本之日起 15 日内交给法院；小额诉讼的期限可能更短，"
        "以法院通知上写的日子为准。交之前打 12348 请律师看一遍。",
    ]
    if "limitation" in result["points"]:
        out.append(
            "你提出了诉讼时效抗辩：开庭时也不要说“我愿意还”，法院不会主动替你适用时效。"
            "先打 12348 确认时效确实已经过了。"
        )
    if "offer" in result["points"]:
        out.append(LIMITATION_NOTE)
    return out


def view(result: Result) -> View:
    return letter_view(LETTER_ID, "民事答辩状", letter(result), "答辩状.txt", notes(result))
