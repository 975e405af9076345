// A memory snapshot made and used in Node the way docs/assets/calc/worker.js does in the
// browser (Pyodide's private _makeSnapshot/_loadSnapshot API, see the worker's notes).
// Usage: node snapshot_boot.mjs RUNTIME_DIR APP_DIR STDLIB_ZIP make SNAPSHOT WHEEL
//          boot with _makeSnapshot, unpack the wheel, calculators.web.warm.warm_up(), write
//          the snapshot (the worker's maker; it gzips what it stores, which changes nothing here)
//          and print {bytes, memory, heapBreak}: the snapshot's size, the WebAssembly memory in
//          it, and the top of the heap after the warm-up (Emscripten's sbrk(0))
//        node snapshot_boot.mjs RUNTIME_DIR APP_DIR STDLIB_ZIP load SNAPSHOT CODE_PY
//          boot from the snapshot alone (no wheel files: everything must be in memory), run
//          CODE_PY and print what its `probe()` returns
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, appDir, stdLib, mode, snapshotPath, extra] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(runtimeDir, "pyodide.mjs")).href);
const options = {
  indexURL: runtimeDir + "/",
  lockFileURL: join(appDir, "pyodide-lock.json"),
  packageBaseUrl: appDir + "/",
  stdLibURL: stdLib,
  stdout: () => {},
};
try {
  if (mode === "make") {
    const pyodide = await loadPyodide({ ...options, _makeSnapshot: true });
    pyodide.unpackArchive(new Uint8Array(readFileSync(extra)), "wheel");
    pyodide.runPython("from calculators.web.warm import warm_up\nwarm_up()");
    const heapBreak = pyodide._module._sbrk(0);
    const snapshot = pyodide.makeMemorySnapshot();
    writeFileSync(snapshotPath, snapshot);
    const memory = snapshot.length - new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(4, true);
    process.stdout.write(JSON.stringify({ bytes: snapshot.length, memory, heapBreak }));
  } else {
    const pyodide = await loadPyodide({ ...options, _loadSnapshot: readFileSync(snapshotPath) });
    pyodide.runPython(readFileSync(extra, "utf8"));
    process.stdout.write(pyodide.globals.get("probe")());
  }
} catch (err) {
  // The message alone: Node would print the minified line of pyodide.asm.mjs it came from.
  process.stderr.write(String(err && err.message ? err.message : err));
  process.exit(1);
}
