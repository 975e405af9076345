// The runtime's memory snapshot (worker.js): booting from one this browser made after an
// earlier visit is about 8x faster than the normal boot, the same Python.
//
// Reading: any doubt (no snapshot, a damaged copy, a check answer that fails, an error, a start
// that hangs) falls back to the normal boot, and a snapshot that failed is deleted. Snapshots
// of other builds are deleted when this build's worker boots (their cache names differ:
// protocol.js, snapshotCache).
//
// Making: the page's worker starts a second worker (the maker, named MAKER) once it has been
// idle for a while and no snapshot exists for this build. It boots with _makeSnapshot (Pyodide
// 314 cannot snapshot after `packages`, so it installs the checked wheel itself), runs
// calculators.web.warm.warm_up (defaults only: nothing a reader typed is in it), and stores the
// snapshot, if it fits: Pyodide restores a snapshot into a fresh runtime's memory, the
// WebAssembly module's initial memory (31,457,280 bytes in 314), and fails on a bigger one
// (pyodide issue 6254), so one that grew past it is not kept (every visit would try it, fail
// and boot the slow way). The news says how much room the warm-up left (the benchmark reports
// it; tests/pyodide/test_snapshot.py fails when it gets small).
//
// Where: only where Cache Storage and CompressionStream exist, storage is not short, and the
// site is its origin's whole (protocol.js, snapshotsAllowed: under a sub-path another site on
// the same origin could plant a snapshot, and nothing can check one). And only where the
// browser says the device has 4 GB of memory or more (navigator.deviceMemory): making one runs
// a second runtime beside the page's for a few seconds. Safari and Firefox do not say; there
// no snapshot is made, and those readers get the normal start on every visit (the runtime's
// files still come from the offline copy). A phone that runs out of memory reloads the whole
// tab and loses what the reader typed, which is worse than a slower start.
//
// _loadSnapshot, _makeSnapshot and makeMemorySnapshot are private to the pinned Pyodide
// (package.json); a snapshot also carries the runtime's build id, which Pyodide checks.
// tests/pyodide/test_snapshot.py fails when the pin changes, to make someone look again.

import { SNAPSHOT_FILE, isSnapshotCache, snapshotCache, snapshotsAllowed } from "./protocol.js";

/**
 * @typedef {import("./protocol.js").Build} Build
 * @typedef {{indexURL: string, lockFileURL: string, packageBaseUrl: string}} Options
 * @typedef {{pyimport: (name: string) => any, runPython: (code: string) => any,
 *   unpackArchive: (bytes: Uint8Array, format: string) => void,
 *   makeMemorySnapshot: () => Uint8Array<ArrayBuffer>, _module: any}} Pyodide
 * @typedef {(options: object) => Promise<Pyodide>} LoadPyodide
 */

export const MAKER_NAME = "calculators-snapshot";
const HERE = new URL(import.meta.url);
const ALLOWED = snapshotsAllowed(new URL("../../", HERE));
const SAFE = /^[\w.-]+$/;
const BOOT_LIMIT_MS = 20000;
const WHEEL_AFTER_MS = 1500;

/** Whether a snapshot may be kept here: Cache Storage, gzip streams, a site of its own. */
export function canKeep() {
  return ALLOWED && Boolean(self.caches && self.DecompressionStream && self.CompressionStream);
}

/**
 * This build's stored snapshot, or undefined. caches.match with a cacheName, not caches.open:
 * looking must not create an empty cache.
 * @param {Build} build
 */
function stored(build) {
  return caches.match(new URL(SNAPSHOT_FILE, HERE).href, { cacheName: snapshotCache(build) });
}

/**
 * Whether this build's snapshot is kept; other builds' snapshots are deleted on the way.
 * @param {Build} build
 */
export async function hasSnapshot(build) {
  if (!canKeep()) return false;
  try {
    await dropSnapshots(snapshotCache(build));
    return Boolean(await stored(build));
  } catch {
    return false;
  }
}

/**
 * Delete every snapshot cache but `keep`.
 * @param {string} [keep]
 */
async function dropSnapshots(keep = "") {
  if (!self.caches) return;
  for (const name of await caches.keys()) {
    if (isSnapshotCache(name) && name !== keep) await caches.delete(name);
  }
}

/** @param {Response} response */
async function unzip(response) {
  const want = Number(response.headers.get("x-snapshot-bytes"));
  const stream = /** @type {ReadableStream} */ (response.body).pipeThrough(new DecompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  // gzip's CRC-32 and the length stored beside it fail a damaged copy before Pyodide uses it.
  if (!want || bytes.length !== want) throw new Error("snapshot: length differs");
  return bytes;
}

/**
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 * @template T
 */
function withTimeout(promise, ms, what) {
  let timer = 0;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, limit])).finally(() => clearTimeout(timer));
}

async function hex(/** @type {Uint8Array<ArrayBuffer>} */ bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The wheel named in the lock file, checked against its sha256 there, as `packages` would.
 * @param {Options} options
 */
export async function fetchWheel(options) {
  const lock = await (await fetch(options.lockFileURL)).json();
  const entry = lock.packages && lock.packages.calculators;
  if (!entry || !SAFE.test(entry.file_name)) throw new Error("the lock file names no wheel");
  const response = await fetch(new URL(entry.file_name, options.packageBaseUrl));
  if (!response.ok) throw new Error(`wheel: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if ((await hex(bytes)) !== entry.sha256) throw new Error("wheel: sha256 differs from the lock file");
  return bytes;
}

/**
 * The initial memory (bytes) a WebAssembly binary declares: its memory section, or a memory it
 * imports; null when `bytes` ends before either (the sections come first, within 40 KB in
 * Pyodide 314).
 * @param {Uint8Array} bytes
 * @returns {number | null}
 */
export function initialMemory(bytes) {
  let pos = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; pos < bytes.length; shift += 7) {
      const byte = bytes[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
    throw new RangeError("truncated");
  };
  try {
    if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) return null;
    while (pos < bytes.length) {
      const section = bytes[pos++];
      const end = leb() + pos;
      if (section === 5) {
        leb(); // how many memories
        pos += 1; // flags
        return leb() * 65536;
      }
      if (section === 2) {
        for (let n = leb(); n > 0; n -= 1) {
          for (let name = 0; name < 2; name += 1) {
            const length = leb(); // the module's name, then the field's
            pos += length;
          }
          const kind = bytes[pos++];
          if (kind === 2) {
            pos += 1;
            return leb() * 65536;
          }
          if (kind === 0) leb();
          else if (kind === 1) {
            pos += 1;
            const flags = bytes[pos++];
            leb();
            if (flags & 1) leb();
          } else if (kind === 3) pos += 2;
          else {
            pos += 1;
            leb();
          }
        }
      }
      pos = end;
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * The initial memory of the runtime at `indexURL`, from the first bytes of its .wasm.
 * @param {string} indexURL
 */
async function runtimeMemory(indexURL) {
  const response = await fetch(new URL("pyodide.asm.wasm", indexURL).href);
  const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
  let bytes = new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (value) {
      const more = new Uint8Array(bytes.length + value.length);
      more.set(bytes);
      more.set(value, bytes.length);
      bytes = more;
    }
    const found = initialMemory(bytes);
    if (found !== null || done || bytes.length > 1 << 20) {
      reader.cancel().catch(() => {});
      return found;
    }
  }
}

/**
 * Whether a snapshot can be restored: the memory in it (all but its header, whose length is
 * its second 32-bit word) fits the runtime's initial memory.
 * @param {Uint8Array} snapshot
 * @param {number} initial
 */
export function restorable(snapshot, initial) {
  const header = new DataView(snapshot.buffer, snapshot.byteOffset, 8).getUint32(4, true);
  return snapshot.length - header <= initial;
}

export const reading = { now: false }; // a snapshot boot is being tried (worker.js: errors)

/**
 * Boot from this build's snapshot, or return null (and delete it) if anything is wrong with it.
 * @param {LoadPyodide} loadPyodide
 * @param {Options} options
 * @param {Build} build
 * @returns {Promise<Pyodide | null>}
 */
export async function bootFromSnapshot(loadPyodide, options, build) {
  reading.now = true;
  try {
    if (!canKeep()) return null;
    const kept = await stored(build);
    if (!kept) return null;
    // A promise: Pyodide fetches and compiles its .wasm while the snapshot is unzipped.
    const snapshot = unzip(kept);
    snapshot.catch(() => {});
    // Pyodide 314 swallows a failed instantiation and never settles: hence the time limit.
    const pyodide = await withTimeout(
      loadPyodide({ ...options, _loadSnapshot: snapshot }),
      BOOT_LIMIT_MS,
      "snapshot boot",
    );
    // One answer before it is trusted (a small one: the page asks for its own next).
    const check = JSON.parse(pyodide.pyimport("calculators.web").render_json("apr", "{}"));
    if (!check.ok) throw new Error("snapshot: the check answer failed");
    // The wheel's files too, once the first answers are out: the snapshot holds the imported
    // modules (warm.py imports them all), not the file system.
    setTimeout(async () => {
      const bytes = await fetchWheel(options).catch(() => null);
      if (bytes) pyodide.unpackArchive(bytes, "wheel");
    }, WHEEL_AFTER_MS);
    return pyodide;
  } catch (err) {
    console.warn(`memory snapshot not used: ${err instanceof Error ? err.message : err}`);
    await dropSnapshots().catch(() => {});
    return null;
  } finally {
    reading.now = false;
  }
}

/**
 * The maker's work: warm up, snapshot, store (gzipped: 31 MB of memory is about 7 MB to keep).
 * @param {Pyodide} pyodide
 * @param {Options} options
 * @param {Build} build
 * @returns {Promise<import("./protocol.js").SnapshotNews>}
 */
export async function makeSnapshot(pyodide, options, build) {
  pyodide.unpackArchive(await fetchWheel(options), "wheel");
  pyodide.runPython("from calculators.web.warm import warm_up\nwarm_up()");
  const initial = await runtimeMemory(options.indexURL);
  // The top of the heap after the warm-up (Emscripten's sbrk, private like the rest).
  const room = initial === null ? 0 : initial - Number(pyodide._module._sbrk(0));
  const bytes = pyodide.makeMemorySnapshot();
  if (initial === null || !restorable(bytes, initial)) {
    const message = `a snapshot of ${bytes.length} bytes would not fit the runtime's ${initial} bytes`;
    return { type: "snapshot", ok: false, bytes: bytes.length, room, message };
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  const body = await new Response(stream).arrayBuffer();
  await dropSnapshots();
  const cache = await caches.open(snapshotCache(build));
  const headers = { "content-type": "application/gzip", "x-snapshot-bytes": String(bytes.length) };
  await cache.put(new URL(SNAPSHOT_FILE, HERE).href, new Response(body, { headers }));
  return { type: "snapshot", ok: true, bytes: bytes.length, stored: body.byteLength, room };
}

/** @type {Worker | null} the maker while it works */
let making = null;

// Stop the maker, if one is working (the reader is removing the offline copy).
export function stopMaker() {
  if (making) making.terminate();
  making = null;
}

/**
 * Start the maker (a second worker on this same URL), unless this device should not; its news
 * goes to `tell`.
 * @param {Build} build
 * @param {(news: import("./protocol.js").SnapshotNews) => void} tell
 */
export async function startMaker(build, tell) {
  /** @param {string} message */
  const skip = (message) => tell({ type: "snapshot", ok: false, message });
  if (!ALLOWED) return skip("not here: the site shares its origin (a sub-path)");
  if (!canKeep() || !self.Worker) return skip("not here: no Cache Storage or gzip streams");
  const nav = /** @type {any} */ (self.navigator || {});
  if (!(typeof nav.deviceMemory === "number" && nav.deviceMemory >= 4)) {
    return skip("not here: the device does not say it has 4 GB of memory"); // see the top
  }
  if (nav.storage && nav.storage.estimate) {
    const { quota = 0, usage = 0 } = await nav.storage.estimate();
    if (quota - usage < 200 * 1024 * 1024) return skip("not here: storage is short");
  }
  if (await stored(build)) return undefined;
  // This same worker script (worker.js with the build's query), named as the maker.
  const maker = new Worker(self.location.href, { type: "module", name: MAKER_NAME });
  making = maker;
  maker.addEventListener("message", (event) => {
    const msg = event.data || {};
    if (msg.type === "snapshot" || msg.type === "failed") {
      maker.terminate();
      making = null;
      // Said to the page for the tests and the benchmark; the page shows nothing of it.
      tell({ ...msg, type: "snapshot", ok: msg.type === "snapshot" && msg.ok === true });
    }
  });
  maker.addEventListener("error", (event) => {
    event.preventDefault();
    maker.terminate();
    making = null;
    tell({ type: "snapshot", ok: false, message: event.message || "error" });
  });
}
