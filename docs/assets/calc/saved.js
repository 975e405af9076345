// The plan's ticked steps in its result (input[data-check]) and the reader's kept case
// (store.js): ticked as the case has them, and each tick kept with the case (validated by
// Python first, casekeep.js) when the reader keeps one. The boxes of a form are filled from the
// case by casebar.js.

import * as casekeep from "./casekeep.js";
import * as store from "./store.js";

/**
 * Tick the steps in `result` the saved case has ticked.
 * @param {HTMLElement} result
 */
export function applyChecks(result) {
  const data = store.read();
  for (const box of result.querySelectorAll("input[data-check]")) {
    if (!(box instanceof HTMLInputElement)) continue;
    box.checked = Boolean(data && data.checks[box.dataset.check || ""]);
  }
}

/**
 * Keep the ticks the reader makes in `result` (a plan's steps) with the case.
 * @param {HTMLElement} result
 */
export function watchChecks(result) {
  result.addEventListener("change", (event) => {
    const box = event.target instanceof Element && event.target.closest("input[data-check]");
    if (box instanceof HTMLInputElement) casekeep.keepCheck(box.dataset.check || "", box.checked).catch(() => {});
  });
}
