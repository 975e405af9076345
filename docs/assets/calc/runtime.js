// The one Python worker of a visit (worker.js, Pyodide in a module worker): started at most once
// per visit, watched while it starts, retried on request, and the only thing that talks to it.
// It knows no widget: it matches each answer to the request it answers and tells whoever
// listens what happens, as events on `runtime` ("state": idle | loading | ready | error;
// "progress": bytes of the runtime so far; "snapshot": a memory snapshot was made or not).
//
// Two ways in: `start` (a page with a widget, on a first visit once the page has mounted it:
// the runtime's downloads and compiling would hold back the page's own start) and
// `startIfKept` (a repeat visit whose memory snapshot is on this device: the worker boots from
// it, which downloads and compiles next to nothing, so early.js starts it from <head>).
//
// `window.calcRuntime` is this object: tests read `starts` (instant navigation must not add a
// worker), `worker`, `waiting`, `boot`, `early`, `snapshot` and `snapshotName`; the benchmark
// reads `startedAt`, `readyAt` and `marks` (the worker's, on the page's clock: marks.js).

import { readFromWorker, snapshotCache, snapshotsAllowed, workerURL } from "./protocol.js";
import { fileKept } from "./snapfile.js";

/**
 * @typedef {import("./protocol.js").Build} Build
 * @typedef {import("./protocol.js").Answer} Answer
 * @typedef {import("./protocol.js").SnapshotNews} SnapshotNews
 * @typedef {{type: "render", name: string, inputs: Record<string, string>, lang: string,
 *   part: "key" | "all"} | {type: "case", action: import("./protocol.js").CaseAction, payload: string,
 *   lang: string}} Question
 * @typedef {{answer: (msg: Answer) => void, fail: (reason: string) => void}} Waiting
 */

const HERE = new URL(".", import.meta.url);
// The start fails when the worker has said nothing for this long: a download that hangs (no
// byte arrives) gets the same retry as one that fails. The worker reports progress while bytes
// arrive, so a slow connection is not cut off, only a stalled one.
export const STALL_MS = 45_000;

// On a page with a calculator the theme's search index waits for Python's first answer, or for
// the reader going for the search (overrides/partials/calc-search-later.html): let it go.
function searchNow() {
  const now = /** @type {any} */ (window).calcSearchNow;
  if (typeof now === "function") now();
}

class Runtime extends EventTarget {
  constructor() {
    super();
    /** @type {"idle" | "loading" | "ready" | "error"} */
    this.state = "idle";
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {Build | null} */
    this.build = null;
    this.starts = 0; // workers created in this visit
    this.seq = 0;
    /** @type {Map<number, Waiting>} request id -> who waits for the answer */
    this.waiting = new Map();
    this.loaded = 0; // bytes of the runtime received so far, and announced (worker.js)
    this.total = 0;
    this.boot = ""; // "snapshot" or "normal", as the worker says
    this.early = false; // started from <head> (a repeat visit with a snapshot)
    /** @type {SnapshotNews | null} */
    this.snapshot = null;
    this.startedAt = 0; // performance.now() when the worker was asked for
    this.readyAt = 0;
    /** @type {Record<string, number>} */
    this.marks = {};
    this.stallTimer = 0;
  }

  /** The name of this build's snapshot cache (tests read it; protocol.js makes it). */
  get snapshotName() {
    return this.build ? snapshotCache(this.build) : "";
  }

  /**
   * The build to start (the first one given wins: every page of a visit names the same).
   * @param {Build} build
   */
  use(build) {
    if (!this.build) this.build = build;
  }

  start() {
    if (this.worker) return;
    this.starts += 1;
    this.startedAt = performance.now();
    this.setState("loading");
    try {
      if (!this.build) throw new Error("the page's script was loaded without its runtime parameters");
      const worker = new Worker(workerURL(HERE, this.build), { type: "module", name: "calculators" });
      worker.addEventListener("message", (event) => {
        if (worker !== this.worker) return;
        this.watch();
        this.onMessage(event.data);
      });
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        if (worker === this.worker) this.fail(event.message || "worker failed to load");
      });
      this.worker = worker;
    } catch (err) {
      this.fail(String(err instanceof Error ? err.message : err));
      return;
    }
    this.watch();
    // The worker downloads the runtime at once and compiles it once the page has loaded and
    // is idle (worker.js, "download first"), so the page's own start keeps the CPU.
    const go = () => {
      const idle = window.requestIdleCallback || ((/** @type {() => void} */ fn) => setTimeout(fn, 50));
      idle(() => this.worker && this.worker.postMessage({ type: "go" }), { timeout: 1000 });
    };
    if (document.readyState === "complete") go();
    else window.addEventListener("load", go, { once: true });
  }

  /**
   * A repeat visit: start now if this build's memory snapshot is kept on this device.
   * @param {Build} build
   */
  async startIfKept(build) {
    if (!window.isSecureContext || !snapshotsAllowed(new URL("../../", HERE))) return;
    const inCache = window.caches ? caches.has(snapshotCache(build)).catch(() => false) : false;
    const kept = (await fileKept(build)) || (await inCache);
    if (!kept || this.worker || this.state !== "idle") return;
    this.use(build);
    this.early = true;
    this.start();
  }

  retry() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.waiting.clear();
    this.state = "idle";
    this.start();
  }

  /**
   * Ask the worker; `answer` gets its reply, `fail` is called if the runtime fails first.
   * The request's id is returned: a caller that asks again ignores older answers by it.
   * @param {Question} question
   * @param {(msg: Answer) => void} answer
   * @param {(reason: string) => void} [fail]
   */
  ask(question, answer, fail = () => {}) {
    const id = ++this.seq;
    if (!this.worker) {
      fail("the runtime is not running");
      return id;
    }
    this.waiting.set(id, { answer, fail });
    this.worker.postMessage({ ...question, id });
    return id;
  }

  /**
   * Tell the worker the reader is removing the offline copy: it makes no memory snapshot from
   * now on and stops one being made. Resolves once it has (or at once, with no worker).
   */
  forget() {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.removeEventListener("forgot", done);
        resolve(undefined);
      };
      const timer = setTimeout(done, 2000);
      this.addEventListener("forgot", done);
      worker.postMessage({ type: "forget" });
    });
  }

  /** Resolves once the runtime is ready (starting it if it is idle); rejects if it fails. */
  ready() {
    if (this.state === "ready") return Promise.resolve();
    if (this.state === "error") return Promise.reject(new Error("the runtime did not start"));
    return new Promise((resolve, reject) => {
      const watch = () => {
        if (this.state === "ready") resolve(undefined);
        else if (this.state === "error") reject(new Error("the runtime did not start"));
        else return;
        this.removeEventListener("state", watch);
      };
      this.addEventListener("state", watch);
      if (this.state === "idle") this.start();
    });
  }

  /** @param {"idle" | "loading" | "ready" | "error"} state */
  setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent("state", { detail: state }));
  }

  // (Re)arm the time limit on the start; every message from the worker re-arms it.
  watch() {
    clearTimeout(this.stallTimer);
    if (this.state !== "loading") return;
    this.stallTimer = setTimeout(() => {
      if (this.state === "loading") this.fail(`no progress for ${STALL_MS / 1000} s while starting`);
    }, STALL_MS);
  }

  /** @param {unknown} data */
  onMessage(data) {
    const msg = readFromWorker(data);
    if (!msg) return;
    if (msg.type === "progress") {
      this.loaded = msg.loaded;
      this.total = msg.total;
      if (this.state === "loading") this.dispatchEvent(new CustomEvent("progress"));
    } else if (msg.type === "ready") {
      clearTimeout(this.stallTimer);
      this.boot = msg.boot;
      this.readyAt = performance.now();
      this.setState("ready");
    } else if (msg.type === "failed") {
      this.fail(msg.message);
    } else if (msg.type === "snapshot") {
      this.snapshot = msg;
      this.dispatchEvent(new CustomEvent("snapshot"));
    } else if (msg.type === "forgot") {
      this.dispatchEvent(new CustomEvent("forgot"));
    } else if (msg.type === "marks") {
      const shift = msg.origin - performance.timeOrigin; // the worker's clock -> the page's
      for (const [name, t] of Object.entries(msg.marks)) this.marks[name] = t + shift;
    } else {
      const waiting = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (waiting) waiting.answer(msg);
      searchNow();
    }
  }

  /** @param {string} message */
  fail(message) {
    clearTimeout(this.stallTimer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    // A warning, not an error: the page still works with its prerendered results.
    console.warn("calculators: the Python runtime did not start:", message);
    searchNow();
    this.setState("error");
    for (const { fail } of waiting) fail("the runtime did not start");
  }
}

export const runtime = new Runtime();
/** @type {any} */ (window).calcRuntime = runtime;
