"""要求停止联系第三人: family, friends and the employer are not the borrower."""

from __future__ import annotations

from calculators.letter_third_party import Result
from calculators.web.blocks import View
from calculators.web.letterbox import (
    closing,
    fill,
    finish,
    greeting,
    identity,
    letter_view,
    numbered,
)

LETTER_ID = "calc-letter-third-party"
PURPOSE = "催收打给家人、朋友或单位时，书面要求对方停止联系他们、只找你本人。"


def who(result: Result) -> str:
    """ "我的家人、通讯录里的朋友和工作单位" from the flags."""
    names = [
        name
        for flag, name in (
            ("family", "家人"),
            ("contacts", "通讯录里的朋友"),
            ("employer", "工作单位的同事、领导"),
        )
        if result[flag]  # type: ignore[literal-required]
    ]
    return "我的" + ("、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else names[0])


def letter(result: Result) -> str:
    p = result["person"]
    threatened = result["what"] == "threatened"
    blank = (
        "【日期】，【对方】说要联系我的【谁】"
        if threatened
        else "【日期】，【对方】联系了我的【谁】，说了【什么】"
    )
    events = result["events"] or [blank]
    reasons = [
        "《中华人民共和国个人信息保护法》要求处理个人信息限于实现处理目的的最小范围（第六条），"
        "任何组织、个人不得非法公开他人的个人信息（第十条）。把我的欠款告诉与这笔借款无关的人，"
        "超出了催收所需的范围。",
        "中国银行业协会 2026 年 1 月发布的《金融机构个人消费类贷款催收工作指引（试行）》"
        "是行业自律文件。据公开报道，它提出只有借款人失联时才可以联系第三方，"
        "联系时不得透露欠款信息，第三方要求停止联系的应当停止。我没有失联。",
    ]
    if result["credit_card"]:
        reasons.append(
            "《商业银行信用卡业务监督管理办法》第六十八条也要求发卡银行不向与债务无关的第三人催收。"
        )
    lines = [
        "要求停止联系第三人的函",
        "",
        greeting(p),
        "",
        identity(p) + "这笔借款的事，请直接和我本人联系："
        f"我的电话 {fill(p['phone'], '电话')} 可以正常联系到我，我没有失联。",
        "",
        (
            f"但是近来，贵机构或受贵机构委托的催收人员说要联系{who(result)}："
            if threatened
            else f"但是近来，贵机构或受贵机构委托的催收人员联系了{who(result)}："
        ),
        *numbered(events),
        "",
        "他们不是这笔借款的借款人，也不是担保人。"
        + ("请不要联系他们，" if threatened else "请从收到本函起停止联系他们，")
        + "不要向他们透露我的借款和欠款情况；这笔借款的事，请只和我本人联系。",
        "",
        "我的理由是：",
        *numbered(reasons),
        "",
        "如果贵机构已经把这笔欠款委托给催收机构，请把本函转告对方。"
        + ("如果对方真的去联系他们" if threatened else "如果这种情况继续发生")
        + "，我会保留记录，并依照《中华人民共和国个人信息保护法》"
        "第六十五条向有关部门投诉、举报。",
        *closing(p),
    ]
    return finish(lines)


def view(result: Result) -> View:
    return letter_view(LETTER_ID, "要求停止联系第三人的函", letter(result), "停止联系第三人.txt")
