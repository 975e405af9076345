"""One view per calculator: `calculators/web/views/<name>.py` shows what `calculators/<name>.py`
computes.

Design note: a calculator is a vertical slice of two modules with the same name, its
arithmetic (`calculators/<name>.py`: TITLE, FIELDS, a `Result` TypedDict and `calculate`) and
its view (here: `view(result) -> View`, and PURPOSE and EXAMPLE for a calculator with a page
of its own), read into one `calculators.registry.Calculator` the way the registry reads the
arithmetic (its `view`, `key`, `purpose` and `example` import this module on first use). Two
modules rather than one package per calculator, because the arithmetic must stay importable
and testable without any presentation (the command line and the tests use it alone), and the
browser worker imports only the one view it runs. The pieces views share (figures, tables,
charts, CSV, reference lines) are in `calculators.web.blocks`; a view holds every sentence
the reader sees about its result, the core returns codes and numbers (each code a `Literal`
in the core's `Result`, so mypy checks every comparison a view makes with one).

`view(calc, result)` is called by `calculators.web.render`, at build time (the
prerendered result) and in the browser (every recalculation), so both show the same markup.

A calculator whose result is long (a 360-month schedule, a payoff plan month by month) may
also give its key figures first: `calculate_key` in the arithmetic (the result without what
the figures do not read) and `key(result) -> blocks.Key` here (the figures block that starts
`view`'s html, and its summary). The bridge shows those within a frame of a change and
replaces the whole result when `view`'s answer follows (issue 15, item 5).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calculators import registry
from calculators.registry import Calculator


def view(calc: str | Calculator, result: Mapping[str, Any]) -> dict[str, Any]:
    """The result of calculator `calc` (or its name) for people: {html, summary, csv,
    csv_name}.

    A view reads only the result, which echoes every input it names. KeyError for an unknown
    calculator.
    """
    shown = registry.find(calc).view(result)
    return dict(shown.as_dict())


def has_key(calc: str | Calculator) -> bool:
    """Whether calculator `calc`'s view gives its key figures apart (`key`)."""
    return registry.find(calc).key is not None


def key(calc: str | Calculator, result: Mapping[str, Any]) -> dict[str, str]:
    """{figures, summary} of calculator `calc`'s result, from its view's `key(result)`.

    A view whose result is long (a 360-row table, a plan month by month) gives its key figures
    and summary apart, exactly as they are in `view` (the `<dl class="calc-figures">` that
    starts its html, and its summary), made from the calculator's `calculate_key` result: the
    browser shows them first (bridge.js). KeyError for a calculator whose view has none.
    """
    found = registry.find(calc)
    figures = found.key
    if figures is None:
        raise KeyError(f"{found.name}: its view has no key figures apart")
    shown = figures(result)
    return {"figures": shown.figures, "summary": shown.summary}
