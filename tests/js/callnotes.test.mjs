// The notes taken during a call, as the link to 通话以后 carries them (docs/assets/calc/callnotes.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { carried, clock, today } from "../../docs/assets/calc/callnotes.js";

const NOW = new Date(2026, 11, 8, 9, 5); // 8 December 2026, 09:05, the device's time
const MARKS = { and: "、", colon: "：", next: "；" }; // as calculators/web/callnotes.py writes them

test("the device's time and date, zero-padded", () => {
  assert.equal(clock(NOW), "09:05");
  assert.equal(today(NOW), "2026-12-08");
});

test("工号 lines go to agent, the rest to note with their times, the first time to call_time", () => {
  const notes = [
    { kind: "agent", word: "工号", time: "09:01", text: " 0815 " },
    { kind: "amount", word: "金额", time: "09:03", text: "每期 500" },
    { kind: "free", word: "", time: "09:04", text: "先停催收" },
    { kind: "agent", word: "工号", time: "09:04", text: "A12" },
  ];
  const params = new URLSearchParams(carried(notes, NOW, "某某银行", MARKS));
  assert.equal(params.get("institution"), "某某银行");
  assert.equal(params.get("call_date"), "2026-12-08");
  assert.equal(params.get("call_time"), "09:01");
  assert.equal(params.get("agent"), "0815、A12");
  assert.equal(params.get("note"), "09:03 金额：每期 500；09:04 先停催收");
});

test("empty lines are left out; no notes, no time, agent or note; the terms always blank", () => {
  const notes = [{ kind: "promise", word: "承诺", time: "09:02", text: "  " }];
  const params = new URLSearchParams(carried(notes, NOW, "", MARKS));
  assert.deepEqual([...params.keys()], ["call_date", "months", "monthly"]);
  assert.equal(params.get("months"), "");
  assert.equal(params.get("monthly"), "");
});
