// Byte counts and sentence templates (docs/assets/calc/format.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { fill, formatBytes, slowLink } from "../../docs/assets/calc/format.js";

test("sizes in KB below a megabyte, in MB with one decimal above", () => {
  assert.equal(formatBytes(0), "1 KB");
  assert.equal(formatBytes(499), "1 KB");
  assert.equal(formatBytes(850_000), "850 KB");
  assert.equal(formatBytes(999_499), "999 KB");
  assert.equal(formatBytes(1_000_000), "1.0 MB");
  assert.equal(formatBytes(12_949_999), "12.9 MB");
  assert.equal(formatBytes("13250000"), "13.3 MB");
});

test("what is not a size counts as nothing", () => {
  for (const odd of [undefined, null, "", "abc", -5, Number.NaN, {}]) assert.equal(formatBytes(odd), "1 KB");
});

test("a slow or metered link, as the browser reports it", () => {
  assert.equal(slowLink(undefined), false);
  assert.equal(slowLink({ effectiveType: "4g" }), false);
  assert.equal(slowLink({ effectiveType: "4g", saveData: true }), true);
  for (const kind of ["slow-2g", "2g", "3g"]) assert.equal(slowLink({ effectiveType: kind }), true);
  assert.equal(slowLink({}), false);
});

test("fill replaces each {key} once and leaves unknown ones", () => {
  assert.equal(fill("共 {n} 笔，{n}", { n: "3" }), "共 3 笔，3");
  assert.equal(fill("{size} {other}", { size: "1 MB" }), "1 MB {other}");
  // A value is not read again as a template, and inherited names are not keys.
  assert.equal(fill("{a}", { a: "{b}", b: "x" }), "{b}");
  assert.equal(fill("{toString}", {}), "{toString}");
});
