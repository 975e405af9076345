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
//   worker -> page  {type: "progress", loaded, total} | {type: "ready"} | {type: "failed", message}
//   page -> worker  {type: "render", id, name, inputs, lang}  inputs: {field name: typed text}
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
  failStart(event.reason);
});
self.addEventListener("error", (event) => {
  if (renderJson) return;
  event.preventDefault();
  failStart(event.message);
});

async function boot() {
  const version = HERE.searchParams.get("pyodide") || "";
  const app = HERE.searchParams.get("app") || "";
  if (!SAFE.test(version) || !SAFE.test(app)) throw new Error("worker.js needs ?pyodide=&app=");
  const indexURL = new URL(`../pyodide/${version}/`, HERE).href;
  const lockFileURL = new URL(`${app}/pyodide-lock.json`, indexURL).href;
  progress();
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  progress();
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL,
    // The trimmed standard library hooks/runtime.py writes (its name hashes the keep list).
    stdLibURL: new URL("python_stdlib-76e9e1ff2e0d.zip", indexURL).href,
    // Set explicitly so nothing falls back to a CDN default: packages resolve next to the
    // lock file, on this site.
    packageBaseUrl: new URL(".", lockFileURL).href,
    packages: ["calculators"],
    stdout: () => {},
    stderr: (text) => console.warn(text),
  });
  const web = pyodide.pyimport("calculators.web");
  renderJson = web.render_json;
  workbookJson = web.workbook_json;
}

const booting = boot();
booting.then(() => {
  if (!failed) self.postMessage({ type: "ready" });
}, failStart);

self.addEventListener("message", async (event) => {
  const msg = event.data || {};
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
    const json =
      msg.type === "render"
        ? renderJson(String(msg.name), JSON.stringify(msg.inputs || {}), lang)
        : workbookJson(String(msg.text), lang);
    self.postMessage({ type: answer, id: msg.id, json });
  } catch (err) {
    const error = String(err && err.message ? err.message : err);
    self.postMessage({ type: answer, id: msg.id, error });
  }
});
