"""MkDocs hook: the web app manifest, so a reader can add the site to the home screen.

Each edition gets its own, at its root (manifest.webmanifest, zh-Hant/manifest.webmanifest),
in its own script: the name and description of its config (hooks/traditional.py converts
every string of the Traditional edition's config, `extra.short_name` included) and its
language. Every URL in it is relative to the manifest itself, so the same build installs
correctly at any origin and under any sub-path: `start_url` is the edition's home page and
`scope` the whole site ("./" at the root, "../" from zh-Hant/), so switching editions stays
inside the installed app. The icons are the committed drawing and its PNGs
(docs/assets/icons/, made by scripts/make_icons.py), shared by both editions from the root.

overrides/main.html links the manifest, the theme colour and the iOS icon from every page,
reading `config.extra.app` (set here) so the colour is written once. `display: standalone`:
the installed site opens without the browser's address bar, like an app.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig

if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.manifest (see hooks/editions.py)
    from hooks import editions
else:  # MkDocs, ProperDocs: loaded by path, hooks/ on sys.path while this file runs
    import editions

FILE = "manifest.webmanifest"
ICONS = "assets/icons/"
THEME_COLOR = "#00796b"  # the header bar: the theme's teal as assets/calc/calc.css darkens it
BACKGROUND = "#ffffff"  # the splash screen while the first page loads
SHORT_NAME_LIMIT = 12  # what a home screen shows under the icon without cutting it
# (file, sizes, type, purpose)
ICON_FILES = (
    ("icon.svg", "any", "image/svg+xml", "any"),
    ("icon-192.png", "192x192", "image/png", "any"),
    ("icon-512.png", "512x512", "image/png", "any"),
    ("icon-maskable-512.png", "512x512", "image/png", "maskable"),
)
APPLE_ICON = "apple-touch-icon.png"  # 180 x 180; iOS reads it from <link>, not the manifest


def manifest(
    name: str, short_name: str, description: str, lang: str, site_root: str
) -> dict[str, Any]:
    """The manifest of the edition whose root is `site_root` away from the site's root."""
    if not 0 < len(short_name) <= SHORT_NAME_LIMIT:
        raise PluginError(
            f"extra.short_name: 1 to {SHORT_NAME_LIMIT} characters, not {short_name!r}"
        )
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": site_root or "./",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": f"{site_root}{ICONS}{file}", "sizes": sizes, "type": kind, "purpose": purpose}
            for file, sizes, kind, purpose in ICON_FILES
        ],
    }


def check_icons(site_dir: Path, data: dict[str, Any]) -> None:
    """Every icon the manifest names is in the built site."""
    for icon in data["icons"]:
        if not (site_dir / icon["src"]).resolve().is_file():
            raise PluginError(f"{FILE}: no {icon['src']} in the site (scripts/make_icons.py)")


# --- MkDocs events ---------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # What overrides/main.html writes into every page's <head>.
    config.extra["app"] = {
        "manifest": FILE,
        "theme_color": THEME_COLOR,
        "apple_icon": ICONS + APPLE_ICON,
    }
    return config


def on_post_build(*, config: MkDocsConfig) -> None:
    edition = editions.current(config)
    data = manifest(
        config.site_name,
        str(config.extra.get("short_name") or ""),
        config.site_description or "",
        edition.lang,
        edition.site_root,
    )
    site_dir = Path(config.site_dir)
    check_icons(site_dir, data)  # zh-Hant's reach the root's, copied before its build
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (site_dir / FILE).write_text(text, encoding="utf-8")
