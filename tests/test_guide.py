"""Checks on the Markdown under docs/ that need no build.

Each rule is a plain function returning a list of problems (empty when the rule holds), so that
the rules can be run on the real docs/ and also on small broken trees (the `test_rule_*` tests at
the end), which shows that every rule is able to fail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from calculators import NAMES

DOCS = Path(__file__).resolve().parent.parent / "docs"

# Snippets appended to other pages (pymdownx.snippets), not pages of their own.
SNIPPET_DIRS = ("includes",)

# Every calculator with a page of its own under calculators/, from the registry: a new one
# must be linked from the guide (letters, the plan and the triage have pages elsewhere).
CALCULATORS = tuple(n for n in NAMES if (DOCS / "calculators" / f"{n}.md").is_file())

# Titles in 《》 that are not regulations, so they need no entry on the sources page.
NON_REGULATION_TITLES = frozenset(
    {
        "综合融资成本明示表",  # the form a regulation prescribes, not a regulation itself
    }
)

BANNED_WORDS = ("小编", "小編")

FENCE = re.compile(r"^\s*(```|~~~)")
ATX_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ANCHOR = re.compile(r"\{[^{}]*?#([^\s{}]+)[^{}]*\}\s*$")
ASCII_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
SETEXT_UNDERLINE = re.compile(r"^(=+|-{2,})\s*$")
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
DEFINED_ID = re.compile(r"\{[^{}\n]*?#([A-Za-z0-9_-]+)[^{}\n]*\}|\bid=\"([^\"]+)\"")
TITLE = re.compile(r"《([^《》\n]+)》")


def pages(docs: Path) -> list[Path]:
    """Every Markdown page that MkDocs builds (snippets excluded)."""
    return sorted(p for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] not in SNIPPET_DIRS)


def split_front_matter(text: str) -> tuple[dict[str, object] | None, str]:
    """(front matter or None, body). Front matter is YAML between two `---` lines at the top."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    if not match:
        return None, text
    data = yaml.safe_load(match.group(1))
    return (data if isinstance(data, dict) else {}), text[match.end() :]


def prose_lines(body: str) -> list[str]:
    """The body's lines with fenced code blocks blanked and inline code removed."""
    out, fenced = [], False
    for line in body.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            out.append("")
            continue
        out.append("" if fenced else CODE_SPAN.sub("", line))
    return out


def body_of(page: Path) -> str:
    return split_front_matter(page.read_text(encoding="utf-8"))[1]


def front_matter_problems(page: Path) -> list[str]:
    meta, _ = split_front_matter(page.read_text(encoding="utf-8"))
    if meta is None:
        return ["no front matter"]
    problems = [
        f"front matter has no {key}"
        for key in ("title", "description")
        if not isinstance(meta.get(key), str) or not str(meta[key]).strip()
    ]
    reviewed = meta.get("reviewed")
    # YAML reads an unquoted 2026-11-21 as a date; a quoted one stays a string.
    if isinstance(reviewed, str):
        with contextlib.suppress(ValueError):
            reviewed = dt.date.fromisoformat(reviewed)
    if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
        problems.append(f"reviewed is not an ISO date: {meta.get('reviewed')!r}")
    return problems


def heading_anchors(page: Path) -> list[tuple[str, str | None]]:
    """(heading text, its explicit anchor or None) for every ATX and setext heading."""
    found: list[tuple[str, str | None]] = []
    lines = prose_lines(body_of(page))
    for i, line in enumerate(lines):
        if (m := ATX_HEADING.match(line)) is not None:
            anchor = ANCHOR.search(m.group(2))
            found.append((line, anchor.group(1) if anchor else None))
        elif SETEXT_UNDERLINE.match(line) and i > 0:
            above = lines[i - 1]
            if above.strip() and not above.lstrip().startswith(("|", "-", "*", ">")):
                found.append((above, None))
    return found


def heading_problems(page: Path) -> list[str]:
    problems, seen = [], set()
    for line, anchor in heading_anchors(page):
        if anchor is None:
            problems.append(f"heading without {{ #anchor }}: {line}")
        elif not ASCII_ID.match(anchor):
            problems.append(f"anchor is not plain ASCII: {anchor!r} in {line}")
        elif anchor in seen:
            problems.append(f"duplicate anchor #{anchor}")
        else:
            seen.add(anchor)
    return problems


def local_links(page: Path) -> list[tuple[str, str]]:
    """(path part, fragment) of every relative link to a Markdown page."""
    links = []
    for line in prose_lines(body_of(page)):
        for target in LINK.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith(("/", "#")):
                continue
            path, _, fragment = target.partition("#")
            if path.endswith(".md"):
                links.append((path, fragment))
    return links


def defined_ids(page: Path) -> set[str]:
    ids = set()
    for line in prose_lines(body_of(page)):
        for attr_id, html_id in DEFINED_ID.findall(line):
            ids.add(attr_id or html_id)
    return ids


def link_problems(page: Path, docs: Path) -> list[str]:
    problems = []
    root = docs.resolve()
    for path, fragment in local_links(page):
        target = (page.parent / path).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            problems.append(f"link to a missing page: {path}")
        elif fragment and fragment not in defined_ids(target):
            problems.append(f"link to a missing anchor: {path}#{fragment}")
    return problems


def banned_word_problems(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [f"mentions {word!r}" for word in BANNED_WORDS if word in text]


def unlinked_calculators(docs: Path) -> list[str]:
    """Calculator pages that no guide page (index.md, guide/*.md) links to."""
    guide = [docs / "index.md", *sorted((docs / "guide").glob("*.md"))]
    linked = set()
    for page in guide:
        if page.is_file():
            for path, _ in local_links(page):
                linked.add((page.parent / path).resolve())
    return [
        name
        for name in CALCULATORS
        if (docs / "calculators" / f"{name}.md").resolve() not in linked
    ]


def normalise_title(title: str) -> str:
    return re.sub(r"\s+", "", title)


def uncited_titles(docs: Path) -> list[str]:
    """Titles in 《》 used on some page but absent from sources.md.

    A short form counts when a listed title ends with it, which allows the issuer's prefix to
    be dropped: 《民法典》 is covered by 《中华人民共和国民法典》.
    """
    sources = docs / "sources.md"
    listed = (
        {normalise_title(t) for t in TITLE.findall(sources.read_text(encoding="utf-8"))}
        if sources.is_file()
        else set()
    )
    problems = []
    for page in pages(docs):
        for raw in TITLE.findall("\n".join(prose_lines(body_of(page)))):
            title = normalise_title(raw)
            if title in NON_REGULATION_TITLES or any(t.endswith(title) for t in listed):
                continue
            problems.append(f"{page.relative_to(docs)}: 《{raw}》 is not on sources.md")
    return sorted(set(problems))


# --- the rules applied to the real docs/ ---------------------------------------------------

PAGES = pages(DOCS)
IDS = [str(p.relative_to(DOCS)) for p in PAGES]


def test_docs_has_pages() -> None:
    assert len(PAGES) > 0


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_front_matter(page: Path) -> None:
    assert front_matter_problems(page) == []


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_headings_have_unique_ascii_anchors(page: Path) -> None:
    assert heading_problems(page) == []


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_relative_links_resolve(page: Path) -> None:
    assert link_problems(page, DOCS) == []


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.name))
def test_no_banned_words(page: Path) -> None:
    assert banned_word_problems(page) == []


def test_every_calculator_is_linked_from_the_guide() -> None:
    assert unlinked_calculators(DOCS) == []


def test_every_cited_title_is_on_the_sources_page() -> None:
    assert uncited_titles(DOCS) == []


# --- every rule can fail: a small valid tree, then one breakage at a time --------------------

GOOD_PAGE = """---
title: 页面
description: 一句话。
reviewed: 2026-11-21
---

# 页面 { #page }

## 第一节 { #first }

见[来源](../sources.md#laws)和《民法典》。

```
# 代码块里的井号不是标题
```
"""

GOOD_SOURCES = """---
title: 法规与来源
description: 来源。
reviewed: 2026-11-21
---

# 法规与来源 { #sources }

## 法律 { #laws }

《中华人民共和国民法典》
"""


def make_tree(root: Path) -> Path:
    docs = root / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "calculators").mkdir()
    (docs / "includes").mkdir()
    (docs / "includes" / "abbreviations.md").write_text("*[LPR]: 贷款市场报价利率\n")
    (docs / "sources.md").write_text(GOOD_SOURCES)
    links = "\n".join(f"[{n}](../calculators/{n}.md)" for n in CALCULATORS)
    (docs / "guide" / "page.md").write_text(GOOD_PAGE + "\n" + links + "\n")
    for name in CALCULATORS:
        (docs / "calculators" / f"{name}.md").write_text(GOOD_PAGE)
    return docs


def all_problems(docs: Path) -> list[str]:
    problems = unlinked_calculators(docs) + uncited_titles(docs)
    for page in pages(docs):
        problems += front_matter_problems(page)
        problems += heading_problems(page)
        problems += link_problems(page, docs)
    for page in docs.rglob("*.md"):
        problems += banned_word_problems(page)
    return problems


def test_rule_valid_tree_passes(tmp_path: Path) -> None:
    assert all_problems(make_tree(tmp_path)) == []


def edit(page: Path, old: str, new: str) -> None:
    text = page.read_text()
    assert old in text
    page.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("---\ntitle: 页面\n", "---\n", "front matter has no title"),
        ("description: 一句话。\n", "", "front matter has no description"),
        ("reviewed: 2026-11-21", "reviewed: 最近", "reviewed is not an ISO date"),
        ("reviewed: 2026-11-21\n", "", "reviewed is not an ISO date"),
        ("---\ntitle: 页面\ndescription: 一句话。\nreviewed: 2026-11-21\n---\n", "", "no front"),
        ("## 第一节 { #first }", "## 第一节", "heading without"),
        ("# 页面 { #page }", "# 页面", "heading without"),
        ("## 第一节 { #first }", "### 第一节 { #page }", "duplicate anchor"),
        ("## 第一节 { #first }", "## 第一节 { #第一 }", "not plain ASCII"),
        ("## 第一节 { #first }", "第一节\n------", "heading without"),
        ("../sources.md#laws", "../missing.md", "missing page"),
        ("../sources.md#laws", "../sources.md#nowhere", "missing anchor"),
        ("《民法典》", "《没有列出的办法》", "is not on sources.md"),
        ("见[来源]", "小编提醒：见[来源]", "mentions"),
    ],
)
def test_rule_catches_breakage(tmp_path: Path, old: str, new: str, expected: str) -> None:
    docs = make_tree(tmp_path)
    edit(docs / "guide" / "page.md", old, new)
    assert any(expected in p for p in all_problems(docs)), all_problems(docs)


def test_rule_unlinked_calculator(tmp_path: Path) -> None:
    docs = make_tree(tmp_path)
    edit(docs / "guide" / "page.md", "[apr](../calculators/apr.md)", "apr")
    assert unlinked_calculators(docs) == ["apr"]


def test_rule_title_ignored_in_code(tmp_path: Path) -> None:
    docs = make_tree(tmp_path)
    edit(docs / "guide" / "page.md", "# 代码块里的井号不是标题", "《代码里的书名》")
    assert uncited_titles(docs) == []
