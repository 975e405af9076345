"""One view per calculator: `calculators/web/views/<name>.py` shows what `calculators/<name>.py`
computes.

Design note: a calculator is a vertical slice of two modules with the same name, its
arithmetic (`calculators/<name>.py`: TITLE, FIELDS, a `Result` TypedDict and `calculate`) and
its view (here: `view(result) -> View`), found by name the way `calculators.registry`
finds the arithmetic. Two modules rather than one package per calculator, because the
arithmetic must stay importable and testable without any presentation (the command line
and the tests use it alone), and the browser worker imports only the one view it runs. The
pieces views share (figures, tables, charts, CSV, reference lines) are in
`calculators.web.blocks`; a view holds every sentence the reader sees about its result, the
core returns codes and numbers.

`view(name, result)` is called by `calculators.web.render`, at build time (the
prerendered result) and in the browser (every recalculation), so both show the same markup.

A calculator whose result is long (a 360-month schedule, a payoff plan month by month) may
also give its key figures first: `calculate_key` in the arithmetic (the result without what
the figures do not read) and `key(result) -> blocks.Key` here (the figures block that starts
`view`'s html, and its summary). The bridge shows those within a frame of a change and
replaces the whole result when `view`'s answer follows (issue 15, item 5).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from calculators import registry


def view(name: str, result: Mapping[str, Any]) -> dict[str, Any]:
    """The result of calculator `name` for people: {html, summary, csv, csv_name}.

    A view reads only the result, which echoes every input it names. KeyError for an unknown
    calculator.
    """
    shown = _module(name).view(result)
    return dict(shown.as_dict())


def has_key(name: str) -> bool:
    """Whether calculator `name`'s view gives its key figures apart (`key`)."""
    return hasattr(_module(name), "key")


def key(name: str, result: Mapping[str, Any]) -> dict[str, str]:
    """{figures, summary} of calculator `name`'s result, from its view's `key(result)`.

    A view whose result is long (a 360-row table, a plan month by month) gives its key figures
    and summary apart, exactly as they are in `view` (the `<dl class="calc-figures">` that
    starts its html, and its summary), made from the calculator's `calculate_key` result: the
    browser shows them first (bridge.js).
    """
    shown = _module(name).key(result)
    return {"figures": shown.figures, "summary": shown.summary}


def _module(name: str) -> Any:
    if name not in registry.NAMES:
        raise KeyError(name)
    return importlib.import_module(f"calculators.web.views.{name}")
