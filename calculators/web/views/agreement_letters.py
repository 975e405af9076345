"""The papers of an agreement (issue 27, items 10 and 14): the adjustment request before a
payment is missed, and the close-out: the 结清证明 request and a 征信异议 (the letter library's
own letters, calculators/web/views/letter_settlement.py and letter_dispute.py, filled from the
record), with the notes on checking the credit report.

Each function takes the record, its status or adjustment (calculators/agreement_status.py)
and the reader as `calculators.letters.Person` (``institution``: this creditor; ``account``:
this debt's tail; the name, ID tail and phone from the case's person): a letter is always
for one debt and never reads another's values.
"""

from __future__ import annotations

from calculators import letters
from calculators.agreement import TYPES, Agreement
from calculators.agreement_status import Adjustment, Status
from calculators.letter_dispute import Result as DisputeResult
from calculators.letter_settlement import Result as SettlementResult
from calculators.money import fmt
from calculators.web.blocks import File, View, para
from calculators.web.format import yuan
from calculators.web.letterbox import (
    MIME,
    closing,
    date_text,
    fill,
    finish,
    greeting,
    identity,
    letter_box,
    numbered,
)
from calculators.web.views import letter_dispute, letter_settlement
from calculators.web.views.letter_negotiate import budget_lines

ADJUST_ID = "calc-agreement-adjust"
SETTLE_ID = "calc-agreement-settle"
DISPUTE_ID = "calc-agreement-dispute"
TYPE_LABELS = dict(TYPES)
CLOSEOUT_NOTES = (
    "拿到结清证明以后，等这家机构下一次向征信报送（可以问对方哪天报送），再通过官方渠道"
    "查一次信用报告，看这个账户是不是显示已结清。每年有两次免费查询（《征信业管理条例》第十七条）。",
    "记录没有更新，或者金额、日期不对，用下面的征信异议申请（《征信业管理条例》第二十五条）："
    "收到异议的一方应当在 20 日内核查，并书面答复你。",
    "真实发生过的逾期记录，从逾期结束那天起保留 5 年，期满删除（《征信业管理条例》第十六条）；"
    "这 5 年里，你可以申请在报告里加上自己的说明。",
    "有人收钱说能“修复”“洗白”征信，不要信：真实的记录谁也删不掉，有错的记录你自己就能免费提异议。",
)


def adjustment_letter(
    adj: Adjustment,
    record: Agreement,
    person: letters.Person,
    reason: str | None = None,
    plan: letters.Budget | None = None,
) -> str:
    """关于调整还款协议的申请: the agreement, n of N, the total paid so far, and a new amount
    from the current budget; sent before the payment is missed."""
    regular = record.schedule[min(adj.paid_count, record.periods - 1)].amount
    lines = [
        "关于调整还款协议的申请",
        "",
        greeting(person),
        "",
        identity(person)
        + f"我和贵机构在{date_text(adj.agreed_on.isoformat())}达成了{TYPE_LABELS[record.kind]}"
        f"协议，约定分 {adj.periods} 期、一共还 {yuan(fmt(record.total))} 元。"
        f"到现在，我已经按协议还清了 {adj.paid_count}/{adj.periods} 期，"
        f"一共还了 {yuan(fmt(adj.paid))} 元，还剩 {yuan(fmt(adj.left))} 元。",
        "",
        f"因为{fill(reason, '收入或开支发生了什么变化，一句实话')}，接下来每期 "
        f"{yuan(fmt(regular))} 元，我按时还有困难。为了不违约，我在还款日之前主动申请调整：",
        *numbered(
            [
                f"剩下的 {yuan(fmt(adj.left))} 元，改为每月还 {yuan(fmt(adj.new_monthly))} 元，"
                f"分 {adj.new_periods} 期还完（最后一期 {yuan(fmt(adj.new_last))} 元）；",
                "调整期间不计罚息，不按违约处理，原协议的其他约定不变；",
                "请把调整后的方案用书面形式（短信、官方 App 里的消息或盖章的协议）发给我。",
            ]
        ),
    ]
    if plan is not None:
        lines += ["", *budget_lines(plan)]
    lines += [
        "",
        "随信附上：【收入变化的证明、已还各期的还款凭证】",
        *closing(person),
    ]
    return finish(lines)


def settlement_letter(
    record: Agreement, status: Status, person: letters.Person, send_to: str | None = None
) -> str:
    """The 结清证明 request, pre-filled: the day it was settled and the last payment."""
    last = max(record.payments, key=lambda p: p.on) if record.payments else None
    # A settlement after a waiver says so: what was agreed was paid, the rest is not claimed.
    discounted = record.kind == "settlement"
    result: SettlementResult = {
        "person": person,
        "how": "discounted" if discounted else "full",
        "agreed_on": record.agreed_on.isoformat() if discounted else None,
        "paid_off": status.settled_on.isoformat() if status.settled_on else None,
        "last_payment": fmt(last.amount) if last else None,
        "check_credit": True,
        "send_to": send_to,
    }
    return letter_settlement.letter(result)


def dispute_letter(record: Agreement, status: Status, person: letters.Person) -> str:
    """A 征信异议 for a record that still shows this debt unpaid after it was settled."""
    account = f"尾号 {person['account']} 的账户" if person["account"] else "这笔借款的账户"
    settled = status.settled_on.isoformat() if status.settled_on else "【日期】"
    result: DisputeResult = {
        "person": person,
        "to": "provider",
        "report_date": None,
        "record": f"{fill(person['institution'], '机构名称')}{account}",
        "problem": "paid",
        "facts": [
            f"{record.agreed_on} 和贵机构达成还款协议，{settled} 已按协议全部还清，"
            "有还款凭证和结清证明。"
        ],
        "evidence": ["身份证复印件", "各期还款凭证", "结清证明"],
    }
    return letter_dispute.letter(result)


def adjustment_view(text: str) -> View:
    html = letter_box(ADJUST_ID, "关于调整还款协议的申请", text)
    return View(
        html,
        "关于调整还款协议的申请：草稿已按协议和现在的预算写好，可以修改、复制、打印或下载。",
        files=(File("txt", "调整还款协议申请.txt", MIME, text + "\n"),),
    )


def closeout_view(
    record: Agreement, status: Status, person: letters.Person, send_to: str | None = None
) -> View:
    """When the last instalment is marked: the notes, then both letters, each in its box."""
    settle = settlement_letter(record, status, person, send_to)
    dispute = dispute_letter(record, status, person)
    html = (
        para(
            f"这份协议已经还清（{status.settled_on}）。还有三件事：先要结清证明，再查征信，有错就提异议。"
        )
        + letter_box(SETTLE_ID, "结清证明申请", settle, file_key="settle")
        + "".join(para(n) for n in CLOSEOUT_NOTES)
        + letter_box(DISPUTE_ID, "征信异议申请", dispute, file_key="dispute")
    )
    files = (
        File("settle", "结清证明申请.txt", MIME, settle + "\n"),
        File("dispute", "征信异议申请.txt", MIME, dispute + "\n"),
    )
    return View(
        html,
        f"{fill(person['institution'], '机构名称')}：已还清，结清证明申请和征信异议申请已写好。",
        files=files,
    )
