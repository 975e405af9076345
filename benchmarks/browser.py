"""Debian Chromium through Playwright, over an emulated mobile link.

On bare loopback a download costs nothing, so caches and parallel fetches save nothing and the
numbers mislead. Every page the benchmark opens is therefore throttled through the DevTools
Protocol (``Network.emulateNetworkConditions``, :data:`LINK`: 20 Mbit/s down, 10 Mbit/s up,
40 ms latency; :data:`SLOW_4G` for Lighthouse's mobile profile) before it navigates, with the
HTTP cache left on.

The throttle of a page covers the requests of its dedicated workers (checked: the bare runtime
takes about twice as long with it), but not those the site's service worker makes in its own
target: its copy of the site after a first visit (about 100 requests) took 1.9 s on a link
with 250 ms of latency when only the page was throttled, 10.4 s when the service worker's
target was given the link too (``python -m benchmarks --only calibrate`` measures it again).
So every :class:`Tab` auto-attaches to the targets its page starts (dedicated workers and the
service worker that controls it), in the old, unflattened mode (their messages arrive as
events of the page's session, which Playwright's CDP session can deliver), holds each at its
start (``waitForDebuggerOnStart``), gives it the page's network conditions, and lets it run.
A service worker that was already running when a page navigates is attached to that page
only after the navigation; the repeat visits (:mod:`benchmarks.repeat`) stop it first.

Byte counts come from ``Network.loadingFinished`` (``encodedDataLength``: headers and body as
they crossed the wire), collected by :class:`Traffic` from the page and every attached target.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, Literal

from playwright.sync_api import (
    Browser,
    BrowserContext,
    CDPSession,
    Page,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from benchmarks.chromium import launch


@dataclass(frozen=True)
class Link:
    """An emulated network link (``Network.emulateNetworkConditions``)."""

    name: str
    down_bits: float  # per second
    up_bits: float
    latency_ms: float

    def conditions(self, offline: bool = False) -> dict[str, object]:
        return {
            "offline": offline,
            "latency": self.latency_ms,
            "downloadThroughput": self.down_bits / 8,
            "uploadThroughput": self.up_bits / 8,
        }

    def describe(self) -> str:
        def rate(bits: float) -> str:
            whole = bits >= 10**6 and bits % 10**6 == 0
            return f"{bits / 10**6:g} Mbit/s" if whole else f"{bits / 1000:,g} kbit/s"

        return f"{rate(self.down_bits)} down, {rate(self.up_bits)} up, {self.latency_ms:g} ms"


DOWN_BITS = 20_000_000
UP_BITS = 10_000_000
LATENCY_MS = 40
LINK = Link("good mobile", DOWN_BITS, UP_BITS, LATENCY_MS)
# Lighthouse's mobile throttling (its "slow 4G": constants.throttling.mobileSlow4G).
SLOW_4G = Link("slow 4G", 1_638_400, 675_000, 150)
# A phone-sized window would hide the navigation links behind the drawer; the network is what
# is emulated here, the layout is Lighthouse's job.
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
# Targets whose requests are throttled once attached (pages' own requests are throttled through
# the page's session).
THROTTLED_TYPES = ("worker", "service_worker", "shared_worker")


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            yield browser
        finally:
            browser.close()


class Tab:
    """A page of ``context`` and its DevTools session, throttled with every target it starts.

    ``children`` maps the session id of each attached target (a worker, the service worker)
    to its type; :meth:`set_link` changes the conditions of the page and of all of them.
    """

    def __init__(
        self,
        context: BrowserContext,
        page: Page,
        link: Link = LINK,
        offline: bool = False,
        throttled: tuple[str, ...] = THROTTLED_TYPES,
    ) -> None:
        self.context = context
        self.page = page
        self.link = link
        self.offline = offline
        # Target types given the page's conditions (the calibration leaves the service worker
        # out, to show what an unthrottled one does).
        self.throttled = throttled
        self.children: dict[str, str] = {}
        self.lock = threading.Lock()
        self._ids = itertools.count(1)
        cdp = context.new_cdp_session(page)
        self.cdp: CDPSession = cdp
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", link.conditions(offline))
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        cdp.on("Target.attachedToTarget", self._attached)
        cdp.on("Target.detachedFromTarget", self._detached)
        cdp.send(
            "Target.setAutoAttach",
            {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False},
        )

    def send_to(self, session: str, method: str, params: dict[str, object] | None = None) -> None:
        """Send a command to an attached target (its answer is not waited for)."""
        message = json.dumps({"id": next(self._ids), "method": method, "params": params or {}})
        # The target or the page may have gone away meanwhile: nothing left to throttle.
        with suppress(PlaywrightError):
            self.cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": message})

    def _attached(self, params: dict[str, Any]) -> None:
        session, kind = params["sessionId"], params["targetInfo"]["type"]
        with self.lock:
            self.children[session] = kind
            conditions = self.link.conditions(self.offline)
        if kind in self.throttled:
            self.send_to(session, "Network.enable")
            self.send_to(session, "Network.emulateNetworkConditions", conditions)
        self.send_to(session, "Runtime.runIfWaitingForDebugger")

    def _detached(self, params: dict[str, Any]) -> None:
        with self.lock:
            self.children.pop(params.get("sessionId", ""), None)

    def kind(self, session: str) -> str:
        with self.lock:
            return self.children.get(session, "?")

    def set_link(self, link: Link, offline: bool = False) -> None:
        """New conditions for the page and every target attached to it, and for those to come."""
        with self.lock:
            self.link, self.offline = link, offline
            sessions = [s for s, k in self.children.items() if k in self.throttled]
        self.cdp.send("Network.emulateNetworkConditions", link.conditions(offline))
        for session in sessions:
            self.send_to(session, "Network.emulateNetworkConditions", link.conditions(offline))


@contextmanager
def tab_in(
    context: BrowserContext,
    link: Link = LINK,
    offline: bool = False,
    throttled: tuple[str, ...] = THROTTLED_TYPES,
) -> Iterator[Tab]:
    """A new throttled page in an existing context (its HTTP cache, Cache Storage and service
    worker are the context's), closed at the end. ``offline``: the page and its targets get
    ``offline: true`` (after ``context.set_offline(True)``, whose own conditions on the page
    this would otherwise replace: a target has one set, the last one sent)."""
    page = context.new_page()
    try:
        yield Tab(context, page, link, offline, throttled)
    finally:
        page.close()


@contextmanager
def throttled_tab(
    browser: Browser,
    init_script: str | None = None,
    link: Link = LINK,
    service_workers: Literal["allow", "block"] = "allow",
) -> Iterator[Tab]:
    """A new context (so an empty HTTP cache) with one throttled page, closed at the end."""
    context = browser.new_context(viewport=VIEWPORT, service_workers=service_workers)
    try:
        if init_script:
            context.add_init_script(init_script)
        with tab_in(context, link) as tab:
            yield tab
    finally:
        context.close()


@dataclass
class Traffic:
    """Requests and encoded bytes of one page and the targets it started, from the DevTools
    Protocol.

    Request ids are unique across targets; a worker's own script is requested by the page's
    target and finished on the worker's, so everything is keyed by request id alone. When that
    script arrives before the worker's Network domain is on, its loadingFinished is never seen,
    and the body of such a script is not counted: the benchmark reports the server's count.
    ``kinds`` says which target sent each request: ``page``, ``worker`` or ``service_worker``.
    """

    urls: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    last_event: float = field(default_factory=time.monotonic)
    sizes: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def attach(self, tab: Tab) -> None:
        """Listen on ``tab``'s session and on every target attached to it."""

        def request(params: dict[str, Any], kind: str) -> None:
            with self.lock:
                self.urls[params["requestId"]] = params["request"]["url"]
                self.kinds.setdefault(params["requestId"], kind)

        def finished(params: dict[str, Any], kind: str) -> None:
            with self.lock:
                self.sizes[params["requestId"]] = int(params["encodedDataLength"])

        def failed(params: dict[str, Any], kind: str) -> None:
            with self.lock:
                url = self.urls.get(params["requestId"], "?")
                self.failed[params["requestId"]] = f"{url} ({params.get('errorText', '')})"

        handlers = {
            "Network.requestWillBeSent": request,
            "Network.loadingFinished": finished,
            "Network.loadingFailed": failed,
        }

        def from_target(params: dict[str, Any]) -> None:
            self.last_event = time.monotonic()
            message = json.loads(params["message"])
            handler = handlers.get(message.get("method", ""))
            if handler is not None:
                handler(message["params"], tab.kind(params.get("sessionId", "")))

        def touch(_: object) -> None:
            self.last_event = time.monotonic()

        for method, handler in handlers.items():
            tab.cdp.on(method, lambda params, handler=handler: handler(params, "page"))
            tab.cdp.on(method, touch)
        for method in ("Network.dataReceived", "Network.responseReceived"):
            tab.cdp.on(method, touch)
        tab.cdp.on("Target.receivedMessageFromTarget", from_target)

    def pending(self) -> list[str]:
        """URLs of requests with no loadingFinished or loadingFailed (yet)."""
        with self.lock:
            return [self.urls[k] for k in self.urls.keys() - self.sizes.keys() - self.failed.keys()]

    def rows(self, kinds: tuple[str, ...] = ("page", "worker")) -> list[tuple[str, int]]:
        """(url, encoded bytes) of every finished request sent by a target of ``kinds``.

        By default the page and its dedicated workers: what the service worker fetches for
        them would be counted twice (its own request, and the page's that it answers).
        """
        with self.lock:
            return [
                (self.urls.get(k, "?"), n)
                for k, n in self.sizes.items()
                if self.kinds.get(k, "page") in kinds
            ]

    def requested(self, kinds: tuple[str, ...] = ("page", "worker")) -> list[str]:
        """URLs requested by targets of ``kinds`` (answered from a cache or not)."""
        with self.lock:
            return [u for k, u in self.urls.items() if self.kinds.get(k, "page") in kinds]
