"""Repeat visits (issue 15): after the 10-minute HTTP cache has expired, online and offline.

A repeat visit is measured in the browser context of a first visit, the way a reader comes
back: the first visit (a cold one, in a new context) waits until the site's service worker has
kept the site and the runtime (the widget's quiet "ready offline" line, which the bridge shows
when the service worker says both caches are complete) and then, for a while, for the memory
snapshot the module worker may make in the background and keep in Cache Storage (a cache named
``yuqi-xieshang-snapshot-...``). Then that page is closed, the service worker is stopped (as
the browser stops an idle one after about 30 s), and the page is opened again in a new tab.

Expiry is simulated by the server (:mod:`benchmarks.server`): during these runs every answer
carries a ``Date`` 11 minutes in the past, so whatever the browser keeps in its HTTP cache is
stale on arrival and every reuse is revalidated over the emulated link, with a 304, as after
11 minutes. Cache Storage (the service worker's copies, the snapshot) does not expire.

Each visit is counted by the server (what it sent, 304s included) and by the DevTools Protocol
on the page and every target it started, the service worker included (which URLs were asked
for, wherever the answer came from).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Browser, BrowserContext
from playwright.sync_api import Error as PlaywrightError

from benchmarks.browser import LINK, VIEWPORT, Link, Tab, Traffic, tab_in
from benchmarks.measure import (
    OFFLINE_READY,
    PYTHON_READY,
    TIMEOUT_MS,
    Transfer,
    bare_runtime_once,
    count_visit,
    observer_script,
    url_path,
    wait_quiet,
    wait_ready,
)
from benchmarks.server import PagesServer

AGED_S = 11 * 60  # how old every Date is during a repeat run
CACHE_PREFIX = "yuqi-xieshang-"  # hooks/sw.js's PREFIX
SNAPSHOT_PREFIX = CACHE_PREFIX + "snapshot-"  # docs/assets/calc/protocol.js's snapshotCache
OFFLINE_WAIT_S = 120.0
QUIET_S = 2.0

# Cache names with our prefix; for a snapshot cache, how many entries it holds (the worker puts
# one when the snapshot is complete). Only snapshot caches are opened, and only names that
# caches.keys() just listed.
CACHE_STATE = """async (prefix) => {
  const out = {};
  for (const name of await caches.keys()) {
    if (!name.startsWith(prefix)) continue;
    out[name] = name.startsWith(prefix + "snapshot-")
      ? (await (await caches.open(name)).keys()).length : -1;
  }
  return out;
}"""

NAVIGATION = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  if (!n) return {};
  return {workerStart: n.workerStart, fetchStart: n.fetchStart, requestStart: n.requestStart,
          responseStart: n.responseStart, responseEnd: n.responseEnd};
}"""

# Where a visit's time went, in ms since navigation start: the navigation's timing and the
# bridge's own marks (docs/assets/calc/bridge.js keeps them on window.calcRuntime: when it
# asked for the worker, when the worker said the runtime was up). Missing ones are left out.
STAGES = """() => {
  const n = performance.getEntriesByType("navigation")[0] || {};
  const r = window.calcRuntime || {};
  const marks = {response: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd,
                 workerAsked: r.startedAt, runtimeReady: r.readyAt};
  const kept = Object.entries(marks).filter(([, v]) => typeof v === "number" && v > 0);
  return Object.fromEntries(kept);
}"""

# The worker's news of the snapshot it made (docs/assets/calc/runtime.js keeps it): the room left.
SNAPSHOT_ROOM = """() => { const s = (window.calcRuntime || {}).snapshot;
  return s && s.ok && s.room > 0 ? s.room : null; }"""
# How the module worker booted (the bridge keeps the worker's word: "snapshot" or "normal").
BOOT = "() => String((window.calcRuntime || {}).boot || '')"
# What the page is told about its link (the widget waits for a click on 2g/3g or saveData).
LINK_TYPE = "() => navigator.connection ? String(navigator.connection.effectiveType) : ''"


def is_runtime(path: str, pyodide_prefix: str) -> bool:
    """A file of the runtime: anything under the Pyodide directory, or the worker script."""
    return path.startswith(pyodide_prefix) or path.endswith("/assets/calc/worker.js")


@dataclass(frozen=True)
class FirstVisit:
    ready: float  # ms from navigation to the Python answer (a cold visit, old Dates)
    offline_ready_s: float | None  # s from the answer to the quiet line; None: not within limit
    caches: tuple[str, ...]  # our cache names when the first visit ended
    snapshot: str | None  # the snapshot cache, if one was complete in time
    snapshot_s: float | None  # s from the quiet line until the snapshot was complete
    snapshot_waited_s: float  # how long the first visit was prepared to wait for it
    transfer: Transfer  # everything the server sent during the first visit
    link_type: str = ""  # navigator.connection.effectiveType
    stages: dict[str, float] = field(default_factory=dict)  # see STAGES
    # Bytes of the runtime's initial memory the warm-up left free (the worker's snapshot news;
    # docs/assets/calc/snapshot.js): a snapshot is kept only while it fits that memory.
    snapshot_room: int | None = None


@dataclass(frozen=True)
class Visit:
    ready: float | None  # ms from navigation to the Python answer; None: a page without widget
    transfer: Transfer
    runtime_requests: tuple[str, ...]  # runtime URLs asked for by the page or any of its targets
    boot: str  # "snapshot", "normal" or "" (unknown)
    navigation: dict[str, float] = field(default_factory=dict)
    error: str = ""  # why there is no answer, where one was expected
    stages: dict[str, float] = field(default_factory=dict)  # see STAGES


@dataclass(frozen=True)
class RepeatRun:
    first: FirstVisit
    repeat: Visit | None = None  # the same page, online
    offline: Visit | None = None  # the same page, the context offline
    guide: Visit | None = None  # a guide page, online, after the calculator page


def cache_state(tab: Tab) -> dict[str, int]:
    state: dict[str, int] = tab.page.evaluate(CACHE_STATE, CACHE_PREFIX)
    return state


def wait_for_snapshot(tab: Tab, limit_s: float) -> tuple[str | None, float | None]:
    """Poll Cache Storage (once a second, at most ``limit_s``) for a complete snapshot."""
    start = time.monotonic()
    while True:
        complete = [name for name, n in cache_state(tab).items() if n > 0]
        if complete:
            return complete[0], time.monotonic() - start
        if time.monotonic() - start >= limit_s:
            return None, None
        tab.page.wait_for_timeout(1000)


def first_visit(
    context: BrowserContext,
    server: PagesServer,
    url: str,
    link: Link,
    pyodide_prefix: str,
    snapshot_wait_s: float,
) -> FirstVisit:
    """A cold visit to a calculator page, kept open until the service worker has kept the site
    and the runtime (at most 120 s) and then until a snapshot is complete (at most
    ``snapshot_wait_s``)."""
    server.clear()
    traffic = Traffic()
    with tab_in(context, link) as tab:
        traffic.attach(tab)
        tab.page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        ready = wait_ready(tab.page, url_path(url))
        answered = time.monotonic()
        stages: dict[str, float] = tab.page.evaluate(STAGES)
        offline_s: float | None = None
        try:
            tab.page.wait_for_selector(
                OFFLINE_READY, state="attached", timeout=OFFLINE_WAIT_S * 1000
            )
            offline_s = time.monotonic() - answered
        except PlaywrightError:
            pass  # recorded as None: the repeat visit is measured all the same
        snapshot, snapshot_s = wait_for_snapshot(tab, snapshot_wait_s)
        room: int | None = tab.page.evaluate(SNAPSHOT_ROOM) if snapshot else None
        wait_quiet(tab, server, traffic, QUIET_S, 60)
        caches = tuple(sorted(cache_state(tab)))
        link_type: str = tab.page.evaluate(LINK_TYPE)
        transfer = count_visit(server, traffic, pyodide_prefix, tuple(traffic.failed.values()))
    return FirstVisit(
        ready,
        offline_s,
        caches,
        snapshot,
        snapshot_s,
        snapshot_wait_s,
        transfer,
        link_type,
        stages,
        room,
    )


def revisit(
    context: BrowserContext,
    server: PagesServer,
    url: str,
    link: Link,
    pyodide_prefix: str,
    widget: bool = True,
    offline: bool = False,
) -> Visit:
    """Open ``url`` in a new tab of ``context`` with its service worker stopped; until the
    Python answer (``widget``) or the load event, then until the network is quiet."""
    server.clear()
    traffic = Traffic()
    with tab_in(context, link, offline=offline) as tab:
        traffic.attach(tab)
        tab.cdp.send("ServiceWorker.enable")
        tab.cdp.send("ServiceWorker.stopAllWorkers")
        tab.page.goto(url, wait_until="commit" if widget else "load", timeout=TIMEOUT_MS)
        ready, error = None, ""
        if widget:
            try:
                ready = wait_ready(tab.page, url_path(url))
            except PlaywrightError as err:
                error = str(err).splitlines()[0]  # reported: no answer (offline, say)
        wait_quiet(tab, server, traffic, QUIET_S, 60)
        navigation: dict[str, float] = tab.page.evaluate(NAVIGATION)
        stages: dict[str, float] = tab.page.evaluate(STAGES)
        boot: str = tab.page.evaluate(BOOT)
        every = ("page", "worker", "service_worker", "shared_worker")
        runtime = tuple(
            sorted({u for u in traffic.requested(every) if is_runtime(url_path(u), pyodide_prefix)})
        )
        transfer = count_visit(server, traffic, pyodide_prefix, tuple(traffic.failed.values()))
    return Visit(ready, transfer, runtime, boot, navigation, error, stages)


def aged_context(browser: Browser, server: PagesServer) -> BrowserContext:
    """A new context (service workers allowed, the benchmark's observer in every page), with
    the server's Dates moved 11 minutes back until :func:`close_aged` is called."""
    server.date_offset_s = -AGED_S
    context = browser.new_context(viewport=VIEWPORT, service_workers="allow")
    context.add_init_script(observer_script(PYTHON_READY))
    return context


def close_aged(context: BrowserContext, server: PagesServer) -> None:
    try:
        context.close()
    finally:
        server.date_offset_s = 0.0


def repeat_once(
    browser: Browser,
    server: PagesServer,
    url: str,
    pyodide_prefix: str,
    *,
    link: Link = LINK,
    snapshot_wait_s: float = 60.0,
    online: bool = True,
    offline: bool = False,
    guide_url: str | None = None,
) -> RepeatRun:
    """A first visit to the calculator page ``url``, then (each in a new tab, in this order)
    the same page again online, the same page offline, and the guide page online."""
    context = aged_context(browser, server)
    try:
        first = first_visit(context, server, url, link, pyodide_prefix, snapshot_wait_s)
        again = revisit(context, server, url, link, pyodide_prefix) if online else None
        away = None
        if offline:
            context.set_offline(True)
            try:
                away = revisit(context, server, url, link, pyodide_prefix, offline=True)
            finally:
                context.set_offline(False)
        guide = None
        if guide_url:
            guide = revisit(context, server, guide_url, link, pyodide_prefix, widget=False)
    finally:
        close_aged(context, server)
    return RepeatRun(first, again, away, guide)


def page_bytes_once(
    browser: Browser, server: PagesServer, url: str, pyodide_prefix: str
) -> tuple[Transfer, Transfer]:
    """A first and a repeat visit to a page without widget: (first, repeat) as the server
    counted them. The first visit waits for the service worker to be active (it registers on
    every page) before the page is closed."""
    context = aged_context(browser, server)
    try:
        server.clear()
        traffic = Traffic()
        with tab_in(context) as tab:
            traffic.attach(tab)
            tab.page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
            tab.page.wait_for_function(
                "navigator.serviceWorker.ready.then(() => true)", timeout=30_000
            )
            wait_quiet(tab, server, traffic, QUIET_S, 60)
            first = count_visit(server, traffic, pyodide_prefix, tuple(traffic.failed.values()))
        again = revisit(context, server, url, LINK, pyodide_prefix, widget=False)
    finally:
        close_aged(context, server)
    return first, again.transfer


@dataclass(frozen=True)
class SlowRun:
    bare: float  # bare runtime, cold, ms
    run: RepeatRun  # the calculator page: first visit (cold) and repeat visit


def slow_once(
    browser: Browser,
    server: PagesServer,
    bare_url: str,
    url: str,
    pyodide_prefix: str,
    link: Link,
    snapshot_wait_s: float,
) -> SlowRun:
    """On ``link`` (slow 4G): the bare runtime cold, then the calculator page cold and again."""
    bare = bare_runtime_once(browser, bare_url, link)
    run = repeat_once(
        browser, server, url, pyodide_prefix, link=link, snapshot_wait_s=snapshot_wait_s
    )
    return SlowRun(bare, run)


def calibrate(
    browser: Browser, server: PagesServer, calc_url: str, guide_url: str
) -> dict[str, Any]:
    """Are the service worker's own requests throttled with the page?

    1. ``precache``: a cold visit to a calculator page on a link with 250 ms of latency (under
       the 270 ms at which Chromium calls a link 3g and the widget waits for a click), timed
       from the Python answer to the quiet "ready offline" line: the service worker fetches
       the site (about 100 requests, three at a time) in between. Once with only the page and
       its dedicated workers given the link, once with the service worker's target too.
    2. ``navigation``: then, in that context, a guide page (network first: the service worker
       revalidates it over the network, a 304) on a link with 1 s of latency, fetchStart to
       responseEnd: with the service worker still running from the visit before (attached to
       the new page only once it has navigated), and stopped first (it starts for this
       navigation, held at its start until it has the link), each with and without the service
       worker's target given the link.
    """
    cold_link = Link("calibration", LINK.down_bits, LINK.up_bits, 250)
    nav_link = Link("calibration", LINK.down_bits, LINK.up_bits, 1000)
    page_only = ("worker",)
    with_sw = ("worker", "service_worker")
    out: dict[str, Any] = {
        "precache_latency_ms": cold_link.latency_ms,
        "navigation_latency_ms": nav_link.latency_ms,
        "precache": {},
        "navigation": {},
    }
    for label, types in (("page_only", page_only), ("with_service_worker", with_sw)):
        context = aged_context(browser, server)
        try:
            with tab_in(context, cold_link, throttled=types) as tab:
                tab.page.goto(calc_url, wait_until="commit", timeout=TIMEOUT_MS)
                wait_ready(tab.page, url_path(calc_url))
                answered, before = time.monotonic(), len(server.sent)
                tab.page.wait_for_selector(
                    OFFLINE_READY, state="attached", timeout=OFFLINE_WAIT_S * 1000
                )
                out["precache"][label] = {
                    "s": time.monotonic() - answered,
                    "requests": len(server.sent) - before,
                }
            if types != with_sw:
                continue
            for name, stop, nav_types in (
                ("running_page_only", False, page_only),
                ("running_with_service_worker", False, with_sw),
                ("restarted_page_only", True, page_only),
                ("restarted_with_service_worker", True, with_sw),
            ):
                with tab_in(context, nav_link, throttled=nav_types) as tab:
                    if stop:
                        tab.cdp.send("ServiceWorker.enable")
                        tab.cdp.send("ServiceWorker.stopAllWorkers")
                    tab.page.goto(guide_url, wait_until="load", timeout=TIMEOUT_MS)
                    nav: dict[str, float] = tab.page.evaluate(NAVIGATION)
                # responseEnd: Chromium's emulation may deliver the headers early and hold
                # the body (a page's own navigation shows responseStart before the latency).
                out["navigation"][name] = nav.get("responseEnd", 0.0) - nav.get("fetchStart", 0.0)
        finally:
            close_aged(context, server)
    return out
