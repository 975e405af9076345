"""征信异议申请: a dispute of a credit-report record under 第二十五条 of the regulation."""

from __future__ import annotations

from calculators.letter_dispute import Problem, Result
from calculators.web.blocks import View
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

LETTER_ID = "calc-letter-dispute"
PURPOSE = "信用报告里的记录有错误或遗漏时，向征信机构或报送的机构提出异议。"

PROBLEM_TEXT: dict[Problem, str] = {
    "paid": "这笔欠款已经还清，报告里的记录却没有更新",
    "not_overdue": "我没有逾期，报告里却记了逾期",
    "wrong_amount": "记录里的金额或日期和实际不符",
    "not_mine": "这个账户或这笔借款不是我办的",
    "other": "记录有错误或遗漏",
}


def letter(result: Result) -> str:
    p = result["person"]
    facts = result["facts"] or ["【日期】，【实际发生了什么】"]
    evidence = "、".join(result["evidence"]) or "【身份证复印件、还款凭证、结清证明等】"
    lines = [
        "征信异议申请",
        "",
        greeting(p),
        "",
        identity(p) + f"我在{date_text(result['report_date'], '查询日期')}查询的个人信用报告里，"
        f"下面这条信息有误：{fill(result['record'], '哪家机构、哪个账户、哪个月的记录')}。",
        "",
        f"问题是：{PROBLEM_TEXT[result['problem']]}。实际情况是：",
        *numbered(facts),
        "",
        "《征信业管理条例》第二十五条规定，信息主体认为征信机构采集、保存、提供的信息"
        "存在错误、遗漏的，有权向征信机构或者信息提供者提出异议。据此，我请贵机构：",
        *numbered(
            [
                "对这条信息作出存在异议的标注；",
                "自收到本申请之日起 20 日内核查处理，并把结果书面答复我；",
                "经核查确有错误、遗漏的，予以更正。",
            ]
        ),
        "",
        f"随信附上：{evidence}。",
        *closing(p, "异议人"),
    ]
    return finish(lines)


def view(result: Result) -> View:
    return letter_view(
        LETTER_ID,
        "征信异议申请",
        letter(result),
        "征信异议申请.txt",
        [
            "20 日内没有答复，或者对结果不满意，可以依照《征信业管理条例》第二十六条，"
            "向人民银行当地的分支机构投诉，也可以向法院起诉。"
        ],
    )
