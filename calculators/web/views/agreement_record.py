"""还款协议: the agreement at a glance and its papers (calculators/agreement_record.py).

In order: the key figures (next instalment, days left, n of N, paid, left); the record's card
(calculators/web/views/agreement.py: the status as a word with a mark, the next due date, the
progress chart readable without colour, the renegotiate prompt and the yearly review); the
payments as marked, with how each was applied; 这期还不上 (the adjustment request, from 3 days
before a due date or after a missed one); when settled, the close-out letters; the printed
payment record (one A4 page per 24 instalments); the calendar (alarms 3 and 1 days before each
instalment, the yearly review, 申请结清证明 a week after the last; stable UIDs).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from calculators import agreement_data, letters
from calculators.agreement_record import Result
from calculators.agreement_status import adjustment, status
from calculators.registry import Example
from calculators.web.blocks import Figure, File, View, figures, para
from calculators.web.letterbox import MIME, fill, letter_box
from calculators.web.views.agreement import payments_table, status_word, summary_html
from calculators.web.views.agreement_calendar import calendar_file
from calculators.web.views.agreement_letters import ADJUST_ID, adjustment_letter, closeout_view
from calculators.web.views.agreement_mark import mark_html
from calculators.web.views.agreement_print import ROWS_PER_PAGE, record_html

PURPOSE = "谈妥以后：记下协议和每一笔还款，看清下一期哪天到期、还剩多少，还不上时提前申请调整。"
EXAMPLE = Example(
    inputs={
        "institution": "某某银行信用卡",
        "account": "6789",
        "kind": "instalment",
        "agreed_on": "2026-12-08",
        "first_due": "2027-01-15",
        "periods": "60",
        "total": "30000",
        "grace_days": "3",
        "payments": "2027-01-14,500\n2027-02-15,500",
        "today": "2027-03-13",
    },
    quoted=("status.next_amount", "status.paid", "status.left"),
)
SHORTFALL_HINT = (
    "这期还不上：从还款日前 3 天起，这里会出现一份调整还款协议的申请。先在上面填"
    "“还不上时，申请改成每月”多少（按现在的收支），再打电话、把申请发过去，别等逾期。"
)


def _figures(result: Result) -> str:
    s = result["status"]
    items = [
        Figure("status.next_amount", f"第 {s['next_number']} 期要还", s["next_amount"], main=True)
        if s["next_amount"] is not None
        else Figure("status.settled_on", "已经还清", s["settled_on"], unit=""),
        Figure(
            "status.paid_count",
            "已还清",
            s["paid_count"],
            unit="期",
            note=f"（共 {s['periods']} 期）",
        ),
        Figure("status.paid", "已还", s["paid"]),
        Figure("status.left", "还剩", s["left"]),
    ]
    if s["next_due"] is not None:
        items.insert(1, Figure("status.next_due", "还款日", s["next_due"], unit=""))
    return figures(items)


def view(result: Result) -> View:
    record = agreement_data.from_data(result["record"])
    today = _dt.date.fromisoformat(result["today"])
    now = status(record, today)
    creditor = fill(result["creditor"], "机构名称")
    person = letters.person(
        result["creditor"] or "", result["name"] or "", "", result["account_tail"] or "", "", None
    )
    files: list[File] = []
    parts = [_figures(result), mark_html(result), summary_html(record, now, creditor)]
    if record.payments:
        parts.append(payments_table(record))
    if now.code == "settled":
        closing = closeout_view(record, now, person)
        parts.append(closing.html)
        files += closing.files
    elif now.shortfall_open and result["adjustment"] is not None:
        adj = adjustment(record, today, Decimal(result["adjustment"]["new_monthly"]))
        text = adjustment_letter(adj, record, person)
        parts.append(
            para("这一期还不上：趁还没逾期，打官方电话说明，再把下面的申请发过去。")
            + letter_box(ADJUST_ID, "关于调整还款协议的申请", text, file_key="adjust")
        )
        files.append(File("adjust", "调整还款协议申请.txt", MIME, text + "\n"))
    else:
        parts.append(para(SHORTFALL_HINT, "calc-fine"))
    pages = -(-record.periods // ROWS_PER_PAGE)
    folded = f"还款记录：{record.periods} 期，打印出来是 {pages} 页 A4（每页 {ROWS_PER_PAGE} 期）"
    parts.append(
        record_html(
            record, result["creditor"], result["name"], result["account_tail"], folded=folded
        )
    )
    stamp = _dt.datetime.combine(today, _dt.time(), _dt.UTC)
    ics = calendar_file(record, creditor, stamp)
    files.append(ics)
    parts.append(
        '<div class="calc-letter-actions">'
        '<button type="button" class="calc-action" data-action="download" data-file="ics">'
        "加到日历（.ics）</button></div>"
        + para(
            f"日历里有每一期的还款（{record.periods} 次，每次提前 3 天和 1 天提醒）、"
            "每年一次的协议回顾，和最后一期一周后的“申请结清证明”。以后改了还款再下载一次，日历程序会更新同一批提醒，"
            "不会再加一份。",
            "calc-fine",
        )
    )
    summary = f"{creditor}的还款协议：{status_word(now)}；" + (
        f"第 {now.next_number} 期 {now.next_due} 到期。" if now.next_due else "已经还清。"
    )
    return View("".join(parts), summary, files=tuple(files))
