"""The calculators in Traditional Chinese: the generated catalog and `render(..., "zh-Hant")`.

The catalog must cover every Chinese literal of calculators/ (f-string parts included), and
applying it must give the same text as converting the Simplified output with OpenCC.
"""

from __future__ import annotations

import doctest
import io
import json
import tokenize
import zipfile
from pathlib import Path

import pytest

from calculators import registry, run
from calculators.web import hant, render, render_json
from hooks import hant_catalog
from hooks.hant_convert import HAN_RUN, converter, leftovers

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "calculators"

# Inputs that make each calculator say something different (errors, warnings, other paths).
BAD_INPUTS = ["abc", "-1", "0", "1e400", "99999999999999", "", "2020-13-40", "，,", "一二三"]


def catalog() -> dict[str, object]:
    data: dict[str, object] = json.loads((ROOT / hant_catalog.CATALOG).read_text("utf-8"))
    return data


def literal_runs_by_tokenize() -> set[str]:
    """Han runs of every string literal, found with the tokenizer (not the AST walk the
    catalog is made with), f-string middles included. Docstrings count too here, so the
    check is: every run the catalog leaves out appears only in docstrings."""
    runs: set[str] = set()
    kinds = {tokenize.STRING, tokenize.FSTRING_MIDDLE}
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in kinds:
                runs.update(HAN_RUN.findall(token.string))
    return runs


def docstring_runs() -> set[str]:
    import ast

    runs: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
                doc = ast.get_docstring(node, clean=False)
                if doc:
                    runs.update(HAN_RUN.findall(doc))
    return runs


# --- the catalog -----------------------------------------------------------------------------


def test_catalog_file_is_what_the_build_makes() -> None:
    fresh = hant_catalog.catalog_text(hant_catalog.build_catalog(PACKAGE, converter()))
    assert (ROOT / hant_catalog.CATALOG).read_text(encoding="utf-8") == fresh


def test_catalog_covers_every_literal() -> None:
    phrases = catalog()["phrases"]
    assert isinstance(phrases, dict)
    # A token may be one part of an implicitly concatenated literal ("…借款" "和个人…"),
    # which Python, and so the catalog, sees as one string: then it lies inside a phrase.
    joined = "\n".join(phrases)
    missing = {
        run_
        for run_ in literal_runs_by_tokenize() - set(phrases) - docstring_runs()
        if run_ not in joined
    }
    assert not missing, f"Chinese literals missing from the catalog: {sorted(missing)[:20]}"


def test_catalog_covers_the_fields_and_titles() -> None:
    phrases = catalog()["phrases"]
    assert isinstance(phrases, dict)
    for name in registry.NAMES:
        calc = registry.get(name)
        texts = [calc.title]
        for field in calc.fields:
            texts += [field.label, field.unit, field.help, *(label for _, label in field.choices)]
        for text in texts:
            for run_ in HAN_RUN.findall(text):
                assert run_ in phrases, (name, run_)


def test_catalog_phrases_are_the_converter_output() -> None:
    phrases = catalog()["phrases"]
    assert isinstance(phrases, dict)
    convert = converter()
    assert {k: v for k, v in phrases.items() if convert(k) != v} == {}


def test_f_string_pieces_are_in_the_catalog() -> None:
    assert hant_catalog.literal_pieces('x = f"第 {n} 行的{label}太长了"') == [
        "第 ",
        " 行的",
        "太长了",
    ]
    phrases = catalog()["phrases"]
    assert isinstance(phrases, dict)
    assert phrases["行的"] == "行的"  # from payoff.py's f"第 {line} 行的{label}"


def test_fallback_table_covers_common_characters() -> None:
    chars = catalog()["chars"]
    assert isinstance(chars, dict)
    source, target = chars["from"], chars["to"]
    assert len(source) == len(target) > 2000
    table = dict(zip(source, target, strict=True))
    assert table["这"] == "這"
    assert table["个"] == "個"
    assert "吃" not in table  # s2tw keeps 吃 (s2t would give 喫)


def test_catalog_is_not_in_git() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "calculators/web/hant.json" in ignored


def test_wheel_ships_the_catalog(tmp_path: Path) -> None:
    from hooks import runtime

    wheel = runtime.build_wheel(ROOT, tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("calculators/web/hant.json").decode("utf-8")
    assert shipped == (ROOT / hant_catalog.CATALOG).read_text(encoding="utf-8")


# --- applying it -------------------------------------------------------------------------------


def test_hant_doctests() -> None:
    failures, _ = doctest.testmod(hant)
    assert failures == 0


def test_to_hant_uses_phrases_before_characters() -> None:
    # Phrases from the literals, where the character table alone would go wrong.
    assert hant.to_hant("复利") == "複利"  # characters alone: 復利
    assert hant.to_hant("电子邮件或信件答复我") == "電子郵件或信件答覆我"  # alone: 答復
    assert hant.to_hant("联系电话") == "聯繫電話"  # alone: 聯系
    assert hant.to_hant("借呗和网商贷") == "借唄和網商貸"  # reviewed names people type
    assert hant.to_hant("<b>还款</b> 1,000.00 元") == "<b>還款</b> 1,000.00 元"


@pytest.mark.parametrize("name", registry.NAMES)
def test_default_result_equals_opencc_conversion(name: str) -> None:
    """The browser's catalog gives exactly what the build's OpenCC gives for the page."""
    hans = render(name, {})
    hant_view = render(name, {}, "zh-Hant")
    assert hans["ok"] and hant_view["ok"]
    convert = converter()
    for key in ("html", "summary", "csv", "csv_name"):
        if isinstance(hans.get(key), str):
            assert hant_view[key] == convert(hans[key]), key


@pytest.mark.parametrize("name", registry.NAMES)
def test_every_message_is_traditional(name: str) -> None:
    """Errors and results for many inputs: no Simplified character left."""
    calc = registry.get(name)
    seen = 0
    for field in calc.fields:
        for raw in BAD_INPUTS:
            view = render(name, {field.name: raw}, "zh-Hant")
            for key in ("html", "summary", "csv", "csv_name", "message"):
                text = view.get(key)
                if isinstance(text, str):
                    seen += 1
                    assert leftovers(text) == [], (field.name, raw, key)
    assert seen > 0


def test_bad_input_message_in_traditional() -> None:
    view = render("schedule", {"principal": "abc"}, "zh-Hant")
    assert view["ok"] is False
    assert view["field"] == "principal"
    assert view["message"] == hant.to_hant(render("schedule", {"principal": "abc"})["message"])
    assert view["message"] != render("schedule", {"principal": "abc"})["message"]


def test_traditional_input_words_parse() -> None:
    """萬 typed on a Traditional page reads as 万, 個月 as 个月."""
    assert render("schedule", {"principal": "10萬"}, "zh-Hant") == render(
        "schedule", {"principal": "10万"}, "zh-Hant"
    )
    assert render("schedule", {"months": "36 個月"}, "zh-Hant")["ok"] is True
    assert run("schedule", {"principal": hant.input_forms("10萬")}) == run(
        "schedule", {"principal": "100000"}
    )


def test_typed_names_come_back_as_typed() -> None:
    """A debt name typed in Traditional is shown as typed (the input words go back and forth
    through the same table, so 個 round-trips)."""
    debts = "個人貸款,3000,18,150\n網貸甲,8000,36,400"
    view = render("payoff", {"debts": debts}, "zh-Hant")
    assert view["ok"] is True
    assert "個人貸款" in view["html"] and "網貸甲" in view["html"]


def test_the_letter_is_traditional() -> None:
    view = render("negotiate", {}, "zh-Hant")
    assert "協商還款申請" in view["html"]
    assert "协商" not in view["html"]


def test_render_json_takes_the_language() -> None:
    out = json.loads(render_json("budget", "{}", "zh-Hant"))
    assert out == render("budget", {}, "zh-Hant")
    assert json.loads(render_json("budget", "{}")) == render("budget", {})


def test_unknown_language_is_refused() -> None:
    # Answered with a sentence, like every bad input (issue 20, item 7), not raised.
    answer = render("budget", {}, "en")
    assert answer["ok"] is False and answer["field"] == "lang" and "zh-Hant" in answer["message"]
    with pytest.raises(ValueError):
        hant.localize({}, "en")
