"""The Traditional edition (zh-Hant/) of the built site: twins, script, shared runtime, and in
Chromium a Traditional calculator page, the language selector and search.

Fixtures come from conftest.py (the built site, two servers: root and sub-path; every browser
test also fails on a request to another host or on a console error).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from calculators.web import hant, render
from hooks.traditional import EDITION_DIR, build_catalog, catalog_text, converter, leftovers

CALC = "budget"
CALC_PAGE = "calculators/budget/"
GUIDE_PAGE = "guide/negotiate/"
OTHER_GUIDE_PAGE = "guide/prepare/"
HANT = EDITION_DIR + "/"
# Attributes whose values people see or hear.
TEXT_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "value", "content", "label"}


def pages(root: Path) -> set[str]:
    """Every page of one edition, as site-relative paths of its index.html files."""
    found = set()
    for path in root.rglob("*.html"):
        rel = path.relative_to(root).as_posix()
        if rel.startswith((HANT, "assets/", "search/")):
            continue
        found.add(rel)
    return found


class _Text(HTMLParser):
    """Text nodes and text attributes, outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value and name in TEXT_ATTRIBUTES:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def html_lang(path: Path) -> str:
    match = re.search(r"<html lang=\"([^\"]+)\"", path.read_text(encoding="utf-8"))
    assert match, path
    return match.group(1)


def selector_links(path: Path) -> dict[str, str]:
    """hreflang -> href of the language selector's links on a page."""
    text = path.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*)" hreflang="([^"]+)"[^>]*data-edition-link', text)
    return {lang: href for href, lang in links}


def resolve(page_rel: str, href: str) -> str:
    """A relative href on the page at site path `page_rel` (…/index.html), as a site path."""
    base = posixpath.dirname(page_rel)
    target = posixpath.normpath(posixpath.join(base, href))
    return "" if target == "." else target.rstrip("/") + "/"


# --- the built site ------------------------------------------------------------------------------


def test_every_page_has_a_twin(site_dir: Path) -> None:
    simplified = pages(site_dir)
    traditional = pages(site_dir / EDITION_DIR)
    assert len(simplified) >= 20
    assert simplified == traditional


def test_lang_attributes(site_dir: Path) -> None:
    for rel in pages(site_dir):
        assert html_lang(site_dir / rel) == "zh-Hans", rel
        assert html_lang(site_dir / EDITION_DIR / rel) == "zh-Hant", rel


def test_selector_links_each_page_to_its_twin(site_dir: Path) -> None:
    for rel in sorted(pages(site_dir)):
        if rel == "404.html":
            continue
        page_path = posixpath.dirname(rel) + "/" if "/" in rel else ""
        hans = selector_links(site_dir / rel)
        assert resolve(rel, hans["zh-Hant"]) == HANT + page_path, rel
        assert resolve(rel, hans["zh-Hans"]) == page_path, rel
        hant_rel = HANT + rel
        hant_links = selector_links(site_dir / hant_rel)
        assert resolve(hant_rel, hant_links["zh-Hans"]) == page_path, rel
        assert resolve(hant_rel, hant_links["zh-Hant"]) == HANT + page_path, rel


def test_no_simplified_characters_left(site_dir: Path) -> None:
    """Every text node and text attribute of every Traditional page, and the search index."""
    found: dict[str, list[str]] = {}
    for rel in sorted(pages(site_dir / EDITION_DIR)):
        text = visible_text(site_dir / EDITION_DIR / rel)
        left = leftovers(text) + [f"{q}: quotation mark" for q in "\u201c\u201d" if q in text]
        if left:
            found[rel] = left[:5]
    index = json.loads((site_dir / EDITION_DIR / "search/search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        # The index separates words with U+200B; the check converts whole phrases.
        text = (doc["title"] + "\n" + doc["text"]).replace("\u200b", "")
        left = leftovers(html.unescape(re.sub(r"<[^>]+>", "", text)))
        if left:
            found["search: " + doc["location"]] = left[:5]
    assert not found, found


def test_the_check_would_catch_simplified_text(site_dir: Path) -> None:
    """The leftover check is not blind: the Simplified edition fails it everywhere."""
    text = visible_text(site_dir / GUIDE_PAGE / "index.html")
    assert len(leftovers(text)) > 100


def test_official_names_in_traditional_characters(site_dir: Path) -> None:
    text = visible_text(site_dir / EDITION_DIR / "sources/index.html")
    for name in ("《徵信業管理條例》", "《中華人民共和國民法典》", "個性化分期", "不良信息"):
        assert name in text, name
    assert "資訊" not in text  # Taiwan's vocabulary (s2twp): 不良資訊


def test_the_runtime_is_shared(site_dir: Path) -> None:
    """One copy of Pyodide and the wheel, at the root; Traditional pages point there."""
    assert not (site_dir / EDITION_DIR / "assets/pyodide").exists()
    assert not (site_dir / EDITION_DIR / "assets/calc").exists()
    rel = HANT + CALC_PAGE + "index.html"
    text = (site_dir / rel).read_text(encoding="utf-8")
    bridges = set(re.findall(r'src="([^"]*assets/calc/bridge\.js)\?', text))
    assert bridges, "no bridge script on the Traditional calculator page"
    for src in bridges:
        assert posixpath.normpath(posixpath.join(posixpath.dirname(rel), src)) == (
            "assets/calc/bridge.js"
        )
    hant = [p for p in (site_dir / EDITION_DIR).rglob("*") if p.is_file()]
    assert not [p for p in hant if p.suffix in {".wasm", ".whl", ".zip", ".mjs"}]
    # About the size of the Simplified pages (the theme's assets, the pages, the search index),
    # never with a runtime of its own (13 MB): measured against the root edition without it.
    root = [
        p
        for p in site_dir.rglob("*")
        if p.is_file()
        and EDITION_DIR not in p.relative_to(site_dir).parts[:1]
        and "pyodide" not in p.relative_to(site_dir).parts
    ]
    size, own = sum(p.stat().st_size for p in hant), sum(p.stat().st_size for p in root)
    assert size < 1.5 * own, f"the Traditional edition holds {size} bytes, the root {own}"


def test_the_shipped_wheel_has_the_current_catalog(site_dir: Path) -> None:
    """The catalog inside the wheel the site serves is the one the current source makes."""
    wheels = list(site_dir.glob("assets/pyodide/*/calculators-*/calculators-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as archive:
        shipped = archive.read("calculators/web/hant.json").decode("utf-8")
    package = Path(__file__).resolve().parents[2] / "calculators"
    assert shipped == catalog_text(build_catalog(package, converter()))


def test_each_edition_has_its_own_sitemap(site_dir: Path) -> None:
    root_map = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    hant_map = (site_dir / EDITION_DIR / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{EDITION_DIR}/" not in root_map
    locs = re.findall(r"<loc>([^<]+)</loc>", hant_map)
    assert locs and all(f"/{EDITION_DIR}/" in loc for loc in locs)


def test_traditional_search_index_has_its_own_words(site_dir: Path) -> None:
    index = json.loads((site_dir / EDITION_DIR / "search/search_index.json").read_text("utf-8"))
    words = set()
    for doc in index["docs"]:
        words.update(re.split(index["config"]["separator"], doc["title"] + " " + doc["text"]))
    assert {"協商", "徵信", "還款"} <= words
    assert "协商" not in words


def test_prerendered_widget_is_traditional(site_dir: Path) -> None:
    text = (site_dir / EDITION_DIR / CALC_PAGE / "index.html").read_text(encoding="utf-8")
    expected = render(CALC, {}, "zh-Hant")
    assert expected["ok"] is True
    assert str(expected["html"]) in text


# --- in the browser ------------------------------------------------------------------------------


def field_label(page: Page, name: str, field: str) -> str:
    return page.inner_text(f'.calc[data-calc="{name}"] label[for="calc-{name}-{field}"]').strip()


def test_traditional_calculator_page_computes(
    page: Page, base_url: str, calc: Any, page_log: Any
) -> None:
    page.goto(base_url + HANT + CALC_PAGE)
    assert page.get_attribute("html", "lang") == "zh-Hant"
    assert field_label(page, CALC, "income") == hant.to_hant(field_label_hans(CALC, "income"))
    calc.wait_ready(page, CALC)
    calc.fill(page, CALC, "income", "1.2萬")  # typed the Traditional way
    expected = render(CALC, {"income": "12000"}, "zh-Hant")
    assert expected["ok"] is True
    shown = calc.key_figure(page, "capacity", CALC)
    assert shown and shown in html.unescape(str(expected["html"]))
    result_text = page.inner_text(f'.calc[data-calc="{CALC}"] .calc-result')
    assert leftovers(result_text) == []

    # A bad input: the field's message in Traditional, and the status line too.
    calc.fill(page, CALC, "income", "abc")
    message = calc.error(page, CALC, "income")
    bad = render(CALC, {"income": "abc"}, "zh-Hant")
    assert message == bad["message"]
    assert message and leftovers(message) == []
    status = page.inner_text(f'.calc[data-calc="{CALC}"] .calc-status')
    assert status and leftovers(status) == []

    # The one runtime at the site's root, not a copy under zh-Hant/.
    prefix = base_url.rstrip("/")
    wasm = page_log.matching(r"pyodide\.asm\.wasm$")
    assert wasm and wasm[0].startswith(prefix + "/assets/pyodide/")
    assert not page_log.matching(rf"/{EDITION_DIR}/assets/(pyodide|calc)/")


def field_label_hans(name: str, field: str) -> str:
    from calculators import registry

    return next(f.label for f in registry.get(name).fields if f.name == field)


def test_traditional_share_link_and_csv(page: Page, servers: Any, calc: Any) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    url = servers.sub.url + HANT + CALC_PAGE
    page.goto(url)
    calc.wait_ready(page, CALC)
    calc.fill(page, CALC, "income", "9500")
    widget = f'.calc[data-calc="{CALC}"]'
    page.click(f'{widget} [data-action="share"]')
    page.wait_for_function(
        "([sel]) => document.querySelector(sel).textContent.includes('已複製')",
        arg=[f"{widget} .calc-status"],
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(url + "#") and "income=9500" in copied

    expected = render(CALC, {"income": "9500"}, "zh-Hant")
    if expected.get("csv"):
        with page.expect_download() as download:
            page.click(f'{widget} [data-action="csv"]')
        data = download.value.path().read_bytes()
        assert data[3:].decode("utf-8") == expected["csv"]
        assert download.value.suggested_filename == expected["csv_name"]

    # The share link opens the Traditional page with the same numbers.
    page.goto(copied)
    calc.wait_ready(page, CALC)
    assert page.input_value(f'{widget} [name="income"]') == "9500"
    assert page.get_attribute("html", "lang") == "zh-Hant"


def open_selector_and_click(page: Page, lang: str) -> None:
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f'a[data-edition-link][hreflang="{lang}"]')


def test_language_selector_moves_between_twins(page: Page, base_url: str) -> None:
    page.goto(base_url + HANT + GUIDE_PAGE)
    open_selector_and_click(page, "zh-Hans")
    assert page.url == base_url + GUIDE_PAGE
    assert page.get_attribute("html", "lang") == "zh-Hans"
    open_selector_and_click(page, "zh-Hant")
    assert page.url == base_url + HANT + GUIDE_PAGE
    assert page.get_attribute("html", "lang") == "zh-Hant"


def test_language_selector_follows_instant_navigation(page: Page, instant_base_url: str) -> None:
    """The header survives instant navigation; its links must follow the new page."""
    page.goto(instant_base_url + HANT + GUIDE_PAGE)
    page.evaluate("window.__samePage = true")
    page.locator(f'.md-nav--primary a[href$="{OTHER_GUIDE_PAGE.split("/")[1]}/"]').first.click()
    page.wait_for_url(instant_base_url + HANT + OTHER_GUIDE_PAGE)
    assert page.evaluate("window.__samePage") is True, "a full page load happened"
    open_selector_and_click(page, "zh-Hans")
    assert page.url == instant_base_url + OTHER_GUIDE_PAGE
    assert page.get_attribute("html", "lang") == "zh-Hans"


def test_traditional_search_finds_xieshang(page: Page, base_url: str) -> None:
    page.goto(base_url + HANT)
    box = page.locator("input.md-search__input")
    deadline = time.monotonic() + 30
    links: list[str] = []
    titles: list[str] = []
    # The search worker may drop a query typed before its index is loaded: type it again.
    while time.monotonic() < deadline and not titles:
        box.click()
        box.fill("")
        box.fill("協商")
        box.press("End")
        page.wait_for_timeout(700)
        items = page.locator(".md-search-result__item h1, .md-search-result__item h2")
        titles = items.all_inner_texts()
        links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(a => a.href)")
    assert titles, "no search results for 協商 in the Traditional edition"
    assert any("協商" in t.replace("\u200b", "") for t in titles)
    assert links and all(f"/{EDITION_DIR}/" in link for link in links)


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots(page: Page, servers: Any, calc: Any, width: int, tmp_path: Path) -> None:
    """Pages a person would look at (saved under test-results/ for a human to view)."""
    out = Path(__file__).resolve().parents[2] / "test-results" / "traditional"
    out.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(servers.root.url + HANT + GUIDE_PAGE)
    page.screenshot(path=str(out / f"guide-{width}.png"))
    page.goto(servers.root.url + HANT + "calculators/negotiate/")
    calc.wait_ready(page, "negotiate")
    page.screenshot(path=str(out / f"negotiate-{width}.png"))
    page.locator('.calc[data-calc="negotiate"] .calc-result').scroll_into_view_if_needed()
    page.screenshot(path=str(out / f"negotiate-result-{width}.png"))
    page.locator(
        '.calc[data-calc="negotiate"] a[href*="letters/negotiate/"]'
    ).scroll_into_view_if_needed()
    page.screenshot(path=str(out / f"negotiate-letter-link-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_traditional_pages_pass_axe(page: Page, servers: Any, calc: Any) -> None:
    """The Traditional home, a guide page (with the language selector) and a calculator page
    answered by Python: no axe-core violations (axe comes from the Python package)."""
    from axe_playwright_python.sync_playwright import Axe

    for path in ("", GUIDE_PAGE):
        page.goto(servers.root.url + HANT + path)
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    page.goto(servers.root.url + HANT + CALC_PAGE)
    calc.wait_ready(page, CALC)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
