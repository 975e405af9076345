// The widgets of a page: bridge.js imports this module only on a page that has one, and calls
// `mount` from the theme's document$ (the first page and every page swapped in by instant
// navigation). It creates a controller (widget.js) per widget, starts the runtime (at most once
// per visit: runtime.js), and passes on what the runtime and the service worker say.

import { slowLink } from "./format.js";
import { offline } from "./offline.js";
import { readBuild } from "./protocol.js";
import { runtime } from "./runtime.js";
import { Widget } from "./widget.js";

/** @type {WeakMap<Element, Widget>} */
const controllers = new WeakMap();

/** The controllers of the widgets now on the page. */
function* liveWidgets() {
  for (const el of document.querySelectorAll(".calc[data-calc]")) {
    const ctrl = controllers.get(el);
    if (ctrl) yield ctrl;
  }
}

const slow = () => slowLink(/** @type {any} */ (navigator).connection);

// A share link opened on its own page ("#income=…" while the page is already open, as a chat
// app or the address bar may do) is a same-document navigation: the theme's instant navigation
// then redraws the page and drops the fragment before the widgets mount again. The fragment is
// remembered when it arrives, for the widgets of that same page, and used once.
// (The event's newURL, not `location`: the theme may have rewritten the address already.)
/** @type {{path: string, hash: string} | null} */
let arrivedLink = null;
/** @param {URL | Location} url */
function rememberLink(url) {
  if (url.hash.includes("=")) arrivedLink = { path: url.pathname, hash: url.hash };
}
rememberLink(location);
window.addEventListener("hashchange", (event) => {
  rememberLink(new URL(event.newURL));
  for (const ctrl of liveWidgets()) ctrl.followLink();
});

/** @type {import("./widget.js").Page} */
const page = {
  linkLocation() {
    if (location.hash.includes("=") || !arrivedLink || arrivedLink.path !== location.pathname) {
      return location;
    }
    return { search: location.search, hash: arrivedLink.hash };
  },
  linkUsed() {
    arrivedLink = null;
  },
  // Every field name of every widget on the page (a link's parameter for another widget on
  // the page is not a misspelling).
  pageNames() {
    const names = new Set();
    for (const el of document.querySelectorAll(".calc[data-calc] .calc-form [name]")) {
      names.add(/** @type {HTMLInputElement} */ (el).name);
    }
    return names;
  },
  everyWidget(fn) {
    for (const ctrl of liveWidgets()) fn(ctrl);
  },
};

runtime.addEventListener("state", () => {
  for (const ctrl of liveWidgets()) {
    if (runtime.state === "loading") ctrl.setState("loading");
    else if (runtime.state === "error") ctrl.setState("error");
    else if (runtime.state === "ready") ctrl.compute();
  }
  if (runtime.state === "ready") offline.precacheWhenIdle(!slow());
});
runtime.addEventListener("progress", () => {
  for (const ctrl of liveWidgets()) ctrl.showProgress();
});
const hasWidget = () => document.querySelector(".calc[data-calc]") !== null;
// The runtime is kept on this device: starting it downloads nothing, even on a slow link.
offline.addEventListener("kept", () => {
  if (runtime.state === "idle" && hasWidget()) runtime.start();
});
offline.addEventListener("ready", () => {
  for (const ctrl of liveWidgets()) ctrl.showOffline();
});
offline.addEventListener("registered", () => {
  if (hasWidget()) offline.ask();
});

/**
 * Mount every widget under `root` that has no controller yet, and start the runtime.
 * @param {ParentNode} root
 * @param {URL} script the page's script URL, whose query names the build's runtime
 */
export function mount(root, script) {
  // The call card's notes: loaded only on the page that has them (hooks/scripts.py LAZY).
  if (root.querySelector(".calc-callnotes")) {
    import("./callnotes.js").then((notes) => notes.mountNotes(root)).catch((err) => console.warn(err));
  }
  const build = readBuild(script.searchParams);
  if (build) runtime.use(build);
  let found = false;
  for (const el of root.querySelectorAll(".calc[data-calc]")) {
    found = true;
    if (controllers.has(el) || !(el instanceof HTMLElement)) continue;
    let ctrl;
    try {
      ctrl = new Widget(el, page);
    } catch (err) {
      // One widget that cannot start leaves the others (and its prerendered result) as they are.
      console.warn(`calculators: the ${el.dataset.calc} widget did not start:`, err);
      continue;
    }
    controllers.set(el, ctrl);
    if (runtime.state === "ready") {
      el.dataset.state = "loading";
      ctrl.compute();
    } else if (runtime.state === "idle" && slow()) {
      ctrl.setState("paused");
    } else {
      ctrl.setState(runtime.state === "error" ? "error" : "loading");
    }
    if (offline.ready) ctrl.showOffline();
  }
  if (found && (runtime.state !== "idle" || !slow())) runtime.start();
  if (found) offline.ask();
}
