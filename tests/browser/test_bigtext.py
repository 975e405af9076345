"""大字 (issue 24, item 7): one button makes the page's text a quarter larger, pressed state
told to screen readers, on a 360 px phone without sideways scrolling, in both editions and on
a calculator page; pressed again, the text is as before."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

BUTTON = "[data-bigtext]"
BODY_SIZE = "parseFloat(getComputedStyle(document.querySelector('.md-content p')).fontSize)"
WIDE = "document.scrollingElement.scrollWidth"


@pytest.mark.parametrize("path", ["guide/sued/", "zh-Hant/guide/sued/", "calculators/budget/"])
def test_big_text_at_360_px(page: Page, servers: Any, path: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(servers.root.url + path)
    button = page.locator(BUTTON)
    button.wait_for(state="visible")
    assert button.get_attribute("aria-pressed") == "false"
    before = page.evaluate(BODY_SIZE)
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    bigger = page.evaluate(BODY_SIZE)
    assert bigger >= before * 1.2, (before, bigger)
    lines = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-content p')).lineHeight)"
    )
    assert lines >= 1.3 * bigger
    assert page.evaluate(WIDE) <= 360
    page.screenshot(path=str(tmp_path / f"bigtext-{path.replace('/', '-')}.png"))
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert page.evaluate(BODY_SIZE) == before


KEY = "yuqi-xieshang:workbook"  # docs/assets/calc/store.js STORE_KEY
BIG = "document.documentElement.classList.contains('calc-bigtext')"


def kept(page: Page) -> Any:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return None if raw is None else json.loads(raw)


def test_big_text_is_remembered_only_while_the_case_is_kept(
    page: Page, servers: Any, calc: Any
) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    base = servers.root.url
    page.goto(base + "calculators/budget/")
    page.locator(BUTTON).click()
    # Not saving: nothing is written, and the next visit starts with the usual text.
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.reload()
    page.locator(BUTTON).wait_for(state="visible")
    assert not page.evaluate(BIG)

    # Ticked to save while the text is large: the setting is part of what is kept.
    page.locator(BUTTON).click()
    page.check("[data-save-toggle]")
    assert kept(page)["display"] == {"bigtext": True}
    # Any page of either edition opens large, before its scripts run (no jump), pressed.
    for path in ("guide/sued/", "zh-Hant/guide/sued/", "plan/"):
        page.goto(base + path)
        assert page.evaluate(BIG), path
        page.locator(BUTTON).wait_for(state="visible")
        assert page.locator(BUTTON).get_attribute("aria-pressed") == "true", path
    # The plan writes the case it edits (Python's, with the part at its default): the setting
    # stays as the reader set it.
    calc.settle(page, "plan")
    row = page.locator("[data-case-list] [data-case-item]").first
    row.locator('[data-case-key="creditor"]').fill("招行信用卡")
    row.locator('[data-case-key="balance"]').fill("28000")
    income = page.locator('[data-case-group="budget"] [data-case-key="income"]')
    income.fill("7000")
    income.press("Tab")
    calc.settle(page, "plan")
    page.wait_for_function(
        f"() => (localStorage.getItem('{KEY}') || '').includes('\"income\":\"7000.00\"')"
    )
    assert kept(page)["display"] == {"bigtext": True}
    page.goto(base + "guide/sued/")
    assert page.evaluate(BIG)

    # Pressed again: the usual text is what is kept (written once store.js, which a guide page
    # loads only on this press, has come).
    page.locator(BUTTON).click()
    page.wait_for_function(
        f"() => (localStorage.getItem('{KEY}') || '').includes('\"bigtext\":false')"
    )
    page.reload()
    page.locator(BUTTON).wait_for(state="visible")
    assert not page.evaluate(BIG)
    page.locator(BUTTON).click()
    assert page.evaluate(BIG)

    # Cleared: forgotten with everything else.
    page.goto(base + "calculators/budget/")
    calc.settle(page, "budget")
    page.click('[data-save-action="clear"]')
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.goto(base + "guide/sued/")
    page.locator(BUTTON).wait_for(state="visible")
    assert not page.evaluate(BIG)


SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
}).observe({ type: "layout-shift", buffered: true });"""


def held_back(route: Any) -> None:
    time.sleep(1)  # not a measurement: only so that the page paints before its script runs
    route.continue_()


@pytest.mark.parametrize("path", ["guide/sued/", "calculators/callcard/"])
def test_the_button_appearing_moves_nothing(browser: Any, servers: Any, path: str) -> None:
    # Its place is kept from the first paint (calc.css, calc-scripted): a title beside it used
    # to wrap only when bigtext.js showed it, pushing the page down (0.039 on the call card).
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        context.add_init_script(SHIFTS)
        page = context.new_page()
        # The page's script held back, as on a slow phone: the first paint comes before it.
        page.route("**/assets/calc/bridge.js", held_back)
        page.goto(servers.root.url + path)
        page.wait_for_function("() => performance.getEntriesByType('paint').length > 0")
        page.locator(BUTTON).wait_for(state="visible")
        page.wait_for_timeout(300)  # a frame or two after it shows
        assert sum(page.evaluate("window.__shifts")) < 0.005, page.evaluate("window.__shifts")
    finally:
        context.close()
