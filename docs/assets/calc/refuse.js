// A paper (a letter, the plan, a statement, a table, a calendar) is never printed, copied or
// downloaded while its form has an error, nor while the answer to the latest inputs is not
// back: the button pressed says why, in a line of its own right after the button's row, and
// does nothing. The paper itself stays visible, marked out of date (calc.css, from the
// widget's data-invalid / data-stale). The sentences are the widget's (data-msg-paper-*).

/**
 * Why the widget's papers cannot leave the page now: a message key, or "" when they can.
 * `waits`: the button can wait for the answer instead (a download starts by itself then).
 * @param {HTMLElement} el the widget
 * @param {boolean} waits
 */
export function refusedWhy(el, waits) {
  if ("invalid" in el.dataset) return "paper-invalid";
  if (!waits && ("busy" in el.dataset || "stale" in el.dataset)) return "paper-waiting";
  return "";
}

/**
 * Say `text` next to `button` (one such line per widget: an older one goes).
 * @param {HTMLElement} el the widget
 * @param {HTMLElement} button
 * @param {string} text
 */
export function sayRefused(el, button, text) {
  clearRefusals(el);
  const line = document.createElement("p");
  line.className = "calc-refusal";
  line.setAttribute("role", "alert");
  line.textContent = text;
  const row = button.closest(".calc-letter-actions, .calc-actions") || button;
  row.after(line);
}

/** @param {HTMLElement} el the widget */
export function clearRefusals(el) {
  for (const line of el.querySelectorAll(".calc-refusal")) line.remove();
}
