"""A calculator is an object (calculators/registry.py): found once per answer, passed on, its
`prepare` run once, its view imported only when asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import calculators.apr
from calculators import NAMES, registry, run
from calculators.web import render, render_json
from calculators.web.widget import widget_html
from tests.calculator_trials import trial

ROOT = Path(__file__).resolve().parents[2]
WITH_PAGES = [n for n in NAMES if (ROOT / "docs" / "calculators" / f"{n}.md").is_file()]


class Counts:
    def __init__(self) -> None:
        self.lookups: list[str] = []
        self.prepared: list[dict[str, str]] = []


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counts]:
    """Every lookup of a calculator by name, and every call of apr's `prepare`."""
    seen = Counts()
    real_get, real_prepare = registry.get, calculators.apr.prepare

    def get(name: str) -> registry.Calculator:
        seen.lookups.append(name)
        return real_get(name)

    def prepare(raw: Mapping[str, str]) -> dict[str, str]:
        seen.prepared.append(dict(raw))
        return real_prepare(raw)

    monkeypatch.setattr(registry, "get", get)
    monkeypatch.setattr(calculators.apr, "prepare", prepare)
    cached = getattr(registry, "_load", None)
    if cached is not None:  # made again with the counting prepare, and again afterwards
        cached.cache_clear()
    yield seen
    if cached is not None:
        cached.cache_clear()


def test_a_widget_finds_its_calculator_once_and_prepares_once(counts: Counts) -> None:
    html = widget_html("apr", {"monthly_fee_rate": "0.8"})
    assert 'data-calc="apr"' in html
    assert counts.lookups == ["apr"]
    assert len(counts.prepared) == 1


def test_an_answer_finds_its_calculator_once_and_prepares_once(counts: Counts) -> None:
    answer = json.loads(render_json("apr", json.dumps({"monthly_fee_rate": "0.8"})))
    assert answer["ok"] and answer["inputs"]["mode"] == "fee"
    assert counts.lookups == ["apr"]
    assert len(counts.prepared) == 1
    assert counts.prepared[0] == {"monthly_fee_rate": "0.8"}  # what was typed, before defaults


def test_the_object_is_passed_on_not_looked_up_again(counts: Counts) -> None:
    calc = registry.find("apr")
    counts.lookups.clear()
    assert render(calc, {})["ok"]
    assert run(calc, {})["mode"] == "payment"
    assert 'data-calc="apr"' in widget_html(calc, {})
    assert counts.lookups == []


def test_one_object_per_calculator_with_everything_about_it() -> None:
    for name in NAMES:
        calc = registry.get(name)
        assert registry.get(name) is calc and registry.find(calc) is calc
        assert calc.name == name and calc.title and calc.fields
        assert callable(calc.calculate) and callable(calc.view)
        assert (calc.key is None) == (calc.calculate_key is None), name
        assert (calc.example is not None) == (name in WITH_PAGES), name
    with pytest.raises(KeyError):
        registry.get("nope")


def test_the_arithmetic_alone_imports_no_view() -> None:
    probe = """
import json, sys
import calculators
calculators.run("schedule", {})
before = sorted(m for m in sys.modules if m.startswith("calculators.web"))
from calculators import registry
registry.get("schedule").view
after = sorted(m for m in sys.modules if m.startswith("calculators.web.views."))
print(json.dumps([before, after]))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    before, after = json.loads(done.stdout)
    assert before == []
    assert after == ["calculators.web.views.schedule"]


@pytest.mark.parametrize("name", WITH_PAGES)
def test_each_page_has_a_browser_trial(name: str) -> None:
    """tests/browser/test_calculator_pages.py shares, changes and breaks these inputs."""
    calc = registry.get(name)
    steps = trial(calc)
    assert steps.shared and steps.change and not set(steps.shared) & set(steps.change)
    defaults = run(calc, {})
    shared = run(calc, steps.shared)
    assert shared != defaults
    assert run(calc, {**steps.shared, **steps.change}) != shared
    field, value = steps.bad
    with pytest.raises(calculators.InputError) as err:
        run(calc, {**steps.shared, **steps.change, field: value})
    assert err.value.field == field
