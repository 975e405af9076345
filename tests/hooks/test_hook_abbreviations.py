"""hooks/abbreviations.py: glossary tooltips inside Chinese text, never inside fragile markup."""

from __future__ import annotations

from pathlib import Path

from hooks.abbreviations import annotate, load_terms, on_page_content, terms_for

TERMS = {"罚息": "逾期后多收的利息", "等额本息": "每期还款额相同", "LPR": "贷款市场报价利率"}


def test_reads_the_markdown_definitions() -> None:
    text = "*[罚息]: 逾期后多收的利息\n*[LPR]:   贷款市场报价利率  \n不是定义的一行\n"
    assert load_terms(text) == {"罚息": "逾期后多收的利息", "LPR": "贷款市场报价利率"}


def test_wraps_terms_between_chinese_characters() -> None:
    out = annotate("<p>逾期会产生罚息和违约金</p>", TERMS)
    assert out == '<p>逾期会产生<abbr title="逾期后多收的利息">罚息</abbr>和违约金</p>'


def test_every_occurrence_and_longest_term_first() -> None:
    terms = {"等额本息": "每期还款额相同", "本息": "本金和利息"}
    out = annotate("<p>等额本息的本息</p>", terms)
    assert out == (
        '<p><abbr title="每期还款额相同">等额本息</abbr>的<abbr title="本金和利息">本息</abbr></p>'
    )


def test_ascii_terms_keep_word_boundaries() -> None:
    out = annotate("<p>4 倍 LPR，不是 LPRX</p>", TERMS)
    assert out.count("<abbr") == 1 and "LPRX" in out


def test_leaves_links_headings_code_forms_and_existing_abbr_alone() -> None:
    source = (
        '<h2 id="x">罚息</h2><a href="#">罚息</a><code>罚息</code>'
        '<abbr title="t">罚息</abbr><select><option>等额本息</option></select>'
        "<pre><code>罚息</code></pre><svg><title>罚息</title></svg><!-- 罚息 -->"
    )
    assert annotate(source, TERMS) == source


def test_text_after_a_skipped_element_is_annotated_again() -> None:
    out = annotate('<p><a href="#">罚息</a>罚息<br>罚息</p>', TERMS)
    assert out.count("<abbr") == 2


def test_title_is_escaped() -> None:
    out = annotate("<p>罚息</p>", {"罚息": 'a "quoted" <b>'})
    assert 'title="a &quot;quoted&quot; &lt;b&gt;"' in out


def test_event_uses_the_file_in_docs_dir(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text("*[罚息]: 多收的利息\n", "utf-8")
    config = {"docs_dir": str(tmp_path)}
    assert terms_for(config) == {"罚息": "多收的利息"}
    out = on_page_content("<p>有罚息</p>", page=None, config=config, files=None)
    assert out == '<p>有<abbr title="多收的利息">罚息</abbr></p>'
    assert terms_for({"docs_dir": str(tmp_path / "none")}) == {}


def test_the_sites_own_definitions_parse() -> None:
    terms = terms_for({"docs_dir": "docs"})
    assert {"罚息", "征信", "LPR", "等额本息"} <= set(terms)
