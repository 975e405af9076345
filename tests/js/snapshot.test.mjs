// The snapshot's fit (docs/assets/calc/snapshot.js): the memory a runtime declares, and whether
// a snapshot fits it. The real runtime's figure comes from tests/js/test_js_units.py (read by
// Python from the same .wasm: tests/pyodide/test_snapshot.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { initialMemory, restorable } from "../../docs/assets/calc/snapshot.js";

const fixture = process.env.CALC_JS_FIXTURE ? JSON.parse(readFileSync(process.env.CALC_JS_FIXTURE, "utf8")) : null;
const HEADER = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];

test("a module's own memory and an imported one", () => {
  assert.equal(initialMemory(new Uint8Array([...HEADER, 5, 3, 1, 0, 3])), 3 * 65536);
  const imports = [1, 1, 0x65, 3, 0x6d, 0x65, 0x6d, 2, 0, 2];
  assert.equal(initialMemory(new Uint8Array([...HEADER, 2, imports.length, ...imports])), 2 * 65536);
});

test("not a module, or cut before its memory: unknown", () => {
  assert.equal(initialMemory(new Uint8Array([1, 2, 3])), null);
  assert.equal(initialMemory(new Uint8Array([...HEADER, 1, 100, 0])), null);
  assert.equal(initialMemory(new Uint8Array(HEADER)), null);
});

test("the pinned runtime's memory, as Python reads it", { skip: !fixture && "no Python fixture" }, () => {
  const bytes = new Uint8Array(readFileSync(fixture.wasm)).subarray(0, 64 * 1024);
  assert.equal(initialMemory(bytes), fixture.initial_memory);
});

test("a snapshot fits when the memory after its header is no bigger than the runtime's", () => {
  const snapshot = (header, memory) => {
    const bytes = new Uint8Array(header + memory);
    new DataView(bytes.buffer).setUint32(4, header, true);
    return bytes;
  };
  assert.ok(restorable(snapshot(144, 1000), 1000));
  assert.ok(!restorable(snapshot(144, 1001), 1000));
  assert.ok(restorable(snapshot(16, 10), 1000));
});

test("a snapshot that would not fit the runtime's memory is not kept; one that fits is", async () => {
  const { makeSnapshot } = await import("../../docs/assets/calc/snapshot.js");
  globalThis.self = globalThis; // a worker's global, as far as this needs
  const wheel = new Uint8Array([1, 2, 3]);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", wheel));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  const files = {
    "https://s.example/p/lock.json": JSON.stringify({ packages: { calculators: { file_name: "c.whl", sha256 } } }),
    "https://s.example/p/c.whl": wheel,
    "https://s.example/p/pyodide.asm.wasm": new Uint8Array([...HEADER, 5, 3, 1, 0, 3]), // 3 pages
  };
  globalThis.fetch = async (url) => new Response(files[String(url)]);
  const kept = new Map();
  globalThis.caches = {
    keys: async () => [...kept.keys()],
    delete: async (name) => kept.delete(name),
    open: async (name) => ({ put: async (key) => kept.set(name, key) }),
  };
  const pyodide = (memory) => ({
    unpackArchive() {},
    runPython() {},
    _module: { _sbrk: () => 150_000 },
    makeMemorySnapshot() {
      const bytes = new Uint8Array(16 + memory);
      new DataView(bytes.buffer).setUint32(4, 16, true);
      return bytes;
    },
  });
  const options = { indexURL: "https://s.example/p/", lockFileURL: "https://s.example/p/lock.json", packageBaseUrl: "https://s.example/p/" };
  const build = { pyodide: "1", app: "calculators-0", stdlib: "s.zip" };
  const tooBig = await makeSnapshot(pyodide(3 * 65536 + 65536), options, build);
  assert.equal(tooBig.ok, false);
  assert.equal(kept.size, 0);
  const fits = await makeSnapshot(pyodide(3 * 65536), options, build);
  assert.equal(fits.ok, true);
  assert.equal(fits.room, 3 * 65536 - 150_000);
  assert.equal(kept.size, 1);
});
