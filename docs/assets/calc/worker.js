// The calculators' Python, in a module worker (Pyodide 314 runs only in a module worker), so
// the page's main thread never runs Python and stays responsive while the runtime starts.
//
// The worker's own URL names the runtime and the build of the package to load
// (protocol.js): assets/calc/worker.js?pyodide=V&app=calculators-H&stdlib=FILE
//   -> assets/pyodide/V/ (runtime, and FILE, the standard library hooks/stdlib.py ships)
//   -> assets/pyodide/V/calculators-H/pyodide-lock.json
// so it starts downloading the moment it is created, with no message round trip, and
// everything resolves relative to this file (a host root or any sub-path). The messages both
// ways are in protocol.js; the downloads and their progress in download.js; the memory
// snapshot in snapshot.js. guard.js, imported first, makes every request to another origin
// fail in this worker (a page's Content-Security-Policy does not reach it).
//
// Two ways to boot, the same Python:
//   normal    loadPyodide with the lock file and `packages: ["calculators"]`, which fetches the
//             wheel named in the lock file (and checks its sha256) while the runtime starts;
//   snapshot  loadPyodide({_loadSnapshot}) from a memory snapshot this browser made after an
//             earlier visit, then the wheel's files (snapshot.js).

import "./guard.js"; // first: nothing loaded after it can ask another origin
import { mark, marks, unwatch } from "./marks.js"; // second: its clock starts the marks
import { downloadEarly, goNow, mayCompile, progress } from "./download.js";
import { compileAhead, stopAhead } from "./compile.js"; // after download.js: it wraps its fetch
import { answerType, readBuild, readToWorker } from "./protocol.js";
import {
  MAKER_NAME,
  bootFromSnapshot,
  hasSnapshot,
  makeSnapshot,
  readSnapshot,
  reading,
  startMaker,
  stopMaker,
} from "./snapshot.js";

/**
 * @typedef {import("./snapshot.js").Pyodide} Pyodide
 * @typedef {import("./protocol.js").FromWorker} FromWorker
 */

const HERE = new URL(import.meta.url);
const BUILD = readBuild(HERE.searchParams);
// Set in the worker this one starts to make a snapshot (snapshot.js); never by a page.
const MAKER = self.name === MAKER_NAME;
const SNAPSHOT_IDLE_MS = 3000;

/** @param {FromWorker | {type: "made"}} msg */
function tell(msg) {
  self.postMessage(msg);
}

/** @type {((name: string, inputs: string, lang: string, part: string) => string) | null} */
let renderJson = null;
/** @type {((action: string, payload: string, lang: string) => string) | null} */
let caseJson = null;
let failed = false;
let bootKind = "";
progress.report = (loaded, total) => tell({ type: "progress", loaded, total });

// A failed download inside the runtime's start (the .wasm, say) can surface as an unhandled
// rejection instead of rejecting loadPyodide, which then never settles. Until Python is up,
// any such error means the start failed: tell the page, so it can offer a retry.
/** @param {unknown} reason */
function failStart(reason) {
  if (renderJson || failed) return;
  failed = true;
  progress.on = false;
  tell({ type: "failed", message: String(reason instanceof Error ? reason.message : reason) });
}
self.addEventListener("unhandledrejection", (event) => {
  if (renderJson) return;
  event.preventDefault();
  // A failed snapshot boot falls back to the normal one (bootFromSnapshot) instead.
  if (reading.now) console.warn(`snapshot boot: ${event.reason}`);
  else failStart(event.reason);
});
self.addEventListener("error", (event) => {
  if (renderJson) return;
  event.preventDefault();
  failStart(event.message);
});

/** @param {import("./protocol.js").Build} build */
function runtimeOptions(build) {
  const indexURL = new URL(`../pyodide/${build.pyodide}/`, HERE).href;
  const lockFileURL = new URL(`${build.app}/pyodide-lock.json`, indexURL).href;
  return {
    indexURL,
    lockFileURL,
    stdLibURL: new URL(build.stdlib, indexURL).href,
    // Set explicitly so nothing falls back to a CDN default: packages resolve next to the
    // lock file, on this site.
    packageBaseUrl: new URL(".", lockFileURL).href,
    stdout: () => {},
    stderr: (/** @type {string} */ text) => console.warn(text),
  };
}

async function boot() {
  if (!BUILD) throw new Error("worker.js needs ?pyodide=&app=&stdlib=");
  const options = runtimeOptions(BUILD);
  const where = MAKER ? "" : await hasSnapshot(BUILD);
  /** @type {Promise<Uint8Array> | null} */
  let snapshot = null;
  if (where) {
    goNow(); // a snapshot boot: nothing to wait for
    // Compile the .wasm now (compile.js), and fetch the runtime's JavaScript, while the
    // snapshot is read (synchronously, from a file, where it can be: snapfile.js).
    compileAhead(new URL("pyodide.asm.wasm", options.indexURL).href, BUILD.pyodide);
    import(new URL("pyodide.asm.mjs", options.indexURL).href).catch(() => {});
    snapshot = readSnapshot(BUILD, where);
  } else if (!MAKER) {
    for (const file of ["pyodide.asm.wasm", BUILD.stdlib]) downloadEarly(new URL(file, options.indexURL).href);
    // The runtime's JavaScript half too: loadPyodide imports this same URL, which the module
    // map then answers at once, instead of fetching and parsing 1.2 MB after the page said go.
    import(new URL("pyodide.asm.mjs", options.indexURL).href).catch(() => {});
  } else {
    goNow(); // the maker: nothing to wait for
  }
  progress.tell();
  const { loadPyodide } = await import(new URL("pyodide.mjs", options.indexURL).href);
  mark("runtimeImported");
  progress.tell();
  let pyodide = snapshot ? await bootFromSnapshot(loadPyodide, options, snapshot) : null;
  bootKind = pyodide ? "snapshot" : "normal";
  if (!pyodide) {
    await mayCompile;
    pyodide = /** @type {Pyodide} */ (
      await loadPyodide(MAKER ? { ...options, _makeSnapshot: true } : { ...options, packages: ["calculators"] })
    );
  }
  mark("bootstrapDone");
  unwatch();
  stopAhead();
  if (MAKER) {
    tell(await makeSnapshot(pyodide, options, BUILD));
    return;
  }
  const web = pyodide.pyimport("calculators.web");
  renderJson = web.render_json;
  caseJson = web.case_json;
  progress.on = false;
}

// After a normal boot, once the worker has been idle for a while: a snapshot for next time.
let snapshotTimer = 0;
let snapshotAsked = false;
function snapshotWhenIdle() {
  if (MAKER || bootKind !== "normal" || snapshotAsked || !BUILD) return;
  const build = BUILD;
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(() => {
    snapshotAsked = true;
    startMaker(build, tell).catch((err) => console.warn(`no memory snapshot: ${err && err.message}`));
  }, SNAPSHOT_IDLE_MS);
}

const booting = boot();
booting.then(() => {
  if (failed || MAKER) return;
  tell({ type: "ready", boot: bootKind });
  snapshotWhenIdle();
}, failStart);

self.addEventListener("message", async (/** @type {MessageEvent} */ event) => {
  const msg = readToWorker(event.data);
  if (!msg) return;
  if (msg.type === "forget") {
    snapshotAsked = true; // no snapshot from now on
    clearTimeout(snapshotTimer);
    stopMaker();
    tell({ type: "forgot" });
    return;
  }
  goNow();
  if (msg.type === "go") return;
  const type = answerType(msg.type);
  try {
    await booting;
  } catch {
    tell({ type, id: msg.id, error: "the runtime did not start" });
    return;
  }
  try {
    // The page's <html lang>; Python knows the editions and refuses one it does not.
    const json =
      msg.type === "render"
        ? /** @type {NonNullable<typeof renderJson>} */ (renderJson)(msg.name, JSON.stringify(msg.inputs), msg.lang, msg.part)
        : /** @type {NonNullable<typeof caseJson>} */ (caseJson)(msg.action, msg.payload, msg.lang);
    tell({ type, id: msg.id, json });
    if (!("firstAnswer" in marks)) {
      mark("firstAnswer");
      tell({ type: "marks", origin: performance.timeOrigin, marks });
    }
    snapshotWhenIdle();
  } catch (err) {
    tell({ type, id: msg.id, error: String(err instanceof Error ? err.message : err) });
  }
});
