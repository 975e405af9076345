"""要求提供书面协议: what was agreed on the phone, to be confirmed in writing."""

from __future__ import annotations

from calculators.letter_written import Interest, Result
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

LETTER_ID = "calc-letter-written"
PURPOSE = "电话里谈妥了还款方案，请对方把约定的内容写成书面协议发给你。"

INTEREST_TEXT: dict[Interest, str] = {
    "stop": "分期期间不再计算利息，也不再收取其他费用；",
    "continue": "分期期间继续计算利息（利率和计算方法请在书面协议里写明）；",
    "unknown": "电话里没有谈到分期期间是否还计算利息和收取费用，请在书面协议里写明；",
}


def letter(result: Result) -> str:
    p = result["person"]
    months = result["months"]
    terms = [
        f"这笔欠款一共还 {money_text(result['total'])}；",
        f"分 {months if months else '【期数】'} 期，每期还 {money_text(result['monthly'])}，"
        f"第一期在{date_text(result['first_due'], '第一期还款日')}还；",
    ]
    if result["waived"]:
        terms.append(f"贵机构减免 {yuan(result['waived'])} 元；")
    terms.append(INTEREST_TEXT[result["interest"]])
    terms += [f"{t}；" if not t.endswith(("；", "。")) else t for t in result["other_terms"]]
    lines = [
        "关于提供书面还款协议的函",
        "",
        greeting(p),
        "",
        identity(p) + f"{date_text(result['call_date'])}，我和贵机构的工作人员"
        f"{fill(result['agent'], '姓名或工号')}通电话，商定了这笔欠款的还款办法。"
        "为了双方都有据可查，我把我记下的内容写在下面，请核对：",
        *numbered(terms),
        "",
        f"请在收到这封信后 {result['reply_days']} 日内，用书面形式确认以上内容："
        "盖章的还款协议，或者短信、官方 App 里的消息都可以。"
        "书面确认里请写明：欠款总额以及其中本金、利息和费用各多少；每期金额和还款日期；"
        "还款账户；还款期间是否还计算利息或收取费用；我按约还款期间停止催收；"
        "全部还清以后出具结清证明。",
        "",
        "如果以上记录和贵机构的理解有不一样的地方，请书面指出。",
    ]
    if result["credit_card"]:
        lines += [
            "",
            "这是信用卡欠款。据《商业银行信用卡业务监督管理办法》第七十条，"
            "口头达成的个性化分期还款协议应当录音，录音要保存到欠款还清为止；"
            "请贵行保存这次通话的录音。",
        ]
    lines += closing(p)
    return finish(lines)


def view(result: Result) -> View:
    warning = old_debt_note(result["last_activity"]) if result["old_debt"] else ""
    return letter_view(
        LETTER_ID, "关于提供书面还款协议的函", letter(result), "书面协议申请.txt", warning=warning
    )
