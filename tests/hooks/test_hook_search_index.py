"""hooks/search_index.py: the search index rewritten as compact UTF-8, same content; the
theme's search worker patched so a query's last word keeps its last character."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
from mkdocs.exceptions import PluginError

from hooks.search_index import (
    SEGMENT_LOOP,
    WORKERS,
    compact_index,
    fix_segmenter,
    fix_workers,
    on_post_build,
)

DATA = {
    "config": {"lang": ["zh"], "separator": "[\\s\\u200b]+"},
    "docs": [
        {"location": "", "title": "怎样\u200b协商", "text": '<p>先\u200b算清楚 “引号” \\ 和 "</p>'}
    ],
}
# The theme's own worker, as installed: the patch must fit the theme the site is built with.
THEME_WORKERS = sorted(
    (Path(material.__file__).parent / "templates" / WORKERS).glob("search.*.min.js")
)
LOOP = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


def test_rewrites_as_utf8_with_the_same_content(tmp_path: Path) -> None:
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps(DATA), encoding="ascii")
    before, after = compact_index(path)
    assert after < before
    text = path.read_text(encoding="utf-8")
    assert "怎样\u200b协商" in text and "\\u" not in text.replace("\\\\u200b", "")
    assert json.loads(text) == DATA


def site_with_search(root: Path, worker: str = LOOP) -> Path:
    (root / "search").mkdir(parents=True)
    (root / "search" / "search_index.json").write_text(json.dumps(DATA), encoding="ascii")
    (root / WORKERS).mkdir(parents=True)
    (root / WORKERS / "search.0000.min.js").write_text(f"x;{worker};y", encoding="utf-8")
    return root


def test_event_leaves_a_site_without_search_alone(tmp_path: Path) -> None:
    on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    assert not (tmp_path / "search").exists()
    site_with_search(tmp_path)
    on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    assert "协商" in (tmp_path / "search" / "search_index.json").read_text(encoding="utf-8")
    worker = (tmp_path / WORKERS / "search.0000.min.js").read_text(encoding="utf-8")
    assert worker == "x;for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);y"


def test_the_loop_bound_includes_the_last_character() -> None:
    assert fix_segmenter(LOOP) == LOOP.replace("o<t.length", "o<=t.length")
    # Other names, as another minifier run may choose them.
    other = "for(let b=a+1;b<q.length;b++)q.slice(a,b)in w"
    assert fix_segmenter(other) == "for(let b=a+1;b<=q.length;b++)q.slice(a,b)in w"


def test_a_patched_worker_is_left_alone() -> None:
    once = fix_segmenter(LOOP)
    assert fix_segmenter(once) == once


@pytest.mark.parametrize(
    "source",
    [
        "no loop here",
        LOOP + ";" + LOOP,  # twice: which one is the segmenter?
        "for(let o=s+1;o<t.length;o++)u.slice(s,o)in e",  # not the same string sliced
    ],
)
def test_a_changed_theme_stops_the_build(source: str) -> None:
    with pytest.raises(PluginError, match="SEGMENT_LOOP"):
        fix_segmenter(source)


def test_a_site_with_an_index_but_no_worker_stops_the_build(tmp_path: Path) -> None:
    site_with_search(tmp_path)
    (tmp_path / WORKERS / "search.0000.min.js").unlink()
    with pytest.raises(PluginError, match="no search worker"):
        fix_workers(tmp_path)


def test_the_installed_theme_has_the_loop_exactly_once() -> None:
    """A theme update that rewrites segment() fails here, before a build does."""
    assert THEME_WORKERS, "mkdocs-material ships no search worker where expected"
    for worker in THEME_WORKERS:
        source = worker.read_text(encoding="utf-8")
        assert len(SEGMENT_LOOP.findall(source)) == 1, worker.name
        fixed = fix_segmenter(source)
        assert len(fixed) == len(source) + 1  # one character added: "<" became "<="
