// The site's service worker: offline after the first visit. hooks/offline.py writes it to the
// site's root as sw.js, with the values in capitals filled in; the bridge
// (docs/assets/calc/bridge.js) registers it. At the root, its scope is the whole site: both
// editions (zh-Hant/ is a directory under it), at a host root or under any sub-path.
//
// Caches (names carry the build, so a new build never reads an old one's files):
//   PREFIX + "site-" + BUILD            pages and assets of both editions
//   PREFIX + "runtime-" + RUNTIME_KEY   Pyodide, the wheel and its lock file (about 13 MB),
//                                       kept across builds that change only pages
// On activate every other site or runtime cache is deleted: an old build's pages and runtime go
// when a new build takes over. The module worker's memory snapshot has a cache of its own,
// which the worker names, reads and replaces (docs/assets/calc/snapshot.js); never touched here.
//
// Requests:
//   - pages (navigations, HTML, the search index, the sitemap): network first, the cached copy
//     when the network fails, so a reader online always gets the newest build;
//   - everything else on this site (content-hashed theme files, the runtime, the wheel, and
//     the small unhashed assets, whose cache is replaced with every build): cache first.
//
// What is never cached, because it may carry something a reader typed:
//   - a request with a query string, except the one query the build itself writes into every
//     page (bridge.js and worker.js ?pyodide=V&app=calculators-H&stdlib=FILE, constants of this
//     build, QUERY: hooks/scripts.py). An
//     old-style share link (page/?principal=...) goes to the network and nowhere else;
//   - anything but GET (nothing on the site posts, but nothing posted would be kept either);
//   - fragments (#principal=...) never reach a service worker: browsers strip them from the
//     request, and the cache keys are the request URLs without them.
//   tests/browser/test_offline.py types into the widgets and reads every key in Cache Storage.
//
// When the runtime is cached: never at install. A page with a widget asks for it (a "precache"
// message) only after its own runtime has started and the page is idle: the module worker
// has just downloaded those files, so they come from the browser's HTTP cache. A guide page
// never fetches a runtime file. Pyodide itself never runs here, only in the module worker.

const BUILD = "__BUILD__";
const RUNTIME_KEY = "__RUNTIME_KEY__";
const RUNTIME = __RUNTIME__;
const SITE = __SITE__;
const QUERY = "__QUERY__";

const PREFIX = "yuqi-xieshang-";
const SITE_CACHE = `${PREFIX}site-${BUILD}`;
const RUNTIME_CACHE = `${PREFIX}runtime-${RUNTIME_KEY}`;
const ROOT = new URL("./", self.location.href).href;

const runtimeURLs = RUNTIME.map((path) => new URL(path, ROOT).href);
const runtimeSet = new Set(runtimeURLs);

const queried = QUERY
  ? ["assets/calc/bridge.js", "assets/calc/worker.js"].map((p) => new URL(`${p}?${QUERY}`, ROOT).href)
  : [];
const siteURLs = [...SITE.map((path) => new URL(path, ROOT).href), ...queried];
const allowedQueries = new Set(queried);

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const ours = name.startsWith(`${PREFIX}site-`) || name.startsWith(`${PREFIX}runtime-`);
        if (ours && name !== SITE_CACHE && name !== RUNTIME_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// Whether the service worker may keep a response to this request (see the header).
function cacheable(request) {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(ROOT)) return false;
  if (url.search && !allowedQueries.has(url.href)) return false;
  if (request.headers.has("range")) return false;
  return true;
}

function isPage(request, url) {
  return (
    request.mode === "navigate" ||
    url.pathname.endsWith("/") ||
    url.pathname.endsWith(".html") ||
    url.pathname.endsWith("/search_index.json") ||
    url.pathname.endsWith("/sitemap.xml")
  );
}

function keyOf(url) {
  const key = new URL(url);
  key.hash = "";
  return key.href;
}

function cacheFor(href) {
  return runtimeSet.has(href) ? RUNTIME_CACHE : SITE_CACHE;
}

// Only whole, successful, same-origin answers are kept (not a 404 page, not a partial body).
async function keep(href, response) {
  if (response.status !== 200 || response.type !== "basic") return;
  const cache = await caches.open(cacheFor(href));
  await cache.put(href, response);
}

async function networkFirst(request, href) {
  try {
    const response = await fetch(request);
    keep(href, response.clone()).catch(() => {});
    return response;
  } catch (err) {
    const cached = await (await caches.open(SITE_CACHE)).match(href);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request, href) {
  const cached = await (await caches.open(cacheFor(href))).match(href);
  if (cached) return cached;
  const response = await fetch(request);
  keep(href, response.clone()).catch(() => {});
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!cacheable(request)) return; // the browser fetches it as if there were no worker
  const url = new URL(request.url);
  const href = keyOf(url);
  event.respondWith(isPage(request, url) ? networkFirst(request, href) : cacheFirst(request, href));
});

// --- precaching, asked for by a page ------------------------------------------------------------

async function missing(name, hrefs) {
  const cache = await caches.open(name);
  const out = [];
  for (const href of hrefs) if (!(await cache.match(href))) out.push(href);
  return out;
}

async function fill(name, hrefs) {
  const todo = await missing(name, hrefs);
  const next = () => todo.shift();
  const lane = async () => {
    for (let href = next(); href; href = next()) {
      try {
        await keep(href, await fetch(href, { credentials: "same-origin" }));
      } catch {
        // offline or gone: the next visit tries again
      }
    }
  };
  await Promise.all([lane(), lane(), lane()]);
}

async function status() {
  const runtime = (await missing(RUNTIME_CACHE, runtimeURLs)).length === 0;
  const site = (await missing(SITE_CACHE, siteURLs)).length === 0;
  return { type: "offline", build: BUILD, runtime, site, ready: runtime && site };
}

let filling = null;

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  const client = event.source;
  const reply = async () => {
    if (msg.type === "precache") {
      filling =
        filling ||
        (async () => {
          await fill(RUNTIME_CACHE, runtimeURLs);
          if (msg.site) await fill(SITE_CACHE, siteURLs);
        })().finally(() => {
          filling = null;
        });
      await filling;
    } else if (msg.type === "keep") {
      // The files the page just used (every page asks once it has loaded): they come from the
      // browser's HTTP cache, so keeping them costs no download, and the next visit to any
      // page needs no revalidation for them. Only this build's own files are taken.
      const wanted = new Set(siteURLs);
      const urls = (Array.isArray(msg.urls) ? msg.urls : []).map(String);
      await fill(SITE_CACHE, urls.filter((href) => wanted.has(href)));
      return;
    } else if (msg.type !== "status") {
      return;
    }
    if (client) client.postMessage(await status());
  };
  event.waitUntil(reply());
});
