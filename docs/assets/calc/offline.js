// The service worker's page side. hooks/offline.py writes sw.js at the root of the site (a
// worker's scope is at most its own directory, and GitHub Pages cannot send
// Service-Worker-Allowed), from hooks/sw.js, which says what is cached and when. Registered
// from every page once it has loaded, so the pages a reader visits are kept; the whole site and
// the runtime are fetched into the cache only from a page with a widget, after its own runtime
// has started and the page is idle. On a slow or metered link only the runtime is kept that
// way; the rest of the site is not fetched on the reader's data.
//
// It knows no widget: what the service worker says comes out as events on `offline`
// ("kept": the runtime is on this device; "ready": the whole site is).

import { CACHE_PREFIX, SERVICE_WORKER } from "./protocol.js";

const HERE = new URL(".", import.meta.url);

class Offline extends EventTarget {
  constructor() {
    super();
    this.url = new URL(SERVICE_WORKER, HERE);
    this.ready = false; // the whole site and the runtime are kept
    this.runtimeKept = false;
    this.asked = false; // a precache was asked for
    this.lastSite = true; // ... of the whole site, not only the runtime
    this.query = ""; // the build's own query (bridge.js?...): a URL with it is the build's
    this.supported = "serviceWorker" in navigator && window.isSecureContext;
    this.removed = false; // the reader removed the offline copy: nothing is kept again here
  }

  /**
   * Register the service worker once the page has loaded.
   * @param {string} query the query of the page's script (constants of this build)
   */
  setUp(query) {
    this.query = query;
    if (document.readyState === "complete") this.register();
    else window.addEventListener("load", () => this.register(), { once: true });
  }

  register() {
    if (!this.supported || this.removed) return;
    const sw = navigator.serviceWorker;
    sw.addEventListener("message", (event) => this.onMessage(event.data));
    // Another service worker took over this page (hooks/sw.js claims its pages on activate):
    // on a visit after a new build, the new one, which has just deleted the old build's
    // caches. What this page asked of the old one (keep its files, fetch the runtime and the
    // site) may have gone into those: ask again. A first visit's first worker taking over is
    // not that: it gets this page's requests already (below).
    let controlled = Boolean(sw.controller);
    sw.addEventListener("controllerchange", () => {
      if (!controlled) {
        controlled = true;
        return;
      }
      this.keepThisPage();
      if (this.asked) {
        this.asked = false;
        this.precacheWhenIdle(this.lastSite);
      }
    });
    sw.startMessages();
    sw.register(this.url.href, { scope: new URL("./", this.url).href })
      .then(() => {
        this.dispatchEvent(new CustomEvent("registered"));
        this.keepThisPage();
      })
      .catch(() => {}); // blocked or unsupported: the site works as before, online
  }

  // The page and the files it loaded, for the service worker to keep (hooks/sw.js, "keep"):
  // it was registered after they arrived, so it has not seen them. URLs without a query, or
  // with the build's own, only: nothing typed is ever in one of those. The worker keeps only
  // the build's own files.
  keepThisPage() {
    if (this.removed) return;
    const own = (/** @type {URL} */ url) =>
      url.origin === location.origin && (!url.search || url.search === this.query);
    const urls = [];
    for (const entry of [location.href, ...performance.getEntriesByType("resource").map((e) => e.name)]) {
      const url = new URL(entry);
      url.hash = "";
      if (own(url)) urls.push(url.href);
    }
    this.post({ type: "keep", urls });
  }

  /** @param {unknown} data */
  onMessage(data) {
    const msg = /** @type {{type?: unknown, runtime?: unknown, ready?: unknown}} */ (data || {});
    if (msg.type !== "offline") return;
    if (msg.runtime) {
      this.runtimeKept = true;
      this.dispatchEvent(new CustomEvent("kept"));
    }
    if (!msg.ready || this.ready) return;
    this.ready = true;
    this.dispatchEvent(new CustomEvent("ready"));
  }

  // Whether the site is already kept (a repeat visit): the service worker answers "offline".
  async ask() {
    if (!this.supported || this.ready) return;
    const reg = await navigator.serviceWorker.getRegistration(this.url.href).catch(() => null);
    const active = reg && reg.active;
    if (active) active.postMessage({ type: "status" });
  }

  /**
   * Fetch the runtime, and the rest of the site when `site`, into the cache once the page is idle.
   * @param {boolean} site
   */
  precacheWhenIdle(site = true) {
    if (!this.supported || this.asked || this.removed) return;
    this.asked = true;
    this.lastSite = site;
    const idle = window.requestIdleCallback || ((/** @type {() => void} */ fn) => setTimeout(fn, 1000));
    idle(() => this.post({ type: "precache", site }), { timeout: 5000 });
  }

  /**
   * Remove the offline copy: unregister the service worker and delete every cache of the site
   * (pages, runtime, memory snapshot), after `quiet` (which stops anything that would write one
   * again); nothing is registered or kept again while this page stays. True when it is done.
   * @param {() => Promise<void>} quiet
   */
  async removeCopy(quiet) {
    this.removed = true;
    this.ready = false;
    try {
      await quiet();
      if (this.supported) {
        const scope = new URL("./", this.url).href;
        for (const reg of await navigator.serviceWorker.getRegistrations()) {
          if (reg.scope === scope) await reg.unregister();
        }
      }
      if (window.caches) {
        for (const name of await caches.keys()) {
          if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
        }
      }
      return true;
    } catch {
      return false;
    }
  }

  /** @param {object} msg */
  post(msg) {
    if (this.removed) return;
    navigator.serviceWorker.ready
      .then((reg) => reg.active && reg.active.postMessage(msg))
      .catch(() => {});
  }
}

export const offline = new Offline();
