"""通话时随手记 on the call card's page, in Chromium at 360 px, both editions: one tap per
note stamps the device's time, the text is editable and a note removable; one tap carries the
notes into 通话以后, which opens with 对方姓名或工号, 通话时间 and 对方还答应了什么 filled and its
contact-log row written from them. Nothing is stored and no request carries a typed word: the
notes travel in the link's fragment. Any threat reply of the script is one tap from the card."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

READY = 90_000
SHOTS = Path(__file__).resolve().parents[2] / "test-results"
NOTES = ".calc-callnotes"
AFTER = '.calc[data-calc="aftercall"]'
TYPED = ("0815", "每期五百", "下周一前发协议")


@pytest.fixture(params=["", "zh-Hant/"])
def edition(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def stored(page: Page) -> list[str]:
    """The typed words found in the browser's storage (the theme keeps its own settings)."""
    kept: str = page.evaluate("() => JSON.stringify([{...localStorage}, {...sessionStorage}])")
    return [t for t in TYPED if t in kept]


def add(page: Page, kind: str, text: str) -> None:
    """One tap on a kind, then the words typed where the cursor already is."""
    page.click(f'{NOTES} [data-note="{kind}"]')
    assert page.evaluate("document.activeElement.matches('.calc-callnote-text')")
    page.keyboard.type(text)


def test_notes_during_the_call_carried_into_aftercall(
    page: Page, servers: Any, page_log: Any, edition: str
) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    # The device's clock held still: the notes are stamped by the minute, and on a real clock
    # the four of them could fall on both sides of a minute (the test then read 22:48 / 22:49).
    page.clock.set_fixed_time(dt.datetime(2026, 12, 8, 10, 20))
    page.goto(f"{servers.root.url}{edition}calculators/callcard/")
    page.wait_for_selector(f"{NOTES}[data-mounted]")
    # Any threat reply is one tap from the card: its links go to the script's sections.
    threat = page.locator('.calc-result .calc-call-threats a[href$="#call-threat_sue"]')
    assert threat.count() == 1
    assert page.locator(f'{NOTES} .calc-call-threats a[href$="#call-threat_sue"]').count() == 1
    carry = page.locator(f"{NOTES} .calc-callnotes-carry")
    assert carry.is_visible()  # with no notes too: today's date and the creditor

    add(page, "agent", TYPED[0])
    add(page, "amount", TYPED[1])
    add(page, "date", "写错了")
    add(page, "promise", "下周发协议")
    rows = page.locator(f"{NOTES} .calc-callnote")
    assert rows.count() == 4
    stamp = rows.first.locator(".calc-callnote-time").inner_text()
    assert re.fullmatch(r"10:20 \S+", stamp), stamp
    # Removing one: the focus stays in the list; editing one: its box as any box.
    rows.nth(2).locator(".calc-callnote-remove").click()
    assert rows.count() == 3
    assert page.evaluate("document.activeElement.matches('.calc-callnote-text')")
    rows.nth(2).locator("input").fill(TYPED[2])
    page.locator(NOTES).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"callnotes-{edition.strip('/') or 'hans'}.png"))
    page.mouse.move(0, 0)
    results = Axe().run(page, context={"include": [[NOTES]]})
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not stored(page)

    href = carry.get_attribute("href") or ""
    assert "?" not in href and "#" in href
    carry.click()
    page.wait_for_url(re.compile(r"/calculators/aftercall/#"))
    page.wait_for_selector('.calc[data-calc="aftercall"][data-state="ready"]', timeout=READY)
    page.wait_for_function(
        """() => !("busy" in document.querySelector('.calc[data-calc="aftercall"]').dataset)""",
        timeout=READY,
    )
    assert page.input_value('[name="agent"]') == TYPED[0]
    assert page.input_value('[name="call_time"]') == stamp[:5]
    note = page.input_value('[name="note"]')
    assert TYPED[1] in note and TYPED[2] in note and note.startswith(stamp[:5])
    row = page.input_value("#calc-aftercall-row")
    assert TYPED[0] in row and TYPED[1] in row
    # The terms arrive blank (not the page's example 60 x 500): the reader types what was
    # agreed, and the agreement record follows. Taps from the call card: the link, three
    # boxes, and copying the row and the request.
    assert page.input_value('[name="months"]') == page.input_value('[name="monthly"]') == ""
    taps = 1
    for name, value in (("months", "36"), ("monthly", "800"), ("first_due", "2027-01-15")):
        before = int(page.get_attribute(AFTER, "data-answers") or 0)
        page.fill(f'{AFTER} [name="{name}"]', value)
        page.wait_for_function(
            """([sel, n]) => { const el = document.querySelector(sel);
                return Number(el.dataset.answers || 0) > n && !("busy" in el.dataset); }""",
            arg=[AFTER, before],
            timeout=READY,
        )
        taps += 1
    assert "36" in page.inner_text(f'{AFTER} [data-key="terms.months"]')
    row = page.input_value("#calc-aftercall-row")
    assert "分 36 期" in row and "每期 800.00 元" in row and TYPED[0] in row
    request = page.input_value("#calc-aftercall-request")
    assert "0815" in request and "36" in request
    for target in ("calc-aftercall-row", "calc-aftercall-request"):
        page.click(f'{AFTER} [data-action="copy"][data-target="{target}"]')
        taps += 1
    assert taps == 6
    # The typed words were never in a request: the fragment stays in the browser.
    words = [*TYPED, *(quote(t) for t in TYPED)]
    sent = [u for u in page_log.requests if "#" in u or any(w in u for w in words)]
    assert sent == []
    assert not stored(page)


def test_the_notes_work_offline_after_the_home_page(
    browser: Any, servers: Any, site_dir: Path
) -> None:
    """The notes' module is loaded by import() on the call card's page alone: the service
    worker keeps it with every other file, so the notes work in airplane mode too."""
    from tests.browser.test_offline import own_server, sw_context, wait_until
    from tests.browser.test_offline_any_page import ALL_KEPT

    with own_server(servers.root, site_dir) as server:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(server.url)
        notes = [p.name for p in (site_dir / "assets" / "calc").glob("callnotes-*.js")]
        assert len(notes) == 1
        want = [server.url + "calculators/callcard/", server.url + "assets/calc/" + notes[0]]
        wait_until(page, ALL_KEPT, want)
        server.close()
        context.set_offline(True)
        page.goto(server.url + "calculators/callcard/")
        page.wait_for_selector(f"{NOTES}[data-mounted]")
        add(page, "promise", TYPED[2])
        assert page.locator(f"{NOTES} .calc-callnote").count() == 1
        context.close()
