// The plan page's editor of the reader's case (calculators/web/caseform.py draws it): boxes a
// phone can fill, over the hidden text box the form sends, which holds the case as JSON. Each
// box names where its value goes (data-case-key, "asks.months" one level down) inside a group
// (data-case-group: "budget", "person") or a debt's row (data-case-item of the list "debts").
// On every change the boxes are written into the JSON, before the widget reads the form; a
// kept case (or a link's) is drawn back into the boxes. It knows nothing else of the model:
// Python reads and checks the JSON. A row left wholly blank is not a debt; a new debt gets a
// stable id (d1, d2, ...) the first time it has something in it.

import { fill } from "./format.js";
import { VERSIONS } from "./store.js";

/**
 * @typedef {import("./store.js").Item} Item
 * @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Box
 */

/** @param {unknown} value */
function isPlain(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The boxes of a row or group that are its own (not a nested row's).
 * @param {Element} scope
 * @returns {Box[]}
 */
function boxes(scope) {
  return /** @type {Box[]} */ ([...scope.querySelectorAll("[data-case-key]")]);
}

/**
 * A box's value as the case keeps it: a tick as a flag, anything else as typed.
 * @param {Box} box
 */
function valueOf(box) {
  return box instanceof HTMLInputElement && box.type === "checkbox" ? box.checked : box.value;
}

/**
 * @param {Box} box
 * @param {unknown} value
 */
function setBox(box, value) {
  if (box instanceof HTMLInputElement && box.type === "checkbox") box.checked = value === true;
  else if (box instanceof HTMLSelectElement) {
    if ([...box.options].some((o) => o.value === value)) box.value = String(value);
  } else box.value = typeof value === "string" ? value : "";
}

export class CaseEditor {
  /**
   * @param {HTMLElement} root the [data-case-editor] element
   * @param {HTMLTextAreaElement} text the hidden box the form sends
   */
  constructor(root, text) {
    this.root = root;
    this.text = text;
    this.list = /** @type {HTMLElement} */ (root.querySelector('[data-case-list="debts"]'));
    this.rows = /** @type {HTMLElement} */ (this.list.querySelector(".calc-rows-list"));
    this.template = /** @type {HTMLTemplateElement} */ (this.list.querySelector("template.calc-row-template"));
    this.count = this.list.querySelector(".calc-rows-count");
    this.max = Number(this.list.dataset.max) || 20;
    /** @type {Record<string, unknown>} the case the boxes were drawn from (its other parts kept) */
    this.base = this.parse(root.dataset.caseEmpty || "") || {};
    const write = () => {
      this.toText();
      this.renumber();
    };
    root.addEventListener("input", write);
    root.addEventListener("change", write);
    root.addEventListener("click", (event) => {
      const button = event.target instanceof Element && event.target.closest("[data-row-action]");
      if (!(button instanceof HTMLElement)) return;
      if (button.dataset.rowAction === "add") this.add();
      else if (button.dataset.rowAction === "remove") this.remove(button.closest("[data-case-item]"));
    });
  }

  /**
   * A version-2 case's object from text, or null.
   * @param {string} raw
   * @returns {Record<string, unknown> | null}
   */
  parse(raw) {
    try {
      const data = JSON.parse(raw);
      return isPlain(data) && VERSIONS.includes(data.version) ? data : null;
    } catch {
      return null;
    }
  }

  /** Draw the boxes from the JSON in the text box (the example, the default, draws nothing). */
  fromText() {
    if (this.text.value === this.text.dataset.default) return;
    const data = this.parse(this.text.value);
    if (!data) return;
    this.base = data;
    for (const group of this.root.querySelectorAll("[data-case-group]")) {
      const part = data[/** @type {HTMLElement} */ (group).dataset.caseGroup || ""];
      if (isPlain(part)) for (const box of boxes(group)) setBox(box, /** @type {any} */ (part)[box.dataset.caseKey || ""]);
    }
    const debts = Array.isArray(data.debts) ? data.debts.filter(isPlain) : [];
    if (!debts.length) return;
    this.rows.replaceChildren(...debts.map((debt) => this.makeRow(debt)));
    this.renumber();
  }

  /**
   * A row filled from `debt` (a new one: blank).
   * @param {Record<string, unknown>} debt
   */
  makeRow(debt) {
    const row = /** @type {HTMLElement} */ (
      /** @type {Element} */ (this.template.content.firstElementChild).cloneNode(true)
    );
    const asks = isPlain(debt.asks) ? /** @type {Record<string, unknown>} */ (debt.asks) : {};
    for (const box of boxes(row)) {
      const key = box.dataset.caseKey || "";
      if (key.startsWith("asks.")) setBox(box, asks[key.slice(5)]);
      else if (key in debt) setBox(box, debt[key]);
    }
    return row;
  }

  /** Whether a row has nothing typed in it (its choices and ticks do not count). @param {Element} row */
  blank(row) {
    return boxes(row).every((box) => box.dataset.caseKey === "id" || box instanceof HTMLSelectElement || box.type === "checkbox" || !box.value.trim());
  }

  /** The rows' debts, blank rows left out, each new one given an id. */
  debts() {
    const items = [...this.rows.querySelectorAll("[data-case-item]")].filter((row) => !this.blank(row));
    const used = new Set(items.map((row) => /** @type {HTMLInputElement} */ (row.querySelector('[data-case-key="id"]')).value));
    return items.map((row) => {
      /** @type {Record<string, unknown>} */
      const debt = {};
      /** @type {Record<string, unknown>} */
      const asks = {};
      for (const box of boxes(row)) {
        const key = box.dataset.caseKey || "";
        if (key.startsWith("asks.")) asks[key.slice(5)] = valueOf(box);
        else debt[key] = valueOf(box);
      }
      if (!debt.id) {
        let n = 1;
        while (used.has(`d${n}`)) n += 1;
        const id = `d${n}`;
        debt.id = id;
        used.add(id);
        /** @type {HTMLInputElement} */ (row.querySelector('[data-case-key="id"]')).value = id;
      }
      return { ...debt, asks };
    });
  }

  /** Write the boxes into the JSON the form sends. */
  toText() {
    const debts = this.debts();
    /** @type {Record<string, unknown>} */
    const data = { ...this.base, debts };
    // A debt removed here takes its agreement records with it (Python refuses records of a
    // debt the case no longer has).
    if (isPlain(this.base.agreements)) {
      const ids = new Set(debts.map((debt) => /** @type {Record<string, unknown>} */ (debt).id));
      const records = /** @type {Record<string, unknown>} */ (this.base.agreements);
      data.agreements = Object.fromEntries(Object.entries(records).filter(([id]) => ids.has(id)));
    }
    for (const group of this.root.querySelectorAll("[data-case-group]")) {
      const name = /** @type {HTMLElement} */ (group).dataset.caseGroup || "";
      /** @type {Record<string, unknown>} */
      const part = isPlain(this.base[name]) ? { .../** @type {object} */ (this.base[name]) } : {};
      for (const box of boxes(group)) part[box.dataset.caseKey || ""] = valueOf(box);
      data[name] = part;
    }
    this.text.value = JSON.stringify(data);
  }

  add() {
    const now = this.rows.querySelectorAll("[data-case-item]").length;
    if (now >= this.max) {
      if (this.count) this.count.textContent = this.list.dataset.msgFull || "";
      return;
    }
    const row = this.makeRow({});
    this.rows.append(row);
    this.renumber();
    const first = row.querySelector("input:not([type=hidden])");
    if (first instanceof HTMLElement) first.focus();
  }

  /** @param {Element | null} row */
  remove(row) {
    if (!row) return;
    row.remove();
    if (!this.rows.querySelector("[data-case-item]")) this.rows.append(this.makeRow({}));
    this.renumber();
    this.toText();
    this.root.dispatchEvent(new Event("change", { bubbles: true }));
  }

  renumber() {
    const rows = [...this.rows.querySelectorAll("[data-case-item]")];
    rows.forEach((row, i) => {
      const title = row.querySelector(".calc-row-title");
      if (title) title.textContent = fill(this.list.dataset.msgRow || "{n}", { n: String(i + 1) });
    });
    const filled = rows.filter((row) => !this.blank(row)).length;
    if (this.count) this.count.textContent = fill(this.list.dataset.msgCount || "{n}", { n: String(filled) });
  }
}

/**
 * The editor of the case in widget `el`, if it has one.
 * @param {HTMLElement} el
 */
export function editorIn(el) {
  const editor = el.querySelector("[data-case-editor]");
  const text = el.querySelector(".calc-field-case textarea[name]");
  return editor instanceof HTMLElement && text instanceof HTMLTextAreaElement ? new CaseEditor(editor, text) : null;
}
