"""The list of calculators: name -> module that declares TITLE, FIELDS and calculate()."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from calculators.fields import Field

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


@dataclass(frozen=True)
class Calculator:
    name: str
    title: str  # Chinese, as in the navigation: 还款计划
    fields: tuple[Field, ...]
    calculate: Callable[..., dict[str, Any]]  # keyword arguments: the parsed fields
    # Optional `prepare(raw) -> raw`: fills in inputs that follow from others before parsing.
    prepare: Callable[[Mapping[str, str]], Mapping[str, str]] | None = None
    # Optional `calculate_key(**fields)`: the result with only what its view's key figures
    # read (a long schedule's rows left out), for the browser's first answer to a change.
    calculate_key: Callable[..., dict[str, Any]] | None = None
    # Optional `TYPED_WORDS`: the words its parser reads in free text (a contact log's
    # 对方打来, 电话, 未接), beyond its fields' choices and yes/no words, so the Traditional
    # edition can read them back (calculators/web/hant.py).
    typed_words: tuple[str, ...] = ()


def get(name: str) -> Calculator:
    """The calculator called `name`; KeyError if there is none."""
    if name not in NAMES:
        raise KeyError(name)
    module = importlib.import_module(f"calculators.{name}")
    prepare = getattr(module, "prepare", None)
    key = getattr(module, "calculate_key", None)
    words = tuple(getattr(module, "TYPED_WORDS", ()))
    return Calculator(name, module.TITLE, module.FIELDS, module.calculate, prepare, key, words)


def defaults(name: str) -> Mapping[str, str]:
    return {f.name: f.default for f in get(name).fields}
