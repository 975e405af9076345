// Boots Pyodide in Node the way docs/assets/calc/worker.js does in the browser: the site's
// runtime directory, its lock file, `packages: ["calculators"]` fetched through the lock file,
// and, if given, a standard library zip in place of the stock one (`stdLibURL`). Then runs
// CODE_PY and prints what its `probe()` returns (a string).
// Usage: node boot_like_worker.mjs RUNTIME_DIR APP_DIR CODE_PY [STDLIB_ZIP]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, appDir, codePath, stdLib] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(runtimeDir, "pyodide.mjs")).href);
const options = {
  indexURL: runtimeDir + "/",
  lockFileURL: join(appDir, "pyodide-lock.json"),
  packageBaseUrl: appDir + "/",
  packages: ["calculators"],
  stdout: () => {},
};
if (stdLib) options.stdLibURL = stdLib;
try {
  const pyodide = await loadPyodide(options);
  pyodide.runPython(readFileSync(codePath, "utf8"));
  process.stdout.write(pyodide.globals.get("probe")());
} catch (err) {
  // The message alone: Node would print the minified line of pyodide.asm.mjs it came from.
  process.stderr.write(String(err && err.message ? err.message : err));
  process.exit(1);
}
