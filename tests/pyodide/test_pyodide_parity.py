"""The core's reference cases, every calculator's default and bad inputs, and the web view,
under real Pyodide (npm `pyodide`, in Node) with the site's wheel: byte-identical JSON to
CPython. The browser runs exactly this runtime and this wheel.
"""

from __future__ import annotations

import json
import re
import runpy
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

from calculators import NAMES, registry
from calculators.fields import Kind
from hooks.runtime import build_wheel

pytestmark = pytest.mark.node

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PYODIDE = ROOT / "node_modules" / "pyodide"
REFERENCE = ROOT / "tests" / "core" / "reference"
RUNNER = HERE / "parity_runner.py"

# What people really type, for every number field (kinds the field accepts or rejects).
TYPED = ("10万", "１２，０００", "4.9%", "-1", "abc", "", "1e3", "0.005")


def reference_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(REFERENCE.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for case in data.get("case", []):
            cases.append(
                {
                    "id": f"{path.stem}:{case['id']}",
                    "kind": "run",
                    "calculator": case["calculator"],
                    "inputs": case["inputs"],
                }
            )
        for case in data.get("irr", []):
            cases.append({"id": f"{path.stem}:{case['id']}", "kind": "irr", "flows": case["flows"]})
    return cases


def calculator_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for name in NAMES:
        cases.append({"id": f"{name}:defaults", "kind": "run", "calculator": name, "inputs": {}})
        cases.append({"id": f"{name}:web", "kind": "render", "calculator": name, "inputs": {}})
        # The Traditional edition: the catalog shipped in the wheel, applied under Pyodide.
        first = registry.get(name).fields[0].name
        for i, text in enumerate(("", "abc", "1萬")):
            cases.append(
                {
                    "id": f"{name}:web:zh-Hant:{i}",
                    "kind": "render",
                    "calculator": name,
                    "inputs": {first: text} if text else {},
                    "lang": "zh-Hant",
                }
            )
        for field in registry.get(name).fields:
            if field.kind not in (Kind.MONEY, Kind.RATE, Kind.INTEGER):
                continue
            for i, text in enumerate(TYPED):
                cases.append(
                    {
                        "id": f"{name}:{field.name}:{i}",
                        "kind": "run",
                        "calculator": name,
                        "inputs": {field.name: text},
                    }
                )
    cases.append({"id": "unknown", "kind": "run", "calculator": "nonesuch", "inputs": {}})
    return cases


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, Any]]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    assert (PYODIDE / "pyodide.mjs").is_file(), "npm ci has not installed pyodide (make setup)"
    tmp = tmp_path_factory.mktemp("parity")
    wheel = build_wheel(ROOT, tmp / "wheel")
    cases = reference_cases() + calculator_cases()
    cases_path = tmp / "cases.json"
    cases_path.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    run_cases = runpy.run_path(str(RUNNER))["run_cases"]
    expected = json.loads(run_cases(cases_path.read_text(encoding="utf-8")))
    proc = subprocess.run(
        [
            "node",
            str(HERE / "run_in_pyodide.mjs"),
            str(PYODIDE),
            str(wheel),
            str(RUNNER),
            str(cases_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    got: dict[str, Any] = json.loads(proc.stdout)
    assert len(expected) == len(cases)
    return expected, got


def test_runs_under_the_runtime_the_site_ships(both: tuple[dict[str, str], dict[str, Any]]) -> None:
    _, got = both
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    version, platform = got["python"].split()
    assert version == lock["info"]["python"]
    assert platform == "emscripten"


def test_every_case_is_byte_identical(both: tuple[dict[str, str], dict[str, Any]]) -> None:
    expected, got = both
    cases = got["cases"]
    assert sorted(cases) == sorted(expected)

    # A calendar's DTSTAMP is the moment it was made: the two runs are seconds apart.
    def made(text: str) -> str:
        return re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:-", text)

    differ = [case for case in expected if made(cases[case]) != made(expected[case])]
    if differ:
        first = differ[0]
        pytest.fail(
            f"{len(differ)} of {len(expected)} differ; first {first}:\n"
            f"CPython: {expected[first][:500]}\nPyodide: {cases[first][:500]}"
        )


def test_the_cases_cover_results_errors_and_the_web_view(
    both: tuple[dict[str, str], dict[str, Any]],
) -> None:
    expected, _ = both
    kinds = {"result": 0, "error": 0, "html": 0, "irr": 0}
    for text in expected.values():
        outcome = json.loads(text)
        for key in kinds:
            kinds[key] += key in outcome
    assert all(kinds.values()), kinds
    assert len(reference_cases()) >= 8  # the core's published cases are all here
