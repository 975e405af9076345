"""向机构投诉（消保部门）: the facts, the asks and a date for the written answer."""

from __future__ import annotations

from calculators.letter_internal_complaint import Result
from calculators.web.blocks import View
from calculators.web.letterbox import (
    closing,
    date_text,
    fill,
    finish,
    identity,
    letter_view,
    numbered,
)

LETTER_ID = "calc-letter-internal-complaint"
PURPOSE = "向机构自己的消费者权益保护部门书面投诉：写清经过、诉求和答复期限，先于向监管部门投诉。"

# What the complaint is about, as the letter says it (by TOPICS code).
ABOUT = {
    "collection": "我要投诉贵机构（或受贵机构委托的人员）催收的方式。",
    "charges": "我要投诉贵机构对这笔借款的收费、计息和欠款金额。",
    "credit_report": "我要投诉贵机构向征信机构报送的这笔借款的信息。",
    "no_answer": "我向贵机构提出的协商还款申请，一直没有得到答复，特此投诉。",
    "other": "我要投诉下面这件事。",
}


def letter(result: Result) -> str:
    p = result["person"]
    events = result["events"] or ["【日期】，【发生了什么】"]
    asks = result["asks"] or ["【例如：停止某种做法；核实并纠正；书面答复处理结果】"]
    lines = [
        "投诉信",
        "",
        f"{fill(p['institution'], '机构名称')}消费者权益保护部门（投诉处理部门）：",
        "",
        identity(p) + ABOUT[result["topic"]],
        "",
        "事情经过：",
        *numbered(events),
    ]
    if result["first_told"] or result["ticket"]:
        when = f"于{date_text(result['first_told'])}" if result["first_told"] else ""
        ticket = f"（工单号 {result['ticket']}）" if result["ticket"] else ""
        lines += ["", f"我已{when}向贵机构客服反映{ticket}，问题没有解决。"]
    lines += [
        "",
        "我的诉求：",
        *numbered(asks),
        "",
        "请指定与这件事没有直接利害关系的人员处理，并在收到本投诉后 "
        f"{result['reply_days']} 日内书面答复处理结果；需要延长的，请告诉我原因和预计的日期。"
        "如果问题仍然没有解决，我会向监管部门反映。",
        "",
        "随信附上：【通话记录、短信和聊天截图、录音、还款凭证、沟通记录表】。",
        "以上内容属实。",
        *closing(p, "投诉人"),
    ]
    return finish(lines)


NOTE = (
    "通过 App 里的“投诉”入口、官方邮箱或客服电话转投诉部门提交，留下提交的日期和编号。"
    "到期没有答复或者不满意，再用“投诉信”写给监管部门。"
)


def view(result: Result) -> View:
    title = "向机构投诉（消保部门）"
    return letter_view(LETTER_ID, title, letter(result), "向机构投诉.txt", [NOTE])
