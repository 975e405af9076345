"""要求提供欠款明细和计算依据: the parts of the claimed sum, how payments were applied."""

from __future__ import annotations

from calculators.letter_breakdown import Result
from calculators.web.blocks import View
from calculators.web.letterbox import (
    closing,
    date_text,
    finish,
    greeting,
    identity,
    letter_view,
    money_text,
    numbered,
)

LETTER_ID = "calc-letter-breakdown"
PURPOSE = (
    "对方报的欠款数对不上时，要求它书面列出本金、利息、罚息和各项费用怎么算出来，"
    "信里不认可对方的数。"
)


def letter(result: Result) -> str:
    """The request; it accepts no figure and promises nothing."""
    p = result["person"]
    who = (
        f"自称受贵机构委托的{result['collector']}"
        if result["collector"]
        else "贵机构（或受贵机构委托的人员）"
    )
    contract = "借款合同（信用卡是领用合约）和我签署过的其他协议的副本；"
    asks = [contract] if result["ask_contract"] else []
    asks += [
        "实际放款的金额和日期；",
        "欠款的每一部分：本金、利息、罚息、复利、违约金和各项费用各是多少，"
        "每一项按什么利率或费率、从哪天算到哪天，依据合同的哪一条；",
        "我每一次还款的日期和金额，以及每一笔抵扣了本金、利息还是费用；",
        "这笔欠款现在由谁享有：有没有转让给别的公司，或者由担保公司代偿；"
        "如果有，请写明日期和对方的全称。",
    ]
    lines = [
        "要求提供欠款明细和计算依据",
        "",
        greeting(p),
        "",
        identity(p)
        + f"{date_text(result['claimed_on'])}，{who}向我主张这笔借款的欠款 "
        + f"{money_text(result['claimed'])}。我无法核对这个数是怎么算出来的，"
        "请贵机构书面提供下面的材料：",
        *numbered(asks),
        "",
        "本函只是请贵机构说明欠款的构成和计算依据，不表示我认可上述金额。"
        "在我收到书面明细以前，请不要让催收人员按这个金额向我或我的家人施压。",
        "",
        "请通过官方 App 的消息、电子邮件或信件答复我。",
        *closing(p),
    ]
    return finish(lines)


def notes(result: Result) -> list[str]:
    out = [
        "信里只问数字怎么算出来，没有承认金额或答应还款的话；收到明细以后再决定怎么谈。"
        "很多年没人联系过的旧欠款，拿不准时先打 12348 问一问。"
    ]
    if result["claimed"] is None:
        out.append("你没有填对方报的金额，信里留着【金额】，寄出前补上或删掉这一处。")
    return out


def view(result: Result) -> View:
    return letter_view(
        LETTER_ID,
        "要求提供欠款明细和计算依据",
        letter(result),
        "要求提供欠款明细.txt",
        notes(result),
    )
