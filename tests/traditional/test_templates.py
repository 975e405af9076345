"""The Traditional edition's strings outside docs/ and calculators/: the bridge's sentences,
the theme's language pack, and the config the second build is made from."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import material

from hooks import editions, traditional
from hooks.hant_convert import HAN_RUN, converter, leftovers

ROOT = Path(__file__).resolve().parents[2]
BRIDGE = ROOT / "docs" / "assets" / "calc" / "bridge.js"
THEME = Path(material.__file__).parent / "templates"
ENTRY = re.compile(r'^  (\w+): \["([^"]*)", "([^"]*)"\],$', re.MULTILINE)


def bridge_table() -> dict[str, tuple[str, str]]:
    text = BRIDGE.read_text(encoding="utf-8")
    block = text[text.index("const TEXT = {") : text.index("};", text.index("const TEXT = {"))]
    return {key: (hans, hant) for key, hans, hant in ENTRY.findall(block)}


def test_bridge_sentences_are_the_converter_output() -> None:
    table = bridge_table()
    assert len(table) >= 10
    convert = converter()
    wrong = {k: (hant, convert(hans)) for k, (hans, hant) in table.items() if convert(hans) != hant}
    assert not wrong, f"bridge.js TEXT: Traditional differs from the conversion: {wrong}"


def test_bridge_has_no_other_chinese_sentences() -> None:
    """Every Chinese string the bridge shows comes from TEXT (comments and the words a
    checkbox accepts in a query string excepted), so none is left untranslated."""
    text = BRIDGE.read_text(encoding="utf-8")
    start = text.index("const TEXT = {")
    end = text.index("};", start)
    rest = text[:start] + text[end:]
    rest = re.sub(r"//[^\n]*", "", rest)  # comments
    rest = re.sub(r"const TRUE_WORDS = [^\n]*", "", rest)
    strings = re.findall(r'"([^"\n]*)"|`([^`]*)`', rest)
    chinese = [a or b for a, b in strings if HAN_RUN.search(a or b)]
    assert chinese == []
    used = set(re.findall(r'\bt\("(\w+)"\)', rest))
    assert used == set(bridge_table())


def test_theme_strings_are_traditional() -> None:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(ROOT / "overrides"), str(THEME)]),
        autoescape=False,
    )
    ours: Any = env.get_template("partials/languages/custom-hant.html").module
    pack = (THEME / "partials" / "languages" / "zh-Hant.html").read_text(encoding="utf-8")
    keys = re.findall(r'^  "([\w.]+)":', pack, flags=re.MULTILINE)
    assert len(keys) > 40
    assert str(ours.t("language")) == "zh-Hant"
    convert = converter()
    for key in keys:
        value = str(ours.t(key))
        assert value, key
        assert convert(value) == value, (key, value, convert(value))
        assert leftovers(value) == [], key


def test_derived_config_is_converted() -> None:
    raw = traditional.read_raw_config(str(ROOT / "mkdocs.yml"))
    derived = traditional.hant_raw_config(
        raw, "/tmp/x/zh-Hant", "https://example.org/a/", str(ROOT / "docs"), converter()
    )
    assert derived["site_name"] == converter()(raw["site_name"])
    assert derived["site_url"] == "https://example.org/a/zh-Hant/"
    assert derived["theme"]["language"] == "custom-hant"
    assert derived["extra"]["edition"]["lang"] == "zh-Hant"
    assert derived["extra"]["edition"]["site_root"] == "../"
    assert all(css.startswith("../") for css in derived["extra_css"])
    # Every Chinese string of the config (nav titles, palette labels, copyright) converted.
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.extend(leftovers(value))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(derived)
    assert found == []
    nav_titles = [next(iter(item)) for item in derived["nav"] if isinstance(item, dict)]
    assert "首頁" in nav_titles and "關於本站" in nav_titles


def test_both_editions_in_the_selector() -> None:
    hans = editions.edition_extra("zh-Hans")
    hant = editions.edition_extra("zh-Hant")
    assert [a["root"] for a in hans["alternates"]] == ["", "zh-Hant/"]
    assert [a["root"] for a in hant["alternates"]] == ["../", ""]
    # Each edition's name in its own script, on both editions' pages.
    assert [a["name"] for a in hant["alternates"]] == ["简体中文", "繁體中文"]
    assert converter()("简体中文") == "简体中文"
