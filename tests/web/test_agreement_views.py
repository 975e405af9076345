# ruff: noqa: E501  (the letters are compared line for line)
"""An agreement on paper and in the calendar (calculators/web/views/agreement*.py): the calendar
read back with icalendar (alarms 3 days and 1 day before, the yearly review, the 结清证明 event,
UIDs that stay when amounts change), the printed record (24 instalments a page, the name on
each), the progress chart without colour, and the letters word for word."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import icalendar
import pytest

from calculators import letters
from calculators.agreement import Agreement, add_payment, new, with_amounts
from calculators.agreement_status import adjustment, status
from calculators.web.views.agreement import status_html, summary_html
from calculators.web.views.agreement_calendar import calendar_file, events
from calculators.web.views.agreement_chart import progress_chart
from calculators.web.views.agreement_letters import (
    adjustment_letter,
    closeout_view,
    dispute_letter,
    settlement_letter,
)
from calculators.web.views.agreement_print import ROWS_PER_PAGE, pages, record_html

D = Decimal
STAMP = dt.datetime(2026, 12, 8, 8, 0, tzinfo=dt.UTC)
PERSON = letters.person("某某银行", "张三", "123x", "6789", "13800000000", dt.date(2027, 4, 12))


def card(**changes: Any) -> Agreement:
    terms: dict[str, Any] = {
        "debt_id": "card-1",
        "kind": "instalment",
        "agreed_on": dt.date(2026, 12, 8),
        "start": dt.date(2027, 1, 15),
        "periods": 60,
        "total": D("30000"),
        "grace_days": 3,
        "confirmed": "app",
    }
    terms.update(changes)
    return new(**terms)


def three_paid() -> Agreement:
    a = card()
    for month in (1, 2, 3):
        a = add_payment(a, dt.date(2027, month, 15), D("500"), f"LS2027{month:02d}15")
    return a


def parse(text: str) -> list[Any]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


# --- the calendar ----------------------------------------------------------------------------


def test_one_event_per_instalment_with_two_reminders_then_the_review_and_the_certificate() -> None:
    found = parse(calendar_file(card(), "某某银行", STAMP).text)
    instalments = [e for e in found if "期）" in str(e["SUMMARY"])]
    assert len(instalments) == 60
    first = instalments[0]
    assert first["DTSTART"].dt == dt.date(2027, 1, 15)
    assert str(first["SUMMARY"]) == "还款 500.00 元：某某银行（第 1/60 期）"
    alarms = [str(a["TRIGGER"].to_ical(), "ascii") for a in first.walk("VALARM")]
    assert alarms == ["-P3D", "-P1D"]
    reviews = [e["DTSTART"].dt for e in found if "一年一次" in str(e["SUMMARY"])]
    assert reviews == [dt.date(y, 12, 8) for y in range(2027, 2031 + 1)]  # within the term
    settle = [e for e in found if "结清证明" in str(e["SUMMARY"])]
    assert [e["DTSTART"].dt for e in settle] == [dt.date(2031, 12, 22)]  # a week after the last
    assert len({str(e["UID"]) for e in found}) == len(found) == 60 + 5 + 1


def test_uids_stay_when_amounts_change_or_payments_are_marked_and_differ_for_another_agreement() -> (
    None
):
    def uids(a: Agreement) -> list[str]:
        return [e.uid for e in events(a, "某某银行")]

    base = uids(card())
    edited = with_amounts(card(), [D("400")] + [D("500")] * 58 + [D("600")])
    assert uids(edited) == base
    assert uids(three_paid()) == base
    assert [e.uid for e in events(card(), "改了名字的银行")] == base
    assert not set(uids(card(agreed_on=dt.date(2026, 12, 9)))) & set(base)
    assert not set(uids(card(debt_id="loan-2"))) & set(base)


def test_the_calendar_file_keeps_the_rfc_lines() -> None:
    text = calendar_file(card(), "某某/银行", STAMP).text
    lines = text.split("\r\n")[:-1]
    assert text.endswith("\r\n") and all(len(line.encode()) <= 75 for line in lines)
    assert calendar_file(card(), "某某/银行", STAMP).name == "某某银行还款协议.ics"


# --- the printed record ----------------------------------------------------------------------


@pytest.mark.parametrize(("periods", "count"), [(1, 1), (24, 1), (25, 2), (60, 3)])
def test_one_page_per_24_instalments_with_the_name_on_each(periods: int, count: int) -> None:
    a = card(periods=periods, total=D(500 * periods))
    shown = pages(a, "某某银行", "张三", "6789")
    assert len(shown) == count
    rows = [page.count("<tr>") - 1 for page in shown]  # less the heading row
    assert sum(rows) == periods and max(rows) <= ROWS_PER_PAGE
    for number, page in enumerate(shown, 1):
        assert "借款人：张三" in page and f"第 {number}/{count} 页" in page
        assert ("calc-plan-newpage" in page) == (number > 1)
    assert "已还合计 0.00 元，还剩" in shown[-1] and "已还合计" not in "".join(shown[:-1])


def test_the_record_shows_dates_amounts_and_serials() -> None:
    html = record_html(three_paid(), "某某银行", None, "6789")
    assert "借款人：【姓名】" in html
    assert "<td>2027-02-15</td><td>LS20270215</td>" in html
    assert "已还合计 1,500.00 元，还剩 28,500.00 元。" in html
    assert 'data-target="calc-agreement-record"' in html


# --- the chart and the summary ---------------------------------------------------------------


def test_the_chart_is_readable_without_colour() -> None:
    now = status(three_paid(), dt.date(2027, 4, 20))  # the fourth is 5 days late
    svg = progress_chart(now, "某某银行")
    assert "<desc" in svg and "已还 1,500.00 元，还剩 28,500.00 元；60 期里已还清 3 期" in svg
    assert "比计划少还了 500.00 元" in svg
    assert 'class="calc-bar-left" x="4" y="22" width="352" height="22" fill="none"' in svg
    assert 'class="calc-bar calc-bar-paid"' in svg and 'stroke-dasharray="4 3"' in svg
    assert svg.count('class="calc-period calc-period-paid"') == 3
    assert svg.count('class="calc-period"') == 57
    assert "#" not in re.sub(r'id="[^"]*"|aria-labelledby="[^"]*"', "", svg)  # no colour written


def test_the_summary_says_the_status_in_words() -> None:
    a = three_paid()
    html = summary_html(a, status(a, dt.date(2027, 4, 20)), "某某银行")
    assert (
        '<p class="calc-agreement-status" data-status="overdue"><strong>已逾期 5 天</strong>'
        in html
    )
    assert "这一期还没有记下还款" in html and "下次是 2027-12-08" in html
    assert "宽限期 3 天；确认方式：App 协议。" in html
    assert status_html(status(a, dt.date(2027, 4, 16))).count("宽限期还剩 2 天") == 1


# --- the letters -----------------------------------------------------------------------------

ADJUST = """关于调整还款协议的申请

某某银行：

我是张三，身份证号后四位 123X，卡号或合同号尾号 6789。我和贵机构在 2026 年 12 月 8 日达成了个性化分期协议，约定分 60 期、一共还 30,000.00 元。到现在，我已经按协议还清了 3/60 期，一共还了 1,500.00 元，还剩 28,500.00 元。

因为 2027 年 3 月工资从每月 6000 元降到 4500 元，接下来每期 500.00 元，我按时还有困难。为了不违约，我在还款日之前主动申请调整：
1. 剩下的 28,500.00 元，改为每月还 475.00 元，分 60 期还完（最后一期 475.00 元）；
2. 调整期间不计罚息，不按违约处理，原协议的其他约定不变；
3. 请把调整后的方案用书面形式（短信、官方 App 里的消息或盖章的协议）发给我。

随信附上：【收入变化的证明、已还各期的还款凭证】

此致
敬礼！

申请人：张三
联系电话：13800000000
日期：2027 年 4 月 12 日"""


def test_the_adjustment_request_word_for_word() -> None:
    a = three_paid()
    # 475.00: the least that fits a card's 个性化分期 in 60 期 (400 would need 72: refused).
    adj = adjustment(a, dt.date(2027, 4, 12), D("475"))
    text = adjustment_letter(adj, a, PERSON, "2027 年 3 月工资从每月 6000 元降到 4500 元")
    assert text == ADJUST
    with_budget = adjustment_letter(
        adj, a, PERSON, None, letters.budget(D("4500"), D("3800"), D("300"))
    )
    assert "因为【收入或开支发生了什么变化，一句实话】" in with_budget
    assert "每月收入：4,500.00 元" in with_budget


def settled() -> Agreement:
    a = card(periods=2, total=D("1000"))
    a = add_payment(a, dt.date(2027, 1, 15), D("500"))
    return add_payment(a, dt.date(2027, 2, 14), D("500"), "LS001")


def test_the_closeout_letters_are_filled_for_this_creditor() -> None:
    a = settled()
    now = status(a, dt.date(2027, 3, 1))
    settle = settlement_letter(a, now, PERSON, "北京市某区某路 1 号")
    assert "我已于 2027 年 2 月 14 日还清这笔欠款，最后一笔还款 500.00 元。" in settle
    assert "请把结清证明寄到或发到：北京市某区某路 1 号。" in settle
    dispute = dispute_letter(a, now, PERSON)
    assert "下面这条信息有误：某某银行尾号 6789 的账户。" in dispute
    assert "1. 2026-12-08 和贵机构达成还款协议，2027-02-14 已按协议全部还清" in dispute
    assert "《征信业管理条例》第二十五条" in dispute
    shown = closeout_view(a, now, PERSON).as_dict()
    assert set(shown["files"]) == {"settle", "dispute"}
    html = shown["html"]
    assert "第十六条" in html and "第十七条" in html and "“修复”" in html
    assert html.index("结清证明申请") < html.index("征信异议申请")
