"""The reader's own case, kept only on this device (issue 12): debt rows on a phone, the
opt-in, every page filling from it, clear, export and import, and nothing leaving the device.

Each test drives the built site in Chromium as a person would, at 360 px where it matters.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

KEY = "yuqi-xieshang:workbook"
DEBTS = [
    ("招行信用卡", "card", "28000", "18", "1400", "45"),
    ("网贷甲", "online_micro", "8000", "36", "900", "60"),
    ("消费贷", "consumer_finance", "12000", "24", "800", "30"),
    ("花呗", "online_micro", "5000", "18", "300", ""),
    ("亲戚借款", "other", "3000", "", "", ""),
]
SECRET = "招行信用卡"  # a typed value that must never appear in any request


def phone(browser: Browser, page_log: Any) -> Page:
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 360, "height": 780},
        accept_downloads=True,
        service_workers="block",
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.on("request", lambda request: page_log.requests.append(request.url))
    page.on("console", page_log.on_console)
    page.on("pageerror", lambda error: page_log.console_errors.append(f"pageerror: {error}"))
    return page


def stored(page: Page) -> Any:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    return None if raw is None else json.loads(raw)


def type_rows(page: Page, rows: list[tuple[str, ...]]) -> None:
    """Remove the example rows, then add each debt with the keyboard and the boxes."""
    while page.locator(".calc-row").count():
        page.locator(".calc-rows-list .calc-row").first.locator(
            '[data-row-action="remove"]'
        ).click()
    for cells in rows:
        page.click('[data-row-action="add"]')
        # Focus moves to the new row's first box: the name is typed without another tap.
        page.keyboard.type(cells[0])
        row = page.locator(".calc-rows-list .calc-row").last
        row.locator('[data-col="1"]').select_option(cells[1])
        for column in (2, 3, 4, 5):
            row.locator(f'[data-col="{column}"]').fill(cells[column])


def test_five_debts_on_a_phone_saved_and_seen_everywhere(
    browser: Browser, servers: Any, page_log: Any, calc: Any
) -> None:
    page = phone(browser, page_log)
    base = servers.root.url
    page.goto(base + "plan/")
    calc.settle(page, "plan")
    type_rows(page, DEBTS)
    assert page.inner_text(".calc-rows-count") == "共 5 笔"
    page.fill('[name="income"]', "7000")
    page.fill('[name="essential_expenses"]', "4500")
    page.locator('[name="essential_expenses"]').press("Tab")
    calc.settle(page, "plan")
    assert page.locator(".calc-offer").count() == 5
    # Nothing is kept until the reader says so.
    assert stored(page) is None
    page.check("[data-save-toggle]")
    book = stored(page)
    assert book["values"]["income"] == "7000"
    assert book["values"]["debts"].splitlines()[0] == "招行信用卡,card,28000,18,1400,45"
    assert book["values"]["capacity"] == "2500.00"
    page.screenshot(path=str(shots() / "plan-360.png"), full_page=True)

    # A full reload: the rows and the budget come back from this device.
    page.reload()
    calc.settle(page, "plan")
    assert page.locator(".calc-rows-list .calc-row").count() == 5
    assert page.input_value('[name="income"]') == "7000"
    assert page.is_checked("[data-save-toggle]")

    # The other pages fill from it: the split, the payoff order, the negotiation's capacity.
    page.goto(base + "calculators/allocate/")
    calc.settle(page, "allocate")
    assert page.locator(".calc-rows-list .calc-row").count() == 5
    assert page.input_value('[name="available"]') == "2500.00"
    page.goto(base + "calculators/payoff/")
    calc.settle(page, "payoff")
    assert page.locator(".calc-rows-list .calc-row").count() == 5
    page.goto(base + "calculators/negotiate/")
    calc.settle(page, "negotiate")
    assert page.input_value('[name="capacity"]') == "2500.00"

    # Clear: every trace gone at once, and nothing comes back on reload.
    page.click('[data-save-action="clear"]')
    assert stored(page) is None
    assert "已清除" in page.inner_text(".calc-save-status")
    page.goto(base + "plan/")
    calc.settle(page, "plan")
    assert page.locator(".calc-rows-list .calc-row").count() == 3  # the page's own example
    assert not page.is_checked("[data-save-toggle]")
    leaked = [u for u in page_log.requests if SECRET in u or "7000" in u]
    assert leaked == []
    page.context.close()


def test_with_saving_off_nothing_is_kept(
    browser: Browser, servers: Any, page_log: Any, calc: Any
) -> None:
    page = phone(browser, page_log)
    page.goto(servers.root.url + "calculators/budget/")
    calc.settle(page, "budget")
    calc.fill(page, "budget", "income", "9100")
    page.reload()
    calc.settle(page, "budget")
    # Nothing on the device: no workbook, nor the theme's own state (kept for the tab only,
    # overrides/partials/javascripts/base.html), nor a cookie; the tab's state holds no number.
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    session = page.evaluate("JSON.stringify(Object.entries(sessionStorage))")
    assert "9100" not in session
    assert page.input_value('[name="income"]') != "9100"
    page.context.close()


def test_export_then_import_on_a_fresh_device_gives_the_same_plan(
    browser: Browser, servers: Any, page_log: Any, calc: Any, tmp_path: Path
) -> None:
    page = phone(browser, page_log)
    base = servers.root.url
    page.goto(base + "plan/")
    calc.settle(page, "plan")
    type_rows(page, DEBTS[:3])
    page.locator('[name="income"]').press("Tab")
    calc.settle(page, "plan")
    page.check("[data-save-toggle]")
    page.locator('input[data-check="list-debts"]').check()
    assert stored(page)["checks"] == {"list-debts": True}
    before = page.inner_text(".calc-result .calc-offers")
    with page.expect_download() as download:
        page.click('[data-save-action="export"]')
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name.startswith("yuqi-xieshang-") and exported.suffix == ".json"
    page.context.close()

    fresh = phone(browser, page_log)
    fresh.goto(base + "plan/")
    calc.settle(fresh, "plan")
    assert stored(fresh) is None
    before_answers = calc.answers(fresh, "plan")
    fresh.set_input_files("[data-save-file]", str(exported))
    fresh.wait_for_function("() => document.querySelector('.calc-save-status').textContent")
    assert "已导入" in fresh.inner_text(".calc-save-status")
    calc.wait_answer(fresh, "plan", before_answers)
    assert fresh.inner_text(".calc-result .calc-offers") == before
    assert fresh.is_checked('input[data-check="list-debts"]')
    assert fresh.is_checked("[data-save-toggle]")

    # A tampered file is refused with Python's sentence, and changes nothing.
    book = json.loads(exported.read_text(encoding="utf-8"))
    book["values"]["income"] = "七千块"
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    kept = stored(fresh)
    fresh.set_input_files("[data-save-file]", str(bad))
    fresh.wait_for_function(
        "() => document.querySelector('.calc-save-status').textContent.includes('不能导入')"
    )
    assert "“每月收入”这一项有问题" in fresh.inner_text(".calc-save-status")
    assert stored(fresh) == kept
    fresh.context.close()


def test_rows_are_usable_by_keyboard_and_screen_reader(
    browser: Browser, servers: Any, page_log: Any, calc: Any
) -> None:
    page = phone(browser, page_log)
    page.goto(servers.root.url + "calculators/allocate/")
    calc.settle(page, "allocate")
    rows = page.locator(".calc-rows-list .calc-row")
    assert rows.count() == 3
    # Each row is a group named by its number; each box has its own label.
    assert rows.nth(1).locator("legend").inner_text() == "第 2 笔"
    assert page.get_by_role("group", name="第 2 笔").count() == 1
    # Removing a row moves focus to the next one and renumbers; the count is announced.
    rows.nth(0).locator('[data-row-action="remove"]').focus()
    page.keyboard.press("Enter")
    assert page.inner_text(".calc-rows-count") == "共 2 笔"
    assert page.get_attribute(".calc-rows-count", "aria-live") == "polite"
    assert page.evaluate("document.activeElement.closest('.calc-row') !== null")
    assert rows.nth(0).locator("legend").inner_text() == "第 1 笔"
    calc.settle(page, "allocate")
    # The text form is still there and stays in step.
    text = page.input_value('textarea[name="debts"]')
    assert text.splitlines()[0].startswith("网贷甲,online_micro,8000")
    # Up to 20: the add button then stops.
    for _ in range(18):
        page.click('[data-row-action="add"]')
    assert page.is_disabled('[data-row-action="add"]')
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.context.close()


def test_an_old_text_link_still_fills_the_rows(
    browser: Browser, servers: Any, page_log: Any, calc: Any
) -> None:
    page = phone(browser, page_log)
    page.goto(
        servers.root.url + "calculators/payoff/?debts=甲,1000,12,100%0A乙,2000,24,150&budget=500"
    )
    calc.settle(page, "payoff")
    rows = page.locator(".calc-rows-list .calc-row")
    assert rows.count() == 2
    assert rows.nth(1).locator('[data-col="2"]').input_value() == "2000"
    page.context.close()


def test_a_budget_below_the_minimums_carries_the_numbers_to_the_split(
    browser: Browser, servers: Any, page_log: Any, calc: Any
) -> None:
    page = phone(browser, page_log)
    page.goto(servers.root.url + "calculators/payoff/")
    calc.settle(page, "payoff")
    calc.fill(page, "payoff", "budget", "1000")  # the minimums add up to 1150
    assert "比各笔最低月供合计 1,150.00 元少 150.00 元" in page.inner_text(".calc-result")
    page.click(".calc-result a[href*='allocate']")
    calc.settle(page, "allocate")
    assert page.input_value('[name="available"]') == "1000.00"
    assert page.locator(".calc-rows-list .calc-row").count() == 3
    assert page.locator(".calc-result").inner_text().count("低于最低月供") >= 1
    page.context.close()


def shots() -> Path:
    out = Path(__file__).resolve().parents[2] / "test-results" / "workbook"
    out.mkdir(parents=True, exist_ok=True)
    return out
