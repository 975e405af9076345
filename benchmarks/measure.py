"""The browser measurements: each returns raw values; :mod:`benchmarks.stats` summarises them.

Times are taken inside the page with ``performance.now()`` (milliseconds since the document's
navigation started), recorded by a ``MutationObserver`` installed before any page script runs,
so Playwright's round trips never enter a number.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, Page

from benchmarks.browser import Traffic, throttled_tab

TIMEOUT_MS = 120_000


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


def bare_runtime_once(browser: Browser, url: str) -> float:
    """Navigation start -> the worker's answer to 1+1, in a new context (cold cache)."""
    with throttled_tab(browser) as tab:
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
    requests: int
    encoded: int  # bytes on the wire, headers included
    pyodide: int  # of which runtime files (anything under the runtime's directory)
    rows: tuple[tuple[str, int], ...]


def transfer_once(
    browser: Browser,
    url: str,
    pyodide_prefix: str,
    ready_selector: str | None = None,
    quiet_s: float = 2.0,
) -> Transfer:
    """Everything a cold visit to ``url`` downloads until the network has been quiet a while."""
    traffic = Traffic()
    path = url.split("://", 1)[1].partition("/")[2]
    path = "/" + path.split("?")[0]
    script = observer_script(ready_selector) if ready_selector else None
    with throttled_tab(browser, script) as tab:
        traffic.attach(tab.cdp)
        tab.page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        if ready_selector:
            wait_ready(tab.page, path)
        last = -1
        quiet_since = time.monotonic()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            count = len(traffic.rows())
            if count != last or traffic.in_flight():
                last, quiet_since = count, time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_s:
                break
            tab.page.wait_for_timeout(200)
        rows = tuple(traffic.rows())
    return Transfer(
        requests=len(rows),
        encoded=sum(n for _, n in rows),
        pyodide=sum(n for u, n in rows if pyodide_prefix in u),
        rows=rows,
    )
