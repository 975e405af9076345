"""The site's icons as PNG, rendered from the one drawing, docs/assets/icons/icon.svg.

Run after changing the drawing: `.venv/bin/python -m scripts.make_icons` (Debian's Chromium,
as the browser tests use it). The PNGs are committed: the build needs no browser.
tests/browser/test_install.py renders them again and fails when they no longer match the
drawing, so they cannot drift apart.

- icon-192.png, icon-512.png: the drawing as it is (purpose "any" in the manifest);
- icon-maskable-512.png: for launchers that cut their own shape (purpose "maskable"): the
  background fills the square, the drawing shrunk into the central safe circle;
- apple-touch-icon.png (180 px): the same full square, which iOS rounds itself.
"""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "docs" / "assets" / "icons"
DRAWING = ICONS / "icon.svg"
MASKABLE_SCALE = 0.72  # the drawing's corners stay inside the circle of 80 % of the side

# name -> (size in px, full square?)
PNGS: dict[str, tuple[int, bool]] = {
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-512.png": (512, True),
    "apple-touch-icon.png": (180, True),
}


def full_square(svg: str) -> str:
    """The drawing on a background that fills the square, shrunk around its centre."""
    background = re.search(r'<rect width="512" height="512" rx="\d+" (fill="[^"]+")/>', svg)
    if background is None:
        raise ValueError("icon.svg: its first shape must be the 512 x 512 background")
    head, rest = svg[: background.start()], svg[background.end() :]
    body, tail = rest[: rest.rindex("</svg>")], "</svg>\n"
    s = MASKABLE_SCALE
    return (
        f'{head}<rect width="512" height="512" {background.group(1)}/>'
        f'<g transform="translate(256 256) scale({s}) translate(-256 -256)">{body}</g>{tail}'
    )


def source(name: str) -> str:
    svg = DRAWING.read_text(encoding="utf-8")
    return full_square(svg) if PNGS[name][1] else svg


def render(page: object, name: str) -> bytes:
    """`name` rendered by Chromium (a Playwright page) at its size, as PNG bytes."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    size = PNGS[name][0]
    data = base64.b64encode(source(name).encode()).decode()
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        '<html><body style="margin:0;background:transparent">'
        f'<img src="data:image/svg+xml;base64,{data}" width="{size}" height="{size}"'
        ' style="display:block"></body></html>'
    )
    page.wait_for_function("() => document.images[0].complete")
    return page.screenshot(omit_background=True)


def main() -> int:
    from playwright.sync_api import sync_playwright

    from benchmarks.chromium import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        for name in PNGS:
            (ICONS / name).write_bytes(render(page, name))
            print(f"wrote {ICONS / name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
