// The saved case, read defensively (docs/assets/calc/store.js): size, shape, values.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  STORE_KEY,
  changedParts,
  checkShape,
  clean,
  clear,
  nesting,
  oldBook,
  read,
  setDisplay,
  write,
} from "../../docs/assets/calc/store.js";

const CASE = {
  format: "yuqi-xieshang/case",
  version: 2,
  person: { name: "张三" },
  budget: { income: "8000.00" },
  debts: [{ id: "d1", creditor: "招商信用卡", sold: false, asks: { stop_interest: true, months: "60" } }],
  contacts: [{ debt: "d1", date: "2026-05-06" }],
  checks: { "list-debts": true },
  notes: "",
};
const BOOK = { format: "yuqi-xieshang/workbook", version: 1, values: { income: "8000" }, checks: { "list-debts": true } };

test("nesting counts brackets outside strings and stops past the limit", () => {
  assert.equal(nesting('{"a": [1, {"b": "[[[["}]}', 10), 3);
  assert.equal(nesting('"\\"[" [', 10), 1);
  assert.equal(nesting("[".repeat(100000), 8), 9);
  assert.equal(nesting("", 8), 0);
});

test("a case's shape: JSON, an object, at most the size and depth given (six: a record's schedule row)", () => {
  assert.deepEqual(checkShape(JSON.stringify(CASE), 1000), CASE);
  assert.deepEqual(checkShape("\ufeff" + JSON.stringify(CASE), 1000), CASE); // a BOM is fine
  assert.deepEqual(checkShape(JSON.stringify(BOOK), 1000), BOOK);
  for (const odd of ["", "not json", "[]", "null", "7", '"x"', "[".repeat(9999) + "]".repeat(9999)]) {
    assert.equal(checkShape(odd, 100000), null, odd.slice(0, 20));
  }
  assert.equal(checkShape(JSON.stringify(CASE), 10), null); // too long
  const seven = '{"agreements": {"d1": [{"schedule": [{"due": {"x": 1}}]}]}}';
  assert.equal(checkShape(seven, 1000), null); // seven deep
});

test("clean keeps a version-2 case's parts, each of its own kind, and nothing else", () => {
  const kept = clean({
    ...CASE,
    person: { name: "张三", phone: ["1"], toString: { x: 1 }, "Bad Key": "1", long: "x".repeat(100001), ["__proto__"]: "p" },
    budget: "8000",
    debts: [{ id: "d1", creditor: "甲", asks: { months: "12", deep: { x: "1" } }, other: { a: "1" } }, "d2", [1]],
    contacts: { debt: "all" },
    checks: { "list-debts": true, other: "yes", constructor: false },
    notes: 7,
    extra: "x",
  });
  assert.ok(kept);
  assert.deepEqual(Object.keys(kept.person), ["name"]);
  assert.equal(Object.getPrototypeOf(kept.person), null);
  assert.deepEqual({ ...kept.budget }, {});
  assert.equal(kept.debts.length, 1);
  assert.deepEqual(JSON.parse(JSON.stringify(kept.debts[0])), { id: "d1", creditor: "甲", asks: { months: "12" } });
  assert.deepEqual(kept.contacts, []);
  assert.deepEqual({ ...kept.checks }, { "list-debts": true, constructor: false });
  assert.equal(kept.notes, "");
  assert.ok(!("extra" in kept));
  // Not a version-2 case: a workbook, or no version at all.
  assert.equal(clean(BOOK), null);
  assert.equal(clean({ format: "x" }), null);
});

test("a version-1 workbook is read as it was, to be migrated", () => {
  const book = oldBook({ ...BOOK, values: { income: "8000", phone: ["1"], ["__proto__"]: "p", account: "1234" } });
  assert.ok(book);
  assert.deepEqual({ ...book.values }, { income: "8000", account: "1234" });
  assert.deepEqual({ ...book.checks }, { "list-debts": true });
  assert.equal(oldBook(CASE), null);
  assert.equal(oldBook({ version: 1, values: "x" }), null);
});

test("what an import would change: the case's parts, blank values as absent ones", () => {
  const before = clean(CASE);
  const same = clean({ ...CASE, person: { name: "张三", phone: "" }, debts: [{ ...CASE.debts[0], sold: false }] });
  const after = clean({ ...CASE, budget: { income: "5000.00" }, checks: { "list-debts": false } });
  assert.ok(before && same && after);
  assert.deepEqual(changedParts(before, same), []);
  assert.deepEqual(changedParts(before, after), ["budget", "checks"]);
  const debts = clean({ ...CASE, debts: [{ ...CASE.debts[0], asks: { stop_interest: false, months: "60" } }] });
  assert.ok(debts);
  assert.deepEqual(changedParts(before, debts), ["debts"]);
});

test("a version-3 case keeps its agreement records as JSON data, the rest left out", () => {
  const record = {
    version: 1,
    debt_id: "d1",
    kind: "instalment",
    total: "1200.00",
    grace_days: null,
    schedule: [{ due: "2027-01-15", amount: "600.00" }, { due: "2027-02-15", amount: "600.00" }],
    payments: [{ on: "2027-01-14", amount: "600.00", serial: "", channel: "" }],
  };
  const kept = clean({
    ...CASE,
    version: 3,
    agreements: { d1: [{ ...record, toString: () => 1, big: Infinity, "Bad Key": "x" }], "Bad Id": [record], d2: "x" },
  });
  assert.ok(kept);
  assert.equal(kept.version, 3);
  assert.deepEqual(Object.keys(kept.agreements ?? {}), ["d1"]);
  assert.deepEqual(JSON.parse(JSON.stringify(kept.agreements?.d1)), [record]);
  assert.equal(clean({ ...CASE }).agreements, undefined); // version 2: Python adds the part
  assert.equal(clean({ ...CASE, version: 4 }), null);
});

// A stand-in for the browser's localStorage, for the functions that write.
function fakeStorage() {
  const items = new Map();
  globalThis.localStorage = /** @type {any} */ ({
    getItem: (/** @type {string} */ k) => (items.has(k) ? items.get(k) : null),
    setItem: (/** @type {string} */ k, /** @type {string} */ v) => items.set(k, String(v)),
    removeItem: (/** @type {string} */ k) => items.delete(k),
  });
  return items;
}

test("大字 is kept only with a kept case, and a page's write leaves it as it is", () => {
  const items = fakeStorage();
  assert.equal(setDisplay({ bigtext: true }), false); // nothing kept: nothing written
  assert.equal(items.size, 0);
  assert.ok(write(/** @type {any} */ ({ ...CASE, version: 3, agreements: {} })));
  assert.equal(read()?.display, undefined);
  assert.ok(setDisplay({ bigtext: true }));
  assert.deepEqual(read()?.display, { bigtext: true });
  // The plan's editor sends a case without the part and Python fills in the default: kept as set.
  assert.ok(write(/** @type {any} */ ({ ...CASE, version: 3, display: { bigtext: false } })));
  assert.deepEqual(read()?.display, { bigtext: true });
  assert.ok(setDisplay({ bigtext: false }));
  assert.deepEqual(read()?.display, { bigtext: false });
  assert.deepEqual(clean({ ...CASE, display: { bigtext: "yes", other: true } })?.display, { bigtext: false });
  clear();
});

test("the head's early look for 大字 (overrides/main.html) reads what store.js writes", () => {
  const html = readFileSync(new URL("../../overrides/main.html", import.meta.url), "utf8");
  const script = /<script>(try\{[^<]*calc-bigtext[^<]*)<\/script>/.exec(html);
  assert.ok(script, "the head script is there");
  assert.ok(script[1].includes(JSON.stringify(STORE_KEY)), "it reads store.js's key");
  const pattern = /\.test\(localStorage/.exec(script[1]) && /\/(.+?)\/\.test/.exec(script[1]);
  assert.ok(pattern);
  const early = new RegExp(pattern[1]);
  const items = fakeStorage();
  write(/** @type {any} */ ({ ...CASE, version: 3, notes: '"display":{"bigtext":true}' }));
  assert.equal(early.test(items.get(STORE_KEY)), false); // a note's words are not the setting
  setDisplay({ bigtext: true });
  assert.equal(early.test(items.get(STORE_KEY)), true);
  setDisplay({ bigtext: false });
  assert.equal(early.test(items.get(STORE_KEY)), false);
  clear();
});
