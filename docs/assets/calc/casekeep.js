// The reader's kept case (store.js) and Python (calculators.web.case_json, in the worker): every
// case this device keeps has been validated by Python first, every page's boxes are filled from
// it by Python (calculators/casefill.py, the one mapping of `saved_as` keys to the case), and
// what a page would change in it is worked out there too. This module only carries the
// questions and answers, and keeps what Python gave back.
//
// A version-1 key (the flat workbook) is migrated once, on the first page that asks for the
// case: Python reads it (calculators/case_v1.py) and the version-2 case replaces it under the
// same key. If Python refuses it, the key is left as it was: nothing is lost.

import { runtime } from "./runtime.js";
import * as store from "./store.js";

/**
 * @typedef {import("./store.js").Case} Case
 * @typedef {import("./protocol.js").CaseAction} CaseAction
 * @typedef {{ok: boolean, field?: string, message?: string, case?: string,
 *   inputs?: Record<string, string>, debts?: {id: string, name: string, fits: boolean}[],
 *   about?: boolean, changes?: Change[], migrated?: boolean}} CaseAnswer
 * @typedef {{field: string, label: string, before: string, after: string, savable: boolean,
 *   why: string}} Change
 */

const LANG = document.documentElement.lang || "zh-Hans";

/**
 * Ask the worker about the case, once the runtime is ready; rejects when it fails.
 * @param {CaseAction} action
 * @param {string} payload
 * @returns {Promise<CaseAnswer>}
 */
export async function ask(action, payload) {
  await runtime.ready();
  return new Promise((resolve, reject) => {
    runtime.ask(
      { type: "case", action, payload, lang: LANG },
      (msg) => {
        if (msg.error !== undefined) reject(new Error(msg.error));
        else resolve(JSON.parse(msg.json || "null") || { ok: false });
      },
      (reason) => reject(new Error(reason)),
    );
  });
}

/**
 * Python's case from its answer's text, shaped as store.js keeps it; null if it is not one.
 * @param {CaseAnswer} answer
 * @returns {Case | null}
 */
export function caseOf(answer) {
  if (!answer.ok || typeof answer.case !== "string") return null;
  const data = store.checkShape(answer.case, Number.MAX_SAFE_INTEGER);
  return data ? store.clean(data) : null;
}

/**
 * Keep `data` once Python has validated it; the answer says why not when it is refused.
 * @param {Case} data
 * @returns {Promise<{kept: boolean, message: string}>}
 */
export async function keep(data) {
  const answer = await ask("load", JSON.stringify(data));
  const checked = caseOf(answer);
  if (!checked) return { kept: false, message: String(answer.message || "") };
  return { kept: store.write(checked), message: "" };
}

/** @type {Promise<boolean> | null} */
let migrating = null;

/**
 * Migrate a version-1 key, once per visit; true when one was migrated now.
 * @returns {Promise<boolean>}
 */
export function migrate() {
  if (migrating) return migrating;
  const book = store.old();
  if (!book) return Promise.resolve(false);
  migrating = ask("load", JSON.stringify(book)).then(
    (answer) => {
      const data = caseOf(answer);
      if (!data || !store.write(data)) {
        console.warn("calculators: the kept version-1 data could not be migrated:", answer.message);
        return false;
      }
      return true;
    },
    () => false,
  );
  return migrating;
}

/** Whether this device keeps a case, or a version-1 workbook to migrate. */
export function kept() {
  return store.read() !== null || store.old() !== null;
}

/**
 * What the kept case gives calculator `calc`'s boxes for debt `debt` ("" none), and the
 * case's debts for the letter's "which creditor" choice; null when no case is kept.
 * @param {string} calc
 * @param {string} debt
 */
export async function fill(calc, debt) {
  const migrated = await migrate();
  const data = store.read();
  if (!data) return null;
  const answer = await ask("fill", JSON.stringify({ case: JSON.stringify(data), calc, debt }));
  return answer.ok ? { ...answer, migrated } : null;
}

/**
 * What the page's `inputs` would change in the kept case, and the case with the savable
 * changes kept (validated); null when no case is kept or Python refused.
 * @param {string} calc
 * @param {string} debt
 * @param {Record<string, string>} inputs
 */
export async function changes(calc, debt, inputs) {
  const data = store.read();
  if (!data) return null;
  const payload = JSON.stringify({ case: JSON.stringify(data), calc, debt, inputs });
  const answer = await ask("changes", payload);
  return answer.ok ? answer : null;
}

/**
 * Keep a ticked (or unticked) step of the plan with the case, validated like every write.
 * @param {string} id
 * @param {boolean} checked
 */
export async function keepCheck(id, checked) {
  const data = store.read();
  if (!data) return;
  data.checks[id] = checked;
  await keep(data);
}
