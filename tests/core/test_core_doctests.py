"""The worked examples in the core's docstrings are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "calculators",
    "calculators.money",
    "calculators.rates",
    "calculators.schedule",
    "calculators.apr",
    "calculators.overdue",
    "calculators.negotiate",
    "calculators.payoff",
    "calculators.budget",
    "calculators.emergency",
    "calculators.data.lpr",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    failures, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failures == 0
