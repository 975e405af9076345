// Small pure helpers for what the widgets say (no DOM, no state): unit-tested in Node
// (tests/js/format.test.mjs).

/**
 * "12.9 MB", "850 KB": a size for a sentence (units are not translated).
 * @param {unknown} bytes
 */
export function formatBytes(bytes) {
  const n = Math.max(0, Number(bytes) || 0);
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1000))} KB`;
}

/**
 * A slow or metered connection, as the browser reports it (Chromium's navigator.connection):
 * then nothing is downloaded until the reader asks (a button with the size, or the first edit
 * of a field), unless the runtime is on this device already.
 * @param {{saveData?: boolean, effectiveType?: string} | undefined} connection
 */
export function slowLink(connection) {
  if (!connection) return false;
  return Boolean(connection.saveData) || /^(slow-2g|2g|3g)$/.test(connection.effectiveType || "");
}

/**
 * `template` with each {key} replaced by its value (the sentences come from the markup).
 * @param {string} template
 * @param {Record<string, string>} values
 */
export function fill(template, values) {
  const own = (/** @type {string} */ key) => Object.prototype.hasOwnProperty.call(values, key);
  return template.replace(/\{(\w+)\}/g, (whole, key) => (own(key) ? values[key] : whole));
}
