"""What the browser lacks (issue 24, item 2): each API removed in turn by an init script, before
any of the page's scripts runs. The page never fails (conftest's `page` fails a test on any
console error or uncaught exception), the prerendered answer stays, and one line at the top
says once what is not available and why (docs/assets/calc/features.js).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

CALC = "budget"
CALC_PAGE = "calculators/budget/"
LINE = "[data-features]"

# Each as a browser without it would be: the API is not there (a module worker: an older
# browser that ignores the `type` option and starts a classic worker).
REMOVE = {
    "service-worker": "delete Navigator.prototype.serviceWorker;",
    "cache-storage": "delete window.caches; delete Window.prototype.caches;",
    "module-workers": """
        const Plain = window.Worker;
        window.Worker = function Worker(url) { return new Plain(url); };
    """,
    "workers": "delete window.Worker;",
    "webassembly": "delete window.WebAssembly;",
    "storage": """Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
    });""",
}
NO_RUNTIME = {"module-workers", "workers", "webassembly"}


def prerendered(page: Page) -> str:
    return page.inner_text(f'.calc[data-calc="{CALC}"] .calc-result [data-key]')


@pytest.mark.parametrize("missing", sorted(REMOVE))
def test_a_missing_api_is_said_once_and_nothing_fails(
    page: Page, servers: Any, calc: Any, missing: str
) -> None:
    page.add_init_script(REMOVE[missing])
    page.goto(servers.root.url + CALC_PAGE)
    page.wait_for_load_state("load")
    line = page.locator(LINE)
    line.wait_for(state="visible")
    said = line.inner_text()
    assert page.locator(f"{LINE}:visible").count() == 1
    widget = calc.widget(CALC)
    if missing in NO_RUNTIME:
        assert "计算器" in said and "默认数字" in said
        assert ("WebAssembly" in said) == (missing == "webassembly")
        # Not mounted: the prerendered answer stays, no worker, nothing that needs Python shown.
        page.wait_for_timeout(500)
        assert page.get_attribute(widget, "data-state") == "static"
        assert prerendered(page)
        assert page.evaluate("window.calcRuntime.starts") == 0
        assert not page.locator(f"{widget} .calc-actions").is_visible()
        assert not page.locator(f"{widget} .calc-save").is_visible()
        return
    # The calculator works as before.
    calc.fill(page, CALC, "income", "12345")
    assert calc.key_figure(page, "capacity", CALC)
    if missing == "storage":
        assert "保存" in said
        page.click(f"{widget} [data-save-toggle]")  # refused: unticked again, and said why
        assert not page.is_checked(f"{widget} [data-save-toggle]")
        assert page.inner_text(f"{widget} .calc-save-status")
    else:
        assert "离线" in said
        assert ("Service Worker" in said) == (missing == "service-worker")
        assert ("Cache Storage" in said) == (missing == "cache-storage")


def test_nothing_missing_says_nothing(page: Page, servers: Any, calc: Any) -> None:
    """The `page` fixture blocks service workers from registering, but the API is there."""
    page.goto(servers.root.url + CALC_PAGE)
    calc.wait_ready(page, CALC)
    assert page.locator(LINE).count() == 1
    assert not page.locator(LINE).is_visible()
    assert page.evaluate("document.documentElement.className").count("calc-noruntime") == 0


def test_a_page_without_a_calculator_says_nothing_of_one(page: Page, servers: Any) -> None:
    page.add_init_script(REMOVE["webassembly"] + REMOVE["service-worker"])
    page.goto(servers.root.url + "guide/negotiate/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert not page.locator(LINE).is_visible()
