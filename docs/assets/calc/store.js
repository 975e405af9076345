// The reader's case on this device (calculators/workbook.py): one localStorage key, written
// only after the reader ticks "save on this device" in a widget's save bar. The only code of
// the site that touches localStorage.

const STORE_KEY = "yuqi-xieshang:workbook";

/**
 * @typedef {{format: string, version: number, values: Record<string, string>,
 *   checks: Record<string, boolean>}} Book
 */

/**
 * What this device keeps, or null when nothing is kept (or it cannot be read).
 * @returns {Book | null}
 */
export function read() {
  try {
    const raw = localStorage.getItem(STORE_KEY);
    if (!raw) return null;
    const data = JSON.parse(raw);
    const ok = data && typeof data === "object" && data.values && typeof data.values === "object";
    return ok ? data : null;
  } catch {
    return null;
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
  if (!book) return;
  book.checks = book.checks || {};
  book.checks[id] = checked;
  write(book);
}
