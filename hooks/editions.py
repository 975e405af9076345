"""The site's editions: the one list, and everything the hooks and templates derive from it.

Not a hook (mkdocs.yml does not list it): hooks/traditional.py, hooks/shortcodes.py,
hooks/runtime.py, hooks/csp.py and the converter (hooks/hant_convert.py) import it.

    lang      dir        label      theme.language  made
    zh-Hans   (root)     简体中文   custom          from docs/ as written
    zh-Hant   zh-Hant/   繁體中文   custom-hant     converted: OpenCC s2tw + hant-exceptions.toml

The first edition is the source; every other one is converted from it and built into its
directory by hooks/traditional.py. From the list come:
- `edition_extra(lang)`: `config.extra.edition`, which the templates read
  (overrides/main.html: `site_root`; overrides/partials/alternate.html: `lang` and
  `alternates`, the language selector's entries with the path from this edition's root to
  each edition's root);
- `current(config)`: the edition a build is making, from that same `config.extra.edition`
  (the source edition when there is none, as in the hooks' unit tests);
- the converted editions' build settings (directory, theme language, OpenCC config and
  exceptions file), read by hooks/traditional.py and hooks/hant_convert.py.

calculators/web/hant.py keeps its own HANS/HANT/LANGS: the package is standard-library only
and must not import the hooks; tests/traditional/test_editions.py checks the two agree.

How the hooks import this module (and each other's helpers): MkDocs and ProperDocs load a
hook by file path, as a module named after its mkdocs.yml entry ("hooks/shortcodes.py"),
with the hook's folder on sys.path only while the file runs; the tests import the hooks as
the package `hooks` (tests/conftest.py puts the repository root on sys.path). So a hook
imports its helpers at module level (later, the folder is no longer on sys.path), choosing
by `__package__`:

    if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.shortcodes
        from hooks import editions
    else:  # MkDocs, ProperDocs: loaded by path, hooks/ on sys.path during the load
        import editions

In a build a helper is the top-level module `editions`, in the tests `hooks.editions`: the
same file either way. A process that does both (tests/hooks/test_site_build.py builds
in-process) holds two copies, each with its own caches (the converter is made twice), which
is all it costs. mypy reads the first branch only (TYPE_CHECKING), so it checks the package
names; tests/traditional/test_editions.py loads the hooks with MkDocs's own loader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

EXTRA_KEY = "edition"  # config.extra key: written by hooks/traditional.py, read by templates


@dataclass(frozen=True)
class Edition:
    lang: str  # BCP 47 tag: <html lang>, hreflang, and the name every hook uses
    dir: str  # directory inside the site; "" for the root (source) edition
    label: str  # the language selector's entry, in the edition's own script
    theme_language: str  # theme.language: overrides/partials/languages/<this>.html
    opencc: str | None = None  # None: the source as written; else OpenCC's config for it
    exceptions: str | None = None  # reviewed exceptions to `opencc`, a file in hooks/

    @property
    def converted(self) -> bool:
        return self.opencc is not None

    @property
    def site_root(self) -> str:
        """From this edition's root to the site's root, where the shared runtime lives."""
        return "../" * depth(self.dir)


EDITIONS: tuple[Edition, ...] = (
    Edition(lang="zh-Hans", dir="", label="简体中文", theme_language="custom"),
    Edition(
        lang="zh-Hant",
        dir="zh-Hant",
        label="繁體中文",
        theme_language="custom-hant",
        # s2tw, not s2t or s2twp: see hooks/hant_convert.py.
        opencc="s2tw",
        exceptions="hant-exceptions.toml",
    ),
)
SOURCE = EDITIONS[0]
LANGS = tuple(e.lang for e in EDITIONS)
HANS, HANT = LANGS


def depth(directory: str) -> int:
    return len([part for part in directory.split("/") if part])


def get(lang: str) -> Edition:
    for edition in EDITIONS:
        if edition.lang == lang:
            return edition
    raise ValueError(f"unknown edition {lang!r} (known: {', '.join(LANGS)})")


def converted() -> tuple[Edition, ...]:
    """The editions made from the source by conversion, in the selector's order."""
    return tuple(e for e in EDITIONS if e.converted)


def root_path(source: Edition, target: Edition) -> str:
    """The path from `source`'s root to `target`'s root: "zh-Hant/", "../", or "" for itself."""
    if source == target:
        return ""
    return source.site_root + (f"{target.dir}/" if target.dir else "")


def edition_extra(lang: str) -> dict[str, Any]:
    """`config.extra.edition` for one edition: its language, and for each entry of the
    language selector the path from this edition's root to that edition's root."""
    here = get(lang)
    return {
        "lang": here.lang,
        "alternates": [
            {"name": e.label, "lang": e.lang, "root": root_path(here, e)} for e in EDITIONS
        ],
        # From this edition's root to the root of the site, where the shared runtime lives.
        "site_root": here.site_root,
    }


def extra_of(config: MkDocsConfig) -> Mapping[str, Any]:
    """`config.extra.edition` as written by `edition_extra`, {} when there is none."""
    extra = getattr(config, "extra", None) or {}
    value = extra.get(EXTRA_KEY)
    return value if isinstance(value, Mapping) else {}


def current(config: MkDocsConfig) -> Edition:
    """The edition `config` builds: the source edition unless config.extra.edition names
    another one."""
    lang = extra_of(config).get("lang")
    return get(lang) if isinstance(lang, str) else SOURCE


def edition_lang(config: MkDocsConfig) -> str:
    """The script of the edition being built ("zh-Hans" when config.extra has no edition)."""
    return current(config).lang
