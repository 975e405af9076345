// The contract between the page's modules and the Python worker (worker.js), imported by both
// sides, so that every message, file name and cache name is written here once.
//
// The build's runtime travels in the query of the page's script (overrides/main.html writes
// bridge.js?pyodide=V&app=calculators-H&stdlib=FILE from hooks/runtime.py's values): the
// Pyodide version, the content-hashed directory of the calculators' wheel and lock file, and
// the name of the trimmed, compiled standard library (hooks/stdlib.py). The worker is created
// with the same query, so it starts downloading at once, and everything resolves relative to
// this directory: the site works at a host root and under any sub-path.
//
// Messages are plain objects; `json` is calculators.web.render_json's or case_json's
// answer, text both ways, no proxies. `lang` is the page's <html lang> (hooks/editions.py).
//   page -> worker  {type: "go"}  the page has loaded and is idle: compile now (worker.js,
//                   "download first")
//                   {type: "render", id, name, inputs, lang, part}  inputs: {field name: typed
//                   text}; part "key": the key figures first, when the view gives them apart
//                   {type: "case", id, action, payload, lang}  the reader's case
//                   (calculators.web.case_json): "load" a kept or imported text (version 1
//                   migrated), "fill" a page's boxes from it, "changes" a page would make
//                   {type: "forget"}  the reader removes the offline copy: make no snapshot
//                   (and stop one being made); answered with {type: "forgot"}
//   worker -> page  {type: "progress", loaded, total} while the runtime downloads
//                   {type: "ready", boot: "normal" | "snapshot"} | {type: "failed", message}
//                   {type: "result" | "case", id, json} or {..., id, error} (a bug, not
//                   bad input: that is {ok: false} inside json)
//                   {type: "snapshot", ok, bytes, stored, room, message, where} a memory
//                   snapshot was made, or not, for the next visit, kept where ("file" or
//                   "cache": snapshot.js); tests and the benchmark read it
//                   {type: "marks", origin, marks} after the first answer: where the start
//                   went, ms on the worker's clock, whose origin is `origin` (marks.js)

/** @typedef {{pyodide: string, app: string, stdlib: string}} Build */

/**
 * @typedef {{type: "go"}} Go
 * @typedef {{type: "render", id: number, name: string, inputs: Record<string, string>,
 *   lang: string, part: "key" | "all"}} RenderRequest
 * @typedef {{type: "case", id: number, action: CaseAction, payload: string, lang: string}} CaseRequest
 * @typedef {"load" | "fill" | "changes"} CaseAction
 * @typedef {{type: "forget"}} Forget
 * @typedef {Go | RenderRequest | CaseRequest | Forget} ToWorker
 *
 * @typedef {{type: "progress", loaded: number, total: number}} Progress
 * @typedef {{type: "ready", boot: string}} Ready
 * @typedef {{type: "failed", message: string}} Failed
 * @typedef {{type: "result" | "case", id: number, json?: string, error?: string}} Answer
 * @typedef {{type: "snapshot", ok: boolean, bytes?: number, stored?: number, room?: number,
 *   message?: string, where?: string}} SnapshotNews
 * @typedef {{type: "forgot"}} Forgot
 * @typedef {{type: "marks", origin: number, marks: Record<string, number>}} Marks
 * @typedef {Progress | Ready | Failed | Answer | SnapshotNews | Forgot | Marks} FromWorker
 */

// The prefix of every cache and storage key this site makes on the reader's device (hooks/sw.js
// names its own caches with it too; benchmarks/repeat.py reads it).
export const CACHE_PREFIX = "yuqi-xieshang-";
export const WORKER_FILE = "worker.js";
// The service worker, at the site's root (hooks/offline.py), relative to this directory.
export const SERVICE_WORKER = "../../sw.js";
// The one entry of a snapshot cache: the memory snapshot, gzipped.
export const SNAPSHOT_FILE = "snapshot.bin.gz";
const SNAPSHOT_PREFIX = `${CACHE_PREFIX}snapshot-`;

const SAFE = /^[\w.-]+$/;
/** @type {string[]} */
const CASE_ACTIONS = ["load", "fill", "changes"];
const LANG = /^[A-Za-z-]{1,20}$/;

/**
 * The build's runtime from a script URL's query, or null when a value is missing or odd.
 * @param {URLSearchParams} query
 * @returns {Build | null}
 */
export function readBuild(query) {
  const get = (/** @type {string} */ key) => query.get(key) || "";
  const build = { pyodide: get("pyodide"), app: get("app"), stdlib: get("stdlib") };
  if (!Object.values(build).every((value) => SAFE.test(value))) return null;
  if (!build.app.startsWith("calculators-") || !build.stdlib.endsWith(".zip")) return null;
  return build;
}

/**
 * The worker's URL: worker.js next to `base`, with the build's query.
 * @param {URL} base
 * @param {Build} build
 */
export function workerURL(base, build) {
  const url = new URL(WORKER_FILE, base);
  url.search = new URLSearchParams(build).toString();
  return url;
}

/**
 * The cache that holds this build's memory snapshot: its name carries the runtime's version,
 * the wheel's hash and the standard library's, so a new build never reads an old one's.
 * @param {Build} build
 */
export function snapshotCache(build) {
  return `${SNAPSHOT_PREFIX}${build.pyodide}-${build.app}-${build.stdlib.replace(/\.zip$/, "")}`;
}

/**
 * Whether a memory snapshot may be made and used for the site whose root is `root`: only when
 * the site is its origin's whole (a custom domain or a user site). Under a sub-path, another
 * project on the same origin (a user's other GitHub Pages sites) can write into this site's
 * Cache Storage; a snapshot is the runtime's memory, which nothing can check against the
 * build, so one planted there would run as this site's Python. The site's own files are
 * checked against the build's hashes instead (hooks/sw.js).
 * @param {URL} root
 */
export function snapshotsAllowed(root) {
  return root.pathname === "/";
}

/** @param {string} name */
export function isSnapshotCache(name) {
  return name.startsWith(SNAPSHOT_PREFIX);
}

/** @param {unknown} value */
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A message for the worker, checked: null for anything else. Inputs keep only string values.
 * @param {unknown} data
 * @returns {ToWorker | null}
 */
export function readToWorker(data) {
  if (!isRecord(data)) return null;
  const msg = /** @type {Record<string, unknown>} */ (data);
  const lang = typeof msg.lang === "string" && LANG.test(msg.lang) ? msg.lang : "zh-Hans";
  if (msg.type === "go") return { type: "go" };
  if (msg.type === "forget") return { type: "forget" };
  if (!Number.isSafeInteger(msg.id)) return null;
  const id = /** @type {number} */ (msg.id);
  if (msg.type === "render" && typeof msg.name === "string" && isRecord(msg.inputs)) {
    /** @type {Record<string, string>} */
    const inputs = {};
    for (const [key, value] of Object.entries(/** @type {object} */ (msg.inputs))) {
      if (typeof value === "string") inputs[key] = value;
    }
    const part = msg.part === "key" ? "key" : "all";
    return { type: "render", id, name: msg.name, inputs, lang, part };
  }
  if (msg.type === "case" && typeof msg.payload === "string" && CASE_ACTIONS.includes(String(msg.action))) {
    const action = /** @type {CaseAction} */ (msg.action);
    return { type: "case", id, action, payload: msg.payload, lang };
  }
  return null;
}

/**
 * A message from the worker, checked: null for anything else.
 * @param {unknown} data
 * @returns {FromWorker | null}
 */
export function readFromWorker(data) {
  if (!isRecord(data)) return null;
  const msg = /** @type {Record<string, unknown>} */ (data);
  const text = (/** @type {unknown} */ value) => (value === undefined ? undefined : String(value));
  switch (msg.type) {
    case "progress":
      return { type: "progress", loaded: Number(msg.loaded) || 0, total: Number(msg.total) || 0 };
    case "ready":
      return { type: "ready", boot: String(msg.boot || "") };
    case "failed":
      return { type: "failed", message: String(msg.message || "") };
    case "forgot":
      return { type: "forgot" };
    case "marks": {
      /** @type {Record<string, number>} */
      const marks = {};
      if (isRecord(msg.marks)) {
        for (const [name, t] of Object.entries(/** @type {object} */ (msg.marks))) {
          if (SAFE.test(name) && typeof t === "number" && Number.isFinite(t)) marks[name] = t;
        }
      }
      return { type: "marks", origin: Number(msg.origin) || 0, marks };
    }
    case "result":
    case "case":
      if (!Number.isSafeInteger(msg.id)) return null;
      return { type: msg.type, id: Number(msg.id), json: text(msg.json), error: text(msg.error) };
    case "snapshot":
      return {
        type: "snapshot",
        ok: msg.ok === true,
        bytes: Number(msg.bytes) || 0,
        stored: Number(msg.stored) || 0,
        room: Number(msg.room) || 0,
        message: text(msg.message),
        where: msg.where === "file" || msg.where === "cache" ? msg.where : undefined,
      };
    default:
      return null;
  }
}

/**
 * The answer's type for a request's.
 * @param {"render" | "case"} type
 * @returns {"result" | "case"}
 */
export function answerType(type) {
  return type === "render" ? "result" : "case";
}
