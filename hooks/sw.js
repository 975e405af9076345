// The site's service worker: offline after the first visit. hooks/offline.py writes it to the
// site's root as sw.js, with the values in capitals filled in; the page registers it
// (docs/assets/calc/offline.js). At the root, its scope is the whole site: both editions
// (zh-Hant/ is a directory under it), at a host root or under any sub-path.
//
// Caches (names carry the build, so a new build never reads an old one's files):
//   PREFIX + "site-" + BUILD            pages and assets of both editions
//   PREFIX + "runtime-" + RUNTIME_KEY   Pyodide, the wheel and its lock file (about 13 MB),
//                                       kept across builds that change only pages
// On activate every other site or runtime cache is deleted: an old build's pages and runtime go
// when a new build takes over. The module worker's memory snapshot has a cache of its own,
// which the worker names, reads and replaces (docs/assets/calc/snapshot.js); never touched here.
//
// Only the build's own files: RUNTIME and SITE list every file of this build with the sha256
// of its bytes (hooks/offline.py). A request for anything else (another project on the same
// origin, a page added to the host later, an old-style share link with its query) is not
// answered here at all: the browser fetches it as if there were no service worker, and
// nothing of it is kept. Every file is checked against its hash before it is kept and again
// before it is served from the cache: Cache Storage belongs to the whole origin, and on a
// shared one (GitHub Pages' user.github.io holds all of a user's project sites) another site
// can write into it; a copy that is not this build's is deleted and fetched again. A checked
// file is answered with the very Response that the cache or the network gave (the check reads
// a clone), so that V8's compiled-code cache for the runtime's WebAssembly can hit (`cached`).
//
// Requests:
//   - pages (navigations, HTML, the search index, the sitemap): network first, revalidated
//     with the server (not taken from the browser's HTTP cache unasked: after a deploy the
//     next visit gets the new page, scripts and all), the cached copy when the network fails;
//   - everything else of the build (content-hashed theme files, the runtime, the wheel, and the
//     small unhashed assets, whose cache is replaced with every build): cache first.
//   Whatever is fetched to be kept comes from the browser's HTTP cache only when those are the
//   build's bytes, and from the server otherwise: a host that lets browsers keep files for ten
//   minutes (GitHub Pages) cannot leave a new build holding the previous build's scripts.
//
// What is never cached, because it may carry something a reader typed:
//   - a request with a query string, except the one query the build itself writes into every
//     page (bridge.js and worker.js ?pyodide=V&app=calculators-H&stdlib=FILE, constants of
//     this build, QUERY: hooks/scripts.py);
//   - anything but GET (nothing on the site posts, but nothing posted would be kept either);
//   - fragments (#principal=...) never reach a service worker: browsers strip them from the
//     request, and the cache keys are the request URLs without them.
//   tests/browser/test_offline.py types into the widgets and reads every key in Cache Storage.
//
// When the runtime is cached: never at install. A page with a widget asks for it (a "precache"
// message) only after its own runtime has started and the page is idle: the module worker
// has just downloaded those files, so they come from the browser's HTTP cache. A guide page
// never fetches a runtime file. Pyodide itself never runs here, only in the module worker.
// The rest of the site (both editions' pages and what they use, about 2 MB) is asked for by
// any page once it is idle (runtime: false), except on a slow or metered link.
//
// Offline, a search result's link (?h=...) gets its page, and an unknown address of the
// site gets the site's own 404 page (its edition's), with status 404.

const BUILD = "__BUILD__";
const RUNTIME_KEY = "__RUNTIME_KEY__";
const RUNTIME = __RUNTIME__;
const SITE = __SITE__;
const QUERY = "__QUERY__";

const PREFIX = "yuqi-xieshang-";
const SITE_CACHE = `${PREFIX}site-${BUILD}`;
const RUNTIME_CACHE = `${PREFIX}runtime-${RUNTIME_KEY}`;
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const ROOT = new URL("./", sw.location.href).href;

/** @type {Map<string, string>} URL -> the sha256 of the build's file (base64) */
const HASHES = new Map();
/** @param {Record<string, string>} files path -> sha256 */
function urls(files) {
  return Object.entries(files).map(([path, hash]) => {
    const href = new URL(path, ROOT).href;
    HASHES.set(href, hash);
    return href;
  });
}
const runtimeURLs = urls(RUNTIME);
const runtimeSet = new Set(runtimeURLs);
const siteURLs = urls(SITE);
// The page's script and the worker, with the build's query: the same bytes as without it.
for (const path of ["assets/calc/bridge.js", "assets/calc/worker.js"]) {
  const hash = QUERY && SITE[path];
  if (!hash) continue;
  const href = new URL(`${path}?${QUERY}`, ROOT).href;
  HASHES.set(href, hash);
  siteURLs.push(href);
}

sw.addEventListener("install", () => {
  sw.skipWaiting();
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const ours = name.startsWith(`${PREFIX}site-`) || name.startsWith(`${PREFIX}runtime-`);
        if (ours && name !== SITE_CACHE && name !== RUNTIME_CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

/**
 * The build's own file this request asks for (its URL, the cache key), or "": only those are
 * answered here (see the header).
 * @param {Request} request
 */
function ownFile(request) {
  if (request.method !== "GET" || request.headers.has("range")) return "";
  const url = new URL(request.url);
  url.hash = "";
  // A search result's highlight query (?h=words) names no other page: the page itself answers,
  // fetched without it, so the words never reach the host and the kept copy serves offline.
  const keys = [...url.searchParams.keys()];
  if (request.mode === "navigate" && keys.length && keys.every((key) => key === "h")) url.search = "";
  return HASHES.has(url.href) ? url.href : "";
}

// The build's 404 pages, the deepest first: an unknown address gets its edition's.
const notFoundPages = siteURLs.filter((href) => href.endsWith("/404.html")).sort((a, b) => b.length - a.length);

/**
 * A page of the site's scope that is not the build's (an unknown address, a page added later,
 * an old link with a query): from the network as if there were no worker, never kept; when
 * the network fails, the site's own 404 page (kept like every page) instead of the browser's.
 * @param {Request} request
 */
async function orNotFound(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const page = notFoundPages.find((href) => request.url.startsWith(href.slice(0, -"404.html".length)));
    const copy = page ? await cached(page) : null;
    if (!copy) throw err;
    return new Response(copy.body, { status: 404, statusText: "Not Found", headers: copy.headers });
  }
}

/** @param {Request} request @param {string} href */
function isPage(request, href) {
  const path = new URL(href).pathname;
  return request.mode === "navigate" || /(\/|\.html|\/search_index\.json|\/sitemap\.xml)$/.test(path);
}

/** @param {string} href */
function cacheFor(href) {
  return runtimeSet.has(href) ? RUNTIME_CACHE : SITE_CACHE;
}

/** @param {ArrayBuffer} bytes */
async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return btoa(String.fromCharCode(...digest));
}

/**
 * Whether `response` is whole, successful, same-origin and holds the bytes the build wrote for
 * `href` (not a 404 page, a partial body, another build's file or one planted in the cache).
 * The bytes are read from a clone: `response` itself stays unread, to be answered as it is.
 * @param {string} href
 * @param {Response | undefined} response
 * @returns {Promise<boolean>}
 */
async function verified(href, response) {
  if (!response || response.status !== 200 || (response.type !== "basic" && response.type !== "default")) {
    return false;
  }
  const bytes = await response.clone().arrayBuffer();
  return (await sha256(bytes)) === HASHES.get(href);
}

/** @param {Response} response */
async function copyOf(response) {
  const { status, statusText, headers } = response;
  return new Response(await response.arrayBuffer(), { status, statusText, headers });
}

/**
 * The cached copy of `href`, checked; a copy that fails the check is deleted. The answer is
 * the Response that cache.match gave, under its own URL, never a copy: V8 keeps the runtime's
 * compiled WebAssembly beside a cached response and reuses it on the next visit only for that
 * response itself (a new Response has no URL and no cache entry to tie the code to).
 * @param {string} href
 */
async function cached(href) {
  const cache = await caches.open(cacheFor(href));
  const copy = await cache.match(href);
  if (!copy) return null;
  if (await verified(href, copy)) return copy;
  await cache.delete(href);
  return null;
}

/**
 * `href` from the network, kept when it is the build's file. `fresh`: ask the server (a
 * conditional request) instead of taking the browser's HTTP cache; otherwise the HTTP cache is
 * tried first and the server only when that copy is not the build's. Returns the response
 * itself (the build's file, or what the server has now), or throws when the network fails.
 * @param {string} href
 * @param {boolean} fresh
 */
async function fetchAndKeep(href, fresh) {
  /** @type {Response | null} */
  let response = null;
  for (const cache of fresh ? ["no-cache"] : ["default", "no-cache"]) {
    response = await fetch(href, { cache: /** @type {RequestCache} */ (cache), credentials: "same-origin" });
    if (await verified(href, response)) {
      // A redirected response would keep its redirect in the cache, and a navigation refuses
      // one: that rare one is kept and answered as a copy (of the same checked bytes).
      const answer = response.redirected ? await copyOf(response) : response;
      const kept = answer.clone();
      caches.open(cacheFor(href)).then((c) => c.put(href, kept)).catch(() => {});
      return answer;
    }
  }
  return /** @type {Response} */ (response);
}

/** @type {Map<string, boolean>} a page's client id -> whether its HTML was this build's */
const pagesOfThisBuild = new Map();

/**
 * @param {string} href
 * @param {string} [client] the id of the page this navigation makes, to remember its build
 */
async function networkFirst(href, client = "") {
  /** @type {Response} */
  let response;
  try {
    response = await fetchAndKeep(href, true);
  } catch (err) {
    const copy = await cached(href);
    if (!copy) throw err;
    response = copy;
  }
  // The page is this build's when its bytes are (fetchAndKeep returns a checked copy then);
  // a newer build's page from the server is not. Asked for by the page ("build").
  if (client) {
    const bytes = await response.clone().arrayBuffer();
    pagesOfThisBuild.set(client, (await sha256(bytes)) === HASHES.get(href));
  }
  return response;
}

/** @param {string} href */
async function cacheFirst(href) {
  return (await cached(href)) || fetchAndKeep(href, false);
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  const href = ownFile(request);
  if (!href) {
    // Not the build's: the browser fetches it as if there were no worker; a page of this
    // site's scope gets the site's 404 page when that fails.
    if (request.mode === "navigate" && request.url.startsWith(ROOT)) event.respondWith(orNotFound(request));
    return;
  }
  const client = request.mode === "navigate" ? event.resultingClientId : "";
  event.respondWith(isPage(request, href) ? networkFirst(href, client) : cacheFirst(href));
});

// --- precaching, asked for by a page ------------------------------------------------------------

/**
 * The URLs of `hrefs` that the cache `name` does not hold.
 * @param {string} name
 * @param {string[]} hrefs
 */
async function missing(name, hrefs) {
  const cache = await caches.open(name);
  const out = [];
  for (const href of hrefs) if (!(await cache.match(href))) out.push(href);
  return out;
}

/**
 * Fetch and keep the build's files among `hrefs` that are not kept yet, three at a time.
 * @param {string} name
 * @param {string[]} hrefs
 */
async function fill(name, hrefs) {
  const todo = await missing(name, hrefs.filter((href) => HASHES.has(href)));
  const next = () => todo.shift();
  const lane = async () => {
    for (let href = next(); href; href = next()) {
      // Offline or gone: the next visit tries again.
      await fetchAndKeep(href, false).catch(() => null);
    }
  };
  await Promise.all([lane(), lane(), lane()]);
}

async function status() {
  const runtime = (await missing(RUNTIME_CACHE, runtimeURLs)).length === 0;
  const site = (await missing(SITE_CACHE, siteURLs)).length === 0;
  return { type: "offline", build: BUILD, runtime, site, ready: runtime && site };
}

/** @type {Map<string, Promise<void>>} cache name -> its filling under way */
const filling = new Map();

/**
 * Fill the cache `name` with `hrefs`, once at a time.
 * @param {string} name
 * @param {string[]} hrefs
 */
function fillOnce(name, hrefs) {
  let under = filling.get(name);
  if (!under) {
    under = fill(name, hrefs).finally(() => filling.delete(name));
    filling.set(name, under);
  }
  return under;
}

sw.addEventListener("message", (event) => {
  const msg = event.data || {};
  const client = event.source;
  const reply = async () => {
    if (msg.type === "precache") {
      // The runtime unless told not to (any page asks for the site alone: offline.js).
      if (msg.runtime !== false) await fillOnce(RUNTIME_CACHE, runtimeURLs);
      if (msg.site) await fillOnce(SITE_CACHE, siteURLs);
    } else if (msg.type === "keep") {
      // The files the page just used (every page asks once it has loaded): they come from the
      // browser's HTTP cache when it holds the build's bytes, so keeping them costs no
      // download, and the next visit to any page needs no revalidation for them.
      const urls = (Array.isArray(msg.urls) ? msg.urls : []).map(String);
      await fill(SITE_CACHE, urls.filter((/** @type {string} */ href) => !runtimeSet.has(href)));
      return;
    } else if (msg.type === "build") {
      // Which build this worker is, and whether the asking page is of it (a page whose build
      // is not the worker's that takes it over says a new version is ready: offline.js).
      const id = client && "id" in client ? client.id : "";
      const page = pagesOfThisBuild.get(id) ? BUILD : "";
      if (client) client.postMessage({ type: "build", build: BUILD, page });
      return;
    } else if (msg.type !== "status") {
      return;
    }
    if (client) client.postMessage(await status());
  };
  event.waitUntil(reply());
});
