// A widget's buttons: copy the share link, download the table (CSV) or a file Python made (a
// letter, a statement, a calendar), copy or print a part of the result. The buttons are in the
// widget's action row and in its result (e.g. a letter's own, aimed at it by data-target).

import { fileKind } from "./edits.js";
import { copyText, saveFile } from "./files.js";
import { printPart } from "./print.js";
import { clearRefusals, refusedWhy, sayRefused } from "./refuse.js";
import { runtime } from "./runtime.js";

/**
 * @typedef {import("./status.js").Status} Status
 * @typedef {{name: string, mime: string, text: string, plain?: string}} MadeFile
 * @typedef {{el: HTMLElement, status: Status, msg: (key: string) => string,
 *   shareURL: () => string, updateShareLink: () => void}} Owner
 */

const ACTIONS = ["share", "csv", "print", "copy", "download"];

export class Actions {
  /** @param {Owner} owner the widget */
  constructor(owner) {
    this.owner = owner;
    /** @type {string | null} the table of the answer shown */
    this.csv = null;
    this.csvName = `${owner.el.dataset.calc || "table"}.csv`;
    /** @type {Record<string, MadeFile>} the files of the answer shown */
    this.files = {};
    /** @type {string | null} "csv" or a file's key: download it with the next answer */
    this.wanted = null;
    this.wantedLetter = "";
    owner.el.addEventListener("click", (event) => this.onClick(event));
  }

  /** @param {string} key */
  msg(key) {
    return this.owner.msg(key);
  }

  /** @param {Event} event */
  onClick(event) {
    const el = this.owner.el;
    const button = event.target instanceof Element && event.target.closest("[data-action]");
    if (!(button instanceof HTMLElement) || !el.contains(button)) return;
    const action = button.dataset.action || "";
    const target = button.dataset.target ? document.getElementById(button.dataset.target) : null;
    if (action.endsWith("-line")) return this.editLines(button, action === "add-line");
    if (!ACTIONS.includes(action)) return;
    // The share button is a link to this page with the inputs; the theme's instant
    // navigation listens on <body> and would follow it, so the click stops here.
    event.preventDefault();
    event.stopPropagation();
    // Nothing stale or wrong leaves the page (refuse.js); a download may wait for its answer.
    const why = action === "share" ? "" : refusedWhy(el, action === "csv" || action === "download");
    if (why) return sayRefused(el, button, this.msg(why));
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

  /**
   * A button Python drew in the result that writes one line into a lines box of the form
   * (data-field), so the same Python reads it like a typed line: "add-line" appends its
   * data-line followed by the values of the [data-line-part] boxes in its parent (trailing blanks
   * left out), "undo-line" removes the last line that is exactly its data-line (as typed). The
   * answer to the change is the reader's confirmation (its summary is announced).
   * @param {HTMLElement} button
   * @param {boolean} add
   */
  editLines(button, add) {
    const box = /** @type {HTMLTextAreaElement} */ (
      this.owner.el.querySelector(`.calc-form [name="${button.dataset.field}"]`)
    );
    const lines = box.value.split("\n").filter((line) => line.trim());
    const line = button.dataset.line || "";
    if (add) {
      const parts = /** @type {HTMLElement} */ (button.parentElement).querySelectorAll("[data-line-part]");
      lines.push([line, ...[...parts].map((el) => /** @type {HTMLInputElement} */ (el).value.trim())].join(",").replace(/,+$/, ""));
    } else lines.splice(lines.lastIndexOf(line) >>> 0, 1); // none such: -1 becomes past the end
    box.value = lines.join("\n");
    // Kept in the reader's case at once, if that is the only change (casebar.js).
    this.owner.el.dataset.line = box.name;
    /** @type {HTMLFormElement} */ (box.form).requestSubmit();
  }

  /** @param {HTMLElement} target */
  async copyPart(target) {
    const text = target instanceof HTMLTextAreaElement ? target.value : target.textContent || "";
    const ok = await copyText(text);
    this.owner.status.say(this.msg(ok ? "copied" : "copy-failed"), "action");
  }

  async share() {
    const url = this.owner.shareURL();
    this.owner.updateShareLink();
    if (await copyText(url)) {
      this.owner.status.say(this.msg("link-copied"), "action");
      return;
    }
    // No clipboard (an old browser, or no permission): show the link to copy by hand.
    const note = document.createElement("span");
    note.textContent = this.msg("link-copy-failed");
    const link = document.createElement("a");
    link.href = url;
    link.textContent = url;
    link.className = "calc-share-url";
    this.owner.status.line.replaceChildren(note, document.createElement("br"), link);
    this.owner.status.kind = "action";
  }

  /**
   * The files of a new answer (none: the answer failed, and an older table is not what the
   * form says now).
   * @param {{csv?: string, csv_name?: string, files?: Record<string, MadeFile>} | null} data
   */
  answered(data) {
    this.csv = (data && data.csv) || null;
    if (data) clearRefusals(this.owner.el);
    if (data && data.csv_name) this.csvName = data.csv_name;
    if (data) this.files = data.files || {};
  }

  // A download waiting for the answer that has just come.
  downloadWanted() {
    if (!this.wanted) return;
    const key = this.wanted;
    this.wanted = null;
    this.download(key, this.wantedLetter || "");
  }

  /**
   * The waiting download's kind, forgetting it (the answer it waited for will not come).
   * @returns {"csv" | "file" | null}
   */
  dropWanted() {
    const kind = this.wanted ? fileKind(this.wanted) : null;
    this.wanted = null;
    return kind;
  }

  /**
   * The table (key "csv") and other files are made by Python for the inputs shown. The button
   * either downloads one or says why not: the runtime is still starting (then it downloads by
   * itself), did not start (retry), the inputs need correcting, or Python failed on them.
   * `letterId`: the textarea whose current text is the file (read when the file is saved,
   * which may be after the next answer has redrawn the letter, the reader's edits kept).
   * @param {string} key
   * @param {string} [letterId]
   */
  download(key, letterId = "") {
    const { el, status } = this.owner;
    const kind = fileKind(key);
    if (runtime.state === "error") {
      this.wanted = null;
      status.sayWithButton(this.msg(`${kind}-failed`), this.msg("retry"), () => runtime.retry());
      return;
    }
    if (runtime.state !== "ready" || "busy" in el.dataset) {
      // Downloads with the answer to the latest inputs.
      this.wanted = key;
      this.wantedLetter = letterId;
      if (runtime.state === "ready") return;
      if (runtime.state === "idle") runtime.start();
      status.say(this.msg(`${kind}-waiting`), "action");
      return;
    }
    if ("invalid" in el.dataset) {
      status.say(this.msg(`${kind}-invalid`), "action");
      return;
    }
    if (key === "csv") {
      if (!this.csv) status.say(this.msg("csv-broken"), "action");
      else saveFile(this.csvName, "text/csv;charset=utf-8", this.csv);
      return;
    }
    const file = this.files[key];
    const letter = letterId ? document.getElementById(letterId) : null;
    const text = letter instanceof HTMLTextAreaElement ? letter.value : String(file ? file.text : "");
    if (!file) status.say(this.msg("broken"), "action");
    else saveFile(String(file.name), String(file.mime), text, String(file.plain || ""));
  }
}
