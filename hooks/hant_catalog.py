"""The calculators' Traditional catalog, generated from the package's own string literals.

Not a hook (mkdocs.yml does not list it): hooks/traditional.py's `on_config` calls
`write_catalog()` in the Simplified build, before hooks/runtime.py builds the wheel.

The calculators speak Traditional through calculators/web/hant.json, made here from every
Chinese string literal in calculators/ (an AST walk, f-string parts included) with the
zh-Hant converter (hooks/hant_convert.py), and from every string of the package's JSON data
(calculators/data/*.json, the call script), so the browser needs no converter:
`calculators.web.render(name, inputs, "zh-Hant")` converts its output with it
(calculators/web/hant.py).

Where the catalog lives: beside calculators/web/hant.py, git-ignored (.gitignore), shipped in
the wheel as a hatchling artifact (pyproject.toml), written only when its content changes.
It stays there rather than moving to the build cache because the one reader is the package,
and beside its module is where the package finds it in every place it runs, with no
configuration: the build's CPython prerendering (hooks/shortcodes.py), the tests, the
command line and Pyodide (from the wheel) all read `Path(hant.__file__).with_name(...)`.
Moving it would mean a second way to locate it in the package (an environment variable or
a setter the hooks call) and a wheel assembled by hand instead of by the build backend.
What a fresh clone's first build leaves in the source tree is one ignored file, like
build/ and site/. The package does not need it: it imports, and renders zh-Hans, without it;
only a zh-Hant answer asks for it, and then raises a RuntimeError that says how to make it
(tests/traditional/test_catalog.py checks both in a copy of the package without the file).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.hant_catalog
    from hooks.hant_convert import HAN_RUN, OPENCC_CONFIG, converter, load_exceptions
else:  # MkDocs, ProperDocs: imported by a hook loaded by path, hooks/ on sys.path
    from hant_convert import HAN_RUN, OPENCC_CONFIG, converter, load_exceptions

PACKAGE = "calculators"
CATALOG = Path(PACKAGE) / "web" / "hant.json"  # inside the project; git-ignored, in the wheel
ROOT = Path(__file__).resolve().parent.parent


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                found.add(id(body[0].value))
    return found


def literal_pieces(source: str) -> list[str]:
    """Every string literal of a module that contains Han characters, docstrings excepted.

    An f-string counts by its constant parts: f"第 {n} 期" gives "第 " and " 期".

    >>> literal_pieces('X = f"第 {n} 期"  # 注释\\nY = "ok"')
    ['第 ', ' 期']
    """
    tree = ast.parse(source)
    skip = _docstrings(tree)
    pieces = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and HAN_RUN.search(node.value)
        ):
            pieces.append(node.value)
    return pieces


def data_pieces(package_dir: Path) -> list[str]:
    """Every string with Han characters in the package's JSON data (calculators/data/*.json:
    the call script), which the calculators print as they print their literals.

    >>> any("发给" in piece for piece in data_pieces(ROOT / PACKAGE))
    True
    """
    pieces: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str) and HAN_RUN.search(value):
            pieces.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for path in sorted((package_dir / "data").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return pieces


def package_sources(package_dir: Path) -> list[Path]:
    return sorted(p for p in package_dir.rglob("*.py") if "__pycache__" not in p.parts)


def parser_characters(package_dir: Path) -> set[str]:
    """Han characters the input parser itself reads (万, 亿, 块, 个, 对 ...), from money.py."""
    pieces = literal_pieces((package_dir / "money.py").read_text(encoding="utf-8"))
    return {char for piece in pieces for run in HAN_RUN.findall(piece) for char in run}


def fallback_characters() -> list[str]:
    """Characters for text the catalog has not seen (what people type): all of GB 2312's
    Han characters, the set every Simplified input method covers."""
    chars = []
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        chars.append(char)
    return chars


def build_catalog(package_dir: Path, convert: Callable[[str], str]) -> dict[str, Any]:
    """The catalog that calculators/web/hant.py applies (JSON-serialisable).

    - ``phrases``: every run of Han characters in every literal of the package and every
      string of its JSON data (the call script, `data_pieces`), converted
      as a phrase (so 若干 stays 若干, where the character table alone would give 若幹),
      and the reviewed exceptions;
    - ``chars``: single characters, for text no literal contains (names people type), as two
      strings of equal length, Simplified and Traditional;
    - ``input``: the Traditional forms of the characters the input parser reads, mapped back
      (萬 -> 万), so "10萬" typed on a Traditional page parses as "10万" does.
    """
    runs: set[str] = set()
    for path in package_sources(package_dir):
        for piece in literal_pieces(path.read_text(encoding="utf-8")):
            runs.update(HAN_RUN.findall(piece))
    for piece in data_pieces(package_dir):
        runs.update(HAN_RUN.findall(piece))
    # The exceptions are phrases too: names people type into the debt list (借呗, 网商贷)
    # come out as reviewed.
    sections = load_exceptions()
    named = {**sections["fix"], **sections["pinned"]}
    runs.update(k for k in named if HAN_RUN.fullmatch(k))
    phrases = {run: convert(run) for run in sorted(runs)}
    bad = {k: v for k, v in phrases.items() if len(v) != len(k)}
    if bad:
        raise PluginError(f"conversion changed the length of {bad}; the catalog needs 1:1")
    simplified, traditional = [], []
    for char in fallback_characters():
        target = convert(char)
        if target != char and len(target) == 1:
            simplified.append(char)
            traditional.append(target)
    input_forms = {}
    for char in sorted(parser_characters(package_dir)):
        target = convert(char)
        if target != char:
            input_forms[target] = char
    return {
        "about": (
            "Generated by hooks/traditional.py from the string literals of calculators/ "
            f"with OpenCC {OPENCC_CONFIG} and hooks/hant-exceptions.toml; do not edit."
        ),
        "opencc": OPENCC_CONFIG,
        "phrases": phrases,
        "chars": {"from": "".join(simplified), "to": "".join(traditional)},
        "input": input_forms,
    }


def catalog_text(catalog: Mapping[str, Any]) -> str:
    return json.dumps(catalog, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def write_catalog(project_root: Path = ROOT) -> bool:
    """(Re)generate calculators/web/hant.json; True when its content changed.

    Written only on change, so its modification time (and the wheel's hash) move only when
    a literal does, and `mkdocs serve`, which watches calculators/, does not loop.
    """
    target = project_root / CATALOG
    text = catalog_text(build_catalog(project_root / PACKAGE, converter()))
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True
