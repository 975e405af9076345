// The reader's case on this device (calculators/case.py, version 3; a kept version 2, which
// had no agreements, is read the same way and Python adds the empty part): one localStorage key,
// written only after the reader ticks "save on this device" in a widget's save bar, and only
// with what Python has validated (casekeep.js asks the worker first). The only code of the site
// that touches localStorage, but for one read: overrides/main.html's head looks for the big-text
// setting (`display`) before the first paint, so that the page does not jump when it applies.
//
// What is read back is not trusted: another page of the same origin, an extension or a broken
// browser may have written anything there. It is read in three steps, each before the next:
// its size, its shape (nesting, then a plain object of the expected parts) and its values
// (strings and booleans of bounded length under plain keys, in lists and objects only where
// the case has them); whatever fails a step is left out, never handed on. Imported files go
// through the same first two steps (`checkShape`) before Python reads them. The values are then
// only ever set as form values and parsed by Python.
//
// A version-1 key (the flat workbook of earlier releases) is read as it was (`oldBook`) and
// handed to Python once to migrate (casekeep.js); the migrated case replaces it under the same
// key, so nothing the reader kept is lost.

export const STORE_KEY = "yuqi-xieshang:workbook";
// Characters: far above what the site writes (calculators.case_schema.MAX_FILE is 400,000 for
// a whole exported file), far below what would make reading it slow.
const MAX_STORED = 1_000_000;
const MAX_VALUE = 100_000; // characters of one value (the longest field takes 20,000)
const MAX_DEPTH = 6; // the case, agreements, a debt's records, a record, its schedule, a row (case_schema.MAX_DEPTH)
const MAX_RECORDS = 20; // agreement records per debt: above the case's own limit (5)
export const VERSIONS = [2, 3]; // the case versions read here (1 is migrated by casekeep.js)
const MAX_ITEMS = 200; // debts or contacts: far above the case's own limits (20, 100)
const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/; // a value's key or a step's id
// The case's parts and what each holds: an object of values, a list of such objects, ticks.
const OBJECTS = ["person", "budget"];
const LISTS = ["debts", "contacts"];
export const PARTS = [...OBJECTS, ...LISTS, "checks", "notes", "agreements"];

/**
 * @typedef {string | boolean} Value
 * @typedef {Record<string, Value>} Values
 * @typedef {Values & {asks?: Values}} Item
 * @typedef {{format: string, version: number, person: Values, budget: Values, debts: Item[],
 *   contacts: Item[], checks: Record<string, boolean>, notes: string,
 *   agreements?: Record<string, Record<string, unknown>[]>, display?: Display}} Case
 * @typedef {{bigtext: boolean}} Display how this device shows the site (bigtext.js)
 * @typedef {{format: string, version: number, values: Record<string, string>,
 *   checks: Record<string, boolean>}} Book a version-1 workbook
 */

/**
 * How deep `text`'s brackets nest, outside strings; stops counting past `limit`. Read before
 * JSON.parse: a file of 20,000 brackets parses here, but would overflow a recursive reader.
 * @param {string} text
 * @param {number} limit
 */
export function nesting(text, limit) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === "}" || c === "]") depth -= 1;
  }
  return deepest;
}

/**
 * The text's object, if its size and shape are a case's: null otherwise. Shape only: the
 * values are checked by `clean` (what is stored) or by Python (an imported file).
 * @param {string} text
 * @param {number} maxChars
 * @returns {Record<string, unknown> | null}
 */
export function checkShape(text, maxChars) {
  if (typeof text !== "string" || text.length > maxChars) return null;
  if (nesting(text, MAX_DEPTH) > MAX_DEPTH) return null;
  let data;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch {
    return null;
  }
  return isPlain(data) ? /** @type {Record<string, unknown>} */ (data) : null;
}

/** @param {unknown} value */
function isPlain(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An object without a prototype (a key "__proto__" or "toString" is data). */
function bare() {
  return /** @type {any} */ (Object.create(null));
}

/**
 * The strings and booleans of `data` under plain keys; `nested` names the one key that may
 * hold such an object in turn (a debt's asks).
 * @param {unknown} data
 * @param {string} [nested]
 * @returns {Item}
 */
function values(data, nested) {
  /** @type {Item} */
  const out = bare();
  if (!isPlain(data)) return out;
  for (const [key, value] of Object.entries(/** @type {object} */ (data))) {
    if (!KEY.test(key)) continue;
    if (typeof value === "boolean" || (typeof value === "string" && value.length <= MAX_VALUE)) out[key] = value;
    else if (key === nested && isPlain(value)) out.asks = values(value);
  }
  return out;
}

/**
 * JSON data of bounded depth: strings (bounded), finite numbers, booleans, null, lists (at most
 * MAX_ITEMS) and prototype-less objects under plain keys; anything else is left out. For the
 * agreement records (calculators/agreement_data.py), which Python reads strictly.
 * @param {unknown} value
 * @param {number} depth how many more levels of lists and objects may follow
 * @returns {unknown}
 */
function jsonData(value, depth) {
  if (typeof value === "string") return value.length <= MAX_VALUE ? value : undefined;
  if (typeof value === "boolean" || value === null) return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (depth <= 0) return undefined;
  if (Array.isArray(value)) {
    return value.slice(0, MAX_ITEMS).map((v) => jsonData(v, depth - 1)).filter((v) => v !== undefined);
  }
  if (!isPlain(value)) return undefined;
  /** @type {Record<string, unknown>} */
  const out = bare();
  for (const [key, v] of Object.entries(/** @type {object} */ (value))) {
    const kept = KEY.test(key) ? jsonData(v, depth - 1) : undefined;
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/**
 * The agreements part: debt id -> that debt's records (plain objects), the rest left out.
 * @param {unknown} part
 * @returns {Record<string, Record<string, unknown>[]>}
 */
function agreements(part) {
  /** @type {Record<string, Record<string, unknown>[]>} */
  const out = bare();
  if (!isPlain(part)) return out;
  for (const [id, records] of Object.entries(/** @type {object} */ (part))) {
    if (!KEY.test(id) || !Array.isArray(records)) continue;
    out[id] = /** @type {Record<string, unknown>[]} */ (
      records.slice(0, MAX_RECORDS).filter(isPlain).map((r) => jsonData(r, MAX_DEPTH - 3))
    );
  }
  return out;
}

/**
 * A clean case from an object of the right shape, or null when it is not a version-2 or 3 case:
 * every part of the expected kind, whatever is not left out.
 * @param {Record<string, unknown>} data
 * @returns {Case | null}
 */
export function clean(data) {
  if (!VERSIONS.includes(/** @type {number} */ (data.version)) || typeof data.format !== "string") {
    return null;
  }
  /** @type {(part: string) => Item[]} */
  const list = (part) => {
    const items = data[part];
    if (!Array.isArray(items)) return [];
    return items.slice(0, MAX_ITEMS).filter(isPlain).map((item) => values(item, "asks"));
  };
  /** @type {Record<string, boolean>} */
  const checks = bare();
  if (isPlain(data.checks)) {
    for (const [key, value] of Object.entries(/** @type {object} */ (data.checks))) {
      if (KEY.test(key) && typeof value === "boolean") checks[key] = value;
    }
  }
  return {
    format: data.format.slice(0, 100),
    version: /** @type {number} */ (data.version),
    person: values(data.person),
    budget: values(data.budget),
    debts: list("debts"),
    contacts: list("contacts"),
    checks,
    notes: typeof data.notes === "string" ? data.notes.slice(0, MAX_VALUE) : "",
    ...(data.version === 3 ? { agreements: agreements(data.agreements) } : {}),
    ...(isPlain(data.display) ? { display: display(data.display) } : {}),
  };
}

/**
 * The display part (calculators/case_schema.py DISPLAY): its flags, false unless true.
 * @param {unknown} part
 * @returns {Display}
 */
function display(part) {
  return { bigtext: /** @type {any} */ (part).bigtext === true };
}

/**
 * A version-1 workbook as it was kept, or null: its values strings and its checks booleans
 * under plain keys. Only read to be migrated by Python.
 * @param {Record<string, unknown>} data
 * @returns {Book | null}
 */
export function oldBook(data) {
  if (data.version !== 1 || !isPlain(data.values)) return null;
  /** @type {Record<string, string>} */
  const kept = bare();
  for (const [key, value] of Object.entries(/** @type {object} */ (data.values))) {
    if (KEY.test(key) && typeof value === "string" && value.length <= MAX_VALUE) kept[key] = value;
  }
  /** @type {Record<string, boolean>} */
  const checks = bare();
  if (isPlain(data.checks)) {
    for (const [key, value] of Object.entries(/** @type {object} */ (data.checks))) {
      if (KEY.test(key) && typeof value === "boolean") checks[key] = value;
    }
  }
  return { format: typeof data.format === "string" ? data.format.slice(0, 100) : "", version: 1, values: kept, checks };
}

/**
 * A part of the case as text that compares equal when the part says the same (keys sorted).
 * @param {unknown} value
 * @returns {string}
 */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlain(value)) {
    const entries = Object.entries(/** @type {object} */ (value)).filter(([, v]) => v !== "" && v !== false);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The parts of the case ("person", "debts", ...) that differ between `before` and `after`.
 * @param {Case} before
 * @param {Case} after
 */
export function changedParts(before, after) {
  // A version-2 case has no agreements part: it reads as none (Python adds an empty one).
  /** @type {(c: any, part: string) => unknown} */
  const of = (c, part) => (part === "agreements" ? c[part] ?? {} : c[part]);
  return PARTS.filter((part) => canonical(of(before, part)) !== canonical(of(after, part)));
}

/** What is under the key, checked for size and shape, or null. */
function kept() {
  let raw;
  try {
    raw = localStorage.getItem(STORE_KEY);
  } catch {
    return null;
  }
  return raw ? checkShape(raw, MAX_STORED) : null;
}

/**
 * The case this device keeps, or null when nothing is kept (or it cannot be read, or it is a
 * version-1 workbook still to migrate: `old`).
 * @returns {Case | null}
 */
export function read() {
  const data = kept();
  return data ? clean(data) : null;
}

/**
 * A version-1 workbook kept under the key, to migrate, or null.
 * @returns {Book | null}
 */
export function old() {
  const data = kept();
  return data ? oldBook(data) : null;
}

/**
 * Whether anything at all is kept under the key (read or not): what "clear" removes.
 */
export function present() {
  try {
    return localStorage.getItem(STORE_KEY) !== null;
  } catch {
    return false;
  }
}

/**
 * Keep `data` (Python's validated case); false when the browser refuses (private mode,
 * storage full) or it is not a case. The display settings already kept stay as they are: only
 * `setDisplay` changes them (a page's form knows nothing of them, and Python fills in the
 * default when a page sends a case without them).
 * @param {Case} data
 */
export function write(data) {
  const shaped = clean(/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (data)));
  if (!shaped) return false;
  const now = read();
  if (now && now.display) shaped.display = now.display;
  return put(shaped);
}

/**
 * Change the kept display settings (the big-text button); false when nothing is kept, so nothing
 * is written before the reader ticks to save.
 * @param {Partial<Display>} settings
 */
export function setDisplay(settings) {
  const now = read();
  if (!now) return false;
  now.display = display({ ...now.display, ...settings });
  return put(now);
}

/** @param {Case} shaped */
function put(shaped) {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(shaped));
    return true;
  } catch {
    return false;
  }
}

export function clear() {
  try {
    localStorage.removeItem(STORE_KEY);
  } catch {
    // nothing was kept
  }
}
