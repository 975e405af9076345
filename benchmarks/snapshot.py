"""A Pyodide memory snapshot, measured in Node: ``python -m benchmarks.snapshot [--runs N]``.

Not part of ``make bench``, and nothing here ships: it answers whether the site should make a
snapshot in the reader's browser (issue 15) by timing, in fresh Node processes, the boot the
worker does today against a boot from a snapshot, both up to the first answer (schedule's
defaults through ``calculators.web.render_json``). Results are in benchmarks/levers.md.

The runtime directory is laid out as the built site's (hooks/runtime.py: the wheel, its lock
file, the trimmed standard library). The snapshot is made as issue 15 proposes: boot like the
worker with ``_makeSnapshot: true``, import every module of the package and render every
calculator once, then ``makeMemorySnapshot()``. ``_makeSnapshot``, ``_loadSnapshot`` and
``makeMemorySnapshot`` are private to the pinned Pyodide (``@ignore``/``@private`` in its
typings) and may change with any release.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.cli import REPO, log

PYODIDE = REPO / "node_modules" / "pyodide"

# argv: RUNTIME_DIR APP_DIR STDLIB MODE SNAPSHOT WHEEL; MODE is
#   make: boot with _makeSnapshot, the wheel unpacked by hand (Pyodide 314.0.7 refuses to
#     snapshot after `packages`/loadPackage: "Unexpected hiwire entry"), import and render
#     everything, write the snapshot;
#   normal: the worker's boot (`packages` through the lock file);
#   snapshot: _loadSnapshot, and `packages` too (the wheel's files on disk, as a worker
#     would need them for anything not imported before the snapshot);
#   snapshot-only: _loadSnapshot alone (everything the answer needs was imported before).
# Prints JSON {boot, answer} in ms from before `import(pyodide.mjs)`.
SCRIPT = r"""
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, appDir, stdLib, mode, snapshotPath, wheel] = process.argv.slice(2);
const t0 = performance.now();
const { loadPyodide } = await import(pathToFileURL(join(runtimeDir, "pyodide.mjs")).href);
const options = {
  indexURL: runtimeDir + "/",
  lockFileURL: join(appDir, "pyodide-lock.json"),
  packageBaseUrl: appDir + "/",
  stdLibURL: stdLib,
  stdout: () => {},
};
if (mode === "make") options._makeSnapshot = true;
if (mode === "normal" || mode === "snapshot") options.packages = ["calculators"];
if (mode.startsWith("snapshot")) options._loadSnapshot = readFileSync(snapshotPath);
let pyodide;
try {
  pyodide = await loadPyodide(options);
} catch (err) {
  // The message alone: Node would print the minified line of pyodide.asm.mjs it came from.
  process.stderr.write("loadPyodide: " + String(err && err.message ? err.message : err));
  process.exit(1);
}
const boot = performance.now() - t0;
process.on("uncaughtException", (err) => {
  process.stderr.write(String(err && err.message ? err.message : err).slice(0, 3000));
  process.exit(1);
});
if (mode === "make") {
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
  pyodide.runPython(`
import importlib, json, os
import calculators
from calculators import registry
from calculators.web import render_json
root = os.path.dirname(os.path.dirname(calculators.__file__))
for folder, _, names in sorted(os.walk(os.path.dirname(calculators.__file__))):
    prefix = os.path.relpath(folder, root).replace(os.sep, ".")
    for file in sorted(names):
        if file.endswith(".py") and file != "__main__.py":
            stem = file[:-3]
            importlib.import_module(prefix if stem == "__init__" else prefix + "." + stem)
for name in registry.NAMES:
    render_json(name, "{}")
`);
  writeFileSync(snapshotPath, pyodide.makeMemorySnapshot());
}
const answer = pyodide.runPython(
  `from calculators.web import render_json; render_json("schedule", "{}")`,
);
if (!JSON.parse(answer).ok) throw new Error("no answer");
const total = performance.now() - t0;
process.stdout.write(JSON.stringify({ boot, answer: total }));
"""


def run(script: Path, args: list[str]) -> dict[str, float]:
    proc = subprocess.run(
        ["node", str(script), *args], capture_output=True, text=True, timeout=300, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"node failed: {proc.stderr[-2000:]}")
    result: dict[str, float] = json.loads(proc.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.snapshot", description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each boot")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from hooks.runtime import copy_runtime, prepare_app, write_app
    from hooks.stdlib import STDLIB_CACHE_DIR, ship_stdlib, stdlib_keep

    with tempfile.TemporaryDirectory(prefix="snapshot-") as tmp:
        scratch = Path(tmp)
        runtime = scratch / "runtime"
        copy_runtime(PYODIDE, runtime)
        app = prepare_app(REPO, PYODIDE, scratch / "wheel")
        app_dir = write_app(app, runtime)
        stdlib = ship_stdlib(PYODIDE, app.version, stdlib_keep(), runtime, REPO / STDLIB_CACHE_DIR)
        script = scratch / "boot.mjs"
        script.write_text(SCRIPT, encoding="utf-8")
        snapshot = scratch / "snapshot.bin"
        common = [str(runtime), str(app_dir), str(stdlib)]
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        load = [os.getloadavg()[0]]
        made = run(script, [*common, "make", str(snapshot), str(app.wheel)])
        raw = snapshot.read_bytes()
        zipped = len(gzip.compress(raw, compresslevel=6))
        log(f"snapshot made in {made['answer']:.0f} ms: {len(raw):,} bytes, {zipped:,} gzipped")
        times: dict[str, list[dict[str, float]]] = {
            "normal": [],
            "snapshot": [],
            "snapshot-only": [],
        }
        for n in range(args.runs + 1):  # run 0 warms the file cache and is not recorded
            for mode in times:
                result = run(script, [*common, mode, str(snapshot), str(app.wheel)])
                if n:
                    times[mode].append(result)
            load.append(os.getloadavg()[0])
    print(f"date: {started}; Node {node_version()}; {os.cpu_count()} cores")
    print(f"load average (1 min) during the runs: {min(load):.2f}-{max(load):.2f}")
    print(f"snapshot: {len(raw):,} bytes raw, {zipped:,} bytes gzipped (level 6)")
    for mode, results in times.items():
        for key in ("boot", "answer"):
            values = [r[key] for r in results]
            print(
                f"{mode} {key}: median {statistics.median(values):,.0f} ms of {len(values)} "
                f"(min {min(values):,.0f}, max {max(values):,.0f})"
            )
    return 0


def node_version() -> str:
    out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
