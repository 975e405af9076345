"""The bare-runtime reference: the smallest page that starts the site's own Pyodide.

A page with no theme and no bridge starts a module worker, the worker imports ``pyodide.mjs``
from the built site's copy of the runtime, loads it (with the site's lockfile, as
``loadPyodide`` does by default) and evaluates ``1+1``. The page records
``performance.now()`` (milliseconds since navigation start) when the answer arrives, in
``window.__bench``. Nothing else is on the page, so this is what the runtime costs by itself.
"""

from __future__ import annotations

import json
from pathlib import Path

PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bare runtime</title><link rel="icon" href="data:,"></head>
<body><p id="answer">…</p>
<script type="module">
const worker = new Worker(new URL("worker.mjs", location.href), {type: "module"});
worker.onmessage = (event) => {
  const t = performance.now();
  document.getElementById("answer").textContent = String(event.data.answer);
  // The worker's clock starts with the worker: its marks are moved onto the page's clock.
  const shift = event.data.origin - performance.timeOrigin;
  const marks = {};
  for (const [name, at] of Object.entries(event.data.marks)) marks[name] = at + shift;
  window.__bench = {answer: event.data.answer, t, marks};
};
worker.onerror = (event) => { window.__bench = {error: String(event.message)}; };
</script></body></html>
"""

URL_OPTIONS = ("lockFileURL", "stdLibURL", "packageBaseUrl")
WORKER = """import {loadPyodide} from __MODULE__;
const imported = performance.now();
const indexURL = new URL(__INDEX__, self.location.href).href;
const pyodide = await loadPyodide({indexURL__OPTIONS__});
const loaded = performance.now();
const answer = pyodide.runPython(__CODE__);
const done = performance.now();
postMessage({answer, origin: performance.timeOrigin, marks: {imported, loaded, done}});
"""


def write_bare_page(
    dest: Path, index_url: str, options: dict[str, object] | None = None, code: str = "1+1"
) -> Path:
    """Write ``index.html`` and ``worker.mjs`` into ``dest``.

    ``index_url`` is the URL path of the directory holding ``pyodide.mjs`` (ending in ``/``);
    ``options`` are extra options of ``loadPyodide`` (e.g. ``lockFileURL``, ``stdLibURL``,
    ``packages``); ``code`` is the Python evaluated once the runtime is up (the benchmark's
    reference is ``1+1``; the levers experiments run more).
    """
    if not index_url.endswith("/"):
        raise ValueError("index_url must end with '/'")
    dest.mkdir(parents=True, exist_ok=True)
    extra = "".join(
        # URLs are resolved against the worker's own URL: Pyodide wants absolute ones.
        f", {k}: new URL({json.dumps(v)}, self.location.href).href"
        if k in URL_OPTIONS
        else f", {k}: {json.dumps(v)}"
        for k, v in (options or {}).items()
    )
    worker = (
        WORKER.replace("__MODULE__", json.dumps(index_url + "pyodide.mjs"))
        .replace("__INDEX__", json.dumps(index_url))
        .replace("__OPTIONS__", extra)
        .replace("__CODE__", json.dumps(code))
    )
    (dest / "index.html").write_text(PAGE, encoding="utf-8")
    (dest / "worker.mjs").write_text(worker, encoding="utf-8")
    return dest
