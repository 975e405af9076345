"""Debian Chromium through Playwright, over an emulated good mobile link.

On bare loopback a download costs nothing, so caches and parallel fetches save nothing and the
numbers mislead. Every page the benchmark opens is therefore throttled through the DevTools
Protocol (``Network.emulateNetworkConditions``: 20 Mbit/s down, 10 Mbit/s up, 40 ms latency)
before it navigates, with the HTTP cache left on. The throttle of a page also applies to the
requests of its dedicated workers (checked: the bare runtime takes about twice as long with it).

Byte counts come from ``Network.loadingFinished`` (``encodedDataLength``: headers and body as
they crossed the wire). A worker's requests are reported only on the worker's own target, so
:class:`Traffic` auto-attaches to workers in the old, unflattened mode (its messages arrive as
events of the page's session, which Playwright's CDP session can deliver) and enables their
Network domain before they run.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

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

DOWN_BITS = 20_000_000
UP_BITS = 10_000_000
LATENCY_MS = 40
# A phone-sized window would hide the navigation links behind the drawer; the network is what
# is emulated here, the layout is Lighthouse's job.
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            yield browser
        finally:
            browser.close()


def throttle(context: BrowserContext, page: Page) -> CDPSession:
    """Emulate the link on ``page`` (and so on its workers) with the HTTP cache on."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": DOWN_BITS / 8,
            "uploadThroughput": UP_BITS / 8,
        },
    )
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    return cdp


@dataclass(frozen=True)
class Tab:
    context: BrowserContext
    page: Page
    cdp: CDPSession


@contextmanager
def throttled_tab(browser: Browser, init_script: str | None = None) -> Iterator[Tab]:
    """A new context (so an empty HTTP cache) with one throttled page, closed at the end."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        yield Tab(context, page, throttle(context, page))
    finally:
        context.close()


@dataclass
class Traffic:
    """Requests and encoded bytes of one page and its workers, from the DevTools Protocol.

    Request ids are unique across targets; a worker's own script is requested by the page's
    target and finished on the worker's, so everything is keyed by request id alone. When that
    script arrives before the worker's Network domain is on, its loadingFinished is never seen:
    and the body of such a script is not counted: the benchmark reports the server's count.
    """

    urls: dict[str, str] = field(default_factory=dict)
    last_event: float = field(default_factory=time.monotonic)
    sizes: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def attach(self, cdp: CDPSession) -> None:
        """Listen on ``cdp`` (a throttled page's session) and on every worker it starts."""

        def request(params: dict[str, Any]) -> None:
            with self.lock:
                self.urls[params["requestId"]] = params["request"]["url"]

        def finished(params: dict[str, Any]) -> None:
            with self.lock:
                self.sizes[params["requestId"]] = int(params["encodedDataLength"])

        def failed(params: dict[str, Any]) -> None:
            with self.lock:
                url = self.urls.get(params["requestId"], "?")
                self.failed[params["requestId"]] = f"{url} ({params.get('errorText', '')})"

        def attached(params: dict[str, Any]) -> None:
            session = params["sessionId"]
            try:
                for n, method in enumerate(("Network.enable", "Runtime.runIfWaitingForDebugger")):
                    message = json.dumps({"id": n + 1, "method": method, "params": {}})
                    cdp.send(
                        "Target.sendMessageToTarget", {"sessionId": session, "message": message}
                    )
            except PlaywrightError:
                pass  # the page closed while a worker was starting: nothing left to count

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
                handler(message["params"])

        def touch(_: object) -> None:
            self.last_event = time.monotonic()

        for method, handler in handlers.items():
            cdp.on(method, handler)
            cdp.on(method, touch)
        for method in ("Network.dataReceived", "Network.responseReceived"):
            cdp.on(method, touch)
        cdp.on("Target.attachedToTarget", attached)
        cdp.on("Target.receivedMessageFromTarget", from_target)
        cdp.send(
            "Target.setAutoAttach",
            {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False},
        )

    def pending(self) -> list[str]:
        """URLs of requests with no loadingFinished or loadingFailed (yet)."""
        with self.lock:
            return [self.urls[k] for k in self.urls.keys() - self.sizes.keys() - self.failed.keys()]

    def rows(self) -> list[tuple[str, int]]:
        """(url, encoded bytes) of every finished request."""
        with self.lock:
            return [(self.urls.get(k, "?"), n) for k, n in self.sizes.items()]
