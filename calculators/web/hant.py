"""Traditional Chinese for the calculators' output, without a converter in the browser.

The catalog `hant.json` beside this file is generated at site-build time by
hooks/traditional.py (OpenCC s2tw with the site's reviewed exceptions) from every Chinese
string literal in this package, and ships in the wheel; it is not kept in git, so it can
never be stale. Here it is only applied:

- `to_hant(text)`: each run of Han characters is cut greedily into the longest phrases the
  catalog knows (the literals' own runs, converted as phrases: 若干 stays 若干), and whatever
  is left (a name someone typed) goes character by character through the fallback table;
- `input_forms(text, name)`: the Traditional forms of the words the parsers read go back to
  their own, so a reader of the Traditional edition types as usual, and what the page itself
  shows (its default debt list, its example log) reads back as it was written: the number
  words of the input parser character by character (10萬 -> 10万), and calculator `name`'s
  words whole (`typed_words`: its choices, the kinds of a debt list's rows, yes and no, the
  words its free text is read for, 銀行信用卡 -> 银行信用卡, 對方打來 -> 对方打来). Only
  text that fits a box is converted: longer text is refused by its length anyway, so a
  megabyte costs what it costs in the Simplified edition.

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

from calculators import ics, registry
from calculators.fields import NO_WORDS, YES_WORDS, Kind
from calculators.money import MAX_LINES_TEXT

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


def input_forms(text: str, name: str | None = None) -> str:
    """Typed text with the parsers' words in the forms they read (萬 -> 万, 個月 -> 个月, and
    calculator `name`'s `typed_words`: 銀行信用卡 -> 银行信用卡). Text longer than any box
    holds is returned as it is (its length is refused before anything reads it)."""
    if len(text) > MAX_LINES_TEXT:
        return text
    if name is not None:
        pattern, back = _word_table(name)
        if pattern is not None:
            text = pattern.sub(lambda m: back[m.group(0)], text)
    return text.translate(catalog().inputs)


def typed_words(name: str) -> frozenset[str]:
    """The words calculator `name` reads in typed text: its choices' labels (in boxes and in a
    debt list's rows), yes and no when it has a yes/no box, and its own `TYPED_WORDS`."""
    calc = registry.get(name)
    words = set(calc.typed_words)
    for field in calc.fields:
        words.update(label for _, label in field.choices)
        for column in field.rows:
            words.update(label for _, label in column.choices)
        if field.kind is Kind.FLAG:
            words.update((*YES_WORDS, *NO_WORDS))
    return frozenset(w for w in words if w)


@functools.cache
def _word_table(name: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    back: dict[str, str] = {}
    for word in typed_words(name):
        shown = to_hant(word)
        if shown != word:
            back[shown] = word
    if not back:
        return None, back
    # Longest first: 對方聯繫家人 before 對方.
    return re.compile("|".join(map(re.escape, sorted(back, key=len, reverse=True)))), back


def localize(view: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """A `render` answer in `lang`: its text values converted, keys and flags untouched."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGS)})")
    if lang == HANS:
        return dict(view)
    out = {
        key: to_hant(value) if isinstance(value, str) and key != "field" else value
        for key, value in view.items()
    }
    files = view.get("files")
    if isinstance(files, Mapping):
        out["files"] = {key: _file(file) for key, file in files.items()}
    return out


def _file(file: Mapping[str, str]) -> dict[str, str]:
    """A download in Traditional: its name and its text; a calendar's lines unfolded, converted
    and folded again (a fold may fall inside a phrase, and the 75-octet limit is of bytes)."""
    text = file["text"]
    if file["mime"].startswith("text/calendar"):
        lines = to_hant(text.replace("\r\n ", "")).split("\r\n")
        text = "\r\n".join(ics.fold(line) for line in lines)
    else:
        text = to_hant(text)
    plain = {"plain": to_hant(file["plain"])} if file.get("plain") else {}
    return {**file, "name": to_hant(file["name"]), "text": text} | plain


def case_forms(text: str) -> str:
    """A whole case (calculators/case.py) as the Traditional page typed it, each value read
    back as its box reads it (`input_forms`): the case is JSON, too long for `input_forms` as a
    whole, and only its values are typed. Text that is not a case is returned as it is (the
    case's own validation refuses it)."""
    from calculators import case, jsontext

    try:
        data = jsontext.load(text, max_chars=case.MAX_FILE, max_depth=case.MAX_DEPTH)
    except jsontext.Refused:
        return text

    def back(value: Any) -> Any:
        if isinstance(value, str):
            return input_forms(value)
        if isinstance(value, list):
            return [back(v) for v in value]
        if isinstance(value, dict):
            return {k: back(v) for k, v in value.items()}
        return value

    return json.dumps(back(data), ensure_ascii=False)
