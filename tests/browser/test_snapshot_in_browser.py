"""The memory snapshot (issue 15, item 3; issue 26, item 3): after a first visit the worker makes
one in the background (docs/assets/calc/worker.js, calculators/web/warm.py) and keeps it as a
file of the origin private file system (snapfile.js) or, where that is missing, gzipped in Cache
Storage (snapshot.js); the next visit boots from it, online or offline, in either edition, with
the same answers; a damaged one is not used, deleted and made again; what the reader typed is
never in it. The paths where the fast ones are missing are in test_snapshot_fallbacks.py.
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

# The stored snapshot file (header, bitmap of kept pages, the kept pages: snapfile.js), its
# pages put back in place in a buffer of the snapshot's length: {names, name, stored, bytes}.
UNPACK = """async function unpack() {
  const dir = await navigator.storage.getDirectory();
  const names = [];
  for await (const n of dir.keys()) if (n.startsWith("yuqi-xieshang-snapshot-")) names.push(n);
  if (names.length !== 1) return { names };
  const handle = await dir.getFileHandle(names[0]);
  const file = new Uint8Array(await (await handle.getFile()).arrayBuffer());
  const head = new DataView(file.buffer, 0, 32);
  const length = head.getUint32(8, true), pages = head.getUint32(12, true);
  const map = file.subarray(32, 32 + Math.ceil(pages / 8));
  const bytes = new Uint8Array(length);
  let at = 32 + map.length;
  for (let p = 0; p < pages; p++) {
    if (!(map[p >> 3] & (1 << (p & 7)))) continue;
    const piece = file.subarray(at, at + Math.min(4096, length - p * 4096));
    bytes.set(piece, p * 4096);
    at += piece.length;
  }
  return { names, name: names[0], stored: file.length, bytes, dir };
}"""

# Which of the strings (as bytes) the stored snapshot holds.
SNAPSHOT_HOLDS = (
    """async (needles) => {"""
    + UNPACK
    + """
  const { names, stored, bytes } = await unpack();
  if (!bytes) return { names };
  const text = new TextDecoder("latin1").decode(bytes);
  return { names, size: bytes.length, stored, found: needles.filter((n) => text.includes(n)) };
}"""
)

# One byte in the middle of the stored pages, flipped (the file written back whole).
DAMAGE = """async () => {
  const dir = await navigator.storage.getDirectory();
  let name = null;
  for await (const n of dir.keys()) if (n.startsWith("yuqi-xieshang-snapshot-")) name = n;
  const handle = await dir.getFileHandle(name);
  const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  const writable = await handle.createWritable();
  await writable.write(bytes);
  await writable.close();
  return name;
}"""

SNAPSHOT_FILES = """async () => {
  const names = [];
  for await (const name of (await navigator.storage.getDirectory()).keys()) {
    if (name.startsWith("yuqi-xieshang-snapshot-")) names.push(name);
  }
  return names;
}"""

FILE_EXISTS = """async (name) => {
  const dir = await navigator.storage.getDirectory();
  try { await dir.getFileHandle(name); return true; } catch { return false; }
}"""


MARKED = "() => 'firstAnswer' in (window.calcRuntime.marks || {})"

# The snapshot file turned into today's Cache Storage entry (gzip, its length beside it), the
# file removed: what a browser without the private file system keeps (snapshot.js).
FILE_TO_CACHE = (
    """async ([cacheName, entry]) => {"""
    + UNPACK
    + """
  const { name, bytes, dir } = await unpack();
  const gz = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  const body = await new Response(gz).arrayBuffer();
  const headers = { "content-type": "application/gzip", "x-snapshot-bytes": String(bytes.length) };
  await (await caches.open(cacheName)).put(entry, new Response(body, { headers }));
  await dir.removeEntry(name);
  return name;
}"""
)
SNAPSHOT_NAME = """() => [window.calcRuntime.snapshotName, new URL("snapshot.bin.gz",
  document.querySelector('script[src*="bridge.js?"]').src).href.split("?")[0]]"""


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
        assert page.evaluate("window.calcRuntime.snapshot.where") == "file"
        held = page.evaluate(SNAPSHOT_HOLDS, [TYPED, "calculators.web.warm"])
        assert held["size"] > 10_000_000, held
        # Kept without its zero pages: well under the memory's size.
        assert held["stored"] < held["size"] * 0.8, held
        # The search can find a string (the module that made it), and not the typed number.
        assert held["found"] == ["calculators.web.warm"], held

        page.reload()
        wait_ready(page)
        assert page.evaluate(BOOT) == "snapshot"
        assert page.evaluate("window.calcRuntime.early")  # started from <head>, adopted
        assert page.evaluate("window.calcRuntime.starts") == 1
        assert type_and_wait(page, "income", TYPED) == first
        # The worker's marks (marks.js): the file read and the .wasm compiled ahead (compile.js)
        # before Pyodide's module was ready, the memory restored after it.
        page.wait_for_function(MARKED, timeout=READY_MS)
        marks = page.evaluate("window.calcRuntime.marks")
        assert marks["snapshotBytes"] < marks["memoryRestored"], marks
        assert marks["wasmCompiled"] <= marks["moduleReady"] < marks["memoryRestored"], marks
        assert marks["bootstrapDone"] <= marks["firstAnswer"], marks

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
        assert page.evaluate(FILE_EXISTS, name)
        page.reload()
        wait_ready(page)
        assert page.evaluate(BOOT) == "snapshot"
        assert type_and_wait(page, "income", "12345") == right
        context.close()


def test_two_tabs_at_once_and_the_cache_storage_fallback(
    browser: Browser, servers: Any, site_dir: Path
) -> None:
    """Two tabs opened at once both read the snapshot file (read-only handles) or, if one finds
    it held, boot the normal way and leave it alone; where a snapshot is in Cache Storage (a
    browser without the private file system keeps it there), the next visit boots from it."""
    with own_server(servers.root, site_dir) as server:
        context = sw_context(browser)
        page = context.new_page()
        page.goto(server.url + CALC_PAGE)
        wait_ready(page)
        right = type_and_wait(page, "income", "12345")
        wait_made(page)
        name = page.evaluate(SNAPSHOT_FILES)
        assert len(name) == 1, name

        tabs = [context.new_page() for _ in range(2)]
        for tab in tabs:
            tab.goto(server.url + CALC_PAGE, wait_until="commit")
        for tab in tabs:
            wait_ready(tab)
            assert tab.evaluate(BOOT) in ("snapshot", "normal")
            assert type_and_wait(tab, "income", "12345") == right
        assert "snapshot" in [tab.evaluate(BOOT) for tab in tabs]
        assert page.evaluate(SNAPSHOT_FILES) == name  # kept, whole, by both
        for tab in tabs:
            tab.close()

        cache_name, entry = page.evaluate(SNAPSHOT_NAME)
        assert page.evaluate(FILE_TO_CACHE, [cache_name, entry]) == name[0]
        page.reload()
        wait_ready(page)
        assert page.evaluate(BOOT) == "snapshot"
        assert page.evaluate("window.calcRuntime.early")  # the page found it in the cache
        assert type_and_wait(page, "income", "12345") == right
        context.close()
