"""The standard library the site's Python worker loads (used by hooks/runtime.py, which
imports this file as it imports hooks/editions.py: MkDocs loads hooks by path).

Pyodide's ``python_stdlib.zip`` is 2.5 MB of source, and the calculators import less than a
third of it. `trim_stdlib` copies only the members listed in hooks/stdlib_keep.txt (what
every calculator and view imports under Pyodide; regenerate with ``python
tests/pyodide/stdlib_keep.py``, tests/pyodide/test_stdlib_trim.py checks it) into
``python_stdlib-K.zip``, K a hash of the keep list; `compile_stdlib` then has the site's own
Pyodide, in Node, compile every member to bytecode (hooks/compile_stdlib.mjs says why and
how), and the site ships that: ``python_stdlib-K-pyc.zip``, made by `ship_stdlib` and kept
between builds in build/calc-stdlib/. hooks/runtime.py writes that file's name into the page's
script query (`compiled_stdlib_name`, the same name), which the worker reads.
The stock zip is still copied into the site beside it by hooks/runtime.py: the benchmarks'
bare-runtime reference loads it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import uuid
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

STDLIB = "python_stdlib.zip"  # Pyodide's own, in its npm package
STDLIB_KEEP = Path(__file__).resolve().with_name("stdlib_keep.txt")
STDLIB_CACHE_DIR = "build/calc-stdlib"  # inside the project, git-ignored
COMPILE_STDLIB = Path(__file__).resolve().with_name("compile_stdlib.mjs")


def stdlib_keep(path: Path = STDLIB_KEEP) -> list[str]:
    """The zip members listed in the keep list: one a line, `#` starts a comment line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def trimmed_stdlib_name(keep: list[str]) -> str:
    """``python_stdlib-K.zip``: K hashes the keep list, so the name changes with the content
    (the directory it sits in already carries the Pyodide version)."""
    digest = hashlib.sha256("\n".join(sorted(set(keep))).encode()).hexdigest()
    return f"python_stdlib-{digest[:12]}.zip"


def remove_other_zips(dest_dir: Path, name: str) -> None:
    """Make dest_dir and remove the ``python_stdlib-*.zip`` in it other than `name` (an older
    keep list's; the stock ``python_stdlib.zip`` does not match)."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    for old in dest_dir.glob("python_stdlib-*.zip"):
        if old.name != name:
            old.unlink()


def trim_stdlib(stock: Path, keep: list[str], dest_dir: Path) -> Path:
    """Write the members of `stock` named in `keep`, compressed as they were, into
    dest_dir/python_stdlib-K.zip; older trimmed zips there are removed. Raises if a kept
    member is not in `stock` (a new Pyodide moved a module: regenerate the keep list)."""
    wanted = set(keep)
    target = dest_dir / trimmed_stdlib_name(keep)
    remove_other_zips(dest_dir, target.name)
    with zipfile.ZipFile(stock) as src:
        missing = sorted(wanted - set(src.namelist()))
        if missing:
            raise PluginError(
                f"{stock.name} has no {', '.join(missing[:5])} (of {len(missing)}): regenerate "
                "hooks/stdlib_keep.txt with `python tests/pyodide/stdlib_keep.py`"
            )
        if target.is_file():  # a `mkdocs serve` rebuild: same name (keep list, version) and bytes
            return target
        partial = target.with_name(target.name + ".part")
        with zipfile.ZipFile(partial, "w") as dst:
            for info in src.infolist():
                if info.filename in wanted:
                    dst.writestr(info, src.read(info), compress_type=info.compress_type)
        partial.replace(target)
    return target


def compiled_stdlib_name(keep: list[str]) -> str:
    """``python_stdlib-K-pyc.zip``: the trimmed zip's name (K hashes the keep list), marked as
    bytecode; the directory it sits in carries the Pyodide version, which the bytecode is for."""
    return trimmed_stdlib_name(keep).removesuffix(".zip") + "-pyc.zip"


def compile_stdlib(source: Path, node_pyodide: Path, target: Path) -> Path:
    """Write `source` (a standard-library zip) compiled to bytecode by the Pyodide in
    `node_pyodide` into `target` (hooks/compile_stdlib.mjs). Raises if Node or the compiling
    fails."""
    node = shutil.which("node")
    if node is None:
        raise PluginError("node is not installed: the build compiles the standard library in it")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    done = subprocess.run(
        [node, str(COMPILE_STDLIB), str(node_pyodide), str(source), str(partial)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        raise PluginError(f"compiling the standard library failed: {done.stderr.strip()[-2000:]}")
    partial.replace(target)  # atomic: a build running beside this one sees all or nothing
    return target


def ship_stdlib(
    node_pyodide: Path, version: str, keep: list[str], dest_dir: Path, cache_dir: Path
) -> Path:
    """The standard library the worker loads, in dest_dir: the stock zip of the Pyodide in
    `node_pyodide` (its `version`) trimmed to `keep` and compiled, made once per keep list and
    version (cache_dir/V/), then copied. Other ``python_stdlib-*.zip`` in dest_dir (an older
    keep list's) are removed."""
    name = compiled_stdlib_name(keep)
    cached = cache_dir / version / name
    if not cached.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            trimmed = trim_stdlib(node_pyodide / STDLIB, keep, Path(tmp))
            compile_stdlib(trimmed, node_pyodide, cached)
    remove_other_zips(dest_dir, name)
    target = dest_dir / name
    if not target.is_file() or target.stat().st_size != cached.stat().st_size:
        shutil.copyfile(cached, target)
    return target
