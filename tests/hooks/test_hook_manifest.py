"""hooks/manifest.py: each edition's web app manifest, every URL relative to it (the browser
side, installability included: tests/browser/test_install.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks.manifest import ICONS, SHORT_NAME_LIMIT, THEME_COLOR, check_icons, manifest

ROOT = Path(__file__).resolve().parents[2]


def test_the_root_editions_app_is_the_whole_site_from_its_home_page() -> None:
    data = manifest("逾期协商自助指南", "逾期协商", "说明", "zh-Hans", "")
    assert (data["start_url"], data["scope"]) == ("./", "./")
    assert data["theme_color"] == THEME_COLOR and data["display"] == "standalone"
    assert {i["purpose"] for i in data["icons"]} == {"any", "maskable"}
    assert all(i["src"].startswith(ICONS) for i in data["icons"])


def test_the_traditional_app_starts_at_its_home_and_keeps_the_whole_site() -> None:
    data = manifest("逾期協商自助指南", "逾期協商", "說明", "zh-Hant", "../")
    assert (data["start_url"], data["scope"], data["lang"]) == ("./", "../", "zh-Hant")
    assert all(i["src"].startswith("../" + ICONS) for i in data["icons"])


@pytest.mark.parametrize("short", ["", "x" * (SHORT_NAME_LIMIT + 1)])
def test_a_short_name_a_home_screen_would_cut_stops_the_build(short: str) -> None:
    with pytest.raises(PluginError, match="short_name"):
        manifest("名", short, "说明", "zh-Hans", "")


def test_an_icon_missing_from_the_site_stops_the_build(tmp_path: Path) -> None:
    data = manifest("名", "名", "说明", "zh-Hans", "")
    with pytest.raises(PluginError, match=r"icon\.svg"):
        check_icons(tmp_path, data)
    (tmp_path / ICONS).mkdir(parents=True)
    for icon in data["icons"]:
        (tmp_path / icon["src"]).write_bytes((ROOT / "docs" / icon["src"]).read_bytes())
    check_icons(tmp_path, data)
    json.dumps(data)  # plain JSON
