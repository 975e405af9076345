"""The calculators: name -> one `Calculator` object, made once and passed around.

A calculator is two modules with one name, its arithmetic (`calculators/NAME.py`: TITLE,
FIELDS, a `Result` TypedDict, `calculate`, and optionally `prepare` and `calculate_key`) and
its view (`calculators/web/views/NAME.py`: `view`, and optionally `key`, PURPOSE and EXAMPLE).
`get(name)` reads both into one `Calculator`; `calculators.run`, `calculators.web.render`,
`calculators.web.widget.widget_html` and the build hooks take that object, so an answer looks
its calculator up once and runs `prepare` once (tests/web/test_spec.py counts). A name is
accepted wherever the object is (the command line, the browser worker and the tests call by
name), and looked up at that one entry.

The view is imported when first asked for (`Calculator.view` and its siblings), never by
`get`: the arithmetic stays usable without any presentation (the command line, the core's
tests), and the browser worker imports only the modules of the calculator it runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from types import ModuleType
from typing import TYPE_CHECKING, Any

from calculators.fields import Field

if TYPE_CHECKING:
    from calculators.web.blocks import Key, View

# Order is the order of the site's 计算器 section. Modules are imported lazily so the browser
# worker pays only for the calculator it runs.
NAMES: tuple[str, ...] = (
    "schedule",
    "apr",
    "overdue",
    "negotiate",
    "payoff",
    "budget",
    "emergency",
    "allocate",
    "plan",
    "triage",
    "callcard",
    "rehearsal",
    "aftercall",
    "agreement_record",
    "letter_negotiate",
    "letter_installment",
    "letter_written",
    "letter_settlement",
    "letter_dispute",
    "letter_third_party",
    "letter_transfer",
    "letter_complaint",
    "letter_hardship",
    "letter_breakdown",
    "letter_internal_complaint",
    "letter_enforcement_settlement",
    "letter_defence",
    "contacts",
)

Prepare = Callable[[Mapping[str, str]], Mapping[str, str]]


@dataclass(frozen=True)
class Example:
    """A calculator page's worked example (the `{ #example }` section of
    docs/calculators/NAME.md): the inputs it starts from, and the result paths whose values
    it quotes (`data-key` paths: "monthly_payment", "rows.0.balance"). The page tests check
    that the page quotes exactly what the calculator gives; the browser tests start from it."""

    inputs: Mapping[str, str]
    quoted: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Calculator:
    """Everything about one calculator, from its two modules."""

    name: str
    title: str  # Chinese, as in the navigation: 还款计划
    fields: tuple[Field, ...]
    calculate: Callable[..., Any]  # keyword arguments: the parsed fields -> its Result
    # `prepare(raw) -> raw`: fills in inputs that follow from others, before parsing.
    prepare: Prepare | None = None
    # `calculate_key(**fields)`: the result with only what its view's key figures read (a
    # long schedule's rows left out), for the browser's first answer to a change.
    calculate_key: Callable[..., Any] | None = None
    # `TYPED_WORDS`: the words its parser reads in free text (a contact log's 对方打来, 电话,
    # 未接), beyond its fields' choices and yes/no words, so the Traditional edition can read
    # them back (calculators/web/hant.py).
    typed_words: tuple[str, ...] = ()

    @property
    def defaults(self) -> dict[str, str]:
        """Every field's default, as typed."""
        return {f.name: f.default for f in self.fields}

    # --- its view: calculators/web/views/NAME.py, imported on first use --------------------

    @cached_property
    def _view_module(self) -> ModuleType:
        return importlib.import_module(f"calculators.web.views.{self.name}")

    @property
    def view(self) -> Callable[[Any], View]:
        """`view(result) -> View`: everything the reader sees about a result."""
        shown: Callable[[Any], View] = self._view_module.view
        return shown

    @property
    def key(self) -> Callable[[Any], Key] | None:
        """`key(result) -> Key`: the key figures and summary alone, for a `calculate_key`
        result (calculators/web/views/__init__.py); None when the view has none."""
        figures: Callable[[Any], Key] | None = getattr(self._view_module, "key", None)
        return figures

    @property
    def purpose(self) -> str:
        """When to use it, in one line: the 计算器 overview's table; "" for none."""
        return str(getattr(self._view_module, "PURPOSE", ""))

    @property
    def example(self) -> Example | None:
        """The worked example on its page, for a calculator with a page of its own."""
        example = getattr(self._view_module, "EXAMPLE", None)
        return example if isinstance(example, Example) else None


def get(name: str) -> Calculator:
    """The calculator called `name` (the same object every time); KeyError if there is none."""
    if name not in NAMES:
        raise KeyError(name)
    return _load(name)


@cache
def _load(name: str) -> Calculator:
    module = importlib.import_module(f"calculators.{name}")
    return Calculator(
        name=name,
        title=module.TITLE,
        fields=module.FIELDS,
        calculate=module.calculate,
        prepare=getattr(module, "prepare", None),
        calculate_key=getattr(module, "calculate_key", None),
        typed_words=tuple(getattr(module, "TYPED_WORDS", ())),
    )


def find(calc: str | Calculator) -> Calculator:
    """`calc` itself, or the calculator it names (KeyError if none): the one lookup of an
    entry point that accepts either."""
    return calc if isinstance(calc, Calculator) else get(calc)


def defaults(name: str) -> Mapping[str, str]:
    return get(name).defaults
