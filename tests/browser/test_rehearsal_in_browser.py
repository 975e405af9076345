"""通话练习 (docs/calculators/rehearsal.md) in Chromium at 360 px, both editions: the site plays
the creditor; the reader picks a tone and a branch, presses replies (mouse and keyboard), a
trap says why and keeps the turn, the creditor's next line is said in the live region, the
round ends with the branches not practised yet, and the next round counts the one just
practised. Nothing typed leaves the page (no request carries it), and axe finds nothing.

The steps through one threatening branch are those the issue's journey test takes
(`play_threat_branch`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from calculators.web import render

pytestmark = pytest.mark.browser

W = '.calc[data-calc="rehearsal"]'
READY = 90_000
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def answers(page: Page) -> int:
    return int(page.get_attribute(W, "data-answers") or 0)


def wait_answer(page: Page, before: int) -> None:
    page.wait_for_function(
        """([sel, n]) => { const el = document.querySelector(sel);
            return Number(el.dataset.answers || 0) > n && !("busy" in el.dataset); }""",
        arg=[W, before],
        timeout=READY,
    )


def press(page: Page, selector: str) -> None:
    """Tap a button of the result and wait for Python's answer to it."""
    before = answers(page)
    page.locator(f"{W} .calc-result {selector}").first.click()
    wait_answer(page, before)


def play_threat_branch(page: Page) -> int:
    """One threatening branch to its end: tone 威胁, 想练 对方说要起诉, then the reply that
    leads on at each turn (the marked one where the reader's situation decides, the card's
    line where the creditor speaks). Returns the taps."""
    taps = 0
    for name, value in (("tone", "threat"), ("aim", "threat_sue")):
        before = answers(page)
        page.select_option(f'{W} [name="{name}"]', value)
        wait_answer(page, before)
        taps += 1
    while page.locator(f"{W} .calc-rehearsal-replies").count():
        marked = ".calc-call-reply:has(.calc-figure-note)"  # towards the branch chosen
        press(page, marked if page.locator(f"{W} {marked}").count() else '[data-reply="say"]')
        taps += 1
    return taps


@pytest.fixture(params=["", "zh-Hant/"])
def edition(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_a_threatening_branch_to_its_end_then_another_round(
    page: Page, servers: Any, page_log: Any, edition: str
) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{servers.root.url}{edition}calculators/rehearsal/")
    # The first turn reads before Python: the creditor's line and the reply buttons.
    assert page.locator(f"{W} .calc-rehearsal-them").is_visible()
    assert page.locator(f"{W} .calc-call-reply").count() >= 2
    page.wait_for_selector(f'{W}[data-state="ready"]', timeout=READY)
    # The reader's own numbers: a name typed here is never sent anywhere.
    page.eval_on_selector_all(f"{W} details", "ds => ds.forEach(d => { d.open = true; })")
    before = answers(page)
    page.fill(f'{W} [name="institution"]', "练习银行")
    wait_answer(page, before)
    page.eval_on_selector_all(f"{W} details", "ds => ds.forEach(d => { d.open = false; })")

    for tone in ("firm", "threat", "polite"):  # the page opens at 客气: it comes last
        before = answers(page)
        page.select_option(f'{W} [name="tone"]', tone)
        wait_answer(page, before)
        them = page.locator(f"{W} .calc-rehearsal-them")
        them.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(SHOTS / f"rehearsal-{tone}-{edition.strip('/') or 'hans'}.png"))

    # A trap keeps the turn and says why; the live summary says it too.
    node = page.get_attribute(f"{W} .calc-rehearsal", "data-node")
    press(page, '.calc-call-reply[data-reply^="trap"]')
    why = page.locator(f"{W} .calc-rehearsal-why")
    assert why.is_visible() and why.inner_text()
    assert page.get_attribute(f"{W} .calc-rehearsal", "data-node") == node
    assert page.inner_text(f"{W} .calc-summary").strip() == why.inner_text().strip()

    taps = play_threat_branch(page)
    assert taps <= 8
    # The end: the branches not practised yet, each a link into the call script.
    assert page.locator(f"{W} .calc-rehearsal-replies").count() == 0
    shown = page.locator(f'{W} a[href*="callcard/#call-"]')
    assert shown.count() >= 10
    practised_now = page.get_attribute(f"{W} [data-set][data-focus]", "data-set") or ""
    assert "threat_sue" in practised_now
    page.locator(f"{W} .calc-result").screenshot(
        path=str(SHOTS / f"rehearsal-end-{edition.strip('/') or 'hans'}.png")
    )
    page.mouse.move(0, 0)  # not hovering a link (the theme's hover colour is another state)
    results = Axe().run(page, context={"include": [[W]]})
    assert results.violations_count == 0, results.generate_report()
    left = int(page.inner_text(f'{W} [data-key="left_count"]'))

    # 再练一轮, by keyboard: the focus is on it after the last answer.
    assert page.evaluate("document.activeElement.matches('[data-set][data-focus]')")
    before = answers(page)
    page.keyboard.press("Enter")
    wait_answer(page, before)
    assert page.input_value(f'{W} [name="moves"]') == ""
    assert "threat_sue" in page.input_value(f'{W} [name="practised"]')
    assert int(page.inner_text(f'{W} [data-key="left_count"]')) == left
    # The new round's first reply has the focus; Space presses it.
    assert page.evaluate("document.activeElement.matches('.calc-call-reply')")
    before = answers(page)
    page.keyboard.press("Space")
    wait_answer(page, before)
    assert page.input_value(f'{W} [name="moves"]').startswith("threat|")

    # The creditor's line said in the live region is Python's, for the boxes as they are.
    names = ("tone", "aim", "moves", "practised")
    boxes = {n: page.input_value(f'{W} [name="{n}"]') for n in names}
    lang = "zh-Hant" if edition else "zh-Hans"
    said = render("rehearsal", {**boxes, "institution": "练习银行"}, lang)["summary"]
    assert page.inner_text(f"{W} .calc-summary").strip() == said
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    typed = [u for u in page_log.requests if "练习银行" in u or "%E7%BB%83%E4%B9%A0" in u]
    assert typed == []
    assert not [u for u in page_log.requests if "threat_sue" in u or "moves=" in u]


def test_with_a_kept_case_the_creditor_says_the_debts_own_name_and_numbers(
    browser: Any, servers: Any, page_log: Any, calc: Any
) -> None:
    """The rehearsal reads the chosen debt of the reader's case (its name, balance, ask), as
    a letter does; the practice itself is never written into the case."""
    from tests.browser.test_case_in_browser import KEY, keep_before_load, phone, two_debts

    page = phone(browser, page_log)
    keep_before_load(page, json.loads(two_debts()))
    page.goto(servers.root.url + "calculators/rehearsal/")
    calc.settle(page, "rehearsal")
    pick = page.locator(f"{W} [data-case-pick]")
    before = answers(page)
    pick.select_option("d2")
    wait_answer(page, before)
    calc.settle(page, "rehearsal")
    assert "网贷甲" in page.inner_text(f"{W} .calc-rehearsal-them")
    assert page.input_value(f'{W} [name="owed"]').replace(",", "").startswith("10000")
    kept = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    press(page, ".calc-call-reply")
    assert page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") == kept
    assert "moves" not in kept and "practised" not in kept
    page.context.close()
