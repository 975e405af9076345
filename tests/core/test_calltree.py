"""The call script tree (calculators/calltree.py, calculators/calltree_rules.py and its HTML,
calculators/web/views/calltree.py): the package's tree keeps every rule, each rule fails on
a tree broken just for it, every path is walked, and the HTML links every node."""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from calculators import calltree
from calculators.calltree import TreeError
from calculators.web.views.calltree import guide_url, render

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA = json.loads(calltree.TREE_FILE.read_text(encoding="utf-8"))
TREE = calltree.load(docs=DOCS)
VALUES = {
    "creditor": "某某银行",
    "account_tail": "6789",
    "owed": "28000.00",
    "months": "48",
    "monthly": "583.34",
    "limit": "700.00",
}

# The branches issue 27 names, and the nodes that hold them.
NAMED = {
    "同意": "confirm",  # reached by the ask's choice 对方同意你的方案
    "期数不够": "fewer_months",
    "先还一部分": "part_first",
    "拒绝或转专员": "refused",
    "说要起诉": "threat_sue",
    "上门": "threat_visit",
    "通知家人或单位": "threat_family",
    "上征信": "threat_credit",
    "让你加微信或转到个人账户": "wechat",
    "让你去借钱还": "borrow",
    "现在不方便": "not_now",
    "不认识的旧债或被转让的债": "old_debt",
}


def test_the_package_tree_keeps_every_rule_with_the_guides_anchors() -> None:
    assert calltree.load() == TREE  # the same without the docs check
    assert TREE.main == ("start", "secrets", "reason", "ask", "confirm", "end_log")
    assert len(TREE.branches()) >= 12
    assert TREE.depth() <= 6


def test_every_branch_the_issue_names_is_there() -> None:
    ask = TREE.node("ask")
    assert any(c.to == "confirm" and "同意" in c.label for c in ask.choices)
    for node_id in NAMED.values():
        assert node_id in TREE.nodes
    assert set(TREE.threats()) == {"threat_sue", "threat_visit", "threat_family", "threat_credit"}


def test_every_path_ends_in_a_written_request_or_a_safe_exit() -> None:
    """The property walk: every path from the root, whatever happens on the way."""
    paths = list(TREE.paths())
    assert len(paths) == len(set(paths)) > 20
    seen = set()
    for path in paths:
        assert path[0] == "start"
        assert len(path) - 1 <= calltree.MAX_DEPTH
        last = TREE.node(path[-1])
        assert last.kind in ("written", "exit") and not last.choices
        for before, after in itertools.pairwise(path):
            assert after in TREE.children(before)
        assert len(set(path)) == len(path)
        seen.update(path)
        if last.kind == "written":  # ends by asking for it in writing
            says = "".join((*last.say, *last.notes))
            assert re.search("发|写信|书面", says), path
    assert seen == set(TREE.nodes)


def test_every_threat_gives_one_calm_sentence_the_law_with_sources_and_where_to_complain() -> None:
    for node_id in TREE.threats():
        node = TREE.node(node_id)
        assert len(node.say) == 1 and calltree.han_count(node.say[0]) <= 40
        assert node.legal and node.complain
        for item in (*node.legal, *node.complain):
            assert (item.source.law and item.source.article) or item.source.guide


def test_the_honest_rails() -> None:
    rails = {rail.id: rail for rail in TREE.rails}
    assert set(rails) == {"honest", "old_debt", "recording"}
    honest = " ".join(rails["honest"].notes)
    assert "伪造" in honest and "收费" in honest
    old = rails["old_debt"]
    assert {i.source.article for i in old.legal} == {"第一百九十五条", "第一百九十二条"}
    assert "三年以上" in old.notes[0] and "书面明细" in old.notes[0]
    recording = rails["recording"]
    texts = " ".join(i.text for i in recording.legal)
    assert "一般可以作为证据" in texts and "一定有效" not in texts
    assert {i.source.article for i in recording.legal} == {"第一百零六条"}
    assert "麦克风" in " ".join(recording.notes)


def test_reader_lines_stay_within_40_han_characters() -> None:
    lines = [text for _, what, text in TREE.texts() if what in ("say", "trap")]
    assert lines and max(map(calltree.han_count, lines)) <= 40
    assert calltree.han_count("我欠 {owed} 元，分 {months} 期") == 5


# --- each rule, failing on a tree broken for it ----------------------------------------------


def _break(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    change(data)
    return data


def _nodes(data: dict[str, Any]) -> dict[str, Any]:
    nodes: dict[str, Any] = data["nodes"]
    return nodes


def _small_tree(data: dict[str, Any]) -> None:
    """A valid tree with only the main path and one exit: 1 branch."""
    keep = {*data["main"], "exit_pressure"}
    for node_id in list(_nodes(data)):
        if node_id not in keep:
            del _nodes(data)[node_id]
    for node in _nodes(data).values():
        choices = [c for c in node.get("choices", []) if c["to"] in keep]
        if node.get("fork") == "them":
            for c in choices:
                c["tones"] = ["polite", "firm", "threat"]
        node["choices"] = choices
    _nodes(data)["ask"]["choices"].append(
        {"to": "exit_pressure", "label": "对方继续施压", "tones": ["threat"]}
    )


BROKEN: dict[str, Callable[[dict[str, Any]], None]] = {
    "shape": lambda d: _nodes(d)["ask"].update(colour="red"),
    "ids": lambda d: _nodes(d).update({"Bad-Id": _nodes(d).pop("borrow")}),
    "root": lambda d: d.update(root="nowhere"),
    "kind": lambda d: _nodes(d)["borrow"].update(kind="story"),
    "link": lambda d: _nodes(d)["borrow"]["choices"][0].update(to="nowhere"),
    "cycle": lambda d: _nodes(d)["confirm"]["choices"].append(
        {"to": "ask", "label": "再谈", "tones": ["firm"]}
    ),
    "orphan": lambda d: _nodes(d).update(lost={**_nodes(d)["exit_pressure"], "title": "没人来过"}),
    "depth": lambda d: _nodes(d)["end_log"].update(
        kind="step",
        fork="me",
        choices=[{"to": "exit_pressure", "label": "还要再说"}],
    ),
    "main": lambda d: d.update(main=["start", "secrets", "ask", "confirm", "end_log"]),
    "end": lambda d: _nodes(d)["exit_pressure"].update(kind="branch"),
    "fork": lambda d: _nodes(d)["borrow"]["choices"][1].update(tones=["angry"]),
    "tone": lambda d: _nodes(d)["borrow"]["them"].pop("polite"),
    "length": lambda d: _nodes(d)["borrow"]["say"].append(
        "这一句话故意写得非常非常长，长到超过了四十个汉字的上限，读的人在电话里根本来不及说完它。"
    ),
    "placeholder": lambda d: _nodes(d)["borrow"]["say"].append("我欠{debt}元。"),
    "source": lambda d: _nodes(d)["threat_credit"]["legal"][0].update(
        source={"law": "征信业管理条例", "article": "第十六条"}
    ),
    "threat": lambda d: _nodes(d)["threat_sue"].update(complain=[]),
    "words": lambda d: _nodes(d)["end_log"]["notes"].append("录音一定有效。"),
    "rails": lambda d: d["rails"][1].update(id="honest"),
    "branches": _small_tree,
}


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_each_rule_fails_on_a_tree_broken_for_it(rule: str) -> None:
    with pytest.raises(TreeError) as caught:
        calltree.read(_break(BROKEN[rule]), DOCS)
    assert caught.value.rule == rule, caught.value


def test_a_guide_anchor_that_does_not_exist_is_refused_only_with_the_docs() -> None:
    data = _break(
        lambda d: _nodes(d)["wechat"]["legal"][0].update(
            source={"guide": "guide/negotiate.md#no-such-heading"}
        )
    )
    calltree.read(data)  # the browser has no docs folder: the form alone is checked
    with pytest.raises(TreeError) as caught:
        calltree.read(data, DOCS)
    assert caught.value.rule == "source" and "no-such-heading" in caught.value.detail


def test_a_legal_sentence_without_any_source_is_refused() -> None:
    data = _break(lambda d: _nodes(d)["borrow"]["legal"][0].pop("source"))
    with pytest.raises(TreeError) as caught:
        calltree.read(data, DOCS)
    assert caught.value.rule == "source"


# --- the HTML ------------------------------------------------------------------------------


def test_the_html_links_every_node_and_every_link_lands() -> None:
    html = render(TREE, VALUES)
    ids = set(re.findall(r'id="(call-[a-z_-]+)"', html))
    for node_id in TREE.nodes:
        assert f"call-{node_id}" in ids
    targets = re.findall(r'href="#(call-[a-z_-]+)"', html)
    assert targets and set(targets) <= ids
    assert html.count("<section") == html.count("</section>") == len(TREE.nodes) + len(TREE.rails)


def test_any_threat_reply_is_one_link_away_from_every_node() -> None:
    html = render(TREE)
    sections = re.split(r'(?=<section class="calc-call-node")', html)[1:]
    assert len(sections) == len(TREE.nodes)
    for section in sections:
        here = re.match(r'<section class="calc-call-node" id="call-([a-z_]+)"', section)
        assert here is not None
        bar = re.search(r'<p class="calc-call-threats">(.*?)</p>', section)
        assert bar is not None, here.group(1)
        linked = set(re.findall(r'href="#call-([a-z_]+)"', bar.group(1)))
        assert linked == set(TREE.threats()) - {here.group(1)}


def test_the_readers_numbers_fill_the_html_and_blanks_say_what_is_missing() -> None:
    filled = render(TREE, VALUES)
    assert "我现在欠 28,000.00 元，想申请分 48 期还。" in filled
    assert "每期还 583.34 元" in filled and "每月最多能还 700.00 元" in filled
    assert "我是某某银行尾号6789的借款人" in filled
    assert "{" not in filled and "【" not in filled
    blank = render(TREE)
    assert "我现在欠 【欠款金额】 元" in blank and "【每月最多能还】" in blank
    assert "{" not in blank
    escaped = render(TREE, {**VALUES, "creditor": "<b>银行</b>"})
    assert "<b>银行</b>" not in escaped and "&lt;b&gt;银行&lt;/b&gt;" in escaped


def test_sources_print_with_the_article_or_link_into_the_guide() -> None:
    html = render(TREE, base="../")
    assert "（出处：《征信业管理条例》第十六条）" in html
    assert 'href="../guide/sued/#real-or-not"' in html
    assert guide_url("guide/index.md#x", "../") == "../guide/#x"
    assert guide_url("index.md#top", "") == "#top"
    for href in re.findall(r'href="\.\./([^"#]+)/#([^"]+)"', html):
        page = DOCS / f"{href[0]}.md"
        assert page.is_file() and "{ #" + href[1] + " }" in page.read_text(encoding="utf-8")


def test_the_main_path_is_numbered_and_branches_nest_under_their_first_parent() -> None:
    html = render(TREE)
    titles = re.findall(r"<h3 id=\"call-[a-z_]+-title\">(.*?)</h3>", html)
    assert titles == [f"第 {i} 步：{TREE.node(n).title}" for i, n in enumerate(TREE.main, 1)]
    start = html.index('id="call-reason"')
    end = html.index('id="call-ask"')
    assert 'id="call-review"' in html[start:end]  # first reached from 第 3 步
