"""投诉信: addressed by the kind of institution, with the facts, dates and what is asked."""

from __future__ import annotations

from calculators.letter_complaint import Body, Result
from calculators.web.blocks import View
from calculators.web.letterbox import (
    closing,
    date_text,
    fill,
    finish,
    letter_view,
    numbered,
)

LETTER_ID = "calc-letter-complaint"
PURPOSE = "机构不解决问题时，按机构类型写给对应的监管部门：金融监管总局、地方金融管理局或人民银行。"

# How each body is named at the top of the letter, and how to reach it (in the notes).
HOW: dict[Body, str] = {
    "nfra": "银行和消费金融公司由国家金融监督管理总局受理投诉，消费者投诉热线是 12378；"
    "打电话时可以照着这封信说，也可以按它的官方渠道寄送。",
    "local": "小额贷款公司、网络小贷和融资担保公司由所在省份（自治区、直辖市）的地方金融管理局"
    "监管；请在当地政府的官方网站上查它的投诉方式。",
    "pboc": "信用报告的问题，可以依照《征信业管理条例》第二十六条向人民银行当地的分支机构投诉，"
    "受理以后 30 日内书面答复。",
}


def addressee(result: Result) -> str:
    region = fill(result["region"], "所在地")
    if result["body"] == "nfra":
        return "国家金融监督管理总局："
    if result["body"] == "local":
        return f"{region}地方金融管理局："
    return f"中国人民银行{region}分支机构："


def letter(result: Result) -> str:
    p = result["person"]
    if result["target"] == "credit_report":
        about = (
            f"我要投诉{fill(p['institution'], '机构名称')}，涉及我的个人信用报告"
            f"（相关卡号或合同号尾号{fill(p['account'], '尾号')}）。"
        )
    else:
        about = (
            f"我要投诉{fill(p['institution'], '机构名称')}，涉及我在该机构的"
            f"卡号或合同号尾号{fill(p['account'], '尾号')}的账户。"
        )
    events = result["events"] or ["【日期】，【发生了什么】"]
    asks = result["asks"] or ["【例如：核实并纠正；停止某种做法；书面答复处理结果】"]
    lines = [
        "投诉信",
        "",
        addressee(result),
        "",
        f"我是{fill(p['name'], '姓名')}，身份证号后四位 {fill(p['id_tail'], '××××')}，"
        f"联系电话 {fill(p['phone'], '电话')}。{about}",
        "",
        "事情经过：",
        *numbered(events),
    ]
    if result["complained_on"]:
        reply = f"，对方的答复是：{result['reply']}" if result["reply"] else "，至今没有答复"
        lines += [
            "",
            f"我已于{date_text(result['complained_on'])}向该机构反映{reply}。问题没有解决。",
        ]
    if result["body"] == "pboc":
        lines += [
            "",
            "依照《征信业管理条例》第二十六条，我向贵行投诉，请在受理后 30 日内书面答复。",
        ]
    lines += [
        "",
        "我的诉求：",
        *numbered(asks),
        "",
        "随信附上：【通话记录、短信和聊天截图、录音、还款凭证、沟通记录表】。",
        "以上内容属实。",
        *closing(p, "投诉人"),
    ]
    return finish(lines)


def view(result: Result) -> View:
    return letter_view(LETTER_ID, "投诉信", letter(result), "投诉信.txt", [HOW[result["body"]]])
