"""MkDocs hook: the page's scripts, as the build ships them (hooks/runtime.py and
hooks/offline.py import `runtime_query` from this file as they import hooks/editions.py: MkDocs
loads hooks by path).

- `runtime_query`: the query of the page's script and of the worker,
  ``pyodide=V&app=calculators-H&stdlib=FILE``: which Pyodide, which build of the calculators'
  wheel and which trimmed standard library (hooks/stdlib.py) the browser loads.
  overrides/main.html writes it into every page (``bridge.js?...``, and ``data-calc-build`` of
  the early start on a page with a widget); hooks/offline.py lets the service worker cache those
  two URLs with it and no other query. docs/assets/calc/protocol.js reads it.
- `bundle`: the scripts of docs/assets/calc/ are ES modules, each importing only those before it:
  what we read, type-check and unit-test. The site ships them bundled and minified by esbuild
  (pinned in package.json): the entries keep their names (bridge.js, early.js, mount.js,
  worker.js) and what they share goes into a few chunks named by their content. Measured on a
  first visit to a widget page over the benchmark's link (HTTP/1.1, six connections per host),
  the nineteen separate modules, preloaded, held the widget back 150-350 ms before it mounted;
  bundled it mounts as soon as the single bridge.js did, and the scripts are a third of the
  bytes. The same sources give the same files, so a build is reproducible offline; a bundle is
  made once per version of the sources (build/calc-js/).
  `on_config` puts the chunks a page with a widget needs into `config.extra.calc_scripts`
  (overrides/main.html preloads them with ``<link rel="modulepreload">``, so they arrive with
  the page instead of one import after another); `on_post_build` puts the bundle in the place
  of the modules MkDocs copied into the site (the root build's call; the Traditional edition
  uses the root's scripts), before hooks/csp.py reads the scripts and hooks/offline.py hashes
  them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError

if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.scripts (see hooks/editions.py)
    from hooks import editions
else:  # MkDocs, ProperDocs: loaded by path, hooks/ on sys.path while this file runs
    import editions

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets" / "calc"
SITE_ASSETS = "assets/calc"  # inside the built site
PAGE_SCRIPT = "bridge.js"  # every page's script (overrides/main.html)
EARLY = "early.js"  # the repeat visit's head start, on a page with a widget
WIDGETS = "mount.js"  # the widgets' entry, on a page with a widget
ENTRIES = (PAGE_SCRIPT, EARLY, WIDGETS, "worker.js")
# Modules a page loads with import() only where it needs them: each comes out as NAME-HASH.js,
# and no page pays for it before it is needed (the call card's notes, callnotes.js, by
# mount.js; store.js by bigtext.js when 大字 is pressed on a page without a widget, whose
# code has it already).
LAZY = ("callnotes", "store")
BUNDLE_CACHE = ROOT / "build" / "calc-js"  # inside the project, git-ignored
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
EXTRA_KEY = "calc_scripts"  # config.extra key read by overrides/main.html


def runtime_query(pyodide: str, app: str, stdlib: str) -> str:
    """``pyodide=314.0.7&app=calculators-H&stdlib=python_stdlib-K-pyc.zip``."""
    return urlencode({"pyodide": pyodide, "app": app, "stdlib": stdlib})


@dataclass(frozen=True)
class Bundle:
    """The bundled scripts of one version of the sources."""

    directory: Path  # every file, named as the site ships it
    files: tuple[str, ...]
    preload: tuple[str, ...]  # the chunks a page with a widget needs besides its three tags


def sources_digest(directory: Path = ASSETS) -> str:
    """A hash of the scripts and of the bundler's version: the bundle's cache key."""
    h = hashlib.sha256()
    for path in sorted(directory.glob("*.js")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    esbuild = ROOT / "node_modules" / "esbuild" / "package.json"
    h.update(esbuild.read_bytes() if esbuild.is_file() else b"no esbuild")
    return h.hexdigest()[:16]


def run_esbuild(directory: Path, out: Path) -> None:
    """Bundle the entries of `directory` into `out` (with esbuild's metafile, meta.json)."""
    if not ESBUILD.is_file():
        raise PluginError(f"{ESBUILD} is missing: run `make setup` (npm ci)")
    done = subprocess.run(
        [
            str(ESBUILD),
            *(str(directory / name) for name in ENTRIES),
            "--bundle",
            "--splitting",
            "--format=esm",
            "--target=es2021",
            "--minify",
            "--legal-comments=none",
            "--log-level=warning",
            f"--outdir={out}",
            f"--metafile={out / 'meta.json'}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise PluginError(f"bundling docs/assets/calc failed: {done.stderr.strip()[-2000:]}")


def bundle(directory: Path = ASSETS, cache: Path = BUNDLE_CACHE) -> Bundle:
    """The scripts of `directory` bundled (made once per version of them, then reused)."""
    out = cache / sources_digest(directory)
    if not (out / "meta.json").is_file():
        cache.mkdir(parents=True, exist_ok=True)
        private = Path(tempfile.mkdtemp(prefix=".bundling-", dir=cache))
        try:
            run_esbuild(directory, private)
            private.rename(out)  # atomic: a build beside this one sees all or nothing
        except OSError:  # the other build got there first, with the same files
            pass
        finally:
            shutil.rmtree(private, ignore_errors=True)
    outputs = json.loads((out / "meta.json").read_text(encoding="utf-8"))["outputs"]
    imports = {
        Path(name).name: [
            Path(i["path"]).name
            for i in info.get("imports", [])
            if i.get("kind") == "import-statement"
        ]
        for name, info in outputs.items()
    }
    needed: set[str] = set()
    todo = [PAGE_SCRIPT, EARLY, WIDGETS]
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo.extend(imports[name])
    preload = tuple(sorted(needed - {PAGE_SCRIPT, EARLY, WIDGETS}))
    return Bundle(out, tuple(sorted(imports)), preload)


def install(bundle_: Bundle, site: Path) -> list[str]:
    """Put the bundle in the place of the modules MkDocs copied into `site`; returns the files."""
    target = site / SITE_ASSETS
    for old in target.glob("*.js"):
        old.unlink()
    for name in bundle_.files:
        shutil.copyfile(bundle_.directory / name, target / name)
    return list(bundle_.files)


# --- MkDocs events ---------------------------------------------------------------------------


def on_config(config: Any) -> Any:
    config.extra[EXTRA_KEY] = {"preload": list(bundle().preload)}
    return config


def on_post_build(*, config: Any) -> None:
    if editions.current(config).dir:
        return  # the root build's scripts serve both editions
    install(bundle(), Path(config.site_dir))
