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

from calculators import InputError, jsontext, registry, run
from calculators.errors import UnknownCalculator

# The inputs are one flat object of strings; anything deeper is refused unparsed.
MAX_INPUTS_JSON = 400_000  # characters: twenty boxes of 5,000 characters, escaped, fit
MAX_INPUTS_DEPTH = 2


def merged_inputs(name: str, inputs: Mapping[str, str]) -> dict[str, str]:
    """The field defaults overlaid with what was typed (unknown keys are dropped)."""
    values = dict(registry.defaults(name))
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
    name: str, inputs: Mapping[str, str], lang: str = "zh-Hans", part: str = "all"
) -> dict[str, Any]:
    """What the browser bridge needs to show: JSON-serialisable.

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
    return rendered(name, inputs, lang, part)[0]


def rendered(
    name: str, inputs: Mapping[str, str], lang: str = "zh-Hans", part: str = "all"
) -> tuple[dict[str, Any], dict[str, str]]:
    """`render`'s answer and the values it used as the calculators read them (Simplified,
    whatever `lang`); {} when it could not start."""
    from calculators.web import hant, views  # imported here: only the view that runs loads

    refused = _refusal(name, inputs, lang, part)
    if refused is not None:
        answer = {"ok": False, **refused.to_dict()}
        return hant.localize(answer, lang if lang in hant.LANGS else hant.HANS), {}
    inputs = {k: v for k, v in inputs.items() if isinstance(k, str) and isinstance(v, str)}
    if lang == hant.HANT:
        inputs = {key: hant.input_forms(value, name) for key, value in inputs.items()}
    calc = registry.get(name)
    try:
        # Before the defaults fill the gaps: what was left out may follow from what was given.
        typed = calc.prepare(inputs) if calc.prepare is not None else inputs
        values = merged_inputs(name, typed)
        keyed = part == "key" and calc.calculate_key is not None and views.has_key(name)
        result = run(name, values, key=keyed)
    except InputError as err:
        return hant.localize({"ok": False, **err.to_dict()}, lang), {}
    used = {k: hant.to_hant(v) for k, v in values.items()} if lang == hant.HANT else values
    if keyed:
        key = views.key(name, result)
        answer = hant.localize({"ok": True, "partial": True, **key}, lang)
    else:
        answer = hant.localize({"ok": True, **views.view(name, result)}, lang)
    return {**answer, "inputs": used}, values


def _refusal(name: object, inputs: object, lang: object, part: object) -> InputError | None:
    """Why `render` cannot even start, or None: the sentence it answers with."""
    from calculators.web import hant

    if not isinstance(name, str) or name not in registry.NAMES:
        return UnknownCalculator(name)
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
        answer = render(name, raw, lang, part)
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
