"""债权转让核实: ask for proof before paying a company that says it bought the debt."""

from __future__ import annotations

from calculators.letter_transfer import Result
from calculators.web.blocks import View
from calculators.web.format import yuan
from calculators.web.letterbox import (
    closing,
    date_text,
    fill,
    finish,
    identity,
    letter_view,
    numbered,
)

LETTER_ID = "calc-letter-transfer"
PURPOSE = "有公司说你的债务已经转让给它时，要求对方拿出转让通知和欠款明细。"

ARTICLE = (
    "《中华人民共和国民法典》第五百四十六条规定，债权人转让债权，未通知债务人的，"
    "该转让对债务人不发生效力。"
)


def notice_text(result: Result, original: str) -> str:
    """What the reader knows of a notice of the transfer, as they chose it."""
    if result["notice"] == "unverified":
        return (
            f"{date_text(result['notice_date'])}，我收到过一条说这笔债权已经转让的短信"
            f"（或看到过这样的公告），但我无法核实它是否真的来自{original}。"
        )
    return f"我没有收到{original}关于这笔债权转让的通知。"


def letter(result: Result) -> str:
    p = result["person"]
    original = fill(p["institution"], "原借款机构")
    company = fill(result["new_creditor"], "公司名称")
    when = date_text(result["contacted_on"])
    claimed = f"，金额 {yuan(result['claimed'])} 元" if result["claimed"] else ""
    if result["to"] == "original":
        lines = [
            "债权转让核实函",
            "",
            f"{original}：",
            "",
            identity(p)
            + f"{when}，一家自称{company}的公司联系我，说我在贵机构的这笔借款已经转让给他们，"
            f"要求我向他们还款{claimed}。{notice_text(result, '贵机构')}{ARTICLE}",
            "",
            "请贵机构书面告诉我：",
            *numbered(
                [
                    "这笔借款是否已经转让；如果转让了，转让给了谁，从哪一天起生效；",
                    f"如果没有转让，{company}是否受贵机构委托催收；",
                    "这笔借款现在还欠多少（本金、利息、费用各多少），应当还到哪个账户。",
                ]
            ),
            "",
            "收到答复之前，我不会向来历不明的账户付款。",
        ]
    else:
        lines = [
            "债权转让核实函",
            "",
            f"{company}：",
            "",
            f"{when}，贵公司（或受贵公司委托的人员）联系我，说我在{original}的借款"
            f"（卡号或合同号尾号{fill(p['account'], '尾号')}）已经转让给贵公司，"
            f"要求我向贵公司还款{claimed}。",
            "",
            f"{notice_text(result, original)}{ARTICLE}"
            "在核实清楚之前，我不会向贵公司指定的账户付款。",
            "",
            "请贵公司提供：",
            *numbered(
                [
                    f"{original}向我发出的债权转让通知，或者能证明已经通知我的材料；",
                    "能证明这笔债权已经转让给贵公司的文件，例如转让协议中涉及我这笔借款的部分；",
                    "贵公司的全称、统一社会信用代码和联系方式；"
                    "如果联系我的是催收机构，请说明受谁委托；",
                    "所主张欠款的构成：本金、利息、费用各多少，以及计算的起止日期；",
                    "收款账户的户名，以及它属于谁。",
                ]
            ),
            "",
            "收到以上材料后，我会核实并答复。",
        ]
    lines += closing(p, "借款人")
    return finish(lines)


def view(result: Result) -> View:
    return letter_view(
        LETTER_ID,
        "债权转让核实函",
        letter(result),
        "债权转让核实函.txt",
        [
            "核实期间，可以同时问一问原来的借款机构：把“寄给谁”改成“原来的借款机构”，"
            "就是给它的一封。"
        ],
    )
