"""What the browser worker can ask of Python, all of it, then the files of every module loaded.

Run under Pyodide by boot_like_worker.mjs (the worker's way of booting); `probe()` returns
JSON: {"renders": {case: JSON answer}, "files": [module files], "python": version}. Every
calculator and view, with its defaults and with an invalid value in every field, in both
editions' scripts; allocate's calendar (calculators.ics); an imported workbook (valid and
not); every module of the package imported (the letters, the views, hant); and a formatted
traceback (what an error on the way reports). Standard library and `calculators` only.
"""

from __future__ import annotations


def probe() -> str:
    import json
    import sys
    import traceback

    from calculators import registry
    from calculators.web import case_json, hant, render_json
    from calculators.web.warm import import_everything

    workbook = json.dumps(
        {
            "format": "yuqi-xieshang/workbook",
            "version": 1,
            "values": {"income": "8千"},
        },
        ensure_ascii=False,
    )
    renders: dict[str, str] = {}
    for lang in hant.LANGS:
        for name in registry.NAMES:
            fields = registry.get(name).fields
            bad = json.dumps({f.name: "?" for f in fields})
            renders[f"{name}:{lang}"] = render_json(name, "{}", lang)
            renders[f"{name}:{lang}:bad"] = render_json(name, bad, lang)
        calendar = json.dumps({"first_due": "2030-01-15"})
        renders[f"allocate:{lang}:calendar"] = render_json("allocate", calendar, lang)
        # The reader's case: a version-1 workbook migrated, and files that are not one.
        renders[f"workbook:{lang}"] = case_json("load", workbook, lang)
        renders[f"workbook:{lang}:bad"] = case_json("load", "{not json", lang)
        renders[f"workbook:{lang}:other"] = case_json("load", '{"format": "x"}', lang)
    try:  # render_json answers an unknown name with a sentence (issue 20); a lookup raises
        registry.get("nonesuch")
    except KeyError:
        renders["unknown"] = traceback.format_exc().splitlines()[-1]
    import_everything()  # from the wheel's files (none after a snapshot boot: all in memory)
    files = sorted({str(getattr(m, "__file__", None) or "") for m in list(sys.modules.values())})
    return json.dumps({"renders": renders, "files": files, "python": sys.version.split()[0]})
