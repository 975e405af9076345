// The messages, file and cache names both sides share (docs/assets/calc/protocol.js). The query
// the build writes comes from tests/js/test_js_units.py (hooks/scripts.py, runtime_query).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  CACHE_PREFIX,
  answerType,
  isSnapshotCache,
  readBuild,
  readFromWorker,
  readToWorker,
  snapshotCache,
  workerURL,
} from "../../docs/assets/calc/protocol.js";

const fixture = process.env.CALC_JS_FIXTURE ? JSON.parse(readFileSync(process.env.CALC_JS_FIXTURE, "utf8")) : null;
const QUERY = fixture ? fixture.query : "pyodide=314.0.7&app=calculators-0123456789abcdef&stdlib=python_stdlib-0a1b2c3d4e5f-pyc.zip";

test("the build's query, as the build writes it, names the runtime", () => {
  const build = readBuild(new URLSearchParams(QUERY));
  assert.ok(build);
  assert.match(build.pyodide, /^\d+\.\d+\.\d+$/);
  assert.match(build.app, /^calculators-[0-9a-f]{16}$/);
  assert.match(build.stdlib, /^python_stdlib-[0-9a-f]+-pyc\.zip$/);
});

test("a query with a missing or odd value names no runtime", () => {
  for (const odd of [
    "",
    "pyodide=1&app=calculators-x",
    "pyodide=../x&app=calculators-x&stdlib=a.zip",
    "pyodide=1&app=other&stdlib=a.zip",
    "pyodide=1&app=calculators-x&stdlib=a.js",
    "pyodide=1&app=calculators-x&stdlib=a/b.zip",
  ]) {
    assert.equal(readBuild(new URLSearchParams(odd)), null, odd);
  }
});

test("the worker's URL: next to the page's script, with the same query", () => {
  const build = /** @type {any} */ (readBuild(new URLSearchParams(QUERY)));
  const url = workerURL(new URL("https://example.org/s/assets/calc/"), build);
  assert.equal(url.href, `https://example.org/s/assets/calc/worker.js?${QUERY}`);
  assert.deepEqual(readBuild(url.searchParams), build);
});

test("a snapshot cache's name carries the runtime, the wheel and the standard library", () => {
  const build = { pyodide: "314.0.7", app: "calculators-00ff", stdlib: "python_stdlib-abc-pyc.zip" };
  const name = snapshotCache(build);
  assert.equal(name, `${CACHE_PREFIX}snapshot-314.0.7-calculators-00ff-python_stdlib-abc-pyc`);
  assert.ok(isSnapshotCache(name));
  assert.notEqual(snapshotCache({ ...build, app: "calculators-11ee" }), name);
  assert.ok(!isSnapshotCache(`${CACHE_PREFIX}site-1`));
});

test("the worker reads only messages of the protocol's shapes", () => {
  assert.deepEqual(readToWorker({ type: "go" }), { type: "go" });
  assert.deepEqual(
    readToWorker({ type: "render", id: 3, name: "apr", inputs: { a: "1", b: 2, c: null }, lang: "zh-Hant", part: "key" }),
    { type: "render", id: 3, name: "apr", inputs: { a: "1" }, lang: "zh-Hant", part: "key" },
  );
  assert.deepEqual(readToWorker({ type: "case", id: 4, action: "load", payload: "{}", lang: "<script>" }), {
    type: "case",
    id: 4,
    action: "load",
    payload: "{}",
    lang: "zh-Hans",
  });
  // Only the actions Python answers (calculators.web.CASE_ACTIONS).
  assert.equal(readToWorker({ type: "case", id: 4, action: "write", payload: "{}" }), null);
  const render = readToWorker({ type: "render", id: 1, name: "x", inputs: {}, part: "everything" });
  assert.equal(render && render.type === "render" && render.part, "all");
  for (const odd of [null, "go", [], { type: "render", id: "1", name: "x", inputs: {} }, { type: "x", id: 1 }, { type: "case", id: 1, action: "load" }, { type: "workbook", id: 1, text: "{}" }]) {
    assert.equal(readToWorker(odd), null, JSON.stringify(odd));
  }
});

test("the page reads only messages of the protocol's shapes", () => {
  assert.deepEqual(readFromWorker({ type: "progress", loaded: "10", total: null }), { type: "progress", loaded: 10, total: 0 });
  assert.deepEqual(readFromWorker({ type: "ready", boot: "snapshot" }), { type: "ready", boot: "snapshot" });
  assert.deepEqual(readFromWorker({ type: "result", id: 2, json: "{}" }), { type: "result", id: 2, json: "{}", error: undefined });
  assert.deepEqual(readFromWorker({ type: "case", id: 2, error: "x" }), { type: "case", id: 2, json: undefined, error: "x" });
  assert.equal(readFromWorker({ type: "workbook", id: 2, json: "{}" }), null); // version 1's, gone
  const news = readFromWorker({ type: "snapshot", ok: true, bytes: 5, stored: 2, room: 9 });
  assert.deepEqual(news, { type: "snapshot", ok: true, bytes: 5, stored: 2, room: 9, message: undefined, where: undefined });
  const kept = readFromWorker({ type: "snapshot", ok: true, where: "file" });
  assert.equal(kept && kept.type === "snapshot" && kept.where, "file");
  const odd = readFromWorker({ type: "snapshot", ok: true, where: "/etc" });
  assert.equal(odd && odd.type === "snapshot" && odd.where, undefined);
  for (const odd of [undefined, 7, { type: "result", id: 1.5 }, { type: "made" }]) assert.equal(readFromWorker(odd), null);
  // The worker's marks: numbers under plain names only.
  const marks = readFromWorker({ type: "marks", origin: 1000.5, marks: { running: 3, "<b>": 4, odd: "5", nan: NaN } });
  assert.deepEqual(marks, { type: "marks", origin: 1000.5, marks: { running: 3 } });
});

test("each request has its answer's type", () => {
  assert.equal(answerType("render"), "result");
  assert.equal(answerType("case"), "case");
});
