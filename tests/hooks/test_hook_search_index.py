"""hooks/search_index.py: the search index rewritten as compact UTF-8, same content."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from hooks.search_index import compact_index, on_post_build

DATA = {
    "config": {"lang": ["zh"], "separator": "[\\s\\u200b]+"},
    "docs": [
        {"location": "", "title": "怎样\u200b协商", "text": '<p>先\u200b算清楚 “引号” \\ 和 "</p>'}
    ],
}


def test_rewrites_as_utf8_with_the_same_content(tmp_path: Path) -> None:
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps(DATA), encoding="ascii")
    before, after = compact_index(path)
    assert after < before
    text = path.read_text(encoding="utf-8")
    assert "怎样\u200b协商" in text and "\\u" not in text.replace("\\\\u200b", "")
    assert json.loads(text) == DATA


def test_event_leaves_a_site_without_search_alone(tmp_path: Path) -> None:
    on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(DATA), encoding="ascii")
    on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    assert "协商" in (tmp_path / "search" / "search_index.json").read_text(encoding="utf-8")
