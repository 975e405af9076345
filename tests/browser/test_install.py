"""The site can be added to the home screen (issue 24, item 5): each edition's web app manifest,
served at a root and under a sub-path, is one Chromium would install from, with a start page
and a scope inside the site where it is served and icons that are there.

Lighthouse 13 (the project's devDependency) no longer has its PWA audits; its old
"installable-manifest" audit asked Chromium `Page.getInstallabilityErrors` over the DevTools
protocol, which is what these tests ask, in a normal (not incognito) profile as Lighthouse's.
"""

from __future__ import annotations

import base64
import json
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright

from benchmarks.chromium import CHROMIUM, CHROMIUM_ARGS
from hooks.manifest import THEME_COLOR
from scripts.make_icons import ICONS, PNGS, source
from tests.site_server import serve

EDITIONS = {"": ("逾期协商自助指南", "逾期协商"), "zh-Hant/": ("逾期協商自助指南", "逾期協商")}


@pytest.fixture(scope="module")
def profile(
    playwright_session: Playwright, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    context = playwright_session.chromium.launch_persistent_context(
        tmp_path_factory.mktemp("profile"),
        executable_path=CHROMIUM,
        args=list(CHROMIUM_ARGS),
        headless=True,
        locale="zh-CN",
    )
    yield context
    context.close()


@pytest.fixture
def tab(profile: BrowserContext) -> Iterator[Page]:
    page = profile.new_page()
    yield page
    page.close()


def installability(page: Page) -> list[str]:
    cdp = page.context.new_cdp_session(page)
    try:
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        return [e["errorId"] for e in errors]
    finally:
        cdp.detach()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("edition", list(EDITIONS), ids=["zh-Hans", "zh-Hant"])
def test_each_edition_installs_where_it_is_served(tab: Page, base_url: str, edition: str) -> None:
    tab.goto(base_url + edition + "guide/sued/")
    assert installability(tab) == []
    href = tab.eval_on_selector('link[rel="manifest"]', "l => l.href")
    assert href == base_url + edition + "manifest.webmanifest"
    response = tab.request.get(href)
    assert response.status == 200
    manifest: dict[str, Any] = json.loads(response.text())
    name, short_name = EDITIONS[edition]
    assert (manifest["name"], manifest["short_name"]) == (name, short_name)
    assert manifest["lang"] == ("zh-Hant" if edition else "zh-Hans")
    # Relative to the manifest: right under any sub-path; the whole site is the app.
    assert urljoin(href, manifest["start_url"]) == base_url + edition
    assert urljoin(href, manifest["scope"]) == base_url
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == THEME_COLOR
    assert tab.get_attribute('meta[name="theme-color"]', "content") == THEME_COLOR
    purposes = set()
    for icon in manifest["icons"]:
        url = urljoin(href, icon["src"])
        assert url.startswith(base_url + "assets/icons/"), url
        got = tab.request.get(url)
        assert got.status == 200 and got.headers["content-type"].startswith("image/"), url
        if icon["type"] == "image/png":
            width, height = png_size(got.body())
            assert icon["sizes"] == f"{width}x{height}", url
        purposes.add(icon["purpose"])
    assert purposes == {"any", "maskable"}
    apple = tab.eval_on_selector('link[rel="apple-touch-icon"]', "l => l.href")
    assert png_size(tab.request.get(apple).body()) == (180, 180)


def test_a_manifest_without_its_icons_would_not_install(
    tab: Page, site_dir: Path, tmp_path: Path
) -> None:
    """The check can fail: the home page beside a manifest with its icons taken out."""
    (tmp_path / "index.html").write_bytes((site_dir / "index.html").read_bytes())
    manifest = json.loads((site_dir / "manifest.webmanifest").read_text(encoding="utf-8"))
    manifest["icons"] = []
    (tmp_path / "manifest.webmanifest").write_text(json.dumps(manifest), encoding="utf-8")
    server = serve(tmp_path, "/elsewhere/")
    try:
        tab.goto(server.url)
        assert installability(tab) != []
    finally:
        server.close()


# The committed PNG against the drawing rendered now, pixel by pixel in a canvas: the share of
# pixels whose colour differs by more than a little (anti-aliased edges may differ by a shade
# between Chromium versions; a changed drawing differs in whole areas).
COMPARE = """async ([png, svg, size]) => {
  const load = (src) => new Promise((ok, fail) => {
    const img = new Image(); img.onload = () => ok(img); img.onerror = fail; img.src = src; });
  const pixels = async (src) => {
    const canvas = new OffscreenCanvas(size, size), g = canvas.getContext("2d");
    g.drawImage(await load(src), 0, 0, size, size);
    return g.getImageData(0, 0, size, size).data;
  };
  const [a, b] = [await pixels(png), await pixels(svg)];
  let off = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(...[0, 1, 2, 3].map((k) => Math.abs(a[i + k] - b[i + k])));
    if (d > 48) off++;
  }
  return off / (size * size);
}"""


@pytest.mark.parametrize("name", list(PNGS))
def test_the_committed_pngs_are_the_drawing(tab: Page, name: str) -> None:
    size = PNGS[name][0]
    png = "data:image/png;base64," + base64.b64encode((ICONS / name).read_bytes()).decode()
    svg = "data:image/svg+xml;base64," + base64.b64encode(source(name).encode()).decode()
    tab.set_content("<html><body></body></html>")
    off = tab.evaluate(COMPARE, [png, svg, size])
    assert off < 0.01, f"{name}: {off:.1%} of pixels differ; run python -m scripts.make_icons"
    assert png_size((ICONS / name).read_bytes()) == (size, size)


def test_every_icon_the_hook_names_is_committed() -> None:
    from hooks.manifest import APPLE_ICON, ICON_FILES

    names = {file for file, *_ in ICON_FILES} | {APPLE_ICON}
    assert names == set(PNGS) | {"icon.svg"}
    assert all((ICONS / n).is_file() for n in names)
    assert Path(ICONS / "icon.svg").read_text(encoding="utf-8").startswith("<svg")
