"""CONTRIBUTING.md's "add a calculator" recipe, followed to the letter in a throwaway copy.

A temporary copy of `calculators/` gets a calculator called `double` in exactly the files the
recipe names (its arithmetic, its view, one registry line); then, in a fresh interpreter
that imports the copy, `calculators.run` and `calculators.web.render` answer for it, bad
input comes back as an InputError, and the widget draws. The nav and the Markdown page are
the site's side, checked by tests/test_registry_lists.py for the real calculators.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECIPE = ROOT / "CONTRIBUTING.md"

ARITHMETIC = '''
"""Twice an amount: the smallest calculator there is."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from calculators.fields import Field, Kind
from calculators.money import fmt

TITLE = "加倍"

FIELDS: tuple[Field, ...] = (
    Field("amount", "金额", Kind.MONEY, "100", unit="元", minimum=Decimal(0)),
)


class Result(TypedDict):
    amount: str
    doubled: str


def calculate(amount: Decimal) -> Result:
    return {"amount": fmt(amount), "doubled": fmt(amount * 2)}
'''

VIEW = '''
"""加倍: the doubled amount."""

from __future__ import annotations

from calculators.double import Result
from calculators.web.blocks import Figure, View, figures


def view(result: Result) -> View:
    html = figures([Figure("doubled", "加倍以后", result["doubled"], main=True)])
    return View(html, f"加倍以后是 {result['doubled']} 元。")
'''

PROBE = """
import json
import calculators
from calculators.web import render
from calculators.web.widget import widget_html

out = {
    "file": calculators.__file__,
    "names": list(calculators.NAMES),
    "run": calculators.run("double", {"amount": "21.50"}),
    "render": render("double", {"amount": "1万"}),
    "bad": render("double", {"amount": "abc"}),
    "widget": widget_html("double", {}),
}
print(json.dumps(out, ensure_ascii=False))
"""


def _recipe_files() -> list[str]:
    """The files the recipe's calculator section tells a newcomer to touch."""
    text = RECIPE.read_text(encoding="utf-8")
    section = text.split("## Adding a calculator", 1)[1].split("\n## ", 1)[0]
    steps = "\n".join(line for line in section.splitlines() if re.match(r"^\d+\. |^   ", line))
    return re.findall(r"`((?:calculators/|docs/|mkdocs)[^`]*)`", steps)


def test_the_recipe_names_four_files_besides_the_page() -> None:
    files = set(_recipe_files())
    assert {
        "calculators/NAME.py",
        "calculators/web/views/NAME.py",
        "calculators/registry.py",
        "mkdocs.yml",
    } <= files
    # Nothing else: no JavaScript, no hook, no CSS, no list to extend by hand.
    assert files == {
        "calculators/NAME.py",
        "calculators/web/views/NAME.py",
        "calculators/registry.py",
        "mkdocs.yml",
    }


def test_a_throwaway_calculator_following_the_recipe(tmp_path: Path) -> None:
    package = tmp_path / "calculators"
    shutil.copytree(ROOT / "calculators", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "double.py").write_text(textwrap.dedent(ARITHMETIC), encoding="utf-8")
    (package / "web" / "views" / "double.py").write_text(textwrap.dedent(VIEW), encoding="utf-8")
    registry = package / "registry.py"
    text = registry.read_text(encoding="utf-8")
    names_end = text.index(")", text.index("NAMES: tuple[str, ...] = ("))
    registry.write_text(text[:names_end] + '    "double",\n' + text[names_end:], encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PYTHONSAFEPATH": "", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert Path(out["file"]).is_relative_to(tmp_path)  # the copy, not the installed package
    assert out["names"][-1] == "double"
    assert out["run"] == {"amount": "21.50", "doubled": "43.00"}
    assert out["render"]["ok"] and "20,000.00" in out["render"]["html"]
    assert out["render"]["summary"] == "加倍以后是 20000.00 元。"
    assert out["bad"] == {"ok": False, "field": "amount", "message": "金额请填数字，例如 100。"}
    assert 'data-calc="double"' in out["widget"] and 'name="amount"' in out["widget"]
