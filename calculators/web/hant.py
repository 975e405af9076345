"""Traditional Chinese for the calculators' output, without a converter in the browser.

The catalog `hant.json` beside this file is generated at site-build time by
hooks/traditional.py (OpenCC s2tw with the site's reviewed exceptions) from every Chinese
string literal in this package, and ships in the wheel; it is not kept in git, so it can
never be stale. Here it is only applied:

- `to_hant(text)`: each run of Han characters is cut greedily into the longest phrases the
  catalog knows (the literals' own runs, converted as phrases: 若干 stays 若干), and whatever
  is left (a name someone typed) goes character by character through the fallback table;
- `input_forms(text)`: the Traditional forms of the words the input parser reads go back to
  the parser's own (10萬 -> 10万), so a reader of the Traditional edition types as usual.

Standard library only, so it runs unchanged in Pyodide.

>>> to_hant("还款计划")
'還款計劃'
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HANS, HANT = "zh-Hans", "zh-Hant"
LANGS = (HANS, HANT)
CATALOG_FILE = Path(__file__).with_name("hant.json")
# Quotation marks as Traditional text writes them (as hooks/traditional.py converts pages).
# (Replaced one by one: str.translate looks up every character, which over a 360-row table
# costs milliseconds under Pyodide; four replaces do not.)
_QUOTES = (("\u201c", "「"), ("\u201d", "」"), ("\u2018", "『"), ("\u2019", "』"))
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


@dataclass(frozen=True)
class Catalog:
    phrases: Mapping[str, str]
    lengths: Mapping[str, tuple[int, ...]]  # first character -> phrase lengths, longest first
    chars: Mapping[int, int]  # for str.translate
    inputs: Mapping[int, int]


@functools.cache
def catalog() -> Catalog:
    """The catalog, read once per process (only when a Traditional result is asked for)."""
    try:
        data = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuntimeError(
            f"{CATALOG_FILE.name} is missing: the site build (hooks/traditional.py) makes it; "
            "run `make build` or `mkdocs build`"
        ) from None
    phrases: dict[str, str] = data["phrases"]
    lengths: dict[str, set[int]] = {}
    for phrase in phrases:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    source, target = data["chars"]["from"], data["chars"]["to"]
    return Catalog(
        phrases=phrases,
        lengths={c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()},
        chars=str.maketrans(source, target),
        inputs=str.maketrans(data["input"]),
    )


@functools.lru_cache(maxsize=4096)
def _run(run: str) -> str:
    """One run of Han characters in Traditional: longest known phrase first."""
    cat = catalog()
    out = []
    i, n = 0, len(run)
    while i < n:
        for length in cat.lengths.get(run[i], ()):
            piece = run[i : i + length]
            if length <= n - i and piece in cat.phrases:
                out.append(cat.phrases[piece])
                i += length
                break
        else:
            out.append(run[i].translate(cat.chars))
            i += 1
    return "".join(out)


def to_hant(text: str) -> str:
    """`text` (Simplified, as the calculators write it) in Traditional characters.

    Only Han characters and quotation marks (“” -> 「」) change, so HTML markup, numbers and
    CSV separators pass through.
    """
    if not _HAN_RUN.search(text):
        return text
    text = _HAN_RUN.sub(lambda m: _run(m.group(0)), text)
    for simplified, traditional in _QUOTES:
        text = text.replace(simplified, traditional)
    return text


def input_forms(text: str) -> str:
    """Typed text with the parser's words in the forms it reads (萬 -> 万, 個月 -> 个月)."""
    return text.translate(catalog().inputs)


def localize(view: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """A `render` answer in `lang`: its text values converted, keys and flags untouched."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGS)})")
    if lang == HANS:
        return dict(view)
    return {
        key: to_hant(value) if isinstance(value, str) and key != "field" else value
        for key, value in view.items()
    }
