"""Presentation: the widget's form and its result, as HTML strings made by Python.

Used by the build hook (prerender at build time) and by the browser worker (the same call),
so a page shows the same markup before and after Python starts. No arithmetic here: every
number comes from `calculators.run`.

Every entry point answers with a sentence, never a traceback, whatever it is given: `render`,
`render_json` and `case_json` return ``{"ok": False, "field", "message"}`` (an unknown
calculator, edition or part included; JSON that cannot be read, or nests deeper than an
object of strings, is refused before it is parsed: `calculators.jsontext`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from calculators import InputError, compute, jsontext, registry
from calculators.errors import UnknownCalculator
from calculators.fields import Kind
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
        whole = {f.name for f in found.fields if f.kind is Kind.CASE}
        inputs = {
            key: hant.case_forms(value) if key in whole else hant.input_forms(value, found.name)
            for key, value in inputs.items()
        }
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


# The largest question about the case: a case (calculators/case.py MAX_FILE) and a page's
# inputs (MAX_INPUTS_JSON), escaped once more as strings inside the question.
MAX_CASE_QUESTION = 2 * (400_000 + MAX_INPUTS_JSON)
CASE_ACTIONS = ("load", "fill", "changes")


def case_json(action: str, payload: str, lang: str = "zh-Hans") -> str:
    """The reader's case as the browser worker asks about it (calculators/case.py,
    calculators/casefill.py), in the page's script. JSON out, never a traceback:

    - "load": `payload` is a kept or imported text, version 1, 2 or 3 -> {"ok": true,
      "case": the version-3 text}, or {"ok": false, "field": "file", "message"};
    - "fill": `payload` {"case", "calc", "debt"} -> {"ok": true, "inputs": what the case
      gives the calculator's boxes for that debt, "debts": [{"id", "name", "fits"}] (the
      case's debts, and whether the calculator's letter fits each), "about": whether the page
      is about one debt (a letter)};
    - "changes": `payload` {"case", "calc", "debt", "inputs"} -> {"ok": true, "changes":
      [{"field", "label", "before", "after", "savable", "why"}], "case": the case with the
      savable ones kept}, or a refusal saying why a value cannot be kept.
    """
    from calculators import case, case_v1, casefill
    from calculators.plan_offer import letters_for
    from calculators.web import hant

    lang = lang if lang in hant.LANGS else hant.HANS
    try:
        if action not in CASE_ACTIONS:
            raise InputError("action", "要做的事不对：只能是 load、fill 或 changes。")
        if action == "load":
            reader = (
                (lambda v, name: hant.input_forms(v, name or None)) if lang == hant.HANT else None
            )
            return _answer({"ok": True, "case": case.to_json(case_v1.load(payload, reader))}, lang)
        question = _question(payload)
        leaf = (lambda v: hant.input_forms(v)) if lang == hant.HANT else None
        data = case.validate(question["case"], leaf)
        calc = registry.find(question["calc"]) if question["calc"] in registry.NAMES else None
        if calc is None:
            raise UnknownCalculator(question["calc"])
        debt = question["debt"]
        if action == "fill":
            debts = [
                {"id": d["id"], "name": d["creditor"], "fits": calc.name in letters_for(d)}
                for d in data["debts"]
            ]
            return _answer(
                {
                    "ok": True,
                    "inputs": casefill.inputs_for(calc, data, debt),
                    "debts": debts,
                    "about": casefill.about_debts(calc),
                },
                lang,
                keep=("inputs", "debts"),
            )
        inputs = question["inputs"]
        if lang == hant.HANT:
            inputs = {k: hant.input_forms(v, calc.name) for k, v in inputs.items()}
        found = casefill.changes(calc, data, inputs, debt)
        kept = casefill.apply(calc, data, inputs, debt)
        shown = [
            {**c, "label": hant.to_hant(c["label"]), "why": hant.to_hant(c["why"])}
            if lang == hant.HANT
            else c
            for c in found
        ]
        return _answer(
            {"ok": True, "changes": shown, "case": case.to_json(kept)},
            lang,
            keep=("changes", "case"),
        )
    except InputError as err:
        return _answer({"ok": False, **err.to_dict()}, lang)


def _question(payload: str) -> dict[str, Any]:
    """{"case": str, "calc": str, "debt": str, "inputs": {str: str}} from the worker's text."""
    try:
        raw = jsontext.load(payload, max_chars=MAX_CASE_QUESTION, max_depth=2)
    except jsontext.Refused:
        raw = None
    if not isinstance(raw, dict):
        raise InputError("case", "收到的内容读不出来，请刷新页面再试。")
    inputs = raw.get("inputs", {})
    question = {
        "case": raw.get("case"),
        "calc": raw.get("calc"),
        "debt": raw.get("debt", ""),
        "inputs": {k: v for k, v in inputs.items() if isinstance(v, str)}
        if isinstance(inputs, dict)
        else {},
    }
    if not all(isinstance(question[k], str) for k in ("case", "calc", "debt")):
        raise InputError("case", "收到的内容读不出来，请刷新页面再试。")
    return question


def _answer(answer: dict[str, Any], lang: str, keep: tuple[str, ...] = ()) -> str:
    """The answer as JSON, its sentences in the page's script (the values under `keep`, the
    reader's own, as they are)."""
    from calculators.web import hant

    shown = hant.localize({k: v for k, v in answer.items() if k not in keep}, lang)
    return json.dumps({**shown, **{k: answer[k] for k in keep if k in answer}}, ensure_ascii=False)
