"""Browser tests: the built site, served on 127.0.0.1, in Debian's Chromium through Playwright.

Which site: $CALC_SITE_DIR if set; else `site/` when it is newer than every source (as right
after `make build`, which `make test` runs first); else a fresh `mkdocs build --strict` into
a temporary directory (about 3 s). That build keeps the real `site_url` (GitHub Pages), so
the tests see exactly what is deployed, served from somewhere else.

mkdocs-material's instant navigation only takes over links listed in sitemap.xml, whose
URLs come from `site_url` (the theme swaps in the host name, not the port or the path). On
any other address the site still works, with ordinary page loads. Tests of instant
navigation therefore use `instant_servers`: two more builds whose `site_url` is the test
server's own address, one at a root and one under a sub-path (built on first use, in
parallel, about 4 s).

Fixtures for any browser test (tests/browser/test_*.py):
- `site_dir`: the deployed build (Path).
- `servers`: that build on two static servers on free ports: `.root` serves it at
  http://127.0.0.1:P/ and `.sub` only under http://127.0.0.1:Q/sub/path/ (everything else is
  404 there, so a URL that escapes the sub-path fails); correct MIME types for .mjs and .wasm.
  Like GitHub Pages, a path under the site that names no file is answered with the site's
  404.html and status 404.
  `servers.root.url` / `servers.sub.url` are the base URLs (ending in "/").
- `base_url`: parametrized over both ("root", "sub"): a test using it runs twice.
- `instant_servers`, `instant_base_url`: the same for the builds whose site_url matches.
- `browser`: one Chromium per session, launched with the team's flags.
- `page`: a fresh context (own cache) and page per test that records every request and
  console message; the test fails if any request goes to a host other than the test
  servers, or if anything is logged as a console error (or an uncaught page error).
  `page_log.requests` lists the URLs; `page_log.allow_console(regex)` lets a test expect an
  error it provokes.
- `calc`: helpers: `calc.wait_ready(page, name)` (a result computed in the browser is
  shown), `calc.fill(page, name, field, value)` (types, then waits for the answer to the new
  inputs), `calc.key_figure(page, key, name=None)`, `calc.error(page, name, field)`,
  `calc.answers(page, name)`, `calc.wait_answer(page, name, before)`.

The widget tells its state in attributes: `data-state` static|loading|ready|error,
`data-answers` (answers shown so far), `data-busy` (present while the latest inputs have not
been answered), `data-invalid` (the last answer was an input error).

Run: `.venv/bin/pytest tests/browser` (`-m "not browser"` skips them).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from benchmarks.chromium import CHROMIUM, launch
from tests.site_server import (
    SUB_PATH,
    Server,
    Servers,
    finish_build,
    serve,
    site_dir_for_tests,
    start_build,
)

READY_TIMEOUT_MS = 90_000  # cold Pyodide start on a busy 2-core machine, with margin


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


# --- the site --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_dir_for_tests(tmp_path_factory)


ALL_ORIGINS: set[str] = set()  # every test server of the session: what `page` allows


@pytest.fixture(scope="session")
def servers(site_dir: Path) -> Iterator[Servers]:
    both = Servers(serve(site_dir, "/"), serve(site_dir, SUB_PATH))
    ALL_ORIGINS.update(both.origins)
    yield both
    both.close()


@pytest.fixture(scope="session")
def instant_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    both = Servers(serve(None, "/"), serve(None, SUB_PATH))
    ALL_ORIGINS.update(both.origins)
    builds = []
    for server in (both.root, both.sub):
        dest = tmp_path_factory.mktemp("instant-site")
        server.httpd.site_root = dest
        builds.append(start_build(dest, site_url=server.url))
    for proc in builds:
        finish_build(proc)
    yield both
    both.close()


@pytest.fixture(params=["root", "sub"])
def base_url(request: pytest.FixtureRequest, servers: Servers) -> str:
    server: Server = getattr(servers, request.param)
    return server.url


@pytest.fixture(params=["root", "sub"])
def instant_base_url(request: pytest.FixtureRequest, instant_servers: Servers) -> str:
    server: Server = getattr(instant_servers, request.param)
    return server.url


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = launch(playwright_session)
    yield browser
    browser.close()


@dataclass
class PageLog:
    """What a page did: every request URL, console errors, and uncaught page errors."""

    origins: set[str]
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow_console(self, pattern: str) -> None:
        """Expect console errors matching `pattern` (e.g. from a failure the test provokes)."""
        self.allowed.append(re.compile(pattern))

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({location})")

    def foreign(self) -> list[str]:
        """Requests that left the test servers (data: and same-origin blob: URLs are local)."""
        out = []
        for url in self.requests:
            if url.startswith("data:"):
                continue
            inner = url[5:] if url.startswith("blob:") else url
            parts = urlsplit(inner)
            if f"{parts.scheme}://{parts.netloc}" not in self.origins:
                out.append(url)
        return out

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.console_errors if not any(p.search(e) for p in self.allowed)]

    def matching(self, pattern: str) -> list[str]:
        return [u for u in self.requests if re.search(pattern, u)]


@pytest.fixture
def page_log(servers: Servers) -> PageLog:
    return PageLog(origins=ALL_ORIGINS)


@pytest.fixture
def page(browser: Browser, page_log: PageLog) -> Iterator[Page]:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, service_workers="block"
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.on("request", lambda request: page_log.requests.append(request.url))
    page.on("console", page_log.on_console)
    page.on("pageerror", lambda error: page_log.console_errors.append(f"pageerror: {error}"))
    yield page
    context.close()
    foreign = page_log.foreign()
    errors = page_log.unexpected_errors()
    if foreign or errors:
        pytest.fail(f"requests to other hosts: {foreign}\nconsole errors: {errors}")


# --- helpers for calculator widgets ----------------------------------------------------------


class Calc:
    """Reading and driving a widget the way a person would, waiting on the bridge's state."""

    @staticmethod
    def widget(name: str) -> str:
        return f'.calc[data-calc="{name}"]'

    def wait_ready(self, page: Page, name: str, timeout: float = READY_TIMEOUT_MS) -> None:
        """Until the widget shows a result computed by Python in this page (not prerendered)."""
        page.wait_for_selector(f'{self.widget(name)}[data-state="ready"]', timeout=timeout)

    def settle(self, page: Page, name: str) -> None:
        """Until Python has answered in this page and no newer inputs wait for an answer."""
        self.wait_ready(page, name)
        page.wait_for_function(
            """sel => { const el = document.querySelector(sel);
                return el.dataset.answers && !("busy" in el.dataset); }""",
            arg=self.widget(name),
            timeout=READY_TIMEOUT_MS,
        )

    def answers(self, page: Page, name: str) -> int:
        value = page.get_attribute(self.widget(name), "data-answers")
        return int(value or 0)

    def fill(self, page: Page, name: str, field: str, value: str) -> None:
        """Type `value` into the field and wait until the worker's answer for it is shown."""
        before = self.answers(page, name)
        control = page.locator(f'{self.widget(name)} [name="{field}"]')
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
        self.wait_answer(page, name, before)

    def wait_answer(self, page: Page, name: str, before: int) -> None:
        """Until an answer newer than `before` is shown and none is pending (`data-busy`: a
        blur's `change` may answer for the previous inputs while the new ones are queued)."""
        page.wait_for_function(
            """([sel, n]) => { const el = document.querySelector(sel);
                return Number(el.dataset.answers || 0) > n && !("busy" in el.dataset); }""",
            arg=[self.widget(name), before],
            timeout=READY_TIMEOUT_MS,
        )

    def key_figure(self, page: Page, key: str, name: str | None = None) -> str:
        scope = self.widget(name) if name else ".calc"
        return page.inner_text(f'{scope} .calc-result [data-key="{key}"]').strip()

    def error(self, page: Page, name: str, field: str) -> str | None:
        """The message shown under the field, or None when its error line is hidden."""
        box = page.locator(f'{self.widget(name)} .calc-field[data-field="{field}"] .calc-error')
        return None if box.get_attribute("hidden") is not None else box.inner_text()


@pytest.fixture(scope="session")
def calc() -> Calc:
    return Calc()
