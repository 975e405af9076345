// The reader's case on this device (calculators/workbook.py): one localStorage key, written
// only after the reader ticks "save on this device" in a widget's save bar. The only code of
// the site that touches localStorage.
//
// What is read back is not trusted: another page of the same origin, an extension or a broken
// browser may have written anything there. It is read in three steps, each before the next:
// its size, its shape (nesting, then a plain object of the expected parts) and its values
// (strings and booleans of bounded length under plain keys); whatever fails a step is left out,
// never handed on. Imported files go through the same first two steps (`checkShape`) before
// Python reads them. The values are then only ever set as form values and parsed by Python.

const STORE_KEY = "yuqi-xieshang:workbook";
// Characters: far above what the site writes (calculators.workbook.MAX_FILE is 200,000 for a
// whole exported file), far below what would make reading it slow.
const MAX_STORED = 1_000_000;
const MAX_VALUE = 100_000; // characters of one value (the longest field takes 20,000)
const MAX_DEPTH = 8; // the case nests three deep
const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/; // a saved field's key or a step's id

/**
 * @typedef {{format: string, version: number, values: Record<string, string>,
 *   checks: Record<string, boolean>}} Book
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

/**
 * A clean case from an object of the right shape: its values strings, its checks booleans, all
 * under plain keys, in objects without a prototype (a key "__proto__" or "toString" is data).
 * @param {Record<string, unknown>} data
 * @returns {Book | null}
 */
export function clean(data) {
  if (!isPlain(data.values)) return null;
  const values = /** @type {Record<string, string>} */ (Object.create(null));
  for (const [key, value] of Object.entries(/** @type {object} */ (data.values))) {
    if (KEY.test(key) && typeof value === "string" && value.length <= MAX_VALUE) values[key] = value;
  }
  const checks = /** @type {Record<string, boolean>} */ (Object.create(null));
  if (isPlain(data.checks)) {
    for (const [key, value] of Object.entries(/** @type {object} */ (data.checks))) {
      if (KEY.test(key) && typeof value === "boolean") checks[key] = value;
    }
  }
  const format = typeof data.format === "string" ? data.format.slice(0, 100) : "";
  const version = Number.isSafeInteger(data.version) ? Number(data.version) : 0;
  return { format, version, values, checks };
}

/**
 * The parts of the case that differ between `before` and `after`: value keys, and "checks"
 * for the plan's ticked steps.
 * @param {Book} before
 * @param {Book} after
 */
export function changedParts(before, after) {
  const keys = new Set([...Object.keys(before.values), ...Object.keys(after.values)]);
  const changed = [...keys].filter((key) => before.values[key] !== after.values[key]);
  const ticks = new Set([...Object.keys(before.checks), ...Object.keys(after.checks)]);
  if ([...ticks].some((key) => Boolean(before.checks[key]) !== Boolean(after.checks[key]))) {
    changed.push("checks");
  }
  return changed;
}

/**
 * What this device keeps, or null when nothing is kept (or it cannot be read).
 * @returns {Book | null}
 */
export function read() {
  let raw;
  try {
    raw = localStorage.getItem(STORE_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  const data = checkShape(raw, MAX_STORED);
  return data ? clean(data) : null;
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
 * Keep `book`; false when the browser refuses (private mode, storage full).
 * @param {Book} book
 */
export function write(book) {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(book));
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

/**
 * A ticked (or unticked) step of the plan, kept if the reader keeps a case.
 * @param {string} id
 * @param {boolean} checked
 */
export function keepCheck(id, checked) {
  const book = read();
  if (!book || !KEY.test(id)) return;
  book.checks[id] = checked;
  write(book);
}
