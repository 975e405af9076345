// Every page's script (overrides/main.html loads it as a module at the end of every page, with
// the build's runtime in its query: bridge.js?pyodide=V&app=calculators-H&stdlib=FILE). It
// mounts on mkdocs-material's `document$`, which emits for the first page and for every page
// swapped in later by instant navigation, so a calculator reached that way still works. Here:
// the language selector's links, the service worker, printing; and, only on a page that has a
// widget, the widgets' own code (mount.js and what it imports), loaded then and at most once.
//
// The modules, each depending only on those before it:
//   protocol.js  messages, file and cache names, shared with the worker (worker.js)
//   runtime.js   the one Python worker of a visit; early.js starts it from <head> on a
//                repeat visit
//   format.js, links.js, rows.js, store.js, files.js, print.js, edits.js, savebar.js
//   widget.js    one widget's controller; mount.js creates them and wires the runtime in
//   editions.js, offline.js, and this file, which every page loads
// Nothing here carries a sentence or names an edition: every word comes with the markup.

import { setUpEditionLinks } from "./editions.js";
import { offline } from "./offline.js";
import { preparePrinting } from "./print.js";

const HERE = new URL(import.meta.url);

// What the tests and the benchmark read before a widget's code has loaded (runtime.js puts the
// runtime itself here, where there is a widget).
const view = /** @type {any} */ (window);
if (!view.calcRuntime) view.calcRuntime = { state: "idle", starts: 0 };

/** @type {Promise<typeof import("./mount.js")> | null} */
let widgets = null;

function mountWidgets() {
  if (!document.querySelector(".calc[data-calc]")) return;
  widgets = widgets || import("./mount.js");
  widgets
    .then((code) => code.mount(document, HERE))
    .catch((err) => console.warn("calculators: the widgets' script did not load:", err));
}

const pointEditionLinks = setUpEditionLinks();
preparePrinting();
offline.setUp(HERE.search);

// Mount from document$ (first page and every instant navigation). This module is deferred, so
// the theme's bundle before it has normally defined document$ already; waiting for the parser
// is only a fallback to find it, the mounting itself still follows document$. document$ emits
// the document the theme parsed from the fetched page, whose parts it has already moved into
// the live one, so the live `document` is what gets searched.
function subscribe() {
  if (view.document$) {
    view.document$.subscribe(() => {
      mountWidgets();
      pointEditionLinks();
    });
  } else {
    mountWidgets(); // a page without the theme's script (e.g. a test page)
  }
}
if (view.document$ || document.readyState !== "loading") subscribe();
else document.addEventListener("DOMContentLoaded", subscribe, { once: true });
