// The one bridge between calculator widgets and Python. It knows no calculator: it reads a
// widget's form by its `name`s, asks the worker for `calculators.web.render(name, inputs)`,
// and puts back what Python returns (HTML that Python has already escaped). The widget's
// markup comes from calculators/web/widget.py; its result at first paint was prerendered by
// the same Python at build time and stays on screen until a newer one replaces it.
//
// Loaded as a module on every page (overrides/main.html), so it survives instant navigation:
// widgets are mounted from mkdocs-material's `document$`, which emits for the first page and
// for every page swapped in later. The worker, and with it every Pyodide download, starts only
// when a page has a widget, and at most once per visit.
//
// URLs: everything is resolved against this file's own URL, which carries the runtime
// version and the content-hashed app directory (bridge.js?pyodide=V&app=calculators-H), so the
// site works at a host root and under any sub-path.

const HERE = new URL(import.meta.url);
const SAFE = /^[\w.-]+$/;
const DEBOUNCE_MS = 200;
const MAX_VALUE = 5000; // characters accepted from a link parameter (the debt list is longest)
// The runtime's start fails when the worker has said nothing for this long: a download that
// hangs (no byte arrives) gets the same retry as one that fails. The worker reports
// progress while bytes arrive, so a slow connection is not cut off, only a stalled one.
const STALL_MS = 45_000;
// The page's script, as its <html lang> says ("zh-Hans", or "zh-Hant" in the Traditional
// edition built by hooks/traditional.py): Python answers in it (render(name, inputs, lang)) and
// knows the editions (hooks/editions.py); the bridge names none. It has no sentence of its own
// either: every one it shows comes with the widget's markup (data-msg-*, written by
// calculators/web/widget.py and converted with the rest of the Traditional page).
const LANG = document.documentElement.lang || "zh-Hans";
// The reader's workbook (calculators/workbook.py): one localStorage key, written only after
// the reader ticks "save on this device" in a widget's save bar.
const STORE_KEY = "yuqi-xieshang:workbook";
const MAX_IMPORT = 200_000; // characters of an imported file (calculators.workbook.MAX_FILE)

// A slow or metered connection, as the browser reports it: then nothing is downloaded until
// the reader asks (a button with the size, or the first edit of a field), unless the runtime
// is on this device already (the service worker says so: offline.onMessage).
export function slowLink(connection = navigator.connection) {
  if (!connection) return false;
  return Boolean(connection.saveData) || /^(slow-2g|2g|3g)$/.test(connection.effectiveType || "");
}

// "12.9 MB", "850 KB": a size for a sentence (units are not translated).
export function formatBytes(bytes) {
  const n = Math.max(0, Number(bytes) || 0);
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1000))} KB`;
}

// The worker's URL carries the runtime version and the hashed app directory that this
// file's own URL carries; the worker resolves them itself (see worker.js).
function workerURL() {
  const version = HERE.searchParams.get("pyodide") || "";
  const app = HERE.searchParams.get("app") || "";
  if (!SAFE.test(version) || !SAFE.test(app)) return null;
  const url = new URL("worker.js", HERE);
  url.search = new URLSearchParams({ pyodide: version, app }).toString();
  return url;
}

// --- the runtime: one module worker per visit -----------------------------------------------

const runtime = {
  worker: null,
  state: "idle", // idle | loading | ready | error
  starts: 0, // workers created in this visit (tests read it: instant navigation must not add one)
  seq: 0,
  waiting: new Map(), // request id -> widget controller
  checks: new Map(), // request id -> callback for a workbook file being checked by Python
  afterReady: [], // work waiting for the runtime (an import chosen while it starts)
};
window.calcRuntime = runtime;

function listen(worker) {
  worker.addEventListener("message", (event) => {
    if (worker === runtime.worker) watchStart();
    onWorkerMessage(event.data);
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    onRuntimeFailed(event.message || "worker failed to load");
  });
}

// On a repeat visit with the runtime's memory snapshot kept, overrides/main.html starts the
// worker from <head> (booting from the snapshot downloads and compiles next to nothing, so it
// does not hold the page back); it is adopted here with whatever it said meanwhile.
function adoptEarlyWorker(url) {
  const early = window.__calcEarly;
  delete window.__calcEarly;
  if (!early || !early.worker || early.url !== url.href) return null;
  early.adopted = true;
  runtime.early = true; // tests read it: started from <head> (a repeat visit)
  listen(early.worker);
  runtime.startedAt = early.startedAt;
  queueMicrotask(() => {
    for (const message of early.errors) onRuntimeFailed(message);
    for (const message of early.messages) onWorkerMessage(message);
  });
  return early.worker;
}

function startRuntime() {
  if (runtime.worker) return;
  const url = workerURL();
  runtime.state = "loading";
  runtime.starts += 1;
  runtime.startedAt = performance.now(); // for the benchmark: when the worker was asked for
  try {
    if (!url) throw new Error("bridge.js was loaded without its runtime parameters");
    runtime.worker = adoptEarlyWorker(url);
    if (!runtime.worker) {
      runtime.worker = new Worker(url, { type: "module", name: "calculators" });
      listen(runtime.worker);
    }
  } catch (err) {
    onRuntimeFailed(String(err && err.message ? err.message : err));
    return;
  }
  for (const ctrl of liveWidgets()) ctrl.setState("loading");
  watchStart();
  // The worker downloads the runtime at once and compiles it once the page has loaded and is
  // idle (worker.js, "download first"), so the page's own start keeps the CPU.
  const go = () => {
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 50));
    idle(() => runtime.worker && runtime.worker.postMessage({ type: "go" }), { timeout: 1000 });
  };
  if (document.readyState === "complete") go();
  else window.addEventListener("load", go, { once: true });
}

// (Re)arm the time limit on the runtime's start; every message from the worker re-arms it.
function watchStart() {
  clearTimeout(runtime.stallTimer);
  if (runtime.state !== "loading") return;
  runtime.stallTimer = setTimeout(() => {
    if (runtime.state === "loading") {
      onRuntimeFailed(`no progress for ${STALL_MS / 1000} s while starting`);
    }
  }, STALL_MS);
}

function retryRuntime() {
  if (runtime.worker) runtime.worker.terminate();
  runtime.worker = null;
  runtime.waiting.clear();
  startRuntime();
  for (const ctrl of liveWidgets()) ctrl.compute();
}

function onWorkerMessage(msg) {
  if (!msg || typeof msg !== "object") return;
  if (msg.type === "progress") {
    runtime.loaded = Number(msg.loaded) || 0;
    runtime.total = Number(msg.total) || 0;
    if (runtime.state === "loading") for (const ctrl of liveWidgets()) ctrl.showProgress();
  } else if (msg.type === "ready") {
    clearTimeout(runtime.stallTimer);
    runtime.state = "ready";
    runtime.boot = String(msg.boot || ""); // "snapshot" or "normal" (worker.js); tests read it
    runtime.readyAt = performance.now();
    for (const ctrl of liveWidgets()) ctrl.compute();
    for (const work of runtime.afterReady.splice(0)) work.run();
    offline.precacheWhenIdle();
  } else if (msg.type === "snapshot") {
    runtime.snapshot = msg; // a memory snapshot made for the next visit (worker.js): tests read it
  } else if (msg.type === "failed") {
    onRuntimeFailed(msg.message);
  } else if (msg.type === "result") {
    const ctrl = runtime.waiting.get(msg.id);
    runtime.waiting.delete(msg.id);
    if (ctrl) ctrl.receive(msg);
  } else if (msg.type === "workbook") {
    const done = runtime.checks.get(msg.id);
    runtime.checks.delete(msg.id);
    if (done) done(msg);
  }
}

function onRuntimeFailed(message) {
  clearTimeout(runtime.stallTimer);
  runtime.state = "error";
  if (runtime.worker) runtime.worker.terminate();
  runtime.worker = null;
  runtime.waiting.clear();
  // A warning, not an error: the page still works with its prerendered results.
  console.warn("calculators: the Python runtime did not start:", message);
  for (const ctrl of liveWidgets()) ctrl.setState("error");
  for (const done of runtime.checks.values()) done({ error: "the runtime did not start" });
  runtime.checks.clear();
  for (const work of runtime.afterReady.splice(0)) work.fail();
}

// `part` "key" asks for the key figures first when the view can give them apart (a long
// schedule's table follows in the answer to "all"); any other view answers in full at once.
function request(ctrl, inputs, part = "all") {
  const id = ++runtime.seq;
  runtime.waiting.set(id, ctrl);
  runtime.worker.postMessage({ type: "render", id, name: ctrl.name, inputs, lang: LANG, part });
  return id;
}

// Python reads an imported workbook file (calculators.workbook.validate_json); `done` gets
// {json} or {error}.
function checkWorkbook(text, done) {
  const id = ++runtime.seq;
  runtime.checks.set(id, done);
  runtime.worker.postMessage({ type: "workbook", id, text, lang: LANG });
}

// --- widgets ----------------------------------------------------------------------------------

const controllers = new WeakMap(); // .calc element -> Widget

function* liveWidgets() {
  for (const el of document.querySelectorAll(".calc[data-calc]")) {
    const ctrl = controllers.get(el);
    if (ctrl) yield ctrl;
  }
}

function readForm(form) {
  const inputs = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    inputs[el.name] = el.type === "checkbox" ? (el.checked ? "1" : "0") : String(el.value);
  }
  return inputs;
}

class Widget {
  constructor(el) {
    this.el = el;
    this.name = el.dataset.calc;
    this.form = el.querySelector(".calc-form");
    this.status = el.querySelector(".calc-status");
    this.result = el.querySelector(".calc-result");
    // What a screen reader hears after a change is the answer's one-sentence summary, said
    // once, not every figure, note and table row of the result being replaced (twice, when
    // the key figures come first): the result stops being a live region once the bridge
    // runs, and a visually hidden one next to it gets the summary (Python's sentence).
    this.result.setAttribute("aria-live", "off");
    this.summary = document.createElement("p");
    this.summary.className = "calc-offscreen calc-summary";
    this.summary.setAttribute("aria-live", "polite");
    this.summary.setAttribute("aria-atomic", "true");
    this.result.before(this.summary);
    this.latest = 0; // id of the newest request; older answers are dropped
    this.timer = 0;
    this.csv = null;
    this.csvName = `${this.name}.csv`;
    this.wanted = null; // "csv" or a file's key: download it with the next answer
    this.renders = 0;
    this.notice = null; // the note about a link's misspelled parameters, if any
    this.form.addEventListener("input", () => this.schedule(DEBOUNCE_MS));
    this.form.addEventListener("change", () => this.schedule(0));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.schedule(0);
    });
    // Actions anywhere in the widget: the share/CSV/print row, and buttons the result itself
    // carries (e.g. copy or print one part of it, with data-target="<element id>").
    el.addEventListener("click", (event) => this.onAction(event));
    this.files = {};
    this.rows = [...el.querySelectorAll(".calc-rows")].map((box) => new Rows(box, this));
    // The inputs a link or the workbook set: the first question to Python carries only these,
    // so that what follows from them (apr's mode) is worked out there, not taken from defaults.
    const link = applyLink(this.form, linkLocation(), pageFieldNames());
    this.given = link.given;
    if (link.applied) linkUsed();
    for (const name of this.fillFromWorkbook(link.given)) this.given.add(name);
    if (this.given.size) this.el.dataset.stale = "";
    for (const rows of this.rows) rows.fromText();
    if (link.misspelled.length) this.showNotice(link.misspelled);
    this.bar = el.querySelector(".calc-save");
    if (this.bar) this.setUpSaveBar();
    this.applyChecks();
    this.result.addEventListener("input", (event) => {
      if (event.target.matches("textarea.calc-letter")) event.target.dataset.edited = "";
    });
    // Ticked steps of a plan (checkboxes with data-check in the result): kept in the workbook.
    this.result.addEventListener("change", (event) => {
      const box = event.target.closest("input[data-check]");
      if (box) keepCheck(box.dataset.check, box.checked);
    });
    this.updateShareLink();
  }

  // A share link for this page opened while it is open: its inputs, as on a fresh load.
  followLink() {
    const link = applyLink(this.form, linkLocation(), pageFieldNames());
    if (!link.applied) return;
    // Not used up here: the theme may redraw the page next, and its new widgets need it.
    this.given = link.given;
    for (const rows of this.rows) rows.fromText();
    this.el.dataset.stale = "";
    if (link.misspelled.length) this.showNotice(link.misspelled);
    this.schedule(0);
  }

  // Fill the fields that have a workbook key from what this device keeps (only if the reader
  // chose to keep it), except those a link set; returns the names filled.
  fillFromWorkbook(skip = new Set(), force = false) {
    const book = workbook.read();
    const filled = [];
    if (!book) return filled;
    const yes = yesWords(this.form);
    for (const el of this.form.querySelectorAll("[name][data-saved-as]")) {
      const key = el.dataset.savedAs;
      if ((skip.has(el.name) && !force) || !(key in book.values)) continue;
      if (setControl(el, book.values[key], yes)) filled.push(el.name);
    }
    return filled;
  }

  // After an answer for what the form says: keep its saved fields and the figures the view
  // published with it (the budget's capacity), if the reader chose to keep a workbook.
  keep() {
    const book = workbook.read();
    if (!book) return;
    for (const el of this.form.querySelectorAll("[name][data-saved-as]")) {
      book.values[el.dataset.savedAs] = el.type === "checkbox" ? (el.checked ? "1" : "0") : el.value;
    }
    for (const [key, value] of Object.entries(this.published || {})) book.values[key] = value;
    if (!workbook.write(book)) this.sayOnBar(this.msg("storage-blocked"));
  }

  setUpSaveBar() {
    const toggle = this.bar.querySelector("[data-save-toggle]");
    toggle.checked = workbook.read() !== null;
    toggle.addEventListener("change", () => {
      if (toggle.checked) this.startSaving();
      else this.stopSaving();
    });
    const file = this.bar.querySelector("[data-save-file]");
    this.bar.addEventListener("click", (event) => {
      const button = event.target.closest("[data-save-action]");
      if (!button) return;
      const action = button.dataset.saveAction;
      if (action === "clear") this.stopSaving();
      else if (action === "export") this.exportBook();
      else if (action === "import") file.click();
    });
    file.addEventListener("change", () => {
      const chosen = file.files && file.files[0];
      file.value = "";
      if (chosen) this.importBook(chosen);
    });
  }

  sayOnBar(text) {
    const status = this.bar && this.bar.querySelector(".calc-save-status");
    if (status) status.textContent = text;
  }

  newBook() {
    return {
      format: this.bar.dataset.saveFormat,
      version: Number(this.bar.dataset.saveVersion),
      values: {},
      checks: {},
    };
  }

  startSaving() {
    if (!workbook.write(workbook.read() || this.newBook())) {
      syncSaveBars(false);
      this.sayOnBar(this.msg("storage-blocked"));
      return;
    }
    for (const ctrl of liveWidgets()) ctrl.keep();
    syncSaveBars(true);
    this.sayOnBar(this.msg("saved"));
  }

  stopSaving() {
    const had = workbook.read() !== null;
    workbook.clear();
    syncSaveBars(false);
    this.sayOnBar(this.msg(had ? "cleared" : "nothing-saved"));
  }

  exportBook() {
    const book = workbook.read();
    if (!book) {
      this.sayOnBar(this.msg("nothing-saved"));
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    saveFile(`yuqi-xieshang-${day}.json`, "application/json", `${JSON.stringify(book, null, 2)}\n`);
    this.sayOnBar(this.msg("exported"));
  }

  // An imported file is read by Python (the same parsers as every input) before anything
  // changes; a bad one gets Python's sentence and leaves this device's data as it was.
  async importBook(file) {
    const text = await file.slice(0, MAX_IMPORT + 1).text();
    const check = () =>
      checkWorkbook(text, (answer) => {
        if (answer.error !== undefined) {
          this.sayOnBar(this.msg("import-failed"));
          return;
        }
        const data = JSON.parse(answer.json);
        if (!data.ok) {
          this.sayOnBar(String(data.message));
          return;
        }
        if (!workbook.write(data.workbook)) {
          this.sayOnBar(this.msg("storage-blocked"));
          return;
        }
        syncSaveBars(true);
        for (const ctrl of liveWidgets()) ctrl.reloadFromWorkbook();
        this.sayOnBar(this.msg("imported"));
      });
    if (runtime.state === "ready") check();
    else if (runtime.state === "error") this.sayOnBar(this.msg("import-failed"));
    else {
      this.sayOnBar(this.msg("import-waiting"));
      runtime.afterReady.push({ run: check, fail: () => this.sayOnBar(this.msg("import-failed")) });
      if (runtime.state === "idle") startRuntime();
    }
  }

  reloadFromWorkbook() {
    const filled = this.fillFromWorkbook(new Set(), true);
    for (const rows of this.rows) rows.fromText();
    if (filled.length) this.schedule(0);
    this.applyChecks();
  }

  applyChecks() {
    const book = workbook.read();
    for (const box of this.result.querySelectorAll("input[data-check]")) {
      box.checked = Boolean(book && book.checks && book.checks[box.dataset.check]);
    }
  }

  // A sentence that came with the widget's markup (data-msg-KEY, in the page's script).
  msg(key) {
    return this.el.getAttribute(`data-msg-${key}`) || "";
  }

  // Parameters of a link that look like a misspelling of one of this widget's fields: said
  // next to the form (as text, never markup) until the reader changes an input.
  showNotice(names) {
    const shown = names.slice(0, 5).map((name) => name.slice(0, 40));
    const note = document.createElement("p");
    note.className = "calc-notice";
    note.setAttribute("role", "note");
    note.textContent = this.msg("unknown-param").replace("{names}", shown.join(this.msg("separator")));
    this.el.prepend(note);
    this.notice = note;
  }

  setState(state) {
    this.el.dataset.state = state;
    if (state === "loading") {
      this.say(this.msg("stale" in this.el.dataset ? "starting-stale" : "starting"));
      this.showProgress();
    } else if (state === "paused") {
      // A slow link: the size, and a button that starts the download (so does an edit).
      const size = formatBytes(this.el.dataset.runtimeBytes);
      const note = document.createElement("span");
      note.textContent = this.msg("slow-link").replace("{size}", size);
      const button = document.createElement("button");
      button.type = "button";
      button.className = "calc-retry calc-start";
      button.textContent = this.msg("start-download").replace("{size}", size);
      button.addEventListener("click", () => startRuntime());
      this.status.replaceChildren(note, " ", button);
      this.statusKind = "state";
    } else if (state === "error") {
      if (this.wanted) {
        const kind = fileKind(this.wanted);
        this.wanted = null;
        this.sayWithRetry(this.msg(`${kind}-failed`));
      } else {
        this.sayWithRetry(this.msg("failed"));
      }
    }
  }

  // How much of the runtime has arrived, while it downloads; the prerendered result stays.
  // The total is the build's figure (data-runtime-bytes, hooks/offline.py), else the sizes
  // the host announced so far.
  showProgress() {
    // A sentence about the reader's own action (a download waiting for the runtime) stays.
    if (this.el.dataset.state !== "loading" || !runtime.loaded || this.statusKind === "action") {
      return;
    }
    const total = Number(this.el.dataset.runtimeBytes) || runtime.total;
    const share = total ? Math.min(99, Math.floor((runtime.loaded * 100) / total)) : 0;
    this.el.dataset.loaded = String(runtime.loaded);
    this.say(
      this.msg("downloading")
        .replace("{loaded}", formatBytes(runtime.loaded))
        .replace("{total}", formatBytes(Math.max(total, runtime.loaded)))
        .replace("{percent}", `${share}%`),
    );
  }

  // The quiet line under the result once the service worker has the whole site (under the
  // result: a line appearing above it would move it, a layout shift).
  showOffline() {
    if (this.el.dataset.offline === "ready") return;
    this.el.dataset.offline = "ready";
    const line = document.createElement("p");
    line.className = "calc-offline";
    line.textContent = this.msg("offline-ready");
    this.result.after(line);
  }

  // `data-busy` is on the widget from a change until the answer for the latest inputs is
  // shown; tests and the benchmark wait for it to go.
  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = 0;
    this.changed = true; // the reader changed something: its answer is announced
    this.el.dataset.busy = "";
    if (this.statusKind === "action") this.say("");
    if (this.notice) {
      this.notice.remove();
      this.notice = null;
    }
    this.updateShareLink();
    if (runtime.state !== "ready") {
      this.el.dataset.stale = "";
      if (runtime.state === "idle") startRuntime();
      return;
    }
    if (delay > 0) {
      this.timer = setTimeout(() => {
        this.timer = 0;
        this.compute();
      }, delay);
      return;
    }
    // A change is answered at once: after the event's other listeners (a row's text is
    // written back first), without waiting for a timer, which a busy page delays by
    // milliseconds. Several changes in one task still make one question.
    this.timer = -1; // pending, and a number clearTimeout ignores
    const ticket = (this.ticket = (this.ticket || 0) + 1);
    queueMicrotask(() => {
      if (this.timer !== -1 || this.ticket !== ticket) return;
      this.timer = 0;
      this.compute();
    });
  }

  compute() {
    clearTimeout(this.timer);
    this.timer = 0;
    if (runtime.state !== "ready" || !this.el.isConnected) return;
    let inputs = readForm(this.form);
    if (this.given && this.given.size) {
      // The first question after a link or the workbook filled the form: only what they set,
      // and the answer's `inputs` fill in the rest (e.g. apr's mode, inferred by Python).
      inputs = Object.fromEntries(Object.entries(inputs).filter(([name]) => this.given.has(name)));
      this.asked = new Set(Object.keys(inputs));
    }
    this.given = null;
    const key = JSON.stringify(inputs);
    if (key === this.sentKey) {
      // Nothing changed (e.g. `change` fires on leaving a box that was already answered):
      // asking again would redraw the result and lose what the person is editing in it.
      if (!this.pending) {
        delete this.el.dataset.busy;
        if (this.wanted) {
          const key = this.wanted;
          this.wanted = null;
          this.download(key, this.wantedLetter || "");
        }
      }
      return;
    }
    this.sentKey = key;
    this.sentInputs = inputs;
    this.pending = true;
    this.el.dataset.busy = "";
    this.latest = request(this, inputs, "key");
  }

  receive(msg) {
    if (msg.id !== this.latest || !this.el.isConnected) return; // an answer to an older question
    const data = msg.error === undefined ? JSON.parse(msg.json) : null;
    if (data && data.ok && data.partial) {
      // The key figures; the whole answer for the same inputs is asked for at once (a
      // microtask: after whatever watches the page has seen the figures change).
      this.showKey(data);
      const inputs = this.sentInputs;
      queueMicrotask(() => {
        if (this.latest === msg.id && this.el.isConnected && runtime.worker) {
          this.latest = request(this, inputs, "all");
        }
      });
      return;
    }
    this.pending = false;
    this.result.removeAttribute("aria-busy");
    if (msg.error !== undefined) this.sentKey = null; // let the same inputs be tried again
    // Every answer shown, good or bad, counts: tests and the benchmark wait on this number.
    this.answers = (this.answers || 0) + 1;
    this.el.dataset.answers = String(this.answers);
    if (!this.timer) delete this.el.dataset.busy;
    if (msg.error !== undefined) {
      // A bug in Python, not bad input (that comes back as {ok: false}): say so, keep the
      // last result, and leave the runtime running for the next try.
      console.warn(`calculators: ${this.name} failed:`, msg.error);
      this.el.dataset.state = "ready";
      // Key figures shown without the rest they belong to: the result is not current.
      if (this.keyShown) this.el.dataset.stale = "";
      this.keyShown = false;
      this.csv = null; // the table of an older answer is not what the form says now
      if (this.wanted) {
        const kind = fileKind(this.wanted);
        this.wanted = null;
        this.say(this.msg(kind === "csv" ? "csv-broken" : "broken"), "action");
      } else {
        this.say(this.msg("broken"));
      }
      return;
    }
    if (this.asked) {
      this.fillInferred(data.inputs || {});
      this.asked = null;
    }
    this.keyShown = false;
    if (data.ok) {
      this.announce(String(data.summary || ""));
      const edited = this.editedLetters();
      this.result.innerHTML = data.html; // escaped by Python (calculators.web)
      this.keepEdits(edited);
      this.csv = data.csv || null;
      this.csvName = data.csv_name || this.csvName;
      this.files = data.files || {};
      this.published = data.publish || {};
      this.applyChecks();
      this.keep();
      this.clearErrors();
      delete this.el.dataset.stale;
      this.renders += 1;
      this.el.dataset.renders = String(this.renders);
      this.el.dataset.state = "ready";
      if (this.statusKind !== "action") this.say("");
      if (this.wanted) {
        const key = this.wanted;
        this.wanted = null;
        this.download(key, this.wantedLetter || "");
      }
    } else {
      this.showError(String(data.field), String(data.message));
      this.el.dataset.state = "ready";
      if (this.wanted) {
        const kind = fileKind(this.wanted);
        this.wanted = null;
        this.say(this.msg(`${kind}-invalid`), "action");
      }
    }
  }

  // The key figures of an answer whose rest (a long table) is still being made: they replace
  // the figures shown, and the rest of the result is marked busy until the whole answer
  // replaces it, a frame or two later. Only over a result that shows the previous answer as
  // it was: a prerendered one still waiting for the runtime, or one under an input error,
  // waits for the whole answer instead.
  showKey(data) {
    if (this.asked) {
      this.fillInferred(data.inputs || {});
      this.asked = null;
    }
    this.announce(String(data.summary || ""));
    if ("stale" in this.el.dataset || "invalid" in this.el.dataset) return;
    const shown = this.result.querySelector(".calc-figures");
    const made = document.createElement("template");
    made.innerHTML = String(data.figures || ""); // escaped by Python (calculators.web)
    const figures = made.content.querySelector(".calc-figures");
    if (!shown || !figures) return;
    shown.replaceWith(figures);
    this.keyShown = true;
    this.result.setAttribute("aria-busy", "true");
  }

  // The summary of an answer to the reader's own change, for screen readers (once: the same
  // sentence again is not repeated). Answers on page load are not announced.
  announce(text) {
    if (!this.changed) return;
    if (this.summary.textContent !== text) this.summary.textContent = text;
  }

  // A letter the reader has typed into (a textarea.calc-letter in the result) is not wiped
  // by the next answer: their text stays, with a note and a button that puts in the letter
  // made from the new numbers, replacing their edits only when they ask.
  editedLetters() {
    const edited = new Map();
    for (const box of this.result.querySelectorAll("textarea.calc-letter[data-edited]")) {
      edited.set(box.id, box.value);
    }
    return edited;
  }

  keepEdits(edited) {
    for (const [id, text] of edited) {
      const box = id ? document.getElementById(id) : null;
      if (!box || !this.result.contains(box) || box.value === text) continue;
      box.dataset.generated = box.value;
      box.value = text;
      box.dataset.edited = "";
      const note = document.createElement("p");
      note.className = "calc-letter-kept";
      note.setAttribute("role", "status");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "calc-action";
      button.textContent = this.msg("letter-regenerate");
      button.addEventListener("click", () => {
        box.value = box.dataset.generated || box.value;
        delete box.dataset.edited;
        note.remove();
        box.focus();
      });
      note.append(this.msg("letter-kept"), " ", button);
      box.after(note);
    }
  }

  // Fields the first question left out take what Python used, where that is not simply the
  // default the form already shows (a default is shown in the page's own script).
  fillInferred(used) {
    const yes = yesWords(this.form);
    for (const el of this.form.elements) {
      if (!el.name || this.asked.has(el.name) || !(el.name in used)) continue;
      if (used[el.name] !== el.dataset.default) setControl(el, used[el.name], yes);
    }
    this.sentKey = JSON.stringify(readForm(this.form));
    this.updateShareLink();
  }

  clearErrors() {
    delete this.el.dataset.invalid;
    for (const box of this.el.querySelectorAll(".calc-error")) {
      box.textContent = "";
      box.hidden = true;
    }
    for (const input of this.el.querySelectorAll("[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
    }
  }

  showError(field, message) {
    this.clearErrors();
    this.el.dataset.invalid = "";
    const box = this.el.querySelector(`.calc-field[data-field="${CSS.escape(field)}"]`);
    if (!box) {
      this.say(message);
      return;
    }
    const error = box.querySelector(".calc-error");
    error.textContent = message;
    error.hidden = false;
    box.querySelector("[name]")?.setAttribute("aria-invalid", "true");
    const details = box.closest("details");
    if (details) details.open = true;
    this.say(this.msg("invalid"));
  }

  // kind "state" (starting, failed, bad input) is cleared by the next good answer; kind
  // "action" (link copied, download waiting) stays until the person changes an input.
  say(text, kind = "state") {
    this.status.textContent = text;
    this.statusKind = kind;
  }

  sayWithRetry(text) {
    this.statusKind = "state";
    const note = document.createElement("span");
    note.textContent = text;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "calc-retry";
    button.textContent = this.msg("retry");
    button.addEventListener("click", retryRuntime);
    this.status.replaceChildren(note, " ", button);
  }

  // The inputs travel in the #fragment, which browsers never send to the server (nor put in
  // a Referer): the host's logs and a chat app's link preview see only the page's address.
  // The query is dropped, so an old-style link passed on does not carry its numbers along.
  shareURL() {
    const url = new URL(location.href);
    url.search = "";
    url.hash = new URLSearchParams(readForm(this.form)).toString();
    return url.href;
  }

  updateShareLink() {
    const link = this.el.querySelector('[data-action="share"]');
    if (link) link.href = this.shareURL();
  }

  onAction(event) {
    const button = event.target.closest("[data-action]");
    if (!button || !this.el.contains(button)) return;
    const action = button.dataset.action;
    const target = button.dataset.target ? document.getElementById(button.dataset.target) : null;
    if (!["share", "csv", "print", "copy", "download"].includes(action)) return;
    // The share button is a link to this page with a query; the theme's instant navigation
    // listens on <body> and would follow it, so the click stops here.
    event.preventDefault();
    event.stopPropagation();
    if (action === "share") this.share();
    else if (action === "csv") this.download("csv");
    else if (action === "print") printPart(target);
    else if (action === "copy" && target) this.copyPart(target);
    else if (action === "download") {
      // A letter's file is the letter as the reader has it now, their edits included.
      const letter = button.closest(".calc-letter-box")?.querySelector("textarea.calc-letter");
      this.download(button.dataset.file || "", letter ? letter.id : "");
    }
  }

  async copyPart(target) {
    const text = "value" in target ? target.value : target.textContent;
    if (await copyText(text)) this.say(this.msg("copied"), "action");
    else this.say(this.msg("copy-failed"), "action");
  }

  async share() {
    const url = this.shareURL();
    this.updateShareLink();
    if (await copyText(url)) {
      this.say(this.msg("link-copied"), "action");
      return;
    }
    // No clipboard (an old browser, or no permission): show the link to copy by hand.
    const note = document.createElement("span");
    note.textContent = this.msg("link-copy-failed");
    const link = document.createElement("a");
    link.href = url;
    link.textContent = url;
    link.className = "calc-share-url";
    this.status.replaceChildren(note, document.createElement("br"), link);
    this.statusKind = "action";
  }

  // The table (key "csv") and other files (a letter, a statement, a calendar) are made by
  // Python for the inputs shown. The button either downloads one or says why not: the runtime
  // is still starting (then it downloads by itself), did not start (retry), the inputs need
  // correcting, or Python failed on them.
  // `letterId`: the textarea whose current text is the file (read when the file is saved, which
  // may be after the next answer has redrawn the letter, the reader's edits kept).
  download(key, letterId = "") {
    const kind = fileKind(key);
    if (runtime.state === "error") {
      this.wanted = null;
      this.sayWithRetry(this.msg(`${kind}-failed`));
      return;
    }
    if (runtime.state !== "ready") {
      this.wanted = key;
      this.wantedLetter = letterId;
      if (runtime.state === "idle") startRuntime();
      this.say(this.msg(`${kind}-waiting`), "action");
      return;
    }
    if ("busy" in this.el.dataset) {
      this.wanted = key; // downloads with the answer to the latest inputs
      this.wantedLetter = letterId;
      return;
    }
    if ("invalid" in this.el.dataset) {
      this.say(this.msg(`${kind}-invalid`), "action");
      return;
    }
    if (key === "csv") {
      if (!this.csv) this.say(this.msg("csv-broken"), "action");
      else saveFile(this.csvName, "text/csv;charset=utf-8", this.csv);
      return;
    }
    const file = this.files[key];
    const letter = letterId ? document.getElementById(letterId) : null;
    const text = letter && "value" in letter ? letter.value : String(file ? file.text : "");
    if (!file) this.say(this.msg("broken"), "action");
    else saveFile(String(file.name), String(file.mime), text);
  }
}

function fileKind(key) {
  return key === "csv" ? "csv" : "file";
}

// Save text as a file on the reader's device. A CSV gets a BOM, so that Excel and WPS read it
// as UTF-8 and the Chinese headers survive.
function saveFile(name, mime, text) {
  const parts = mime.startsWith("text/csv") ? ["\ufeff", text] : [text];
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob(parts, { type: mime }));
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 30000);
}

// --- the workbook: the reader's numbers, on this device, only if they ask -------------------

const workbook = {
  read() {
    try {
      const raw = localStorage.getItem(STORE_KEY);
      if (!raw) return null;
      const data = JSON.parse(raw);
      const ok = data && typeof data === "object" && data.values && typeof data.values === "object";
      return ok ? data : null;
    } catch {
      return null;
    }
  },
  write(data) {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(data));
      return true;
    } catch {
      return false;
    }
  },
  clear() {
    try {
      localStorage.removeItem(STORE_KEY);
    } catch {
      // nothing was kept
    }
  },
};

function keepCheck(id, checked) {
  const book = workbook.read();
  if (!book) return;
  book.checks = book.checks || {};
  book.checks[id] = checked;
  workbook.write(book);
}

function syncSaveBars(on) {
  for (const toggle of document.querySelectorAll(".calc-save [data-save-toggle]")) {
    toggle.checked = on;
  }
}

// --- rows of boxes over a list field's text (calculators/web/rows.py) -------------------------

// The separators the parser reads (calculators/debts.py): , ; tab and their full-width forms.
const SEPARATORS = /[,\uff0c\u3001;\uff1b\t]/;

class Rows {
  constructor(box, widget) {
    this.box = box;
    this.widget = widget;
    this.list = box.querySelector(".calc-rows-list");
    this.text = box.querySelector("textarea[name]");
    this.template = box.querySelector("template.calc-row-template");
    this.count = box.querySelector(".calc-rows-count");
    this.addButton = box.querySelector('[data-row-action="add"]');
    this.columns = Number(box.dataset.columns) || 0;
    this.legacy = box.dataset.legacy ? box.dataset.legacy.split(",").map(Number) : [];
    this.max = Number(box.dataset.max) || 20;
    box.addEventListener("input", (event) => {
      if (event.target.closest(".calc-row")) this.toText();
    });
    box.addEventListener("change", (event) => {
      if (event.target.closest(".calc-row")) this.toText();
      else if (event.target === this.text) this.fromText();
    });
    box.addEventListener("click", (event) => {
      const button = event.target.closest("[data-row-action]");
      if (!button) return;
      if (button.dataset.rowAction === "add") this.add();
      else if (button.dataset.rowAction === "remove") this.remove(button.closest(".calc-row"));
    });
  }

  msg(key) {
    return this.box.getAttribute(`data-msg-${key}`) || "";
  }

  // The text's lines as rows of cells, or null when a line fits neither form (then the text
  // stays as it is, and Python says what is wrong with it).
  parse(text) {
    const rows = [];
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith("#")) continue;
      const parts = (SEPARATORS.test(line) ? line.split(SEPARATORS) : line.split(/\s+/)).map(
        (part) => part.trim(),
      );
      if (parts.length === this.columns) rows.push(parts);
      else if (this.legacy.length && parts.length === this.legacy.length) {
        const row = Array(this.columns).fill("");
        this.legacy.forEach((column, i) => {
          row[column] = parts[i];
        });
        rows.push(row);
      } else return null;
    }
    return rows;
  }

  fromText() {
    const rows = this.parse(this.text.value);
    if (rows === null) {
      this.text.closest("details").open = true;
      return;
    }
    this.list.replaceChildren(...rows.slice(0, this.max).map((cells) => this.makeRow(cells)));
    this.renumber();
  }

  makeRow(cells) {
    const row = this.template.content.firstElementChild.cloneNode(true);
    for (const control of row.querySelectorAll("[data-col]")) {
      const value = cells[Number(control.dataset.col)] || "";
      if (control.tagName === "SELECT") {
        const option = [...control.options].find((o) => o.value === value || o.text === value);
        if (option) control.value = option.value;
      } else {
        control.value = value.slice(0, MAX_VALUE);
      }
    }
    return row;
  }

  // Each row back into one line of text: the cells joined by commas (a separator typed in a
  // cell becomes a space); rows whose boxes are all empty are left out.
  toText() {
    const lines = [];
    for (const row of this.list.querySelectorAll(".calc-row")) {
      const controls = [...row.querySelectorAll("[data-col]")].sort(
        (a, b) => Number(a.dataset.col) - Number(b.dataset.col),
      );
      const typed = controls.filter((c) => c.tagName !== "SELECT").some((c) => c.value.trim());
      if (!typed) continue;
      lines.push(controls.map((c) => c.value.replace(/[,\uff0c\u3001;\uff1b\t\r\n]/g, " ").trim()).join(","));
    }
    this.text.value = lines.join("\n");
  }

  add() {
    const rows = this.list.querySelectorAll(".calc-row");
    if (rows.length >= this.max) {
      this.count.textContent = this.msg("full");
      return;
    }
    const row = this.makeRow([]);
    this.list.append(row);
    this.renumber();
    row.querySelector("[data-col]").focus();
  }

  remove(row) {
    if (!row) return;
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    this.renumber();
    this.toText();
    (next ? next.querySelector("[data-col]") : this.addButton).focus();
    this.widget.schedule(0);
  }

  renumber() {
    const rows = [...this.list.querySelectorAll(".calc-row")];
    rows.forEach((row, i) => {
      const n = String(i + 1);
      row.querySelector(".calc-row-title").textContent = this.msg("row").replace("{n}", n);
      row
        .querySelector('[data-row-action="remove"]')
        .setAttribute("aria-label", this.msg("remove").replace("{n}", n));
    });
    this.count.textContent = this.msg("count").replace("{n}", String(rows.length));
    this.addButton.disabled = rows.length >= this.max;
  }
}

async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "calc-offscreen";
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

// --- share links ---------------------------------------------------------------------------
// A share link carries the inputs in its #fragment ("#principal=100000&months=36", see
// shareURL); older links carried them in the query ("?principal=..."), and still work. Both
// are untrusted: only names the form declares are read, values are cut to MAX_VALUE
// characters and only ever set as control values (never as markup), and a <select> takes
// only one of its own options. A fragment without "=" is a heading anchor, not inputs.
// Other parameters are ignored (tracking tags such as utm_source, a chat app's own), except
// the ones that look like a misspelling of one of the widget's own names: those are
// returned, for the widget to tell the reader that part of the link was not used.
export function linkParams(where) {
  const params = new URLSearchParams(where.search);
  const hash = where.hash.replace(/^#/, "");
  if (hash.includes("=")) {
    for (const [name, value] of new URLSearchParams(hash)) params.set(name, value);
  }
  return params;
}

export function applyLink(form, where, pageNames = new Set()) {
  const params = linkParams(where);
  const own = new Set();
  const given = new Set();
  const yes = yesWords(form);
  for (const el of form.elements) {
    if (!el.name) continue;
    own.add(el.name);
    if (!params.has(el.name)) continue;
    if (setControl(el, params.get(el.name), yes)) given.add(el.name);
  }
  const misspelled = [];
  for (const name of new Set(params.keys())) {
    if (own.has(name) || pageNames.has(name)) continue; // ours, or another widget's on the page
    if ([...own].some((field) => nearMiss(name, field))) misspelled.push(name);
  }
  return { applied: given.size > 0, given, misspelled };
}

// Set one form control from untrusted text (a link, the workbook, Python's answer): only ever
// as a control value, never as markup, cut to MAX_VALUE characters; a <select> takes only one
// of its own options. True when it was set.
function setControl(el, raw, yes) {
  const value = String(raw).slice(0, MAX_VALUE);
  if (el.type === "checkbox") {
    el.checked = yes.has(value.trim().toLowerCase());
  } else if (el.tagName === "SELECT") {
    if (![...el.options].some((option) => option.value === value)) return false;
    el.value = value;
  } else {
    el.value = value;
  }
  return true;
}

// The words that tick a checkbox, as the parser reads them (calculators.fields.YES_WORDS),
// from the widget's markup.
function yesWords(form) {
  const words = form.closest(".calc")?.dataset.yesWords || "1 true yes on y";
  return new Set(words.split(" "));
}

// A share link opened on its own page ("#income=…" while the page is already open, as a chat
// app or the address bar may do) is a same-document navigation: the theme's instant navigation
// then redraws the page and drops the fragment before the widgets mount again. The fragment is
// remembered when it arrives, for the widgets of that same page, and used once.
// (The event's newURL, not `location`: the theme may have rewritten the address already.)
let arrivedLink = null; // {path, hash}
function rememberLink(url) {
  if (url.hash.includes("=")) arrivedLink = { path: url.pathname, hash: url.hash };
}
rememberLink(location);
window.addEventListener("hashchange", (event) => {
  rememberLink(new URL(event.newURL));
  for (const ctrl of liveWidgets()) ctrl.followLink();
});

function linkLocation() {
  if (location.hash.includes("=") || !arrivedLink || arrivedLink.path !== location.pathname) {
    return location;
  }
  return { search: location.search, hash: arrivedLink.hash };
}
function linkUsed() {
  arrivedLink = null;
}

// Every field name of every widget on the page.
function pageFieldNames() {
  const names = new Set();
  for (const el of document.querySelectorAll(".calc[data-calc] .calc-form [name]")) {
    names.add(el.name);
  }
  return names;
}

// Whether a link's parameter `name` looks like a mistyped `field`: the same but for case or
// -/_, a prefix of it or it with more after ("princ", "principal_amount"), or at most two
// edits away (one for short names). Tracking tags are never near misses.
export function nearMiss(name, field) {
  const a = name.toLowerCase().replace(/-/g, "_").slice(0, 64);
  const b = field.toLowerCase();
  if (/^(utm_|fb|gcl|mc_|_hs|spm$|from$|isappinstalled$)/.test(a)) return false;
  if (a === b) return true;
  if (a.length >= 3 && (b.startsWith(a) || a.startsWith(b))) return true;
  const limit = Math.min(a.length, b.length) >= 5 ? 2 : 1;
  return Math.abs(a.length - b.length) <= limit && editDistance(a, b) <= limit;
}

function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = row;
  }
  return prev[b.length];
}

function mount(root) {
  let found = false;
  for (const el of root.querySelectorAll(".calc[data-calc]")) {
    found = true;
    if (controllers.has(el)) continue;
    const ctrl = new Widget(el);
    controllers.set(el, ctrl);
    if (runtime.state === "ready") {
      el.dataset.state = "loading";
      ctrl.compute();
    } else if (runtime.state === "idle" && !window.__calcEarly && slowLink()) {
      ctrl.setState("paused");
    } else {
      ctrl.setState(runtime.state === "error" ? "error" : "loading");
    }
    if (offline.ready) ctrl.showOffline();
  }
  if (found && (runtime.state !== "idle" || window.__calcEarly || !slowLink())) startRuntime();
  if (found) offline.ask();
}

// --- offline: the service worker at the site's root ------------------------------------------
// hooks/offline.py writes sw.js at the root of the site (a worker's scope is at most its own
// directory, and GitHub Pages cannot send Service-Worker-Allowed), from hooks/sw.js, which
// says what is cached and when. Registered from every page once it has loaded, so the pages a
// reader visits are kept; the whole site and the runtime are fetched into the cache only from
// a page with a widget, after its own runtime has started and the page is idle (the runtime's
// files are then in the browser's HTTP cache already). On a slow or metered link only the
// runtime is kept that way; the rest of the site is not fetched on the reader's data.
const offline = {
  url: new URL("../../sw.js", HERE),
  ready: false,
  asked: false,
  supported: "serviceWorker" in navigator && window.isSecureContext,

  register() {
    if (!this.supported) return;
    navigator.serviceWorker.addEventListener("message", (event) => this.onMessage(event.data));
    // Another service worker took over this page (hooks/sw.js claims its pages on activate):
    // on a visit after a new build, the new one, which has just deleted the old build's caches.
    // What this page asked of the old one (keep its files, fetch the runtime and the site) may
    // have gone into those: ask again. A first visit's first worker taking over is not that:
    // it gets this page's requests already (register, below).
    let controlled = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (!controlled) {
        controlled = true;
        return;
      }
      this.keepThisPage();
      if (this.asked) {
        this.asked = false;
        this.precacheWhenIdle();
      }
    });
    navigator.serviceWorker.startMessages();
    navigator.serviceWorker
      .register(this.url.href, { scope: new URL("./", this.url).href })
      .then(() => {
        this.ask();
        this.keepThisPage();
      })
      .catch(() => {}); // blocked or unsupported: the site works as before, online
  },

  // The page and the files it loaded, for the service worker to keep (hooks/sw.js, "keep"):
  // it was registered after they arrived, so it has not seen them. URLs without a query, or
  // with the build's own (this module's), only: nothing typed is ever in one of those. The
  // worker keeps only the build's own files.
  keepThisPage() {
    const own = (url) => url.origin === location.origin && (!url.search || url.search === HERE.search);
    const urls = [];
    for (const entry of [location.href, ...performance.getEntriesByType("resource").map((e) => e.name)]) {
      const url = new URL(entry);
      url.hash = "";
      if (own(url)) urls.push(url.href);
    }
    navigator.serviceWorker.ready
      .then((reg) => reg.active && reg.active.postMessage({ type: "keep", urls }))
      .catch(() => {});
  },

  onMessage(msg) {
    if (!msg || msg.type !== "offline") return;
    // The runtime is kept on this device: starting it downloads nothing, even on a slow link.
    if (msg.runtime && runtime.state === "idle" && document.querySelector(".calc[data-calc]")) {
      startRuntime();
    }
    if (!msg.ready || this.ready) return;
    this.ready = true;
    for (const ctrl of liveWidgets()) ctrl.showOffline();
  },

  // Whether the site is already kept (a repeat visit): the line shows without new downloads.
  async ask() {
    if (!this.supported || this.ready || !document.querySelector(".calc[data-calc]")) return;
    const reg = await navigator.serviceWorker.getRegistration(this.url.href).catch(() => null);
    const active = reg && reg.active;
    if (active) active.postMessage({ type: "status" });
  },

  precacheWhenIdle() {
    if (!this.supported || this.asked) return;
    this.asked = true;
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1000));
    idle(
      () => {
        navigator.serviceWorker.ready
          .then((reg) => reg.active && reg.active.postMessage({ type: "precache", site: !slowLink() }))
          .catch(() => {});
      },
      { timeout: 5000 },
    );
  },
};
if (document.readyState === "complete") offline.register();
else window.addEventListener("load", () => offline.register(), { once: true });

// Print the page, or only one part of it. With a target, the part is copied into a sheet of its
// own at the end of <body>, and <html data-calc-print> tells the print styles
// (assets/results.css) to print that sheet alone, from the top of the first page: a letter
// (a textarea, as the reader has edited it) as paragraphs that never break across a page,
// anything else as a copy of the element. The sheet goes once printing is done.
function printPart(target) {
  document.querySelector(".calc-print-sheet")?.remove();
  if (target) {
    const sheet = document.createElement("div");
    sheet.className = "calc-print-sheet";
    if ("value" in target) {
      for (const block of String(target.value).split(/\n\s*\n/)) {
        if (!block.trim()) continue;
        const paragraph = document.createElement("p");
        paragraph.textContent = block.replace(/^\n+|\n+$/g, "");
        sheet.append(paragraph);
      }
    } else {
      const copy = target.cloneNode(true);
      copy.removeAttribute("id");
      for (const el of copy.querySelectorAll("[id]")) el.removeAttribute("id");
      sheet.append(copy);
    }
    document.body.append(sheet);
    document.documentElement.dataset.calcPrint = "sheet";
  }
  window.print();
}
window.addEventListener("afterprint", () => {
  delete document.documentElement.dataset.calcPrint;
  document.querySelector(".calc-print-sheet")?.remove();
});

// Printing shows everything: collapsed parts of a widget (more options, the full table) are
// opened for the printout and closed again afterwards.
const openedForPrint = [];
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll(".calc details:not([open])")) {
    details.open = true;
    openedForPrint.push(details);
  }
});
window.addEventListener("afterprint", () => {
  for (const details of openedForPrint.splice(0)) details.open = false;
});

// --- the language selector ----------------------------------------------------------------
// overrides/partials/alternate.html links each page to its twin in the other edition (the
// same path under the other edition's root). The header is not replaced by instant
// navigation, so after each page change, and at the moment of a click (for the current
// #fragment and ?inputs), the links are pointed at the twin of the page now shown. Their
// data- URLs are relative to the page the header was drawn for: resolved once, here.
//
// The address is the reader's to type, and a host answers any unknown path with 404.html,
// whose selector is drawn too: "/site//javascript:alert(1)" or "/site////evil.example/x"
// must not become a link. Only a same-origin edition root is used, and a remainder that is
// not a plain relative path (a scheme, a leading slash or backslash) gives the root itself.
const editionLinks = [...document.querySelectorAll("a[data-edition-link]")]
  .map((link) => ({
    link,
    from: new URL(link.dataset.editionRoot, location.href),
    to: new URL(link.dataset.targetRoot, location.href),
  }))
  .filter(({ from, to }) => from.origin === location.origin && to.origin === location.origin)
  .map(({ link, from, to }) => ({ link, from: from.href, to: to.href }));

// The twin of `here` in the edition at `to`, or null when `here` is not under `from`.
export function twinURL(here, from, to) {
  if (!here.startsWith(from)) return null;
  const rest = here.slice(from.length);
  if (/^[/\\]|^[a-z][a-z\d+.-]*:/i.test(rest)) return to;
  const twin = new URL(rest, to);
  return twin.origin === new URL(to).origin && twin.href.startsWith(to) ? twin.href : to;
}

function pointEditionLinks() {
  for (const { link, from, to } of editionLinks) {
    const twin = twinURL(location.href, from, to);
    if (twin) link.href = twin;
  }
}
// Capture: before the theme's own click handling on <body>.
document.addEventListener(
  "click",
  (event) => {
    if (event.target instanceof Element && event.target.closest("a[data-edition-link]")) {
      pointEditionLinks();
    }
  },
  true,
);

// Adopt a worker started from <head> at once (before document$), so its messages are handled
// even while the theme is still setting up.
if (window.__calcEarly) startRuntime();

// Mount from document$ (first page and every instant navigation). This module is deferred,
// so the theme's bundle before it has normally defined document$ already; waiting for the
// parser is only a fallback to find it, the mounting itself still follows document$.
// document$ emits the document the theme parsed from the fetched page, whose parts it has
// already moved into the live one, so the live `document` is what gets searched.
function subscribe() {
  if (window.document$) {
    window.document$.subscribe(() => {
      mount(document);
      pointEditionLinks();
    });
  } else {
    mount(document); // a page without the theme's script (e.g. a test page)
  }
}
if (window.document$ || document.readyState !== "loading") subscribe();
else document.addEventListener("DOMContentLoaded", subscribe, { once: true });
