"""Where a repeat visit's boot goes (issue 26, item 1): ``python -m benchmarks --only boot``.

The site is served at the root of a server of its own (:mod:`benchmarks.rooted`, as for the
sections ``repeat``, ``offline``, ``bytes`` and ``slow4g``): the worker makes and reads a memory
snapshot only where the site is its origin's whole. One browser context makes a first visit to
a calculator page and waits, as :mod:`benchmarks.repeat` does, until the site is kept offline
and the worker's memory snapshot is stored. Then, ``--runs`` times, interleaved so that a slow
moment of the machine falls on both sides of the ratio: bare Pyodide's cold ``1+1`` (a new
context), and the calculator page opened again in a new tab of the first context (its service
worker stopped first, as the browser stops an idle one), online, and every other run offline
too. Each repeat visit gives

- the worker's marks (docs/assets/calc/marks.js; ``window.calcRuntime.marks``, on the page's
  clock), from the page's own ``startedAt`` (when it asked for the worker);
- the main thread's long tasks (over 50 ms) up to the answer, from a ``PerformanceObserver``
  installed before any page script;
- a Chromium trace of the visit (categories ``v8.wasm``): whether V8's compiled-code cache for
  the runtime's WebAssembly hit (``v8.wasm.moduleCacheHit``, with the bytes it read) or the
  module was compiled and cached again (``v8.wasm.compiledModule``, ``v8.wasm.cachedModule``).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Mapping
from typing import Any

from playwright.sync_api import Browser, BrowserContext
from playwright.sync_api import Error as PlaywrightError

from benchmarks.browser import LINK, tab_in
from benchmarks.cli import log
from benchmarks.fmt import ms
from benchmarks.measure import TIMEOUT_MS, bare_runtime_once, url_path, wait_ready
from benchmarks.repeat import aged_context, close_aged, first_visit
from benchmarks.sections import BARE, Bench
from benchmarks.server import PagesServer

# The worker's marks in the order they happen (docs/assets/calc/marks.js), with the report's
# words for them.
MARKS = (
    ("running", "worker running"),
    ("runtimeImported", "runtime imported"),
    ("wasmCompiled", "wasm compiled"),
    ("snapshotBytes", "snapshot bytes ready"),
    ("moduleReady", "module ready"),
    ("memoryRestored", "memory restored"),
    ("bootstrapDone", "bootstrap done"),
    ("checked", "check answer"),
    ("firstAnswer", "first answer (worker)"),
)
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.wasm", "v8"]

LONG_TASKS = """
(() => {
  const B = (window.__bench = window.__bench || {ready: {}});
  B.long = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.long.push([e.startTime, e.duration]);
    }).observe({type: "longtask", buffered: true});
  } catch (err) {}
})();
"""

READ = """() => {
  const r = window.calcRuntime || {};
  return {marks: r.marks || {}, startedAt: r.startedAt || 0, boot: String(r.boot || ""),
          early: Boolean(r.early), long: (window.__bench || {}).long || []};
}"""


def wasm_trace(trace: bytes) -> dict[str, Any]:
    """The ``v8.wasm.*`` events of a Chromium trace: how many of each, and their byte counts
    (arguments named ``...bytes`` or ``...Size``, such as ``moduleCacheHit``'s
    ``consumedCacheSize`` and ``cachedModule``'s ``producedCacheSize``, at the top of the
    event's arguments or in their ``data``)."""
    events = json.loads(trace).get("traceEvents", [])
    out: dict[str, Any] = {}
    for event in events:
        name = str(event.get("name", ""))
        if not name.startswith("v8.wasm."):
            continue
        entry = out.setdefault(name, {"count": 0, "bytes": 0})
        entry["count"] += 1
        args = dict(event.get("args") or {})
        if isinstance(args.get("data"), dict):
            args.update(args.pop("data"))
        for key, value in args.items():
            sized = key.lower().endswith(("bytes", "size"))
            if sized and isinstance(value, int | float) and not isinstance(value, bool):
                entry["bytes"] += int(value)
    return out


def describe(visit: Mapping[str, Any]) -> str:
    if "error" in visit:
        return f"{'offline' if visit['offline'] else 'online'} failed: {visit['error']}"
    hit = visit["wasm"].get("v8.wasm.moduleCacheHit", {}).get("count", 0)
    return (
        f"{'offline' if visit['offline'] else 'online'} {visit['ready']:.0f} ms "
        f"({visit['boot'] or '?'} boot, {visit['long_tasks']} long tasks, "
        f"code cache {'hit' if hit else 'missed'})"
    )


def boot_visit(
    browser: Browser, context: BrowserContext, url: str, offline: bool
) -> dict[str, Any]:
    """The calculator page again in a new tab of ``context``, traced; its marks and long tasks
    (ms since navigation start)."""
    with tab_in(context, LINK, offline=offline) as tab:
        tab.cdp.send("ServiceWorker.enable")
        tab.cdp.send("ServiceWorker.stopAllWorkers")
        browser.start_tracing(categories=TRACE_CATEGORIES)
        traced = True
        try:
            tab.page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
            ready = wait_ready(tab.page, url_path(url))
            # The worker's marks arrive right after its first answer.
            tab.page.wait_for_function(
                "() => (window.calcRuntime || {}).marks && 'firstAnswer' in calcRuntime.marks",
                timeout=10_000,
            )
            seen: dict[str, Any] = tab.page.evaluate(READ)
            trace = browser.stop_tracing()
            traced = False
        finally:
            if traced:
                browser.stop_tracing()
    long = [(s, d) for s, d in seen["long"] if s < ready]
    return {
        "ready": ready,
        "offline": offline,
        "boot": seen["boot"],
        "early": seen["early"],
        "started": seen["startedAt"],
        "marks": seen["marks"],
        "long_tasks": len(long),
        "long_ms": sum(d for _, d in long),
        "blocking_ms": sum(d - 50 for _, d in long),
        "wasm": wasm_trace(trace),
    }


def boot(b: Bench) -> None:
    """The section: bare Pyodide cold and repeat boots, interleaved (see the module's text),
    with the site at a root (``b`` rebased by :func:`benchmarks.rooted.rooted`)."""
    if b.base != "/":
        raise RuntimeError("the section boot needs the site at a root (benchmarks.rooted)")
    b.results["boot"] = boot_runs(b, b.server, b.index_url)


def boot_runs(b: Bench, server: PagesServer, index_url: str) -> dict[str, Any]:
    browser = b.chromium
    url = server.origin + b.first
    context = aged_context(browser, server)
    context.add_init_script(LONG_TASKS)
    bare: list[float] = []
    visits: list[dict[str, Any]] = []
    try:
        first = first_visit(context, server, url, LINK, index_url, b.snapshot_wait())
        if first.snapshot is None:
            log("boot: no snapshot was made on the first visit; the visits boot normally")
        out: dict[str, Any] = {"first_ready": first.ready, "snapshot": first.snapshot}
        for n in range(b.args.runs):
            bare.append(bare_runtime_once(browser, server.origin + BARE))
            for offline in (False, True) if n % 2 else (False,):
                context.set_offline(offline)
                try:
                    visit = boot_visit(browser, context, url, offline)
                except PlaywrightError as err:
                    visit = {"error": str(err).strip().splitlines()[0], "offline": offline}
                finally:
                    context.set_offline(False)
                visits.append(visit)
                log(f"boot {n + 1}/{b.args.runs}: bare {bare[-1]:.0f} ms, {describe(visit)}")
    finally:
        close_aged(context, server)
    out.update(bare=bare, visits=visits)
    return out


def _median(values: list[float]) -> str:
    return ms(statistics.median(values)) if values else ""


def boot_numbers(r: Mapping[str, Any]) -> list[str]:
    """The report's table of a repeat boot's stages (the section ``boot``)."""
    data = r.get("boot")
    if not data:
        return []
    bare = list(data.get("bare") or [])
    lines = [
        "### Where a repeat visit's boot goes (issue 26; medians, ms since navigation start)",
        "",
        f"Bare Pyodide's cold `1+1` in the same run: {_median(bare)} (n = {len(bare)}). "
        "Each stage is also given as a ratio of it.",
        "",
    ]
    base = statistics.median(bare) if bare else 0.0
    for offline in (False, True):
        visits = [
            v for v in data.get("visits") or [] if "ready" in v and v.get("offline") == offline
        ]
        if not visits:
            continue
        lines += [
            f"{'Offline' if offline else 'Online (20 Mbit/s, 40 ms)'}, "
            f"{len(visits)} visits, boots: "
            + ", ".join(sorted({str(v.get("boot") or "?") for v in visits}))
            + ":",
            "",
            "| stage | ms since navigation | ms since the worker was asked for | x bare |",
            "| --- | --- | --- | --- |",
        ]
        rows = [("worker asked for (page)", [(v["started"], v) for v in visits])]
        rows += [
            (title, [(v["marks"][key], v) for v in visits if key in v["marks"]])
            for key, title in MARKS
        ]
        rows.append(("answer shown (page)", [(v["ready"], v) for v in visits]))
        for title, pairs in rows:
            if not pairs:
                continue
            med = statistics.median(t for t, _ in pairs)
            since = statistics.median(t - v["started"] for t, v in pairs)
            ratio = f"{med / base:.3f}" if base else ""
            lines.append(f"| {title} | {ms(med)} | {ms(since)} | {ratio} |")
        long_n = [v["long_tasks"] for v in visits]
        long_ms = [v["long_ms"] for v in visits]
        blocking = [v["blocking_ms"] for v in visits]
        hits = [v["wasm"].get("v8.wasm.moduleCacheHit", {}) for v in visits]
        lines += [
            "",
            f"Main thread before the answer: {statistics.median(long_n):g} long tasks, "
            f"{_median(long_ms)} in them, {_median(blocking)} blocking (medians). "
            f"V8's WebAssembly code cache: hit in {sum(1 for h in hits if h.get('count'))} of "
            f"{len(visits)} visits"
            + (
                f" ({statistics.median([h['bytes'] for h in hits if h.get('count')]):,.0f} "
                "bytes read)"
                if any(h.get("count") for h in hits)
                else ""
            )
            + "; events seen: "
            + (", ".join(sorted({f"`{name}`" for v in visits for name in v["wasm"]})) or "none")
            + ".",
            "",
        ]
    return lines
