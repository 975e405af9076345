"""通话以后: the contact-log row for the debt, the written-confirmation request, and the
agreement's first and last instalments when one was made (calculators/aftercall.py).

The row is one line of the contact log (calculators/contacts.py reads it back: 日期时间,
方向, 渠道, 对方, 内容, 下一步, 是否录音); the content may hold commas (the log reads
everything between the fourth column and the last two as the content), the other columns
never do. Amounts in the row are plain ("500.00"), so no grouping comma is read as a column.
"""

from __future__ import annotations

from urllib.parse import urlencode

from calculators.aftercall import DIRECTIONS, Result
from calculators.agreement import TYPES
from calculators.registry import Example
from calculators.web.blocks import Figure, File, View, figures, para
from calculators.web.format import esc, yuan
from calculators.web.letterbox import MIME, date_text, fill, finish, letter_box, money_text

ROW_ID = "calc-aftercall-row"
REQUEST_ID = "calc-aftercall-request"
PURPOSE = "挂断以后一分钟：记下这次通话，写好请对方书面确认的话。"
EXAMPLE = Example(
    inputs={
        "institution": "某某银行信用卡",
        "account": "6789",
        "kind": "instalment",
        "months": "60",
        "monthly": "500",
        "first_due": "2027-01-15",
        "agent": "工号 0815",
        "call_date": "2026-12-08",
    },
    quoted=("terms.total", "terms.monthly"),
)
TYPE_LABELS = dict(TYPES)
DIRECTION_WORDS = dict(DIRECTIONS)  # 我打过去 / 对方打来: words the contact log reads
OUTCOME_ROW = {
    "review": "对方说要审核，等答复",
    "refused": "对方没有同意协商方案",
    "callback": "这次没谈方案，之后再联系",
}
NEXT_STEP = {
    "agreed": "等书面确认，收到后按期还",
    "review": "等审核结果，没答复就再打官方电话",
    "refused": "补材料或写信再申请",
    "callback": "按说好的时间打官方电话",
}
MISSING_TEXT = {"months": "期数", "monthly": "每期金额或总额", "first_due": "第一期还款日"}


def _cell(value: str) -> str:
    """A column other than the content: no comma, which would start another column."""
    return value.replace(",", "、").replace("，", "、")


def _terms_row(result: Result) -> str:
    terms = result["terms"]
    assert terms is not None
    parts = [f"谈妥{TYPE_LABELS[terms['kind']]}"]
    if terms["months"]:
        parts.append(f"分 {terms['months']} 期")
    if terms["monthly"]:
        parts.append(f"每期 {terms['monthly']} 元")
    if terms["total"]:
        parts.append(f"共 {terms['total']} 元")
    if terms["first_due"]:
        parts.append(f"第一期 {terms['first_due']}")
    return "，".join(parts)


def log_row(result: Result) -> str:
    """The contact-log line for this call."""
    what = _terms_row(result) if result["outcome"] == "agreed" else OUTCOME_ROW[result["outcome"]]
    about = fill(result["creditor"], "机构名称")
    if result["account_tail"]:
        about += f"尾号 {result['account_tail']}"
    content = f"关于{about}：{what}" + (f"；{result['note']}" if result["note"] else "")
    when = result["call_date"] + (f" {result['call_time']}" if result["call_time"] else "")
    recorded = {True: "是", False: "否", None: ""}[result["recorded"]]
    return ",".join(
        [
            when,
            DIRECTION_WORDS[result["direction"]],
            "电话",
            _cell(result["agent"] or "没问到工号"),
            content,
            NEXT_STEP[result["outcome"]],
            recorded,
        ]
    )


def _agreed_lines(result: Result) -> list[str]:
    terms = result["terms"]
    assert terms is not None
    months = terms["months"] or "【期数】"
    lines = [
        f"1. {TYPE_LABELS[terms['kind']]}，分 {months} 期，"
        f"每期 {money_text(terms['monthly'], '每期金额')}，一共 {money_text(terms['total'])}；",
        f"2. 第一期在{date_text(terms['first_due'], '第一期还款日')}还；",
    ]
    if result["note"]:
        lines.append(f"3. {result['note']}；")
    return [
        *lines,
        "",
        "请通过官方 App 消息、短信或书面协议确认以上内容，并写明：每期金额和还款日期、还款账户、"
        "还款期间是否还计算利息或收取费用、我按约还款期间停止催收、全部还清后出具结清证明。"
        "如果我记下的和贵机构的理解不一致，请指出。",
    ]


REQUEST_BODY = {
    "review": [
        "对方说需要审核。请把审核结果通过官方 App 消息或短信告诉我；需要补充材料的，也请写明。"
    ],
    "refused": [
        "对方没有同意。请把不同意的理由，以及贵机构可以办理的还款方式，通过官方 App 消息"
        "或短信书面告诉我。"
    ],
    "callback": [
        "这次没有谈具体方案，我会再通过官方渠道联系贵机构。在此之前，请把这笔欠款目前的明细"
        "（本金、利息、罚息和各项费用）通过官方 App 消息或短信发给我。"
    ],
}


def request_text(result: Result) -> str:
    """The written-confirmation request, to send through the official app or e-mail."""
    who = fill(result["agent"], "姓名或工号")
    when = date_text(result["call_date"]) + (
        f" {result['call_time']}" if result["call_time"] else ""
    )
    tail = fill(result["account_tail"], "尾号")
    talked = "商定了下面的还款办法：" if result["outcome"] == "agreed" else "谈了这笔欠款的还款。"
    lines = [
        f"{fill(result['creditor'], '机构名称')}：",
        "",
        f"我是{fill(result['name'], '姓名')}，卡号或合同号尾号 {tail}。{when}，"
        f"我和贵机构的工作人员（{who}）通了电话，{talked}",
    ]
    lines += (
        _agreed_lines(result) if result["outcome"] == "agreed" else REQUEST_BODY[result["outcome"]]
    )
    lines += ["", "谢谢！", "", fill(result["name"], "姓名"), date_text(result["call_date"])]
    return finish(lines)


def _record_note(result: Result) -> str:
    record = result["record"]
    if record is None:
        need = "、".join(MISSING_TEXT[m] for m in result["missing"])
        return para(f"还差{need}，补上以后就能生成协议记录。") if need else ""
    first, last = record["schedule"][0], record["schedule"][-1]
    return para(
        f"协议记录已经生成：一共 {len(record['schedule'])} 期，合计 {yuan(record['total'])} 元；"
        f"第一期 {first['due']} 还 {yuan(first['amount'])} 元，"
        f"最后一期 {last['due']} 还 {yuan(last['amount'])} 元。书面确认到了，逐条对一对。"
    ) + (
        f'<p class="calc-note"><a class="calc-aftercall-agreement" '
        f'href="{esc(agreement_link(result))}">打开还款协议：存进我的方案，以后每期记一笔</a></p>'
    )


def agreement_link(result: Result) -> str:
    """还款协议 for this debt with the terms agreed (numbers and the creditor only: the
    account's last digits and the name come from the case there, for this debt)."""
    record = result["record"]
    terms = result["terms"]
    assert record is not None and terms is not None
    values = {
        "debt": result["debt_id"],
        "institution": result["creditor"] or "",
        "kind": terms["kind"],
        "agreed_on": record["agreed_on"],
        "first_due": record["schedule"][0]["due"],
        "periods": str(len(record["schedule"])),
        "total": record["total"],
        "monthly": terms["monthly"] or "",
    }
    return "../agreement_record/#" + urlencode(values)


def _figures(result: Result) -> str:
    terms = result["terms"]
    items = [Figure("call_date", "通话日期", result["call_date"], unit="")]
    if terms is not None:
        items = [
            Figure(
                "terms.total",
                "一共还",
                terms["total"],
                main=True,
                note="" if terms["total"] else "还没填",
            ),
            Figure(
                "terms.monthly",
                "每期还",
                terms["monthly"],
                note="" if terms["monthly"] else "还没填",
            ),
            Figure(
                "terms.months",
                "分几期",
                terms["months"],
                unit="期",
                note="" if terms["months"] else "还没填",
            ),
            *items,
        ]
    return figures(items)


def view(result: Result) -> View:
    row = log_row(result)
    request = request_text(result)
    html = (
        _figures(result)
        + (_record_note(result) if result["outcome"] == "agreed" else "")
        + letter_box(ROW_ID, "", row, label="记进沟通记录的一行", rows=3, file_key="row", notice="")
        + letter_box(
            REQUEST_ID,
            "",
            request,
            label="请对方书面确认（复制到官方 App 的在线客服、留言或官方邮箱发出）",
            file_key="txt",
        )
    )
    summary = f"{result['call_date']} 的通话：已写好沟通记录的一行和请对方书面确认的话。"
    files = (
        File("row", "沟通记录一行.txt", MIME, row + "\n"),
        File("txt", "请对方书面确认.txt", MIME, request + "\n"),
    )
    return View(html, summary, files=files)
