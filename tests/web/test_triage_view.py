"""一分钟自查's view: a sentence and a working link for every step, the court first, and links
that resolve from the page holding the widget (docs/start.md, built at start/) in both
editions (calculators/web/views/triage.py)."""

from __future__ import annotations

import os
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from calculators import registry
from calculators.triage import REASONS, calculate
from calculators.web import render
from calculators.web.views import view
from calculators.web.views.triage import NOTES, STEPS, TITLES, href
from tests.core.test_triage import ALL

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
WIDGET_PAGE = "start.md"  # built at start/
WIDGET_URL = "start/"


class _Links(HTMLParser):
    """The result's list items: (data-step, href, text of the item)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str, str]] = []
        self._step: str | None = None
        self._href = ""
        self._text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "li" and a.get("data-step"):
            self._step, self._href, self._text = str(a["data-step"]), "", []
        if tag == "a":
            self.hrefs.append(str(a.get("href")))
            if self._step is not None:
                self._href = str(a.get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._step is not None:
            self.items.append((self._step, self._href, "".join(self._text)))
            self._step = None

    def handle_data(self, data: str) -> None:
        if self._step is not None:
            self._text.append(data)


def items(html: str) -> list[tuple[str, str, str]]:
    reader = _Links()
    reader.feed(html)
    reader.close()
    return reader.items


def nav_titles() -> dict[str, str]:
    """docs-relative page -> its title in mkdocs.yml's nav."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    found: dict[str, str] = {}

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for title, value in node.items():
                if isinstance(value, str):
                    found[value] = str(title)
                else:
                    walk(value)

    walk(config["nav"])
    return found


def test_sentences_match_the_rules_exactly() -> None:
    pairs = {(page, reason) for page, reasons in REASONS.items() for reason in reasons}
    assert set(STEPS) == pairs
    assert set(TITLES) == set(REASONS)
    for (page, reason), (anchor, sentence) in STEPS.items():
        assert sentence.endswith("。") and len(sentence) < 140, (page, reason)
        assert anchor == "" or re.fullmatch(r"[a-z][a-z0-9-]*", anchor)


def test_titles_are_the_site_titles() -> None:
    nav = nav_titles()
    for page, title in TITLES.items():
        if page.startswith("calculators/"):
            assert title == registry.get(page.removeprefix("calculators/")).title
        assert nav[f"{page}.md"] == title, page
    assert nav[WIDGET_PAGE] == "一分钟自查"


def test_the_widget_sits_where_the_links_are_counted_from() -> None:
    text = (DOCS / WIDGET_PAGE).read_text(encoding="utf-8")
    assert text.count("<!-- calc:triage -->") == 1
    assert href("guide/sued") == "../guide/sued/"
    assert href("guide/sued", "real-or-not") == "../guide/sued/#real-or-not"


def test_every_link_points_at_a_page_and_its_section() -> None:
    for (page, _), (anchor, _) in STEPS.items():
        target = posixpath.normpath(posixpath.join(WIDGET_URL, href(page)))
        assert target == page
        source = (DOCS / f"{target}.md").read_text(encoding="utf-8")
        if anchor:
            assert f"{{ #{anchor} }}" in source, f"{page}#{anchor}"


def test_every_note_has_a_sentence() -> None:
    assert set(NOTES) == {calculate(**a)["note"] for a in ALL}


def test_every_combination_renders_each_step_with_a_sentence_and_a_link() -> None:
    parsed: dict[str, list[tuple[str, str, str]]] = {}  # 12,288 answers draw ~1,000 pages
    for answers in ALL:
        result = calculate(**answers)
        shown = view("triage", result)
        listed = parsed.get(shown["html"]) or parsed.setdefault(shown["html"], items(shown["html"]))
        assert [step for step, _, _ in listed] == [s["page"] for s in result["steps"]]
        for (step, link, text), s in zip(listed, result["steps"], strict=True):
            anchor, sentence = STEPS[(s["page"], s["reason"])]
            assert link == href(step, anchor)
            assert text.startswith(TITLES[step]) and text.endswith(sentence)
        assert NOTES[result["note"]] in shown["html"]
        summary = shown["summary"]
        assert summary.endswith("。") and len(summary) < 120
        assert TITLES[result["steps"][0]["page"]] in summary
        if answers["court"] == "summoned":
            assert listed[0][1] == "../guide/sued/"
        if answers["court"] == "judged":
            assert listed[0][1] == "../guide/enforcement/"


def test_a_summons_says_how_to_check_it() -> None:
    html = render("triage", {"court": "summoned"})["html"]
    first = items(html)[0][2]
    assert "12368" in first and "案号" in first and "不要打短信里给的号码" in first


def test_no_csv_and_the_figures_are_counts() -> None:
    shown = render("triage", {})
    assert shown["ok"] and shown["csv"] is None
    assert 'data-key="guide_count"' in shown["html"]
    assert 'data-key="tool_count"' in shown["html"]


# --- the built site ------------------------------------------------------------------------


def built_site() -> Path | None:
    """$CALC_SITE_DIR, or site/ after `make build` (which `make test` runs first)."""
    where = Path(os.environ.get("CALC_SITE_DIR") or ROOT / "site")
    return where if (where / WIDGET_URL / "index.html").is_file() else None


@pytest.mark.slow  # reads the whole built site
@pytest.mark.parametrize("edition", ["", "zh-Hant/"])
def test_links_resolve_in_the_built_site(edition: str) -> None:
    site = built_site()
    if site is None:
        pytest.skip("no built site with start/ (run `make build` or set CALC_SITE_DIR)")
    base = f"{edition}{WIDGET_URL}"
    page = (site / base / "index.html").read_text(encoding="utf-8")
    result = re.search(
        r'<div class="calc-result"[^>]*>(.*?)</div>\s*<div class="calc-actions"', page, re.S
    )
    assert result, "the prerendered result"
    reader = _Links()
    reader.feed(result.group(1))
    assert reader.hrefs, "the prerendered result links its steps"
    # Every link any answer can produce, plus those the page shows now.
    links = {href(p, a) for (p, _), (a, _) in STEPS.items()} | set(reader.hrefs)
    for link in links:
        path, _, anchor = link.partition("#")
        target = site / posixpath.normpath(posixpath.join(base, path)) / "index.html"
        assert target.is_file(), f"{base} -> {link}"
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"{base} -> {link}"
