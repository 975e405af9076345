"""The calculator pages: front matter, the widget first, the agreed sections, and worked
examples whose numbers are exactly what the calculators give today.

If a calculator's arithmetic changes, the page's example must change with it: these tests
recompute every figure the pages quote, from the inputs and figures that the calculator's
EXAMPLE names (calculators/web/views/NAME.py).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from calculators import NAMES as ALL_NAMES
from calculators import registry, run
from calculators.web.format import yuan
from tests.result_paths import resolve as get

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = DOCS / "calculators"
SECTIONS = ("reading", "formula", "example", "pitfalls", "related")
# The calculators with a page of their own under calculators/ (letters have theirs elsewhere).
NAMES = [n for n in ALL_NAMES if (PAGES / f"{n}.md").is_file()]


def page(name: str) -> str:
    return (PAGES / f"{name}.md").read_text(encoding="utf-8")


def front_matter(text: str) -> dict[str, str]:
    match = re.match(r"^---\n(.*?)\n---\n", text, flags=re.S)
    assert match, "front matter first"
    out = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def ways_to_write(value: Any) -> list[str]:
    """How a page may quote a result's value: an amount in yuan (with or without its fen when
    they are .00), a percentage, a number of months or the month it happens in, a count of
    kinds (练习里还没练过的 17 种情况)."""
    text = str(value)
    return [
        f"{yuan(text)} 元",
        f"{yuan(text.removesuffix('.00'))} 元",
        f"{text}%",
        f"{text} 个月",
        f"第 {text} 个月",
        f"{text} 种",
    ]


def quotes(section: str, value: Any) -> bool:
    """Whether `section` writes `value` in one of the ways a page does, as a whole number
    (not the tail of a longer one: 14 个月 is not in 214 个月)."""
    return any(re.search(rf"(?<![\d,.]){re.escape(way)}", section) for way in ways_to_write(value))


@pytest.mark.parametrize("name", ["index", *NAMES])
def test_front_matter(name: str) -> None:
    meta = front_matter(page(name))
    assert meta["title"] and meta["description"]
    # Reviewed on a real day, not in the future (the pages were checked on different days).
    assert dt.date(2026, 11, 21) <= dt.date.fromisoformat(str(meta["reviewed"])) <= dt.date.today()
    assert meta["description"].endswith("。")


@pytest.mark.parametrize("name", NAMES)
def test_widget_first_then_the_sections(name: str) -> None:
    text = page(name)
    assert text.count(f"<!-- calc:{name} -->") == 1
    assert text.index(f"<!-- calc:{name} -->") < text.index("\n## ")
    for anchor in SECTIONS:
        assert f"{{ #{anchor} }}" in text, anchor
    assert "## 怎么看结果 { #reading }" in text
    for heading in re.findall(r"^#{1,4} .*$", text, flags=re.M):
        assert re.search(r"\{ #[a-z0-9-]+ \}$", heading), heading


@pytest.mark.parametrize("name", NAMES)
def test_worked_example_is_what_the_calculator_gives(name: str) -> None:
    """The page's worked example quotes the figures its calculator's EXAMPLE names
    (calculators/web/views/NAME.py), as `run` gives them on the example's inputs."""
    example = registry.get(name).example
    assert example is not None, f"calculators/web/views/{name}.py needs an EXAMPLE"
    result = run(name, example.inputs)
    section = page(name).split("{ #example }", 1)[1].split("\n## ", 1)[0]
    assert example.quoted
    for path in example.quoted:
        value = get(result, path)
        assert quotes(section, value), f"{name}: {path} = {value} is not in the worked example"


def test_a_page_that_quotes_another_number_fails() -> None:
    section = "每月还 2,496.21 元，共 24 个月，第 8 个月还清，年化 18.00%。"
    for value in ("2496.21", 24, 8, "18.00"):
        assert quotes(section, value)
    for value in ("2496.20", 4, "8.00", "1"):
        assert not quotes(section, value)


def test_index_lists_every_calculator() -> None:
    # The table is drawn from the registry (tests/test_registry_lists.py checks each PURPOSE).
    assert "<!-- calculators:table -->" in page("index")


@pytest.mark.parametrize("name", ["index", *NAMES])
def test_relative_links_point_at_pages(name: str) -> None:
    for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[\w-]+)?\)", page(name)):
        assert (PAGES / target).resolve().is_file(), target


@pytest.mark.parametrize("name", ["index", *NAMES])
def test_anchors_exist_in_the_linked_page(name: str) -> None:
    for target, anchor in re.findall(r"\]\(([^)#\s]*\.md)?#([\w-]+)\)", page(name)):
        path = (PAGES / target).resolve() if target else PAGES / f"{name}.md"
        assert f"{{ #{anchor} }}" in path.read_text(encoding="utf-8"), f"{target}#{anchor}"
