"""hooks/hant_convert.py: the OpenCC conversion, its reviewed exceptions, and the leftover check."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from hooks import hant_convert
from hooks.hant_convert import Converter, converter, leftovers, load_exceptions

ROOT = Path(__file__).resolve().parents[2]
RAW = opencc.OpenCC(hant_convert.OPENCC_CONFIG)


def cited_titles() -> set[str]:
    """Every 《title》 cited anywhere in docs/ (the regulation titles of docs/sources.md)."""
    titles: set[str] = set()
    for page in (ROOT / "docs").rglob("*.md"):
        titles.update(re.findall(r"《([^》]+)》", page.read_text(encoding="utf-8")))
    return titles


# --- the choice of OpenCC configuration ------------------------------------------------------


@pytest.mark.parametrize(
    ("hans", "hant"),
    [
        # The brief's words: products and the credit system.
        ("征信", "徵信"),
        ("借呗", "借唄"),
        ("网商贷", "網商貸"),
        ("个性化分期", "個性化分期"),
        # s2tw, not s2twp: the mainland's words stay (a Taiwan reader's 資訊/列印/預設 would
        # rename a law and the screens people see).
        ("个人信息保护法", "個人信息保護法"),
        ("打印", "打印"),
        ("默认", "默認"),
        ("复制链接", "複製鏈接"),
        # s2tw, not s2t: the character forms readers expect, not OpenCC's reference glyphs.
        ("审核", "審核"),  # s2t: 審覈
        ("为了", "為了"),  # s2t: 爲了
        ("这里", "這裡"),  # s2t: 這裏
        ("吃饭", "吃飯"),  # s2t: 喫飯
        # The reviewed fixes.
        ("联系发卡银行", "聯繫發卡銀行"),
        ("先别签", "先別簽"),
        ("这只会让债越滚越多", "這只會讓債越滾越多"),
        ("不是只看利率", "不是只看利率"),
        ("30 天后应还", "30 天後應還"),
        ("折合年化利率", "折合年化利率"),
        ("四舍五入，只舍不入", "四捨五入，只捨不入"),
        # Phrase level: the same character, different Traditional forms.
        ("若干问题", "若干問題"),
        ("干脆", "乾脆"),
        ("最后", "最後"),
        ("面临", "面臨"),
        # Quotation marks as Traditional text writes them.
        ("叫“停息挂账”的‘说法’", "叫「停息掛賬」的『說法』"),
        # Stays Simplified on purpose: the language selector's name for the other edition.
        ("简体中文", "简体中文"),
    ],
)
def test_conversion(hans: str, hant: str) -> None:
    assert converter()(hans) == hant


def test_markup_and_numbers_pass_through() -> None:
    text = '<a href="../x/?a=1#b" title="还款">3,500.00 元</a>'
    assert converter()(text) == '<a href="../x/?a=1#b" title="還款">3,500.00 元</a>'


def test_protected_terms_take_the_longest_key() -> None:
    convert = Converter({"签": "簽", "标签": "標籤"})
    assert convert("标签和签字") == "標籤和簽字"


def test_text_without_han_is_returned_as_is() -> None:
    text = "plain ASCII, 1,234.56 %"
    assert converter()(text) is text


# --- the exceptions list ---------------------------------------------------------------------


def test_every_fix_is_still_needed() -> None:
    """A [fix] that the conversion gets right without it belongs in [pinned] (or nowhere).
    (标签 is needed only because of the fix for 签: without it, 標簽.)"""
    table = hant_convert.exception_table(load_exceptions())
    unneeded = {}
    for key, value in load_exceptions()["fix"].items():
        without = Converter({k: v for k, v in table.items() if k != key})
        if without(key) == value:
            unneeded[key] = value
    assert not unneeded, f"converted as the list says without the entry: {unneeded}"


def test_every_pin_matches_opencc() -> None:
    """A pinned name differs from OpenCC's own output only after someone reviewed it: when an
    OpenCC update changes one, this fails, and the entry moves to [fix] with a reason."""
    pinned = load_exceptions()["pinned"]
    changed = {k: (v, RAW.convert(k)) for k, v in pinned.items() if RAW.convert(k) != v}
    assert not changed, f"pinned names that OpenCC now converts differently: {changed}"


def test_every_cited_regulation_title_is_pinned() -> None:
    """A regulation title the site cites is an official name: each has a reviewed entry."""
    sections = load_exceptions()
    reviewed = set(sections["pinned"])
    # A title in which OpenCC alone gets a word wrong cannot be pinned to OpenCC's output; the
    # [fix] entry for that word is its review (公布, not 公佈, in the blacklist rules' title).
    fixes = set(sections["fix"])
    short_names = {"民法典", "法律援助法"}  # short forms of pinned full titles

    def covered(title: str) -> bool:
        # Quotation marks inside a title are converted on their own (“” -> 「」), so such a
        # title is pinned by its longest part without them.
        parts = re.split("[“”]", title)
        if any(word in title for word in fixes):
            return True
        return title in reviewed or (len(parts) > 1 and max(parts, key=len) in reviewed)

    missing = sorted(t for t in cited_titles() - short_names if not covered(t))
    assert not missing, f"add these titles to [pinned] in hooks/hant-exceptions.toml: {missing}"


def test_the_brief_words_are_reviewed() -> None:
    table = hant_convert.exception_table(load_exceptions())
    for word in ("征信", "借呗", "网商贷", "个性化分期"):
        assert word in table


def test_exceptions_are_simplified_to_traditional() -> None:
    sections = load_exceptions()
    for section in ("fix", "pinned"):
        for key, value in sections[section].items():
            assert len(key) == len(value), (key, value)
            assert not leftovers(value), (key, value)


def test_a_bad_exceptions_file_stops_the_build(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    bad = tmp_path / "x.toml"
    bad.write_text('[fix]\n"发卡" = 1\n', encoding="utf-8")
    with pytest.raises(PluginError):
        load_exceptions(bad)
    bad.write_text('[fixes]\n"发卡" = "發卡"\n', encoding="utf-8")
    with pytest.raises(PluginError):
        load_exceptions(bad)


# --- the leftover check ------------------------------------------------------------------------


def test_leftovers_finds_simplified_characters() -> None:
    assert leftovers("請联系我们") == ["联: 請联系我们", "系: 請联系我们", "们: 請联系我们"]
    assert leftovers("這里") == ["里: 這里"]


def test_leftovers_accepts_characters_right_in_context() -> None:
    assert leftovers("若干問題、批准、划算、伙食、閲讀、简体中文") == []


def test_leftovers_on_the_converted_guide_is_empty() -> None:
    """The converter's own output is a fixed point: converting a converted page changes
    nothing. (Otherwise the on_post_page pass over whole pages would alter the text.)"""
    convert = converter()
    for page in sorted((ROOT / "docs").rglob("*.md")):
        once = convert(page.read_text(encoding="utf-8"))
        assert convert(once) == once, page.name
        assert leftovers(once) == [], page.name
