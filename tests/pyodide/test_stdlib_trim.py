"""The standard library the site ships (hooks/runtime.py, hooks/stdlib_keep.txt,
hooks/compile_stdlib.mjs), under real Pyodide in Node booted the way the worker boots (lock
file, `packages`, `stdLibURL`): every calculator and view gives the same JSON with the trimmed
zip, and with the trimmed zip compiled to bytecode, as with Pyodide's stock zip; the compiled
one is really loaded as bytecode; the keep list is exactly what they load; and a zip missing a
module they need fails.
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
from hooks.stdlib import STDLIB, compile_stdlib, compiled_stdlib_name, stdlib_keep, trim_stdlib

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
def compiled_zip(runtime: tuple[Path, Path, Path]) -> Path:
    """The zip the site ships: the trimmed one compiled to bytecode, as the build makes it."""
    runtime_dir, _, trimmed = runtime
    return compile_stdlib(trimmed, PYODIDE, runtime_dir / compiled_stdlib_name(stdlib_keep()))


@pytest.fixture(scope="module")
def compiled(runtime: tuple[Path, Path, Path], compiled_zip: Path) -> dict[str, Any]:
    runtime_dir, app_dir, _ = runtime
    return run_probe(runtime_dir, app_dir, compiled_zip)


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


def assert_same_answers(stock: dict[str, Any], other: dict[str, Any]) -> None:
    assert other["python"] == stock["python"]
    assert sorted(other["renders"]) == sorted(stock["renders"])

    # The calendar's DTSTAMP is the time it was made: the two runs are seconds apart.
    def same(key: str) -> bool:
        a, b = (
            re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP", r["renders"][key]) for r in (stock, other)
        )
        return a == b

    differ = [key for key in stock["renders"] if not same(key)]
    assert not differ, f"{len(differ)} differ, first {differ[0]}"


def test_every_answer_is_the_same_with_the_trimmed_zip(
    stock: dict[str, Any], trimmed: dict[str, Any]
) -> None:
    assert_same_answers(stock, trimmed)


def test_every_answer_is_the_same_with_the_compiled_zip_the_site_ships(
    stock: dict[str, Any], compiled: dict[str, Any]
) -> None:
    assert_same_answers(stock, compiled)


def test_the_compiled_zip_is_bytecode_and_loaded_as_bytecode(
    runtime: tuple[Path, Path, Path], compiled_zip: Path, compiled: dict[str, Any]
) -> None:
    _, _, trimmed = runtime
    with zipfile.ZipFile(trimmed) as src, zipfile.ZipFile(compiled_zip) as dst:
        expected = [n[:-3] + ".pyc" if n.endswith(".py") else n for n in src.namelist()]
        assert dst.namelist() == expected
        assert dst.testzip() is None
        # PEP 552: flags 0b01 = hash-based, unchecked (no source to compare with)
        assert all(dst.read(n)[4:8] == b"\x01\x00\x00\x00" for n in expected if n.endswith(".pyc"))
    # The standard-library modules came from the zip's bytecode. The few whose __file__ still
    # ends in .py are frozen into the runtime (abc, codecs, ...): the zip has no source at all.
    files = [f for f in compiled["files"] if ".zip/" in f]
    from_bytecode = [f for f in files if f.endswith(".pyc")]
    assert len(from_bytecode) > 100
    assert len(files) - len(from_bytecode) < 20, [f for f in files if not f.endswith(".pyc")]


def test_compiling_gives_the_same_bytes_every_build(
    runtime: tuple[Path, Path, Path], compiled_zip: Path, tmp_path: Path
) -> None:
    _, _, trimmed = runtime
    again = compile_stdlib(trimmed, PYODIDE, tmp_path / compiled_zip.name)
    assert again.read_bytes() == compiled_zip.read_bytes()


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
