// Runs parity_runner.py's run_cases() under real Pyodide in Node, with the site's wheel
// installed, and prints its JSON. One process for all cases: loading Pyodide takes ~2 s.
// Usage: node run_in_pyodide.mjs PYODIDE_DIR WHEEL RUNNER_PY CASES_JSON
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelPath, runnerPath, casesPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", stdout: () => {} });
// unpackArchive wants bytes as a Uint8Array (a Node Buffer is not accepted as is).
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel");
pyodide.runPython(readFileSync(runnerPath, "utf8"));
const info = pyodide.runPython("import sys; sys.version.split()[0] + ' ' + sys.platform");
const runCases = pyodide.globals.get("run_cases");
const out = runCases(readFileSync(casesPath, "utf8"));
process.stdout.write(JSON.stringify({ python: info, cases: JSON.parse(out) }));
