// Rows of boxes over a list field's text (calculators/web/rows.py draws them): each line of the
// text is a row, its columns joined by commas; the text is what the form sends, so the rows
// write it back on every keystroke and are redrawn when the text is edited. It knows no column:
// how many there are, how a shorter line fills them, the separators the parser reads and every
// word it shows come from the markup. parseRows and rowsText are pure (tests/js/rows.test.mjs).

import { fill } from "./format.js";
import { MAX_VALUE } from "./links.js";

/**
 * A pattern that matches one separator (calculators.fields.RECORD_SEPARATORS, written into the
 * markup as data-separators).
 * @param {string} chars
 */
export function separatorPattern(chars) {
  const escaped = [...chars].map((c) => c.replace(/[\\\]^-]/g, "\\$&")).join("");
  return new RegExp(`[${escaped}]`);
}

/**
 * The text's lines as rows of `columns` cells, or null when a line fits neither form (then the
 * text stays as it is, and Python says what is wrong with it). A line with as many parts as
 * `legacy` fills those columns (the older, shorter form). As calculators/web/rows.split_rows.
 * @param {string} text
 * @param {number} columns
 * @param {number[]} legacy
 * @param {RegExp} separators
 * @returns {string[][] | null}
 */
export function parseRows(text, columns, legacy, separators) {
  const rows = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const parts = (separators.test(line) ? line.split(separators) : line.split(/\s+/)).map((part) =>
      part.trim(),
    );
    if (parts.length === columns) rows.push(parts);
    else if (legacy.length && parts.length === legacy.length) {
      const row = Array(columns).fill("");
      legacy.forEach((column, i) => {
        row[column] = parts[i];
      });
      rows.push(row);
    } else return null;
  }
  return rows;
}

/**
 * Rows back into text: the cells of a row joined by commas (a separator or line break typed in
 * a cell becomes a space), rows without any typed cell left out (`typed[i]` says whether row i
 * has one: a choice alone is not typing).
 * @param {string[][]} rows
 * @param {boolean[]} typed
 * @param {RegExp} separators
 */
export function rowsText(rows, typed, separators) {
  const breaks = new RegExp(`${separators.source}|[\\r\\n]`, "g");
  return rows
    .filter((_, i) => typed[i])
    .map((cells) => cells.map((cell) => cell.replace(breaks, " ").trim()).join(","))
    .join("\n");
}

/** The rows editor of one list field. */
export class Rows {
  /**
   * @param {HTMLElement} box the .calc-rows fieldset
   * @param {() => void} changed called when a row is removed (the widget asks again)
   */
  constructor(box, changed) {
    this.box = box;
    this.changed = changed;
    this.list = /** @type {HTMLElement} */ (box.querySelector(".calc-rows-list"));
    this.text = /** @type {HTMLTextAreaElement} */ (box.querySelector("textarea[name]"));
    this.template = /** @type {HTMLTemplateElement} */ (box.querySelector("template.calc-row-template"));
    this.count = /** @type {HTMLElement} */ (box.querySelector(".calc-rows-count"));
    this.addButton = /** @type {HTMLButtonElement} */ (box.querySelector('[data-row-action="add"]'));
    this.columns = Number(box.dataset.columns) || 0;
    this.legacy = box.dataset.legacy ? box.dataset.legacy.split(",").map(Number) : [];
    this.max = Number(box.dataset.max) || 20;
    this.separators = separatorPattern(box.dataset.separators || ",");
    box.addEventListener("input", (event) => {
      if (event.target instanceof Element && event.target.closest(".calc-row")) this.toText();
    });
    box.addEventListener("change", (event) => {
      if (event.target instanceof Element && event.target.closest(".calc-row")) this.toText();
      else if (event.target === this.text) this.fromText();
    });
    box.addEventListener("click", (event) => {
      const button = event.target instanceof Element && event.target.closest("[data-row-action]");
      if (!(button instanceof HTMLElement)) return;
      if (button.dataset.rowAction === "add") this.add();
      else if (button.dataset.rowAction === "remove") this.remove(button.closest(".calc-row"));
    });
  }

  /** @param {string} key */
  msg(key) {
    return this.box.getAttribute(`data-msg-${key}`) || "";
  }

  fromText() {
    const rows = parseRows(this.text.value, this.columns, this.legacy, this.separators);
    if (rows === null) {
      const details = this.text.closest("details");
      if (details) details.open = true;
      return;
    }
    this.list.replaceChildren(...rows.slice(0, this.max).map((cells) => this.makeRow(cells)));
    this.renumber();
  }

  /** @param {string[]} cells */
  makeRow(cells) {
    const first = /** @type {Element} */ (this.template.content.firstElementChild);
    const row = /** @type {HTMLElement} */ (first.cloneNode(true));
    for (const control of row.querySelectorAll("[data-col]")) {
      const value = cells[Number(control.getAttribute("data-col"))] || "";
      if (control instanceof HTMLSelectElement) {
        const option = [...control.options].find((o) => o.value === value || o.text === value);
        if (option) control.value = option.value;
      } else if (control instanceof HTMLInputElement) {
        control.value = value.slice(0, MAX_VALUE);
      }
    }
    return row;
  }

  // Each row back into one line of the text.
  toText() {
    const rows = [];
    const typed = [];
    for (const row of this.list.querySelectorAll(".calc-row")) {
      const controls = /** @type {(HTMLInputElement | HTMLSelectElement)[]} */ ([
        ...row.querySelectorAll("[data-col]"),
      ]).sort((a, b) => Number(a.dataset.col) - Number(b.dataset.col));
      rows.push(controls.map((c) => c.value));
      typed.push(controls.some((c) => !(c instanceof HTMLSelectElement) && c.value.trim() !== ""));
    }
    this.text.value = rowsText(rows, typed, this.separators);
  }

  add() {
    const rows = this.list.querySelectorAll(".calc-row");
    if (rows.length >= this.max) {
      this.count.textContent = this.msg("full");
      return;
    }
    const row = this.makeRow([]);
    this.list.append(row);
    this.renumber();
    const first = row.querySelector("[data-col]");
    if (first instanceof HTMLElement) first.focus();
  }

  /** @param {Element | null} row */
  remove(row) {
    if (!row) return;
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    this.renumber();
    this.toText();
    const focus = next ? next.querySelector("[data-col]") : this.addButton;
    if (focus instanceof HTMLElement) focus.focus();
    this.changed();
  }

  renumber() {
    const rows = [...this.list.querySelectorAll(".calc-row")];
    rows.forEach((row, i) => {
      const n = String(i + 1);
      const title = row.querySelector(".calc-row-title");
      if (title) title.textContent = fill(this.msg("row"), { n });
      const remove = row.querySelector('[data-row-action="remove"]');
      if (remove) remove.setAttribute("aria-label", fill(this.msg("remove"), { n }));
    });
    this.count.textContent = fill(this.msg("count"), { n: String(rows.length) });
    this.addButton.disabled = rows.length >= this.max;
  }
}
