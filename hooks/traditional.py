"""MkDocs hook: the Traditional Chinese edition (繁體中文), generated from the Simplified source.

What a build makes:

    site/            the Simplified edition, from docs/ as written (<html lang="zh-Hans">)
    site/zh-Hant/    the same pages in Traditional characters (<html lang="zh-Hant">), with
                     its own search index, sitemap and 404 page; its calculator pages use the
                     one Pyodide runtime, bridge and wheel of the root edition (../assets/).

The editions, their directories, theme languages and converters are listed once, in
hooks/editions.py; this hook builds every converted edition there is (today zh-Hant). Its
helpers, imported at the top (see hooks/editions.py for how): hooks/hant_convert.py (OpenCC
s2tw with hooks/hant-exceptions.toml) and hooks/hant_catalog.py (the calculators' catalog).

A converted edition is a second MkDocs build of the same docs/, run in-process from
`on_post_build` of the first, with a config derived from mkdocs.yml: every string converted
(site name, nav titles, palette labels, copyright), the edition's `theme.language`
(custom-hant), and `extra.edition` (`editions.edition_extra`) telling the templates which
edition they draw. In that build this hook converts each page's front matter, then its
rendered HTML once every other hook has added to it (abbreviations, LPR figures, widgets),
and finally the whole page, which catches the template's own strings. Two builds rather than
one site with both trees: one theme language, one `<html lang>` and one search index per
edition are how mkdocs-material works, and each edition's sitemap lists only its own pages,
so instant navigation never crosses editions and the language selector always loads the twin
page in full.

The calculators' catalog (calculators/web/hant.json) is written by `on_config` of the
Simplified build, before hooks/runtime.py builds the wheel that ships it.

MkDocs quirks:
- Hooks are loaded by path, once per process (MkDocs caches the module), so the Traditional
  build runs this same module: every event asks `editions.current(config)` (from
  `config.extra.edition`) which edition it is building.
- Event order between hooks follows mkdocs.yml, except where `event_priority` says otherwise:
  the catalog must exist before hooks/runtime.py builds the wheel (`on_config`, first), and
  a page's HTML is converted after every other hook's `on_page_content` (last).
- The Traditional build runs the same hooks; hooks/runtime.py copies nothing there (the
  runtime is shared), and the templates reach the shared files through
  `extra.edition.site_root` ("../").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.traditional
    from hooks import editions
    from hooks.hant_catalog import build_catalog, catalog_text, write_catalog
    from hooks.hant_convert import convert_tree, converter, leftovers
else:  # MkDocs, ProperDocs: loaded by path, hooks/ on sys.path while this file runs
    import editions
    from hant_catalog import build_catalog, catalog_text, write_catalog
    from hant_convert import convert_tree, converter, leftovers

log = logging.getLogger("mkdocs.hooks.traditional")

HANS, HANT = editions.HANS, editions.HANT
EXTRA_KEY = editions.EXTRA_KEY  # config.extra key read by the templates
SHARED_DIR = "assets"  # under docs/: static files both editions load from the root edition
# The Traditional edition's directory inside the site. With build_catalog, catalog_text,
# converter and leftovers, imported from here by tests/browser.
EDITION_DIR = editions.get(HANT).dir

__all__ = [
    "EDITION_DIR",
    "build_catalog",
    "build_edition",
    "catalog_text",
    "converter",
    "hant_raw_config",
    "leftovers",
    "read_raw_config",
]


# --- a converted edition's config ------------------------------------------------------------


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
    lang: str = HANT,
) -> dict[str, Any]:
    """A converted edition's config (zh-Hant unless `lang` says), from the source's raw dict.

    Every string is converted (site name, description, copyright, nav titles, the palette's
    labels); the shared static files under docs/assets/ are left to the root edition.
    """
    edition = editions.get(lang)
    derived: dict[str, Any] = convert_tree(dict(raw), convert)
    derived["docs_dir"] = docs_dir
    derived["site_dir"] = site_dir
    if site_url:
        derived["site_url"] = site_url.rstrip("/") + f"/{edition.dir}/"
    theme = dict(derived.get("theme") or {})
    theme["language"] = edition.theme_language
    derived["theme"] = theme
    extra = dict(derived.get("extra") or {})
    extra[EXTRA_KEY] = editions.edition_extra(lang)
    extra["alternate"] = True  # see _use_own_selector
    derived["extra"] = extra
    # Shared files (the bridge, the worker, the styles) stay at the root (see `on_files`);
    # the templates and extra_css reach them through ../ (extra.edition.site_root).
    up = edition.site_root
    derived["extra_css"] = [_up(entry, up) for entry in derived.get("extra_css") or []]
    derived["extra_javascript"] = [
        _up(entry, up) for entry in derived.get("extra_javascript") or []
    ]
    return derived


def _up(entry: Any, up: str) -> Any:
    """A site-relative extra_css/extra_javascript path, seen from an edition's directory."""
    if isinstance(entry, str):
        return entry if re.match(r"^[a-z]+:|^/", entry) else f"{up}{entry}"
    if isinstance(entry, dict) and isinstance(entry.get("path"), str):
        return {**entry, "path": _up(entry["path"], up)}
    return entry


def build_edition(config: MkDocsConfig, lang: str = HANT) -> Path:
    """Build a converted edition into `config.site_dir`/<its dir>/; returns that path."""
    from mkdocs.commands.build import build
    from mkdocs.config.defaults import MkDocsConfig

    edition = editions.get(lang)
    raw = read_raw_config(config.config_file_path)
    site_dir = Path(config.site_dir) / edition.dir
    derived = hant_raw_config(
        raw, str(site_dir), config.site_url, config.docs_dir, converter(lang), lang
    )
    derived["strict"] = config.strict
    built = MkDocsConfig(config_file_path=config.config_file_path)
    built.load_dict(derived)
    errors, warnings = built.validate()
    problems = [f"{k}: {e}" for k, e in [*errors, *(warnings if built.strict else [])]]
    if problems:
        raise PluginError(f"the {lang} edition's config is not valid: {problems}")
    build(built, dirty=False)
    return site_dir


def _converter(config: MkDocsConfig) -> Callable[[str], str] | None:
    """The converter of the edition `config` builds; None for the source edition."""
    edition = editions.current(config)
    return converter(edition.lang) if edition.converted else None


# --- MkDocs events ---------------------------------------------------------------------------


@event_priority(100)  # before hooks/runtime.py builds the wheel, which ships the catalog
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if editions.current(config).converted:
        return config
    if write_catalog():
        log.info("calculators/web/hant.json regenerated")
    config.extra[EXTRA_KEY] = editions.edition_extra(editions.SOURCE.lang)
    _use_own_selector(config)
    return config


def _use_own_selector(config: MkDocsConfig) -> None:
    # True (not a list): the header includes partials/alternate.html (our per-page selector),
    # and base.html's `is iterable` loop writes no <link rel="alternate">, the theme's cue to
    # fetch each edition's sitemap on every page (see overrides/partials/alternate.html).
    config.extra["alternate"] = True


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The front matter's title and description reach the templates and the search index
    # without passing through the page's HTML.
    convert = _converter(config)
    if convert is not None:
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = convert(page.meta[key])
    return markdown


@event_priority(-100)  # after every other hook's on_page_content
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The page is converted as rendered HTML, once everything is in it: the Markdown, the
    # auto-appended abbreviations and the glossary tooltips (hooks/abbreviations.py matches
    # the Simplified terms), the LPR figures and the widgets (hooks/shortcodes.py; already
    # Traditional, drawn with lang="zh-Hant", and unchanged by a second conversion). The
    # search plugin indexes the result. Heading anchors come from the Simplified headings,
    # so both editions share them and the language selector can keep a #fragment.
    convert = _converter(config)
    if convert is None:
        return html
    _convert_toc(page.toc, convert)
    return convert(html)


def _convert_toc(items: Iterable[AnchorLink] | None, convert: Callable[[str], str]) -> None:
    for item in items or []:
        item.title = convert(item.title)
        _convert_toc(item.children, convert)


@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # The template's own strings (the page notice, the palette's labels, the footer) and
    # anything a hook inserted into the HTML: the whole page once more. Converting text that
    # is already Traditional leaves it as it is (tests/traditional checks the site for it).
    convert = _converter(config)
    return output if convert is None else convert(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    convert = _converter(config)
    return output_content if convert is None else convert(output_content)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # docs/assets/ (the bridge, the worker, the calculators' styles) is served once, by the
    # root edition; the theme's own assets are not from docs/ and stay.
    if not editions.current(config).converted:
        return files
    shared = Path(config.docs_dir, SHARED_DIR).resolve()
    for file in list(files):
        source = file.abs_src_path
        if source and not file.is_documentation_page() and shared in Path(source).resolve().parents:
            files.remove(file)
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    if editions.current(config).converted:
        return
    for edition in editions.converted():
        build_edition(config, edition.lang)
