"""Issue 20's browser-side items, in Chromium against the built site: the service worker after a
new build and on a shared origin (13, 14), the import that asks first (15), share links without
personal details (17), removing the offline copy (18), stored and imported data read
defensively (19), a worker that asks no other origin (20) and no memory snapshot where another
site could plant one (14).

The service-worker tests run on servers of their own (`TwoSites`): the built site under a
sub-path, as a GitHub Pages project site is, and a sibling directory beside it on the same
origin, as another project of the same user is; optionally every answer says
`Cache-Control: max-age=600`, as GitHub Pages does.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from test_offline import CACHE_KEYS, wait_until

from hooks import offline
from tests.site_server import _Handler as conftest_handler

pytestmark = pytest.mark.browser

KEY = "yuqi-xieshang:workbook"
READY_MS = 120_000
SITE = "/site/"
SIBLING = "/sibling/"
CALC_PAGE = "calculators/budget/"
LETTER_PAGE = "letters/negotiate/"
PLANTED = "window.__planted = (window.__planted || 0) + 1;"


# --- a host like GitHub Pages: a project site and a sibling on the same origin -----------------


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = conftest_handler.extensions_map
    server: _Server

    def __init__(self, request: Any, client_address: Any, server: Any) -> None:
        super().__init__(request, client_address, server, directory=str(server.site))

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean.startswith(SIBLING):
            return str(self.server.sibling / clean[len(SIBLING) :].lstrip("/"))
        if clean.startswith(SITE):
            return super().translate_path("/" + clean[len(SITE) :])
        return str(self.server.site / "no-such-file")

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if self.server.seen is not None:
            self.server.seen.append(self.path)
        return ok

    def end_headers(self) -> None:
        if self.server.max_age:
            self.send_header("Cache-Control", f"max-age={self.server.max_age}")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Path
    sibling: Path
    max_age: int
    seen: list[str] | None = None  # every request's path, when a test counts them


@dataclass
class TwoSites:
    httpd: _Server

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def site(self) -> str:
        return self.origin + SITE

    @property
    def sibling(self) -> str:
        return self.origin + SIBLING


@contextmanager
def two_sites(site: Path, sibling: Path, max_age: int = 0) -> Iterator[TwoSites]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.site, httpd.sibling, httpd.max_age = site, sibling, max_age
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield TwoSites(httpd)
    finally:
        with suppress(OSError):
            httpd.shutdown()
            httpd.server_close()


def sw_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, service_workers="allow"
    )
    context.set_default_timeout(30_000)
    return context


def wait_ready(page: Page, name: str = "budget") -> None:
    page.wait_for_selector(f'.calc[data-calc="{name}"][data-state="ready"]', timeout=READY_MS)


def wait_offline_ready(page: Page) -> None:
    page.wait_for_selector('.calc[data-offline="ready"] .calc-offline', timeout=READY_MS)


@contextmanager
def first_visit(
    browser: Browser, site: Path, tmp_path: Path, max_age: int = 0
) -> Iterator[tuple[TwoSites, BrowserContext, Page]]:
    """`site` under the sub-path with an empty sibling beside it, and a reader's first visit to
    the calculator page (service workers allowed), until Python has answered."""
    sibling = tmp_path / "sibling"
    sibling.mkdir(exist_ok=True)
    with two_sites(site, sibling, max_age) as host:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(host.site + CALC_PAGE)
        wait_ready(page)
        try:
            yield host, context, page
        finally:
            context.close()


# --- item 13: a new build reaches returning readers through max-age caching --------------------

# The text of the script the service worker keeps for assets/calc/NAME (any query).
KEPT_SCRIPT = """async (name) => {
  for (const cache of await caches.keys()) {
    const c = await caches.open(cache);
    for (const r of await c.keys()) {
      const path = new URL(r.url).pathname;
      if (path.endsWith("/assets/calc/" + name)) return (await c.match(r)).text();
    }
  }
  return "";
}"""


def test_a_new_build_reaches_the_next_visit_despite_max_age(
    browser: Browser, site_dir: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    with first_visit(browser, site, tmp_path, max_age=600) as (host, _, page):
        wait_offline_ready(page)
        old = page.evaluate(CACHE_KEYS)

        # The second build: the page's script changes (a security fix, say); the hook writes the
        # service worker again.
        script = site / "assets" / "calc" / "bridge.js"
        script.write_text(
            script.read_text(encoding="utf-8") + '\nwindow.__build = "second";\n',
            encoding="utf-8",
        )
        offline.write_offline(site)

        # The next visit: the browser checks sw.js, the new worker takes over and keeps the
        # new build (the page asks it again); every file it keeps must be the new build's.
        page.goto(host.site + CALC_PAGE)
        wait_until(
            page,
            """async (old) => { const name = (await caches.keys()).find((n) =>
                n.startsWith("yuqi-xieshang-site-") && !old.includes(n));
                if (!name) return false;
                const urls = (await (await caches.open(name)).keys()).map((r) => r.url);
                return urls.some((u) => /\\/assets\\/calc\\/bridge\\.js\\?/.test(u)); }""",
            sorted(old),
        )
        # And the visit after: the new scripts, from the new worker's cache.
        page.goto(host.site + CALC_PAGE)
        wait_ready(page)
        assert page.evaluate("window.__build") == "second"
        assert 'window.__build = "second"' in page.evaluate(KEPT_SCRIPT, "bridge.js")


# --- item 14: another site on the same origin cannot get script run by this one ----------------

PLANT = """async ([site, planted]) => {
  // What a sibling page could do: write into every cache of the origin, replacing this site's
  // scripts and pages with its own (the request URLs are public: they are the site's own).
  const swapped = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (!request.url.startsWith(site)) continue;
      const path = new URL(request.url).pathname;
      let body = null;
      if (/\\.m?js$/.test(path)) body = planted;
      else if (path.endsWith("/")) body = `<!doctype html><script>${planted}</script><p>planted`;
      if (body === null) continue;
      const type = path.endsWith("/") ? "text/html" : "text/javascript";
      await cache.put(request, new Response(body, { headers: { "content-type": type } }));
      swapped.push(path);
    }
  }
  return swapped;
}"""


def test_a_sibling_on_the_same_origin_cannot_plant_script(
    browser: Browser, site_dir: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    (tmp_path / "sibling").mkdir()
    (tmp_path / "sibling" / "index.html").write_text(
        "<!doctype html><title>another project</title>"
    )
    with first_visit(browser, site, tmp_path) as (host, context, page):
        wait_offline_ready(page)
        # A page of the sibling, outside the site's path: not the site's to answer or keep.
        other = context.new_page()
        other.goto(host.sibling)
        keys = other.evaluate(CACHE_KEYS)
        assert not any(SIBLING in url for urls in keys.values() for url in urls)
        swapped = other.evaluate(PLANT, [host.site, PLANTED])
        assert any(p.endswith("/bridge.js") for p in swapped), swapped
        assert any(p.endswith(CALC_PAGE) for p in swapped), swapped

        # The reader comes back, online and then offline: nothing planted runs, the site works.
        page.goto(host.site + CALC_PAGE)
        wait_ready(page)
        assert page.evaluate("window.__planted") is None
        assert page.inner_text("h1") and "planted" not in page.content()
        host.httpd.shutdown()
        context.set_offline(True)
        page.goto(host.site + CALC_PAGE)
        wait_ready(page)
        assert page.evaluate("window.__planted") is None


# The name of this build's snapshot cache (docs/assets/calc/protocol.js makes it) and its one
# entry's URL, next to the page's script.
SNAPSHOT_NAME = """() => [window.calcRuntime.snapshotName, new URL("snapshot.bin.gz",
  document.querySelector('script[src*="bridge.js?"]').src).href.split("?")[0]]"""


# A file in the origin's private file system (where snapfile.js keeps a memory snapshot).
PLANT_FILE = """async (name) => {
  const dir = await navigator.storage.getDirectory();
  const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
  await writable.write("planted");
  await writable.close();
}"""
SNAPSHOT_FILES = """async () => {
  const names = [];
  for await (const name of (await navigator.storage.getDirectory()).keys()) {
    if (name.startsWith("yuqi-xieshang-snapshot-")) names.push(name);
  }
  return names;
}"""


def test_no_memory_snapshot_where_the_origin_is_shared(
    browser: Browser, site_dir: Path, tmp_path: Path
) -> None:
    """Under a sub-path another site could write a snapshot (the runtime's memory, which no
    hash can check) into this site's Cache Storage: none is made, and one found is not read."""
    with first_visit(browser, site_dir, tmp_path) as (_, _, page):
        # The worker's word about the snapshot for next time (made, or why not).
        page.wait_for_function("() => window.calcRuntime.snapshot", timeout=READY_MS)
        news = page.evaluate("window.calcRuntime.snapshot")
        assert news["ok"] is False, news
        names = page.evaluate("caches.keys()")
        assert not [n for n in names if n.startswith("yuqi-xieshang-snapshot-")], names

        # One planted with this build's name is never opened (a snapshot tried and failed is
        # deleted), and the page does not start from it early.
        name, entry = page.evaluate(SNAPSHOT_NAME)
        page.evaluate(
            """async ([name, entry]) => (await caches.open(name)).put(entry,
                new Response("planted", { headers: { "x-snapshot-bytes": "7" } }))""",
            [name, entry],
        )
        page.evaluate(PLANT_FILE, name + ".bin")  # and as a file (snapfile.js)
        page.reload()
        wait_ready(page)
        assert page.evaluate("window.calcRuntime.boot") == "normal"
        assert not page.evaluate("window.calcRuntime.early")
        assert page.evaluate("(name) => caches.has(name)", name)
        assert page.evaluate(SNAPSHOT_FILES) == [name + ".bin"]


# --- item 15: an import asks first, says what changes, and can be undone once -------------------


def save_case(page: Page, calc: Any, income: str) -> None:
    """Keep a case on this device with this income: the page writes it only through
    "存进我的方案", after its preview."""
    calc.fill(page, "budget", "income", income)
    page.check("[data-save-toggle]")
    page.click('.calc-case-bar [data-case-action="save"]')
    page.click('.calc-case-bar [data-case-action="confirm"]')
    page.wait_for_function(
        "(k) => (JSON.parse(localStorage.getItem(k) || '{}').budget || {}).income",
        arg=KEY,
        timeout=READY_MS,
    )


def stored(page: Page) -> Any:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    return None if raw is None else json.loads(raw)


def case_file(tmp_path: Path, values: dict[str, str], name: str = "case.json") -> Path:
    book = {"format": "yuqi-xieshang/workbook", "version": 1, "values": values, "checks": {}}
    path = tmp_path / name
    path.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    return path


def bar_says(page: Page, pattern: str) -> str:
    page.wait_for_function(
        "(p) => new RegExp(p).test(document.querySelector('.calc-save-status').textContent)",
        arg=pattern,
        timeout=READY_MS,
    )
    return page.inner_text(".calc-save-status")


def test_an_import_asks_first_and_can_be_undone(
    page: Page, servers: Any, calc: Any, tmp_path: Path
) -> None:
    page.goto(servers.root.url + CALC_PAGE)
    calc.settle(page, "budget")
    save_case(page, calc, "8800")
    before = stored(page)
    assert before["version"] == 3 and before["budget"]["income"] == "8800.00"
    # A version-1 file (the old workbook) with a contact log: migrated, then compared by part.
    log = "2026-05-06 09:15,对方打来,电话,催收员,要求还款,"
    other = case_file(
        tmp_path, {"income": "5000", "essential_expenses": "4000", "contact_log": log}
    )

    # Asked first, naming the parts that would change, in the page's own words; "no" changes
    # nothing.
    page.set_input_files("[data-save-file]", str(other))
    said = bar_says(page, "收入和支出")
    assert "联系记录" in said and "欠款" not in said.replace("欠款和收支", "")
    assert stored(page) == before
    page.click('[data-save-answer="no"]')
    assert stored(page) == before and page.input_value('[name="income"]') == "8800"

    # "Yes": the file's numbers, kept; then undone once, back to what was there.
    page.set_input_files("[data-save-file]", str(other))
    bar_says(page, "收入和支出")
    answers = calc.answers(page, "budget")
    page.click('[data-save-answer="yes"]')
    bar_says(page, "已导入")
    assert stored(page)["budget"]["income"] == "5000.00"
    assert len(stored(page)["contacts"]) == 1
    calc.wait_answer(page, "budget", answers)
    assert page.input_value('[name="income"]') == "5000.00"
    answers = calc.answers(page, "budget")
    page.click('[data-save-answer="undo"]')
    bar_says(page, "撤销")
    assert stored(page) == before
    calc.wait_answer(page, "budget", answers)
    assert page.input_value('[name="income"]') == "8800.00"
    assert page.locator('[data-save-answer="undo"]').count() == 0  # once


# --- item 17: a share link carries numbers, never personal details -----------------------------

PERSONAL = {
    "name": "王小明",
    "id_tail": "123X",
    "account": "6688",
    "phone": "13800001234",
}


def test_a_letters_share_link_carries_no_personal_details(
    page: Page, servers: Any, calc: Any
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(servers.root.url + LETTER_PAGE)
    name = page.get_attribute(".calc[data-calc]", "data-calc") or ""
    calc.settle(page, name)
    widget = f'.calc[data-calc="{name}"]'
    page.evaluate(
        f"() => {{ for (const d of document.querySelectorAll('{widget} details')) d.open = true; }}"
    )
    for field, value in PERSONAL.items():
        calc.fill(page, name, field, value)
    page.click(f'{widget} [data-action="share"]')
    page.wait_for_function(
        "(sel) => document.querySelector(sel).textContent.includes('已复制')",
        arg=f"{widget} .calc-status",
    )
    copied: str = page.evaluate("navigator.clipboard.readText()")
    href = page.get_attribute(f'{widget} [data-action="share"]', "href") or ""
    for link in (copied, href):
        params = dict(parse_qsl(urlsplit(link).fragment))
        assert params, link
        for field, value in PERSONAL.items():
            assert field not in params and value not in link, (field, link)
    # A link that carries them anyway (an old one) does not fill them in.
    page.goto(servers.root.url + LETTER_PAGE + "#name=%E6%9D%8E&phone=139")
    calc.settle(page, name)
    assert page.input_value(f'{widget} [name="name"]') == ""
    assert page.input_value(f'{widget} [name="phone"]') == ""


# --- item 18: beside 清除, remove the offline copy too -----------------------------------------


def test_clear_can_remove_the_offline_copy_too(
    browser: Browser, site_dir: Path, tmp_path: Path, calc: Any
) -> None:
    with first_visit(browser, site_dir, tmp_path) as (_, _, page):
        save_case(page, calc, "8800")
        wait_offline_ready(page)
        assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)")
        # A memory snapshot kept as a file (snapfile.js), whether or not one was made by now.
        page.evaluate(PLANT_FILE, "yuqi-xieshang-snapshot-0-calculators-0-x.bin")
        page.click('[data-save-action="forget"]')
        bar_says(page, "离线")
        assert stored(page) is None
        wait_until(
            page,
            """async () => (await caches.keys()).every((n) => !n.startsWith("yuqi-xieshang-"))
                && (await navigator.serviceWorker.getRegistrations()).length === 0""",
        )
        assert page.evaluate(SNAPSHOT_FILES) == []
        # Not registered again while the reader stays (instant navigation keeps this page).
        page.wait_for_timeout(1500)
        assert (
            page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
        )
        assert page.evaluate("localStorage.length") == 0


# --- item 19: stored and imported data read defensively -----------------------------------------

TAMPERED = [
    '{"format": "yuqi-xieshang/workbook", "version": 1, "values": {"person_name": {"toString": 1}, '
    '"phone": ["1"], "income": {"valueOf": 2, "toString": 3}}, "checks": {"a": {"toString": 1}}}',
    '{"format": "yuqi-xieshang/workbook", "version": 1, "values": {"__proto__": {"x": "1"}, '
    '"constructor": "x", "person_name": "' + "名" * 100_000 + '"}, "checks": []}',
    '{"values": "' + "x" * 3_000_000 + '"}',
    "[" * 50_000 + "]" * 50_000,
    '{"values": null, "checks": {"toString": true}}',
    "not json at all",
]


@pytest.mark.parametrize("raw", TAMPERED, ids=range(len(TAMPERED)))
def test_a_tampered_stored_case_stops_no_widget_and_clear_still_works(
    page: Page, servers: Any, calc: Any, raw: str
) -> None:
    page.add_init_script(
        f"try {{ localStorage.setItem({json.dumps(KEY)}, {json.dumps(raw)}); }} catch (e) {{}}"
    )
    page.goto(servers.root.url + LETTER_PAGE)
    widgets = page.eval_on_selector_all(".calc[data-calc]", "els => els.map((e) => e.dataset.calc)")
    assert widgets
    for name in widgets:
        calc.settle(page, name)
    page.click('[data-save-action="clear"]')
    assert page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") is None
    assert page.inner_text(".calc-save-status")


def test_an_oversized_or_deeply_nested_file_is_refused_before_python(
    page: Page, servers: Any, calc: Any, tmp_path: Path
) -> None:
    page.goto(servers.root.url + CALC_PAGE)
    calc.settle(page, "budget")
    # Ten megabytes of Chinese text: cut at a byte count, it used to read as "not this site's".
    big = tmp_path / "big.json"
    big.write_text('{"values": {"reason": "' + "还款" * 1_700_000 + '"}}', encoding="utf-8")
    assert big.stat().st_size > 10_000_000
    page.set_input_files("[data-save-file]", str(big))
    said = bar_says(page, "太大")
    assert "不是本站" not in said
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 9999 + "]" * 9999, encoding="utf-8")
    before = page.evaluate("window.calcRuntime.seq")
    page.set_input_files("[data-save-file]", str(nested))
    bar_says(page, "不能导入")
    assert page.evaluate("window.calcRuntime.seq") == before  # never sent to Python
    # The runtime is as it was: the next answer comes.
    calc.fill(page, "budget", "income", "7300")
    assert page.evaluate("window.calcRuntime.state") == "ready"


# --- item 20: the worker asks no other origin --------------------------------------------------

REQUESTS = {
    "fetch": "fetch(u, { mode: 'no-cors' }).then(() => 'sent', (e) => 'failed: ' + e)",
    "xhr": (
        "new Promise((ok) => { try { const x = new XMLHttpRequest(); x.open('GET', u);"
        " x.onloadend = () => ok('sent'); x.send(); } catch (e) { ok('failed: ' + e); } })"
    ),
    "websocket": (
        "(() => { try { new WebSocket(u.replace('http', 'ws')); return 'sent'; }"
        " catch (e) { return 'failed: ' + e; } })()"
    ),
    "websocket by its prototype": (
        "(() => { try { new WebSocket.prototype.constructor(u.replace('http', 'ws'));"
        " return 'sent'; } catch (e) { return 'failed: ' + e; } })()"
    ),
    "eventsource": (
        "(() => { try { new EventSource(u); return 'sent'; }"
        " catch (e) { return 'failed: ' + e; } })()"
    ),
    "a worker from a blob": (
        "(() => { try { new Worker(URL.createObjectURL(new Blob(['1']))); return 'sent'; }"
        " catch (e) { return 'failed: ' + e; } })()"
    ),
}


def test_the_worker_refuses_other_origins(
    page: Page, servers: Any, calc: Any, tmp_path: Path
) -> None:
    """A page's policy does not reach its worker: the worker refuses other origins itself,
    before anything reaches the network (another origin here: a server on another port,
    which counts what reaches it)."""
    page.goto(servers.root.url + CALC_PAGE)
    calc.settle(page, "budget")
    worker = next(w for w in page.workers if "/assets/calc/worker.js" in w.url)
    seen: list[str] = []
    with two_sites(tmp_path, tmp_path) as elsewhere:
        elsewhere.httpd.seen = seen
        for name, code in REQUESTS.items():
            answer = str(worker.evaluate(f"(u) => {code}", elsewhere.site + "x"))
            assert answer.startswith("failed") and "not this site" in answer, (name, answer)
        page.wait_for_timeout(1000)
    assert seen == []
    # Its own origin still answers, and so does the runtime.
    own = worker.evaluate("(u) => fetch(u).then((r) => r.status)", servers.root.url + "sitemap.xml")
    assert own == 200
    calc.fill(page, "budget", "income", "6100")
