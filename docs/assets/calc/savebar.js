// The save bar under a widget's form (calculators/web/rows.py, save_bar): the reader's choice to
// keep their case on this device, and clear, export and import. Every save bar of the site
// works on the one saved case (store.js), so ticking one ticks them all. An imported file is
// read by Python (calculators.workbook, the same parsers as every input) before anything
// changes; a bad one gets Python's sentence and leaves this device's data as it was.

import { saveFile } from "./files.js";
import { runtime } from "./runtime.js";
import * as store from "./store.js";

/**
 * @typedef {{msg: (key: string) => string, keep: () => void, reloadFromStore: () => void}} Owner
 * @typedef {(fn: (owner: Owner) => void) => void} Everyone
 */

const MAX_IMPORT = 200_000; // characters of an imported file (calculators.workbook.MAX_FILE)
const LANG = document.documentElement.lang || "zh-Hans";

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
      else if (action === "export") this.exportCase();
      else if (action === "import") file.click();
    });
    file.addEventListener("change", () => {
      const chosen = file.files && file.files[0];
      file.value = "";
      if (chosen) this.importCase(chosen);
    });
  }

  /** @param {string} key */
  msg(key) {
    return this.owner.msg(key);
  }

  /** @param {string} text */
  say(text) {
    const status = this.el.querySelector(".calc-save-status");
    if (status) status.textContent = text;
  }

  /** @returns {store.Book} */
  newCase() {
    return {
      format: this.el.dataset.saveFormat || "",
      version: Number(this.el.dataset.saveVersion),
      values: {},
      checks: {},
    };
  }

  startSaving() {
    if (!store.write(store.read() || this.newCase())) {
      syncSaveBars(false);
      this.say(this.msg("storage-blocked"));
      return;
    }
    this.everyone((widget) => widget.keep());
    syncSaveBars(true);
    this.say(this.msg("saved"));
  }

  stopSaving() {
    const had = store.read() !== null;
    store.clear();
    syncSaveBars(false);
    this.say(this.msg(had ? "cleared" : "nothing-saved"));
  }

  exportCase() {
    const book = store.read();
    if (!book) {
      this.say(this.msg("nothing-saved"));
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    saveFile(`yuqi-xieshang-${day}.json`, "application/json", `${JSON.stringify(book, null, 2)}\n`);
    this.say(this.msg("exported"));
  }

  /** @param {File} file */
  async importCase(file) {
    const text = await file.slice(0, MAX_IMPORT + 1).text();
    if (runtime.state === "error") {
      this.say(this.msg("import-failed"));
      return;
    }
    if (runtime.state !== "ready") this.say(this.msg("import-waiting"));
    try {
      await runtime.ready();
    } catch {
      this.say(this.msg("import-failed"));
      return;
    }
    runtime.ask(
      { type: "workbook", text, lang: LANG },
      (answer) => this.imported(answer.error === undefined ? answer.json || "" : null),
      () => this.say(this.msg("import-failed")),
    );
  }

  /**
   * Python's reading of the file: JSON text, or null when the worker failed on it.
   * @param {string | null} json
   */
  imported(json) {
    if (json === null) {
      this.say(this.msg("import-failed"));
      return;
    }
    const data = JSON.parse(json);
    if (!data.ok) {
      this.say(String(data.message));
      return;
    }
    if (!store.write(data.workbook)) {
      this.say(this.msg("storage-blocked"));
      return;
    }
    syncSaveBars(true);
    this.everyone((widget) => widget.reloadFromStore());
    this.say(this.msg("imported"));
  }
}
