// Share links and the form's values: reading a link's inputs into a form, making the link
// that carries them, and setting a control from untrusted text. No state; the parts without a
// form are pure and unit-tested in Node (tests/js/links.test.mjs).
//
// A share link carries the inputs in its #fragment ("#principal=100000&months=36", see
// shareURL); older links carried them in the query ("?principal=..."), and still work. Both
// are untrusted: only names the form declares are read, values are cut to MAX_VALUE
// characters and only ever set as control values (never as markup), and a <select> takes
// only one of its own options. A fragment without "=" is a heading anchor, not inputs.
// Other parameters are ignored (tracking tags such as utm_source, a chat app's own), except
// the ones that look like a misspelling of one of the widget's own names: those are
// returned, for the widget to tell the reader that part of the link was not used.
//
// A link carries numbers, never personal details: the fields Python marks `personal` (a name,
// the ID card's or the account's last digits, a phone number, an address: data-personal in
// the markup) are left out of every link made here and are not filled from one.

export const MAX_VALUE = 5000; // characters accepted from a link parameter (the debt list is longest)

/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control */

/**
 * The inputs a link carries: its query, then its fragment when that holds "=".
 * @param {{search: string, hash: string}} where
 */
export function linkParams(where) {
  const params = new URLSearchParams(where.search);
  const hash = where.hash.replace(/^#/, "");
  if (hash.includes("=")) {
    for (const [name, value] of new URLSearchParams(hash)) params.set(name, value);
  }
  return params;
}

/**
 * The link to pass on: this page's address with the inputs in the #fragment, which browsers
 * never send to the server (nor put in a Referer): the host's logs and a chat app's link
 * preview see only the page's address. The query is dropped, so an old-style link passed on
 * does not carry its numbers along.
 * @param {string} href
 * @param {Record<string, string>} inputs
 */
export function shareURL(href, inputs) {
  const url = new URL(href);
  url.search = "";
  url.hash = new URLSearchParams(inputs).toString();
  return url.href;
}

/**
 * Whether a link's parameter `name` looks like a mistyped `field`: the same but for case or
 * -/_, a prefix of it or it with more after ("princ", "principal_amount"), or at most two
 * edits away (one for short names). Tracking tags are never near misses.
 * @param {string} name
 * @param {string} field
 */
export function nearMiss(name, field) {
  const a = name.toLowerCase().replace(/-/g, "_").slice(0, 64);
  const b = field.toLowerCase();
  if (/^(utm_|fb|gcl|mc_|_hs|spm$|from$|isappinstalled$)/.test(a)) return false;
  if (a === b) return true;
  if (a.length >= 3 && (b.startsWith(a) || a.startsWith(b))) return true;
  const limit = Math.min(a.length, b.length) >= 5 ? 2 : 1;
  return Math.abs(a.length - b.length) <= limit && editDistance(a, b) <= limit;
}

/**
 * Levenshtein distance.
 * @param {string} a
 * @param {string} b
 */
export function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * The parameters of `params` that are not the form's (nor another widget's on the page) and
 * look like a misspelling of one of the form's names.
 * @param {URLSearchParams} params
 * @param {Set<string>} own
 * @param {Set<string>} pageNames
 */
export function misspelled(params, own, pageNames) {
  const out = [];
  for (const name of new Set(params.keys())) {
    if (own.has(name) || pageNames.has(name)) continue;
    if ([...own].some((field) => nearMiss(name, field))) out.push(name);
  }
  return out;
}

/**
 * The words that tick a checkbox, as the parser reads them (calculators.fields.YES_WORDS),
 * from the widget's markup.
 * @param {HTMLFormElement} form
 */
export function yesWords(form) {
  const widget = form.closest(".calc");
  const words = (widget instanceof HTMLElement && widget.dataset.yesWords) || "1 true yes on y";
  return new Set(words.split(" "));
}

/**
 * The form's controls that have a name.
 * @param {HTMLFormElement} form
 * @returns {Control[]}
 */
export function namedControls(form) {
  const out = [];
  for (const el of form.elements) {
    const named = el instanceof HTMLInputElement || el instanceof HTMLSelectElement;
    if ((named || el instanceof HTMLTextAreaElement) && el.name) out.push(el);
  }
  return out;
}

/**
 * What the form says: {name: text}, a checkbox as "1" or "0".
 * @param {HTMLFormElement} form
 * @returns {Record<string, string>}
 */
export function readForm(form) {
  /** @type {Record<string, string>} */
  const inputs = {};
  for (const el of namedControls(form)) {
    const box = el instanceof HTMLInputElement && el.type === "checkbox";
    inputs[el.name] = box ? (el.checked ? "1" : "0") : String(el.value);
  }
  return inputs;
}

/**
 * What a share link carries of the form: its inputs without the personal details.
 * @param {HTMLFormElement} form
 * @returns {Record<string, string>}
 */
export function shareInputs(form) {
  const inputs = readForm(form);
  for (const el of namedControls(form)) if (el.hasAttribute("data-personal")) delete inputs[el.name];
  return inputs;
}

/**
 * Set one form control from untrusted text (a link, the kept case, Python's answer): only ever
 * as a control value, never as markup, cut to MAX_VALUE characters; a <select> takes only one
 * of its own options. True when it was set. `limit`: the kept case's own values come from
 * Python, whose checks bound them (the plan's whole case, with an agreement of 60
 * instalments, is longer than MAX_VALUE, and cut it would not read).
 * @param {Control} el
 * @param {string} raw
 * @param {Set<string>} yes
 * @param {number} [limit]
 */
export function setControl(el, raw, yes, limit = MAX_VALUE) {
  const value = String(raw).slice(0, limit);
  if (el instanceof HTMLInputElement && el.type === "checkbox") {
    el.checked = yes.has(value.trim().toLowerCase());
  } else if (el instanceof HTMLSelectElement) {
    if (![...el.options].some((option) => option.value === value)) return false;
    el.value = value;
  } else {
    el.value = value;
  }
  return true;
}

/**
 * Fill `form` from a link; `pageNames` are every widget's names on the page (not misspellings).
 * @param {HTMLFormElement} form
 * @param {{search: string, hash: string}} where
 * @param {Set<string>} [pageNames]
 */
export function applyLink(form, where, pageNames = new Set()) {
  const params = linkParams(where);
  const own = new Set();
  const given = new Set();
  const yes = yesWords(form);
  for (const el of namedControls(form)) {
    own.add(el.name);
    const value = el.hasAttribute("data-personal") ? null : params.get(el.name);
    if (value !== null && setControl(el, value, yes)) given.add(el.name);
  }
  // The debt of the reader's case a letter is about (a creditor's card on the plan links with
  // its id): not a box of the form, read by casebar.js.
  const debt = form.closest(".calc")?.querySelector("[data-case-pick]") ? params.get("debt") || "" : "";
  if (debt) own.add("debt");
  return { applied: given.size > 0, given, debt, misspelled: misspelled(params, own, pageNames) };
}

/**
 * A "today" box (data-today: Python's Field.device_today) takes the device's date
 * (YYYY-MM-DD, local time), unless a link set it (`given`) or it no longer shows its default
 * (the reader or the browser's form restore put a date there). The prerendered answer used
 * the example's date: a first question that carries only what a link set carries it too.
 * @param {HTMLFormElement} form
 * @param {Set<string>} given
 */
export function applyToday(form, given) {
  const day = new Date(Date.now() - new Date().getTimezoneOffset() * 6e4).toISOString().slice(0, 10);
  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("input[data-today]"))) {
    if (given.has(box.name) || box.value !== box.dataset.default) continue;
    box.value = day;
    if (given.size) given.add(box.name);
  }
}
