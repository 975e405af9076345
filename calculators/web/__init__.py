"""Presentation: the widget's form and its result, as HTML strings made by Python.

Used by the build hook (prerender at build time) and by the browser worker (the same call),
so a page shows the same markup before and after Python starts. No arithmetic here: every
number comes from `calculators.run`.

Every entry point answers with a sentence, never a traceback, whatever it is given: `render`,
`render_json` and `workbook_json` return ``{"ok": False, "field", "message"}`` (an unknown
calculator, edition or part included; JSON that cannot be read, or nests deeper than an
object of strings, is refused before it is parsed: `calculators.jsontext`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from calculators import InputError, compute, jsontext, registry
from calculators.errors import UnknownCalculator
from calculators.registry import Calculator

# The inputs are one flat object of strings; anything deeper is refused unparsed.
MAX_INPUTS_JSON = 400_000  # characters: twenty boxes of 5,000 characters, escaped, fit
MAX_INPUTS_DEPTH = 2


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

    In "zh-Hant" everything the answer holds is in Traditional, its `inputs` and its files (a
    calendar's events, a letter's or a statement's name) included: what the page shows and
    downloads is in the page's script.
    """
    return rendered(calc, inputs, lang, part)[0]


def rendered(
    calc: str | Calculator, inputs: Mapping[str, str], lang: str = "zh-Hans", part: str = "all"
) -> tuple[dict[str, Any], dict[str, str]]:
    """`render`'s answer and the values it used as the calculators read them (Simplified,
    whatever `lang`); {} when it could not start."""
    from calculators.web import hant  # imported here: the worker loads it once it answers

    refused = _refusal(calc, inputs, lang, part)
    if refused is not None:
        answer = {"ok": False, **refused.to_dict()}
        return hant.localize(answer, lang if lang in hant.LANGS else hant.HANS), {}
    found = registry.find(calc)
    inputs = {k: v for k, v in inputs.items() if isinstance(k, str) and isinstance(v, str)}
    if lang == hant.HANT:
        inputs = {key: hant.input_forms(value, found.name) for key, value in inputs.items()}
    try:
        # Before the defaults fill the gaps: what was left out may follow from what was given.
        typed = found.prepare(inputs) if found.prepare is not None else inputs
        values = merged_inputs(found, typed)
        figures = found.key if part == "key" and found.calculate_key is not None else None
        result = compute(found, values, key=figures is not None)
    except InputError as err:
        return hant.localize({"ok": False, **err.to_dict()}, lang), {}
    used = {k: hant.to_hant(v) for k, v in values.items()} if lang == hant.HANT else values
    if figures is not None:
        key = figures(result)
        partial = {"ok": True, "partial": True, "figures": key.figures, "summary": key.summary}
        answer = hant.localize(partial, lang)
    else:
        answer = hant.localize({"ok": True, **found.view(result).as_dict()}, lang)
    return {**answer, "inputs": used}, values


def _refusal(calc: object, inputs: object, lang: object, part: object) -> InputError | None:
    """Why `render` cannot even start, or None: the sentence it answers with."""
    from calculators.web import hant

    if isinstance(calc, Calculator):
        pass
    elif not isinstance(calc, str) or calc not in registry.NAMES:
        return UnknownCalculator(calc)
    if lang not in hant.LANGS:
        return InputError("lang", "页面的语言不对：只能是简体（zh-Hans）或繁体（zh-Hant）。")
    if part not in PARTS:
        return InputError("part", "要的结果不对：只能是全部（all）或关键数字（key）。")
    if not isinstance(inputs, Mapping):
        return InputError("inputs", "输入的格式不对：应当是“名称=内容”的一组值。")
    return None


def render_json(name: str, inputs_json: str, lang: str = "zh-Hans", part: str = "all") -> str:
    """`render` with a JSON object of strings in and JSON out: what the browser worker calls.

    Plain strings cross the JavaScript/Python boundary without proxies to manage; anything in
    the object that is not a string (a page cannot be trusted to send only strings) is dropped.
    Text that is not JSON, nests deeper than an object of strings, repeats a key or is not an
    object answers {"ok": false, "field": "inputs", ...}.
    """
    try:
        raw = jsontext.load(inputs_json, max_chars=MAX_INPUTS_JSON, max_depth=MAX_INPUTS_DEPTH)
    except jsontext.Refused:
        raw = None
    if not isinstance(raw, dict):
        answer: dict[str, Any] = {
            "ok": False,
            "field": "inputs",
            "message": "收到的输入读不出来，请刷新页面再试。",
        }
    else:
        answer = render(name, raw, lang, part)  # the worker names it; looked up there, once
    return json.dumps(answer, ensure_ascii=False, sort_keys=True)


def workbook_json(text: str, lang: str = "zh-Hans") -> str:
    """An imported workbook file, read by `calculators.workbook.validate`, in the page's
    script: what the browser worker calls. JSON out: {"ok": true, "workbook": ...} or
    {"ok": false, "field": "file", "message": ...}."""
    from calculators import workbook
    from calculators.web import hant

    def as_the_page_reads(name: str, value: str) -> str:
        return hant.input_forms(value, name)

    # The Traditional edition's pages save what they show: read as those pages read it.
    read = as_the_page_reads if lang == hant.HANT else None
    answer = json.loads(workbook.validate_json(text, read))
    if not answer["ok"]:
        answer = hant.localize(answer, lang if lang in hant.LANGS else hant.HANS)
    return json.dumps(answer, ensure_ascii=False)
