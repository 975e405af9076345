"""hooks/mirrors.py: the list of the site's addresses from mkdocs.yml, checked, and drawn the
same way on the about page and the 404 page (the browser side: tests/browser/test_not_found.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import PluginError

from hooks import shortcodes
from hooks.mirrors import SHORTCODE, Mirror, mirrors_html, read_mirrors

ROOT = Path(__file__).resolve().parents[2]
MAIN = "https://example-owner.github.io/yuqi-xieshang/"
SECOND = "https://mirror.example.org/"


def test_the_list_in_mkdocs_yml_is_empty_until_someone_publishes_one() -> None:
    # mkdocs.yml's own tags (!ENV) are not plain YAML: read only the extra: block.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("\nextra:") :].split("\n\n")[0]
    assert yaml.safe_load(block) == {"extra": {"mirrors": []}}


def test_no_list_or_an_empty_one_says_so_plainly() -> None:
    for raw in (None, []):
        assert read_mirrors(raw) == ()
    drawn = mirrors_html((), here=MAIN)
    assert 'data-mirrors="0"' in drawn and "还没有镜像" in drawn
    assert "<a " not in drawn  # no address is invented


def test_each_address_is_listed_and_the_one_in_use_is_marked() -> None:
    listed = read_mirrors(
        [{"name": "主站（GitHub Pages）", "url": MAIN}, {"name": "镜像", "url": SECOND}]
    )
    assert listed == (Mirror("主站（GitHub Pages）", MAIN), Mirror("镜像", SECOND))
    drawn = mirrors_html(listed, here=SECOND)
    assert 'data-mirrors="2"' in drawn
    assert drawn.count("<li>") == 2 and drawn.count("你现在用的就是这个地址") == 1
    assert drawn.index("你现在用的就是这个地址") > drawn.index(SECOND)  # beside the second
    assert f'<a href="{MAIN}" rel="noopener">' in drawn
    # The Traditional edition's build is for MAIN + "zh-Hant/": still the main address.
    hant = mirrors_html(listed, here=MAIN + "zh-Hant/")
    assert hant.index("你现在用的就是这个地址") < hant.index(SECOND)
    assert "你现在用的就是这个地址" not in mirrors_html(listed, here="https://elsewhere.example/")


def test_a_name_is_text_never_markup() -> None:
    drawn = mirrors_html([Mirror("<b>x</b>", SECOND)], here=MAIN)
    assert "<b>" not in drawn and "&lt;b&gt;x&lt;/b&gt;" in drawn


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ({"name": "x", "url": SECOND}, "a list"),
        ([{"name": "x"}], "name:"),
        ([{"name": "x", "url": SECOND, "note": "y"}], "name:"),
        ([{"name": "", "url": SECOND}], "characters"),
        ([{"name": "x" * 41, "url": SECOND}], "characters"),
        ([{"name": "x", "url": "http://mirror.example.org/"}], "https"),
        ([{"name": "x", "url": "https://mirror.example.org/site"}], "ending in '/'"),
        ([{"name": "x", "url": "https://mirror.example.org/a b/"}], "https"),
        ([{"name": "x", "url": "javascript:alert(1)//"}], "https"),
        ([{"name": "a", "url": SECOND}, {"name": "b", "url": SECOND}], "twice"),
    ],
)
def test_a_wrong_entry_stops_the_build(raw: Any, says: str) -> None:
    with pytest.raises(PluginError, match=says):
        read_mirrors(raw)


def test_the_shortcode_is_this_hooks_and_shortcodes_refuses_it() -> None:
    # hooks/shortcodes.py runs after this hook; a site:mirrors that reaches it means
    # hooks/mirrors.py is missing from mkdocs.yml.
    with pytest.raises(shortcodes.ShortcodeError, match=r"hooks/mirrors\.py"):
        shortcodes.expand_shortcodes(f"前文\n{SHORTCODE}\n", "about.md")
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    assert about.count(SHORTCODE) == 1
