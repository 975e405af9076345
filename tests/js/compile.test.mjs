// The runtime's WebAssembly compiled ahead (docs/assets/calc/compile.js), in Node with a tiny
// module: Pyodide's fetch of the URL compiled ahead gets a stand-in and its instantiateStreaming
// the module compiled ahead; another version compiles nothing ahead; a compile ahead that fails
// leaves Pyodide's path as it is (the file fetched and compiled then).
import assert from "node:assert/strict";
import { test } from "node:test";

// The smallest module that exports something: (func (export "f") (result i32) i32.const 42).
const WASM = new Uint8Array([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 7, 5, 1, 1, 0x66, 0, 0, 10, 6, 1, 4, 0,
  0x41, 42, 0x0b,
]);
const URL_AHEAD = "https://example.org/assets/pyodide/314.0.7/pyodide.asm.wasm";
const fetched = [];
/** @type {Response[]} every response the fetch gave, in order */
const answered = [];
let broken = false; // the next fetch answers bytes that are no module
globalThis.self = globalThis;
globalThis.fetch = async (/** @type {any} */ input) => {
  const url = typeof input === "string" ? input : input.href || input.url;
  fetched.push(url);
  const body = broken ? new Uint8Array([1, 2, 3]) : WASM;
  broken = false;
  const response = new Response(body, { headers: { "content-type": "application/wasm" } });
  answered.push(response);
  return response;
};
const { PINNED, compileAhead, compiled, stopAhead } = await import("../../docs/assets/calc/compile.js");

test("another version compiles nothing ahead: Pyodide's fetch and compile as they are", async () => {
  fetched.length = 0;
  compileAhead(URL_AHEAD, "0.0.1");
  assert.deepEqual(fetched, []);
  const { instance } = await WebAssembly.instantiateStreaming(fetch(new URL(URL_AHEAD)), {});
  assert.equal(/** @type {any} */ (instance.exports).f(), 42);
  assert.equal(compiled.used, false);
  assert.deepEqual(fetched, [URL_AHEAD]);
});

test("compiled ahead: Pyodide's fetch gets a stand-in, its instantiation the module", async () => {
  fetched.length = 0;
  compileAhead(URL_AHEAD, PINNED);
  assert.deepEqual(fetched, [URL_AHEAD]); // at once
  const response = await fetch(new URL(URL_AHEAD)); // Pyodide fetches a URL object
  assert.equal(response.body, null);
  const { instance, module } = await WebAssembly.instantiateStreaming(Promise.resolve(response), {});
  assert.ok(module instanceof WebAssembly.Module);
  assert.equal(/** @type {any} */ (instance.exports).f(), 42);
  assert.equal(compiled.used, true);
  assert.deepEqual(fetched, [URL_AHEAD]); // fetched once
  // Other URLs are not touched.
  await fetch("https://example.org/other");
  assert.deepEqual(fetched, [URL_AHEAD, "https://example.org/other"]);
  compiled.used = false;
});

test("the compile ahead streams the fetched Response itself (V8's code cache is tied to it)", async () => {
  const streamed = [];
  const compileStreaming = WebAssembly.compileStreaming;
  WebAssembly.compileStreaming = (source) => {
    streamed.push(source);
    return compileStreaming.call(WebAssembly, source);
  };
  try {
    fetched.length = 0;
    compileAhead(URL_AHEAD, PINNED);
    assert.deepEqual(fetched, [URL_AHEAD]);
    assert.equal(streamed.length, 1);
    assert.equal(await streamed[0], answered.at(-1)); // not a copy, not another URL
    const { module } = await WebAssembly.instantiateStreaming(fetch(new URL(URL_AHEAD)), {});
    assert.ok(module instanceof WebAssembly.Module);
    compiled.used = false;
  } finally {
    WebAssembly.compileStreaming = compileStreaming;
  }
});

test("a compile ahead that fails: the file is fetched and compiled the usual way", async () => {
  fetched.length = 0;
  broken = true;
  compileAhead(URL_AHEAD, PINNED);
  const response = await fetch(new URL(URL_AHEAD));
  const { instance } = await WebAssembly.instantiateStreaming(response, {});
  assert.equal(/** @type {any} */ (instance.exports).f(), 42);
  assert.equal(compiled.used, false);
  assert.deepEqual(fetched, [URL_AHEAD, URL_AHEAD]);
});

test("stopped: fetch and instantiateStreaming are the built-ins again", async () => {
  const before = globalThis.fetch;
  stopAhead();
  assert.notEqual(globalThis.fetch, before);
  fetched.length = 0;
  await fetch(URL_AHEAD);
  assert.deepEqual(fetched, [URL_AHEAD]);
});
