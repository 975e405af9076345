// What this browser lacks, found out before anything uses it: service workers and Cache
// Storage (the offline copy), module workers and WebAssembly (the calculators' Python), and
// storage (keeping the reader's case). Nothing here fails: a missing part is left out quietly
// and said once per page, briefly, in one line at the top (overrides/main.html,
// `data-features`, whose data-msg-* carry the sentences):
//   - no runtime: the widgets are not mounted; their prerendered answers stay, and the
//     buttons that need Python are hidden (html.calc-noruntime, calc.css);
//   - no offline copy: the page works online as before (offline.js registers nothing), said on
//     a page with a calculator (where "ready offline" would be said);
//   - no storage: the save bars say so when ticked (savebar.js); the line says it first.
// An in-app browser's own line (inapp.js) already says offline and saving need the phone's
// browser, so there only a missing runtime is said.

import { inApp } from "./inapp.js";

/**
 * Whether `new Worker(url, {type: "module"})` makes a module worker. A browser without them
 * never reads the option; the URL is invalid, so no worker is made either way.
 */
function moduleWorkers() {
  if (typeof Worker !== "function") return false;
  let read = false;
  const options = {
    get type() {
      read = true;
      return /** @type {const} */ ("module");
    },
  };
  try {
    new Worker("http://[", options);
  } catch {
    // the invalid URL, always: the option was read first or not at all
  }
  return read;
}

function webAssembly() {
  const wasm = /** @type {any} */ (window).WebAssembly;
  return typeof wasm === "object" && wasm !== null && typeof wasm.instantiate === "function";
}

// Only whether the browser lets the page have it (a blocked one throws on the first touch):
// nothing is written before the reader ticks to save (store.js writes, and only then).
function storage() {
  try {
    return typeof window.localStorage.getItem === "function";
  } catch {
    return false;
  }
}

/** What is there (each checked once, when this module is first imported). */
export const features = {
  serviceWorker: (() => {
    try {
      return window.isSecureContext && Boolean(navigator.serviceWorker);
    } catch {
      return false;
    }
  })(),
  caches: (() => {
    try {
      return Boolean(window.caches);
    } catch {
      return false;
    }
  })(),
  moduleWorkers: moduleWorkers(),
  webAssembly: webAssembly(),
  storage: storage(),
};

/** The calculators can run here. */
export const canCompute = features.moduleWorkers && features.webAssembly;
/** The site can be kept for offline reading here. */
export const canKeep = features.serviceWorker && features.caches;

if (!canCompute) document.documentElement.classList.add("calc-noruntime");

/**
 * The missing parts' names, as the line's data-msg-name-* say them, joined by its separator.
 * @param {Element} line
 * @param {string[]} keys
 */
function names(line, keys) {
  const separator = line.getAttribute("data-msg-separator") || ", ";
  return keys.map((key) => line.getAttribute(`data-msg-name-${key.toLowerCase()}`) || key).join(separator);
}

/**
 * Say what this page cannot do here, in its line (for every page, instant navigation included):
 * where the page has a calculator, that it cannot run, or that it cannot be kept offline (where
 * the "ready offline" line would come); where it has a save bar, that nothing can be kept.
 */
export function sayMissing() {
  const line = document.querySelector("[data-features]");
  if (!(line instanceof HTMLElement)) return;
  const parts = [];
  if (!canCompute && document.querySelector(".calc[data-calc]")) {
    const lacking = ["moduleWorkers", "webAssembly"].filter((key) => !(/** @type {any} */ (features)[key]));
    parts.push((line.dataset.msgCompute || "").replace("{what}", names(line, lacking)));
  }
  if (!inApp && !features.storage && document.querySelector(".calc-save")) {
    parts.push(line.dataset.msgStorage || "");
  }
  if (!inApp && !canKeep && document.querySelector(".calc[data-calc]")) {
    const lacking = ["serviceWorker", "caches"].filter((key) => !(/** @type {any} */ (features)[key]));
    parts.push((line.dataset.msgOffline || "").replace("{what}", names(line, lacking)));
  }
  const text = parts.filter(Boolean).join("");
  if (!text) return;
  line.textContent = text;
  line.hidden = false;
}
