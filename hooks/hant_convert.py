"""Simplified -> Traditional: OpenCC with reviewed exceptions, for pages, config and catalog.

Not a hook (mkdocs.yml does not list it): hooks/traditional.py converts the zh-Hant edition's
config, front matter, pages and templates with `converter()`, and hooks/hant_catalog.py
converts the calculators' string literals with the same converter, so a page and the
calculator answers on it use the same characters. The OpenCC config and the exceptions
file are the edition's (hooks/editions.py).

Conversion: OpenCC `s2tw`, phrase-level, with the reviewed exceptions in
hooks/hant-exceptions.toml. Why s2tw:
- `s2t` alone writes OpenCC's reference glyphs, several of which readers rarely see today:
  爲 (為), 裏 (裡), 覈 (核: 審覈), 纔 (才), 喫 (吃), 羣 (群).
- `s2twp` also swaps in Taiwan's vocabulary: 信息 -> 資訊, 打印 -> 列印, 默认 -> 預設,
  链接 -> 連結, so 《个人信息保护法》 would become 個人資訊保護法 -- an official title of a
  mainland law changed, and the mainland institutions' own words replaced.
- `s2tw` is s2t's phrase conversion plus Taiwan's standard character forms and nothing else:
  the words stay the mainland's, in the characters Taiwan and Hong Kong readers expect.

`leftovers(text)` is the check the tests run over the built zh-Hant pages and the
calculators' answers: Simplified characters a conversion would still change.

Imported at the top of a hook's module (see hooks/editions.py for why and how).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.hant_convert
    from hooks import editions
else:  # MkDocs, ProperDocs: imported by a hook loaded by path, hooks/ on sys.path
    import editions

HANT = editions.HANT
HOOKS_DIR = Path(__file__).resolve().parent


def exceptions_file(lang: str = HANT) -> Path:
    """The edition's reviewed exceptions (hooks/hant-exceptions.toml for zh-Hant)."""
    name = editions.get(lang).exceptions
    if name is None:
        raise ValueError(f"the {lang} edition has no exceptions file")
    return HOOKS_DIR / name


def opencc_config(lang: str = HANT) -> str:
    config = editions.get(lang).opencc
    if config is None:
        raise ValueError(f"the {lang} edition is not converted")
    return config


OPENCC_CONFIG = opencc_config()  # s2tw: see the module docstring for why not s2t or s2twp
EXCEPTIONS_FILE = exceptions_file()

# Han ideographs: the only characters OpenCC's s2tw changes (punctuation stays as it is).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN}]+")
# Quotation marks as Traditional text writes them (Taiwan, Hong Kong): 「」 and, inside, 『』.
QUOTES = str.maketrans("\u201c\u201d\u2018\u2019", "「」『』")
# Placeholders for protected terms while OpenCC runs: Unicode private use, which OpenCC
# passes through untouched and which no page or literal contains.
_PRIVATE = 0xF0000


def load_exceptions(path: Path = EXCEPTIONS_FILE) -> dict[str, dict[str, str]]:
    """The reviewed exceptions by section: {"fix": {...}, "pinned": {...}, "keep": {...}}."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    sections: dict[str, dict[str, str]] = {}
    for section in ("fix", "pinned", "keep"):
        table = data.get(section, {})
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k for k, v in table.items()
        ):
            raise PluginError(f"{path.name}: [{section}] must map text to text")
        sections[section] = dict(table)
    unknown = set(data) - set(sections)
    if unknown:
        raise PluginError(f"{path.name}: unknown sections {sorted(unknown)}")
    return sections


def exception_table(sections: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for entries in sections.values():
        table.update(entries)
    return table


class Converter:
    """Simplified -> Traditional: OpenCC `s2tw` with protected terms.

    Every occurrence of a key of `exceptions` (longest first) is set aside before OpenCC runs
    and comes back as exactly its value; so is every occurrence of a value. Quotation marks
    become 「」 (『』 inside), as Traditional text writes them; text without Han characters
    is left alone.

    >>> convert = Converter({"发卡": "發卡"})
    >>> convert("请联系“发卡银行”")
    '請聯繫「發卡銀行」'
    """

    def __init__(self, exceptions: Mapping[str, str], config: str = OPENCC_CONFIG) -> None:
        import opencc

        self._opencc = opencc.OpenCC(config)
        # The Traditional forms are protected too, so converting converted text changes
        # nothing: 寫明了 would otherwise become 寫明瞭 on a second pass (明了 -> 明瞭).
        self.exceptions = {v: v for v in exceptions.values() if HAN_RUN.search(v)}
        self.exceptions.update(exceptions)
        keys = sorted(self.exceptions, key=lambda k: (-len(k), k))
        self._keys = keys
        self._protect = re.compile("|".join(map(re.escape, keys))) if keys else None
        self._index = {key: i for i, key in enumerate(keys)}

    def __call__(self, text: str) -> str:
        if not HAN_RUN.search(text):
            return text
        return self._han(text).translate(QUOTES)

    def _han(self, text: str) -> str:
        if self._protect is None:
            return str(self._opencc.convert(text))
        marks: list[str] = []

        def mark(match: re.Match[str]) -> str:
            marks.append(match.group(0))
            return chr(_PRIVATE + self._index[match.group(0)])

        protected = self._protect.sub(mark, text)
        if not marks:
            return str(self._opencc.convert(text))
        converted = str(self._opencc.convert(protected))
        first, last = _PRIVATE, _PRIVATE + len(self._keys) - 1
        return "".join(
            self.exceptions[self._keys[ord(c) - _PRIVATE]] if first <= ord(c) <= last else c
            for c in converted
        )


@functools.cache
def converter(lang: str = HANT) -> Converter:
    """An edition's converter (zh-Hant: OpenCC s2tw + hooks/hant-exceptions.toml), made once."""
    return Converter(exception_table(load_exceptions(exceptions_file(lang))), opencc_config(lang))


def convert_tree(value: Any, convert: Callable[[str], str]) -> Any:
    """Every string inside nested dicts and lists converted (keys that are text, too)."""
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, list):
        return [convert_tree(v, convert) for v in value]
    if isinstance(value, dict):
        return {
            (convert(k) if isinstance(k, str) else k): convert_tree(v, convert)
            for k, v in value.items()
        }
    return value


@functools.cache
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


@functools.cache
def _simplified_side(char: str) -> bool:
    """OpenCC's reverse conversion (t2s) leaves `char` as it is: it is a Simplified form, or
    a character both scripts share (系, 干, 只), as opposed to 閲 or 為."""
    return bool(_opencc("t2s").convert(char) == char)


def leftovers(text: str, convert: Callable[[str], str] | None = None) -> list[str]:
    """Simplified characters left in `text`, each as "char: context".

    A character counts when converting `text` once more, phrase by phrase and with the
    exceptions, would change it, and OpenCC's reverse conversion would not: 这 and the 系 of
    联系 count; the 干 of 若干, the 准 of 批准, 简体中文 (an exception) and 閲 (a Hong Kong
    form of 閱) do not.

    >>> leftovers("若干問題，联系我們")
    ['联: 若干問題，联系我們', '系: 若干問題，联系我們']
    """
    convert = convert or converter()
    converted = convert(text)
    if converted == text:
        return []
    if len(converted) != len(text):  # rare: compare run by run
        return [item for m in HAN_RUN.finditer(text) for item in leftovers(m.group(0), convert)]
    return [
        f"{char}: {text[max(0, i - 10) : i + 10]}"
        for i, (char, new) in enumerate(zip(text, converted, strict=True))
        if new != char and _simplified_side(char)
    ]
