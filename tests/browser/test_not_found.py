"""The 404 page wherever the site is served (issue 24, item 6): a mirror may publish the same
build at its root or under any sub-path, and the host answers every unknown address with the
site's 404.html. Served at the root and under two different sub-paths, at several depths, the
page has its styles, its scripts (the theme's search finds pages), right links, and the list
of the site's other addresses (hooks/notfound.py, hooks/mirrors.py).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from hooks.mirrors import Mirror, mirrors_html
from tests.site_server import ROOT, Server, serve

OTHER_PATH = "/another/mirror/"

# (which server, the address under it): an unknown top-level name, one under a folder of the
# site (found from the address), and deeper ones the page finds by asking the host.
ADDRESSES = [
    ("root", "no-such-page"),
    ("root", "guide/no-such-page/deeper/"),
    ("sub", "no-such-page"),
    ("sub", "letters/no-such-page/"),
    ("other", "a/b/no-such-page"),
    ("other", "calculators/no-such/page/"),
]


@pytest.fixture(scope="module")
def other(site_dir: Path) -> Iterator[Server]:
    server = serve(site_dir, OTHER_PATH)
    yield server
    server.close()


def where(servers: Any, other: Server, name: str) -> Server:
    found: Server = other if name == "other" else getattr(servers, name)
    return found


def open_404(page: Page, page_log: Any, url: str) -> list[str]:
    """Open `url`; the subresources that failed (status >= 400), aside from the page itself
    and the page's own questions about where the site's root is (HEAD .../404.html)."""
    page_log.allow_console(r"404 \(Not Found\)")
    page_log.origins.add(urlsplit(url)._replace(path="", query="", fragment="").geturl())
    failed: list[str] = []
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.url != url and r.request.method != "HEAD"
            else 0
        ),
    )
    response = page.goto(url)
    assert response is not None and response.status == 404
    page.wait_for_function("() => window.calcRuntime !== undefined && window.document$")
    return failed


@pytest.mark.parametrize(("server", "address"), ADDRESSES, ids=[f"{s}-{a}" for s, a in ADDRESSES])
def test_the_404_page_works_wherever_it_is_served(
    page: Page, servers: Any, other: Server, page_log: Any, server: str, address: str
) -> None:
    host = where(servers, other, server)
    failed = open_404(page, page_log, host.url + address)
    assert failed == [], failed
    assert page.inner_text("h1") == "这里没有这一页"
    # The theme's styles and the site's own: the header is the theme's sticky bar.
    assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).position") == "sticky"
    sheets = page.eval_on_selector_all('link[rel="stylesheet"]', "ls => ls.map((l) => l.href)")
    assert sheets and all(s.startswith(host.url) for s in sheets), sheets
    # Every link of the site's own points into the site where it is served.
    assert page.eval_on_selector("a[data-home]", "a => a.href") == host.url
    links = page.eval_on_selector_all(
        "a[href]", "as => as.map((a) => a.href).filter((h) => h.startsWith(location.origin))"
    )
    assert len(links) > 40 and all(h.startswith(host.url) for h in links), links
    twin = page.eval_on_selector('a[data-edition-link][hreflang="zh-Hant"]', "a => a.href")
    assert twin.startswith(host.url + "zh-Hant/"), twin
    guide = page.request.get(host.url + "guide/negotiate/")
    assert guide.status == 200
    # The other addresses, or the plain sentence that there is none yet.
    mirrors = page.locator(".site-mirrors")
    assert mirrors.get_attribute("data-mirrors") == "0"
    assert "只有这一个地址" in mirrors.inner_text()


@pytest.mark.parametrize("server", ["root", "other"])
def test_search_works_from_the_404_page(
    page: Page, servers: Any, other: Server, page_log: Any, server: str
) -> None:
    """The theme's search (its worker and index, from `__config`) answers with links into the
    site where it is served."""
    host = where(servers, other, server)
    open_404(page, page_log, host.url + "x/y/no-such-page")
    box = page.locator("input.md-search__input")
    results: list[str] = []
    for _ in range(40):
        box.click()
        box.fill("协商")
        box.press("End")  # the theme searches on keyup
        page.wait_for_timeout(500)
        results = page.eval_on_selector_all(
            ".md-search-result__link", "as => as.map((a) => a.href)"
        )
        if results:
            break
    assert results and all(r.startswith(host.url) for r in results), results


def test_the_404_page_at_360_px_with_and_without_mirrors(
    browser: Browser, other: Server, page_log: Any
) -> None:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 360, "height": 780}, service_workers="block"
    )
    page = context.new_page()
    try:
        open_404(page, page_log, other.url + "guide/no-such-page/")
        shots = Path(__file__).resolve().parents[2] / "test-results" / "not-found"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "404-no-mirrors-360.png"), full_page=True)
        # The same page as a build with two mirrors draws it (hooks/mirrors.py), this one
        # being the second: the long addresses wrap instead of widening the page.
        listed = [
            Mirror("主站（GitHub Pages）", "https://example-owner.github.io/yuqi-xieshang/"),
            Mirror("镜像（第二个静态托管）", other.url),
        ]
        drawn = mirrors_html(listed, here=other.url)
        page.eval_on_selector(".site-mirrors", "(el, html) => { el.outerHTML = html; }", drawn)
        items = page.locator(".site-mirrors li")
        assert items.count() == 2
        assert "你现在用的就是这个地址" in items.nth(1).inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the 404 page is {width} px wide at 360 px"
        page.screenshot(path=str(shots / "404-two-mirrors-360.png"), full_page=True)
    finally:
        context.close()


def test_make_mirror_publishes_the_same_site_at_another_address(
    page: Page, page_log: Any, tmp_path: Path
) -> None:
    """`make mirror MIRROR_URL=...` (what .github/workflows/mirror.yml runs): the build for a
    second host under a sub-path of its own, served there: its sitemap names that address,
    instant navigation works (the theme only takes over links its sitemap lists) and an
    unknown address gets the styled 404 page."""
    server = serve(None, "/mirror/path/")
    try:
        dest = tmp_path / "mirror"
        done = subprocess.run(
            ["make", "mirror", f"MIRROR_URL={server.url}", f"MIRROR_DIR={dest}"],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        server.httpd.site_root = dest
        locs = re.findall(r"<loc>([^<]+)</loc>", (dest / "sitemap.xml").read_text("utf-8"))
        assert locs and all(loc.startswith(server.url) for loc in locs)
        page_log.origins.add(server.origin)
        page.goto(server.url + "guide/prepare/")
        page.evaluate("window.__sameDocument = true")
        page.locator(".md-content a", has_text="怎样协商").first.click()
        page.wait_for_url(server.url + "guide/negotiate/")
        page.wait_for_selector("h1")
        assert page.evaluate("window.__sameDocument === true"), "a full page load"
        open_404(page, page_log, server.url + "x/y/no-such-page")
        assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).position") == "sticky"
    finally:
        server.close()
