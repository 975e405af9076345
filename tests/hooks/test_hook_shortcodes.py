"""hooks/shortcodes.py: shortcode expansion, widget insertion, the `reviewed` front matter."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from calculators.data import lpr
from calculators.web import render
from hooks import shortcodes
from hooks.shortcodes import (
    ShortcodeError,
    check_front_matter,
    expand_shortcodes,
    insert_widgets,
    lpr_current,
    lpr_table,
)

ROOT = Path(__file__).resolve().parents[2]


def fake_page(meta: dict[str, Any] | None = None, src: str = "calculators/x.md") -> Any:
    return SimpleNamespace(meta=dict(meta or {}), file=SimpleNamespace(src_uri=src))


def fake_config(docs_dir: Path = ROOT / "docs") -> Any:
    """What the events read of a build's config: its docs directory and `extra`."""
    return SimpleNamespace(docs_dir=str(docs_dir), extra={})


# --- expansion -------------------------------------------------------------------------------


def test_calc_shortcode_becomes_a_placeholder_on_its_own_block() -> None:
    text, widgets = expand_shortcodes("前文\n<!-- calc:budget -->\n后文")
    assert widgets == ["budget"]
    assert '\n\n<div class="calc-placeholder" data-calc-placeholder="budget"></div>\n\n' in text
    assert "<!--" not in text


def test_widgets_are_listed_in_page_order() -> None:
    _, widgets = expand_shortcodes("<!-- calc:schedule -->\n\n<!-- calc:budget -->")
    assert widgets == ["schedule", "budget"]


def test_unknown_shortcode_stops_the_build_and_names_the_page() -> None:
    with pytest.raises(ShortcodeError, match=r"guide/x\.md: unknown shortcode '<!-- md:flag -->'"):
        expand_shortcodes("a <!-- md:flag --> b", "guide/x.md")


def test_unknown_calculator_stops_the_build() -> None:
    with pytest.raises(ShortcodeError, match=r"p\.md: unknown calculator 'mortgage'"):
        expand_shortcodes("<!-- calc:mortgage -->", "p.md")


def test_unknown_lpr_shortcode_stops_the_build() -> None:
    with pytest.raises(ShortcodeError, match="unknown shortcode lpr:history"):
        expand_shortcodes("<!-- lpr:history -->")


def test_shortcode_errors_are_mkdocs_plugin_errors() -> None:
    # PluginError makes MkDocs print the message and exit non-zero, without a traceback.
    assert issubclass(ShortcodeError, PluginError)


def test_plain_comments_are_left_alone() -> None:
    text = "<!-- 这是一条备注 -->\n<!-- TODO check this -->\n"
    assert expand_shortcodes(text) == (text, [])


def test_lpr_current_is_the_latest_rate_with_its_date() -> None:
    since, rate = lpr.latest()
    expected = f"{rate}%（{since.year} 年 {since.month} 月 {since.day} 日起）"
    assert lpr_current() == expected
    assert expand_shortcodes("现在是 <!-- lpr:current -->。")[0] == f"现在是 {expected}。"


def test_lpr_current_for_the_2025_rate() -> None:
    # Source: calculators/data/lpr.py, 2025-05-20 3.00 % (the latest row when this was written).
    if lpr.latest() != (dt.date(2025, 5, 20), lpr.HISTORY[-1][1]):
        pytest.skip("the LPR table has a newer row")
    assert lpr_current() == "3.00%（2025 年 5 月 20 日起）"


def test_lpr_table_lists_every_change_newest_first_with_four_times() -> None:
    table = lpr_table()
    rows = table.strip().splitlines()[2:]
    assert len(rows) == len(lpr.HISTORY)
    assert rows[0] == "| 2025 年 5 月 20 日 | 3.00% | 12.00% |"
    assert rows[-1] == "| 2019 年 8 月 20 日 | 4.25% | 17.00% |"
    assert table.startswith("\n\n") and table.endswith("\n\n")


# --- widgets ---------------------------------------------------------------------------------


def test_insert_widgets_replaces_the_placeholder_with_the_prerendered_widget() -> None:
    text, widgets = expand_shortcodes("<!-- calc:budget -->")
    html = insert_widgets(f"<p>前</p>{text.strip()}<p>后</p>", widgets)
    assert "data-calc-placeholder" not in html
    assert html.startswith('<p>前</p><section class="calc" data-calc="budget"')
    assert render("budget", {})["html"] in html
    assert html.endswith("</section><p>后</p>")


def test_a_calculator_twice_on_one_page_gets_distinct_ids() -> None:
    text, widgets = expand_shortcodes("<!-- calc:budget -->\n<!-- calc:budget -->")
    html = insert_widgets(text, widgets)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert "calc-budget-income" in ids and "calc-budget-2-income" in ids


def test_a_placeholder_lost_in_markdown_stops_the_build() -> None:
    # e.g. the shortcode sat in a code block, so Markdown escaped the placeholder
    with pytest.raises(ShortcodeError, match="on a line of its own"):
        insert_widgets("<pre>&lt;div ...&gt;</pre>", ["budget"], "p.md")


# --- front matter ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [dt.date(2026, 11, 21), "2026-11-21"])
def test_reviewed_date_is_accepted(value: object) -> None:
    check_front_matter({"reviewed": value})


def test_missing_reviewed_stops_the_build() -> None:
    with pytest.raises(PluginError, match=r"guide/a\.md: front matter needs 'reviewed"):
        check_front_matter({"title": "x"}, "guide/a.md")


@pytest.mark.parametrize("value", ["soon", "2026/11/21", 2026, ""])
def test_malformed_reviewed_stops_the_build(value: object) -> None:
    with pytest.raises(PluginError, match="'reviewed' must be a date"):
        check_front_matter({"reviewed": value})


# --- the MkDocs events -----------------------------------------------------------------------


def test_events_mark_the_page_and_insert_the_widget() -> None:
    page = fake_page({"reviewed": dt.date(2026, 11, 21)})
    markdown = shortcodes.on_page_markdown(
        "# 标题\n\n<!-- calc:schedule -->\n", page=page, config=fake_config(), files=None
    )
    assert page.meta["calc_widgets"] == ["schedule"]
    html = "<h1>标题</h1>\n" + markdown.split("\n", 1)[1].strip()  # as Markdown leaves raw HTML
    out = shortcodes.on_page_content(html, page=page, config=fake_config(), files=None)
    assert '<section class="calc" data-calc="schedule" data-state="static"' in out


def test_a_page_without_widgets_is_marked_empty_and_left_alone() -> None:
    page = fake_page({"reviewed": "2026-11-21"})
    assert (
        shortcodes.on_page_markdown("正文", page=page, config=fake_config(), files=None) == "正文"
    )
    assert page.meta["calc_widgets"] == []
    out = shortcodes.on_page_content("<p>正文</p>", page=page, config=fake_config(), files=None)
    assert out == "<p>正文</p>"


def test_the_markdown_event_checks_front_matter() -> None:
    with pytest.raises(PluginError, match="reviewed"):
        shortcodes.on_page_markdown("正文", page=fake_page({}), config=fake_config(), files=None)


def test_calculators_table_lists_each_view_with_a_purpose_in_registry_order() -> None:
    from calculators import NAMES, registry

    out, widgets = shortcodes.expand_shortcodes(
        "<!-- calculators:table -->", "calculators/index.md"
    )
    assert widgets == []
    rows = [line for line in out.strip().splitlines() if line.startswith("| [")]
    linked = [row.split("](")[1].split(".md)")[0] for row in rows]
    assert linked == [n for n in NAMES if n in linked]  # registry order
    assert "schedule" in linked and "allocate" in linked
    assert f"| [{registry.get('schedule').title}](schedule.md) | " in out
    with pytest.raises(shortcodes.ShortcodeError):
        shortcodes.expand_shortcodes("<!-- calculators:list -->", "x.md")


def test_the_overview_table_reads_its_own_build_s_docs(tmp_path: Path) -> None:
    """A page's table lists the calculators whose pages are in that build's docs; a build
    does not leave its docs directory behind for the next call (hooks/buildstate.py)."""
    for name, listed in (("a", "schedule"), ("b", "budget")):
        docs = tmp_path / name
        (docs / "calculators").mkdir(parents=True)
        (docs / "calculators" / f"{listed}.md").write_text("x", encoding="utf-8")
    page = fake_page({"reviewed": "2026-11-21"}, "calculators/index.md")
    table = "<!-- calculators:table -->"

    def linked(markdown: str) -> list[str]:
        return re.findall(r"^\| \[[^]]+\]\((\w+)\.md\)", markdown, flags=re.M)

    in_a = shortcodes.on_page_markdown(
        table, page=page, config=fake_config(tmp_path / "a"), files=None
    )
    assert linked(in_a) == ["schedule"]
    in_b = shortcodes.on_page_markdown(
        table, page=page, config=fake_config(tmp_path / "b"), files=None
    )
    assert linked(in_b) == ["budget"]
    # Outside a build, every calculator with a PURPOSE: not what the last page's build had.
    everything = linked(expand_shortcodes(table)[0])
    assert {"schedule", "budget", "allocate"} <= set(everything)


def test_the_call_script_is_drawn_as_one_block_checked_against_the_docs(tmp_path: Path) -> None:
    docs = ROOT / "docs"
    out, widgets = expand_shortcodes("前言\n\n<!-- calltree:script -->\n", "p.md", docs)
    assert widgets == []
    block = out.split("\n\n")[2]
    assert block.startswith('<div class="calc-calltree"') and "\n" not in block
    assert 'id="call-start"' in block and 'href="../../guide/' in block
    with pytest.raises(ShortcodeError, match="calltree:script"):
        expand_shortcodes("<!-- calltree:tree -->", "p.md", docs)
    # a guide the tree links into, without the anchor it names: the build stops
    (tmp_path / "guide").mkdir()
    for page in {p.split("#")[0] for p in re.findall(r'"(guide/[^"#]+\.md)#', TREE_TEXT)}:
        (tmp_path / page).write_text("# 空 { #empty }\n", encoding="utf-8")
    with pytest.raises(ShortcodeError, match="call script is broken"):
        expand_shortcodes("<!-- calltree:script -->", "p.md", tmp_path)


TREE_TEXT = (ROOT / "calculators/data/calltree.json").read_text(encoding="utf-8")
