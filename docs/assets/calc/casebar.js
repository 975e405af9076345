// A widget and the reader's kept case (casekeep.js): its boxes are filled from the case before
// its first question to Python, a letter's page asks which creditor it is for (the debt whose
// details fill its "debt." boxes, or "other": none), and after each answer the line under the
// form says when the page's numbers differ from the case, with one button ("keep in my plan",
// data-msg-case-save) that shows what would
// change and writes only when the reader confirms (or, for a line a result's button wrote into
// the form, when it is the only change: actions.js). Nothing here writes the case otherwise:
// what-if numbers on any page leave it as it was. The plan page is the case's editor: its
// answer publishes the case (Python-validated), kept at once when the reader keeps a case.
//
// Every sentence is the widget's (data-msg-case-*); the reader's values are set as text only.

import * as casekeep from "./casekeep.js";
import { fill as fillText } from "./format.js";
import { readForm, setControl, yesWords } from "./links.js";
import * as store from "./store.js";

/**
 * @typedef {{el: HTMLElement, name: string, form: HTMLFormElement, msg: (key: string) => string,
 *   published: Record<string, string>, status: import("./status.js").Status}} Owner
 * @typedef {import("./casekeep.js").Change} Change
 */

export class CaseLink {
  /**
   * @param {Owner} owner the widget
   * @param {string} debt the debt a link named (`debt=`), or ""
   */
  constructor(owner, debt) {
    this.owner = owner;
    this.debt = debt;
    this.pick = owner.el.querySelector("[data-case-pick]");
    this.bar = owner.el.querySelector(".calc-case-bar");
    this.editor = owner.el.querySelector("[data-case-editor]") !== null;
    this.saves = owner.form.querySelector("[data-saved-as]") !== null || this.editor;
    // The boxes have been filled from the case, or there was none when the page opened: a
    // case started later (the save tick) is empty, and must not blank what was typed.
    this.filled = !casekeep.kept();
    this.seq = 0; // the newest question about changes; older answers are dropped
    if (this.pick instanceof HTMLSelectElement) {
      this.pick.addEventListener("change", () => {
        this.debt = /** @type {HTMLSelectElement} */ (this.pick).value;
        this.filled = false;
        this.refill?.();
      });
    }
    /** @type {(() => void) | null} what the widget does after a refill (asks Python again) */
    this.refill = null;
  }

  /** Whether the boxes still wait for the case (the first question waits for it). */
  waiting() {
    return this.saves && !this.filled && casekeep.kept();
  }

  /**
   * Fill the boxes from the case (except those in `skip`, a link's, unless the reader picked
   * another debt), then `done` with the names set.
   * @param {Set<string>} skip
   * @param {(names: string[]) => void} done
   */
  fillThen(skip, done) {
    const calc = this.owner.name;
    casekeep
      .fill(calc, this.debt)
      .then((answer) => {
        this.filled = true;
        if (!answer) return done([]);
        if (answer.migrated) this.owner.status.say(this.owner.msg("case-migrated"), "action");
        this.showPick(answer.debts || [], Boolean(answer.about));
        done(this.setBoxes(answer.inputs || {}, skip));
      })
      .catch(() => {
        this.filled = true;
        done([]);
      });
  }

  /**
   * Fill the widget's boxes from the kept case, then let it ask Python: the first time, only
   * what a link and the case gave is sent (the rest follows from it, as after a link).
   * @param {{given: Set<string> | null, sentKey: string | null, fromText: () => void,
   *   compute: () => void}} widget
   */
  fillFirst(widget) {
    const first = widget.given !== null || widget.sentKey === null;
    this.fillThen(widget.given || new Set(), (names) => {
      const given = first ? widget.given || new Set() : new Set();
      for (const name of names) given.add(name);
      widget.given = first && given.size ? given : null;
      widget.fromText();
      if (names.length) widget.sentKey = null;
      widget.compute();
    });
  }

  /**
   * @param {Record<string, string>} inputs
   * @param {Set<string>} skip
   */
  setBoxes(inputs, skip) {
    const yes = yesWords(this.owner.form);
    const set = [];
    for (const el of this.owner.form.querySelectorAll("[name]")) {
      const box = /** @type {HTMLInputElement} */ (el);
      if (!(box.name in inputs) || skip.has(box.name)) continue;
      if (setControl(box, inputs[box.name], yes, Infinity)) set.push(box.name);
    }
    return set;
  }

  /**
   * Which creditor: the case's debts and "other", shown on a letter's page when the case has debts.
   * @param {{id: string, name: string, fits: boolean}[]} debts
   * @param {boolean} about
   */
  showPick(debts, about) {
    const pick = this.pick;
    if (!(pick instanceof HTMLSelectElement)) return;
    const box = pick.closest(".calc-case-pick");
    if (!about || !debts.length || !(box instanceof HTMLElement)) return;
    const options = debts.map((d) => {
      const option = document.createElement("option");
      option.value = d.id;
      option.textContent = d.fits ? d.name : `${d.name}${this.owner.msg("case-unfit")}`;
      return option;
    });
    const other = document.createElement("option");
    other.value = "";
    other.textContent = this.owner.msg("case-other");
    pick.replaceChildren(...options, other);
    if (!debts.some((d) => d.id === this.debt)) this.debt = "";
    pick.value = this.debt;
    box.hidden = false;
  }

  /** After a good answer: keep the plan's case, or say how this page differs from it. */
  answered() {
    if (!store.read()) return this.hide();
    if (this.editor) {
      const text = this.owner.published.case;
      const data = text ? store.checkShape(text, Number.MAX_SAFE_INTEGER) : null;
      const shaped = data ? store.clean(data) : null;
      if (shaped) store.write(shaped); // Python's own, validated as it answered
      return;
    }
    if (!this.saves || !(this.bar instanceof HTMLElement)) return;
    // A line a result's button wrote (a payment marked) needs no preview when it is all that
    // differs from the case: the button was the reader's confirmation.
    const line = this.owner.el.dataset.line;
    this.owner.el.dataset.line = "";
    const seq = (this.seq += 1);
    casekeep
      .changes(this.owner.name, this.debt, readForm(this.owner.form))
      .then((answer) => {
        if (seq !== this.seq) return;
        const found = (answer && answer.changes) || [];
        if (!answer || !found.some((c) => c.savable)) return this.hide();
        // (one change a field: the line's box, which the check above found savable)
        if (found.every((c) => c.field === line)) return this.confirm(answer);
        this.offer(found, answer);
      })
      .catch(() => this.hide());
  }

  hide() {
    if (this.bar instanceof HTMLElement) {
      this.bar.hidden = true;
      this.bar.replaceChildren();
    }
  }

  /**
   * @param {string} text
   * @param {HTMLElement[]} [more]
   */
  say(text, more = []) {
    const bar = /** @type {HTMLElement} */ (this.bar);
    const line = document.createElement("p");
    line.textContent = text;
    bar.replaceChildren(line, ...more);
    bar.hidden = false;
  }

  /**
   * @param {string} label
   * @param {string} answer
   * @param {() => void} click
   */
  button(label, answer, click) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "calc-action";
    button.dataset.caseAction = answer;
    button.textContent = label;
    button.addEventListener("click", click, { once: true });
    return button;
  }

  /**
   * The page differs from the case: one button, which previews the changes first.
   * @param {Change[]} found
   * @param {import("./casekeep.js").CaseAnswer} answer
   */
  offer(found, answer) {
    const msg = this.owner.msg.bind(this.owner);
    this.say(msg("case-differs"), [this.button(msg("case-save"), "save", () => this.preview(found, answer))]);
  }

  /**
   * @param {Change[]} found
   * @param {import("./casekeep.js").CaseAnswer} answer
   */
  preview(found, answer) {
    const msg = this.owner.msg.bind(this.owner);
    const list = document.createElement("ul");
    list.className = "calc-case-changes";
    for (const change of found) {
      const item = document.createElement("li");
      const blank = msg("case-blank");
      item.textContent = fillText(msg("case-change"), {
        label: change.label,
        before: change.before || blank,
        after: change.after || blank,
      });
      if (!change.savable) {
        item.dataset.caseUnsaved = "";
        item.textContent += fillText(msg("case-kept-out"), { why: change.why });
      }
      list.append(item);
    }
    const yes = this.button(msg("case-confirm"), "confirm", () => this.confirm(answer));
    const no = this.button(msg("case-cancel"), "cancel", () => this.say(msg("case-not-saved")));
    const buttons = document.createElement("p");
    buttons.append(yes, " ", no);
    this.say(msg("case-preview"), [list, buttons]);
    yes.focus();
  }

  /** @param {import("./casekeep.js").CaseAnswer} answer */
  confirm(answer) {
    const data = casekeep.caseOf(answer);
    if (!data || !store.write(data)) return this.say(this.owner.msg("storage-blocked"));
    this.say(this.owner.msg("case-saved"));
  }
}
