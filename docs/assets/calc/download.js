// The worker's downloads (worker.js imports this before Pyodide): progress while the runtime
// arrives, and "download first, compile when the page is idle".
//
// Progress: Pyodide fetches the .wasm, the standard library and the wheel with the global
// fetch, which is wrapped here before Pyodide is imported; the body is counted on a clone, so
// the response Pyodide gets (and streams into WebAssembly) is the original. `report` is called
// at most four times a second while bytes arrive, with `loaded` (bytes of response bodies so
// far, as the runtime gets them, after any decompression) and `total` (the Content-Length
// headers seen so far, 0 when the host sends none; the page knows the runtime's full size from
// the build and prefers it). The page gives up on a start that has been silent for a while
// (runtime.js, STALL_MS): a stalled download is told from a slow one.
//
// Download first: a normal boot downloads the big files at once, but loadPyodide, which
// compiles the .wasm and starts Python, waits for the page to say it is idle ({type: "go"},
// sent once the page has loaded and the browser has a quiet moment) or for the first question,
// whichever comes first, and at most GO_LIMIT_MS. On a phone the compile otherwise competes
// with the page's own start for the same few cores (benchmarks/levers.md, Lighthouse). The
// downloads are read as they arrive (so the network never waits for the compile) and handed to
// Pyodide as a stream of what came and what comes.

const GO_LIMIT_MS = 4000;

/**
 * @typedef {{ready: Promise<void>, response?: Response, chunks: (Uint8Array | null)[],
 *   done: boolean, error: unknown, wake: () => void}} Early
 */

export const progress = {
  loaded: 0,
  total: 0,
  last: 0,
  on: true, // false once the runtime is up (or failed): nothing more to report
  /** @type {(loaded: number, total: number) => void} */
  report: () => {},
  /** @param {boolean} [force] */
  tell(force = false) {
    if (!this.on) return;
    const now = Date.now();
    if (!force && now - this.last < 250) return;
    this.last = now;
    this.report(this.loaded, this.total);
  },
};

/** @type {() => void} */
let go = () => {};
/** Resolves when the page says go, on the first question, or after GO_LIMIT_MS. */
export const mayCompile = new Promise((resolve) => {
  go = () => resolve(undefined);
});
setTimeout(() => go(), GO_LIMIT_MS);
export function goNow() {
  go();
}

const plainFetch = self.fetch.bind(self);
/** @type {Map<string, Early>} */
const earlyFiles = new Map();

/**
 * Start downloading `url` now; Pyodide's own fetch of it later gets what came.
 * @param {string} url
 */
export function downloadEarly(url) {
  /** @type {Early} */
  const entry = { ready: Promise.resolve(), chunks: [], done: false, error: null, wake: () => {} };
  entry.ready = plainFetch(url).then((response) => {
    entry.response = response;
    progress.total += Number(response.headers.get("content-length")) || 0;
    progress.tell();
    if (!response.ok || !response.body) return;
    const reader = response.body.getReader();
    (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          entry.chunks.push(value);
          progress.loaded += value.byteLength;
          progress.tell();
          entry.wake();
        }
      } catch (err) {
        entry.error = err;
      }
      entry.done = true;
      progress.tell(true);
      entry.wake();
    })();
  });
  entry.ready.catch(() => {});
  earlyFiles.set(url, entry);
}

/**
 * The early download of this URL as a fresh Response (once), or null.
 * @param {RequestInfo | URL} input
 */
async function takeEarly(input) {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const entry = earlyFiles.get(url);
  if (!entry) return null;
  earlyFiles.delete(url);
  try {
    await entry.ready;
  } catch {
    return null; // the normal fetch tries again and reports what fails
  }
  const response = entry.response;
  if (!response || !response.ok || !response.body) return null;
  let next = 0;
  const body = new ReadableStream({
    async pull(controller) {
      for (;;) {
        if (next < entry.chunks.length) {
          controller.enqueue(entry.chunks[next]);
          entry.chunks[next++] = null; // handed on: not kept twice
          return;
        }
        if (entry.error) return controller.error(entry.error);
        if (entry.done) return controller.close();
        await new Promise((resolve) => {
          entry.wake = () => resolve(undefined);
        });
      }
    },
  });
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

// The global fetch, counting what arrives while the runtime starts.
self.fetch = async (input, init) => {
  const early = await takeEarly(input);
  if (early) return early; // downloaded (and counted) already
  progress.tell();
  const response = await plainFetch(input, init);
  if (!progress.on) return response;
  progress.total += Number(response.headers.get("content-length")) || 0;
  progress.tell();
  if (response.body) {
    const reader = response.clone().body?.getReader();
    const count = async () => {
      for (;;) {
        const { done, value } = reader ? await reader.read() : { done: true, value: undefined };
        if (done) break;
        progress.loaded += value ? value.byteLength : 0;
        progress.tell();
      }
      progress.tell(true);
    };
    count().catch(() => {});
  }
  return response;
};
