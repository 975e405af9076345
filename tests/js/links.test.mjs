// Share links (docs/assets/calc/links.js): what a link carries and what it is read as.
import assert from "node:assert/strict";
import { test } from "node:test";

import { editDistance, linkParams, misspelled, nearMiss, shareURL } from "../../docs/assets/calc/links.js";

test("a link's inputs come from its query, then its fragment", () => {
  const params = linkParams({ search: "?income=1&months=2", hash: "#income=3&rate=4" });
  assert.deepEqual([...params], [["income", "3"], ["months", "2"], ["rate", "4"]]);
});

test("a fragment without = is a heading anchor, not inputs", () => {
  assert.deepEqual([...linkParams({ search: "", hash: "#_1" })], []);
  assert.deepEqual([...linkParams({ search: "", hash: "#principal" })], []);
});

test("encoded values come back as typed", () => {
  const params = linkParams({ search: "", hash: "#debts=%E4%BF%A1%E7%94%A8%E5%8D%A1%2C3000%0Ax&a=%3Cb%3E" });
  assert.equal(params.get("debts"), "信用卡,3000\nx");
  assert.equal(params.get("a"), "<b>");
});

test("the share link keeps the inputs in the fragment and drops the query", () => {
  const url = shareURL("https://example.org/s/calculators/budget/?income=5#old", {
    income: "9437",
    note: "a&b=c 信",
  });
  const parsed = new URL(url);
  assert.equal(parsed.search, "");
  assert.equal(parsed.pathname, "/s/calculators/budget/");
  const back = linkParams({ search: parsed.search, hash: parsed.hash });
  assert.deepEqual(Object.fromEntries(back), { income: "9437", note: "a&b=c 信" });
});

test("near misses: case, - for _, a prefix, a longer name, a few edits", () => {
  for (const [name, field] of [
    ["Income", "income"],
    ["essential-expenses", "essential_expenses"],
    ["princ", "principal"],
    ["principal_amount", "principal"],
    ["incme", "income"],
    ["essential_expense", "essential_expenses"],
    ["mnths", "months"],
  ]) {
    assert.equal(nearMiss(name, field), true, `${name} ~ ${field}`);
  }
});

test("not near misses: other words, short names two edits away, tracking tags", () => {
  for (const [name, field] of [
    ["rate", "months"],
    ["ab", "xy"],
    ["apr", "aim"], // short: one edit at most, this is two
    ["utm_source", "source"],
    ["utm_income", "income"],
    ["fbclid", "fb"],
    ["from", "from_date"],
    ["spm", "spm"],
  ]) {
    assert.equal(nearMiss(name, field), false, `${name} !~ ${field}`);
  }
});

test("a very long parameter name is cut before it is compared", () => {
  assert.equal(nearMiss("x".repeat(100000), "income"), false);
});

test("edit distance", () => {
  assert.equal(editDistance("", ""), 0);
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("abc", ""), 3);
});

test("misspelled: only names near the form's own and not another widget's", () => {
  const params = new URLSearchParams("incme=1&income=2&utm_campaign=x&debt_payment=3&months=4");
  const own = new Set(["income", "debt_payments"]);
  assert.deepEqual(misspelled(params, own, new Set(["months"])), ["incme", "debt_payment"]);
});
