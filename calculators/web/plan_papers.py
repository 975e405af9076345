"""The plan's papers: the 收支说明 to attach to every letter, and one calendar for the whole plan.

The 收支说明 lists every debt's payment under the plan and is signed with the name the case
holds. The calendar (`calendar_file`) has, for every debt with a 第一次还款日, one all-day
event a month for the plan's months (at most 60: no proposal runs longer), each with a
reminder the day before. Its UIDs come from the debt's stable id and the period
(`calculators.ics.uid("case", id, period)`): downloading again after a change of amount
updates the same events, and two loans that start on the same day never share one. Where a
debt would need longer than the plan's months, the page says until when the calendar runs
and to download it again before then.

The amounts: the plan's monthly amount, the last payment what is left. With 停息 or no rate
the balance falls by each payment; at a known rate each month first adds its interest,
rounded to the fen (half up).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, localcontext

from calculators import ics
from calculators.money import CONTEXT, fen, fmt
from calculators.plan import Result
from calculators.plan_offer import Offer
from calculators.web.blocks import File, para
from calculators.web.format import yuan
from calculators.web.plan_cards import KIND_LABELS

MIME = "text/calendar;charset=utf-8"
CALENDAR_NAME = "我的协商方案"
CALENDAR_FILE = "我的协商方案.ics"


def statement(result: Result) -> str:
    """收支说明: the plain statement of income and expenses to attach to every letter."""
    person = result["case"]["person"]

    def money(value: str | None) -> str:
        return f"{yuan(value)} 元" if value else "【金额】元"

    offers = result["offers"]
    lines = [
        "收支说明",
        "",
        f"每月收入：{money(result['income'])}",
        f"每月必要开支（房租、吃饭、交通、医药、家人）：{money(result['essential_expenses'])}",
    ]
    if result["other_payments"]:
        lines.append(
            f"其他固定还款（下面几家以外、仍在按时还的）：{money(result['other_payments'])}"
        )
    capacity = result["capacity"]
    if capacity is not None and capacity.startswith("-"):
        lines.append(f"收入扣除以上各项后，每月还差 {yuan(capacity[1:])} 元。")
    else:
        lines.append(f"每月最多能拿出来还下面这些欠款：{money(capacity)}")
    lines += [
        "",
        f"目前一共欠 {len(offers)} 家，合计 {yuan(result['total_balance'])} 元，每一家每月打算还：",
    ]
    with localcontext(CONTEXT):
        total = sum((Decimal(o["amount"]) for o in offers), Decimal(0))
    for o in offers:
        due = f"，原来每月应还 {yuan(o['minimum'])} 元" if o["minimum"] is not None else ""
        lines.append(
            f"- {o['name']}（{KIND_LABELS[o['kind']]}）：欠 {yuan(o['balance'])} 元{due}；"
            f"每月还 {yuan(o['amount'])} 元。"
        )
    lines.append(f"以上合计每月 {yuan(fmt(total))} 元。")
    chosen = any(o["amount_chosen"] for o in offers)
    lines += [
        "",
        "每月能拿出的钱按各家欠款占全部欠款的比例分配，每一家得到的比例相同"
        + ("（个别按我和这一家商量的数填写）。" if chosen else "。"),
        "以上数字由本人如实填写，相关证明材料附后。",
        "",
        f"申请人：{person['name'] or '【姓名】'}",
        "日期：【日期】",
    ]
    return "\n".join(lines)


def payments(o: Offer) -> list[tuple[int, Decimal, Decimal]]:
    """(period, amount, left after it) for each month of this creditor's plan."""
    months = o["months"] or 0
    amount = Decimal(o["amount"])
    rate = Decimal(o["annual_rate"]) / 1200 if o["basis"] == "rate" and o["annual_rate"] else None
    left = Decimal(o["balance"])
    out = []
    with localcontext(CONTEXT):
        for period in range(1, months + 1):
            if rate is not None:
                left += fen(left * rate)
            pay = min(amount, left)
            if pay <= 0:
                break
            left -= pay
            out.append((period, pay, left))
    return out


def calendar_file(
    result: Result, stamp: _dt.datetime | None = None
) -> tuple[File | None, list[str], str | None]:
    """(the .ics, or None when no debt has a first due date; the names of debts without one;
    the last date, when some debt would need longer than its plan's months)."""
    by_id = {d["id"]: d for d in result["case"]["debts"]}
    events: list[ics.Event] = []
    undated: list[str] = []
    longer: list[str] = []
    for o in result["offers"]:
        first = by_id[o["id"]]["first_due"]
        paid = payments(o)
        if not first or not paid:
            undated.append(o["name"])
            continue
        dates = ics.due_dates(_dt.date.fromisoformat(first), len(paid))
        for (period, amount, left), day in zip(paid, dates, strict=True):
            events.append(
                ics.Event(
                    uid=ics.uid("case", o["id"], str(period)),
                    day=day,
                    summary=f"还款 {yuan(fmt(amount))} 元：{o['name']}",
                    description=(
                        f"{o['name']}第 {period}/{len(paid)} 期（我的协商方案），还 "
                        f"{yuan(fmt(amount))} 元；还完这一期，按方案还剩 {yuan(fmt(left))} 元。"
                    ),
                    alarm=f"明天要还{o['name']} {yuan(fmt(amount))} 元",
                )
            )
        if paid[-1][2] > 0:
            longer.append(dates[-1].isoformat())
    if not events:
        return None, undated, None
    moment = stamp if stamp is not None else _dt.datetime.now(_dt.UTC)
    text = ics.calendar(events, CALENDAR_NAME, moment)
    return File("ics", CALENDAR_FILE, MIME, text), undated, min(longer) if longer else None


def calendar_part(result: Result) -> tuple[str, tuple[File, ...]]:
    """The calendar's button and what it holds, in words; without dates, how to get one."""
    file, undated, until = calendar_file(result)
    if file is None:
        return (
            para(
                "在每一笔的“这一笔的详细信息”里填上第一次还款日，就能下载整个方案的日历文件"
                "（.ics），每期还款的前一天提醒你。",
                "calc-fine",
            ),
            (),
        )
    notes = [
        "日历里有每一笔按方案的每月还款，每次前一天提醒。改了每月金额再下载一次，"
        "日历程序会更新同一批提醒，而不是再加一份；两笔借款同一天开始还，也各有各的提醒。"
    ]
    if undated:
        notes.append(f"没填第一次还款日的不在日历里：{'、'.join(undated)}。")
    if until is not None:
        year, month, _ = until.split("-")
        notes.append(
            f"有的欠款按方案的期数还不完，日历只排到 {int(year)} 年 {int(month)} 月；"
            "在那以前谈好剩下的部分，按新的方案再下载一次。"
        )
    html = (
        '<div class="calc-letter-actions">'
        '<button type="button" class="calc-action" data-action="download" data-file="ics">'
        "加到日历（.ics）</button></div>" + "".join(para(n, "calc-fine") for n in notes)
    )
    return html, (file,)
