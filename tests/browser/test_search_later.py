"""On a calculator page the theme's search index waits for Python's first answer (issue 26,
item 2: overrides/partials/calc-search-later.html, released by docs/assets/calc/runtime.js), so
that it does not compete with Python's start; the search still works at once when the reader
goes for it, and pages without a calculator load the index as the theme does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

CALC_PAGE = "calculators/budget/"
GUIDE_PAGE = "guide/negotiate/"
INDEX = "search/search_index.json"
READY = '.calc[data-calc][data-state="ready"][data-renders]'
WAIT_MS = 120_000


@contextmanager
def watched(browser: Browser, block_python: bool = False) -> Iterator[tuple[Page, list[str]]]:
    """A page whose requests for the search index are listed (in the order they were made);
    ``block_python``: the worker's script never arrives, so there is no first answer."""
    context = browser.new_context(
        locale="zh-CN", service_workers="block", viewport={"width": 360, "height": 740}
    )
    asked: list[str] = []
    try:
        if block_python:
            # Held, never answered: the runtime is "loading" all along (a failed one lets go).
            context.route("**/assets/calc/worker.js*", lambda route: None)
        page = context.new_page()
        page.on("request", lambda r: asked.append(r.url) if INDEX in r.url else None)
        yield page, asked
    finally:
        context.close()


INDEX_STARTED = """(index) => {
  const found = performance.getEntriesByType("resource").find((e) => e.name.includes(index));
  return found ? found.startTime : false;
}"""


def test_the_index_waits_for_the_first_answer(browser: Browser, servers: Any) -> None:
    with watched(browser) as (page, asked):
        page.goto(servers.root.url + CALC_PAGE, wait_until="commit")
        page.wait_for_selector(READY, state="attached", timeout=WAIT_MS)
        # The worker's marks (on the page's clock) come right after its first answer.
        page.wait_for_function("() => 'firstAnswer' in window.calcRuntime.marks", timeout=WAIT_MS)
        answered = page.evaluate("window.calcRuntime.marks.firstAnswer")
        started = page.wait_for_function(INDEX_STARTED, arg=INDEX, timeout=WAIT_MS).json_value()
        assert started >= answered, (started, answered)
        assert len(asked) == 1, asked


def test_search_works_at_once_when_the_reader_goes_for_it(browser: Browser, servers: Any) -> None:
    """No answer ever comes (the worker is blocked): the index waits, and a tap on the search
    starts it; the reader's query finds its page."""
    with watched(browser, block_python=True) as (page, asked):
        page.goto(servers.root.url + CALC_PAGE)
        page.wait_for_timeout(1500)
        assert asked == [], asked
        page.click('label.md-header__button[for="__search"]')
        box = page.locator("input.md-search__input")
        box.fill("协商")
        box.press("End")  # the theme searches on keyup
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        assert len(asked) == 1, asked


def test_pages_without_a_calculator_load_the_index_as_the_theme_does(
    browser: Browser, servers: Any
) -> None:
    with watched(browser) as (page, asked):
        page.goto(servers.root.url + GUIDE_PAGE)
        page.wait_for_function("() => window.calcSearchNow === undefined")
        page.wait_for_timeout(500)
        page.wait_for_load_state("networkidle")
        assert len(asked) == 1, asked
