"""MkDocs hook: ship the `calculators` package and the pinned Pyodide runtime with the site.

What lands in the site (``V`` is the npm `pyodide` version, ``H`` a hash of the wheel):

    assets/pyodide/V/pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip
    assets/pyodide/V/python_stdlib-K-pyc.zip   (the standard library the worker loads:
                                                hooks/stdlib.py)
    assets/pyodide/V/calculators-H/pyodide-lock.json
    assets/pyodide/V/calculators-H/calculators-0.1.0-py3-none-any.whl

Every path changes when its content does (a new Pyodide, a new wheel, a new keep list), so a
host may cache them for ever.

The standard library the worker loads is Pyodide's, trimmed to what the calculators import and
compiled to bytecode: hooks/stdlib.py. The stock ``python_stdlib.zip`` is still copied: the
benchmarks' bare-runtime reference loads it. The lock file is the runtime's own,
with our wheel registered by pyodide-lock's `add_wheels_to_spec` (the code behind `pyodide
lockfile add-wheels`), then cut down to the packages the site loads: the browser loads
``packages: ["calculators"]`` by name, checks its sha256, and fetches it while the runtime
boots. No micropip, no package index.

The browser learns V, H and the standard library's file from URLs: overrides/main.html writes
``assets/calc/bridge.js?pyodide=V&app=calculators-H&stdlib=FILE`` (values from `config.extra`,
the query from hooks/scripts.py), the page starts ``worker.js`` with the same query, and the
worker resolves the runtime and the lock file relative to its own URL, so the site works at a
host root and under a sub-path.

MkDocs quirks:
- Hooks are loaded by path (module name "hooks/runtime.py"), so no relative imports here;
  the list of editions comes from hooks/editions.py, imported as hooks/editions.py explains,
  and the standard library's steps from hooks/stdlib.py, imported the same way.
- `on_config` runs on every `mkdocs serve` rebuild, with a fresh config but this same module
  object (MkDocs caches loaded hooks), and so does the zh-Hant build that hooks/traditional.py
  runs inside the Simplified one. What `on_post_build` needs from `on_config` (the app the
  pages name) is kept in the build's own state (hooks/buildstate.py), never in a global; the
  one module-level value, `_APPS`, is a cache keyed by the source digest (the wheel is rebuilt
  only when the package's source changes), and the imported package carries the digest of
  the source it came from (`forget_stale_package`).
- `mkdocs serve` watches only docs/ and mkdocs.yml; `on_serve` adds calculators/ and overrides/.
- `mkdocs serve` takes content types from `mimetypes`; `on_startup` makes sure of .wasm.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import mimetypes
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.runtime
    from hooks import buildstate, editions
    from hooks.scripts import runtime_query
    from hooks.stdlib import STDLIB_CACHE_DIR, compiled_stdlib_name, ship_stdlib, stdlib_keep
else:  # MkDocs, ProperDocs: loaded by path, hooks/ on sys.path while this file runs
    import buildstate
    import editions
    from stdlib import STDLIB_CACHE_DIR, compiled_stdlib_name, ship_stdlib, stdlib_keep

    from scripts import runtime_query

PACKAGE = "calculators"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCKFILE = "pyodide-lock.json"
SITE_DIR = "assets/pyodide"  # inside the built site
CACHE_DIR = "build/calc-wheel"  # inside the project, git-ignored
EXTRA_KEY = "calc_runtime"  # config.extra key read by overrides/main.html


@dataclass(frozen=True)
class App:
    """The built wheel and the lock file that registers it, ready to copy into a site."""

    version: str  # Pyodide version, e.g. "314.0.7"
    wheel: Path
    sha256: str  # of the wheel
    lock: dict[str, Any]  # pyodide-lock.json content

    @property
    def dir_name(self) -> str:
        return f"{PACKAGE}-{self.sha256[:16]}"


def source_digest(project_root: Path) -> str:
    """sha256 over the package's files (paths and bytes) and pyproject.toml: the cache key."""
    digest = hashlib.sha256()
    package = project_root / PACKAGE
    paths = [p for p in package.rglob("*") if p.is_file() and not _is_junk(p)]
    for path in sorted([*paths, project_root / "pyproject.toml"]):
        digest.update(path.relative_to(project_root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _is_junk(path: Path) -> bool:
    return "__pycache__" in path.parts or path.suffix in {".pyc", ".pyo"}


def build_wheel(project_root: Path, out_dir: Path) -> Path:
    """Build the pure-Python wheel with the project's own backend (hatchling), in-process.

    Takes about 0.1 s. The backend writes fixed timestamps into the zip, so the same source
    gives the same bytes, and so the same content hash.
    """
    from hatchling.builders.wheel import WheelBuilder

    out_dir.mkdir(parents=True, exist_ok=True)
    builder = WheelBuilder(str(project_root))
    built = [Path(p) for p in builder.build(directory=str(out_dir), versions=["standard"])]
    if len(built) != 1 or not built[0].name.endswith("-py3-none-any.whl"):
        raise PluginError(f"expected one pure-Python wheel, the build backend made {built}")
    check_wheel(built[0])
    return built[0]


def check_wheel(wheel: Path) -> list[str]:
    """The wheel's file names; raises if it holds anything besides the package and its
    metadata (tests, caches, data the browser does not need)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    allowed = (f"{PACKAGE}/", f"{PACKAGE}-")
    stray = [n for n in names if not n.startswith(allowed) or "__pycache__" in n]
    stray += [n for n in names if n.startswith(f"{PACKAGE}-") and ".dist-info/" not in n]
    if stray:
        raise PluginError(f"{wheel.name} holds files outside the package: {stray}")
    return names


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pyodide_version(node_pyodide: Path) -> str:
    """The version of the npm `pyodide` package in node_modules (the one package.json pins)."""
    manifest = node_pyodide / "package.json"
    if not manifest.is_file():
        raise PluginError(
            f"{manifest} is missing: run `make setup` (npm ci) to install the Pyodide runtime"
        )
    version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if not isinstance(version, str) or not version.replace(".", "").isalnum():
        raise PluginError(f"odd Pyodide version {version!r} in {manifest}")
    return version


def site_lockfile(
    source_lock: Path, wheel: Path, keep: tuple[str, ...] = (PACKAGE,)
) -> dict[str, Any]:
    """The runtime's lock file with `wheel` registered, cut down to `keep` and its dependencies.

    The wheel's `file_name` is its bare name, so it resolves next to the lock file. The stock
    list of ~360 packages is dropped: the site loads only `keep`, and the full list would be
    ~120 kB on every cold start. `info` (Python, ABI, platform) stays as it is, since the
    runtime refuses a lock file whose ABI does not match its own.
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    spec = add_wheels_to_spec(PyodideLockSpec.from_json(source_lock), [wheel])
    lock: dict[str, Any] = spec.to_dict()
    packages: dict[str, Any] = lock["packages"]
    needed: set[str] = set()
    todo = list(keep)
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        if name not in packages:
            raise PluginError(f"{name!r} is not in the lock file")
        needed.add(name)
        todo.extend(packages[name].get("depends", []))
    lock["packages"] = {name: packages[name] for name in sorted(needed)}
    return lock


def prepare_app(project_root: Path, node_pyodide: Path, cache_dir: Path | None = None) -> App:
    """Build (or reuse) the wheel for the current source and its lock file."""
    version = pyodide_version(node_pyodide)
    digest = source_digest(project_root)
    key = (digest, version)
    cached = _APPS.get(key)
    if cached is not None and cached.wheel.is_file():
        return cached
    out = (cache_dir or project_root / CACHE_DIR) / digest[:24]
    wheel = _cached_wheel(out) or _build_into(project_root, out)
    lock = site_lockfile(node_pyodide / LOCKFILE, wheel)
    app = App(version=version, wheel=wheel, sha256=file_sha256(wheel), lock=lock)
    if lock["packages"][PACKAGE]["sha256"] != app.sha256:
        raise PluginError("the lock file's sha256 for the wheel does not match the wheel")
    _APPS[key] = app
    return app


def _cached_wheel(out: Path) -> Path | None:
    wheels = sorted(out.glob(f"{PACKAGE}-*.whl")) if out.is_dir() else []
    return wheels[0] if len(wheels) == 1 else None


def _build_into(project_root: Path, out: Path) -> Path:
    """Build in a private directory, then rename it into place: two builds running at once
    (the browser tests start two) must not see each other's half-written wheel."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        shutil.rmtree(out)  # a broken cache entry
    private = Path(tempfile.mkdtemp(prefix=".building-", dir=out.parent))
    build_wheel(project_root, private)
    try:
        private.rename(out)
    except OSError:  # the other build got there first; its wheel has the same bytes
        shutil.rmtree(private, ignore_errors=True)
    wheel = _cached_wheel(out)
    if wheel is None:
        raise PluginError(f"no wheel in {out}")
    _prune(out.parent, keep=out)
    return wheel


def _prune(cache: Path, keep: Path, most: int = 8) -> None:
    """Keep the cache small: the `most` newest builds (every source edit makes one)."""
    entries = sorted(
        (p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[most:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def copy_runtime(node_pyodide: Path, dest: Path) -> list[Path]:
    """Copy the runtime files into `dest`; a file already there with the same size and
    modification time is left alone (so `mkdocs serve` rebuilds do not copy 13 MB again)."""
    dest.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in RUNTIME_FILES:
        source, target = node_pyodide / name, dest / name
        if not source.is_file():
            raise PluginError(f"{source} is missing: run `make setup` (npm ci)")
        src_stat = source.stat()
        if target.is_file():
            tgt_stat = target.stat()
            if (tgt_stat.st_size, int(tgt_stat.st_mtime)) == (
                src_stat.st_size,
                int(src_stat.st_mtime),
            ):
                continue
        shutil.copy2(source, target)
        copied.append(target)
    return copied


def write_app(app: App, runtime_dir: Path) -> Path:
    """Write the wheel and lock file into runtime_dir/calculators-HASH/, removing older ones."""
    for old in runtime_dir.glob(f"{PACKAGE}-*"):
        if old.is_dir() and old.name != app.dir_name:
            shutil.rmtree(old)
    target = runtime_dir / app.dir_name
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(app.wheel, target / app.wheel.name)
    text = json.dumps(app.lock, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (target / LOCKFILE).write_text(text, encoding="utf-8")
    return target


SOURCE_MARK = "__source_digest__"  # on the imported package: the source it was imported from


def forget_stale_package(digest: str) -> bool:
    """Drop `calculators` from sys.modules when the imported package is not the source as it
    is now (`digest`: a `mkdocs serve` rebuild after an edit), so the prerendered results use
    the edited code; returns whether it did. The package is then imported and marked with
    `digest`; one imported before any build (by the tests, say) is taken as current, since
    the build that imported it would have read the same files."""
    seen = getattr(sys.modules.get(PACKAGE), SOURCE_MARK, None)
    stale = seen is not None and seen != digest
    if stale:
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]
    setattr(importlib.import_module(PACKAGE), SOURCE_MARK, digest)
    return stale


# A cache, not state: an App is made from the source digest and the Pyodide version it is
# keyed by, so a hit gives what a miss would build (`mkdocs serve` rebuilds, and the zh-Hant
# build inside the Simplified one, skip the wheel and the lock file).
_APPS: dict[tuple[str, str], App] = {}


def _paths(config: MkDocsConfig) -> tuple[Path, Path]:
    # The project is found from this file, not from mkdocs.yml, so a config elsewhere (the
    # tests build small sites from temporary directories) still ships this project's package.
    root = Path(__file__).resolve().parent.parent
    return root, root / "node_modules" / "pyodide"


# --- MkDocs events -------------------------------------------------------------------------


def on_startup(*, command: buildstate.Command, dirty: bool) -> None:
    # `mkdocs serve` types files with the `mimetypes` table, which on some systems lacks
    # .wasm; browsers refuse to stream-compile WebAssembly served with any other type.
    mimetypes.add_type("application/wasm", ".wasm")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root, node_pyodide = _paths(config)
    buildstate.of(config).app = app = prepare_app(root, node_pyodide)
    forget_stale_package(source_digest(root))
    stdlib = compiled_stdlib_name(stdlib_keep())
    config.extra[EXTRA_KEY] = {
        "pyodide": app.version,
        "app": app.dir_name,
        "stdlib": stdlib,
        "query": runtime_query(app.version, app.dir_name, stdlib),
    }
    return config


def on_post_build(*, config: MkDocsConfig) -> None:
    # An edition built into a sub-directory of the site (hooks/traditional.py: zh-Hant/) uses
    # the runtime and the wheel at the site's root: one copy, cached once by the browser.
    if editions.current(config).dir:
        return
    # The app from on_config, not a fresh build: the pages were written with its name.
    root, node_pyodide = _paths(config)
    app = buildstate.of(config).app
    if app is None:
        raise PluginError("hooks/runtime.py: on_config did not run")
    runtime_dir = Path(config.site_dir) / SITE_DIR / app.version
    copy_runtime(node_pyodide, runtime_dir)
    keep = stdlib_keep()
    ship_stdlib(node_pyodide, app.version, keep, runtime_dir, root / STDLIB_CACHE_DIR)
    write_app(app, runtime_dir)


def on_serve(
    server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
) -> LiveReloadServer:
    root, _ = _paths(config)
    server.watch(str(root / PACKAGE))
    server.watch(str(root / "overrides"))
    return server
