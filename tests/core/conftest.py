"""Reference cases for the calculation core, kept as data files with their sources.

Every `reference/*.toml` holds `[[case]]` tables (a calculator's inputs and expected
outputs) and `[[irr]]` tables (cash flows and their IRR). Each must cite a `source`; tests
compare the values exactly, as strings.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

REFERENCE = Path(__file__).parent / "reference"


def _load(kind: str) -> list[Any]:
    params = []
    for path in sorted(REFERENCE.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for case in data.get(kind, []):
            assert case.get("source"), f"{path.name}: case {case.get('id')} has no source"
            params.append(pytest.param(case, id=case["id"]))
    return params


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "reference_case" in metafunc.fixturenames:
        metafunc.parametrize("reference_case", _load("case"))
    if "irr_case" in metafunc.fixturenames:
        metafunc.parametrize("irr_case", _load("irr"))
