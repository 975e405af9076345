// A repeat visit's head start. On a page with a widget, overrides/main.html loads this module
// from <head> (async: it runs as soon as it has arrived, while the page is still being parsed),
// with the build's runtime in its tag's data-calc-build (the query bridge.js carries). When
// this build's memory snapshot is kept on this device, the worker starts now: booting from the
// snapshot downloads and compiles next to nothing, so it does not hold the page back. A first
// visit does nothing here; the widget starts the runtime once the page has mounted it.

import { readBuild } from "./protocol.js";
import { runtime } from "./runtime.js";

const tag = document.querySelector("script[data-calc-build]");
const build = tag instanceof HTMLElement ? readBuild(new URLSearchParams(tag.dataset.calcBuild)) : null;
if (build) runtime.startIfKept(build).catch(() => {});
