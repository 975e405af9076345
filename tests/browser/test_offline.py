"""Offline after the first visit, progress while the runtime downloads, and a choice on slow
links (issue 15, items 1 and 2): hooks/offline.py writes sw.js, hooks/sw.js is its policy,
docs/assets/calc/bridge.js registers it and shows the lines.

The offline tests run on servers of their own, which they shut down: with the context set
offline *and* nothing listening, an answer can only come from Cache Storage. The `page`
fixture blocks service workers, so these tests make their own contexts with them allowed.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from hooks import offline

CALC = "budget"
CALC_PAGE = "calculators/budget/"
GUIDE_PAGE = "guide/negotiate/"
HANT = "zh-Hant/"
READY_MS = 120_000
TYPED = "98765.43"  # what the reader types: must never be a cache key
LINKED = "55555"  # an old-style share link's query value: likewise

WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""

CACHE_KEYS = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
  }
  return out;
}"""


@contextmanager
def own_server(like: Any, directory: Path) -> Iterator[Any]:
    """A static server like conftest's `like` (same handler: prefix, MIME types, 404 page) on
    a new port, serving `directory`; shut down when the test says so or at the end."""
    httpd = type(like.httpd)(("127.0.0.1", 0), like.httpd.RequestHandlerClass)
    httpd.site_root = directory
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = type(like)(like.prefix, httpd)
    try:
        yield server
    finally:
        with suppress(OSError):
            server.close()


def sw_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, service_workers="allow"
    )
    context.set_default_timeout(30_000)
    context.add_init_script(WATCH_CSP)
    return context


def widget(name: str = CALC) -> str:
    return f'.calc[data-calc="{name}"]'


def wait_ready(page: Page) -> None:
    page.wait_for_selector(f'{widget()}[data-state="ready"]', timeout=READY_MS)


def answers(page: Page) -> int:
    return int(page.get_attribute(widget(), "data-answers") or 0)


def wait_until(page: Page, predicate: str, arg: Any = None, timeout: float = READY_MS) -> None:
    """Until `predicate` (an async function in the page) resolves to something truthy.
    Not `page.wait_for_function`: that takes the promise an async function returns for a
    truthy answer and returns at once, whatever the promise resolves to."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout / 1000:g} s: {predicate}")
        page.wait_for_timeout(100)


def type_and_wait(page: Page, field: str, value: str) -> str:
    before = answers(page)
    page.fill(f'{widget()} [name="{field}"]', value)
    page.wait_for_function(
        """([sel, n]) => { const el = document.querySelector(sel);
            return Number(el.dataset.answers || 0) > n && !("busy" in el.dataset); }""",
        arg=[widget(), before],
        timeout=READY_MS,
    )
    return page.inner_text(f'{widget()} .calc-result [data-key="capacity"]').strip()


def wait_offline_ready(page: Page) -> None:
    page.wait_for_selector(f'{widget()}[data-offline="ready"] .calc-offline', timeout=READY_MS)


def foreign(urls: list[str], origin: str) -> list[str]:
    return [u for u in urls if not u.startswith((origin, "data:", "blob:" + origin))]


@pytest.mark.parametrize(
    ("where", "first", "second"), [("root", "", HANT), ("sub", HANT, "")], ids=["root", "sub"]
)
def test_offline_after_the_first_visit(
    browser: Browser, servers: Any, site_dir: Path, where: str, first: str, second: str
) -> None:
    with own_server(getattr(servers, where), site_dir) as server:
        context = sw_context(browser)
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        errors: list[str] = []
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        # An old-style link with a query, inputs in the fragment, then typed numbers.
        page.goto(f"{server.url}{first}{CALC_PAGE}?income={LINKED}#debt_payments=1234")
        wait_ready(page)
        type_and_wait(page, "essential_expenses", TYPED)
        wait_offline_ready(page)
        line = page.inner_text(f"{widget()} .calc-offline")
        assert line and line == page.get_attribute(widget(), "data-msg-offline-ready")
        # A non-GET to the site is never kept either (the server refuses it: 501).
        page.evaluate(
            """([url, typed]) => fetch(url, {method: "POST", body: "income=" + typed})
                .catch(() => null)""",
            [f"{server.url}{first}{CALC_PAGE}", TYPED],
        )
        keys = page.evaluate(CACHE_KEYS)
        # The worker's memory snapshot, if made by now: tests/browser/test_snapshot_in_browser.py
        names = sorted(n for n in keys if not n.startswith("yuqi-xieshang-snapshot-"))
        assert [n.rsplit("-", 1)[0] for n in names] == [
            "yuqi-xieshang-runtime",
            "yuqi-xieshang-site",
        ]
        urls = [u for name in names for u in keys[name]]
        assert f"{server.url}{HANT}{CALC_PAGE}" in urls and f"{server.url}{CALC_PAGE}" in urls
        assert any(u.endswith("pyodide.asm.wasm") for u in urls)
        for url in urls:
            assert TYPED not in url and LINKED not in url and "#" not in url, url
            assert "?" not in url or re.search(r"/assets/calc/(bridge|worker)\.js\?pyodide=", url)
        assert page.evaluate("window.__csp") == []
        assert [e for e in errors if "status of 501" not in e] == []

        # Offline: the context says so, and nothing listens any more.
        server.close()
        context.set_offline(True)
        for edition in (first, second):
            page.goto(f"{server.url}{edition}{CALC_PAGE}")
            wait_ready(page)
            shown = type_and_wait(page, "income", "23456")
            assert re.search(r"\d", shown), shown
            assert page.evaluate("window.__csp") == []
        assert foreign(requests, server.origin) == []
        context.close()


def test_a_new_build_replaces_the_old_caches(
    browser: Browser, servers: Any, site_dir: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    old_sw = (site / "sw.js").read_text(encoding="utf-8")
    with own_server(servers.root, site) as server:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(server.url + CALC_PAGE)
        wait_ready(page)
        wait_offline_ready(page)
        # An old build's memory snapshot (worker.js names them so): it goes with the old build.
        old_snapshot = "yuqi-xieshang-snapshot-0.0.0-calculators-0-python_stdlib-0"
        page.evaluate("(name) => caches.open(name)", old_snapshot)
        before = sorted(page.evaluate(CACHE_KEYS))
        assert old_snapshot in before

        # A new build: a page and the lock file changed (a JSON file may end with a newline);
        # the hook writes sw.js again, with new versions.
        (site / "index.html").write_text(
            (site / "index.html").read_text(encoding="utf-8") + "\n<!-- new build -->\n",
            encoding="utf-8",
        )
        for lock in site.glob("assets/pyodide/*/calculators-*/pyodide-lock.json"):
            lock.write_text(lock.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        new_sw = offline.write_offline(site)
        assert new_sw != old_sw

        page.goto(server.url + CALC_PAGE)
        wait_until(
            page,
            """async (old) => { const names = await caches.keys();
                return !names.some((n) => old.includes(n)); }""",
            before,
        )
        wait_ready(page)
        # The new build's pages and runtime, kept again (the page asked the old service worker
        # first, whose caches went when the new one took over: bridge.js asks again).
        wait_until(
            page,
            """async (old) => { const names = (await caches.keys()).filter((n) =>
                n.startsWith("yuqi-xieshang-") && !n.startsWith("yuqi-xieshang-snapshot-"));
                if (names.length !== 2 || names.some((n) => old.includes(n))) return false;
                const runtime = await caches.open(names.find((n) => n.includes("-runtime-")));
                return (await runtime.keys()).some((r) => r.url.endsWith(".wasm")); }""",
            before,
        )
        wait_offline_ready(page)
        after = sorted(page.evaluate(CACHE_KEYS))
        assert old_snapshot not in after
        # This build's snapshot stays if made (same runtime and wheel); pages and runtime are new.
        after = [n for n in after if not n.startswith("yuqi-xieshang-snapshot-")]
        before = [n for n in before if not n.startswith("yuqi-xieshang-snapshot-")]
        assert len(after) == 2 and not set(after) & set(before), (before, after)
        context.close()


SLOW = """
Object.defineProperty(Navigator.prototype, "connection", {
  configurable: true,
  get: () => ({ effectiveType: "%s", saveData: %s, addEventListener() {} }),
});
"""


@pytest.mark.parametrize(
    ("kind", "save", "start"),
    [("3g", "false", "click"), ("4g", "true", "edit"), ("slow-2g", "false", "edit")],
)
def test_a_slow_link_waits_for_the_reader(
    page: Page, servers: Any, page_log: Any, kind: str, save: str, start: str
) -> None:
    page.add_init_script(SLOW % (kind, save))
    page.goto(servers.root.url + CALC_PAGE)
    page.wait_for_selector(f'{widget()}[data-state="paused"] .calc-start')
    size = int(page.get_attribute(widget(), "data-runtime-bytes") or 0)
    assert size > 5_000_000
    status = page.inner_text(f"{widget()} .calc-status")
    shown = f"{size / 1_000_000:.1f} MB"
    assert shown in status and shown in page.inner_text(f"{widget()} .calc-start")
    page.wait_for_timeout(1500)
    assert page_log.matching(r"/assets/pyodide/|/worker\.js") == []
    assert page.evaluate("window.calcRuntime.starts") == 0
    if start == "click":
        page.click(f"{widget()} .calc-start")
    else:
        page.fill(f'{widget()} [name="income"]', "12000")
    wait_ready(page)
    assert page_log.matching(r"pyodide\.asm\.wasm")


PROGRESS = """
window.__said = [];
new MutationObserver(() => {
  for (const el of document.querySelectorAll(".calc-status")) window.__said.push(el.textContent);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def test_progress_shows_bytes_and_percent(page: Page, servers: Any) -> None:
    page.add_init_script(PROGRESS)
    page.goto(servers.root.url + CALC_PAGE)
    wait_ready(page)
    said: list[str] = page.evaluate("window.__said")
    size = int(page.get_attribute(widget(), "data-runtime-bytes") or 0)
    total = f"{size / 1_000_000:.1f} MB"
    pattern = re.compile(r"([\d.]+) ([KM]B)\D+" + re.escape(total) + r"\D+(\d+)%")
    found = [m for text in said if (m := pattern.search(text))]
    assert found, said[-5:]
    assert all(0 <= int(m.group(3)) <= 99 for m in found)
    assert int(page.get_attribute(widget(), "data-loaded") or 0) > 1_000_000
    # The prerendered result stayed on screen throughout; the answer replaced it.
    assert page.inner_text(f"{widget()} .calc-status") == ""


def test_a_slow_link_does_not_wait_when_the_runtime_is_kept(
    browser: Browser, servers: Any, site_dir: Path
) -> None:
    """A repeat visit on a slow link: the runtime is in Cache Storage, so starting it downloads
    nothing, and the widget starts without asking."""
    with own_server(servers.root, site_dir) as server:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(server.url + CALC_PAGE)
        wait_ready(page)
        wait_offline_ready(page)
        slow = context.new_page()
        slow.add_init_script(SLOW % ("3g", "true"))
        slow.goto(server.url + CALC_PAGE)
        slow.wait_for_selector(f'{widget()}[data-state="ready"]', timeout=READY_MS)
        assert slow.evaluate("window.calcRuntime.starts") == 1
        context.close()


def test_a_page_keeps_what_it_loaded(browser: Browser, servers: Any, site_dir: Path) -> None:
    """A guide page (no widget): the service worker, registered after the page loaded, keeps
    the page and the theme's files it used, so the page opens offline with its styles."""
    with own_server(servers.root, site_dir) as server:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(server.url + GUIDE_PAGE)
        bundle = page.evaluate(
            """() => performance.getEntriesByType("resource").map((e) => e.name)
                .find((u) => /assets\\/javascripts\\/bundle\\.[0-9a-f]+\\.min\\.js$/.test(u))"""
        )
        assert bundle
        wait_until(
            page,
            """async (want) => { for (const name of await caches.keys()) {
                if (await (await caches.open(name)).match(want)) return true; } return false; }""",
            bundle,
        )
        keys = page.evaluate(CACHE_KEYS)
        urls = [u for name in keys for u in keys[name]]
        assert server.url + GUIDE_PAGE in urls
        assert not any("/assets/pyodide/" in u for u in urls)  # no runtime file from a guide page
        server.close()
        context.set_offline(True)
        page.goto(server.url + GUIDE_PAGE)
        # The theme's stylesheet applied (without it the header would not be sticky).
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
            == "sticky"
        )
        context.close()
