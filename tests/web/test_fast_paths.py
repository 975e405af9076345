"""The quick ways the views write long results give exactly the text of the plain ways they
replaced: chart coordinates (calculators.web.svg._Lines), table cells (blocks._number_cell),
CSV rows of plain numbers (blocks.make_csv), Traditional quotation marks (hant.to_hant),
and the key figures a long view gives first (views.key, render part "key")."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from calculators.web import blocks, hant, render, render_json, svg
from calculators.web.format import csv_cell, esc, group

D = Decimal


def plain_point(left: int, width: int, x_min: int, span: int, x: int) -> str:
    with localcontext(svg._CTX):
        return svg._n(left + Decimal(x - x_min) * width / span)


def plain_height(bottom: int, height: int, y_min: D, y_max: D, y: D) -> str:
    with localcontext(svg._CTX):
        return svg._n(bottom - (y - y_min) * height / (y_max - y_min))


amounts = st.one_of(
    st.integers(0, 10**12).map(lambda c: f"{c // 100}.{c % 100:02d}"),
    st.integers(0, 10**6).map(str),
    st.decimals(min_value=0, max_value=10**9, places=4).map(str),
)


# A fast path against its Decimal reference: the points where the two could part
# (a coordinate on a half unit) are rare, so three times the profile's examples.
@settings(max_examples=3 * settings().max_examples)
@given(
    points=st.lists(st.tuples(st.integers(0, 1200), amounts), min_size=1, max_size=40),
    x_min=st.integers(-5, 0),
    top=st.integers(0, 60),
)
@example([(0, "1000000.00"), (180, "500000.00"), (360, "0.00")], 0, 12)
def test_line_coordinates_are_the_decimal_ones(
    points: list[tuple[int, str]], x_min: int, top: int
) -> None:
    ys = [D(y) for _, y in points]
    y_max, _ = svg.nice_ceiling(max(max(ys), D(0)))
    y_min = D(0)
    span = max(1, *(x for x, _ in points)) - x_min
    lines = svg._Lines(46, 300, x_min, span, top + 170, 170, y_min, y_max)
    expected = " ".join(
        f"{plain_point(46, 300, x_min, span, x)},{plain_height(top + 170, 170, y_min, y_max, D(y))}"
        for x, y in points
    )
    assert lines.coords(points) == expected


@pytest.mark.parametrize("count", [0, 5, -5, 120, -120, 125, 1234])
def test_tenths_read_like_n(count: int) -> None:
    with localcontext(svg._CTX):
        assert svg._tenths(count) == svg._n(D(count) / 10)


@given(
    st.one_of(
        st.integers(-(10**15), 10**15),
        amounts,
        st.text(max_size=12),
        st.sampled_from(["0012345.6", "-1234", "<b>1</b>", "１２３４", "1234\n", "—", ""]),
    )
)
def test_number_cells_are_grouped_and_escaped_as_before(value: object) -> None:
    assert blocks._number_cell(value) == esc(group(str(value)))


@given(
    st.lists(
        st.lists(
            st.one_of(st.integers(-(10**6), 10**9), amounts, st.text(max_size=6)),
            max_size=5,
        ),
        max_size=8,
    )
)
def test_csv_rows_are_what_the_writer_writes(rows: list[list[object]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["a", "b"])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    assert blocks.make_csv(["a", "b"], rows) == buf.getvalue()


def test_traditional_quotes_as_the_character_table_had_them() -> None:
    table = str.maketrans("\u201c\u201d\u2018\u2019", "「」『』")
    for text in ("这笔“还款计划”里‘本金’和利息 1,234.56 元" * 3, "“”‘’ 还", "没有引号的还款计划"):
        before = hant._HAN_RUN.sub(lambda m: hant._run(m.group(0)), text).translate(table)
        assert hant.to_hant(text) == before
    assert hant.to_hant("“quoted” but no Han") == "“quoted” but no Han"


# --- the key figures first --------------------------------------------------------------------

LONG = {"principal": "1000000", "annual_rate": "4.9", "months": "360"}


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
@pytest.mark.parametrize(
    ("name", "inputs"),
    [
        ("schedule", LONG),
        ("schedule", {"method": "bullet"}),
        ("payoff", {}),
        ("payoff", {"budget": "100"}),
    ],
)
def test_key_part_is_the_start_of_the_whole_answer(
    name: str, inputs: dict[str, str], lang: str
) -> None:
    key = render(name, inputs, lang, "key")
    whole = render(name, inputs, lang)
    assert key["partial"] is True
    assert set(key) == {"ok", "partial", "figures", "summary", "inputs"}
    assert whole["html"].startswith(key["figures"])
    assert key["figures"].startswith('<dl class="calc-figures">')
    assert key["figures"].endswith("</dl>")
    assert key["summary"] == whole["summary"]
    assert key["inputs"] == whole["inputs"]
    assert "partial" not in whole


def test_key_part_of_a_quick_view_is_its_whole_answer() -> None:
    key = json.loads(render_json("budget", "{}", "zh-Hans", "key"))
    assert "partial" not in key and key["ok"] and key["html"]


def test_key_part_of_bad_input_is_the_error() -> None:
    bad = {**LONG, "months": "abc"}
    assert render("schedule", bad, "zh-Hans", "key") == render("schedule", bad)


def test_the_key_answer_comes_from_the_lighter_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key answer is made from `calculate_key` (computed with key=True), the whole answer
    that follows from the whole result, computed afresh: nothing is kept between the two."""
    import calculators.web as web

    calls: list[tuple[str, bool]] = []
    real_compute = web.compute

    def counting(calc: Any, values: dict[str, str], key: bool = False) -> object:
        calls.append((calc.name, key))
        return real_compute(calc, values, key=key)

    monkeypatch.setattr(web, "compute", counting)
    for name, inputs in (("schedule", LONG), ("payoff", {"budget": "2500"})):
        key = render(name, inputs, "zh-Hans", "key")
        assert render(name, inputs)["html"].startswith(key["figures"])
        assert calls[-2:] == [(name, True), (name, False)]
    render("budget", {}, "zh-Hans", "key")  # no key view: the whole result, once
    assert calls[-1] == ("budget", False)


def test_unknown_part_is_refused() -> None:
    # Answered with a sentence, like every bad input (issue 20, item 7), not raised.
    answer = render("schedule", LONG, "zh-Hans", "figures")
    assert answer["ok"] is False and answer["field"] == "part" and "all" in answer["message"]


def test_rounding_of_the_chart_matches_half_up_on_ties() -> None:
    """x = 1 of 0..1200 on a 300-unit plot: 46.25 is a tie, rounded up as Decimal does."""
    lines = svg._Lines(46, 300, 0, 1200, 182, 170, D(0), D(1000))
    assert lines.coords([(1, "500")]) == "46.3,97"
    with localcontext(svg._CTX):
        assert (D(46) + D(1) * 300 / 1200).quantize(D("0.1"), rounding=ROUND_HALF_UP) == D("46.3")
