// Compiles a standard-library zip to bytecode with the site's own Pyodide, for hooks/stdlib.py
// (`compile_stdlib`): every `.py` member becomes a `.pyc` of the same name (sourceless, the
// layout zipimport reads from a zip), every other member is copied. Run by the build:
//   node hooks/compile_stdlib.mjs PYODIDE_DIR IN_ZIP OUT_ZIP
//
// Why: at start-up Pyodide imports its own Python (`_pyodide`, `pyodide`) and the standard
// library from this zip, and from source it compiles each module first; in a browser that
// compiling is most of the runtime's start after the .wasm has arrived (benchmarks/levers.md).
// The bytecode must come from the very interpreter that will load it (a .pyc is specific to
// the Python version), so it is made here, by the Pyodide the site ships, never by the
// CPython running the build.
//
// The .pyc files are hash-based and unchecked (PEP 552): they carry the hash of their source,
// not a time, so the same input gives the same bytes on every build, and nothing looks for
// the source they came from. Code objects are named after the path the module would have had
// as source in the runtime's zip, so tracebacks name the right module.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, inZip, outZip] = process.argv.slice(2);
if (!outZip) {
  process.stderr.write("usage: node compile_stdlib.mjs PYODIDE_DIR IN_ZIP OUT_ZIP\n");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: resolve(pyodideDir) + "/", stdout: () => {} });
pyodide.FS.writeFile("/tmp/in.zip", readFileSync(inZip));
try {
  pyodide.runPython(`
import importlib.util
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

# Where the runtime mounts its standard library (sys.path), e.g. /lib/python314.zip.
root = next(p for p in sys.path if p.endswith(".zip"))
with zipfile.ZipFile("/tmp/in.zip") as src, zipfile.ZipFile("/tmp/out.zip", "w") as out:
    for info in src.infolist():
        data = src.read(info)
        if info.filename.endswith(".py"):
            code = compile(data, f"{root}/{info.filename}", "exec", dont_inherit=True)
            data = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
            name = info.filename[:-3] + ".pyc"
        else:
            name = info.filename
        member = zipfile.ZipInfo(name, info.date_time)
        member.external_attr = info.external_attr
        member.compress_type = zipfile.ZIP_DEFLATED if data else zipfile.ZIP_STORED
        out.writestr(member, data, compresslevel=9)
`);
} catch (err) {
  process.stderr.write(String(err && err.message ? err.message : err));
  process.exit(1);
}
writeFileSync(outZip, pyodide.FS.readFile("/tmp/out.zip"));
