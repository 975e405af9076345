// A result's buttons that set boxes of the form and ask Python again: the rehearsal's replies
// (calculators/web/views/rehearsal.py). `data-set` is a JSON object, box name -> value, that
// Python wrote for that button; the widget keeps no state of its own. After the answer, the
// element of the new result marked `data-focus` gets the focus, so a keyboard or screen-reader
// user goes on from the new turn (the result was redrawn under them).

import { namedControls, setControl, yesWords } from "./links.js";

/**
 * @typedef {{result: HTMLElement, form: HTMLFormElement, schedule: (delay: number) => void}} Owner
 */

export class Steps {
  /** @param {Owner} owner the widget */
  constructor(owner) {
    this.owner = owner;
    this.focusNext = false;
    owner.result.addEventListener("click", (event) => this.onClick(event));
  }

  /** @param {Event} event */
  onClick(event) {
    const button = event.target instanceof Element && event.target.closest("[data-set]");
    if (!(button instanceof HTMLElement) || !this.owner.result.contains(button)) return;
    /** @type {unknown} */
    let values;
    try {
      values = JSON.parse(button.dataset.set || "");
    } catch {
      return;
    }
    if (!values || typeof values !== "object") return;
    const given = /** @type {Record<string, unknown>} */ (values);
    const yes = yesWords(this.owner.form);
    for (const el of namedControls(this.owner.form)) {
      if (Object.prototype.hasOwnProperty.call(given, el.name)) setControl(el, String(given[el.name]), yes);
    }
    this.focusNext = true;
    this.owner.schedule(0);
  }

  // The answer to a step is shown: focus where it says.
  shown() {
    if (!this.focusNext) return;
    this.focusNext = false;
    const el = this.owner.result.querySelector("[data-focus]");
    if (el instanceof HTMLElement) el.focus();
  }
}
