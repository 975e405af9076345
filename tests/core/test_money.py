"""Reading what people type: calculators.money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from calculators import InputError
from calculators.fields import Field, Kind
from calculators.money import fen, fmt, parse_field, parse_inputs

MONEY = Field(
    "principal", "借款本金", Kind.MONEY, "10000", minimum=Decimal(0), exclusive_minimum=True
)
FEE = Field("fee", "费用", Kind.MONEY, "0", minimum=Decimal(0), required=False)
RATE = Field("rate", "年利率", Kind.RATE, "4.9", minimum=Decimal(0))
MONTHS = Field("months", "期数", Kind.INTEGER, "12", minimum=Decimal(1), maximum=Decimal(600))
CHOICE = Field("method", "方式", Kind.CHOICE, "a", choices=(("a", "甲"), ("b", "乙")))
FLAG = Field("waive", "减免", Kind.FLAG, "1")
DATE = Field("day", "合同日期", Kind.DATE, "", required=False)
LINES = Field("debts", "债务清单", Kind.LINES, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100000", "100000.00"),
        ("100,000", "100000.00"),
        ("1,234,567.89", "1234567.89"),
        ("１００００", "10000.00"),
        ("１０，０００", "10000.00"),
        ("10万", "100000.00"),
        ("1.5万", "15000.00"),
        ("3千", "3000.00"),
        ("1亿", "100000000.00"),
        ("10万元", "100000.00"),
        ("500元", "500.00"),
        ("500块", "500.00"),
        ("¥1,234.50", "1234.50"),
        ("￥99", "99.00"),
        ("RMB 100", "100.00"),
        (" 12 000 ", "12000.00"),
        ("\u300012000\u3000", "12000.00"),
        ("100。5", "100.50"),
        ("+5", "5.00"),
        (".5", "0.50"),
        ("5.", "5.00"),
        ("0.01", "0.01"),
        ("10000000000", "10000000000.00"),
        ("𝟏𝟐𝟑", "123.00"),
    ],
)
def test_money_accepts_what_people_type(text: str, expected: str) -> None:
    value = parse_field(MONEY, text)
    assert isinstance(value, Decimal)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "请填写借款本金"),
        ("   ", "请填写借款本金"),
        ("NaN", "请填数字"),
        ("nan", "请填数字"),
        ("Infinity", "请填数字"),
        ("-Infinity", "请填数字"),
        ("inf", "请填数字"),
        ("1e5", "请填数字"),
        ("1E5", "请填数字"),
        ("--1", "请填数字"),
        ("0x10", "请填数字"),
        ("1_000", "请填数字"),
        ("١٢٣", "请填数字"),
        ("万", "请填数字"),
        ("abc", "请填数字"),
        ("1,00", "逗号"),
        ("12,34,567", "逗号"),
        ("-5", "不能是负数"),
        ("-0.01", "不能是负数"),
        ("0", "要大于 0"),
        ("0.00", "要大于 0"),
        ("-0", "要大于 0"),
        ("10000000000.01", "不能超过 100 亿元"),
        ("2亿亿", "请填数字"),
        ("100亿零1", "请填数字"),
        ("1000001万", "不能超过 100 亿元"),
        ("9" * 150, "不能超过 100 亿元"),
        ("9" * 201, "太长"),
        ("1.001", "精确到分"),
        ("1\x00", "无法识别的字符"),
        ("\ud800", "无法识别的字符"),
    ],
)
def test_money_rejects_with_a_sentence(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse_field(MONEY, text)
    assert info.value.field == "principal"
    assert fragment in info.value.message
    assert info.value.message.endswith("。")


@pytest.mark.parametrize("raw", [None, 5, 5.0, b"5", ["5"], Decimal("5")])
def test_non_strings_are_rejected(raw: object) -> None:
    with pytest.raises(InputError, match="无法识别"):
        parse_field(MONEY, raw)  # type: ignore[arg-type]


def test_optional_money_may_be_empty() -> None:
    assert parse_field(FEE, "") is None
    assert parse_field(FEE, "0") == Decimal("0.00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.9", "4.9"),
        ("4.9%", "4.9"),
        ("４．９％", "4.9"),
        ("百分之5", "5"),
        ("0", "0"),
        ("1000", "1000"),
    ],
)
def test_rate_as_typed_percent(text: str, expected: str) -> None:
    assert str(parse_field(RATE, text)) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1000.01", "不能超过 1000%"),
        ("5000", "不能超过 1000%"),
        ("-1", "不能是负数"),
        ("4.9万", "请填数字"),
    ],
)
def test_rate_limits(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        parse_field(RATE, text)


@pytest.mark.parametrize(
    ("text", "expected"), [("12", 12), ("12个月", 12), ("12期", 12), ("12.0", 12), ("600", 600)]
)
def test_integer(text: str, expected: int) -> None:
    value = parse_field(MONTHS, text)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("601", "1 到 600"), ("0", "1 到 600"), ("12.5", "整数"), ("1e3", "请填数字"), ("", "请填写")],
)
def test_integer_limits(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        parse_field(MONTHS, text)


def test_choice_by_value_or_label() -> None:
    assert parse_field(CHOICE, "b") == "b"
    assert parse_field(CHOICE, "乙") == "b"
    with pytest.raises(InputError, match="甲、乙"):
        parse_field(CHOICE, "c")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", True), ("on", True), ("是", True), ("", False), ("0", False), ("否", False)],
)
def test_flag(text: str, expected: bool) -> None:
    assert parse_field(FLAG, text) is expected


def test_flag_rejects_other_text() -> None:
    with pytest.raises(InputError, match="是”或“否"):
        parse_field(FLAG, "maybe")


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-05",
        "2024-3-5",
        "2024/3/5",
        "2024.3.5",
        "2024年3月5日",
        "20240305",
        "２０２４-03-05",
    ],
)
def test_date_spellings(text: str) -> None:
    assert parse_field(DATE, text) == dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    "text", ["2024-02-30", "2024-13-01", "99999-01-01", "yesterday", "2024-03"]
)
def test_date_rejects(text: str) -> None:
    with pytest.raises(InputError, match="年-月-日"):
        parse_field(DATE, text)


def test_optional_date_may_be_empty() -> None:
    assert parse_field(DATE, "") is None


def test_lines_are_normalised_and_bounded() -> None:
    assert parse_field(LINES, "甲，1０0") == "甲,100"
    with pytest.raises(InputError, match="太长"):
        parse_field(LINES, "x" * 5001)


def test_parse_inputs_fills_defaults() -> None:
    parsed = parse_inputs((MONEY, MONTHS), {"months": "24"})
    assert parsed == {"principal": Decimal("10000.00"), "months": 24}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.005", "1.01"),
        ("1.004", "1.00"),
        ("-1.005", "-1.01"),
        ("2.675", "2.68"),
        ("0.125", "0.13"),
    ],
)
def test_fen_rounds_half_up(value: str, expected: str) -> None:
    assert str(fen(Decimal(value))) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("5307.265", 2, "5307.27"),
        ("-0.001", 2, "0.00"),
        ("-0", 2, "0.00"),
        ("0.0106698", 4, "0.0107"),
        ("12", 2, "12.00"),
    ],
)
def test_fmt(value: str, places: int, expected: str) -> None:
    assert fmt(Decimal(value), places) == expected
