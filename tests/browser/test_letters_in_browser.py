"""The letters, the contact log and the calendar, in the browser (issue 13).

A letter prints alone, from the top of the first A4 page, with no paragraph cut across a page
break (read back from Chromium's own PDF); the reader's edits survive a change of the numbers
until they ask for a new letter; the .txt download is the letter as edited; a schedule with a
first due date gives a calendar file that a real iCalendar parser reads event by event.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import icalendar
import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser

LONG_REASON = (
    "2026 年 3 月公司裁员，我失去了工作，之后一直在找工作，只能打零工，"
    "每月收入从 8000 元降到 2500 元左右；同时母亲生病住院，每月要付医药费。"
) * 3 + "我会尽快找到稳定的工作。"  # within the 300 characters a reason may have


def printed_pdf(page: Page, button: str) -> PdfReader:
    """Click a print button (window.print stubbed), then print the page as Chromium would."""
    page.evaluate("() => { window.print = () => {}; }")
    page.click(button)
    data = page.pdf(format="A4", print_background=False)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    return PdfReader(io.BytesIO(data))


def test_a_long_letter_prints_alone_from_the_top_of_page_one(
    page: Page, servers: Any, calc: Any
) -> None:
    page.goto(servers.root.url + "letters/negotiate/")
    calc.settle(page, "letter_negotiate")
    calc.fill(page, "letter_negotiate", "reason", LONG_REASON)
    reader = printed_pdf(page, '.calc-letter-box [data-action="print"]')
    pages = [p.extract_text() or "" for p in reader.pages]
    assert 1 <= len(pages) <= 2, len(pages)
    first = pages[0].lstrip()
    assert first.startswith("协商还款申请"), first[:40]  # no blank page, no site header first
    assert "逾期协商自助指南" not in "".join(pages)  # the site's chrome is not printed
    closing = [i for i, text in enumerate(pages) if "此致" in text]
    assert len(closing) == 1 and "敬礼" in pages[closing[0]]  # never parted by a page break
    assert page.locator(".calc-print-sheet").count() == 0  # gone after printing


def test_edits_survive_new_numbers_until_the_reader_asks(
    page: Page, servers: Any, calc: Any
) -> None:
    page.goto(servers.root.url + "letters/negotiate/")
    calc.settle(page, "letter_negotiate")
    letter = page.locator("textarea.calc-letter")
    letter.fill(letter.input_value() + "\n附：我自己加的一句话。")
    calc.fill(page, "letter_negotiate", "months", "48")
    assert letter.input_value().endswith("附：我自己加的一句话。")
    note = page.locator(".calc-letter-kept")
    assert note.count() == 1 and "保留" in note.inner_text()
    with page.expect_download() as download:
        page.click('.calc-letter-box [data-action="download"]')
    text = download.value.path().read_text(encoding="utf-8")
    assert text.endswith("附：我自己加的一句话。") and download.value.suggested_filename.endswith(
        ".txt"
    )
    note.locator("button").click()
    assert "附：我自己加的一句话。" not in letter.input_value()
    assert "48 期" in letter.input_value()
    assert page.locator(".calc-letter-kept").count() == 0


def test_the_schedule_goes_into_a_calendar(page: Page, servers: Any, calc: Any) -> None:
    page.goto(servers.root.url + "calculators/schedule/")
    calc.settle(page, "schedule")
    page.click(".calc-advanced > summary")
    calc.fill(page, "schedule", "months", "12")
    calc.fill(page, "schedule", "first_due", "2027-01-31")
    with page.expect_download() as download:
        page.click('.calc-result [data-action="download"][data-file="ics"]')
    assert download.value.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 12
    days = [event.decoded("DTSTART") for event in events]
    assert days[0] == dt.date(2027, 1, 31) and days[1] == dt.date(2027, 2, 28)
    assert days[2] == dt.date(2027, 3, 31)
    assert all(list(event.walk("VALARM")) for event in events)


def test_the_contact_log_prints_its_table_alone(page: Page, servers: Any, calc: Any) -> None:
    page.goto(servers.root.url + "letters/contact-log/")
    calc.settle(page, "contacts")
    button = page.locator('.calc-result [data-action="print"]').first
    target = button.get_attribute("data-target")
    page.evaluate("() => { window.print = () => {}; }")
    button.click()
    assert page.get_attribute("html", "data-calc-print") == "sheet"
    sheet = page.locator(".calc-print-sheet")
    # The log as rows (a phone's width), titled, each row with its flags.
    assert sheet.locator("ol.calc-log > li.calc-log-row").count() >= 1
    assert sheet.locator(".calc-plan-title").count() == 1
    assert sheet.locator(f"#{target}").count() == 0  # a copy, without duplicate ids
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")


def test_details_typed_once_fill_every_letter_after_a_reload(
    page: Page, servers: Any, calc: Any
) -> None:
    """The reader's name and reason, kept with the case (only after the tick, and only through
    "存进我的方案"), are in the next letter they open, and in the same letter after a reload."""
    page.goto(servers.root.url + "letters/negotiate/")
    calc.settle(page, "letter_negotiate")
    page.check(".calc-save [data-save-toggle]")
    page.click(".calc-advanced > summary")
    calc.fill(page, "letter_negotiate", "name", "张小明")
    calc.fill(page, "letter_negotiate", "reason", "今年 3 月公司裁员")
    assert "我是张小明" in page.input_value("textarea.calc-letter")
    # Typed on a letter, not kept until the reader says so; the preview names each change.
    assert "张小明" not in page.evaluate("localStorage.getItem('yuqi-xieshang:workbook')")
    page.click('.calc-case-bar [data-case-action="save"]')
    assert "张小明" in page.inner_text(".calc-case-changes")
    page.click('.calc-case-bar [data-case-action="confirm"]')
    assert "张小明" in page.evaluate("localStorage.getItem('yuqi-xieshang:workbook')")
    page.reload()
    calc.settle(page, "letter_negotiate")
    assert page.input_value('[name="name"]') == "张小明"
    assert "今年 3 月公司裁员" in page.input_value("textarea.calc-letter")
    page.goto(servers.root.url + "letters/settlement/")
    calc.settle(page, "letter_settlement")
    assert "张小明" in page.input_value("textarea.calc-letter")
    page.click('.calc-save [data-save-action="clear"]')
    assert page.evaluate("localStorage.length") == 0
