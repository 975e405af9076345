"""Lists of calculators outside the registry are derived from it, or checked against it.

The registry (`calculators.registry.NAMES`) and the nav are the only places that spell the
calculators out; the overview page's table and its nav entries must name every one, so a
forgotten entry fails here instead of being skipped silently.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from calculators import NAMES

ROOT = Path(__file__).resolve().parent.parent


def _nav_pages(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for item in node for page in _nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _nav_pages(value)]
    return []


def _mkdocs_nav() -> list[str]:
    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !ENV; its value does not matter here.
    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return _nav_pages(config["nav"])


def _widget_pages() -> dict[str, str]:
    """calculator name -> the nav page (docs-relative) that holds its widget."""
    found: dict[str, str] = {}
    for page in _mkdocs_nav():
        path = ROOT / "docs" / page
        if path.suffix != ".md" or not path.exists():
            continue
        for name in re.findall(r"<!-- calc:([A-Za-z0-9_-]+) -->", path.read_text(encoding="utf-8")):
            found.setdefault(name, page)
    return found


def test_every_calculator_has_a_page_in_the_nav() -> None:
    pages = _widget_pages()
    missing = [n for n in NAMES if n not in pages]
    assert not missing, f"no page in mkdocs.yml's nav holds the widget of: {missing}"


def test_every_widget_on_a_page_is_a_registered_calculator() -> None:
    """A page's <!-- calc:NAME --> stops the build unless NAME is in the registry; this says
    so without a build."""
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for name in re.findall(r"<!-- calc:([A-Za-z0-9_-]+) -->", page.read_text(encoding="utf-8")):
            assert name in NAMES, (
                f"{page.relative_to(ROOT)}: {name} is not in calculators/registry.py"
            )


def test_the_overview_table_lists_every_calculator_page() -> None:
    """The overview's table is generated (<!-- calculators:table -->) from each view's PURPOSE;
    every calculator with its own page under calculators/ must state one."""
    import importlib

    text = (ROOT / "docs" / "calculators" / "index.md").read_text(encoding="utf-8")
    assert "<!-- calculators:table -->" in text
    for name, page in _widget_pages().items():
        if page == f"calculators/{name}.md":
            view = importlib.import_module(f"calculators.web.views.{name}")
            assert getattr(view, "PURPOSE", ""), f"calculators/web/views/{name}.py needs PURPOSE"


def test_no_count_of_calculators_is_written_out() -> None:
    text = (ROOT / "docs" / "calculators" / "index.md").read_text(encoding="utf-8")
    counts = "一二三四五六七八九十"
    assert not re.search(f"[{counts}]个(在浏览器里运行的)?计算器", text)


def test_every_box_that_reads_the_case_names_a_key_of_casefill() -> None:
    """A box's `saved_as` is what it reads from the reader's case: one of casefill.KEYS."""
    from calculators import casefill, registry

    for name in NAMES:
        for field in registry.get(name).fields:
            if field.saved_as:
                assert field.saved_as in casefill.KEYS, f"{name}.{field.name}: {field.saved_as}"


def test_reading_a_case_imports_only_the_calculators_it_needs() -> None:
    """An imported file (version 1 or 2) is read by calculators/case.py and case_v1.py: the
    contact log's and the debt list's parsers and the letters' checks, and no other
    calculator."""
    probe = """
import json, sys
from calculators import case_v1, registry
case_v1.load(json.dumps({"format": "yuqi-xieshang/workbook", "version": 1,
                         "values": {"debts": "a,1,2,3", "income": "8000"}}))
print(json.dumps(sorted(n for n in registry.NAMES if f"calculators.{n}" in sys.modules)))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(done.stdout) == ["contacts"]
