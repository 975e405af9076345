"""Exact calculators for people negotiating overdue loans.

The public API is `run(name, inputs)` and `InputError`; everything else is an implementation
detail. Standard library only, so the package imports unchanged in Pyodide.

>>> inputs = {"income": "8000", "essential_expenses": "4500", "debt_payments": "2000"}
>>> run("budget", inputs)["capacity"]
'3500.00'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calculators import registry
from calculators.errors import InputError
from calculators.money import parse_inputs

__all__ = ["NAMES", "InputError", "run"]

NAMES = registry.NAMES


def run(name: str, inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run calculator `name` on the raw strings a person typed; JSON-serialisable result.

    Missing inputs take the field's default. Bad input raises `InputError(field, message)`;
    no other exception escapes for any input strings.
    """
    try:
        calc = registry.get(name)
    except KeyError:
        raise InputError("name", f"没有名为“{name}”的计算器。") from None
    parsed = parse_inputs(calc.fields, inputs)
    return calc.calculate(**parsed)
