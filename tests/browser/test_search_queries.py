"""Site search: the words a frightened reader types find the pages written for them.

The queries and their intended pages are data (tests/data/search_queries.toml). Each query is
typed into the search box of the built site the way a person does it (mkdocs-material searches
on keyup: fill, then press a key), in both editions: the Traditional edition (zh-Hant/) gets
the query converted by the site's own converter, as its pages are. One of the intended pages
must be among the first `top` result groups (the theme shows one group per page); a query
marked `all = true` needs every one of its pages there.

A result link carries no search words to the host (issue 20, item 16): clicking a result
requests the page without a query string, in both editions (`test_result_click_sends_no_words`).

Every result list is also written to test-results/search_queries.json for a person to read.

Fixtures come from conftest.py (the built site, found through $CALC_SITE_DIR or built; the
browser). One page per edition serves all its queries: the search index loads once.
"""

from __future__ import annotations

import json
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hooks.traditional import EDITION_DIR, converter

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "search_queries.toml"
SPEC = tomllib.loads(DATA.read_text(encoding="utf-8"))
TOP: int = SPEC["top"]
QUERIES: list[dict[str, Any]] = SPEC["query"]
EDITIONS = ("zh-Hans", "zh-Hant")
REPORT = ROOT / "test-results" / "search_queries.json"
RESULTS_WAIT_S = 30  # the worker builds its index on first use; a busy machine is slow


def url_path(source: str) -> str:
    """A page's URL path inside one edition, from its file under docs/ ("" for the home)."""
    assert source.endswith(".md"), source
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def typed(edition: str, text: str) -> str:
    return converter()(text) if edition == "zh-Hant" else text


def cases() -> Iterator[Any]:
    for edition in EDITIONS:
        for query in QUERIES:
            limit = query.get("known_limit")
            marks = [pytest.mark.xfail(reason=limit, strict=False)] if limit else []
            yield pytest.param(
                edition, query["text"], tuple(query["pages"]), query.get("all", False),
                marks=marks, id=f"{edition}-{query['text']}",
            )  # fmt: skip


class SearchBox:
    """The search box of one edition's home page, typed into like a person would."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base_path = urlsplit(base).path
        self.box = page.locator("input.md-search__input")

    def clear(self) -> None:
        self.box.click()
        self.box.fill("")
        self.box.press("End")
        self.page.wait_for_function("() => !document.querySelector('.md-search-result__item')")

    def search(self, query: str) -> list[str]:
        """The URL paths (inside the edition) of the result groups, best first."""
        deadline = time.monotonic() + RESULTS_WAIT_S
        while True:
            self.clear()
            self.box.fill(query)
            self.box.press("End")  # the theme searches on keyup
            try:
                self.page.wait_for_selector(".md-search-result__item", timeout=3_000)
                break
            except PlaywrightTimeout:
                # Nothing yet: the worker may have dropped a query typed before its index was
                # ready, so type it again; a query that finds nothing ends at the deadline.
                if time.monotonic() > deadline:
                    return []
        hrefs: list[str] = self.page.eval_on_selector_all(
            ".md-search-result__item", "els => els.map(li => li.querySelector('a').href)"
        )
        paths = []
        for href in hrefs:
            path = urlsplit(href).path
            assert path.startswith(self.base_path), (href, self.base_path)
            paths.append(path[len(self.base_path) :])
        return paths


@pytest.fixture(scope="module")
def report() -> Iterator[dict[str, dict[str, list[str]]]]:
    found: dict[str, dict[str, list[str]]] = {edition: {} for edition in EDITIONS}
    yield found
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def search_box(browser: Browser, servers: Any) -> Iterator[Callable[[str], SearchBox]]:
    """search_box(edition): that edition's home page with its search box, opened once."""
    contexts = []
    boxes: dict[str, SearchBox] = {}

    def open_box(edition: str) -> SearchBox:
        if edition not in boxes:
            base = servers.root.url + ("" if edition == "zh-Hans" else EDITION_DIR + "/")
            context = browser.new_context(locale="zh-CN", service_workers="block")
            context.set_default_timeout(30_000)
            contexts.append(context)
            page = context.new_page()
            page.goto(base)
            boxes[edition] = SearchBox(page, base)
        return boxes[edition]

    yield open_box
    for context in contexts:
        context.close()


def test_intended_pages_exist() -> None:
    for query in QUERIES:
        assert query["pages"], query
        for source in query["pages"]:
            assert (ROOT / "docs" / source).is_file(), (query["text"], source)


@pytest.mark.parametrize(("edition", "text", "pages", "every"), list(cases()))
def test_query_finds_intended_page(
    edition: str,
    text: str,
    pages: tuple[str, ...],
    every: bool,
    search_box: Callable[[str], SearchBox],
    report: dict[str, dict[str, list[str]]],
) -> None:
    query = typed(edition, text)
    found = search_box(edition).search(query)
    report[edition][query] = found[:TOP]
    wanted = {url_path(p) for p in pages}
    if every:
        assert wanted <= set(found[:TOP]), (
            f"{query!r}: not all of {sorted(wanted)} among the first {TOP} results {found[:TOP]}"
        )
    assert wanted & set(found[:TOP]), (
        f"{query!r}: none of {sorted(wanted)} among the first {TOP} results {found[:TOP]}"
    )


@pytest.mark.parametrize("edition", EDITIONS)
def test_result_click_sends_no_words(edition: str, browser: Browser, servers: Any) -> None:
    """Clicking a result for 起诉 requests the page, and nothing else carries the query: no
    ?h= (the theme's search.highlight put the matched words there), no word of the query in
    any URL requested after the click, and the page's own URL has no query string (so the
    offline cache, keyed by URL, finds it)."""
    base = servers.root.url + ("" if edition == "zh-Hans" else EDITION_DIR + "/")
    query = typed(edition, "起诉")
    context = browser.new_context(locale="zh-CN", service_workers="block")
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        page.goto(base)
        box = SearchBox(page, base)
        assert box.search(query)
        links = page.eval_on_selector_all(
            ".md-search-result__item a", "els => els.map(a => a.getAttribute('href'))"
        )
        assert links and all("?" not in href for href in links), links
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        first = page.locator(".md-search-result__item a").first
        target = urlsplit(first.get_attribute("href") or "").path
        first.click()
        page.wait_for_function(
            "path => location.pathname === path", arg=target, timeout=RESULTS_WAIT_S * 1000
        )
        page.wait_for_load_state("networkidle")
        assert requested, "the click requested nothing: the test would see no leak"
        for url in requested:
            parts = urlsplit(url)
            assert "h=" not in parts.query, url
            assert not any(ch in unquote(url) for ch in query), url
        assert page.evaluate("location.search") == ""
    finally:
        context.close()


def test_no_missing_words_line(search_box: Callable[[str], SearchBox]) -> None:
    """The theme's struck-through "缺少: …" line named words the page contains (the query is
    cut into words differently from the page); docs/assets/search.css hides it."""
    box = search_box("zh-Hans")
    assert box.search("打电话给单位")
    lines = box.page.locator(".md-search-result__terms")
    assert lines.count() > 0  # the theme still makes it: the check below is not vacuous
    assert (
        box.page.eval_on_selector_all(
            ".md-search-result__terms", "els => els.filter(e => e.offsetParent !== null).length"
        )
        == 0
    )
