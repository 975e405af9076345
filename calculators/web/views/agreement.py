"""An agreement at a glance (calculators/agreement_status.py in words): the status as a word
and a code (``data-status``, which the site's CSS may colour; the word is always there, so
nothing depends on colour), the next due date and days left, n of N, paid and left, ahead
or behind, the payments with their flags, the renegotiate prompt and the yearly review.
"""

from __future__ import annotations

from calculators.agreement import CHANNELS, CONFIRMATIONS, TYPES, Agreement
from calculators.agreement_status import Status, Use, apply
from calculators.web.format import esc, yuan
from calculators.web.views.agreement_chart import progress_chart

TYPE_LABELS = dict(TYPES)
CONFIRMED_LABELS = dict(CONFIRMATIONS)
CHANNEL_LABELS = dict(CHANNELS)
FLAG_WORDS = {"partial": "部分还款", "early": "提前还", "late": "过了还款日才还"}
RENEGOTIATE_TEXT = {
    "budget": "按你现在的预算，每月拿不出这一期的金额了。趁还没逾期，先和对方谈调整，"
    "比断供以后再谈容易得多。",
    "partials": "最近三个月里有两次只还了一部分。这说明每期的金额可能太高了：可以带着现在的收支，"
    "申请把每期改小、期数拉长。",
}


def word(code: str, days: int) -> str:
    """正常, 今天到期, 宽限期还剩 N 天, 已逾期 N 天, 已结清 (agreement_status.STATUSES)."""
    if code == "ok":
        return "正常"
    if code == "due_today":
        return "今天到期"
    if code == "grace":
        return "宽限期最后一天" if days == 0 else f"宽限期还剩 {days} 天"
    if code == "overdue":
        return f"已逾期 {days} 天"
    return "已结清"


def status_word(status: Status) -> str:
    return word(status.code, status.days)


def next_due_text(status: Status) -> str:
    if status.next_due is None or status.next_amount is None:
        return f"已经还清（{status.settled_on}）。"
    amount = f"还要还 {yuan(status.next_amount)} 元"
    if status.code == "ok":
        return (
            f"下一期（第 {status.next_number} 期）{status.next_due} 到期，"
            f"还有 {status.days} 天，{amount}。"
        )
    if status.code == "due_today":
        return f"第 {status.next_number} 期今天（{status.next_due}）到期，{amount}。"
    return f"第 {status.next_number} 期 {status.next_due} 已经到期，{amount}。"


def progress_text(status: Status) -> str:
    """第 n/N 期、已还、还剩、比计划多还或少还."""
    text = (
        f"已还清 {status.paid_count}/{status.periods} 期；已还 {yuan(status.paid)} 元，"
        f"还剩 {yuan(status.left)} 元。"
    )
    if status.ahead > 0:
        text += f"比计划多还了 {yuan(status.ahead)} 元。"
    elif status.ahead < 0:
        text += f"比计划少还了 {yuan(-status.ahead)} 元。"
    elif status.code != "settled":
        text += "和计划一致。"
    return text


def status_html(status: Status) -> str:
    """The status badge: the word, with the code for CSS and tests."""
    return (
        f'<p class="calc-agreement-status" data-status="{esc(status.code)}">'
        f"<strong>{esc(status_word(status))}</strong></p>"
    )


def flags_text(use: Use) -> str:
    return "、".join(FLAG_WORDS[f] for f in use.flags)


def payments_table(record: Agreement) -> str:
    """The payments as marked: a table on a wide screen, one stacked block per payment on a
    phone (each cell carries its column's name, shown before it by the CSS)."""
    uses, _ = apply(record)
    columns = ("日期", "金额", "流水号", "渠道", "还到", "说明")
    rows = []
    for u in sorted(uses, key=lambda u: u.index):
        cells = (
            u.payment.on.isoformat(),
            yuan(str(u.payment.amount)),
            u.payment.serial,
            CHANNEL_LABELS.get(u.payment.channel, ""),
            "、".join(f"第 {n} 期" for n, _ in u.parts),
            flags_text(u),
        )
        rows.append(
            "<tr>"
            + "".join(
                f'<td data-label="{esc(c)}"{' class="calc-num"' if c == "金额" else ""}>'
                f"{esc(v)}</td>"
                for c, v in zip(columns, cells, strict=True)
            )
            + "</tr>"
        )
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in columns)
    return (
        '<div class="calc-table-wrap" tabindex="0" role="region" data-stacked '
        'aria-label="记下的还款">'
        f'<table class="calc-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def summary_html(record: Agreement, status: Status, creditor: str) -> str:
    """The record's card for the plan page: status, next due, progress, chart, prompts."""
    notes = [next_due_text(status), progress_text(status)]
    if status.code in ("grace", "overdue"):
        notes.append("这一期还没有记下还款。还不上的话，先打电话、写申请，别等对方来催。")
    notes += [RENEGOTIATE_TEXT[code] for code in status.renegotiate]
    if status.review_on is not None:
        notes.append(f"每年看一次这份协议：下次是 {status.review_on}，对一对收入和每期金额。")
    terms = (
        f"{TYPE_LABELS[record.kind]}，{record.agreed_on} 达成，{record.periods} 期，"
        f"合计 {yuan(record.total)} 元；宽限期"
        + (f" {record.grace_days} 天" if record.grace_days else "：没有")
        + "；确认方式："
        + CONFIRMED_LABELS.get(record.confirmed, "还没有书面确认")
        + "。"
    )
    return (
        f'<div class="calc-agreement" data-debt="{esc(record.debt_id)}">'
        f'<p class="calc-offer-name">{esc(creditor)}</p>'
        + status_html(status)
        + "".join(f'<p class="calc-note">{esc(n)}</p>' for n in notes)
        + f'<figure class="calc-chart-box">{progress_chart(status, creditor)}</figure>'
        + f'<p class="calc-fine">{esc(terms)}</p>'
        + "</div>"
    )
