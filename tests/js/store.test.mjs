// The saved case, read defensively (docs/assets/calc/store.js): size, shape, values.
import assert from "node:assert/strict";
import { test } from "node:test";

import { changedParts, checkShape, clean, nesting } from "../../docs/assets/calc/store.js";

const CASE = { format: "yuqi-xieshang/workbook", version: 1, values: { income: "8000" }, checks: { "list-debts": true } };

test("nesting counts brackets outside strings and stops past the limit", () => {
  assert.equal(nesting('{"a": [1, {"b": "[[[["}]}', 10), 3);
  assert.equal(nesting('"\\"[" [', 10), 1);
  assert.equal(nesting("[".repeat(100000), 8), 9);
  assert.equal(nesting("", 8), 0);
});

test("a case's shape: JSON, an object, at most the size and depth given", () => {
  assert.deepEqual(checkShape(JSON.stringify(CASE), 1000), CASE);
  assert.deepEqual(checkShape("\ufeff" + JSON.stringify(CASE), 1000), CASE); // a BOM is fine
  for (const odd of ["", "not json", "[]", "null", "7", '"x"', "[".repeat(9999) + "]".repeat(9999)]) {
    assert.equal(checkShape(odd, 100000), null, odd.slice(0, 20));
  }
  assert.equal(checkShape(JSON.stringify(CASE), 10), null); // too long
  assert.equal(checkShape('{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}}', 1000), null);
});

test("clean keeps strings and booleans under plain keys, nothing else", () => {
  const book = clean({
    format: "yuqi-xieshang/workbook",
    version: 1,
    values: {
      income: "8000",
      person_name: { toString: 1 },
      phone: ["1"],
      toString: "x", // not a key the site writes
      constructor: "c", // a plain key: harmless data in an object without a prototype
      "Bad Key": "1",
      long: "x".repeat(100001),
      ["__proto__"]: "p",
    },
    checks: { "list-debts": true, other: "yes", constructor: false },
  });
  assert.ok(book);
  assert.deepEqual(Object.keys(book.values).sort(), ["constructor", "income"]);
  assert.equal(Object.getPrototypeOf(book.values), null);
  assert.equal(String(book.values.income), "8000");
  assert.deepEqual({ ...book.checks }, { "list-debts": true, constructor: false });
  assert.equal(JSON.parse(JSON.stringify(book)).values.income, "8000");
  assert.equal(clean({ values: "x" }), null);
  assert.equal(clean({ values: [] }), null);
  const bare = clean({ values: {} });
  assert.ok(bare && bare.format === "" && bare.version === 0);
});

test("what an import would change: value keys, and the ticked steps as one part", () => {
  const before = clean({ values: { income: "8000", debts: "a", capacity: "100" }, checks: { a: true } });
  const after = clean({ values: { income: "5000", debts: "a", phone: "1" }, checks: { a: true, b: false } });
  assert.ok(before && after);
  assert.deepEqual(changedParts(before, after).sort(), ["capacity", "income", "phone"]);
  const ticked = clean({ values: { income: "8000", debts: "a", capacity: "100" }, checks: { a: false } });
  assert.ok(ticked);
  assert.deepEqual(changedParts(before, ticked), ["checks"]);
  assert.deepEqual(changedParts(before, before), []);
});
