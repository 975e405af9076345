// The save bar under a widget's form (calculators/web/rows.py, save_bar): the reader's choice to
// keep their case on this device, and clear, export and import. Every save bar of the site
// works on the one saved case (store.js), so ticking one ticks them all. Every sentence and
// label comes with the bar's markup (data-msg-*, data-save-labels), written by Python.
//
// Import: a file is read in three steps, each before the next: its size (a file far too big is
// said to be too big, unread), its shape (JSON, an object, not nested deeper than a case is:
// store.js) and its values, by Python (calculators.case through casekeep.js: the same parsers
// as every input; a version-1 file is migrated).
// A bad one gets a sentence and changes nothing. A good one replaces what this device keeps
// only once the reader says yes, after being told which parts would change; the previous case
// is kept until the reader leaves the site, to undo the import once.
//
// Beside "clear", "forget" also removes the offline copy: the service worker and every cache of
// the site (offline.js), the runtime's memory snapshot included.

import { rememberBigText } from "./bigtext.js";
import { saveFile } from "./files.js";
import * as casekeep from "./casekeep.js";
import { fill } from "./format.js";
import { keepStorage, offline } from "./offline.js";
import { runtime } from "./runtime.js";
import * as store from "./store.js";

/**
 * @typedef {{msg: (key: string) => string, keep: () => void, reloadFromStore: () => void}} Owner
 * @typedef {(fn: (owner: Owner) => void) => void} Everyone
 * @typedef {import("./store.js").Case} Book
 */

// Bytes per character at most in UTF-8: a file larger than the limit times this is too big
// without reading it.
const UTF8_MAX = 4;

/** @type {{book: Book | null} | null} what an import replaced, until it is undone (once) */
let previous = null;

// Tick or untick every save bar on the page.
/** @param {boolean} on */
function syncSaveBars(on) {
  for (const toggle of document.querySelectorAll(".calc-save [data-save-toggle]")) {
    if (toggle instanceof HTMLInputElement) toggle.checked = on;
  }
}

export class SaveBar {
  /**
   * @param {HTMLElement} el the .calc-save element
   * @param {Owner} owner the widget it belongs to (its sentences)
   * @param {Everyone} everyone every widget on the page
   */
  constructor(el, owner, everyone) {
    this.el = el;
    this.owner = owner;
    this.everyone = everyone;
    this.status = /** @type {HTMLElement} */ (el.querySelector(".calc-save-status"));
    const toggle = /** @type {HTMLInputElement} */ (el.querySelector("[data-save-toggle]"));
    toggle.checked = store.read() !== null;
    toggle.addEventListener("change", () => {
      if (toggle.checked) this.startSaving();
      else this.stopSaving();
    });
    const file = /** @type {HTMLInputElement} */ (el.querySelector("[data-save-file]"));
    el.addEventListener("click", (event) => {
      const button = event.target instanceof Element && event.target.closest("[data-save-action]");
      if (!(button instanceof HTMLElement)) return;
      const action = button.dataset.saveAction;
      if (action === "clear") this.stopSaving();
      else if (action === "forget") this.forget();
      else if (action === "export") this.exportCase();
      else if (action === "import") file.click();
      else if (action === "paste") this.pasteImport();
    });
    file.addEventListener("change", () => {
      const chosen = file.files && file.files[0];
      file.value = "";
      if (chosen) this.importCase(chosen);
    });
  }

  /** The bar's own sentence, else the widget's. @param {string} key */
  msg(key) {
    return this.el.getAttribute(`data-msg-${key}`) || this.owner.msg(key);
  }

  /** @param {string} text */
  say(text) {
    this.status.textContent = text;
  }

  /**
   * A sentence with buttons after it (`answers`: data-save-answer -> what it does).
   * @param {string} text
   * @param {[string, string, () => void][]} answers [answer, label, action]
   */
  ask(text, answers) {
    const buttons = answers.map(([answer, label, action]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "calc-action";
      button.dataset.saveAnswer = answer;
      button.textContent = label;
      button.addEventListener("click", action, { once: true });
      return button;
    });
    this.status.replaceChildren(text, " ", ...buttons);
  }

  /** An empty case, as Python wrote it into the bar. @returns {Book | null} */
  newCase() {
    const data = store.checkShape(this.el.dataset.saveEmpty || "", Number.MAX_SAFE_INTEGER);
    return data ? store.clean(data) : null;
  }

  startSaving() {
    const data = store.read() || this.newCase();
    if (!data || !store.write(data)) {
      syncSaveBars(false);
      this.say(this.msg("storage-blocked"));
      return;
    }
    rememberBigText(store);
    this.everyone((widget) => widget.keep());
    syncSaveBars(true);
    keepStorage();
    this.say(this.msg("saved"));
  }

  stopSaving() {
    const had = store.present();
    store.clear();
    previous = null;
    syncSaveBars(false);
    this.say(this.msg(had ? "cleared" : "nothing-saved"));
  }

  // Clear, and remove the offline copy too: the service worker and the site's caches.
  async forget() {
    store.clear();
    previous = null;
    syncSaveBars(false);
    const removed = await offline.removeCopy(() => runtime.forget());
    for (const line of document.querySelectorAll(".calc-offline")) line.remove();
    for (const widget of document.querySelectorAll(".calc[data-offline]")) {
      delete (/** @type {HTMLElement} */ (widget).dataset.offline);
    }
    this.say(this.msg(removed ? "forgotten" : "forget-failed"));
  }

  exportCase() {
    const book = store.read();
    if (!book) {
      this.say(this.msg("nothing-saved"));
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    const text = `${JSON.stringify(book, null, 2)}\n`;
    // Handed over as text instead (an in-app browser), the hand-over says what to do with it.
    this.say(saveFile(`yuqi-xieshang-${day}.json`, "application/json", text) ? this.msg("exported") : "");
  }

  /** @param {File} file */
  async importCase(file) {
    const limit = Number(this.el.dataset.saveMax) || 0;
    const tooBig = () => this.say(fill(this.msg("import-too-big"), { size: `${Math.ceil(file.size / 1e6)} MB` }));
    if (file.size > limit * UTF8_MAX) return tooBig();
    const text = await file.text();
    if (text.length > limit) return tooBig();
    return this.importText(text);
  }

  // The export's text pasted into a box (an in-app browser copies it instead of saving a file:
  // files.js), then read as a file's text is.
  pasteImport() {
    const area = document.createElement("textarea");
    area.rows = 4;
    area.className = "calc-paste";
    area.setAttribute("aria-label", this.msg("paste-label"));
    area.placeholder = this.msg("paste-label");
    const go = document.createElement("button");
    go.type = "button";
    go.className = "calc-action";
    go.dataset.saveAnswer = "paste";
    go.textContent = this.msg("paste-go");
    go.addEventListener("click", () => {
      const text = area.value.trim();
      if (!text) return area.focus();
      const limit = Number(this.el.dataset.saveMax) || 0;
      if (text.length > limit) return this.say(this.msg("import-bad"));
      this.importText(text);
    });
    this.status.replaceChildren(area, go);
    area.focus();
  }

  /** @param {string} text an export's text (a file's, or pasted) */
  async importText(text) {
    const limit = Number(this.el.dataset.saveMax) || 0;
    if (!store.checkShape(text, limit)) return this.say(this.msg("import-bad"));
    if (runtime.state === "error") return this.say(this.msg("import-failed"));
    if (runtime.state !== "ready") this.say(this.msg("import-waiting"));
    try {
      await runtime.ready();
    } catch {
      return this.say(this.msg("import-failed"));
    }
    casekeep.ask("load", text).then(
      (answer) => this.checked(answer),
      () => this.say(this.msg("import-failed")),
    );
  }

  /**
   * Python's reading of the file (a version-1 file migrated).
   * @param {import("./casekeep.js").CaseAnswer} answer
   */
  checked(answer) {
    if (!answer.ok) return this.say(String(answer.message || this.msg("import-bad")));
    const shaped = casekeep.caseOf(answer);
    if (!shaped) return this.say(this.msg("import-bad"));
    const before = store.read();
    if (!before) return this.replace(null, shaped);
    const changed = store.changedParts(before, shaped);
    if (!changed.length) return this.say(this.msg("import-same"));
    /** @type {Record<string, string>} */
    let labels = {};
    try {
      labels = JSON.parse(this.el.dataset.saveLabels || "{}");
    } catch {
      labels = {};
    }
    const named = changed.map((key) => labels[key] || key);
    const question = fill(this.msg("import-ask"), { items: named.join(this.msg("separator")) });
    this.ask(question, [
      ["yes", this.msg("import-yes"), () => this.replace(before, shaped)],
      ["no", this.msg("import-no"), () => this.say(this.msg("import-kept"))],
    ]);
  }

  /**
   * Keep `after` instead of `before` (null: nothing was kept), with an undo.
   * @param {Book | null} before
   * @param {Book} after
   */
  replace(before, after) {
    if (!store.write(after)) return this.say(this.msg("storage-blocked"));
    previous = { book: before };
    syncSaveBars(true);
    this.everyone((widget) => widget.reloadFromStore());
    this.ask(this.msg("imported"), [["undo", this.msg("import-undo"), () => this.undo()]]);
  }

  // Back to what was kept before the import, once.
  undo() {
    if (!previous) return;
    const { book } = previous;
    previous = null;
    if (book) store.write(book);
    else store.clear();
    syncSaveBars(book !== null);
    this.everyone((widget) => widget.reloadFromStore());
    this.say(this.msg("import-undone"));
  }
}
