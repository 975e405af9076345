"""The page's scripts, as the build writes them (used by hooks/runtime.py and hooks/offline.py,
which import this file as they import hooks/editions.py: MkDocs loads hooks by path).

- `runtime_query`: the query of the page's script and of the worker,
  ``pyodide=V&app=calculators-H&stdlib=FILE``: which Pyodide, which build of the calculators'
  wheel and which trimmed standard library (hooks/stdlib.py) the browser loads.
  overrides/main.html writes it into every page (``bridge.js?...``, and ``data-calc-build`` of
  the early start on a page with a widget); hooks/offline.py lets the service worker cache those
  two URLs with it and no other query. docs/assets/calc/protocol.js reads it.
- `widget_modules`: the ES modules a page with a widget needs (docs/assets/calc/), found by
  following the static imports of the page's script, the early start and the widgets' entry
  (which the page loads by their own tags); overrides/main.html preloads them
  (``<link rel="modulepreload">``) so that they arrive with the page instead of one import
  after another.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "calc"
PAGE_SCRIPT = "bridge.js"  # every page's script (overrides/main.html)
EARLY = "early.js"  # the repeat visit's head start, on a page with a widget
WIDGETS = "mount.js"  # the widgets' entry, imported by the page's script where a widget is
# A static import of a sibling module: `import ... from "./x.js";` or `import "./x.js";`
# (not `import("./x.js")`, which loads it later, on demand).
STATIC_IMPORT = re.compile(r"""^import\s+(?:[^;()]*?\bfrom\s+)?["']\./([\w.-]+\.js)["'];?""", re.M)


def runtime_query(pyodide: str, app: str, stdlib: str) -> str:
    """``pyodide=314.0.7&app=calculators-H&stdlib=python_stdlib-K-pyc.zip``."""
    return urlencode({"pyodide": pyodide, "app": app, "stdlib": stdlib})


def static_imports(path: Path) -> list[str]:
    """The sibling modules `path` imports statically, in order."""
    return STATIC_IMPORT.findall(path.read_text(encoding="utf-8"))


def module_closure(entries: list[str], directory: Path = ASSETS) -> list[str]:
    """`entries` and every module they import statically, each once, dependencies first."""
    out: list[str] = []

    def visit(name: str, seen: tuple[str, ...]) -> None:
        if name in out:
            return
        if name in seen:
            raise ValueError(f"import cycle: {' -> '.join((*seen, name))}")
        for dep in static_imports(directory / name):
            visit(dep, (*seen, name))
        out.append(name)

    for entry in entries:
        visit(entry, ())
    return out


def widget_modules(directory: Path = ASSETS) -> list[str]:
    """What a page with a widget preloads: every module the page's script, the early start and
    the widgets' entry need, but those three, which the page loads by their own tags."""
    needed = module_closure([PAGE_SCRIPT, EARLY, WIDGETS], directory)
    return [name for name in needed if name not in (PAGE_SCRIPT, EARLY, WIDGETS)]
