"""Every button of a widget either works or says why not, in the page's script (issue 10,
item 12): the CSV button when the runtime did not start or the inputs are wrong, and a
runtime download that hangs, which must end in the same retry as one that fails."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, Route

from calculators.web.widget import MESSAGES
from hooks.traditional import converter

CALC = "schedule"
CALC_PAGE = "calculators/schedule/"
WIDGET = f'.calc[data-calc="{CALC}"]'
HANT = "zh-Hant/"
STALL_S = 45  # bridge.js STALL_MS


def message(key: str, edition: str) -> str:
    text = MESSAGES[key]
    return converter()(text) if edition else text


def status(page: Page) -> str:
    return page.inner_text(f"{WIDGET} .calc-status").strip()


@pytest.mark.parametrize("edition", ["", HANT])
def test_csv_when_the_runtime_failed_says_so_and_offers_a_retry(
    page: Page, servers: Any, calc: Any, page_log: Any, edition: str
) -> None:
    page_log.allow_console(r"pyodide\.asm\.wasm|Failed to load resource|net::ERR_FAILED")
    failing = {"on": True}

    def route(route: Route) -> None:
        if failing["on"]:
            route.abort()
        else:
            route.continue_()

    page.route("**/pyodide.asm.wasm", route)
    page.goto(servers.root.url + edition + CALC_PAGE)
    page.wait_for_selector(f'{WIDGET}[data-state="error"]', timeout=60_000)
    page.click(f'{WIDGET} [data-action="csv"]')
    said = status(page)
    assert message("csv-failed", edition).split("。")[0] in said
    retry = page.locator(f"{WIDGET} .calc-retry")
    assert retry.is_visible()
    failing["on"] = False
    retry.click()
    calc.wait_ready(page, CALC)
    with page.expect_download() as download:
        page.click(f'{WIDGET} [data-action="csv"]')
    assert download.value.path().read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("edition", ["", HANT])
def test_csv_after_an_invalid_first_answer_asks_for_a_correction(
    page: Page, servers: Any, calc: Any, edition: str
) -> None:
    # An old-style link whose amount is not a number: the first answer is an input error.
    page.goto(servers.sub.url + edition + CALC_PAGE + "?principal=abc")
    calc.wait_ready(page, CALC)
    assert page.get_attribute(WIDGET, "data-invalid") is not None
    downloads: list[Any] = []
    page.on("download", lambda d: downloads.append(d))
    page.click(f'{WIDGET} [data-action="csv"]')
    # The refusal is said next to the buttons (docs/assets/calc/refuse.js, issue 22 item 4),
    # and it blames the input, not the start-up.
    said = page.inner_text(f"{WIDGET} .calc-refusal").strip()
    assert said == message("paper-invalid", edition)
    assert "启动" not in said and "啟動" not in said
    page.wait_for_timeout(300)
    assert downloads == []
    # Corrected, the same button downloads the table.
    calc.fill(page, CALC, "principal", "60000")
    with page.expect_download() as download:
        page.click(f'{WIDGET} [data-action="csv"]')
    assert download.value.suggested_filename.endswith(".csv")


def test_csv_while_starting_downloads_once_ready(page: Page, servers: Any, calc: Any) -> None:
    page.goto(servers.root.url + CALC_PAGE)
    page.wait_for_selector(f'{WIDGET}[data-state="loading"]')
    with page.expect_download(timeout=90_000) as download:
        page.click(f'{WIDGET} [data-action="csv"]')
        assert "启动" in status(page)
    assert download.value.path().read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_runtime_download_that_hangs_ends_in_a_retry(
    page: Page, servers: Any, calc: Any, page_log: Any
) -> None:
    """The .wasm request is never answered. After the time limit the widget says the
    calculator did not start and offers the retry, which then works."""
    page_log.allow_console(r"pyodide\.asm\.wasm|Failed to load resource|net::ERR_")
    held: list[Route] = []
    hanging = {"on": True}

    def route(route: Route) -> None:
        if hanging["on"]:
            held.append(route)  # never answered
        else:
            route.continue_()

    page.clock.install()
    page.route("**/pyodide.asm.wasm", route)
    page.goto(servers.root.url + CALC_PAGE)
    page.wait_for_selector(f'{WIDGET}[data-state="loading"]')
    page.wait_for_timeout(2000)
    assert held, "the .wasm request did not arrive"
    assert page.get_attribute(WIDGET, "data-state") == "loading"
    page.clock.run_for((STALL_S - 5) * 1000)
    assert page.get_attribute(WIDGET, "data-state") == "loading"  # not before the limit
    page.clock.run_for(10_000)
    page.wait_for_selector(f'{WIDGET}[data-state="error"]', timeout=5_000)
    assert "没能启动" in status(page)
    hanging["on"] = False
    page.locator(f"{WIDGET} .calc-retry").click()
    calc.wait_ready(page, CALC)
    calc.fill(page, CALC, "principal", "70000")
