"""Result codes are `Literal` types, so mypy (--strict, which checks equality between types
that cannot overlap) refuses a view's comparison with a code that does not exist: a view that
tests `result["method"] == "bulet"` fails `make typecheck` instead of never matching."""

from __future__ import annotations

import ast
import importlib
import re
import textwrap
import types
import typing
from pathlib import Path
from typing import Any

from mypy import api

from calculators import NAMES
from calculators.schedule import Method, MethodCode

ROOT = Path(__file__).resolve().parents[2]
VIEWS = ROOT / "calculators" / "web" / "views"


def _codes(hint: Any) -> tuple[str, ...]:
    """The strings of a Literal (or of a Literal | None); () for any other type."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return tuple(c for arg in typing.get_args(hint) for c in _codes(arg))
    if typing.get_origin(hint) is typing.Literal:
        return tuple(str(c) for c in typing.get_args(hint))
    return ()


def coded_fields() -> dict[tuple[str, str], tuple[str, ...]]:
    """(calculator, field of its Result) -> the codes that field may hold."""
    found = {}
    for name in NAMES:
        result = importlib.import_module(f"calculators.{name}").Result
        for field, hint in typing.get_type_hints(result).items():
            if codes := _codes(hint):
                found[(name, field)] = codes
    return found


def compared_in_views() -> set[tuple[str, str]]:
    """(calculator, result field) for every comparison of a result field with a word in a
    view (not with an amount such as "0.00"): `result["x"] == "..."`, or through a name
    assigned `result["x"]` first."""
    found = set()
    for name in NAMES:
        tree = ast.parse((VIEWS / f"{name}.py").read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef):
                found.update((name, field) for field in _compared(function))
    return found


def _compared(function: ast.FunctionDef) -> set[str]:
    aliases = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and (field := _result_field(node.value)):
            aliases.update({t.id: field for t in node.targets if isinstance(t, ast.Name)})
    fields = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Compare) or not all(
            isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops
        ):
            continue
        sides = [node.left, *node.comparators]
        if any(_is_word(s) for s in sides):
            for side in sides:
                field = _result_field(side) or (isinstance(side, ast.Name) and aliases.get(side.id))
                if field:
                    fields.add(field)
    return fields


def _is_word(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and not re.fullmatch(r"-?[\d.]+", node.value)
    )


def _result_field(node: ast.AST) -> str | None:
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == "result"
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, str)
    ):
        return node.slice.value
    return None


def test_every_code_a_view_compares_is_a_literal() -> None:
    coded = coded_fields()
    compared = compared_in_views()
    assert ("schedule", "method") in compared and ("apr", "mode") in compared  # the scan works
    for name, field in sorted(compared):
        assert (name, field) in coded, f"calculators/{name}.py: Result[{field!r}] needs a Literal"


def test_the_method_codes_are_the_method_values() -> None:
    assert typing.get_args(MethodCode) == tuple(m.value for m in Method)


def test_mypy_refuses_a_comparison_with_a_code_that_does_not_exist(tmp_path: Path) -> None:
    coded = coded_fields()
    assert len(coded) >= 10
    items = sorted(coded.items())
    lines = [
        f"from calculators.{name} import Result as R{i}" for i, ((name, _), _) in enumerate(items)
    ]
    lines.append("def check(" + ", ".join(f"r{i}: R{i}" for i in range(len(items))) + ") -> None:")
    wrong = []
    for i, ((_, field), codes) in enumerate(items):
        lines.append(f"    print(r{i}[{field!r}] == {codes[0]!r})")
        lines.append(f"    print(r{i}[{field!r}] == {codes[0] + 'x'!r})")
        wrong.append(len(lines))
    probe = tmp_path / "probe.py"
    probe.write_text(textwrap.dedent("\n".join(lines)) + "\n", encoding="utf-8")
    out, _, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(probe)]
    )
    reported = sorted(
        int(line.split(":")[1]) for line in out.splitlines() if "[comparison-overlap]" in line
    )
    assert status == 1 and reported == wrong, out
