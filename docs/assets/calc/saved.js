// The fields a widget shares with the reader's saved case (store.js): those with a key in the
// case (data-saved-as, from calculators/fields.py's `saved_as`), and the plan's ticked steps in
// its result (input[data-check]). Values are only ever set as control values.

import { setControl, yesWords } from "./links.js";
import * as store from "./store.js";

/**
 * @param {HTMLFormElement} form
 * @returns {(HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[]}
 */
function savedControls(form) {
  return /** @type {any[]} */ ([...form.querySelectorAll("[name][data-saved-as]")]);
}

/**
 * Fill the form's saved fields from what this device keeps (only if the reader chose to keep
 * it), except those in `skip` (unless `force`); returns the names filled.
 * @param {HTMLFormElement} form
 * @param {Set<string>} skip
 * @param {boolean} [force]
 */
export function fillFromCase(form, skip, force = false) {
  const book = store.read();
  /** @type {string[]} */
  const filled = [];
  if (!book) return filled;
  const yes = yesWords(form);
  for (const el of savedControls(form)) {
    const key = el.dataset.savedAs || "";
    if ((skip.has(el.name) && !force) || !(key in book.values)) continue;
    if (setControl(el, book.values[key], yes)) filled.push(el.name);
  }
  return filled;
}

/**
 * Keep the form's saved fields and the figures its view published with the answer (the
 * budget's capacity), if the reader keeps a case; false when the browser refused.
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} published
 */
export function keepForm(form, published) {
  const book = store.read();
  if (!book) return true;
  for (const el of savedControls(form)) {
    const box = el instanceof HTMLInputElement && el.type === "checkbox";
    book.values[el.dataset.savedAs || ""] = box ? (el.checked ? "1" : "0") : el.value;
  }
  for (const [key, value] of Object.entries(published)) book.values[key] = value;
  return store.write(book);
}

/**
 * Tick the steps in `result` the saved case has ticked, and keep the reader's ticks.
 * @param {HTMLElement} result
 */
export function applyChecks(result) {
  const book = store.read();
  for (const box of result.querySelectorAll("input[data-check]")) {
    if (!(box instanceof HTMLInputElement)) continue;
    box.checked = Boolean(book && book.checks && book.checks[box.dataset.check || ""]);
  }
}

/**
 * Keep the ticks the reader makes in `result` (a plan's steps) with the case.
 * @param {HTMLElement} result
 */
export function watchChecks(result) {
  result.addEventListener("change", (event) => {
    const box = event.target instanceof Element && event.target.closest("input[data-check]");
    if (box instanceof HTMLInputElement) store.keepCheck(box.dataset.check || "", box.checked);
  });
}
