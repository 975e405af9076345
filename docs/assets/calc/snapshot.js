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
// snapshot. Not on a device that says it has little memory, nor when storage is short; only
// where Cache Storage and CompressionStream exist.
//
// _loadSnapshot, _makeSnapshot and makeMemorySnapshot are private to the pinned Pyodide
// (package.json); a snapshot also carries the runtime's build id, which Pyodide checks.
// tests/pyodide/test_snapshot.py fails when the pin changes, to make someone look again.

import { SNAPSHOT_FILE, isSnapshotCache, snapshotCache } from "./protocol.js";

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
const SAFE = /^[\w.-]+$/;
const BOOT_LIMIT_MS = 20000;
const WHEEL_AFTER_MS = 1500;

/** Whether Cache Storage and gzip streams exist here (a snapshot is stored gzipped). */
export function canKeep() {
  return Boolean(self.caches && self.DecompressionStream && self.CompressionStream);
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
  const bytes = pyodide.makeMemorySnapshot();
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  const body = await new Response(stream).arrayBuffer();
  await dropSnapshots();
  const cache = await caches.open(snapshotCache(build));
  const headers = { "content-type": "application/gzip", "x-snapshot-bytes": String(bytes.length) };
  await cache.put(new URL(SNAPSHOT_FILE, HERE).href, new Response(body, { headers }));
  return { type: "snapshot", ok: true, bytes: bytes.length, stored: body.byteLength };
}

/**
 * Start the maker (a second worker on this same URL), unless this device should not; its news
 * goes to `tell`.
 * @param {Build} build
 * @param {(news: import("./protocol.js").SnapshotNews) => void} tell
 */
export async function startMaker(build, tell) {
  if (!canKeep() || !self.Worker) return;
  const nav = /** @type {any} */ (self.navigator || {});
  if (nav.deviceMemory && nav.deviceMemory < 4) return;
  if (nav.storage && nav.storage.estimate) {
    const { quota = 0, usage = 0 } = await nav.storage.estimate();
    if (quota - usage < 200 * 1024 * 1024) return;
  }
  if (await stored(build)) return;
  // This same worker script (worker.js with the build's query), named as the maker.
  const maker = new Worker(self.location.href, { type: "module", name: MAKER_NAME });
  maker.addEventListener("message", (event) => {
    const msg = event.data || {};
    if (msg.type === "snapshot" || msg.type === "failed") {
      maker.terminate();
      // Said to the page for the tests and the benchmark; the page shows nothing of it.
      tell({ ...msg, type: "snapshot", ok: msg.type === "snapshot" });
    }
  });
  maker.addEventListener("error", (event) => {
    event.preventDefault();
    maker.terminate();
    tell({ type: "snapshot", ok: false, message: event.message || "error" });
  });
}
