"""The memory snapshot (issue 15, item 3): after a first visit the worker makes one in the
background (docs/assets/calc/worker.js, calculators/web/warm.py) and keeps it in Cache Storage;
the next visit boots from it, online or offline, in either edition, with the same answers; a
damaged one is not used, deleted and made again; what the reader typed is never in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page
from test_offline import (
    CALC_PAGE,
    HANT,
    READY_MS,
    own_server,
    sw_context,
    type_and_wait,
    wait_ready,
)

TYPED = "86420.97"  # typed before the snapshot is made: must not be in it

MADE = "() => window.calcRuntime && window.calcRuntime.snapshot && window.calcRuntime.snapshot.ok"
BOOT = "() => window.calcRuntime.boot"

# The stored snapshot, unzipped, searched for strings (as bytes): which of them it holds.
SNAPSHOT_HOLDS = """async (needles) => {
  const names = (await caches.keys()).filter((n) => n.startsWith("yuqi-xieshang-snapshot-"));
  if (names.length !== 1) return { names };
  const cache = await caches.open(names[0]);
  const [request] = await cache.keys();
  const stored = await cache.match(request);
  const stream = stored.body.pipeThrough(new DecompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const text = new TextDecoder("latin1").decode(bytes);
  return { names, size: bytes.length, found: needles.filter((n) => text.includes(n)) };
}"""

DAMAGE = """async () => {
  const [name] = (await caches.keys()).filter((n) => n.startsWith("yuqi-xieshang-snapshot-"));
  const cache = await caches.open(name);
  const [request] = await cache.keys();
  const stored = await cache.match(request);
  const bytes = new Uint8Array(await stored.arrayBuffer());
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;  // one byte in the middle of the deflate data
  await cache.put(request, new Response(bytes, { headers: stored.headers }));
  return name;
}"""


def wait_made(page: Page) -> None:
    page.wait_for_function(MADE, timeout=READY_MS)


def test_the_next_visit_boots_from_the_snapshot(
    browser: Browser, servers: Any, site_dir: Path
) -> None:
    with own_server(servers.root, site_dir) as server:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(server.url + CALC_PAGE)
        wait_ready(page)
        assert page.evaluate(BOOT) == "normal"
        assert not page.evaluate("window.calcRuntime.early")  # a first visit: the bridge's
        first = type_and_wait(page, "income", TYPED)
        wait_made(page)
        held = page.evaluate(SNAPSHOT_HOLDS, [TYPED, "calculators.web.warm"])
        assert held["size"] > 10_000_000, held
        # The search can find a string (the module that made it), and not the typed number.
        assert held["found"] == ["calculators.web.warm"], held

        page.reload()
        wait_ready(page)
        assert page.evaluate(BOOT) == "snapshot"
        assert page.evaluate("window.calcRuntime.early")  # started from <head>, adopted
        assert page.evaluate("window.calcRuntime.starts") == 1
        assert type_and_wait(page, "income", TYPED) == first

        # Offline, the other edition: nothing listens, the context is offline.
        server.close()
        context.set_offline(True)
        page.goto(server.url + HANT + CALC_PAGE)
        wait_ready(page)
        assert page.evaluate(BOOT) == "snapshot"
        shown = type_and_wait(page, "income", TYPED)
        assert shown and shown[0].isdigit(), shown
        context.close()


def test_a_damaged_snapshot_is_not_used_and_made_again(
    browser: Browser, servers: Any, site_dir: Path
) -> None:
    with own_server(servers.root, site_dir) as server:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(server.url + CALC_PAGE)
        wait_ready(page)
        right = type_and_wait(page, "income", "12345")
        wait_made(page)
        name = page.evaluate(DAMAGE)

        page.reload()
        wait_ready(page)
        assert page.evaluate(BOOT) == "normal"
        assert type_and_wait(page, "income", "12345") == right
        wait_made(page)  # the damaged one was deleted, and a new one made
        assert page.evaluate("(name) => caches.has(name)", name)
        page.reload()
        wait_ready(page)
        assert page.evaluate(BOOT) == "snapshot"
        assert type_and_wait(page, "income", "12345") == right
        context.close()
