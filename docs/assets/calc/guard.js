// The worker asks nothing of any other origin. A page's Content-Security-Policy cannot reach a
// worker (a <meta> policy applies to its own document only, and a static host sends no
// header), so the worker refuses itself: before Pyodide loads, every way a worker has to make
// a request (fetch, XMLHttpRequest, WebSocket, EventSource, importScripts, a nested Worker) is
// wrapped to throw for a URL outside this site's origin, on the global object and on the
// prototypes the originals live on, so that Python's `js` module, Pyodide's own loaders and
// any code holding `WorkerGlobalScope.prototype.fetch` get the guarded versions only. A nested
// worker (which would start unguarded) may only be this same script: the snapshot's maker.
// tests/browser/test_security.py asks from inside the running worker and watches the network.
//
// What it cannot stop: `import()` of another origin's module, and code evaluated from a string
// (the worker has no policy that forbids `eval`). Nothing in the worker does either, and no
// text from the page is ever run as code; the page's own policy (hooks/csp.py) still governs
// everything the page itself loads.

/** The error a refused request throws: a TypeError, as a failed fetch does. */
export class Refused extends TypeError {}

/**
 * Whether `url` (resolved against `base`) is on `origin`; data: and blob: URLs made here are.
 * @param {unknown} url
 * @param {string} base
 * @param {string} origin
 */
export function ownOrigin(url, base, origin) {
  const parsed = parse(url, base);
  if (!parsed) return false;
  if (parsed.protocol === "data:") return true;
  return parsed.origin === origin;
}

/**
 * @param {unknown} url
 * @param {string} base
 * @returns {URL | null}
 */
function parse(url, base) {
  try {
    const text = typeof Request !== "undefined" && url instanceof Request ? url.url : String(url);
    return new URL(text, base);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is the script at `base` itself (with any query).
 * @param {unknown} url
 * @param {string} base
 */
export function sameScript(url, base) {
  const parsed = parse(url, base);
  const own = new URL(base);
  return parsed !== null && parsed.origin === own.origin && parsed.pathname === own.pathname;
}

/**
 * Replace `name` on `owner` (and on every prototype of it that defines it) by `make(original)`.
 * @param {object} owner
 * @param {string} name
 * @param {(original: any) => any} make
 */
function replace(owner, name, make) {
  for (let target = owner; target; target = Object.getPrototypeOf(target)) {
    const desc = Object.getOwnPropertyDescriptor(target, name);
    if (!desc) continue;
    if ("value" in desc && typeof desc.value === "function") {
      Object.defineProperty(target, name, { ...desc, value: make(desc.value) });
    }
  }
}

/**
 * Lock the worker global `scope` to its own origin.
 * @param {any} scope the worker's global object (`self`)
 */
export function lockToOrigin(scope) {
  const base = String(scope.location.href);
  const origin = String(scope.location.origin);
  /** @param {unknown} url @param {boolean} ok */
  const refuse = (url, ok) => {
    if (!ok) throw new Refused(`refused: ${String(url).slice(0, 200)} is not this site's`);
  };
  const check = (/** @type {unknown} */ url) => refuse(url, ownOrigin(url, base, origin));
  replace(
    scope,
    "fetch",
    (original) =>
      /** @param {RequestInfo | URL} input @param {RequestInit} [init] @returns {Promise<Response>} */
      function guardedFetch(input, init) {
        try {
          check(input);
        } catch (err) {
          return Promise.reject(err);
        }
        return original.call(scope, input, init);
      },
  );
  replace(scope, "importScripts", (original) => function importScripts(/** @type {unknown[]} */ ...urls) {
    urls.forEach(check);
    return original.apply(scope, urls);
  });
  if (scope.XMLHttpRequest) {
    replace(
      scope.XMLHttpRequest.prototype,
      "open",
      (original) =>
        /** @this {XMLHttpRequest} @param {any[]} args */
        function open(...args) {
          check(args[1]);
          return original.apply(this, args);
        },
    );
  }
  // Constructors: the global name gets a guarded one, and the original's prototype points back
  // to it (otherwise `new (WebSocket.prototype.constructor)(url)` would reach the original).
  const constructors = ["WebSocket", "WebSocketStream", "WebTransport", "EventSource", "Worker", "SharedWorker"];
  for (const name of constructors) {
    const Original = scope[name];
    if (typeof Original !== "function") continue;
    const worker = name.endsWith("Worker");
    const Guarded = function (/** @type {unknown} */ url, /** @type {unknown[]} */ ...rest) {
      refuse(url, worker ? sameScript(url, base) : ownOrigin(url, base, origin));
      return Reflect.construct(Original, [url, ...rest], new.target || Guarded);
    };
    Guarded.prototype = Original.prototype;
    Object.defineProperty(Original.prototype, "constructor", { value: Guarded, writable: true, configurable: true });
    Object.defineProperty(scope, name, { value: Guarded, writable: true, configurable: true });
  }
}

// In a worker, at once: worker.js imports this module before anything else.
if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) lockToOrigin(self);
