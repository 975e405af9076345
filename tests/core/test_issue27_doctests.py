"""The worked examples in the docstrings of issue 27's modules, which the registry does not list
yet (tests/core/test_core_doctests.py covers the registered calculators)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "calculators.calltree",
    "calculators.rehearsal",
    "calculators.callcard",
    "calculators.aftercall",
    "calculators.agreement",
    "calculators.agreement_data",
    "calculators.agreement_status",
    "calculators.case_agreements",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    failures, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failures == 0
