"""Runs a list of cases and returns one JSON string per case.

The same file runs in CPython (the test imports it) and under Pyodide in Node (the test
passes its source to `runPython`), so the two outputs can be compared byte for byte.
Standard library and `calculators` only.
"""

from __future__ import annotations

import json
from decimal import Decimal


def run_cases(cases_json: str) -> str:
    """{case id: json.dumps(outcome, sort_keys=True)} as JSON; an outcome is the calculator's
    result, `calculators.web.render`'s output, an IRR, or the InputError it raised."""
    import calculators
    from calculators import rates
    from calculators.web import render

    out: dict[str, str] = {}
    for case in json.loads(cases_json):
        kind = case["kind"]
        try:
            if kind == "run":
                value: object = {"result": calculators.run(case["calculator"], case["inputs"])}
            elif kind == "render":
                value = render(case["calculator"], case["inputs"], case.get("lang", "zh-Hans"))
            elif kind == "irr":
                value = {"irr": str(rates.irr([Decimal(f) for f in case["flows"]]))}
            else:
                raise ValueError(f"unknown case kind {kind!r}")
        except calculators.InputError as err:
            value = {"error": err.to_dict()}
        out[case["id"]] = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return json.dumps(out, sort_keys=True, ensure_ascii=False)
