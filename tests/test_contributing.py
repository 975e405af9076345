"""CONTRIBUTING.md's "add a calculator" recipe, followed in a copy of the repository.

The copy gets a throwaway calculator, `double`, in exactly the files the recipe's numbered
steps name (and no other), and the repository's own checks run on it there: the registry
lists, the guide's rules, the page tests (its worked example against its EXAMPLE), the
object's tests and its browser trial, the result codes, and for `double` alone the fuzz tests
of the arithmetic and the view, the widget's tests, the Traditional catalog and the doctests.
Each file is needed, too: the copy without any one of them fails a check.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECIPE = ROOT / "CONTRIBUTING.md"
NAME = "double"

ARITHMETIC = '''
"""加倍: an amount times a whole number, the smallest calculator there is.

>>> calculate(amount=Decimal("21.50"), times=2)["total"]
'43.00'
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from calculators.fields import Field, Kind
from calculators.money import fmt

TITLE = "加倍"

FIELDS: tuple[Field, ...] = (
    Field("amount", "金额", Kind.MONEY, "100", unit="元", minimum=Decimal(0)),
    Field("times", "倍数", Kind.INTEGER, "2", unit="倍", minimum=Decimal(1), maximum=Decimal(9)),
)


class Result(TypedDict):
    amount: str
    times: int
    total: str


def calculate(amount: Decimal, times: int) -> Result:
    return {"amount": fmt(amount), "times": times, "total": fmt(amount * times)}
'''

VIEW = '''
"""加倍: the total."""

from __future__ import annotations

from calculators.double import Result
from calculators.registry import Example
from calculators.web.blocks import Figure, View, figures

PURPOSE = "想知道一笔钱翻几倍以后是多少。"
EXAMPLE = Example(inputs={"amount": "21.50", "times": "2"}, quoted=("total",))


def view(result: Result) -> View:
    html = figures([Figure("total", "加倍以后", result["total"], main=True)])
    return View(html, f"加倍以后是 {result['total']} 元。")
'''

PAGE = """---
title: 加倍计算器
description: 一笔钱翻几倍以后是多少。
reviewed: 2026-11-21
---

# 加倍 { #double }

填一笔钱和倍数，看翻倍以后是多少。

<!-- calc:double -->

## 怎么看结果 { #reading }

“加倍以后”就是金额乘以倍数。

## 怎么算的 { #formula }

加倍以后 = 金额 × 倍数。

### 算例 { #example }

21.50 元的 2 倍是 **43.00 元**。

## 常见误区 { #pitfalls }

倍数只能是整数。

## 相关页面 { #related }

- [还款能力](budget.md)
"""


def _write(copy: Path, rel: str, text: str) -> None:
    (copy / rel).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def _registry(copy: Path) -> None:
    path = copy / "calculators" / "registry.py"
    text = path.read_text(encoding="utf-8")
    end = text.index(")", text.index("NAMES: tuple[str, ...] = ("))
    path.write_text(text[:end] + f'    "{NAME}",\n' + text[end:], encoding="utf-8")


def _nav(copy: Path) -> None:
    path = copy / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    last = text.index("\n", text.index("      - 协商分配: calculators/allocate.md"))
    path.write_text(text[:last] + f"\n      - 加倍: calculators/{NAME}.md" + text[last:])


def _guide_link(copy: Path) -> None:
    with (copy / "docs" / "guide" / "prepare.md").open("a", encoding="utf-8") as page:
        page.write(f"\n想算一笔钱翻几倍是多少，可以用[加倍计算器](../calculators/{NAME}.md)。\n")


# Each file of the recipe, and how the throwaway calculator is written into it.
WRITERS: dict[str, Callable[[Path], None]] = {
    "calculators/NAME.py": lambda c: _write(c, f"calculators/{NAME}.py", ARITHMETIC),
    "calculators/web/views/NAME.py": lambda c: _write(c, f"calculators/web/views/{NAME}.py", VIEW),
    "calculators/registry.py": _registry,
    "docs/calculators/NAME.md": lambda c: _write(c, f"docs/calculators/{NAME}.md", PAGE),
    "mkdocs.yml": _nav,
    "docs/guide/PAGE.md": _guide_link,
}

# The repository's checks: whole files, and files run for the new calculator alone.
WHOLE = (
    "tests/test_registry_lists.py",
    "tests/test_guide.py",
    "tests/web/test_web_pages.py",
    "tests/web/test_spec.py",
    "tests/core/test_result_codes.py",
)
FOR_IT = (
    "tests/core/test_core_fuzz.py",
    "tests/core/test_core_doctests.py",
    "tests/web/test_web_results.py",
    "tests/hooks/test_widget_html.py",
    "tests/traditional/test_catalog.py",
)


def recipe_files() -> list[str]:
    """The files the recipe's numbered steps name, in order."""
    text = RECIPE.read_text(encoding="utf-8")
    section = text.split("## Adding a calculator", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"^\d+\. `([^`]+)`", section, flags=re.M)
    return steps


def checks(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest in `copy`, on its own package (the copy's root is first on sys.path)."""
    env = {**os.environ, "HYPOTHESIS_PROFILE": "dev", "PYTHONPATH": str(copy)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def copy_of_the_repository(dest: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in listed.split("\0"):
        if rel and (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    return dest


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository with the throwaway calculator in every file of the recipe."""
    copy = copy_of_the_repository(tmp_path_factory.mktemp("repository"))
    for write in WRITERS.values():
        write(copy)
    return copy


def test_the_recipe_names_every_file_the_throwaway_calculator_is_written_in() -> None:
    assert recipe_files() == list(WRITERS)


def test_the_repository_s_checks_pass_on_a_new_calculator(repository: Path) -> None:
    whole = checks(repository, *WHOLE)
    assert whole.returncode == 0, whole.stdout[-4000:] + whole.stderr[-2000:]
    alone = checks(repository, *FOR_IT, "-k", NAME)
    assert alone.returncode == 0, alone.stdout[-4000:] + alone.stderr[-2000:]
    ran = re.search(r"(\d+) passed", alone.stdout)
    assert ran and int(ran[1]) >= 10, alone.stdout[-2000:]  # each file above tests it


# Each file of the recipe left out (the others written as above), and the check that then fails.
SPEC = "tests/web/test_spec.py::test_one_object_per_calculator_with_everything_about_it"
LISTS = "tests/test_registry_lists.py::test_every_"
LEFT_OUT = {
    "calculators/NAME.py": SPEC,
    "calculators/web/views/NAME.py": SPEC,
    "calculators/registry.py": LISTS + "widget_on_a_page_is_a_registered_calculator",
    "docs/calculators/NAME.md": LISTS + "calculator_has_a_page_in_the_nav",
    "mkdocs.yml": LISTS + "calculator_has_a_page_in_the_nav",
    "docs/guide/PAGE.md": "tests/test_guide.py::test_every_calculator_is_linked_from_the_guide",
}


@pytest.mark.slow  # one more run of a check in a copy of the repository for each file
@pytest.mark.parametrize(("left_out", "check"), LEFT_OUT.items())
def test_each_file_of_the_recipe_is_needed(tmp_path: Path, left_out: str, check: str) -> None:
    assert set(LEFT_OUT) == set(WRITERS)
    copy = copy_of_the_repository(tmp_path)
    for rel, write in WRITERS.items():
        if rel != left_out:
            write(copy)
    done = checks(copy, check)
    assert done.returncode == 1 and "1 failed" in done.stdout, done.stdout[-3000:]
