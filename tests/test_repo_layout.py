"""How the repository is laid out: no Python file in calculators/ or hooks/ and no JavaScript
file of the site (docs/assets/, hooks/) over 400 lines (issues 11 and 21: one job per file,
one calculator in two modules of its own), and test files with names of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    [p for d in ("calculators", "hooks") for p in (ROOT / d).rglob("*.py")]
    + [*(ROOT / "docs" / "assets").rglob("*.js"), *(ROOT / "docs" / "assets").rglob("*.mjs")]
    + [*(ROOT / "hooks").glob("*.js"), *(ROOT / "hooks").glob("*.mjs")]
)


def test_the_javascript_is_covered() -> None:
    names = {p.name for p in FILES}
    assert {"bridge.js", "worker.js", "widget.js", "sw.js", "compile_stdlib.mjs"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_at_most_400_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{path.relative_to(ROOT)} has {lines} lines: split it by job"


def test_test_files_have_unique_names() -> None:
    """pytest imports test files by their base name (no packages under tests/): two files
    called test_x.py in different folders stop the whole run at collection."""
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
