"""Every entry point the browser or the build calls, driven with hostile input (issue 20,
item 7): each answers with a sentence, never a traceback.

- `calculators.run` and `calculators.case_v1.load` raise InputError, nothing else;
- `calculators.web.render`, `render_json` and `case_json` (its three actions)
  return an answer: ``ok`` true, or false with a ``field`` and a non-empty ``message``;
- `calculators.web.widget.widget_html` returns HTML or raises InputError (the build turns
  it into a message naming the page);
- the command line (`calculators.__main__.main`) exits 0, 1 or 2 and prints no traceback.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import InputError, case_v1
from calculators.__main__ import main
from calculators.web import case_json, render, render_json
from calculators.web.widget import widget_html

DEEP = "[" * 9999 + "]" * 9999  # 19,998 characters: under every size limit
HOSTILE_TEXT: tuple[Any, ...] = (
    "x",
    "",
    "null",
    "[]",
    "1",
    '"a"',
    "{",
    DEEP,
    "{" * 5000 + "}" * 5000,
    '{"a": ' * 3000 + "1" + "}" * 3000,
    '{"principal": "1", "principal": "2"}',
    '{"principal": ["1"]}',
    '{"principal": {"a": "1"}}',
    '{"principal": 1e999999}',
    '{"principal": NaN}',
    '{"principal": "' + "9" * 199_990 + '"}',
    "1" * 100_000,
    '"\\ud800"',
    "\ufeff{}",
    "x" * 500_000,
    None,
    1,
    b"{}",
    ["{}"],
)
NAMES = ("schedule", "apr", "nope", "", "__init__", "registry", "../x", "x" * 10_000, None, 1)
LANGS = ("zh-Hans", "zh-Hant", "en", "", None)
PARTS = ("all", "key", "none", None)


def answered(answer: Any) -> None:
    """An answer the bridge can show: ok, or a field and a sentence."""
    if isinstance(answer, str):
        answer = json.loads(answer)
    assert isinstance(answer, dict)
    if answer["ok"] is True:
        return
    assert answer["ok"] is False
    assert isinstance(answer["field"], str) and answer["field"]
    assert isinstance(answer["message"], str) and answer["message"].strip()
    assert "Traceback" not in answer["message"]


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=lambda t: repr(t)[:30])
def test_render_json_answers_any_text(text: Any) -> None:
    answered(render_json("budget", text))
    answered(render_json("budget", text, "zh-Hant"))


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=lambda t: repr(t)[:30])
def test_the_case_entry_answers_any_text(text: Any) -> None:
    for action in ("load", "fill", "changes"):
        answered(case_json(action, text))
        answered(case_json(action, text, "zh-Hant"))
    with pytest.raises(InputError) as info:  # none of them is a case
        case_v1.load(text)
    assert info.value.field == "file"


def test_the_reported_cases() -> None:
    assert json.loads(render_json("budget", "x"))["field"] == "inputs"  # was JSONDecodeError
    assert json.loads(render_json("budget", DEEP))["field"] == "inputs"  # was RecursionError
    assert "读不出内容" in json.loads(case_json("load", DEEP))["message"]  # was RecursionError
    assert render("nope", {}) == {  # was KeyError
        "ok": False,
        "field": "name",
        "message": "没有名为“nope”的计算器。",
    }
    inputs = {"monthly_fee_rate": "0.6", "principal": "1000000"}  # was ValueError
    assert render("apr", inputs)["inputs"]["mode"] == "fee"
    assert 'value="fee" selected' in widget_html("apr", inputs)


@pytest.mark.parametrize("name", NAMES, ids=lambda n: repr(n)[:20])
@pytest.mark.parametrize("lang", LANGS, ids=lambda n: repr(n)[:20])
@pytest.mark.parametrize("part", PARTS, ids=lambda n: repr(n)[:20])
def test_render_answers_any_name_language_and_part(name: Any, lang: Any, part: Any) -> None:
    answered(render(name, {}, lang, part))
    answered(render_json(name, "{}", lang, part))


@pytest.mark.parametrize("inputs", [None, [], "principal=1", 1, {1: "1"}, {"principal": 1}])
def test_render_answers_inputs_of_any_type(inputs: Any) -> None:
    answered(render("schedule", inputs))
    answered(render("schedule", inputs, "zh-Hant"))


@pytest.mark.parametrize("name", NAMES, ids=lambda n: repr(n)[:20])
def test_widget_html_raises_only_input_errors(name: Any) -> None:
    for values in ({}, {"principal": "abc"}, {"mode": "fee", "payment": "1"}):
        try:
            assert widget_html(name, values).startswith("<section")
        except InputError as error:
            assert error.message.strip()


def cli(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, err.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("nope",),
        ("x" * 10_000,),
        ("schedule", "principal"),
        ("schedule", "principal=1", "principal=2"),
        ("schedule", "principal=@/nonexistent/file"),
        ("schedule", "principal=\udcff"),
        ("schedule", "=1"),
        ("contacts", "log=" + DEEP),
        ("schedule", "months=" + "9" * 100_000),
    ],
    ids=lambda a: repr(a)[:40],
)
def test_the_command_line_answers_with_a_sentence(args: tuple[str, ...]) -> None:
    status, errors = cli(*args)
    assert status == 2
    assert errors.strip() and "Traceback" not in errors


def _entry_points() -> list[Callable[[str, str], Any]]:
    return [
        lambda name, text: render_json(name, text),
        lambda name, text: render(name, {"debts": text, "log": text}),
        lambda name, text: render(name, {"debts": text}, "zh-Hant"),
        lambda _name, text: case_json("load", text),
        lambda name, text: case_json("fill", json.dumps({"case": text, "calc": name, "debt": ""})),
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(deadline=None)  # Hypothesis' deadline is wall-clock time: never on a shared machine
@given(
    name=st.sampled_from(calculators.NAMES),
    text=st.one_of(json_values.map(json.dumps), st.text(max_size=200)),
)
def test_fuzz_every_entry_point_with_json_and_text(name: str, text: str) -> None:
    for call in _entry_points():
        answered(call(name, text))
