"""What a memory snapshot of the browser's runtime holds (docs/assets/calc/worker.js).

After a first visit, the worker starts a second, private worker that boots Pyodide, installs
the wheel, calls `warm_up` and saves the WebAssembly memory (Pyodide's memory snapshot) in the
reader's Cache Storage; the next visit boots from it in a fraction of the time. Everything the
answers need must be in memory by then: every module of the package, the standard-library
modules they use, the Traditional catalog. So `warm_up` imports every module and asks for every
answer the page can ask for, in every edition, with the calculators' own defaults and with
wrong input (error paths import modules of their own). Nothing a reader typed is ever in a
snapshot: it is made by this function alone, in a worker that no page talks to.

The worker also installs the wheel's files after booting from a snapshot, so a module this
misses is still found (only slower): tests/pyodide/test_snapshot.py checks that nothing is.
"""

from __future__ import annotations

import importlib
import json
import os


def import_everything() -> list[str]:
    """Import every module of the package (not `__main__`); their names."""
    import calculators

    package = os.path.dirname(calculators.__file__)
    names: list[str] = []
    for folder, _, files in sorted(os.walk(package)):
        prefix = os.path.relpath(folder, os.path.dirname(package)).replace(os.sep, ".")
        for file in sorted(files):
            if file.endswith(".py") and file != "__main__.py":
                stem = file[:-3]
                names.append(prefix if stem == "__init__" else f"{prefix}.{stem}")
    for name in names:
        importlib.import_module(name)
    return names


def warm_up() -> int:
    """Every answer the worker gives, once: the number of answers made."""
    from calculators import registry
    from calculators.plan import EXAMPLE
    from calculators.web import case_json, hant, render_json

    import_everything()
    workbook = json.dumps({"format": "yuqi-xieshang/workbook", "version": 1, "values": {}})
    fill = json.dumps({"case": EXAMPLE, "calc": "letter_negotiate", "debt": "ex1"})
    change = json.dumps({"case": EXAMPLE, "calc": "budget", "debt": "", "inputs": {"income": "1"}})
    made = 0
    for lang in hant.LANGS:
        for name in registry.NAMES:
            bad = json.dumps({field.name: "?" for field in registry.get(name).fields})
            for inputs in ("{}", bad):
                render_json(name, inputs, lang)
                made += 1
        render_json("allocate", json.dumps({"first_due": "2030-01-15"}), lang)
        for text in (workbook, EXAMPLE, "{not json"):
            case_json("load", text, lang)
            made += 1
        case_json("fill", fill, lang)
        case_json("changes", change, lang)
        made += 2
        made += 1
    return made
