"""The trimmed standard library the site ships (hooks/runtime.py, hooks/stdlib_keep.txt), under
real Pyodide in Node booted the way the worker boots (lock file, `packages`, `stdLibURL`):
every calculator and view gives the same JSON with it as with Pyodide's stock zip, the keep
list is exactly what they load, and a zip missing a module they need fails.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from stdlib_keep import PYODIDE, members_for, run_probe, site_runtime

from calculators import NAMES
from calculators.web import hant
from hooks.runtime import STDLIB, stdlib_keep, trim_stdlib

pytestmark = pytest.mark.node


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(runtime directory, app directory, trimmed zip) laid out as in the built site."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    assert (PYODIDE / "pyodide.mjs").is_file(), "npm ci has not installed pyodide (make setup)"
    runtime_dir, app_dir = site_runtime(tmp_path_factory.mktemp("stdlib"))
    trimmed = trim_stdlib(PYODIDE / STDLIB, stdlib_keep(), runtime_dir)
    return runtime_dir, app_dir, trimmed


@pytest.fixture(scope="module")
def stock(runtime: tuple[Path, Path, Path]) -> dict[str, Any]:
    runtime_dir, app_dir, _ = runtime
    return run_probe(runtime_dir, app_dir)


@pytest.fixture(scope="module")
def trimmed(runtime: tuple[Path, Path, Path]) -> dict[str, Any]:
    runtime_dir, app_dir, zip_path = runtime
    return run_probe(runtime_dir, app_dir, zip_path)


def test_the_probe_covers_every_calculator_in_both_scripts(stock: dict[str, Any]) -> None:
    renders = stock["renders"]
    for lang in hant.LANGS:
        for name in NAMES:
            assert '"ok": true' in renders[f"{name}:{lang}"], (name, lang)
            assert f"{name}:{lang}:bad" in renders
        assert '"ok": true' in renders[f"workbook:{lang}"]
        assert '"ok": false' in renders[f"workbook:{lang}:bad"]
        assert ".ics" in renders[f"allocate:{lang}:calendar"]
    assert renders["unknown"] == "KeyError: 'nonesuch'"
    assert sum('"ok": false' in text for text in renders.values()) >= len(NAMES)


def test_every_answer_is_the_same_with_the_trimmed_zip(
    stock: dict[str, Any], trimmed: dict[str, Any]
) -> None:
    assert trimmed["python"] == stock["python"]
    assert sorted(trimmed["renders"]) == sorted(stock["renders"])

    # The calendar's DTSTAMP is the time it was made: the two runs are seconds apart.
    def same(key: str) -> bool:
        a, b = (
            re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP", r["renders"][key]) for r in (stock, trimmed)
        )
        return a == b

    differ = [key for key in stock["renders"] if not same(key)]
    assert not differ, f"{len(differ)} differ, first {differ[0]}"


def test_the_keep_list_is_what_the_calculators_load(stock: dict[str, Any]) -> None:
    with zipfile.ZipFile(PYODIDE / STDLIB) as archive:
        names = set(archive.namelist())
    needed = set(members_for(stock["files"], names))
    keep = set(stdlib_keep())
    fix = "regenerate it: python tests/pyodide/stdlib_keep.py"
    assert not needed - keep, f"hooks/stdlib_keep.txt lacks {sorted(needed - keep)}; {fix}"
    assert not keep - needed, (
        f"hooks/stdlib_keep.txt needlessly keeps {sorted(keep - needed)}; {fix}"
    )


def test_a_zip_without_a_module_the_calculators_need_fails(
    runtime: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    runtime_dir, app_dir, _ = runtime
    keep = [name for name in stdlib_keep() if name != "calendar.py"]  # calculators.ics
    short = trim_stdlib(PYODIDE / STDLIB, keep, tmp_path)
    with pytest.raises(RuntimeError, match="No module named 'calendar'"):
        run_probe(runtime_dir, app_dir, short)
