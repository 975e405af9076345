"""结清证明申请: a settlement certificate, and a check of what goes to the credit bureau."""

from __future__ import annotations

from calculators.letter_settlement import Result
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
)

LETTER_ID = "calc-letter-settlement"
PURPOSE = "欠款还清以后，请机构出具结清证明，并核实征信已经更新。"


def letter(result: Result) -> str:
    p = result["person"]
    paid = f"，最后一笔还款 {yuan(result['last_payment'])} 元" if result["last_payment"] else ""
    when = date_text(result["paid_off"], "还清的日期")
    if result["how"] == "discounted":
        opening = (
            f"贵机构在{date_text(result['agreed_on'])}同意减免这笔欠款的一部分，"
            f"我已按照双方的协议，于{when}付清协议约定的全部款项{paid}。"
        )
        items = [
            "借款人姓名，以及这笔借款的卡号或合同号；",
            "我已按协议付清约定的款项，这笔借款已于哪一天结清；",
            "按协议减免的部分，贵机构不再向我主张；截至出具证明之日，我在这笔借款下"
            "对贵机构没有未还的本金、利息、罚息或其他费用。",
        ]
    else:
        opening = f"我已于{when}还清这笔欠款{paid}。"
        items = [
            "借款人姓名，以及这笔借款的卡号或合同号；",
            "这笔欠款已于哪一天全部还清；",
            "截至出具证明之日，我在这笔借款下对贵机构没有未还的本金、利息、罚息或其他费用。",
        ]
    lines = [
        "结清证明申请",
        "",
        greeting(p),
        "",
        identity(p) + opening + "请贵机构出具一份盖章的结清证明，写明：",
        *numbered(items),
    ]
    if result["check_credit"]:
        lines += [
            "",
            "另外，请核实贵机构向征信机构报送的这个账户的信息，确认已经按实际情况更新为结清，"
            "并告诉我更新的日期。如果报送的信息有错误或遗漏，请予以更正。",
        ]
    lines += [
        "",
        f"请把结清证明寄到或发到：{fill(result['send_to'], '地址或邮箱')}。",
        *closing(p),
    ]
    return finish(lines)


def view(result: Result) -> View:
    return letter_view(LETTER_ID, "结清证明申请", letter(result), "结清证明申请.txt")
