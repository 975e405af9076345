"""The seven calculator pages in a real browser (Debian Chromium), as a borrower uses them.

For every calculator:
- before Python starts (its worker blocked), the prerendered result is on the page and its
  key figures are exactly `calculators.run` on the defaults; the page fits 360 px;
- the share link the page makes, opened as a fresh page, restores the inputs and shows the
  same figures as `run` on them; changing an input then updates the figures; the CSV download
  (with its BOM) parses, is the CSV Python made, and its rows add up to the totals; a bad
  input shows the calculator's own message next to its field; at 360 px nothing scrolls
  sideways; axe-core finds no violations; and nothing is requested from another origin.
And the comparison's link hands the typed figures to the negotiation letter's page.

Each calculator costs one Python start (about 5 s); everything else reuses that page.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from calculators import NAMES as ALL_NAMES
from calculators import InputError, registry, run
from calculators.web import merged_inputs
from calculators.web.format import yuan
from calculators.web.views import view
from calculators.web.views.payoff import LABELS as PAYOFF_LABELS
from tests.calculator_trials import HOSTILE_NAMES, trial
from tests.result_paths import resolve

pytestmark = pytest.mark.browser

# The calculators with a page of their own under calculators/ (letters and the plan are
# documents with pages elsewhere: test_case_in_browser.py, test_letters_in_browser.py).
DOCS = Path(__file__).resolve().parents[2] / "docs"
NAMES = [n for n in ALL_NAMES if (DOCS / "calculators" / f"{n}.md").is_file()]

READY = 90_000  # ms: a cold Pyodide start on a busy 2-core machine, with margin

# --- helpers ----------------------------------------------------------------------------------


def figures(page: Page) -> dict[str, str]:
    """Every [data-key] in the result, as shown, separators removed."""
    shown: dict[str, str] = page.eval_on_selector_all(
        ".calc-result [data-key]",
        "els => Object.fromEntries(els.map(e => [e.dataset.key, e.textContent]))",
    )
    return {k: v.replace(",", "") for k, v in shown.items()}


def expected_figures(result: Mapping[str, Any], keys: set[str]) -> dict[str, str]:
    return {key: str(resolve(result, key)) for key in keys}


def form_values(page: Page) -> dict[str, str]:
    return page.eval_on_selector(
        ".calc-form",
        """form => Object.fromEntries([...form.elements].filter(e => e.name).map(
            e => [e.name, e.type === "checkbox" ? (e.checked ? "1" : "0") : e.value]))""",
    )


def set_input(page: Page, name: str, value: str) -> None:
    control = page.locator(f'.calc-form [name="{name}"]')
    control.evaluate("e => { const d = e.closest('details'); if (d) d.open = true; }")
    kind = control.evaluate("e => e.type")
    if kind == "checkbox":
        control.set_checked(value == "1")
    elif kind == "select-one":
        control.select_option(value)
    else:
        control.fill(value)


def renders(page: Page) -> int:
    return int(page.eval_on_selector(".calc", "e => e.dataset.renders || '0'"))


def wait_for_render(page: Page, before: int) -> None:
    page.wait_for_function(
        "n => Number(document.querySelector('.calc').dataset.renders || 0) > n",
        arg=before,
        timeout=READY,
    )


def wait_ready(page: Page) -> None:
    page.wait_for_function(
        "() => { const c = document.querySelector('.calc');"
        " return c.dataset.state === 'ready' && Number(c.dataset.renders || 0) > 0; }",
        timeout=READY,
    )


def no_sideways_scroll(page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    page.eval_on_selector_all(".calc details", "ds => ds.forEach(d => { d.open = true; })")
    page.wait_for_timeout(100)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at 360 px"


def check_csv_adds_up(name: str, rows: list[list[str]], result: Mapping[str, Any]) -> None:
    D = Decimal
    head, body = rows[0], rows[1:]
    assert body, "the CSV has rows"
    if name == "schedule":
        cols = list(zip(*body, strict=True))
        assert sum(map(D, cols[1]), D(0)) == D(result["total_payment"])
        assert sum(map(D, cols[2]), D(0)) == D(result["principal"])
        assert sum(map(D, cols[3]), D(0)) == D(result["interest_sum"])
        assert sum(map(D, cols[4]), D(0)) + D(result["upfront_fee"]) == D(result["fee_sum"])
    elif name == "overdue":
        assert body[-1][1:] == [result["penalty"], result["total_due"]]
    elif name == "negotiate":
        for row, s in zip(body, result["scenarios"], strict=True):
            n = int(row[4])
            paid = D(row[1]) + (D(row[2]) * (n - 1) + D(row[3]) if n else D(0))
            assert paid == D(row[5]) == D(s["total"])
    elif name == "payoff":
        for row in body:
            assert sum(map(D, row[3:]), D(0)) == D(row[2])
        for key in ("avalanche", "snowball"):
            mine = [r for r in body if r[0] == PAYOFF_LABELS[key]]
            assert len(mine) == result[key]["months"] + 1
    assert head and all(cell for cell in head)


# --- tests ------------------------------------------------------------------------------------


def url_of(base_url: str, name: str) -> str:
    return f"{base_url}calculators/{name}/"


BLOCKED = r"Failed to load resource|net::ERR_FAILED"  # the console lines of a blocked worker


def block_python(page: Page, page_log: Any) -> None:
    """Keep the worker (and so Pyodide) from loading: the page is what the HTML alone gives."""
    page_log.allow_console(BLOCKED)
    page.route("**/worker.js*", lambda route: route.abort())


@pytest.mark.parametrize("name", NAMES)
def test_prerendered_result_before_python(
    page: Page, servers: Any, page_log: Any, name: str
) -> None:
    block_python(page, page_log)
    response = page.goto(url_of(servers.root.url, name))
    assert response is not None and response.ok
    assert 'data-key="' in response.text()  # in the HTML itself, not added by a script
    result = run(name, merged_inputs(name, {}))
    shown = figures(page)
    assert shown and shown == expected_figures(result, set(shown))
    assert page.get_attribute(".calc", "data-state") in ("static", "loading", "error")
    no_sideways_scroll(page)


@pytest.mark.parametrize(
    ("name", "where"), [*((name, "root") for name in NAMES), ("payoff", "sub")]
)
def test_live_page(page: Page, servers: Any, page_log: Any, name: str, where: str) -> None:
    base_url = getattr(servers, where).url
    # What to share, change and get wrong: from its fields (tests/calculator_trials.py).
    steps = trial(registry.get(name))
    shared, change, (bad_field, bad_value) = steps.shared, steps.change, steps.bad
    for field in registry.get(name).fields:
        if field.device_today:  # the trial's dates are the example's, and so is the device's day
            page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{field.default}T12:00"))

    # 1. Type the shared inputs while Python is kept away; the page still makes the link.
    block_python(page, page_log)
    page.goto(url_of(base_url, name))
    for field, value in shared.items():
        set_input(page, field, value)
    link = page.get_attribute('.calc [data-action="share"]', "href")
    assert link and "#" in link and "?" not in link
    page.unroute("**/worker.js*")

    # 2. Open the link as a fresh page: inputs restored, figures recomputed by Python.
    page.goto(link)
    wait_ready(page)
    values = form_values(page)
    for field, value in shared.items():
        assert values[field] == value, field
    result = run(name, merged_inputs(name, values))
    shown = figures(page)
    assert shown == expected_figures(result, set(shown))
    if any(value.startswith(HOSTILE_NAMES[0]) for value in shared.values()):
        # Names typed by the person are text, never markup.
        assert page.locator(".calc-result b, .calc-result i").count() == 0
        assert HOSTILE_NAMES[0] in page.inner_text(".calc-result")

    # 3. Change one more input: the figures follow.
    before = renders(page)
    for field, value in change.items():
        set_input(page, field, value)
    wait_for_render(page, before)
    values = form_values(page)
    result = run(name, merged_inputs(name, values))
    shown = figures(page)
    assert shown == expected_figures(result, set(shown))

    # 4. The CSV download: BOM, the CSV Python made, rows that add up.
    made = view(name, result)
    if made["csv"] is not None:
        with page.expect_download() as download:
            page.click('.calc [data-action="csv"]')
        data = download.value.path().read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        assert text == made["csv"]
        assert download.value.suggested_filename == made["csv_name"]
        check_csv_adds_up(name, list(csv.reader(io.StringIO(text))), result)
    else:
        assert page.locator('.calc [data-action="csv"]').count() == 0

    # 5. A bad input: the calculator's own sentence, next to its field.
    with pytest.raises(InputError) as err:
        run(name, merged_inputs(name, {**values, bad_field: bad_value}))
    set_input(page, bad_field, bad_value)
    error = page.locator(f'.calc-field[data-field="{err.value.field}"] .calc-error')
    error.wait_for(state="visible", timeout=READY)
    assert error.inner_text() == err.value.message
    assert page.get_attribute(f'.calc-form [name="{err.value.field}"]', "aria-invalid") == "true"
    before = renders(page)
    set_input(page, bad_field, values[bad_field])
    wait_for_render(page, before)
    assert not error.is_visible()

    # 6. axe-core (injected from the Python package, no network) on the live widget, with its
    #    collapsed parts open; the page around it is checked in test_axe_whole_page.
    page.eval_on_selector_all(".calc details", "ds => ds.forEach(d => { d.open = true; })")
    results = Axe().run(page, context={"include": [[".calc"]]})
    assert results.violations_count == 0, results.generate_report()

    # 7. A phone: nothing scrolls sideways, tables included. (The `page` fixture fails the test
    #    on any request to another host and on console errors.)
    no_sideways_scroll(page)


@pytest.mark.parametrize("name", NAMES)
def test_axe_whole_page(page: Page, servers: Any, page_log: Any, name: str) -> None:
    """The whole page as first painted (theme, text, widget with its prerendered result).

    axe-core comes from the Python package (page.evaluate), never from a CDN: the `page`
    fixture fails the test on any request to another host.
    """
    block_python(page, page_log)
    page.goto(url_of(servers.root.url, name))
    page.wait_for_load_state("load")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_letter_link_carries_the_typed_figures(page: Page, servers: Any, calc: Any) -> None:
    """The comparison hands its numbers to the 协商还款申请 page (one generator per letter):
    the link, followed, opens a letter written from the typed figures."""
    typed = {
        "principal": "45,678.90",
        "interest": "1234.56",
        "penalty": "2345.67",
        "fees": "99.99",
        "months": "24",
        "capacity": "2500",
    }
    page.goto(url_of(servers.root.url, "negotiate"))
    wait_ready(page)
    before = renders(page)
    for field, value in typed.items():
        set_input(page, field, value)
    wait_for_render(page, before)
    link = page.locator('.calc[data-calc="negotiate"] a[href*="letters/negotiate/#"]')
    # Each typed box may trigger a render; wait for the one that has seen them all.
    page.wait_for_function(
        "() => { const a = document.querySelector("
        '\'.calc[data-calc="negotiate"] a[href*="letters/negotiate/#"]\');'
        " return a && a.href.includes('owed=49359.12') && a.href.includes('months=24'); }",
        timeout=READY,
    )
    page.wait_for_selector('.calc[data-calc="negotiate"]:not([data-busy])', timeout=READY)
    result = run("negotiate", merged_inputs("negotiate", form_values(page)))
    monthly = resolve(result, "scenarios.instalment.monthly")
    link.click()
    page.wait_for_url("**/letters/negotiate/#*")
    calc.settle(page, "letter_negotiate")
    page.wait_for_function(
        "() => document.querySelector('textarea.calc-letter').value.includes('49,359.12')",
        timeout=READY,
    )
    letter = page.input_value("textarea.calc-letter")
    assert "合计 49,359.12 元，其中罚息和违约金 2,345.67 元" in letter
    assert f"分 24 期还，每月还 {yuan(monthly)} 元" in letter
    assert "【姓名】" in letter and "【机构名称】" in letter


def test_letter_copy_and_print_buttons(page: Page, servers: Any, calc: Any) -> None:
    """The letter's own buttons: generic bridge actions aimed at the textarea by data-target.

    copy: the clipboard gets the letter as it is now (edits included); print: window.print()
    runs with the letter copied into a sheet of its own and <html data-calc-print="sheet">,
    which results.css uses to print only that sheet.
    """
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(servers.root.url + "letters/negotiate/")
    calc.settle(page, "letter_negotiate")
    page.fill(".calc-letter", page.input_value(".calc-letter") + "\n（已修改）")
    page.click('.calc-letter-box [data-action="copy"]')
    page.wait_for_timeout(500)  # the clipboard write is asynchronous
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value(".calc-letter")

    page.evaluate(
        "() => { window.__printed = []; window.print = () => window.__printed.push("
        "document.documentElement.dataset.calcPrint || ''); }"
    )
    page.click('.calc-letter-box [data-action="print"]')
    page.wait_for_function("() => window.__printed.length > 0", timeout=5_000)
    assert page.evaluate("window.__printed") == ["sheet"]
    sheet = page.inner_text(".calc-print-sheet")
    assert "（已修改）" in sheet and sheet.startswith("协商还款申请")


# Layout shifts (what Lighthouse's CLS adds up), recorded from before the page's first paint.
SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("name", NAMES)
def test_nothing_moves_while_python_starts_on_a_phone(
    browser: Any, servers: Any, name: str
) -> None:
    """From the first paint to Python's answer and the "ready offline" line, at 360 px with
    the service worker on: the widget's save bar, buttons, status line and the result keep
    their places (each appearing late used to push the result down)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        context.add_init_script(SHIFTS)
        page = context.new_page()
        page.goto(url_of(servers.root.url, name), wait_until="commit")
        page.wait_for_selector(".calc .calc-result")
        page.wait_for_function("() => performance.getEntriesByType('paint').length > 0")
        top = page.evaluate("document.querySelector('.calc-result').getBoundingClientRect().top")
        wait_ready(page)
        page.wait_for_selector('.calc[data-offline="ready"] .calc-offline', timeout=READY)
        page.wait_for_timeout(300)  # a frame or two after the last change
        after = page.evaluate("document.querySelector('.calc-result').getBoundingClientRect().top")
        assert after == top
        assert sum(page.evaluate("window.__shifts")) < 0.005, page.evaluate("window.__shifts")
    finally:
        context.close()
