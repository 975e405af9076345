// What a widget says besides its result: the status line under the form, the error line under
// a field, the note about a link's misspelled parameters and the quiet "kept for offline use"
// line. Every sentence is the widget's own (data-msg-*, from its markup); nothing here is
// markup: text only.

import { fill, formatBytes } from "./format.js";

export class Status {
  /**
   * @param {HTMLElement} el the widget's <section class="calc">
   * @param {(key: string) => string} msg its sentences
   */
  constructor(el, msg) {
    this.el = el;
    this.msg = msg;
    this.line = /** @type {HTMLElement} */ (el.querySelector(".calc-status"));
    /** "state" (starting, failed, bad input) is cleared by the next good answer; "action"
     * (link copied, download waiting) stays until the person changes an input. */
    this.kind = "state";
    /** @type {HTMLElement | null} the note about a link's misspelled parameters */
    this.notice = null;
  }

  /**
   * @param {string} text
   * @param {"state" | "action"} [kind]
   */
  say(text, kind = "state") {
    this.line.textContent = text;
    this.kind = kind;
  }

  /**
   * A sentence with a button after it.
   * @param {string} text
   * @param {string} label
   * @param {() => void} click
   * @param {string} [className]
   */
  sayWithButton(text, label, click, className = "calc-retry") {
    const note = document.createElement("span");
    note.textContent = text;
    const button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = label;
    button.addEventListener("click", click);
    this.line.replaceChildren(note, " ", button);
    this.kind = "state";
  }

  /**
   * A slow link: the size, and a button that starts the download (so does an edit).
   * @param {() => void} start
   */
  paused(start) {
    const size = formatBytes(this.el.dataset.runtimeBytes);
    const text = fill(this.msg("slow-link"), { size });
    this.sayWithButton(text, fill(this.msg("start-download"), { size }), start, "calc-retry calc-start");
  }

  /**
   * How much of the runtime has arrived, while it downloads; the prerendered result stays.
   * The total is the build's figure (data-runtime-bytes, hooks/offline.py), else the sizes the
   * host announced so far. A sentence about the reader's own action stays.
   * @param {number} loaded
   * @param {number} announced
   */
  progress(loaded, announced) {
    if (this.el.dataset.state !== "loading" || !loaded || this.kind === "action") return;
    const total = Number(this.el.dataset.runtimeBytes) || announced;
    const share = total ? Math.min(99, Math.floor((loaded * 100) / total)) : 0;
    this.el.dataset.loaded = String(loaded);
    const values = {
      loaded: formatBytes(loaded),
      total: formatBytes(Math.max(total, loaded)),
      percent: `${share}%`,
    };
    this.say(fill(this.msg("downloading"), values));
  }

  /**
   * A link's parameters that look like a misspelling of one of the widget's fields: said next
   * to the form (as text, never markup) until the reader changes an input.
   * @param {string[]} names
   */
  showNotice(names) {
    const shown = names.slice(0, 5).map((name) => name.slice(0, 40));
    const note = document.createElement("p");
    note.className = "calc-notice";
    note.setAttribute("role", "note");
    note.textContent = fill(this.msg("unknown-param"), { names: shown.join(this.msg("separator")) });
    this.el.prepend(note);
    this.notice = note;
  }

  // The reader changed something: an action's sentence and the link's note go.
  changed() {
    if (this.kind === "action") this.say("");
    if (this.notice) {
      this.notice.remove();
      this.notice = null;
    }
  }

  // The quiet line under the result once the service worker has the whole site (under the
  // result: a line appearing above it would move it, a layout shift).
  showOffline() {
    if (this.el.dataset.offline === "ready") return;
    this.el.dataset.offline = "ready";
    const line = document.createElement("p");
    line.className = "calc-offline";
    line.textContent = this.msg("offline-ready");
    this.el.querySelector(".calc-result")?.after(line);
  }

  clearErrors() {
    delete this.el.dataset.invalid;
    for (const box of this.el.querySelectorAll(".calc-error")) {
      box.textContent = "";
      /** @type {HTMLElement} */ (box).hidden = true;
    }
    for (const input of this.el.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  }

  /**
   * Python's sentence about one field, under that field (opened if it is in a collapsed
   * group), or on the status line when the field is not on the form.
   * @param {string} field
   * @param {string} message
   */
  showError(field, message) {
    this.clearErrors();
    this.el.dataset.invalid = "";
    const box = this.el.querySelector(`.calc-field[data-field="${CSS.escape(field)}"]`);
    const error = box && box.querySelector(".calc-error");
    if (!box || !(error instanceof HTMLElement)) {
      this.say(message);
      return;
    }
    error.textContent = message;
    error.hidden = false;
    box.querySelector("[name]")?.setAttribute("aria-invalid", "true");
    const details = box.closest("details");
    if (details) details.open = true;
    this.say(this.msg("invalid"));
  }
}
