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
const TRUE_WORDS = new Set(["1", "true", "yes", "on", "y", "是", "对", "對", "要"]);

// The page's script: the Traditional edition (zh-Hant/, built by hooks/traditional.py) has
// <html lang="zh-Hant">. Python answers in it (render(name, inputs, lang)); the bridge's own
// few sentences are below in both scripts, one line each: [Simplified, Traditional].
// tests/traditional checks that each Traditional one is the site converter's output.
// Newer sentences come with the widget's markup instead (data-msg-* attributes written by
// calculators/web/widget.py, converted with the rest of the Traditional page): see msg().
const LANG = document.documentElement.lang === "zh-Hant" ? "zh-Hant" : "zh-Hans";
const TEXT = {
  startingStale: ["计算器正在启动，启动后按你填的数字重新计算……", "計算器正在啟動，啟動後按你填的數字重新計算……"],
  starting: ["计算器正在启动……下面的结果是按默认数字算出的。", "計算器正在啟動……下面的結果是按默認數字算出的。"],
  failed: ["计算器没能启动，可能是网络不稳定。下面的结果是按默认数字算出的。", "計算器沒能啟動，可能是網絡不穩定。下面的結果是按默認數字算出的。"],
  retry: ["重试", "重試"],
  broken: ["这次没能算出结果，请检查填写的数字，或刷新页面再试。", "這次沒能算出結果，請檢查填寫的數字，或刷新頁面再試。"],
  invalid: ["请先改正标出的输入，下面的结果还是改之前的。", "請先改正標出的輸入，下面的結果還是改之前的。"],
  copied: ["已复制。", "已複製。"],
  copyFailed: ["没能自动复制，请选中文字后手动复制。", "沒能自動複製，請選中文字後手動複製。"],
  linkCopied: ["链接已复制。打开这个链接，会看到现在填的这些数字。", "鏈接已複製。打開這個鏈接，會看到現在填的這些數字。"],
  linkCopyFailed: ["没能自动复制，请长按或选中下面的链接复制：", "沒能自動複製，請長按或選中下面的鏈接複製："],
  csvWaiting: ["计算器还在启动，启动后会自动下载表格……", "計算器還在啟動，啟動後會自動下載表格……"],
};
function t(key) {
  return TEXT[key][LANG === "zh-Hant" ? 1 : 0];
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

// A page with a widget starts the worker from an inline script at the top of <head>
// (overrides/main.html), long before this module runs; it is adopted here, with whatever it
// said in the meantime.
function adoptEarlyWorker(url) {
  const early = window.__calcEarly;
  delete window.__calcEarly;
  if (!early || !early.worker || early.url !== url.href) return null;
  early.adopted = true;
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
  if (msg.type === "ready") {
    clearTimeout(runtime.stallTimer);
    runtime.state = "ready";
    runtime.readyAt = performance.now();
    for (const ctrl of liveWidgets()) ctrl.compute();
  } else if (msg.type === "failed") {
    onRuntimeFailed(msg.message);
  } else if (msg.type === "result") {
    const ctrl = runtime.waiting.get(msg.id);
    runtime.waiting.delete(msg.id);
    if (ctrl) ctrl.receive(msg);
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
}

function request(ctrl, inputs) {
  const id = ++runtime.seq;
  runtime.waiting.set(id, ctrl);
  runtime.worker.postMessage({ type: "render", id, name: ctrl.name, inputs, lang: LANG });
  return id;
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
    this.latest = 0; // id of the newest request; older answers are dropped
    this.timer = 0;
    this.csv = null;
    this.csvName = `${this.name}.csv`;
    this.csvWanted = false;
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
    const link = applyLink(this.form, location, pageFieldNames());
    if (link.applied) this.el.dataset.stale = "";
    if (link.misspelled.length) this.showNotice(link.misspelled);
    this.updateShareLink();
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
    note.textContent = this.msg("unknown-param").replace("{names}", shown.join("、"));
    this.el.prepend(note);
    this.notice = note;
  }

  setState(state) {
    this.el.dataset.state = state;
    if (state === "loading") {
      this.say("stale" in this.el.dataset ? t("startingStale") : t("starting"));
    } else if (state === "error") {
      if (this.csvWanted) {
        this.csvWanted = false;
        this.sayWithRetry(this.msg("csv-failed") || t("failed"));
      } else {
        this.sayWithRetry(t("failed"));
      }
    }
  }

  // `data-busy` is on the widget from a change until the answer for the latest inputs is
  // shown; tests and the benchmark wait for it to go.
  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = 0;
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
    this.timer = setTimeout(() => {
      this.timer = 0;
      this.compute();
    }, delay);
  }

  compute() {
    clearTimeout(this.timer);
    this.timer = 0;
    if (runtime.state !== "ready" || !this.el.isConnected) return;
    const inputs = readForm(this.form);
    const key = JSON.stringify(inputs);
    if (key === this.sentKey) {
      // Nothing changed (e.g. `change` fires on leaving a box that was already answered):
      // asking again would redraw the result and lose what the person is editing in it.
      if (!this.pending) {
        delete this.el.dataset.busy;
        if (this.csvWanted) {
          this.csvWanted = false;
          this.downloadCsv();
        }
      }
      return;
    }
    this.sentKey = key;
    this.pending = true;
    this.el.dataset.busy = "";
    this.latest = request(this, inputs);
  }

  receive(msg) {
    if (msg.id !== this.latest || !this.el.isConnected) return; // an answer to an older question
    this.pending = false;
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
      this.csv = null; // the table of an older answer is not what the form says now
      if (this.csvWanted) {
        this.csvWanted = false;
        this.say(this.msg("csv-broken") || t("broken"), "action");
      } else {
        this.say(t("broken"));
      }
      return;
    }
    const data = JSON.parse(msg.json);
    if (data.ok) {
      this.result.innerHTML = data.html; // escaped by Python (calculators.web)
      this.csv = data.csv || null;
      this.csvName = data.csv_name || this.csvName;
      this.clearErrors();
      delete this.el.dataset.stale;
      this.renders += 1;
      this.el.dataset.renders = String(this.renders);
      this.el.dataset.state = "ready";
      if (this.statusKind !== "action") this.say("");
      if (this.csvWanted) {
        this.csvWanted = false;
        this.downloadCsv();
      }
    } else {
      this.showError(String(data.field), String(data.message));
      this.el.dataset.state = "ready";
      if (this.csvWanted) {
        this.csvWanted = false;
        this.say(this.msg("csv-invalid") || t("invalid"), "action");
      }
    }
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
    this.say(t("invalid"));
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
    button.textContent = t("retry");
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
    if (!["share", "csv", "print", "copy"].includes(action)) return;
    // The share button is a link to this page with a query; the theme's instant navigation
    // listens on <body> and would follow it, so the click stops here.
    event.preventDefault();
    event.stopPropagation();
    if (action === "share") this.share();
    else if (action === "csv") this.downloadCsv();
    else if (action === "print") printPart(target);
    else if (action === "copy" && target) this.copyPart(target);
  }

  async copyPart(target) {
    const text = "value" in target ? target.value : target.textContent;
    if (await copyText(text)) this.say(t("copied"), "action");
    else this.say(t("copyFailed"), "action");
  }

  async share() {
    const url = this.shareURL();
    this.updateShareLink();
    if (await copyText(url)) {
      this.say(t("linkCopied"), "action");
      return;
    }
    // No clipboard (an old browser, or no permission): show the link to copy by hand.
    const note = document.createElement("span");
    note.textContent = t("linkCopyFailed");
    const link = document.createElement("a");
    link.href = url;
    link.textContent = url;
    link.className = "calc-share-url";
    this.status.replaceChildren(note, document.createElement("br"), link);
    this.statusKind = "action";
  }

  // The table is made by Python for the inputs shown. The button either downloads it or
  // says why not: the runtime is still starting (then it downloads by itself), did not start
  // (retry), the inputs need correcting, or Python failed on them.
  downloadCsv() {
    if (runtime.state === "error") {
      this.csvWanted = false;
      this.sayWithRetry(this.msg("csv-failed") || t("failed"));
      return;
    }
    if (runtime.state !== "ready") {
      this.csvWanted = true;
      if (runtime.state === "idle") startRuntime();
      this.say(t("csvWaiting"), "action");
      return;
    }
    if ("busy" in this.el.dataset) {
      this.csvWanted = true; // downloads with the answer to the latest inputs
      return;
    }
    if ("invalid" in this.el.dataset) {
      this.say(this.msg("csv-invalid") || t("invalid"), "action");
      return;
    }
    if (!this.csv) {
      this.say(this.msg("csv-broken") || t("broken"), "action");
      return;
    }
    // The BOM makes Excel and WPS read the file as UTF-8, so the Chinese headers survive.
    const blob = new Blob(["\ufeff", this.csv], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = this.csvName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 30000);
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
  let applied = false;
  for (const el of form.elements) {
    if (!el.name) continue;
    own.add(el.name);
    if (!params.has(el.name)) continue;
    const value = params.get(el.name).slice(0, MAX_VALUE);
    if (el.type === "checkbox") {
      el.checked = TRUE_WORDS.has(value.trim().toLowerCase());
    } else if (el.tagName === "SELECT") {
      if (![...el.options].some((option) => option.value === value)) continue;
      el.value = value;
    } else {
      el.value = value;
    }
    applied = true;
  }
  const misspelled = [];
  for (const name of new Set(params.keys())) {
    if (own.has(name) || pageNames.has(name)) continue; // ours, or another widget's on the page
    if ([...own].some((field) => nearMiss(name, field))) misspelled.push(name);
  }
  return { applied, misspelled };
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
    } else {
      ctrl.setState(runtime.state === "error" ? "error" : "loading");
    }
  }
  if (found) startRuntime();
}

// Print the page, or only one part of it: with a target, <html data-calc-print="id"> tells
// the print styles (assets/results.css) to leave out everything else until printing is done.
function printPart(target) {
  if (target && target.id) document.documentElement.dataset.calcPrint = target.id;
  window.print();
}
window.addEventListener("afterprint", () => {
  delete document.documentElement.dataset.calcPrint;
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

// Adopt a worker started early by the page at once (before document$), so its messages are
// handled even while the theme is still setting up.
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
