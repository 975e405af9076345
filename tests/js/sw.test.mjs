// The service worker's fetch handler (hooks/sw.js, filled in as hooks/offline.py does), in Node
// with a Cache Storage and a network of its own: a kept file is answered with the very Response
// that cache.match gave (unread, not a copy: V8's code cache for the runtime's WebAssembly is
// tied to that response), after its bytes were checked; a copy that is not the build's is
// deleted and the network's response answered and kept; offline, the checked copy.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const ROOT = "https://example.org/site/";
const WASM_PATH = "assets/pyodide/314.0.7/pyodide.asm.wasm";
const WASM_URL = ROOT + WASM_PATH;
const PAGE_URL = `${ROOT}guide/`;
const WASM = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const PAGE = new TextEncoder().encode("<p>慢慢来</p>");
const sha = (/** @type {Uint8Array} */ bytes) => createHash("sha256").update(bytes).digest("base64");

const template = readFileSync(new URL("../../hooks/sw.js", import.meta.url), "utf-8");
const values = {
  __BUILD__: "b1",
  __RUNTIME_KEY__: "r1",
  __RUNTIME__: JSON.stringify({ [WASM_PATH]: sha(WASM) }),
  __SITE__: JSON.stringify({ "guide/": sha(PAGE), "404.html": sha(PAGE) }),
  __QUERY__: "",
};
let source = template;
for (const [mark, value] of Object.entries(values)) source = source.replaceAll(mark, value);

/** @type {Map<string, Map<string, () => Response>>} cache name -> URL -> a maker of its copy */
const storage = new Map();
/** @type {Response[]} every response cache.match gave, in order */
const matched = [];
/** @type {string[]} */
const fetched = [];
/** @type {Response[]} every response the network gave, in order */
const fromNetwork = [];
let online = true;
/** @type {Record<string, Uint8Array>} what the server has */
const server = { [WASM_URL]: WASM, [PAGE_URL]: PAGE };

const wasmResponse = (/** @type {Uint8Array} */ bytes) =>
  new Response(bytes, { headers: { "content-type": "application/wasm" } });

const caches = {
  async open(/** @type {string} */ name) {
    if (!storage.has(name)) storage.set(name, new Map());
    const entries = /** @type {Map<string, () => Response>} */ (storage.get(name));
    return {
      async match(/** @type {string} */ href) {
        const make = entries.get(href);
        if (!make) return undefined;
        const response = make();
        matched.push(response);
        return response;
      },
      async put(/** @type {string} */ href, /** @type {Response} */ response) {
        const bytes = new Uint8Array(await response.arrayBuffer());
        entries.set(href, () => wasmResponse(bytes));
      },
      async delete(/** @type {string} */ href) {
        return entries.delete(href);
      },
    };
  },
  async keys() {
    return [...storage.keys()];
  },
  async delete(/** @type {string} */ name) {
    return storage.delete(name);
  },
};

/** @type {Record<string, (event: any) => void>} */
const listeners = {};
const self = {
  location: { href: `${ROOT}sw.js` },
  addEventListener: (/** @type {string} */ type, /** @type {(event: any) => void} */ fn) => {
    listeners[type] = fn;
  },
  skipWaiting() {},
  clients: { claim: async () => {} },
};
const context = vm.createContext({
  self,
  caches,
  crypto: globalThis.crypto,
  btoa,
  Response,
  URL,
  console,
  fetch: async (/** @type {string} */ href) => {
    fetched.push(href);
    if (!online) throw new TypeError("Failed to fetch");
    const bytes = server[href];
    const response = bytes ? wasmResponse(bytes) : new Response("gone", { status: 404 });
    fromNetwork.push(response);
    return response;
  },
});
vm.runInContext(source, context, { filename: "sw.js" });

/**
 * What the service worker answers for `href` (a worker's or a page's fetch, not a navigation).
 * @param {string} href
 * @returns {Promise<Response | undefined>}
 */
async function answer(href) {
  /** @type {Promise<Response> | undefined} */
  let given;
  listeners.fetch({
    request: new Request(href),
    resultingClientId: "",
    respondWith: (/** @type {Promise<Response>} */ p) => {
      given = p;
    },
  });
  return given && (await given);
}

const runtimeCache = () => /** @type {Map<string, () => Response>} */ (storage.get("yuqi-xieshang-runtime-r1"));
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

test("not kept yet: the network's response itself is answered, and kept", async () => {
  const response = await answer(WASM_URL);
  assert.ok(response);
  assert.equal(fetched.at(-1), WASM_URL);
  assert.equal(response, fromNetwork.at(-1));
  assert.equal(response.bodyUsed, false);
  assert.deepEqual(new Uint8Array(await response.arrayBuffer()), WASM);
  await settle();
  assert.ok(runtimeCache().has(WASM_URL));
});

test("kept: the very Response cache.match gave, unread, and not fetched again", async () => {
  fetched.length = 0;
  const response = await answer(WASM_URL);
  assert.ok(response);
  assert.deepEqual(fetched, []);
  assert.equal(response, matched.at(-1)); // the same object: no new Response, no copy
  assert.equal(response.bodyUsed, false);
  assert.equal(response.headers.get("content-type"), "application/wasm");
  assert.deepEqual(new Uint8Array(await response.arrayBuffer()), WASM);
});

test("offline: the kept copy, checked, as it came from the cache", async () => {
  online = false;
  try {
    const response = await answer(WASM_URL);
    assert.ok(response);
    assert.equal(response, matched.at(-1));
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), WASM);
  } finally {
    online = true;
  }
});

test("a kept copy that is not the build's is deleted; the network's file answered and kept", async () => {
  runtimeCache().set(WASM_URL, () => wasmResponse(new Uint8Array([9, 9, 9])));
  fetched.length = 0;
  const response = await answer(WASM_URL);
  assert.ok(response);
  assert.deepEqual(fetched, [WASM_URL]);
  assert.equal(response, fromNetwork.at(-1));
  assert.deepEqual(new Uint8Array(await response.arrayBuffer()), WASM);
  await settle();
  const again = await answer(WASM_URL);
  assert.ok(again);
  assert.equal(again, matched.at(-1));
  assert.deepEqual(new Uint8Array(await again.arrayBuffer()), WASM);
});

test("offline with a planted copy: no answer from the cache (the failure, not the wrong bytes)", async () => {
  runtimeCache().set(WASM_URL, () => wasmResponse(new Uint8Array([9, 9, 9])));
  online = false;
  try {
    await assert.rejects(answer(WASM_URL), TypeError);
    assert.equal(runtimeCache().has(WASM_URL), false);
  } finally {
    online = true;
  }
});

test("a page: network first, the network's response itself; offline, the kept copy", async () => {
  const response = await answer(PAGE_URL);
  assert.ok(response);
  assert.equal(response, fromNetwork.at(-1));
  assert.equal(new TextDecoder().decode(await response.arrayBuffer()), "<p>慢慢来</p>");
  await settle();
  online = false;
  try {
    const kept = await answer(PAGE_URL);
    assert.ok(kept);
    assert.equal(kept, matched.at(-1));
    assert.equal(new TextDecoder().decode(await kept.arrayBuffer()), "<p>慢慢来</p>");
  } finally {
    online = true;
  }
});

test("a file the build does not list is not answered at all", async () => {
  assert.equal(await answer(`${ROOT}other/file.js`), undefined);
});
