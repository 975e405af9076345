"""The browser measurements: each returns raw values; :mod:`benchmarks.stats` summarises them.

Times are taken inside the page with ``performance.now()`` (milliseconds since the document's
navigation started), recorded by a ``MutationObserver`` installed before any page script runs,
so Playwright's round trips never enter a number.
"""

from __future__ import annotations

import json
import time
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from benchmarks.browser import LINK, Link, Tab, Traffic, throttled_tab
from benchmarks.server import PagesServer

TIMEOUT_MS = 120_000
# A widget whose result the bridge (docs/assets/calc/bridge.js) replaced with one computed by
# Python in the browser: it sets data-renders (a count of such renders) and data-state="ready"
# together, and the prerendered result from the build has neither.
PYTHON_READY = '.calc[data-calc][data-state="ready"][data-renders]'


OBSERVER = """
(() => {
  const ready = __READY__;
  const B = (window.__bench = window.__bench || {ready: {}});
  const check = () => {
    for (const el of document.querySelectorAll(ready)) {
      const key = location.pathname + "#" + (el.getAttribute("data-calc") || "");
      if (!(key in B.ready)) B.ready[key] = performance.now();
    }
  };
  const start = () => {
    new MutationObserver(check).observe(document.documentElement, {
      subtree: true, childList: true, attributes: true, characterData: true,
    });
    check();
  };
  if (document.documentElement) start();
  else document.addEventListener("readystatechange", start, {once: true});
})();
"""


def observer_script(ready_selector: str) -> str:
    return OBSERVER.replace("__READY__", json.dumps(ready_selector))


def wait_ready(page: Page, path: str, after: float | None = None) -> float:
    """performance.now() when a widget on ``path`` first showed a Python result."""
    handle = page.wait_for_function(
        """([path, after]) => {
            const ready = (window.__bench || {}).ready || {};
            for (const [key, t] of Object.entries(ready)) {
                if (key.startsWith(path + "#") && (after === null || t >= after)) return t;
            }
            return false;
        }""",
        arg=[path, after],
        timeout=TIMEOUT_MS,
        polling=50,
    )
    return float(handle.json_value())


def bare_runtime_once(browser: Browser, url: str, link: Link = LINK) -> float:
    """Navigation start -> the worker's answer to 1+1, in a new context (cold cache)."""
    with throttled_tab(browser, link=link) as tab:
        tab.page.goto(url, wait_until="commit")
        handle = tab.page.wait_for_function(
            "window.__bench && window.__bench.answer !== undefined && window.__bench",
            timeout=TIMEOUT_MS,
            polling=50,
        )
        result: dict[str, Any] = handle.json_value()
    if result.get("answer") != 2:
        raise RuntimeError(f"bare runtime answered {result!r}")
    return float(result["t"])


@dataclass(frozen=True)
class CalculatorRun:
    cold: float  # navigation -> Python result, empty cache
    warm: float  # the same page navigated again in the same context
    instant: float  # click on a nav link -> the second page's Python result


def calculator_once(
    browser: Browser, origin: str, first: str, second: str, ready_selector: str
) -> CalculatorRun:
    """One context: cold load of ``first``, a reload-like navigation, then instant navigation."""
    with throttled_tab(browser, observer_script(ready_selector)) as tab:
        page = tab.page
        page.goto(origin + first, wait_until="commit")
        cold = wait_ready(page, first)
        page.goto(origin + first, wait_until="commit")
        warm = wait_ready(page, first)
        page.wait_for_load_state("load")
        clicked = page.evaluate(
            """(target) => {
                const want = new URL(target, location.href).href;
                const link = [...document.querySelectorAll("a[href]")].find(
                    (a) => a.href === want && a.offsetParent !== null);
                if (!link) return null;
                const t = performance.now();
                link.click();
                return t;
            }""",
            second,
        )
        if clicked is None:
            raise RuntimeError(f"no visible link to {second} on {first}")
        done = wait_ready(page, second, after=float(clicked))
        if page.evaluate("location.pathname") != second:
            raise RuntimeError("the click did not navigate")
        # Instant navigation keeps the document: the clock did not restart.
        if page.evaluate("performance.getEntriesByType('navigation').length") != 1:
            raise RuntimeError("navigation was not instant")
    return CalculatorRun(cold=cold, warm=warm, instant=done - float(clicked))


@dataclass(frozen=True)
class Transfer:
    requests: int  # answers the server sent for this visit
    encoded: int  # bytes the server sent: status lines, headers and (gzipped) bodies
    pyodide: int  # of which runtime files (anything under the runtime's directory)
    rows: tuple[tuple[str, int], ...]  # (URL path, bytes) in the order they were answered
    cdp_encoded: int  # the same counted by the DevTools Protocol (encodedDataLength)
    cdp_requests: int  # network requests the DevTools Protocol saw finish (data: URLs excluded)
    failed: tuple[str, ...]  # requests that failed (one to another host would show up here)
    # Of `encoded`: answers to requests that neither the page nor its dedicated workers made
    # (the service worker's script and its offline copy of the site and the runtime).
    background: int = 0
    not_modified: int = 0  # of `requests`: 304s


def count_visit(
    server: PagesServer, traffic: Traffic | None, pyodide_prefix: str, failed: tuple[str, ...]
) -> Transfer:
    """What the server sent since it was last cleared, split as :class:`Transfer` says."""
    with server.lock:
        rows = tuple(server.sent)
        statuses = tuple(server.statuses)
    own = {url_path(u) for u in traffic.requested()} if traffic else {p for p, _ in rows}
    cdp = [(u, n) for u, n in traffic.rows() if not u.startswith("data:")] if traffic else []
    return Transfer(
        requests=len(rows),
        encoded=sum(n for _, n in rows),
        pyodide=sum(n for p, n in rows if p.startswith(pyodide_prefix)),
        rows=rows,
        cdp_encoded=sum(n for _, n in cdp),
        cdp_requests=len(cdp),
        failed=failed,
        background=sum(n for p, n in rows if p not in own),
        not_modified=sum(1 for s in statuses if s == 304),
    )


def url_path(url: str) -> str:
    """The URL path of an absolute URL, unquoted, as the server records it."""
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).path)


def wait_quiet(
    tab: Tab, server: PagesServer, traffic: Traffic, quiet_s: float, limit_s: float
) -> None:
    """Until neither the server nor the DevTools Protocol has seen anything for ``quiet_s``."""
    deadline = time.monotonic() + limit_s

    def busy() -> bool:
        # Any DevTools network event (a chunk of a download too) or answer counts.
        last = max(traffic.last_event, server.last_sent)
        return time.monotonic() - last < quiet_s

    while time.monotonic() < deadline and busy():
        tab.page.wait_for_timeout(200)


# The quiet line a widget shows once the service worker has kept the site and the runtime
# (docs/assets/calc/bridge.js sets data-offline="ready").
OFFLINE_READY = '.calc[data-offline="ready"] .calc-offline'


def transfer_once(
    browser: Browser,
    server: PagesServer,
    url: str,
    pyodide_prefix: str,
    ready_selector: str | None = None,
    quiet_s: float = 2.0,
) -> Transfer:
    """Everything a cold visit to ``url`` downloads until the network has been quiet a while.

    On a page with a widget that is after the Python answer and after the quiet line that says
    the service worker has kept the site for offline use (at most 60 s): the first visit's
    whole cost, split into the page's own requests and the rest (:class:`Transfer`).

    Both the server's count and the DevTools Protocol's are kept. The server's is the one
    reported: it sees every request of the page and of its workers, while the protocol
    reports a worker's own script on the worker's target, often before the benchmark can
    listen there (Chromium fetches it in the browser process), so it misses or
    under-counts those.
    """
    traffic = Traffic()
    path = url_path(url)
    script = observer_script(ready_selector) if ready_selector else None
    server.clear()
    with throttled_tab(browser, script) as tab:
        traffic.attach(tab)
        tab.page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        if ready_selector:
            wait_ready(tab.page, path)
            # Without the line the count is reported as it is, without (all of) the offline copy.
            with suppress(PlaywrightError):
                tab.page.wait_for_selector(OFFLINE_READY, state="attached", timeout=60_000)
        wait_quiet(tab, server, traffic, quiet_s, 90)
        failed = tuple(traffic.failed.values())
        return count_visit(server, traffic, pyodide_prefix, failed)


RECALC = """
async ({calc, field, key, event, steps, timeout}) => {
  const widget = document.querySelector(`.calc[data-calc="${calc}"]`);
  const input = widget.querySelector(`[name="${field}"]`);
  const figure = () => {
    const el = widget.querySelector(`.calc-result [data-key="${key}"]`);
    return el ? el.textContent.trim() : null;
  };
  const times = [];
  for (const [value, expected] of steps) {
    const elapsed = await new Promise((resolve) => {
      let t0 = 0;
      const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, timeout);
      const observer = new MutationObserver(() => {
        if (figure() === expected) {
          const t = performance.now();
          clearTimeout(timer);
          observer.disconnect();
          resolve(t - t0);
        }
      });
      observer.observe(widget, {subtree: true, childList: true, characterData: true});
      input.value = value;
      t0 = performance.now();
      input.dispatchEvent(new Event(event, {bubbles: true}));
    });
    if (elapsed === null) return {error: `no ${expected} for ${value}`, times, got: figure()};
    times.push(elapsed);
    // A pause like a person's between two edits, so one answer is not queued behind another.
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return {times};
}
"""


@dataclass(frozen=True)
class RecalcCase:
    label: str
    page: str  # URL path of the calculator page, with the query that sets up the case
    calc: str
    field: str  # the input that is changed
    key: str  # the data-key of the figure that must update
    steps: tuple[tuple[str, str], ...]  # (typed value, the figure CPython computes for it)


def recalc_once(
    browser: Browser, origin: str, case: RecalcCase, event: str, ready_selector: str
) -> list[float]:
    """Latencies (ms) from a changed input to the key figure showing the CPython answer."""
    path = case.page.split("?")[0]
    # No service worker: its copy of the site, fetched once the page is idle, would run during
    # the changes (on a reader's first visit it may; the measurement is of the recalculation).
    with throttled_tab(browser, observer_script(ready_selector), service_workers="block") as tab:
        tab.page.goto(origin + case.page, wait_until="commit")
        wait_ready(tab.page, path)
        result: dict[str, Any] = tab.page.evaluate(
            RECALC,
            {
                "calc": case.calc,
                "field": case.field,
                "key": case.key,
                "event": event,
                "steps": [list(s) for s in case.steps],
                "timeout": 10_000,
            },
        )
    if "error" in result:
        raise RuntimeError(f"{case.label}: {result['error']} (showing {result.get('got')})")
    return [float(t) for t in result["times"]]
