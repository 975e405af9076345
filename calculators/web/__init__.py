"""Presentation: the widget's form and its result, as HTML strings made by Python.

Used by the build hook (prerender at build time) and by the browser worker (the same call),
so a page shows the same markup before and after Python starts. No arithmetic here: every
number comes from `calculators.run`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calculators import InputError, registry, run


def merged_inputs(name: str, inputs: Mapping[str, str]) -> dict[str, str]:
    """The field defaults overlaid with what was typed (unknown keys are dropped)."""
    values = dict(registry.defaults(name))
    for key in values:
        raw = inputs.get(key)
        if isinstance(raw, str):
            values[key] = raw
    return values


def render(name: str, inputs: Mapping[str, str]) -> dict[str, Any]:
    """What the browser bridge needs to show: JSON-serialisable.

    Success: {"ok": True, "html": ..., "summary": ..., "csv": str | None, "csv_name": str}
    Bad input: {"ok": False, "field": ..., "message": ...}
    """
    from calculators.web import results  # presentation of each calculator's result

    values = merged_inputs(name, inputs)
    try:
        result = run(name, values)
    except InputError as err:
        return {"ok": False, **err.to_dict()}
    view = results.view(name, result, values)
    return {"ok": True, **view}
