"""Experiments behind BENCHMARKS.md's "Levers tried / next": ``python -m benchmarks.levers``.

Not part of ``make bench`` (it takes a few minutes more). It changes nothing in the repository:
every variant is a scratch copy of the built ``site/`` in a temporary directory, served by the
benchmark's server over the same emulated link, and timed the same way as the benchmark
(cold cache, a new browser context per run, variants interleaved run by run).

Variants:

- ``site``: the calculator page as built.
- ``site+trim``: the same, with the worker told to load a trimmed ``python_stdlib.zip``
  (``loadPyodide({stdLibURL})``) that holds only the standard-library files found in
  ``sys.modules`` after every calculator rendered its defaults and an invalid input in the
  browser (plus what Pyodide itself imported while starting).
- ``site+preload``: the calculator pages' ``<head>`` also carries ``<link rel="preload">``
  for the runtime files, so they start downloading with the page instead of after the bridge,
  the worker script and ``pyodide.mjs`` have each arrived.
- ``site+trim+preload``: both.
- ``site+keep``: the bridge leaves the prerendered result in place when the first answer is
  for the untouched default inputs (it is the same HTML), instead of replacing the DOM with an
  identical copy; also run through Lighthouse next to ``site``, for Total Blocking Time.
- ``bare`` / ``bare+trim``: the bare-runtime page (``1+1``) with the stock and the trimmed zip.
- ``app`` / ``app+trim``: the bare page, but doing the calculator worker's job (load the
  wheel through the lock file, import ``calculators.web``, render the schedule's defaults)
  without the theme, the bridge or the page: the cost of our Python alone.

Before timing, the trimmed zip is checked: every calculator's result (defaults and an invalid
input) under it must equal the stock zip's, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from benchmarks.__main__ import PYTHON_READY, runtime_dirs, site_base
from benchmarks.bare import write_bare_page
from benchmarks.browser import chromium, throttled_tab
from benchmarks.cli import REPO, add_run_options, log, settle
from benchmarks.lighthouse import LighthouseRun, run_lighthouse
from benchmarks.measure import TIMEOUT_MS, observer_script, wait_ready
from benchmarks.server import serve
from benchmarks.stats import Sample

# Run in the browser's worker after loading the `calculators` wheel: every calculator's
# defaults and an invalid input, a formatted traceback (what an error path imports), then
# the files of every module loaded.
PROBE = r"""
import json, sys, traceback
from calculators import registry
from calculators.web import render_json
renders = {}
for name in registry.NAMES:
    fields = registry.get(name).fields
    renders[name] = render_json(name, json.dumps(dict(registry.defaults(name))))
    renders[name + ":bad"] = render_json(name, json.dumps({f.name: "?" for f in fields}))
try:
    raise ValueError("probe")
except ValueError:
    traceback.format_exc()
files = sorted({str(getattr(m, "__file__", None) or "") for m in list(sys.modules.values())})
json.dumps({"files": files, "renders": renders, "path": sys.path})
"""
APP = r"""
import json
import os
from calculators import registry
from calculators.web import render_json
json.loads(render_json("schedule", json.dumps(dict(registry.defaults("schedule")))))["ok"]
"""
TRIM_NAME = "python_stdlib_trim.zip"
CALC = "calculators/schedule/"


def stdlib_members(files: list[str], zip_names: set[str]) -> set[str]:
    """Zip members for the loaded modules' files, with their packages' ``__init__`` files."""
    wanted: set[str] = set()
    for path in files:
        match = re.search(r"\.zip/(.+)$", path)
        if not match:
            continue
        name = match.group(1)
        wanted.add(name)
        parts = name.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            package = "/".join(parts[:depth])
            wanted.add(package + "/")
            wanted.add(package + "/__init__.py")
    return {n for n in wanted if n in zip_names}


def trim_stdlib(stock: Path, members: set[str], out: Path) -> None:
    """Copy ``members`` of the stock zip, compressed as they were, into ``out``."""
    with zipfile.ZipFile(stock) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in members:
                dst.writestr(info, src.read(info), compress_type=info.compress_type)


def patch_worker_stdlib(site: Path) -> None:
    worker = site / "assets" / "calc" / "worker.js"
    text = worker.read_text(encoding="utf-8")
    patched = text.replace(
        "loadPyodide({",
        f'loadPyodide({{ stdLibURL: new URL("{TRIM_NAME}", indexURL).href,',
        1,
    )
    if patched == text:
        raise SystemExit("worker.js has no loadPyodide({ to patch")
    worker.write_text(patched, encoding="utf-8")


MARKS_WORKER = """const __mark = (name) => {
  try {
    const at = performance.timeOrigin + performance.now();
    new BroadcastChannel("bench-marks").postMessage({name, at});
  } catch {}
};
__mark("worker started");
"""
MARKS_PAGE = """
(() => {
  const marks = {};
  window.__benchMarks = marks;
  new BroadcastChannel("bench-marks").onmessage = (event) => {
    const {name, at} = event.data;
    if (!(name in marks)) marks[name] = at - performance.timeOrigin;
  };
})();
"""


def patch_worker_marks(site: Path) -> None:
    """Make the worker announce its stages (page clock) to the page, for the breakdown."""
    worker = site / "assets" / "calc" / "worker.js"
    text = worker.read_text(encoding="utf-8")
    for old, new in (
        ("const pyodide = await loadPyodide(", '__mark("pyodide.mjs imported");\n$&'),
        (
            'renderJson = pyodide.pyimport("calculators.web").render_json;',
            '__mark("runtime loaded");\n$&\n__mark("calculators.web imported");',
        ),
        ('self.postMessage({ type: "result", id: msg.id, json });', '__mark("first result");\n$&'),
    ):
        if old not in text:
            raise SystemExit(f"worker.js: cannot find {old!r} to add a mark")
        text = text.replace(old, new.replace("$&", old), 1)
    worker.write_text(MARKS_WORKER + text, encoding="utf-8")


SAME_OLD = "this.result.innerHTML = String(data.html);"
SAME_NEW = (
    'if (this.renders > 0 || "stale" in this.el.dataset) this.result.innerHTML = String(data.html);'
)


def patch_bridge_keep_prerender(site: Path) -> None:
    """The first answer for untouched default inputs equals the prerendered result: keep the
    DOM as it is instead of replacing it (the widget still becomes ready)."""
    widget = site / "assets" / "calc" / "widget.js"
    text = widget.read_text(encoding="utf-8")
    if SAME_OLD not in text:
        raise SystemExit(f"widget.js: cannot find {SAME_OLD!r}")
    widget.write_text(text.replace(SAME_OLD, SAME_NEW, 1), encoding="utf-8")


def patch_preload(site: Path, runtime_rel: str, lock_rel: str, trimmed: bool) -> int:
    """Add preload links for the runtime files to every page that starts the runtime."""
    count = 0
    stdlib = TRIM_NAME if trimmed else "python_stdlib.zip"
    wheel = next((site / lock_rel).parent.glob("*.whl")).name
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "data-calc-start" not in html:
            continue
        up = "../" * (len(page.relative_to(site).parts) - 1)
        lock_dir = up + str(Path(lock_rel).parent.as_posix()) + "/"
        links = (
            "".join(
                f'<link rel="preload" href="{href}" as="fetch" crossorigin>'
                for href in (
                    up + runtime_rel + "pyodide.asm.wasm",
                    up + runtime_rel + stdlib,
                    up + runtime_rel + "pyodide.asm.mjs",
                    lock_dir + "pyodide-lock.json",
                    lock_dir + wheel,
                )
            )
            + f'<link rel="modulepreload" href="{up + runtime_rel}pyodide.mjs">'
        )
        page.write_text(html.replace("<head>", "<head>" + links, 1), encoding="utf-8")
        count += 1
    return count


def run_bare(browser: Browser, url: str) -> tuple[float, Any, dict[str, float]]:
    with throttled_tab(browser) as tab:
        tab.page.goto(url, wait_until="commit")
        handle = tab.page.wait_for_function(
            "window.__bench && (window.__bench.t !== undefined || window.__bench.error) "
            "&& window.__bench",
            timeout=TIMEOUT_MS,
            polling=50,
        )
        result: dict[str, Any] = handle.json_value()
    if "error" in result:
        raise RuntimeError(f"{url}: {result['error']}")
    return float(result["t"]), result["answer"], dict(result.get("marks") or {})


def run_site(browser: Browser, url: str, path: str) -> tuple[float, dict[str, float]]:
    with throttled_tab(browser, observer_script(PYTHON_READY) + MARKS_PAGE) as tab:
        tab.page.goto(url, wait_until="commit")
        ready = wait_ready(tab.page, path)
        marks: dict[str, float] = tab.page.evaluate("window.__benchMarks || {}")
    return ready, marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.levers", description=__doc__)
    add_run_options(parser, output=REPO / "build" / "bench" / "levers.md")
    args = parser.parse_args(argv)
    settle(args)
    site: Path = args.site.resolve()
    _, base = site_base()
    runtime_url, lock_url = runtime_dirs(site, base)
    if lock_url is None:
        raise SystemExit("the site has no lock file")
    runtime_rel = runtime_url.removeprefix(base)
    lock_rel = lock_url.removeprefix(base)
    stock_zip = site / runtime_rel / "python_stdlib.zip"

    with tempfile.TemporaryDirectory(prefix="levers-") as tmp:
        scratch = Path(tmp)
        variants = {
            name: scratch / name.replace("+", "_")
            for name in (
                "site",
                "site+trim",
                "site+preload",
                "site+trim+preload",
                "site+keep",
            )
        }
        mounts: dict[str, Path] = {"/": scratch / "site"}
        for dest in variants.values():
            shutil.copytree(site, dest)
            mounts[f"/{dest.name}{base}"] = dest

        def bare(name: str, mount: str, code: str, options: dict[str, object]) -> None:
            # Each bare page loads the runtime from the mount of the variant it measures.
            prefix = f"/{mount}{base}"
            opts: dict[str, object] = {"lockFileURL": prefix + lock_rel, **options}
            if "packages" in options:
                # As the site's worker does: packages resolve next to the lock file.
                opts["packageBaseUrl"] = prefix + lock_rel.rsplit("/", 1)[0] + "/"
            mounts[f"/{name}/"] = write_bare_page(scratch / name, prefix + runtime_rel, opts, code)

        # The trimmed zip is written once the probe has run; files are read when requested.
        trim_url = f"/site_trim{base}{runtime_rel}{TRIM_NAME}"
        app: dict[str, object] = {"packages": ["calculators"]}
        bare("probe", "site", PROBE, app)
        bare("probe-trim", "site_trim", PROBE, {**app, "stdLibURL": trim_url})
        bare("bare", "site", "1+1", {})
        bare("bare-trim", "site_trim", "1+1", {"stdLibURL": trim_url})
        bare("app", "site", APP, app)
        bare("app-trim", "site_trim", APP, {**app, "stdLibURL": trim_url})
        with serve(mounts, lifetime=3600) as server, chromium() as browser:
            log("probing the modules the calculators load")
            _, answer, _ = run_bare(browser, server.origin + "/probe/")
            probe = json.loads(answer)
            with zipfile.ZipFile(stock_zip) as z:
                names = set(z.namelist())
            members = stdlib_members(probe["files"], names)
            for name, dest in variants.items():
                trim_stdlib(stock_zip, members, dest / runtime_rel / TRIM_NAME)
                patch_worker_marks(dest)
                if "trim" in name:
                    patch_worker_stdlib(dest)
                if "preload" in name:
                    patch_preload(dest, runtime_rel, lock_rel, "trim" in name)
                if "keep" in name:
                    patch_bridge_keep_prerender(dest)
            trimmed_size = (variants["site+trim"] / runtime_rel / TRIM_NAME).stat().st_size
            log(
                f"trimmed stdlib: {len(members)} of {len(names)} members, "
                f"{trimmed_size:,} of {stock_zip.stat().st_size:,} bytes"
            )
            _, answer, _ = run_bare(browser, server.origin + "/probe-trim/")
            if json.loads(answer)["renders"] != probe["renders"]:
                raise SystemExit("the trimmed stdlib changes a result")
            log("trimmed stdlib gives the same results for every calculator")

            server.warm()

            timings: dict[str, list[float]] = {}
            stages: dict[str, dict[str, list[float]]] = {}
            lighthouse: dict[str, list[LighthouseRun]] = {}
            for n in range(args.runs + 1):  # run 0 warms up and is not recorded
                for name, dest in variants.items():
                    path = f"/{dest.name}{base}{CALC}"
                    t, marks = run_site(browser, server.origin + path, path)
                    if n:
                        timings.setdefault(name, []).append(t)
                        for mark, at in marks.items():
                            stages.setdefault(name, {}).setdefault(mark, []).append(at)
                for name, page in (
                    ("bare", "bare"),
                    ("bare+trim", "bare-trim"),
                    ("app", "app"),
                    ("app+trim", "app-trim"),
                ):
                    t, _, marks = run_bare(browser, f"{server.origin}/{page}/")
                    if n:
                        timings.setdefault(name, []).append(t)
                        for mark, at in marks.items():
                            stages.setdefault(name, {}).setdefault(mark, []).append(at)
                if n:
                    for name in ("site", "site+keep"):
                        path = f"/{variants[name].name}{base}{CALC}"
                        out = scratch / f"lh-{n}.json"
                        run = run_lighthouse(REPO, server.origin + path, out)
                        lighthouse.setdefault(name, []).append(run)
                    log(
                        f"run {n}/{args.runs}: "
                        + ", ".join(f"{k} {v[-1]:.0f}" for k, v in timings.items())
                    )

    stock_size = stock_zip.stat().st_size
    lines = [
        f"Levers measured by `python -m benchmarks.levers` ({args.runs} cold runs each, "
        "same server, link and browser as the benchmark, variants interleaved).",
        "",
        f"Trimmed `python_stdlib.zip`: {len(members)} of {len(names)} members, "
        f"{trimmed_size / 1024:,.0f} KiB instead of {stock_size / 1024:,.0f} KiB; "
        "every calculator's results under it equal the stock zip's.",
        "",
        "| Variant | Median | Min | Max | vs `bare` |",
        "| --- | --- | --- | --- | --- |",
    ]
    ref = statistics.median(timings["bare"])
    for name, values in timings.items():
        s = Sample.of(values)
        lines.append(
            f"| `{name}` | **{s.median:,.0f} ms** | {s.min:,.0f} ms | {s.max:,.0f} ms | "
            f"{s.median / ref:.2f} x |"
        )
    lines += [
        "",
        "Where the time goes (medians, milliseconds since navigation start; the site's worker "
        "was patched to announce its stages, the bare page's worker reports its own):",
        "",
        "| Variant | Stages |",
        "| --- | --- |",
    ]
    for name, by_mark in stages.items():
        cells = ", ".join(
            f"{mark} {statistics.median(values):,.0f}"
            for mark, values in sorted(by_mark.items(), key=lambda kv: statistics.median(kv[1]))
        )
        lines.append(f"| `{name}` | {cells}, ready {statistics.median(timings[name]):,.0f} |")
    lines += [
        "",
        f"Lighthouse (mobile) on `{CALC}`, {args.runs} runs each, interleaved:",
        "",
        "| Variant | Performance median (min-max) | TBT median | LCP median |",
        "| --- | --- | --- | --- |",
    ]
    for name, runs in lighthouse.items():
        perf = [x.performance for x in runs]
        tbt = statistics.median(x.metrics.get("total-blocking-time", 0.0) for x in runs)
        lcp = statistics.median(x.metrics.get("largest-contentful-paint", 0.0) for x in runs)
        lines.append(
            f"| `{name}` | **{statistics.median(perf):g}** ({min(perf):g}-{max(perf):g}) | "
            f"{tbt:,.0f} ms | {lcp:,.0f} ms |"
        )
    text = "\n".join(lines) + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
