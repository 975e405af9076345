"""Offline from any first page (issue 24, item 4): a reader who opened only the home page can
then read every other page offline, in both editions; a search result's link (?h=...) opens
its page; an unknown address gets the site's own 404 page; no runtime file is fetched from a
page without a calculator. Uses test_offline.py's own-server helpers: with the context
offline and nothing listening, an answer can only come from Cache Storage.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from hooks import offline
from tests.browser.test_offline import CACHE_KEYS, own_server, sw_context, wait_until

SUED = "guide/sued/"
HANT = "zh-Hant/"

ALL_KEPT = f"""async (want) => {{
  const keys = Object.values(await ({CACHE_KEYS})()).flat();
  return want.every((u) => keys.includes(u));
}}"""


def test_after_the_home_page_every_page_opens_offline(
    browser: Browser, servers: Any, site_dir: Path
) -> None:
    with own_server(servers.root, site_dir) as server:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(server.url)
        want = [server.url + SUED, server.url + HANT + SUED, server.url + "404.html"]
        wait_until(page, ALL_KEPT, want)
        keys = page.evaluate(CACHE_KEYS)
        urls = [u for name in keys for u in keys[name]]
        assert not any("/assets/pyodide/" in u for u in urls)  # the runtime waits for a calculator

        server.close()
        context.set_offline(True)
        for path, title in [(SUED, "起诉"), (HANT + SUED, "起訴")]:
            page.goto(server.url + path)
            assert title in page.inner_text("h1")
            assert (
                page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
                == "sticky"
            )
        # A search result's link: the highlight query names no other page.
        response = page.goto(server.url + SUED + "?h=%E8%B5%B7%E8%AF%89")
        assert response is not None and response.status == 200
        assert "起诉" in page.inner_text("h1")
        # An unknown address: the site's own 404 page, its edition's, styled.
        for edition, word in [("", "没有这一页"), (HANT, "沒有這一頁")]:
            response = page.goto(server.url + edition + "no/such/page/")
            assert response is not None and response.status == 404
            assert word in page.inner_text("h1")
            assert page.evaluate("document.documentElement.lang") == (
                "zh-Hant" if edition else "zh-Hans"
            )
        context.close()


def test_ticking_to_save_asks_the_browser_to_keep_the_storage(
    page: Page, servers: Any, calc: Any
) -> None:
    """navigator.storage.persist() when the reader ticks to save (not before), and the bar says
    plainly that some phones and in-app browsers may clear it anyway, with the export beside."""
    page.add_init_script(
        """window.__persist = 0;
        navigator.storage.persist = async () => { window.__persist += 1; return false; };"""
    )
    widget = calc.widget("budget")
    page.goto(servers.root.url + "calculators/budget/")
    calc.wait_ready(page, "budget")
    assert page.evaluate("window.__persist") == 0
    bar = page.locator(f"{widget} .calc-save")
    assert "App 里的浏览器会自己清掉" in bar.inner_text()
    assert bar.locator('[data-save-action="export"]').is_visible()
    page.check(f"{widget} [data-save-toggle]")
    assert page.evaluate("window.__persist") == 1


def test_a_new_build_says_so_in_one_quiet_line(
    browser: Browser, servers: Any, site_dir: Path, tmp_path: Path
) -> None:
    """A page of one build, open while a new build's service worker takes over, says
    "有新版本，刷新后使用" (once, with a reload button); a page of the new build says nothing, nor
    does a first visit's page when the first worker takes it over."""
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    line = "[data-update]"
    with own_server(servers.root, site) as server:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(server.url + SUED)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        page.wait_for_timeout(500)
        assert not page.locator(line).is_visible()  # the first worker taking over is no update
        page.reload()  # now served by the worker, which knows the page is its build's
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        page.wait_for_timeout(500)

        (site / "index.html").write_text(
            (site / "index.html").read_text(encoding="utf-8") + "\n<!-- new build -->\n",
            encoding="utf-8",
        )
        offline.write_offline(site)
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        page.locator(line).wait_for(state="visible")
        assert page.locator(line).inner_text().startswith("有新版本，刷新后使用")
        assert page.locator(f"{line}:visible").count() == 1
        page.set_viewport_size({"width": 360, "height": 780})
        page.screenshot(path=str(tmp_path / "update-line.png"))

        with page.expect_navigation():
            page.click(f"{line} [data-update-reload]")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        page.wait_for_timeout(500)
        assert not page.locator(line).is_visible()
        context.close()
