"""The in-browser runtime end to end: Pyodide in a module worker behind the generic bridge,
on the built site, at a host root and under a sub-path (see conftest.py for the fixtures;
every test also fails on a request to another host or a console error)."""

from __future__ import annotations

import html
import re
import time
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from calculators.web import render

CALC = "budget"
CALC_PAGE = "calculators/budget/"
OTHER_CALC = "emergency"
OTHER_CALC_PAGE = "calculators/emergency/"
WIDE_CALC = "schedule"
WIDE_CALC_PAGE = "calculators/schedule/"
GUIDE_PAGE = "guide/negotiate/"
PYODIDE_FILES = r"/assets/pyodide/|/assets/calc/worker\.js"


def python_figure(name: str, inputs: dict[str, str], key: str) -> str:
    """What the key figure shows for `inputs`, according to the Python in this process."""
    result = render(name, inputs)
    assert result["ok"], result
    match = re.search(rf'data-key="{key}"[^>]*>(.*?)</', str(result["html"]), flags=re.S)
    assert match, f"{key} not in {name}'s result"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def started_workers(page: Page) -> int:
    value: Any = page.evaluate("window.calcRuntime ? window.calcRuntime.starts : 0")
    return int(value)


def test_widget_computes_and_updates(page: Page, base_url: str, calc: Any, page_log: Any) -> None:
    page.goto(base_url + CALC_PAGE)
    prerendered = calc.key_figure(page, "capacity", CALC)
    assert prerendered == python_figure(CALC, {}, "capacity")
    calc.wait_ready(page, CALC)
    assert calc.answers(page, CALC) >= 1
    assert calc.key_figure(page, "capacity", CALC) == prerendered

    calc.fill(page, CALC, "income", "12345.6")
    assert calc.key_figure(page, "capacity", CALC) == python_figure(
        CALC, {"income": "12345.6"}, "capacity"
    )
    calc.fill(page, CALC, "essential_expenses", "3万")  # typed the way people type
    assert calc.key_figure(page, "capacity", CALC) == python_figure(
        CALC, {"income": "12345.6", "essential_expenses": "3万"}, "capacity"
    )
    # Everything came from this server, under the same path prefix as the page.
    prefix = base_url.rstrip("/")
    assert page_log.matching(r"pyodide\.asm\.wasm$")[0].startswith(prefix)
    assert page_log.matching(r"calculators-[0-9a-f]{16}/calculators-.*\.whl$")[0].startswith(prefix)


def test_bad_input_shows_its_message_and_recovers(page: Page, servers: Any, calc: Any) -> None:
    page.goto(servers.root.url + CALC_PAGE)
    calc.wait_ready(page, CALC)
    before = calc.key_figure(page, "capacity", CALC)
    control = f'.calc[data-calc="{CALC}"] [name="income"]'

    calc.fill(page, CALC, "income", "abc")
    expected = render(CALC, {"income": "abc"})
    assert expected["ok"] is False and expected["field"] == "income"
    assert calc.error(page, CALC, "income") == expected["message"]
    assert page.get_attribute(control, "aria-invalid") == "true"
    assert calc.key_figure(page, "capacity", CALC) == before  # the last good result stays

    calc.fill(page, CALC, "income", "9000")
    assert calc.error(page, CALC, "income") is None
    assert page.get_attribute(control, "aria-invalid") is None
    assert calc.key_figure(page, "capacity", CALC) == python_figure(
        CALC, {"income": "9000"}, "capacity"
    )


def test_an_older_answer_never_overwrites_a_newer_one(page: Page, servers: Any, calc: Any) -> None:
    page.goto(servers.root.url + CALC_PAGE)
    calc.wait_ready(page, CALC)
    sel = f'.calc[data-calc="{CALC}"] [name="income"]'
    # Hold the first request back, so its (older) answer arrives after the newer one.
    page.evaluate(
        """([sel]) => {
            const worker = window.calcRuntime.worker;
            const send = worker.postMessage.bind(worker);
            let held = false;
            worker.postMessage = (msg) => {
                if (!held && msg.type === "render") {
                    held = true;
                    setTimeout(() => send(msg), 500);
                } else send(msg);
            };
            const input = document.querySelector(sel);
            input.value = "20000";
            input.dispatchEvent(new Event("change", {bubbles: true}));
            setTimeout(() => {
                input.value = "30000";
                input.dispatchEvent(new Event("change", {bubbles: true}));
            }, 50);
        }""",
        [sel],
    )
    page.wait_for_timeout(100)
    page.wait_for_function("() => window.calcRuntime.waiting.size === 0", timeout=30_000)
    newer = python_figure(CALC, {"income": "30000"}, "capacity")
    assert newer != python_figure(CALC, {"income": "20000"}, "capacity")
    assert calc.key_figure(page, "capacity", CALC) == newer


def test_query_parameters_fill_the_form(page: Page, servers: Any, calc: Any) -> None:
    query = "?income=15000&essential_expenses=6000&nonesuch=1&debt_payments=%3Cb%3E"
    page.goto(servers.sub.url + CALC_PAGE + query)
    widget = f'.calc[data-calc="{CALC}"]'
    assert page.input_value(f'{widget} [name="income"]') == "15000"
    calc.wait_ready(page, CALC)
    # "<b>" is a bad amount: shown as text next to its field, never as markup.
    expected = render(
        CALC, {"income": "15000", "essential_expenses": "6000", "debt_payments": "<b>"}
    )
    assert calc.error(page, CALC, "debt_payments") == expected["message"]
    assert page.locator(f"{widget} b").count() == 0
    calc.fill(page, CALC, "debt_payments", "2000")
    inputs = {"income": "15000", "essential_expenses": "6000", "debt_payments": "2000"}
    assert calc.key_figure(page, "capacity", CALC) == python_figure(CALC, inputs, "capacity")


def test_instant_navigation_keeps_one_worker(
    page: Page, instant_base_url: str, calc: Any, page_log: Any
) -> None:
    page.goto(instant_base_url + CALC_PAGE)
    calc.wait_ready(page, CALC)
    page.evaluate("window.__samePage = true")

    page.locator(f'.md-nav--primary a[href$="{GUIDE_PAGE}"]').first.click()
    page.wait_for_url(re.compile(re.escape(GUIDE_PAGE) + "$"))
    page.locator(f'.md-nav--primary a[href$="{OTHER_CALC_PAGE}"]').first.click()
    page.wait_for_url(re.compile(re.escape(OTHER_CALC_PAGE) + "$"))
    calc.wait_ready(page, OTHER_CALC)
    calc.fill(page, OTHER_CALC, "monthly_expenses", "5000")

    page.go_back()
    page.go_back()
    page.wait_for_url(re.compile(re.escape(CALC_PAGE) + "$"))
    calc.wait_ready(page, CALC)
    calc.fill(page, CALC, "income", "11000")
    assert calc.key_figure(page, "capacity", CALC) == python_figure(
        CALC, {"income": "11000"}, "capacity"
    )

    assert page.evaluate("window.__samePage") is True, "a full page load happened"
    assert started_workers(page) == 1
    assert len(page_log.matching(r"/assets/calc/worker\.js")) == 1
    assert len(page_log.matching(r"pyodide\.asm\.wasm$")) == 1


def test_instant_navigation_from_a_guide_page_starts_the_runtime(
    page: Page, instant_base_url: str, calc: Any, page_log: Any
) -> None:
    page.goto(instant_base_url + GUIDE_PAGE)
    page.evaluate("window.__samePage = true")
    assert started_workers(page) == 0
    page.locator(f'.md-nav--primary a[href$="{CALC_PAGE}"]').first.click()
    page.wait_for_url(re.compile(re.escape(CALC_PAGE) + "$"))
    calc.wait_ready(page, CALC)
    assert page.evaluate("window.__samePage") is True, "a full page load happened"
    assert started_workers(page) == 1
    assert len(page_log.matching(r"pyodide\.asm\.wasm$")) == 1


def test_a_guide_page_loads_no_pyodide_file(page: Page, base_url: str, page_log: Any) -> None:
    page.goto(base_url + GUIDE_PAGE, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert page_log.requests, "the page log records requests"
    assert page_log.matching(PYODIDE_FILES) == []
    assert started_workers(page) == 0


@pytest.mark.parametrize("word", ["协商", "征信"])
def test_search_finds_chinese_words(page: Page, servers: Any, word: str) -> None:
    page.goto(servers.sub.url)
    box = page.locator("input.md-search__input")
    deadline = time.monotonic() + 30
    titles: list[str] = []
    # The search worker may drop a query typed before its index is loaded: type it again.
    while time.monotonic() < deadline and not titles:
        box.click()
        box.fill("")
        box.fill(word)
        box.press("End")
        page.wait_for_timeout(700)
        titles = page.locator(
            ".md-search-result__item h1, .md-search-result__item h2"
        ).all_inner_texts()
    assert titles, f"no search results for {word}"
    assert any(word in t.replace("\u200b", "") for t in titles)


def test_javascript_off_still_shows_the_prerendered_result(browser: Browser, servers: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(servers.sub.url + CALC_PAGE)
        widget = page.locator(f'.calc[data-calc="{CALC}"]')
        assert widget.get_attribute("data-state") == "static"
        shown = page.inner_text(f'.calc[data-calc="{CALC}"] [data-key="capacity"]').strip()
        assert shown == python_figure(CALC, {}, "capacity")
        assert page.locator(".calc-noscript").is_visible()
        assert not page.locator(".calc-actions").is_visible()  # buttons that could do nothing
        assert not [u for u in requests if re.search(PYODIDE_FILES, u)]
    finally:
        context.close()


def test_runtime_failure_offers_a_retry_and_keeps_the_result(
    page: Page, servers: Any, calc: Any, page_log: Any
) -> None:
    page_log.allow_console(r"pyodide\.asm\.wasm|Failed to load resource|net::ERR_FAILED")
    failing = {"on": True}

    def route(route: Any) -> None:
        if failing["on"]:
            route.abort()
        else:
            route.continue_()

    page.route("**/pyodide.asm.wasm", route)
    page.goto(servers.root.url + CALC_PAGE)
    widget = f'.calc[data-calc="{CALC}"]'
    page.wait_for_selector(f'{widget}[data-state="error"]', timeout=60_000)
    assert calc.key_figure(page, "capacity", CALC) == python_figure(CALC, {}, "capacity")
    retry = page.locator(f"{widget} .calc-retry")
    assert retry.is_visible()
    failing["on"] = False
    retry.click()
    calc.wait_ready(page, CALC)
    calc.fill(page, CALC, "income", "8800")
    assert calc.key_figure(page, "capacity", CALC) == python_figure(
        CALC, {"income": "8800"}, "capacity"
    )


def test_share_csv_and_print(page: Page, servers: Any, calc: Any) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(servers.root.url + CALC_PAGE)
    calc.wait_ready(page, CALC)
    calc.fill(page, CALC, "income", "9500")
    widget = f'.calc[data-calc="{CALC}"]'

    page.click(f'{widget} [data-action="share"]')
    page.wait_for_function(
        "([sel]) => document.querySelector(sel).textContent.includes('已复制')",
        arg=[f"{widget} .calc-status"],
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    # The inputs are in the #fragment, which no server sees (tests/browser/test_security.py).
    assert copied.startswith(servers.root.url + CALC_PAGE + "#") and "income=9500" in copied
    assert page.get_attribute(f'{widget} [data-action="share"]', "href") == copied

    expected = render(CALC, {"income": "9500"})
    if expected.get("csv"):
        with page.expect_download() as download:
            page.click(f'{widget} [data-action="csv"]')
        data = download.value.path().read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert data[3:].decode("utf-8") == expected["csv"]
        assert download.value.suggested_filename == expected["csv_name"]

    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(f"{widget} .calc-actions").is_visible()
    assert page.locator(f'{widget} [name="income"]').is_visible()
    assert page.locator(f'{widget} [data-key="capacity"]').is_visible()


def test_phone_width_no_sideways_scroll_and_big_tap_targets(
    browser: Browser, servers: Any, calc: Any
) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(servers.root.url + WIDE_CALC_PAGE)
        calc.wait_ready(page, WIDE_CALC)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the page scrolls sideways: {width}px"
        small = page.evaluate(
            """() => [...document.querySelectorAll(
                '.calc input:not([type=checkbox]), .calc select, .calc textarea, '
                + '.calc button, .calc .calc-action, .calc summary')]
              .filter(el => el.offsetParent !== null)
              .map(el => [el.name || el.textContent.trim(), el.getBoundingClientRect().height])
              .filter(([, h]) => h < 44)"""
        )
        assert small == []
    finally:
        context.close()


def test_buttons_inside_the_result_act_on_their_target(page: Page, servers: Any, calc: Any) -> None:
    """Generic actions the result HTML may carry: copy or print the element named by
    data-target (every letter uses both)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(servers.root.url + "letters/negotiate/")
    calc.wait_ready(page, "letter_negotiate")
    copy = page.locator('.calc-result [data-action="copy"][data-target]')
    assert copy.count() > 0
    target = copy.first.get_attribute("data-target")
    page.fill(f"#{target}", "我自己改过的申请")
    copy.first.click()
    page.wait_for_function(
        "() => document.querySelector('.calc-status').textContent.includes('已复制')"
    )
    assert page.evaluate("navigator.clipboard.readText()") == "我自己改过的申请"

    page.evaluate(
        "window.print = () => { window.__printed = document.documentElement.dataset.calcPrint; }"
    )
    page.click(f'.calc-result [data-action="print"][data-target="{target}"]')
    assert page.evaluate("window.__printed") == "sheet"
    assert page.inner_text(".calc-print-sheet") == "我自己改过的申请"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.dataset.calcPrint") is None
    assert page.locator(".calc-print-sheet").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_pages_pass_axe(browser: Browser, servers: Any, scheme: str) -> None:
    """The theme as configured here (palette, contrast fixes, search dialog name, page notice)
    on pages without widgets; the calculator pages are checked in test_calculator_pages.py."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        for path in ("", GUIDE_PAGE):
            page.goto(servers.root.url + path)
            results = Axe().run(page)
            assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()
