"""A creditor's card on the plan page, the call and the agreement (issue 27, items 1, 8 to 10):
a link to the call card for this debt, a link to its agreement record, and, when the case
holds an agreement for the debt, the status in words with its mark (正常, 今天到期, 宽限期还剩
N 天, 已逾期 N 天, 已结清), the next due date with the days left, and n of N. From 3 days
before a due date, and after a missed one, a 这期还不上 link opens the agreement page with the
debt's share of the current budget as the new monthly amount, where the adjustment request
is written.

Like the letters' links (calculators/web/plan_cards.py), these carry the debt's id and numbers,
never a personal value: the account's last digits and the name come from the case on the
page they open, for this debt only.
"""

from __future__ import annotations

from urllib.parse import urlencode

from calculators import agreement_data
from calculators.agreement_record import payment_lines
from calculators.plan_agreements import Glance
from calculators.plan_offer import Offer
from calculators.web.format import esc, yuan
from calculators.web.views.agreement import word

CALLCARD = "../calculators/callcard/"
AGREEMENT = "../calculators/agreement_record/"
AFTERCALL = "../calculators/aftercall/"


def callcard_link(o: Offer) -> str:
    """打电话前的准备卡 for this creditor: what is owed, the ask and the lowest acceptable."""
    values = {
        "debt": o["id"],
        "institution": o["name"],
        "kind": o["kind"],
        "owed": o["balance"],
        "months": str(o["months"]) if o["months"] is not None else "",
        "monthly": o["amount"],
        "stop_interest": "1" if o["ask_stop_interest"] else "0",
        "waive": "1" if o["ask_waive_penalty"] else "0",
        "limit": o["amount"],
    }
    return CALLCARD + "#" + urlencode(values)


def aftercall_link(o: Offer) -> str:
    """通话以后 for this creditor: the call's record goes with this debt's id."""
    values = {"debt": o["id"], "debt_id": o["id"], "institution": o["name"]}
    return AFTERCALL + "#" + urlencode(values)


def agreement_values(o: Offer, data: dict[str, object] | None) -> dict[str, str]:
    """What the agreement page's link carries for this debt: its terms and payments from the
    case's record (`agreement_data.to_data`), or only the creditor when there is none yet."""
    values = {"debt": o["id"], "institution": o["name"]}
    if data is None:
        return values
    record = agreement_data.from_data(data)
    values.update(
        kind=record.kind,
        agreed_on=record.agreed_on.isoformat(),
        first_due=record.start.isoformat(),
        periods=str(record.periods),
        total=str(record.total),
        monthly=str(record.schedule[0].amount) if record.periods > 1 else "",
        grace_days=str(record.grace_days) if record.grace_days is not None else "",
        confirmed=record.confirmed,
        payments=payment_lines(record),
    )
    return values


def agreement_link(o: Offer, data: dict[str, object] | None, new_monthly: str = "") -> str:
    values = agreement_values(o, data)
    if new_monthly:
        values["new_monthly"] = new_monthly
    return AGREEMENT + "#" + urlencode(values)


def _due_text(g: Glance) -> str:
    if g["next_due"] is None or g["next_amount"] is None:
        return f"已还清 {g['paid_count']}/{g['periods']} 期。"
    when = {
        "ok": f"还有 {g['days']} 天",
        "due_today": "就是今天",
    }.get(g["code"], "已经过了")
    return (
        f"第 {g['next_number']} 期 {g['next_due']} 到期（{when}），"
        f"要还 {yuan(g['next_amount'])} 元；"
        f"已还清 {g['paid_count']}/{g['periods']} 期，还剩 {yuan(g['left'])} 元。"
    )


def glance_html(o: Offer, g: Glance | None, data: dict[str, object] | None, today: str) -> str:
    """The card's call and agreement part: links, and the agreement's status when kept."""
    links = [
        f'<a class="calc-offer-callcard" href="{esc(callcard_link(o))}">打电话前的准备卡</a>',
        f'<a class="calc-offer-aftercall" href="{esc(aftercall_link(o))}">通话以后</a>',
        f'<a class="calc-offer-agreement" href="{esc(agreement_link(o, data))}">'
        + ("还款协议和还款记录" if g is not None else "谈妥了：记下还款协议")
        + "</a>",
    ]
    body = ""
    if g is not None:
        body = (
            f'<p class="calc-agreement-status" data-status="{esc(g["code"])}">'
            f"<strong>{esc(word(g['code'], g['days']))}</strong>"
            f'<span class="calc-fine">（按 {esc(today)} 算）</span></p>'
            f'<p class="calc-note">{esc(_due_text(g))}</p>'
        )
        if g["shortfall_open"]:
            href = agreement_link(o, data, o["amount"] if o["amount"] != "0.00" else "")
            body += (
                '<p class="calc-offer-shortfall">'
                f'<a class="calc-action" data-shortfall href="{esc(href)}">这期还不上</a> '
                '<span class="calc-fine">写一份调整申请：按现在给这一家的每月 '
                f"{esc(yuan(o['amount']))} 元重新算期数，再打官方电话说明。</span></p>"
            )
    return (
        f'<div class="calc-offer-call">{body}'
        f'<p class="calc-offer-links">{" · ".join(links)}</p></div>'
    )
