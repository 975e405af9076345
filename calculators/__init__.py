"""Exact calculators for people negotiating overdue loans.

The public API is `run(name, inputs)` and `InputError`; everything else is an implementation
detail. `run` also takes the calculator itself (`calculators.registry.Calculator`), which
is how the package passes it on once it has looked it up. Standard library only, so the
package imports unchanged in Pyodide.

>>> inputs = {"income": "8000", "essential_expenses": "4500", "debt_payments": "2000"}
>>> run("budget", inputs)["capacity"]
'3500.00'
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches
from typing import Any

from calculators import registry
from calculators.errors import InputError, UnknownCalculator
from calculators.money import parse_inputs

__all__ = ["NAMES", "InputError", "run"]

NAMES = registry.NAMES


def run(
    calc: str | registry.Calculator, inputs: Mapping[str, str], *, key: bool = False
) -> dict[str, Any]:
    """Run calculator `calc` (its name or its `registry.Calculator`) on the raw strings a
    person typed; JSON-serialisable result.

    Missing inputs take the field's default; an input name the calculator does not have is
    an error, never silently dropped (a misspelled "princpal" would otherwise compute the
    default principal). Bad input raises `InputError(field, message)`; no other exception
    escapes for any input strings.

    `key=True`: the calculator's `calculate_key` where it has one (the same result but for
    parts its key figures do not read, e.g. a schedule's rows; the same errors), else the
    whole result.
    """
    try:
        found = registry.find(calc)
    except KeyError:
        raise UnknownCalculator(calc) from None
    if not isinstance(inputs, Mapping):
        raise InputError("name", "输入的格式不对：应当是“名称=内容”的一组值。")
    _check_names(found, inputs)
    return compute(found, found.prepare(inputs) if found.prepare is not None else inputs, key=key)


def compute(
    calc: registry.Calculator, raw: Mapping[str, str], *, key: bool = False
) -> dict[str, Any]:
    """`run` from after `prepare`: parse `raw` (fields the calculator has, as `prepare` left
    them) and calculate. For `calculators.web.render`, which prepares what was typed before
    the defaults fill the gaps, and so runs `prepare` once per answer."""
    parsed = parse_inputs(calc.fields, raw)
    calculate = calc.calculate_key if key and calc.calculate_key else calc.calculate
    try:
        result: dict[str, Any] = calculate(**parsed)
    except InputError:
        raise
    except (ArithmeticError, ValueError, OverflowError, RecursionError) as error:
        # The last line of defence; the fuzz tests fail whenever it is reached
        # (field "_internal"), so a bug behind it is still found and fixed at its cause.
        raise InputError(
            "_internal", "这组数字超出了计算器能可靠处理的范围，请检查输入。"
        ) from error
    return result


def _check_names(calc: registry.Calculator, inputs: Mapping[str, str]) -> None:
    known = [field.name for field in calc.fields]
    for key in inputs:
        if key in known:
            continue
        shown = key if isinstance(key, str) and len(key) <= 40 else repr(key)[:40]
        hint = get_close_matches(shown, known, n=1, cutoff=0.6)
        label = {f.name: f.label for f in calc.fields}
        suggestion = f"你是不是想填 {hint[0]}（{label[hint[0]]}）？" if hint else ""
        names = "、".join(known)
        raise InputError(
            shown, f"这个计算器没有名为“{shown}”的输入项。{suggestion}可以填的有：{names}。"
        )
