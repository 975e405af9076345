"""Presentation: the widget's form and its result, as HTML strings made by Python.

Used by the build hook (prerender at build time) and by the browser worker (the same call),
so a page shows the same markup before and after Python starts. No arithmetic here: every
number comes from `calculators.run`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from calculators import InputError, compute, registry
from calculators.registry import Calculator


def merged_inputs(calc: str | Calculator, inputs: Mapping[str, str]) -> dict[str, str]:
    """The field defaults of calculator `calc` (or its name) overlaid with what was typed
    (unknown keys are dropped)."""
    values = registry.find(calc).defaults
    for key in values:
        raw = inputs.get(key)
        if isinstance(raw, str):
            values[key] = raw
    return values


# The parts of an answer the browser can ask for: "all" (everything, as the build prerenders
# it) or "key" (the key figures and the summary alone, when the view can give them apart:
# a long schedule's figures show within a frame of a change, its table follows in "all").
PARTS = ("all", "key")


def render(
    calc: str | Calculator, inputs: Mapping[str, str], lang: str = "zh-Hans", part: str = "all"
) -> dict[str, Any]:
    """What the browser bridge needs to show, for calculator `calc` (or its name, looked up
    here once): JSON-serialisable. `prepare` runs once, on what was typed.

    Success: {"ok": True, "html", "summary", "csv" (str | None), "csv_name", "inputs", and
    "files" when the view offers downloads (see `calculators.web.blocks.File`)}. `inputs` are
    the values used, defaults and inputs that follow from others (apr's mode) included, so a
    page opened from a link can fill its form with them.
    Bad input: {"ok": False, "field": ..., "message": ...}

    `lang` is the page's script: "zh-Hans" (as the code writes it) or "zh-Hant", for which
    the typed words the parser reads go back to its forms (10萬 -> 10万) and every text of
    the answer is converted with the catalog generated at build time (calculators.web.hant).

    `part` "key": when the calculator has a `calculate_key` (`calculators.run(..., key=True)`:
    a schedule without its rows) and its view a `key` (`calculators.web.views.key`), only
    {"ok": True, "partial": True, "figures", "summary", "inputs"}, made from that lighter
    result; the bridge then asks for "all", computed afresh. Any other calculator, and bad
    input, answer as for "all".
    """
    from calculators.web import hant  # imported here: the worker loads it once it answers

    if lang not in hant.LANGS:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(hant.LANGS)})")
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r} (known: {', '.join(PARTS)})")
    if lang == hant.HANT:
        inputs = {key: hant.input_forms(value) for key, value in inputs.items()}
    calc = registry.find(calc)
    try:
        # Before the defaults fill the gaps: what was left out may follow from what was given.
        typed = calc.prepare(inputs) if calc.prepare is not None else inputs
        values = merged_inputs(calc, typed)
        figures = calc.key if part == "key" and calc.calculate_key is not None else None
        result = compute(calc, values, key=figures is not None)
    except InputError as err:
        return hant.localize({"ok": False, **err.to_dict()}, lang)
    if figures is not None:
        key = figures(result)
        partial = {"ok": True, "partial": True, "figures": key.figures, "summary": key.summary}
        return {**hant.localize(partial, lang), "inputs": values}
    view = calc.view(result).as_dict()
    return {**hant.localize({"ok": True, **view}, lang), "inputs": values}


def render_json(name: str, inputs_json: str, lang: str = "zh-Hans", part: str = "all") -> str:
    """`render` with a JSON object of strings in and JSON out: what the browser worker calls.

    Plain strings cross the JavaScript/Python boundary without proxies to manage; anything in
    the object that is not a string (a page cannot be trusted to send only strings) is dropped.
    The worker names the calculator; it is looked up here, once.
    """
    raw = json.loads(inputs_json)
    inputs: dict[str, str] = {}
    if isinstance(raw, dict):
        inputs = {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}
    calc = registry.get(name)
    return json.dumps(render(calc, inputs, lang, part), ensure_ascii=False, sort_keys=True)


def workbook_json(text: str, lang: str = "zh-Hans") -> str:
    """An imported workbook file, read by `calculators.workbook.validate`, in the page's
    script: what the browser worker calls. JSON out: {"ok": true, "workbook": ...} or
    {"ok": false, "field": "file", "message": ...}."""
    from calculators import workbook
    from calculators.web import hant

    answer = json.loads(workbook.validate_json(text))
    if not answer["ok"]:
        answer = hant.localize(answer, lang)
    return json.dumps(answer, ensure_ascii=False)
