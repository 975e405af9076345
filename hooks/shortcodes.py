"""MkDocs hook: shortcodes in Markdown and the front matter every page must carry.

Shortcodes are HTML comments, so a page still reads normally as plain Markdown:

- ``<!-- calc:NAME -->``: the calculator widget (form + prerendered result), made by
  `calculators.web.widget.widget_html`;
- ``<!-- lpr:current -->``: the one-year LPR in force and since when;
- ``<!-- lpr:table -->``: the LPR history with a 4 x LPR column;
- ``<!-- calculators:table -->``: the calculators in registry order with when to use each
  (the `PURPOSE` of each view that has one), for the 计算器 overview page.
- ``<!-- calltree:script -->``: the call script (calculators/data/calltree.json) as plain HTML,
  `calculators.web.views.calltree.render`, for a page of the 计算器 section (its links into
  the guide are written from there: ../../guide/...); the tree is validated against the
  build's docs first, so a broken link or rule stops the build; ``<!-- calltree:notes -->``
  is the notes taken during a call (`calculators.web.callnotes.notes_html`);
- ``<!-- site:mirrors -->`` is hooks/mirrors.py's (the site's other addresses), expanded
  there before this hook runs; one that reaches this hook means that hook is missing.

Anything else that looks like a shortcode (``<!-- word:... -->``), or an unknown calculator,
stops the build: a typo must not ship a page with a silently missing calculator.

MkDocs quirks this file works around (read before changing it):
- Hooks are loaded by file path under the module name "hooks/shortcodes.py", so relative
  imports do not work; this file imports the installed `calculators` package, the stdlib
  and hooks/editions.py (as that file explains). The tests import it as `hooks.shortcodes`.
- Raw HTML in Markdown is at the mercy of the Markdown parser (blank lines, indentation,
  md_in_html), so a widget goes in as a one-line placeholder in `on_page_markdown` and is
  swapped for the real HTML in `on_page_content`, after Markdown is done.
- The search plugin indexes `page.content` after `on_page_content`; the widget carries
  `data-search-exclude`, so labels and table rows do not flood the search index.
- `page.meta["calc_widgets"]` (the calculator names on the page) carries the placeholders'
  names from `on_page_markdown` to `on_page_content`; overrides/main.html reads it to start
  the runtime early on a repeat visit.
- MkDocs runs every build of a process through this one module (hooks/buildstate.py says
  why that matters), so nothing is kept here between calls: what a helper needs from the
  build (the docs directory the overview table looks in) is passed to it as an argument.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.shortcodes
    from hooks import editions
else:  # MkDocs, ProperDocs: loaded by path, hooks/ on sys.path while this file runs
    import editions

# `calculators` is imported inside the functions, not here: under `mkdocs serve`, hooks/runtime.py
# drops the package from sys.modules when its source changes, and the next import is fresh.

SHORTCODE = re.compile(r"<!--\s*([A-Za-z_][\w-]*):([^\s>]*)\s*-->")
PLACEHOLDER = '<div class="calc-placeholder" data-calc-placeholder="{name}"></div>'
_PLACEHOLDER_FOUND = re.compile(
    r'<div class="calc-placeholder" data-calc-placeholder="([\w-]+)"></div>'
)
META_KEY = "calc_widgets"
_REVIEWED = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ShortcodeError(PluginError):
    """A shortcode that cannot be expanded; the message names the page and the shortcode."""


def chinese_date(day: dt.date) -> str:
    """ "2025 年 5 月 20 日" (spaces between digits and Han characters, as the guide writes)."""
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def lpr_current() -> str:
    """The one-year LPR in force, e.g. "3.00%（2025 年 5 月 20 日起）"."""
    from calculators.data import lpr

    since, rate = lpr.latest()
    return html.escape(f"{rate}%（{chinese_date(since)}起）")


def lpr_table() -> str:
    """The LPR history as a Markdown table, newest first, with the 4 x LPR line beside it."""
    from calculators.data import lpr
    from calculators.money import fmt

    lines = ["| 生效日期 | 一年期 LPR | 4 倍 LPR |", "| --- | ---: | ---: |"]
    for since, rate in reversed(lpr.HISTORY):
        lines.append(f"| {chinese_date(since)} | {rate}% | {fmt(rate * 4)}% |")
    return "\n\n" + "\n".join(lines) + "\n\n"


def calc_placeholder(name: str, docs_dir: Path | None = None) -> str:
    """A one-line stand-in that Markdown leaves alone; `insert_widgets` replaces it."""
    from calculators import registry

    if name not in registry.NAMES:
        known = "、".join(registry.NAMES)
        raise ShortcodeError(f"unknown calculator {name!r} (known: {known})")
    return "\n\n" + PLACEHOLDER.format(name=name) + "\n\n"


def calculators_table(arg: str, docs_dir: Path | None = None) -> str:
    """A Markdown table of the calculators whose view states a PURPOSE and whose page is
    calculators/NAME.md under `docs_dir` (letters and the plan have pages elsewhere; without
    a `docs_dir`, every one with a PURPOSE), linked as siblings."""
    from calculators import registry

    if arg != "table":
        raise ShortcodeError(f"unknown shortcode calculators:{arg} (known: calculators:table)")
    lines = ["| 计算器 | 什么时候用 |", "| --- | --- |"]
    for calc in map(registry.get, registry.NAMES):
        page = f"{calc.name}.md"
        if calc.purpose and (docs_dir is None or (docs_dir / "calculators" / page).is_file()):
            lines.append(f"| [{calc.title}]({page}) | {calc.purpose} |")
    return "\n\n" + "\n".join(lines) + "\n\n"


def _lpr(arg: str, docs_dir: Path | None = None) -> str:
    if arg == "current":
        return lpr_current()
    if arg == "table":
        return lpr_table()
    raise ShortcodeError(f"unknown shortcode lpr:{arg} (known: lpr:current, lpr:table)")


def calltree_html(arg: str, docs_dir: Path | None = None) -> str:
    """The call script as one block of HTML (Markdown passes a one-line block through)."""
    from calculators import calltree
    from calculators.web.views.calltree import render

    if arg == "notes":
        from calculators.web.callnotes import notes_html

        return "\n\n" + notes_html() + "\n\n"
    if arg != "script":
        raise ShortcodeError(
            f"unknown shortcode calltree:{arg} (known: calltree:script, calltree:notes)"
        )
    try:
        tree = calltree.load(docs=docs_dir)
    except calltree.TreeError as err:
        raise ShortcodeError(f"the call script is broken: {err}") from None
    return "\n\n" + render(tree, base="../../") + "\n\n"


def _site(arg: str, docs_dir: Path | None = None) -> str:
    raise ShortcodeError(
        f"site:{arg} is expanded by hooks/mirrors.py (site:mirrors), which mkdocs.yml must list"
    )


# Each takes the shortcode's argument and the build's docs directory (None outside a build).
HANDLERS: dict[str, Callable[[str, Path | None], str]] = {
    "calc": calc_placeholder,
    "lpr": _lpr,
    "calculators": calculators_table,
    "calltree": calltree_html,
    "site": _site,
}


def expand_shortcodes(
    markdown: str, where: str = "<page>", docs_dir: Path | None = None
) -> tuple[str, list[str]]:
    """Markdown with every shortcode expanded, and the calculators it asks for, in order.
    `docs_dir`: the build's, where the overview table looks for the calculators' pages.

    Raises `ShortcodeError` for an unknown shortcode or calculator, naming `where`.
    """
    widgets: list[str] = []

    def replace(match: re.Match[str]) -> str:
        kind, arg = match.group(1), match.group(2)
        handler = HANDLERS.get(kind)
        if handler is None:
            raise ShortcodeError(f"{where}: unknown shortcode {match.group(0)!r}")
        try:
            text = handler(arg, docs_dir)
        except ShortcodeError as err:
            raise ShortcodeError(f"{where}: {err}") from None
        if kind == "calc":
            widgets.append(arg)
        return text

    return SHORTCODE.sub(replace, markdown), widgets


def insert_widgets(
    content: str,
    widgets: list[str],
    where: str = "<page>",
    values: dict[str, str] | None = None,
    lang: str = editions.HANS,
) -> str:
    """Replace each placeholder in rendered HTML with its widget (default inputs).

    `lang` is the edition's script ("zh-Hant" in the Traditional edition that
    hooks/traditional.py builds). The same calculator twice on one page gets ids suffixed
    -2, -3 ... Raises
    `ShortcodeError` when a placeholder did not survive Markdown (e.g. it sat in a code block).
    """
    from calculators import registry
    from calculators.web.widget import widget_html

    found = _PLACEHOLDER_FOUND.findall(content)
    if found != widgets:
        raise ShortcodeError(
            f"{where}: calculator shortcodes {widgets} came out of Markdown as {found}; "
            "put <!-- calc:NAME --> on a line of its own, outside code and lists"
        )
    seen: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        seen[name] = seen.get(name, 0) + 1
        key = name if seen[name] == 1 else f"{name}-{seen[name]}"
        try:
            return widget_html(registry.get(name), values or {}, key=key, lang=lang)
        except ValueError as err:
            raise ShortcodeError(f"{where}: {err}") from None

    return _PLACEHOLDER_FOUND.sub(replace, content)


def check_front_matter(meta: Mapping[str, Any], where: str = "<page>") -> None:
    """Every page says when its content was last checked: ``reviewed: YYYY-MM-DD``."""
    reviewed = meta.get("reviewed")
    if isinstance(reviewed, dt.date) or (
        isinstance(reviewed, str) and _REVIEWED.match(reviewed.strip())
    ):
        return
    if reviewed is None:
        raise PluginError(f"{where}: front matter needs 'reviewed: YYYY-MM-DD' (missing)")
    raise PluginError(f"{where}: 'reviewed' must be a date like 2026-11-21, not {reviewed!r}")


# --- MkDocs events -------------------------------------------------------------------------


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = page.file.src_uri
    check_front_matter(page.meta, where)
    expanded, widgets = expand_shortcodes(markdown, where, Path(config.docs_dir))
    page.meta[META_KEY] = widgets
    return expanded


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    widgets = page.meta.get(META_KEY) or []
    if not widgets:
        return html_text
    return insert_widgets(html_text, widgets, page.file.src_uri, lang=editions.edition_lang(config))
