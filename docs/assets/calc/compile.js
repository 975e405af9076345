// The runtime's WebAssembly compiled ahead (worker.js, on a boot from a memory snapshot): the
// worker starts compiling pyodide.asm.wasm the moment it knows a snapshot is kept, while the
// snapshot is read and pyodide.mjs imported. Pyodide 314 reads the snapshot first and only then
// creates its module, which fetches and compiles the .wasm itself (instantiateStreaming): the
// compile would wait for the read, and the read for nothing.
//
// How: while the worker starts, Pyodide's fetch of the URL compiled ahead gets an empty stand-in
// response (the file is not fetched twice), and WebAssembly.instantiateStreaming, given that
// stand-in, instantiates the module compiled ahead. Anything else goes the usual way; a compile
// ahead that failed too, with the file fetched then: today's path is the fallback.
// compileStreaming gets the response under its own URL, so V8's code cache can serve it.
//
// Pinned: this relies on how Pyodide PINNED instantiates its module (getInstantiateWasmFunc in
// pyodide.mjs); for any other version the worker does not compile ahead, and
// tests/js/test_js_units.py fails when package.json's Pyodide is not PINNED, to make someone
// look again.

import { mark } from "./marks.js";

export const PINNED = "314.0.7";

/** @type {{url: string, module: Promise<WebAssembly.Module>} | null} */
let ahead = null;
export const compiled = { used: false }; // whether Pyodide got the module compiled ahead
/** @type {WeakSet<Response>} the stand-ins given for the URL compiled ahead */
const standIns = new WeakSet();
const fetchBefore = self.fetch;

/**
 * Start compiling the .wasm at `url` for the runtime `version` (nothing for another version).
 * @param {string} url
 * @param {string} version
 */
export function compileAhead(url, version) {
  if (version !== PINNED || typeof WebAssembly.compileStreaming !== "function") return;
  const module = WebAssembly.compileStreaming(fetchBefore(url));
  module.then(() => mark("wasmCompiled"), () => {});
  ahead = { url, module };
}

const instantiateStreaming = WebAssembly.instantiateStreaming;
/**
 * @param {Response | PromiseLike<Response>} source
 * @param {WebAssembly.Imports} [imports]
 * @returns {Promise<WebAssembly.WebAssemblyInstantiatedSource>}
 */
async function instantiate(source, imports) {
  let response = await source;
  if (ahead && standIns.has(response)) {
    try {
      const module = await ahead.module;
      const instance = await WebAssembly.instantiate(module, imports);
      compiled.used = true;
      mark("moduleReady");
      return { module, instance };
    } catch (err) {
      console.warn(`compile ahead not used: ${err instanceof Error ? err.message : err}`);
      response = await fetchBefore(ahead.url);
    }
  }
  const made = await instantiateStreaming.call(WebAssembly, response, imports);
  mark("moduleReady");
  return made;
}
WebAssembly.instantiateStreaming = instantiate;

/**
 * @param {RequestInfo | URL} input
 * @param {RequestInit} [init]
 */
self.fetch = (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (ahead && url === ahead.url) {
    const standIn = new Response(null, { headers: { "content-type": "application/wasm" } });
    standIns.add(standIn);
    return Promise.resolve(standIn);
  }
  return fetchBefore(input, init);
};

/** Put fetch and WebAssembly.instantiateStreaming back (once the runtime is up). */
export function stopAhead() {
  WebAssembly.instantiateStreaming = instantiateStreaming;
  self.fetch = fetchBefore;
  ahead = null;
}
