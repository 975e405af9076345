"""The Traditional edition's strings outside docs/ and calculators/: none in the scripts,
the theme's language pack, and the config the second build is made from."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import material
import pytest

from hooks import editions, traditional
from hooks.hant_convert import converter, leftovers

ROOT = Path(__file__).resolve().parents[2]
THEME = Path(material.__file__).parent / "templates"
ENTRY = re.compile(r'^  (\w+): \["([^"]*)", "([^"]*)"\],$', re.MULTILINE)


SCRIPTS = sorted((ROOT / "docs" / "assets" / "calc").glob("*.js"))
# Han ideographs and CJK or full-width punctuation (、，；「」……): none may be in the scripts.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_the_scripts_carry_no_chinese(script: Path) -> None:
    """Every sentence the scripts show comes with the widget's markup (data-msg-*, written by
    calculators/web/widget.py and converted with the Traditional page): none can be left
    untranslated in a script, and no edition is named in one (hooks/editions.py)."""
    text = script.read_text(encoding="utf-8")
    assert [m.group(0) for m in CJK.finditer(text)] == []
    code = re.sub(r"//[^\n]*", "", text)  # comments may name an edition
    assert "zh-Hant" not in code and "Hant" not in code


def test_every_message_the_bridge_reads_comes_with_the_widget() -> None:
    from calculators.web.rows import rows_html, save_bar
    from calculators.web.widget import MESSAGES

    text = "".join(script.read_text(encoding="utf-8") for script in SCRIPTS)
    used = set(re.findall(r'\bmsg\("([\w-]+)"\)', text))
    used |= {
        f"{kind}-{end}" for kind in ("csv", "file") for end in ("failed", "waiting", "invalid")
    }
    rows = set(re.findall(r"data-msg-([\w-]+)=", rows_html(_debts(), "", "", "")))
    bar = set(re.findall(r"data-msg-([\w-]+)=", save_bar()))
    assert used - rows - bar <= set(MESSAGES), sorted(used - rows - bar - set(MESSAGES))
    assert {"row", "remove", "count", "full"} <= rows


def _debts() -> Any:
    from calculators import registry

    return registry.get("payoff").fields[0]


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
