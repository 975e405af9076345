"""Fuzz: random and hostile strings into every input of every calculator.

Whatever comes in, `calculators.run` returns a JSON-serialisable dict or raises InputError
naming one of the calculator's fields with a non-empty sentence. Nothing else escapes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import InputError, registry

NASTY: tuple[Any, ...] = (
    "",
    " ",
    "\u3000",
    "\n",
    "\t",
    "NaN",
    "nan",
    "-nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "-inf",
    "1e5",
    "1E-5",
    "1e999999",
    "-1e-99",
    "--1",
    "+-1",
    "-",
    "+",
    "0",
    "-0",
    "0.00",
    "00000",
    "1" * 500,
    "9" * 41,
    "0." + "0" * 60 + "1",
    "1/3",
    "½",
    "²",
    "١٢٣",
    "１２３",
    "１０万",
    "10万万",
    "万",
    "亿",
    "%",
    "%%",
    "百分之",
    "百分之百",
    "1,000,000",
    "1,00",
    ",",
    ".",
    "..",
    "1..2",
    "1.2.3",
    "\x00",
    "\ud800",
    "\udfff1",
    "\u200b1",
    "1\u200b",
    "\u202e1",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "${jndi:ldap://x}",
    "🙂",
    "ﷺ" * 40,
    "2024-02-30",
    "2024-13-01",
    "9999-12-31",
    "0001-01-01",
    "2019-08-19",
    "2019-08-20",
    "equal_payment",
    "flat_fee",
    "bullet",
    "monthly",
    "fee",
    "是",
    "否",
    "true",
    "None",
    "null",
    "[]",
    "{}",
    "0x1F",
    "1_000",
    "1 000",
    "1",
    "12",
    "600",
    "601",
    "3650",
    "3651",
    "1000",
    "1000.0001",
    "5.01",
    "99",
    "100",
    "10000000000",
    "10000000000.01",
    "0.01",
    "a,1,2,3",
    "a,1,2,3\n" * 30,
    "a,1e5,2,3",
    "名,1,1000,0",
    "a,10000000000,1000,0",
    "a,1,2,3\na,1,2,3",
    "x" * 6000,
    "\n" * 6000,
    None,
    1,
    1.5,
    b"1",
    ["1"],
)

NAMES = calculators.NAMES


def _field_names(name: str) -> list[str]:
    return [f.name for f in registry.get(name).fields]


def _check(name: str, inputs: dict[str, Any]) -> None:
    try:
        result = calculators.run(name, inputs)
    except InputError as err:
        assert err.field in _field_names(name)
        assert isinstance(err.message, str) and err.message.strip()
        json.dumps(err.to_dict(), ensure_ascii=False)
        return
    assert isinstance(result, dict)
    json.dumps(result, ensure_ascii=False, allow_nan=False)


@pytest.mark.parametrize("name", NAMES)
def test_every_nasty_value_in_every_field(name: str) -> None:
    for field in _field_names(name):
        for value in NASTY:
            _check(name, {field: value})


numberish = st.from_regex(r"[+-]?[0-9]{0,13}(\.[0-9]{0,4})?(万|千|元|%|个月|天)?", fullmatch=True)
values = st.one_of(
    st.text(max_size=30),
    numberish,
    st.sampled_from([v for v in NASTY if isinstance(v, str)]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats().map(repr),
)


@pytest.mark.parametrize("name", NAMES)
# The fuzz tests are the last line of defence against a crash, which hides in rare
# inputs: two and a half times the profile's examples.
@settings(max_examples=5 * settings().max_examples // 2)
@given(data=st.data())
def test_random_inputs(name: str, data: st.DataObject) -> None:
    fields = _field_names(name)
    inputs = data.draw(st.dictionaries(st.sampled_from(fields), values, max_size=len(fields)))
    _check(name, inputs)


debt_line = st.tuples(
    st.text(max_size=6),
    numberish,
    numberish,
    numberish,
    st.sampled_from([",", "，", " ", "\t", "、", ";"]),
).map(lambda t: t[4].join(t[:4]))


# The fuzz tests are the last line of defence against a crash, which hides in rare
# inputs: two and a half times the profile's examples.
@settings(max_examples=5 * settings().max_examples // 2)
@given(lines=st.lists(debt_line, max_size=25), budget=st.one_of(numberish, st.text(max_size=8)))
def test_random_debt_lists(lines: list[str], budget: str) -> None:
    _check("payoff", {"debts": "\n".join(lines), "budget": budget})


def test_unknown_calculator() -> None:
    with pytest.raises(InputError) as info:
        calculators.run("nope", {})
    assert info.value.field == "name"


@pytest.mark.parametrize("name", NAMES)
def test_defaults_run(name: str) -> None:
    result = calculators.run(name, {})
    json.dumps(result, ensure_ascii=False, allow_nan=False)
