"""MkDocs hook: the Traditional Chinese edition (繁體中文), generated from the Simplified source.

What a build makes:

    site/            the Simplified edition, from docs/ as written (<html lang="zh-Hans">)
    site/zh-Hant/    the same pages in Traditional characters (<html lang="zh-Hant">), with
                     its own search index, sitemap and 404 page; its calculator pages use the
                     one Pyodide runtime, bridge and wheel of the root edition (../assets/).

The Traditional edition is a second MkDocs build of the same docs/, run in-process from
`on_post_build` of the first, with a config derived from mkdocs.yml: every string converted
(site name, nav titles, palette labels, copyright), `theme.language: custom-hant`, and
`extra.edition` telling the templates which edition they draw. In that build this hook
converts each page's front matter, then its rendered HTML once every other hook has added
to it (abbreviations, LPR figures, widgets), and finally the whole page, which catches the
template's own strings. Two builds rather than one site with both trees: one theme language,
one `<html lang>` and one search index per edition are how mkdocs-material works, and each
edition's sitemap lists only its own pages, so instant navigation never crosses editions and
the language selector always loads the twin page in full.

The calculators speak Traditional through a catalog (calculators/web/hant.json) generated
here from every Chinese string literal in calculators/ (an AST walk, f-string parts
included), so the browser needs no converter: `calculators.web.render(name, inputs,
"zh-Hant")` converts its output with it. The catalog is written before hooks/runtime.py
builds the wheel (this hook's `on_config` runs first), only when its content changes.

Conversion: OpenCC `s2tw`, phrase-level, with the reviewed exceptions in
hooks/hant-exceptions.toml. Why s2tw:
- `s2t` alone writes OpenCC's reference glyphs, several of which readers rarely see today:
  爲 (為), 裏 (裡), 覈 (核: 審覈), 纔 (才), 喫 (吃), 羣 (群).
- `s2twp` also swaps in Taiwan's vocabulary: 信息 -> 資訊, 打印 -> 列印, 默认 -> 預設,
  链接 -> 連結, so 《个人信息保护法》 would become 個人資訊保護法 -- an official title of a
  mainland law changed, and the mainland institutions' own words replaced.
- `s2tw` is s2t's phrase conversion plus Taiwan's standard character forms and nothing else:
  the words stay the mainland's, in the characters Taiwan and Hong Kong readers expect.

MkDocs quirks:
- Hooks are loaded by path, once per process (MkDocs caches the module), so the Traditional
  build runs this same module: every event looks at `config.extra.edition` to know which
  edition it is building.
- Event order between hooks follows mkdocs.yml, except where `event_priority` says otherwise:
  the catalog must exist before hooks/runtime.py builds the wheel (`on_config`, first), and
  a page's HTML is converted after every other hook's `on_page_content` (last).
- The Traditional build runs the same hooks; hooks/runtime.py copies nothing there (the
  runtime is shared), and the templates reach the shared files through
  `extra.edition.site_root` ("../").
"""

from __future__ import annotations

import ast
import functools
import json
import logging
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.traditional")

OPENCC_CONFIG = "s2tw"  # see the module docstring for why not s2t or s2twp
HANS, HANT = "zh-Hans", "zh-Hant"
EDITION_DIR = "zh-Hant"  # the Traditional edition's directory inside the site
THEME_LANGUAGE = "custom-hant"  # overrides/partials/languages/custom-hant.html
EXTRA_KEY = "edition"  # config.extra key read by the templates
SHARED_DIR = "assets"  # under docs/: static files both editions load from the root edition
PACKAGE = "calculators"
CATALOG = Path(PACKAGE) / "web" / "hant.json"  # inside the project; git-ignored, in the wheel
EXCEPTIONS_FILE = Path(__file__).resolve().with_name("hant-exceptions.toml")
ROOT = Path(__file__).resolve().parent.parent

# Han ideographs: the only characters OpenCC's s2tw changes (punctuation stays as it is).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN}]+")
# Quotation marks as Traditional text writes them (Taiwan, Hong Kong): 「」 and, inside, 『』.
QUOTES = str.maketrans("\u201c\u201d\u2018\u2019", "「」『』")
# Placeholders for protected terms while OpenCC runs: Unicode private use, which OpenCC
# passes through untouched and which no page or literal contains.
_PRIVATE = 0xF0000


# --- the converter ----------------------------------------------------------------------------


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
def converter() -> Converter:
    """The site's converter (OpenCC s2tw + hooks/hant-exceptions.toml), made once."""
    return Converter(exception_table(load_exceptions()))


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


# --- the calculators' catalog -------------------------------------------------------------------


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                found.add(id(body[0].value))
    return found


def literal_pieces(source: str) -> list[str]:
    """Every string literal of a module that contains Han characters, docstrings excepted.

    An f-string counts by its constant parts: f"第 {n} 期" gives "第 " and " 期".

    >>> literal_pieces('X = f"第 {n} 期"  # 注释\\nY = "ok"')
    ['第 ', ' 期']
    """
    tree = ast.parse(source)
    skip = _docstrings(tree)
    pieces = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and HAN_RUN.search(node.value)
        ):
            pieces.append(node.value)
    return pieces


def package_sources(package_dir: Path) -> list[Path]:
    return sorted(p for p in package_dir.rglob("*.py") if "__pycache__" not in p.parts)


def parser_characters(package_dir: Path) -> set[str]:
    """Han characters the input parser itself reads (万, 亿, 块, 个, 对 ...), from money.py."""
    pieces = literal_pieces((package_dir / "money.py").read_text(encoding="utf-8"))
    return {char for piece in pieces for run in HAN_RUN.findall(piece) for char in run}


def fallback_characters() -> list[str]:
    """Characters for text the catalog has not seen (what people type): all of GB 2312's
    Han characters, the set every Simplified input method covers."""
    chars = []
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        chars.append(char)
    return chars


def build_catalog(package_dir: Path, convert: Callable[[str], str]) -> dict[str, Any]:
    """The catalog that calculators/web/hant.py applies (JSON-serialisable).

    - ``phrases``: every run of Han characters in every literal of the package, converted
      as a phrase (so 若干 stays 若干, where the character table alone would give 若幹),
      and the reviewed exceptions;
    - ``chars``: single characters, for text no literal contains (names people type), as two
      strings of equal length, Simplified and Traditional;
    - ``input``: the Traditional forms of the characters the input parser reads, mapped back
      (萬 -> 万), so "10萬" typed on a Traditional page parses as "10万" does.
    """
    runs: set[str] = set()
    for path in package_sources(package_dir):
        for piece in literal_pieces(path.read_text(encoding="utf-8")):
            runs.update(HAN_RUN.findall(piece))
    # The exceptions are phrases too: names people type into the debt list (借呗, 网商贷)
    # come out as reviewed.
    sections = load_exceptions()
    named = {**sections["fix"], **sections["pinned"]}
    runs.update(k for k in named if HAN_RUN.fullmatch(k))
    phrases = {run: convert(run) for run in sorted(runs)}
    bad = {k: v for k, v in phrases.items() if len(v) != len(k)}
    if bad:
        raise PluginError(f"conversion changed the length of {bad}; the catalog needs 1:1")
    simplified, traditional = [], []
    for char in fallback_characters():
        target = convert(char)
        if target != char and len(target) == 1:
            simplified.append(char)
            traditional.append(target)
    input_forms = {}
    for char in sorted(parser_characters(package_dir)):
        target = convert(char)
        if target != char:
            input_forms[target] = char
    return {
        "about": (
            "Generated by hooks/traditional.py from the string literals of calculators/ "
            f"with OpenCC {OPENCC_CONFIG} and hooks/hant-exceptions.toml; do not edit."
        ),
        "opencc": OPENCC_CONFIG,
        "phrases": phrases,
        "chars": {"from": "".join(simplified), "to": "".join(traditional)},
        "input": input_forms,
    }


def catalog_text(catalog: Mapping[str, Any]) -> str:
    return json.dumps(catalog, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def write_catalog(project_root: Path = ROOT) -> bool:
    """(Re)generate calculators/web/hant.json; True when its content changed.

    Written only on change, so its modification time (and the wheel's hash) move only when
    a literal does, and `mkdocs serve`, which watches calculators/, does not loop.
    """
    target = project_root / CATALOG
    text = catalog_text(build_catalog(project_root / PACKAGE, converter()))
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True


# --- the Traditional edition's config -------------------------------------------------------------


def edition(config: Any) -> dict[str, Any]:
    value = config.extra.get(EXTRA_KEY)
    return value if isinstance(value, dict) else {}


def is_hant(config: Any) -> bool:
    return edition(config).get("lang") == HANT


def alternates() -> list[dict[str, str]]:
    """The language selector's entries; `root` is each edition's root seen from the other's
    root, filled in per edition by `edition_extra`."""
    return [
        {"name": "简体中文", "lang": HANS},
        {"name": "繁體中文", "lang": HANT},
    ]


def edition_extra(lang: str) -> dict[str, Any]:
    """`config.extra.edition` for one edition: its language, and for each entry of the
    language selector the path from this edition's root to that edition's root."""
    roots = {HANS: {HANS: "", HANT: f"{EDITION_DIR}/"}, HANT: {HANS: "../", HANT: ""}}[lang]
    return {
        "lang": lang,
        "alternates": [{**alt, "root": roots[alt["lang"]]} for alt in alternates()],
        # From this edition's root to the root of the site, where the shared runtime lives.
        "site_root": "" if lang == HANS else "../",
    }


def read_raw_config(config_file: str) -> dict[str, Any]:
    """mkdocs.yml as a plain dict (INHERIT and MkDocs's YAML tags resolved)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as handle:
        raw = yaml_load(handle)
    if not isinstance(raw, dict):
        raise PluginError(f"{config_file} is not a mapping")
    return raw


def hant_raw_config(
    raw: Mapping[str, Any],
    site_dir: str,
    site_url: str | None,
    docs_dir: str,
    convert: Callable[[str], str],
) -> dict[str, Any]:
    """The Traditional edition's config, from the Simplified one's raw dict.

    Every string is converted (site name, description, copyright, nav titles, the palette's
    labels); the shared static files under docs/assets/ are left to the root edition.
    """
    derived: dict[str, Any] = convert_tree(dict(raw), convert)
    derived["docs_dir"] = docs_dir
    derived["site_dir"] = site_dir
    if site_url:
        derived["site_url"] = site_url.rstrip("/") + f"/{EDITION_DIR}/"
    theme = dict(derived.get("theme") or {})
    theme["language"] = THEME_LANGUAGE
    derived["theme"] = theme
    extra = dict(derived.get("extra") or {})
    extra[EXTRA_KEY] = edition_extra(HANT)
    extra["alternate"] = True  # see _use_own_selector
    derived["extra"] = extra
    # Shared files (the bridge, the worker, the styles) stay at the root (see `on_files`);
    # the templates and extra_css reach them through ../ (extra.edition.site_root).
    derived["extra_css"] = [_up(entry) for entry in derived.get("extra_css") or []]
    derived["extra_javascript"] = [_up(entry) for entry in derived.get("extra_javascript") or []]
    return derived


def _up(entry: Any) -> Any:
    """A site-relative extra_css/extra_javascript path, seen from the zh-Hant/ directory."""
    if isinstance(entry, str):
        return entry if re.match(r"^[a-z]+:|^/", entry) else f"../{entry}"
    if isinstance(entry, dict) and isinstance(entry.get("path"), str):
        return {**entry, "path": _up(entry["path"])}
    return entry


def build_hant(config: Any) -> Path:
    """Build the Traditional edition into `config.site_dir`/zh-Hant/; returns that path."""
    from mkdocs.commands.build import build
    from mkdocs.config.defaults import MkDocsConfig

    raw = read_raw_config(config.config_file_path)
    site_dir = Path(config.site_dir) / EDITION_DIR
    derived = hant_raw_config(raw, str(site_dir), config.site_url, config.docs_dir, converter())
    derived["strict"] = config.strict
    hant = MkDocsConfig(config_file_path=config.config_file_path)
    hant.load_dict(derived)
    errors, warnings = hant.validate()
    problems = [f"{k}: {e}" for k, e in [*errors, *(warnings if hant.strict else [])]]
    if problems:
        raise PluginError(f"the zh-Hant edition's config is not valid: {problems}")
    build(hant, dirty=False)
    return site_dir


# --- MkDocs events ---------------------------------------------------------------------------


@event_priority(100)  # before hooks/runtime.py builds the wheel, which ships the catalog
def on_config(config: Any) -> Any:
    if is_hant(config):
        return config
    if write_catalog():
        log.info("calculators/web/hant.json regenerated")
    config.extra[EXTRA_KEY] = edition_extra(HANS)
    _use_own_selector(config)
    return config


def _use_own_selector(config: Any) -> None:
    # True (not a list): the header includes partials/alternate.html (our per-page selector),
    # and base.html's `is iterable` loop writes no <link rel="alternate">, the theme's cue to
    # fetch each edition's sitemap on every page (see overrides/partials/alternate.html).
    config.extra["alternate"] = True


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    # The front matter's title and description reach the templates and the search index
    # without passing through the page's HTML.
    if is_hant(config):
        convert = converter()
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = convert(page.meta[key])
    return markdown


@event_priority(-100)  # after every other hook's on_page_content
def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    # The page is converted as rendered HTML, once everything is in it: the Markdown, the
    # auto-appended abbreviations and the glossary tooltips (hooks/abbreviations.py matches
    # the Simplified terms), the LPR figures and the widgets (hooks/shortcodes.py; already
    # Traditional, drawn with lang="zh-Hant", and unchanged by a second conversion). The
    # search plugin indexes the result. Heading anchors come from the Simplified headings,
    # so both editions share them and the language selector can keep a #fragment.
    if not is_hant(config):
        return html
    convert = converter()
    _convert_toc(page.toc, convert)
    return convert(html)


def _convert_toc(items: Any, convert: Callable[[str], str]) -> None:
    for item in items or []:
        item.title = convert(item.title)
        _convert_toc(item.children, convert)


@event_priority(-100)
def on_post_page(output: str, *, page: Any, config: Any) -> str:
    # The template's own strings (the page notice, the palette's labels, the footer) and
    # anything a hook inserted into the HTML: the whole page once more. Converting text that
    # is already Traditional leaves it as it is (tests/traditional checks the site for it).
    return converter()(output) if is_hant(config) else output


def on_post_template(output_content: str, *, template_name: str, config: Any) -> str:
    return converter()(output_content) if is_hant(config) else output_content


def on_files(files: Any, *, config: Any) -> Any:
    # docs/assets/ (the bridge, the worker, the calculators' styles) is served once, by the
    # root edition; the theme's own assets are not from docs/ and stay.
    if not is_hant(config):
        return files
    shared = Path(config.docs_dir, SHARED_DIR).resolve()
    for file in list(files):
        source = file.abs_src_path
        if source and not file.is_documentation_page() and shared in Path(source).resolve().parents:
            files.remove(file)
    return files


def on_post_build(*, config: Any) -> None:
    if is_hant(config):
        return
    build_hant(config)
