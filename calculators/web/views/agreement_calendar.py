"""The agreement's calendar (issue 27, item 13): one all-day event per instalment with reminders
3 days and 1 day before, the yearly review on each anniversary of the agreement within its
term, and a 申请结清证明 event a week after the last instalment (calculators/ics.py writes
the file).

UIDs come from the debt's stable id (the case's) and the day the agreement was made, never
from an amount or a name: a new download after an amount or a date is edited, or payments
are marked, updates the same events in the reader's calendar instead of adding copies; a new
agreement with the same creditor (another day) is another set of events.
"""

from __future__ import annotations

import datetime as _dt
import re

from calculators import ics
from calculators.agreement import Agreement
from calculators.money import fmt
from calculators.web.blocks import File
from calculators.web.format import yuan
from calculators.web.icsfile import MIME

REMINDERS = (3, 1)  # days before each due date
SETTLE_AFTER = _dt.timedelta(days=7)


def uid(record: Agreement, *parts: str) -> str:
    return ics.uid("agreement", record.debt_id, record.agreed_on.isoformat(), *parts)


def events(record: Agreement, creditor: str) -> list[ics.Event]:
    n_all = record.periods
    out = []
    left = record.total
    for row in record.schedule:
        left -= row.amount
        amount = yuan(fmt(row.amount))
        out.append(
            ics.Event(
                uid=uid(record, "instalment", str(row.number)),
                day=row.due,
                summary=f"还款 {amount} 元：{creditor}（第 {row.number}/{n_all} 期）",
                description=(
                    f"{creditor}还款协议第 {row.number}/{n_all} 期，应还 {amount} 元；"
                    f"还完这一期，按协议还剩 {yuan(fmt(left))} 元。"
                    "还不上的话，在还款日之前打电话申请调整，不要等到逾期。"
                ),
                alarm=f"{row.due} 要还{creditor} {amount} 元（第 {row.number}/{n_all} 期）",
                before=REMINDERS,
            )
        )
    last = record.schedule[-1].due
    years = 1
    while (review := ics.add_months(record.agreed_on, 12 * years)) <= last:
        out.append(
            ics.Event(
                uid=uid(record, "review", str(years)),
                day=review,
                summary=f"一年一次：看看和{creditor}的还款协议",
                description="对一对现在的收入和每期金额。快还不起了，趁还没逾期去谈调整。",
                alarm=f"明天：看看和{creditor}的还款协议",
            )
        )
        years += 1
    out.append(
        ics.Event(
            uid=uid(record, "settle"),
            day=last + SETTLE_AFTER,
            summary=f"申请结清证明：{creditor}",
            description=(
                "最后一期还完一周了：向对方要一份盖章的结清证明；等对方下一次向征信报送以后，"
                "查一次信用报告，看这个账户是不是显示已结清。"
            ),
            alarm=f"明天：向{creditor}申请结清证明",
        )
    )
    return sorted(out, key=lambda e: e.day)


def calendar_file(record: Agreement, creditor: str, stamp: _dt.datetime) -> File:
    """The .ics download (``data-file="ics"``); `stamp` is the moment it is made (DTSTAMP)."""
    text = ics.calendar(events(record, creditor), f"{creditor}还款协议", stamp)
    name = re.sub(r'[\\/:*?"<>|\s]+', "", creditor)[:30]
    return File("ics", f"{name}还款协议.ics", MIME, text)
