"""The calendar download a view offers: events in words, the .ics file and its button.

`calendar_part` returns the HTML (a 加到日历 button, ``data-file="ics"``) and the File for
`View.files`; without due dates it returns one line saying that filling in 第一次还款日 gives
a calendar file, and no file. The file itself is made by `calculators.ics`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

from calculators import ics
from calculators.web.blocks import File, para
from calculators.web.format import yuan

MIME = "text/calendar;charset=utf-8"
HINT = "在“更多选项”里填上第一次还款日，就能下载日历文件（.ics），每期还款的前一天提醒你。"


@dataclass(frozen=True)
class Payment:
    """One payment as a result states it: ISO date, amount and balance left as strings."""

    creditor: str
    # What identifies the debt for the UID (calculators/ics.py, "UIDs"): the view's name and
    # the debt's own identity (principal or balance, first due date, term), never a payment.
    loan: str
    period: int
    count: int
    date: str
    amount: str
    balance: str


def event(p: Payment) -> ics.Event:
    return ics.Event(
        uid=ics.uid(p.creditor, p.loan, str(p.period)),
        day=_dt.date.fromisoformat(p.date),
        summary=f"还款 {yuan(p.amount)} 元：{p.creditor}",
        description=(
            f"{p.creditor}第 {p.period}/{p.count} 期，还 {yuan(p.amount)} 元；"
            f"还完这一期，还剩 {yuan(p.balance)} 元。"
        ),
        alarm=f"明天要还{p.creditor} {yuan(p.amount)} 元",
    )


def plain_list(events: Sequence[ics.Event], name: str) -> str:
    """The calendar as lines to copy where a file cannot be saved: one date and what is due
    on it per line, under the calendar's name."""
    return "\n".join([f"{name}：", *(f"{e.day.isoformat()}  {e.summary}" for e in events)]) + "\n"


def calendar_part(
    payments: Sequence[Payment],
    name: str,
    file_name: str,
    stamp: _dt.datetime | None = None,
) -> tuple[str, tuple[File, ...]]:
    """(HTML, files): the button and the .ics, or the hint line when there are no dates."""
    if not payments:
        return para(HINT, "calc-fine"), ()
    moment = stamp if stamp is not None else _dt.datetime.now(_dt.UTC)
    events = [event(p) for p in payments]
    text = ics.calendar(events, name, moment)
    first, last = payments[0].date, payments[-1].date
    html = (
        '<div class="calc-letter-actions">'
        '<button type="button" class="calc-action" data-action="download" data-file="ics">'
        "加到日历（.ics）</button></div>"
        + para(
            f"日历文件里有 {len(payments)} 次还款（{first} 到 {last}），每次前一天提醒；"
            "改了利率或每月金额再下载一次，日历程序会更新同一批提醒，而不是再加一份；"
            "本金、第一次还款日或期数不同，就算另一笔，提醒另加一批，不会盖掉别的贷款的提醒。",
            "calc-fine",
        )
    )
    return html, (File("ics", file_name, MIME, text, plain_list(events, name)),)
