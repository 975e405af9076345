// The calculators' Python, in a module worker (Pyodide 314 runs only in a module worker), so
// the page's main thread never runs Python and stays responsive while the runtime starts.
//
// The worker's own URL says which runtime and which build of the package to load:
//   assets/calc/worker.js?pyodide=V&app=calculators-H
//   -> assets/pyodide/V/ (runtime) and assets/pyodide/V/calculators-H/pyodide-lock.json
// so it starts downloading the moment it is created, with no message round trip, and
// everything resolves relative to this file (a host root or any sub-path).
//
// Messages (plain objects):
//   worker -> page  {type: "progress", loaded, total} | {type: "failed", message}
//                   | {type: "ready", boot: "normal" | "snapshot"} (see "booting" below)
//                   | {type: "snapshot", ok, bytes, stored} a memory snapshot was made for the
//                     next visit (the page shows nothing of it; tests and benchmark read it)
//   page -> worker  {type: "go"}  the page has loaded and is idle: compile now (see "download
//                   first" below)
//   page -> worker  {type: "render", id, name, inputs, lang, part}  inputs: {field name: typed
//                   text}; part "key": the key figures first, when the view gives them apart
//   worker -> page  {type: "result", id, json} | {type: "result", id, error}
//   page -> worker  {type: "workbook", id, text, lang}  an imported workbook file, read by
//   worker -> page  {type: "workbook", id, json} | {..., error}  calculators.web.workbook_json
// `json` is calculators.web.render_json(name, inputs, lang): plain strings both ways, no
// proxies. `lang` is the page's <html lang> (hooks/editions.py lists the editions).
//
// `packages: ["calculators"]` makes loadPyodide fetch the wheel named in the lock file (and
// check its sha256) while the runtime itself starts, instead of after it.

const HERE = new URL(import.meta.url);
const SAFE = /^[\w.-]+$/;

let renderJson = null;
let workbookJson = null;
let failed = false;

// While the runtime starts, {type: "progress", loaded, total} says at most four times a second
// that a download is moving (a request was answered, bytes arrived): `loaded` is the bytes of
// response bodies received so far (as the runtime gets them, after any decompression), `total`
// the sum of the Content-Length headers seen so far (0 when the host sends none; the page knows
// the runtime's full size from the build, data-runtime-bytes, and prefers it). The page shows
// both, and gives up on a start that has been silent for a while (bridge.js, STALL_MS): a
// stalled download is told from a slow one.
// Pyodide fetches the .wasm, the standard library and the wheel with the global fetch, which
// is wrapped here before Pyodide is imported; the body is counted on a clone, so the response
// Pyodide gets (and streams into WebAssembly) is the original.
let lastProgress = 0;
let loaded = 0;
let total = 0;
function progress(force = false) {
  if (renderJson || failed) return;
  const now = Date.now();
  if (!force && now - lastProgress < 250) return;
  lastProgress = now;
  self.postMessage({ type: "progress", loaded, total });
}
const plainFetch = self.fetch.bind(self);
self.fetch = async (...args) => {
  const early = await takeEarly(args[0]);
  if (early) return early; // downloaded (and counted) already: see "download first" below
  progress();
  const response = await plainFetch(...args);
  if (!renderJson) total += Number(response.headers.get("content-length")) || 0;
  progress();
  if (!renderJson && response.body) {
    const reader = response.clone().body.getReader();
    const count = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value ? value.byteLength : 0;
        progress();
      }
      progress(true);
    };
    count().catch(() => {});
  }
  return response;
};

// --- download first, compile when the page is idle ------------------------------------------
// A normal boot (no snapshot) downloads the big files at once, but loadPyodide, which compiles
// the .wasm and starts Python, waits for the page to say it is idle ({type: "go"}, sent by the
// bridge once the page has loaded and the browser has a quiet moment) or for the first
// question, whichever comes first, and at most GO_LIMIT_MS. On a phone the compile otherwise
// competes with the page's own start (the theme, the bridge) for the same few cores
// (benchmarks/levers.md, Lighthouse). The downloads are read as they arrive (so the network
// never waits for the compile) and handed to Pyodide as a stream of what came and what comes.
const GO_LIMIT_MS = 4000;
let go = () => {};
const mayCompile = new Promise((resolve) => {
  go = resolve;
});
setTimeout(() => go(), GO_LIMIT_MS);

const earlyFiles = new Map(); // URL -> {ready, response, chunks, done, error, wake}
function downloadEarly(url) {
  const entry = { chunks: [], done: false, error: null, wake: () => {} };
  entry.ready = plainFetch(url).then((response) => {
    entry.response = response;
    total += Number(response.headers.get("content-length")) || 0;
    progress();
    if (!response.ok || !response.body) return;
    const reader = response.body.getReader();
    (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          entry.chunks.push(value);
          loaded += value.byteLength;
          progress();
          entry.wake();
        }
      } catch (err) {
        entry.error = err;
      }
      entry.done = true;
      progress(true);
      entry.wake();
    })();
  });
  entry.ready.catch(() => {});
  earlyFiles.set(url, entry);
}

// The early download of this URL as a fresh Response (once), or null.
async function takeEarly(input) {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const entry = earlyFiles.get(url);
  if (!entry) return null;
  earlyFiles.delete(url);
  try {
    await entry.ready;
  } catch {
    return null; // the normal fetch tries again and reports what fails
  }
  const response = entry.response;
  if (!response.ok || !response.body) return null;
  let next = 0;
  const body = new ReadableStream({
    async pull(controller) {
      for (;;) {
        if (next < entry.chunks.length) {
          controller.enqueue(entry.chunks[next]);
          entry.chunks[next++] = null; // handed on: not kept twice
          return;
        }
        if (entry.error) return controller.error(entry.error);
        if (entry.done) return controller.close();
        await new Promise((resolve) => {
          entry.wake = resolve;
        });
      }
    },
  });
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

// A failed download inside the runtime's start (the .wasm, say) can surface as an unhandled
// rejection instead of rejecting loadPyodide, which then never settles. Until Python is up,
// any such error means the start failed: tell the page, so it can offer a retry.
function failStart(reason) {
  if (renderJson || failed) return;
  failed = true;
  const message = String(reason && reason.message ? reason.message : reason);
  self.postMessage({ type: "failed", message });
}
self.addEventListener("unhandledrejection", (event) => {
  if (renderJson) return;
  event.preventDefault();
  // A failed snapshot boot falls back to the normal one (bootFromSnapshot) instead.
  if (tryingSnapshot) console.warn(`snapshot boot: ${event.reason}`);
  else failStart(event.reason);
});
self.addEventListener("error", (event) => {
  if (renderJson) return;
  event.preventDefault();
  failStart(event.message);
});

// --- booting -----------------------------------------------------------------------------------
// Two ways, the same Python:
//   normal    loadPyodide with the lock file and `packages: ["calculators"]`;
//   snapshot  loadPyodide({_loadSnapshot}) from a memory snapshot this browser made after an
//             earlier visit (below), then the wheel's files; about 8x faster. Any doubt (no
//             snapshot, a damaged copy, a check answer that fails, an error, a start that
//             hangs) falls back to the normal boot, and a snapshot that failed is deleted.
// _loadSnapshot, _makeSnapshot and makeMemorySnapshot are private to the pinned Pyodide
// (package.json); a snapshot also carries the runtime's build id, which Pyodide checks.
// tests/pyodide/test_snapshot.py fails when the pin changes, to make someone look again.

const version = HERE.searchParams.get("pyodide") || "";
const app = HERE.searchParams.get("app") || "";
// The trimmed standard library, compiled to bytecode, that hooks/stdlib.py writes (its name
// hashes the keep list; hooks/compile_stdlib.mjs says why bytecode).
const STDLIB = "python_stdlib-76e9e1ff2e0d-pyc.zip";
// Set in the worker this one starts to make a snapshot (see makeSnapshot); never by a page.
const MAKER = self.name === "calculators-snapshot";
// The snapshot's cache: its name carries the runtime's version, the wheel's hash (in `app`)
// and the standard library's, so a new build never reads an old one's snapshot. hooks/sw.js
// deletes every other snapshot cache when a new build's service worker takes over.
const SNAPSHOT_CACHE = `yuqi-xieshang-snapshot-${version}-${app}-${STDLIB.replace(/\.zip$/, "")}`;
let bootKind = "";

function runtimeOptions() {
  if (!SAFE.test(version) || !SAFE.test(app)) throw new Error("worker.js needs ?pyodide=&app=");
  const indexURL = new URL(`../pyodide/${version}/`, HERE).href;
  const lockFileURL = new URL(`${app}/pyodide-lock.json`, indexURL).href;
  return {
    indexURL,
    lockFileURL,
    stdLibURL: new URL(STDLIB, indexURL).href,
    // Set explicitly so nothing falls back to a CDN default: packages resolve next to the
    // lock file, on this site.
    packageBaseUrl: new URL(".", lockFileURL).href,
    stdout: () => {},
    stderr: (text) => console.warn(text),
  };
}

async function hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The wheel named in the lock file, checked against its sha256 there, as `packages` would.
async function fetchWheel(options) {
  const lock = await (await fetch(options.lockFileURL)).json();
  const entry = lock.packages && lock.packages.calculators;
  if (!entry || !SAFE.test(entry.file_name)) throw new Error("the lock file names no wheel");
  const response = await fetch(new URL(entry.file_name, options.packageBaseUrl));
  if (!response.ok) throw new Error(`wheel: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if ((await hex(bytes)) !== entry.sha256) throw new Error("wheel: sha256 differs from the lock file");
  return bytes;
}

// Stored gzipped (31 MB of memory is about 7 MB to keep). gzip's CRC-32 and the length stored
// beside it fail a damaged copy before Pyodide uses it.
const SNAPSHOT_KEY = "snapshot.bin.gz";
// caches.match with a cacheName, not caches.open: looking must not create an empty cache.
function storedSnapshot() {
  return caches.match(new URL(SNAPSHOT_KEY, HERE).href, { cacheName: SNAPSHOT_CACHE });
}

async function hasSnapshot() {
  if (!self.caches || !self.DecompressionStream) return false;
  return Boolean(await storedSnapshot().catch(() => null));
}

async function unzipSnapshot(stored) {
  const want = Number(stored.headers.get("x-snapshot-bytes"));
  const stream = stored.body.pipeThrough(new DecompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  if (!want || bytes.length !== want) throw new Error("snapshot: length differs");
  return bytes;
}

async function dropSnapshots() {
  if (!self.caches) return;
  for (const name of await caches.keys()) {
    if (name.startsWith("yuqi-xieshang-snapshot-")) await caches.delete(name);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

// Boot from the snapshot, or return null (and delete it) if anything is wrong with it.
let tryingSnapshot = false;
const WHEEL_AFTER_MS = 1500;
async function bootFromSnapshot(loadPyodide, options) {
  if (MAKER) return null;
  tryingSnapshot = true;
  try {
    if (!self.caches || !self.DecompressionStream) return null;
    const stored = await storedSnapshot();
    if (!stored) return null;
    // A promise: Pyodide fetches and compiles its .wasm while the snapshot is unzipped.
    const snapshot = unzipSnapshot(stored);
    snapshot.catch(() => {});
    // Pyodide 314 swallows a failed instantiation and never settles: hence the time limit.
    const pyodide = await withTimeout(
      loadPyodide({ ...options, _loadSnapshot: snapshot }),
      20000,
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
    console.warn(`memory snapshot not used: ${err && err.message ? err.message : err}`);
    await dropSnapshots().catch(() => {});
    return null;
  } finally {
    tryingSnapshot = false;
  }
}

async function boot() {
  const options = runtimeOptions();
  if (!MAKER && !(await hasSnapshot())) {
    for (const file of ["pyodide.asm.wasm", STDLIB]) downloadEarly(new URL(file, options.indexURL).href);
    // The runtime's JavaScript half too: loadPyodide imports this same URL, which the module
    // map then answers at once, instead of fetching and parsing 1.2 MB after the page said go.
    import(new URL("pyodide.asm.mjs", options.indexURL).href).catch(() => {});
  } else {
    go(); // a snapshot boot, or the maker: nothing to wait for
  }
  progress();
  const { loadPyodide } = await import(new URL("pyodide.mjs", options.indexURL).href);
  progress();
  let pyodide = await bootFromSnapshot(loadPyodide, options);
  bootKind = pyodide ? "snapshot" : "normal";
  if (!pyodide) {
    await mayCompile;
    pyodide = await loadPyodide(
      MAKER ? { ...options, _makeSnapshot: true } : { ...options, packages: ["calculators"] },
    );
  }
  if (MAKER) return makeSnapshot(pyodide, options);
  const web = pyodide.pyimport("calculators.web");
  renderJson = web.render_json;
  workbookJson = web.workbook_json;
}

// --- making a snapshot, after a first visit ----------------------------------------------------
// The page's worker starts a second worker (MAKER) once it has been idle for a while and no
// snapshot exists for this build. It boots with _makeSnapshot (Pyodide 314 cannot snapshot
// after `packages`, so it installs the checked wheel itself), runs calculators.web.warm.warm_up
// (defaults only: nothing a reader typed is in it), and stores the snapshot. Not on a device
// that says it has little memory, nor when storage is short; only where Cache Storage and
// CompressionStream exist.
async function makeSnapshot(pyodide, options) {
  pyodide.unpackArchive(await fetchWheel(options), "wheel");
  pyodide.runPython("from calculators.web.warm import warm_up\nwarm_up()");
  const bytes = pyodide.makeMemorySnapshot();
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  const body = await new Response(stream).arrayBuffer();
  await dropSnapshots();
  const cache = await caches.open(SNAPSHOT_CACHE);
  const headers = { "content-type": "application/gzip", "x-snapshot-bytes": String(bytes.length) };
  await cache.put(new URL(SNAPSHOT_KEY, HERE).href, new Response(body, { headers }));
  self.postMessage({ type: "snapshot", bytes: bytes.length, stored: body.byteLength });
}

const SNAPSHOT_IDLE_MS = 3000;
let snapshotTimer = 0;
let snapshotAsked = false;
function snapshotWhenIdle() {
  if (MAKER || bootKind !== "normal" || snapshotAsked) return;
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(() => {
    snapshotAsked = true;
    startMaker().catch((err) => console.warn(`no memory snapshot: ${err && err.message}`));
  }, SNAPSHOT_IDLE_MS);
}

async function startMaker() {
  if (!self.caches || !self.CompressionStream || !self.Worker) return;
  const nav = self.navigator || {};
  if (nav.deviceMemory && nav.deviceMemory < 4) return;
  if (nav.storage && nav.storage.estimate) {
    const { quota = 0, usage = 0 } = await nav.storage.estimate();
    if (quota - usage < 200 * 1024 * 1024) return;
  }
  if (await storedSnapshot()) return;
  const maker = new Worker(HERE.href, { type: "module", name: "calculators-snapshot" });
  maker.addEventListener("message", (event) => {
    const msg = event.data || {};
    if (msg.type === "snapshot" || msg.type === "failed") {
      maker.terminate();
      // Said to the page for the tests and the benchmark; the page shows nothing of it.
      self.postMessage({ ...msg, type: "snapshot", ok: msg.type === "snapshot" });
    }
  });
  maker.addEventListener("error", (event) => {
    event.preventDefault();
    maker.terminate();
    self.postMessage({ type: "snapshot", ok: false, message: event.message || "error" });
  });
}

const booting = boot();
booting.then(() => {
  if (failed) return;
  self.postMessage(MAKER ? { type: "made" } : { type: "ready", boot: bootKind });
  snapshotWhenIdle();
}, failStart);

self.addEventListener("message", async (event) => {
  const msg = event.data || {};
  if (msg.type === "go" || msg.type === "render" || msg.type === "workbook") go();
  if (msg.type !== "render" && msg.type !== "workbook") return;
  try {
    await booting;
  } catch {
    const answer = msg.type === "render" ? "result" : "workbook";
    self.postMessage({ type: answer, id: msg.id, error: "the runtime did not start" });
    return;
  }
  const answer = msg.type === "render" ? "result" : "workbook";
  try {
    // The page's <html lang>; Python knows the editions and refuses one it does not.
    const lang = /^[A-Za-z-]{1,20}$/.test(String(msg.lang)) ? String(msg.lang) : "zh-Hans";
    // `part` "key": the key figures first, when the view gives them apart (the bridge then
    // asks for "all"); see calculators.web.render.
    const part = msg.part === "key" ? "key" : "all";
    const json =
      msg.type === "render"
        ? renderJson(String(msg.name), JSON.stringify(msg.inputs || {}), lang, part)
        : workbookJson(String(msg.text), lang);
    self.postMessage({ type: answer, id: msg.id, json });
    snapshotWhenIdle();
  } catch (err) {
    const error = String(err && err.message ? err.message : err);
    self.postMessage({ type: answer, id: msg.id, error });
  }
});
