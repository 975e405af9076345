"""The reader's own case, kept only on this device (issues 12 and 22): entered once on the plan
page, the opt-in, every page filling from it and none writing it without asking, a letter
asking 写给哪一家？, a version-1 key migrated on first load, clear, export and import, and
nothing leaving the device.

Each test drives the built site in Chromium as a person would, at 360 px where it matters.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from calculators import case as model

pytestmark = pytest.mark.browser

KEY = "yuqi-xieshang:workbook"
DEBTS = [
    ("招行信用卡", "card", "28000", "18", "1400", "45"),
    ("网贷甲", "online_micro", "8000", "36", "900", "60"),
    ("消费贷", "consumer_finance", "12000", "24", "800", "30"),
]
SECRET = "招行信用卡"  # a typed value that must never appear in any request
CELLS = ("creditor", "kind", "balance", "rate", "monthly_due", "overdue_days")


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


def keep_before_load(page: Page, data: object) -> None:
    text = json.dumps(data, ensure_ascii=False)
    page.add_init_script(
        f"if (!sessionStorage.getItem('kept')) {{ localStorage.setItem({json.dumps(KEY)}, "
        f"{json.dumps(text)}); sessionStorage.setItem('kept', '1'); }}"
    )


def type_debts(page: Page, rows: list[tuple[str, ...]]) -> None:
    """Each debt into the editor's empty rows (a row added when there are none left)."""
    for n, cells in enumerate(rows):
        boxes = page.locator("[data-case-list] [data-case-item]")
        if boxes.count() <= n:
            page.click('[data-case-list] [data-row-action="add"]')
        row = boxes.nth(n)
        for key, value in zip(CELLS, cells, strict=True):
            box = row.locator(f'[data-case-key="{key}"]')
            if key == "kind":
                box.select_option(value)
            else:
                box.fill(value)


def two_debts() -> str:
    data = model.empty()
    data["person"]["name"] = "张小明"
    data["budget"].update(income="7000", essential_expenses="4500")
    for number, (name, kind, tail) in enumerate(
        (("招行信用卡", "card", "1234"), ("网贷甲", "online_micro", "5678")), start=1
    ):
        debt = model.blank_debt(f"d{number}")
        debt.update(creditor=name, kind=kind, balance="10000", account_tail=tail)
        data["debts"].append(debt)
    return model.to_json(model.validate_data(data))


def test_a_case_entered_on_the_plan_is_kept_and_read_everywhere_never_written_silently(
    browser: Browser, servers: Any, page_log: Any, calc: Any
) -> None:
    page = phone(browser, page_log)
    base = servers.root.url
    page.goto(base + "plan/")
    calc.settle(page, "plan")
    # A new reader: empty rows with placeholders, the example only in the result.
    rows = page.locator("[data-case-list] [data-case-item]")
    assert rows.count() == 3
    assert rows.first.locator('[data-case-key="creditor"]').input_value() == ""
    assert rows.first.locator('[data-case-key="creditor"]').get_attribute("placeholder")
    type_debts(page, DEBTS)
    budget = page.locator('[data-case-group="budget"]')
    budget.locator('[data-case-key="income"]').fill("7000")
    budget.locator('[data-case-key="essential_expenses"]').fill("4500")
    budget.locator('[data-case-key="essential_expenses"]').press("Tab")
    calc.settle(page, "plan")
    assert page.locator(".calc-offer").count() == 3
    assert page.inner_text(".calc-rows-count") == "共 3 笔"
    # Nothing is kept until the reader says so.
    assert stored(page) is None
    page.check("[data-save-toggle]")
    case = stored(page)
    assert case["version"] == model.VERSION and case["budget"]["income"] == "7000.00"
    assert [d["id"] for d in case["debts"]] == ["d1", "d2", "d3"]
    assert [d["creditor"] for d in case["debts"]] == [d[0] for d in DEBTS]
    page.screenshot(path=str(shots() / "plan-360.png"), full_page=True)

    # A full reload: the rows and the budget come back from this device.
    page.reload()
    calc.settle(page, "plan")
    assert [b.input_value() for b in page.locator('[data-case-key="creditor"]').all()] == [
        d[0] for d in DEBTS
    ]
    assert budget.locator('[data-case-key="income"]').input_value() == "7000.00"
    assert page.is_checked("[data-save-toggle]")

    # The other pages fill from it: the split and the negotiation's capacity.
    page.goto(base + "calculators/allocate/")
    calc.settle(page, "allocate")
    assert page.locator(".calc-rows-list .calc-row").count() == 3
    assert page.input_value('[name="available"]') == "2500.00"
    assert page.locator(".calc-case-bar").is_hidden()  # the page says what the case says
    # A what-if is only that: the case is kept as it was, and the page says it differs.
    calc.fill(page, "allocate", "available", "3000")
    page.wait_for_selector('.calc-case-bar [data-case-action="save"]')
    assert stored(page) == case
    page.click('.calc-case-bar [data-case-action="save"]')
    assert "2,500.00" in page.inner_text(".calc-case-changes") or "2500" in page.inner_text(
        ".calc-case-changes"
    )
    page.click('.calc-case-bar [data-case-action="cancel"]')
    assert stored(page) == case
    page.goto(base + "calculators/negotiate/")
    calc.settle(page, "negotiate")
    assert page.input_value('[name="capacity"]') == "2500.00"

    # Clear: every trace gone at once, and nothing comes back on reload.
    page.click('[data-save-action="clear"]')
    assert stored(page) is None
    assert "已清除" in page.inner_text(".calc-save-status")
    page.goto(base + "plan/")
    calc.settle(page, "plan")
    assert page.locator('[data-case-key="creditor"]').first.input_value() == ""
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
    # Nothing on the device: no case, nor the theme's own state (kept for the tab only,
    # overrides/partials/javascripts/base.html), nor a cookie; the tab's state holds no number.
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    session = page.evaluate("JSON.stringify(Object.entries(sessionStorage))")
    assert "9100" not in session
    assert page.input_value('[name="income"]') != "9100"
    assert page.locator(".calc-case-bar").is_hidden()
    page.context.close()


def test_a_version_1_key_is_migrated_on_first_load_and_nothing_is_lost(
    browser: Browser, servers: Any, page_log: Any, calc: Any
) -> None:
    page = phone(browser, page_log)
    book = {
        "format": "yuqi-xieshang/workbook",
        "version": 1,
        "values": {
            "debts": "招行信用卡,card,28000,18,1400,45\n网贷甲,online_micro,8000,36,900,60",
            "income": "7000",
            "essential_expenses": "4500",
            "person_name": "张小明",
            "account": "1234",  # one tail for two debts: not placed, kept in the notes
            "contact_log": "2026-05-06 09:15,对方打来,电话,催收员,要求还款,",
        },
        "checks": {"list-debts": True},
    }
    keep_before_load(page, book)
    page.goto(servers.root.url + "plan/")
    calc.settle(page, "plan")
    page.wait_for_function(
        f"() => JSON.parse(localStorage.getItem({json.dumps(KEY)})).version === {model.VERSION}"
    )
    case = stored(page)
    assert [d["creditor"] for d in case["debts"]] == ["招行信用卡", "网贷甲"]
    assert all(d["account_tail"] == "" for d in case["debts"])
    assert "1234" in case["notes"]
    assert case["person"]["name"] == "张小明" and case["budget"]["income"] == "7000.00"
    assert len(case["contacts"]) == 1 and case["checks"] == {"list-debts": True}
    assert "新的格式" in page.inner_text(".calc-status")
    # The plan shows it, and its ticked step.
    assert page.locator(".calc-offer").count() == 2
    assert page.is_checked('input[data-check="list-debts"]')
    page.context.close()


def test_a_letter_asks_which_debt_and_carries_only_that_debts_details(
    browser: Browser, servers: Any, page_log: Any, calc: Any
) -> None:
    page = phone(browser, page_log)
    keep_before_load(page, json.loads(two_debts()))
    page.goto(servers.root.url + "letters/negotiate/")
    calc.settle(page, "letter_negotiate")
    pick = page.locator("[data-case-pick]")
    assert pick.is_visible()
    options = pick.locator("option").all_inner_texts()
    assert options[:2] == ["招行信用卡", "网贷甲"] and "其他" in options[2]
    page.click(".calc-advanced > summary")
    for debt, tail, other in (("d2", "5678", "1234"), ("d1", "1234", "5678")):
        answers = calc.answers(page, "letter_negotiate")
        pick.select_option(debt)
        calc.wait_answer(page, "letter_negotiate", answers)
        calc.settle(page, "letter_negotiate")
        assert page.input_value('[name="account"]') == tail
        letter = page.input_value("textarea.calc-letter")
        assert tail in letter and other not in letter
        assert "张小明" in letter
    # 其他: no debt's details at all.
    answers = calc.answers(page, "letter_negotiate")
    pick.select_option("")
    calc.wait_answer(page, "letter_negotiate", answers)
    calc.settle(page, "letter_negotiate")
    assert page.input_value('[name="account"]') == ""
    assert page.input_value('[name="institution"]') == ""
    # Opened from a creditor's card (debt=d2): that debt, nothing of the other.
    page.goto(
        servers.root.url + "letters/negotiate/#debt=d2&institution=%E7%BD%91%E8%B4%B7%E7%94%B2"
    )
    page.reload()
    calc.settle(page, "letter_negotiate")
    assert pick.input_value() == "d2"
    assert page.input_value('[name="account"]') == "5678"
    assert "1234" not in page.input_value("textarea.calc-letter")
    assert page.locator(".calc-status").inner_text().find("debt") < 0  # not "misspelled"
    page.context.close()


def test_export_then_import_on_a_fresh_device_gives_the_same_plan(
    browser: Browser, servers: Any, page_log: Any, calc: Any, tmp_path: Path
) -> None:
    page = phone(browser, page_log)
    base = servers.root.url
    page.goto(base + "plan/")
    calc.settle(page, "plan")
    type_debts(page, DEBTS)
    budget = page.locator('[data-case-group="budget"]')
    budget.locator('[data-case-key="income"]').fill("7000")
    budget.locator('[data-case-key="essential_expenses"]').fill("4500")
    budget.locator('[data-case-key="essential_expenses"]').press("Tab")
    calc.settle(page, "plan")
    page.check("[data-save-toggle]")
    page.locator('input[data-check="list-debts"]').check()
    page.wait_for_function(
        f"() => JSON.parse(localStorage.getItem({json.dumps(KEY)})).checks['list-debts'] === true"
    )
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
    calc.settle(fresh, "plan")
    assert fresh.inner_text(".calc-result .calc-offers") == before
    assert fresh.is_checked('input[data-check="list-debts"]')
    assert fresh.is_checked("[data-save-toggle]")

    # A tampered file is refused with Python's sentence, and changes nothing.
    book = json.loads(exported.read_text(encoding="utf-8"))
    book["budget"]["income"] = "七千块"
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    kept = stored(fresh)
    fresh.set_input_files("[data-save-file]", str(bad))
    fresh.wait_for_function(
        "() => document.querySelector('.calc-save-status').textContent.includes('每月收入')"
    )
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


# Each placeholder's text against its box's inner width, measured in the box's own font.
PLACEHOLDERS_CUT = """() => {
  const canvas = document.createElement("canvas").getContext("2d");
  const out = [];
  for (const box of document.querySelectorAll("[data-case-key][placeholder]")) {
    if (!box.offsetParent) continue;
    const style = getComputedStyle(box);
    // (style.font, the shorthand, is empty for inputs in Chromium)
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const need = canvas.measureText(box.placeholder).width;
    if (need > room) out.push(`${box.dataset.caseKey}: ${box.placeholder} (${need} > ${room})`);
  }
  return out;
}"""


def test_the_editors_placeholders_fit_their_boxes_at_360_px(
    browser: Browser, servers: Any, page_log: Any, calc: Any
) -> None:
    page = phone(browser, page_log)
    page.goto(servers.root.url + "plan/")
    calc.settle(page, "plan")
    for details in page.locator("[data-case-list] details").all():
        details.evaluate("d => { d.open = true; }")
    cut = page.evaluate(PLACEHOLDERS_CUT)
    assert cut == [], "\n".join(cut)
    page.context.close()
