// A list field's rows (docs/assets/calc/rows.js): text to rows and back, against Python's own
// reading of the same text (calculators/web/rows.split_rows). The Python half comes from
// tests/js/test_js_units.py, which writes the cases and Python's answers into the file named
// by CALC_JS_FIXTURE before it runs these tests; run alone, those tests are skipped.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { parseRows, rowsText, separatorPattern } from "../../docs/assets/calc/rows.js";

const fixture = process.env.CALC_JS_FIXTURE ? JSON.parse(readFileSync(process.env.CALC_JS_FIXTURE, "utf8")) : null;
const SEPARATORS = separatorPattern(fixture ? fixture.separators : ",，、;；\t");
const COLUMNS = 6;
const LEGACY = [0, 2, 3, 4];

test("each separator the parser reads splits a line", { skip: !fixture && "no Python fixture" }, () => {
  for (const sep of fixture.separators) {
    assert.deepEqual(parseRows(["a", "b", "c", "d", "e", "f"].join(sep), COLUMNS, LEGACY, SEPARATORS), [
      ["a", "b", "c", "d", "e", "f"],
    ]);
  }
});

test("the browser reads every case as Python does", { skip: !fixture && "no Python fixture" }, () => {
  for (const { text, columns, legacy, python } of fixture.rows) {
    assert.deepEqual(parseRows(text, columns, legacy, SEPARATORS), python, JSON.stringify(text));
  }
});

test("a shorter, older line fills the legacy columns", () => {
  assert.deepEqual(parseRows("信用卡,3000,18,150", COLUMNS, LEGACY, SEPARATORS), [["信用卡", "", "3000", "18", "150", ""]]);
});

test("blank lines and comments are skipped; a line that fits no form gives null", () => {
  assert.deepEqual(parseRows("\n# 注释\n  \n", COLUMNS, LEGACY, SEPARATORS), []);
  assert.equal(parseRows("a,b,c", COLUMNS, LEGACY, SEPARATORS), null);
});

test("a line without separators splits on spaces", () => {
  assert.deepEqual(parseRows("网贷 200 36 50", COLUMNS, LEGACY, SEPARATORS), [["网贷", "", "200", "36", "50", ""]]);
});

test("rows to text and back: separators and line breaks typed in a cell become spaces", () => {
  const rows = [
    ["信用卡，招行", "bank", "3000", "18", "150", ""],
    ["网贷\n2", "online", "200", "36", "50", "30"],
    ["", "bank", "", "", "", ""], // a choice alone: not typed, left out
  ];
  const text = rowsText(rows, [true, true, false], SEPARATORS);
  assert.equal(text, "信用卡 招行,bank,3000,18,150,\n网贷 2,online,200,36,50,30");
  assert.deepEqual(parseRows(text, COLUMNS, LEGACY, SEPARATORS), [
    ["信用卡 招行", "bank", "3000", "18", "150", ""],
    ["网贷 2", "online", "200", "36", "50", "30"],
  ]);
});

test("a separator pattern escapes what a character class would read", () => {
  const pattern = separatorPattern("]^-\\,");
  for (const c of ["]", "^", "-", "\\", ","]) assert.ok(pattern.test(c), c);
  assert.ok(!pattern.test("a"));
});
