"""The worked examples in the core's docstrings are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

from calculators import NAMES

# The shared modules, then every calculator and its view, from the registry: a new one is
# covered without being listed here.
MODULES = [
    "calculators",
    "calculators.money",
    "calculators.rates",
    "calculators.data.lpr",
    "calculators.missed",
    *(f"calculators.{name}" for name in NAMES),
    *(f"calculators.web.views.{name}" for name in NAMES),
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    failures, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failures == 0
