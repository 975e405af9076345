// Every page's script (overrides/main.html loads it as a module at the end of every page, with
// the build's runtime in its query: bridge.js?pyodide=V&app=calculators-H&stdlib=FILE). It
// mounts on mkdocs-material's `document$`, which emits for the first page and for every page
// swapped in later by instant navigation, so a calculator reached that way still works. Here:
// the language selector's links, the service worker, printing; and, only on a page that has a
// widget, the widgets' own code (mount.js and what it imports), loaded then and at most once.
//
// The modules, each depending only on those before it:
//   inapp.js     in-app browsers (WeChat, QQ, ...): the page's line, downloads handed over
//   bigtext.js   the big-text button
//   features.js  what the browser lacks (no runtime, no offline copy, no storage): said once
//   protocol.js  messages, file and cache names, shared with the worker (worker.js)
//   runtime.js   the one Python worker of a visit; early.js starts it from <head> on a
//                repeat visit
//   format.js, links.js, rows.js, store.js, files.js, print.js, edits.js, savebar.js,
//   steps.js
//   widget.js    one widget's controller; mount.js creates them and wires the runtime in
//   editions.js, offline.js, and this file, which every page loads
// Nothing here carries a sentence or names an edition: every word comes with the markup.

import { setUpBigText, showBigTextButton } from "./bigtext.js";
import { setUpEditionLinks } from "./editions.js";
import { canCompute, sayMissing } from "./features.js";
import { setUpInApp, showInAppLine } from "./inapp.js";
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
  // Without a runtime here (features.js) the prerendered answers stay, unmounted.
  if (!document.querySelector(".calc[data-calc]") || !canCompute) return;
  widgets = widgets || import("./mount.js");
  widgets
    .then((code) => code.mount(document, HERE))
    .catch((err) => console.warn("calculators: the widgets' script did not load:", err));
}

// A newer build is ready (offline.js): one quiet line, on this page and the next ones shown.
function showUpdateLine() {
  if (!offline.newBuild) return;
  for (const line of document.querySelectorAll("[data-update]")) {
    if (!(line instanceof HTMLElement) || !line.hidden) continue;
    line.hidden = false;
    line.querySelector("[data-update-reload]")?.addEventListener("click", () => location.reload());
  }
}
offline.addEventListener("update", showUpdateLine);

const pointEditionLinks = setUpEditionLinks();
setUpInApp();
setUpBigText();
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
      showInAppLine();
      sayMissing();
      showUpdateLine();
      showBigTextButton();
    });
  } else {
    mountWidgets(); // a page without the theme's script (e.g. a test page)
    sayMissing();
  }
}
if (view.document$ || document.readyState !== "loading") subscribe();
else document.addEventListener("DOMContentLoaded", subscribe, { once: true });
