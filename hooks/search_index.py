"""MkDocs hook: the site's search, as the theme ships it, made to work for Chinese.

Two changes after the build, in each edition's site directory:

1. search/search_index.json is written as UTF-8 instead of \\uXXXX escapes. The theme's
   search plugin writes it with Python's default `ensure_ascii=True`, so every Chinese
   character takes six bytes (e.g. "\\u534f") instead of three. Every page load fetches this
   file, guide pages included: rewritten, it is about half the size (and a sixth smaller
   gzipped). Browsers read JSON as UTF-8 whatever the server says.

2. The search worker's query segmenter tries words that end on the query's last character.
   mkdocs-material cuts a Chinese query into words found in the index, longest first from
   the left (src/templates/assets/javascripts/integrations/search/query/segment/index.ts):

       for (let i = 0; i < query.length; i++)
         for (let j = i + 1; j < query.length; j++)   // never j == query.length
           if (query.slice(i, j) in index) wordcuts[i] = j - i

   so the last word of every query lost its last character: 起诉 was searched as the
   prefix 起*, which matched 起来 and 起算, ranked pages by the wrong words, highlighted single
   characters and made a result link carry ?h=起. With `j <= query.length` 起诉 is searched as
   起诉*. The minified worker is patched in place (one loop bound); if a theme update changes
   that code, the pattern is not found and the build stops with a message, so the patch is
   either applied exactly once or not at all.

MkDocs quirk: hooks run after the plugins listed under `plugins:`, so this `on_post_build`
sees the index and the theme's assets the search plugin and the theme have just written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig


from mkdocs.exceptions import PluginError

INDEX = "search/search_index.json"
WORKERS = "assets/javascripts/workers"

# The segmenter's inner loop, minified: for(let o=s+1;o<t.length;o++)t.slice(s,o)in e
# (names differ between builds; the shape is what is matched).
SEGMENT_LOOP = re.compile(
    r"for\(let (?P<j>\w+)=(?P<i>\w+)\+1;(?P=j)<(?P<q>\w+)\.length;(?P=j)\+\+\)"
    r"(?P=q)\.slice\((?P=i),(?P=j)\)in "
)
# The same loop once patched: a worker already fixed (a rebuild that kept the theme's assets)
# is left as it is.
FIXED_LOOP = re.compile(
    r"for\(let (?P<j>\w+)=(?P<i>\w+)\+1;(?P=j)<=(?P<q>\w+)\.length;(?P=j)\+\+\)"
    r"(?P=q)\.slice\((?P=i),(?P=j)\)in "
)


def compact_index(path: Path) -> tuple[int, int]:
    """Rewrite the JSON file at `path` as compact UTF-8; returns (bytes before, bytes after)."""
    raw = path.read_bytes()
    data = json.loads(raw)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    out = text.encode("utf-8")
    path.write_bytes(out)
    return len(raw), len(out)


def fix_segmenter(source: str) -> str:
    """The worker's source with the segmenter's loop bound `j < q.length` made `j <= q.length`.

    >>> fix_segmenter("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)")
    'for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)'
    """
    found = SEGMENT_LOOP.findall(source)
    if not found and len(FIXED_LOOP.findall(source)) == 1:
        return source
    if len(found) != 1:
        raise PluginError(
            f"hooks/search_index.py: expected the search worker's segmenter loop once, "
            f"found it {len(found)} times; the theme changed, so read its segment() again "
            "before adapting the pattern (SEGMENT_LOOP)"
        )

    def inclusive(m: re.Match[str]) -> str:
        j, q = m["j"], m["q"]
        return m[0].replace(f"{j}<{q}.length", f"{j}<={q}.length", 1)

    return SEGMENT_LOOP.sub(inclusive, source, count=1)


def fix_workers(site_dir: Path) -> list[Path]:
    """Patch every search worker of one built edition; returns the files changed."""
    workers = sorted((site_dir / WORKERS).glob("search.*.min.js"))
    if not workers:
        raise PluginError(f"hooks/search_index.py: no search worker under {site_dir / WORKERS}")
    for worker in workers:
        worker.write_text(fix_segmenter(worker.read_text(encoding="utf-8")), encoding="utf-8")
    return workers


def on_post_build(*, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    path = site_dir / INDEX
    if path.is_file():
        compact_index(path)
        fix_workers(site_dir)
