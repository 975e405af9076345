"""MkDocs hook: hover explanations for glossary terms inside Chinese text.

docs/includes/abbreviations.md defines terms the Markdown way (``*[罚息]: 逾期后……``) and is
appended to every page (pymdownx.snippets auto_append), so Python-Markdown's `abbr` extension
wraps them in ``<abbr title>``. That extension only matches a term between word boundaries
(``\\b``), and Chinese has none between characters: 罚息 in "会产生罚息和违约金" is never found.
This hook finishes the job on the rendered HTML: every occurrence of a term in ordinary text
gets the same ``<abbr title>`` that mkdocs-material turns into a tooltip.

Text inside links, headings, code, existing abbreviations, form controls and SVG is left
alone. Hooks run in the order mkdocs.yml lists them: this one comes before shortcodes.py,
whose on_page_content inserts the calculator widgets, so widget labels and results (which
Python draws) are never touched. Hooks are loaded by path, so no relative imports.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


DEFINITION = re.compile(r"^\*\[(?P<term>[^\]\n]+)\]:[ \t]*(?P<title>\S.*?)[ \t]*$", re.MULTILINE)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>|<!--.*?-->", re.DOTALL)
SKIP = frozenset(
    {"a", "abbr", "code", "pre", "kbd", "samp", "script", "style", "textarea", "select",
     "option", "button", "label", "svg", "title", "h1", "h2", "h3", "h4", "h5", "h6"}
)  # fmt: skip
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"})


def load_terms(text: str) -> dict[str, str]:
    """Terms and their explanations from the Markdown abbreviation syntax.

    >>> load_terms("*[罚息]: 逾期后多收的利息")
    {'罚息': '逾期后多收的利息'}
    """
    return {m["term"].strip(): m["title"] for m in DEFINITION.finditer(text)}


def _pattern(terms: dict[str, str]) -> re.Pattern[str]:
    # Longest first, so 等额本息 wins over a shorter term it contains. ASCII terms (LPR, IRR)
    # keep word boundaries so that they do not match inside longer Latin words.
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        escaped = re.escape(term)
        parts.append(rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])" if term.isascii() else escaped)
    return re.compile("|".join(parts))


def annotate(html_text: str, terms: dict[str, str]) -> str:
    """Wrap each term that stands in ordinary text in ``<abbr title="...">``.

    >>> annotate("<p>会产生罚息。</p><h2>罚息</h2>", {"罚息": "多收的利息"})
    '<p>会产生<abbr title="多收的利息">罚息</abbr>。</p><h2>罚息</h2>'
    """
    if not terms:
        return html_text
    pattern = _pattern(terms)

    def wrap(match: re.Match[str]) -> str:
        term = match.group(0)
        return f'<abbr title="{html.escape(terms[term], quote=True)}">{term}</abbr>'

    out: list[str] = []
    skipping: list[str] = []  # open elements whose text is left alone
    pos = 0
    for tag in TAG.finditer(html_text):
        text = html_text[pos : tag.start()]
        out.append(pattern.sub(wrap, text) if text and not skipping else text)
        out.append(tag.group(0))
        pos = tag.end()
        closing, name, self_closing = tag.group(1), (tag.group(2) or "").lower(), tag.group(3)
        if not name or name in VOID or self_closing:
            continue
        if closing:
            if skipping and skipping[-1] == name:
                skipping.pop()
        elif name in SKIP or skipping:
            skipping.append(name)
    tail = html_text[pos:]
    out.append(pattern.sub(wrap, tail) if tail and not skipping else tail)
    return "".join(out)


def terms_for(config: MkDocsConfig) -> dict[str, str]:
    path = Path(config["docs_dir"]) / "includes" / "abbreviations.md"
    return load_terms(path.read_text(encoding="utf-8")) if path.is_file() else {}


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return annotate(html_text, terms_for(config))
