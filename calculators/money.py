"""Reading what people type, and the one rounding rule for money.

People type "100,000", "１００００" (full-width digits), "10万", "4.9%", "36 个月". Everything is
normalised (NFKC), checked against the field's limits, and turned into `Decimal` built from
the string, never from a float. Errors are `InputError`s with a Chinese sentence that says
what to type instead.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext

from calculators.errors import InputError
from calculators.fields import NO_WORDS, YES_WORDS, Field, Kind

FEN = Decimal("0.01")
MAX_TEXT = 200  # characters in one number box (also the form's maxlength)
MAX_LINES_TEXT = 5000  # characters in a multi-line box (also its maxlength)
MAX_CASE_TEXT = 400_000  # characters of a whole case (calculators/case.py MAX_FILE)
# Combining marks in a row: real text has one or two; long runs make NFKC quadratic.
MAX_COMBINING_RUN = 8
MAX_AMOUNT = Decimal("10000000000")  # 10^10 yuan: anything above is a typo
MAX_RATE = Decimal("1000")  # %
MAX_MONTHS = 600
MAX_OVERDUE_DAYS = 3650  # ten years: the 逾期天数 box and a debt list's column alike
RATE_PLACES = 6  # 0.000001 %: finer than any contract states, and keeps (1 + r)^n - 1 exact

# 40 significant digits: 10^10 yuan to the fen needs 13, and a 600-month schedule's
# intermediate powers (1 + r)^n need many more before the final rounding to the fen.
CONTEXT = Context(prec=40, rounding=ROUND_HALF_UP)
# Enough digits to hold any number that fits in a box (MAX_TEXT) times 亿, without rounding.
_EXACT = Context(prec=MAX_TEXT + 20, rounding=ROUND_HALF_UP)

# ASCII digits only: NFKC has already turned full-width and other compatibility digits into
# them, and Decimal would otherwise also accept scripts nobody here types (e.g. Arabic-Indic).
_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$")
_CURRENCY_PREFIXES = ("¥", "rmb", "cny")
_DATE = re.compile(r"^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?$")
_COMPACT_DATE = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")
# Lone surrogates and control characters cannot come from a keyboard; they would break the
# JSON and the browser bridge further on.
_BAD_CHARS = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MULTIPLIERS = (("亿", Decimal("100000000")), ("万", Decimal("10000")), ("千", Decimal("1000")))
_UNIT_WORDS = {
    Kind.MONEY: ("元", "块钱", "块", "rmb", "¥", "￥", "cny"),
    Kind.RATE: ("%", "％", "百分之"),
    Kind.INTEGER: ("个月", "月", "期", "天", "日", "笔", "个"),
}
_TRUE = frozenset(YES_WORDS)
_FALSE = frozenset(NO_WORDS)


def fen(value: Decimal) -> Decimal:
    """Round to the fen, half up: ``fen(Decimal("1.005")) == Decimal("1.01")``."""
    with localcontext(CONTEXT):
        return value.quantize(FEN, rounding=ROUND_HALF_UP)


def fmt(value: Decimal, places: int = 2) -> str:
    """Plain string for JSON: ``fmt(Decimal("5307.265")) == "5307.27"`` (half up, no grouping)."""
    with localcontext(CONTEXT):
        q = Decimal(1).scaleb(-places)
        rounded = value.quantize(q, rounding=ROUND_HALF_UP)
        # A tiny negative that rounds to zero must not print as "-0.00".
        return str(abs(rounded) if rounded == 0 else rounded)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u3000", " ").strip()
    text = re.sub(r"\s+", "", text)
    return text.replace("。", ".")


def _longest_combining_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if unicodedata.combining(char) else 0
        longest = max(longest, run)
    return longest


def _number(field: Field, text: str) -> Decimal:
    """Decimal from a cleaned string, accepting grouping commas and 万/千/亿."""
    label = field.label
    if not text:
        raise InputError(field.name, f"请填写{label}。")
    if len(text) > MAX_TEXT:
        raise InputError(field.name, f"{label}太长了，请只填一个数字。")
    lowered = text.lower()
    if field.kind is Kind.MONEY:
        for word in _CURRENCY_PREFIXES:
            if lowered.startswith(word) and len(lowered) > len(word):
                lowered = lowered[len(word) :]
                break
    for word in _UNIT_WORDS.get(field.kind, ()):
        if lowered.endswith(word) and len(lowered) > len(word):
            lowered = lowered[: -len(word)]
            break
    if field.kind is Kind.RATE and lowered.startswith("百分之"):
        lowered = lowered[3:]
    multiplier = Decimal(1)
    if field.kind is Kind.MONEY:
        for word, factor in _MULTIPLIERS:
            if lowered.endswith(word) and len(lowered) > len(word):
                lowered = lowered[: -len(word)]
                multiplier = factor
                break
    if "," in lowered:
        if not _GROUPED.match(lowered):
            raise InputError(field.name, f"{label}里的逗号位置不对，请直接填数字，例如 100000。")
        lowered = lowered.replace(",", "")
    if not _NUMBER.match(lowered):
        raise InputError(field.name, f"{label}请填数字，例如 {field.default}。")
    try:
        # Exact, whatever the length: the 40-digit CONTEXT would round 36.000…0001 to 36
        # before the checks below could see the extra digits.
        with localcontext(_EXACT):
            value = Decimal(lowered) * multiplier
            # "-0" is zero: never let a negative zero reach the arithmetic or print as "-0.00".
            return abs(value) if value == 0 else value
    except InvalidOperation:  # pragma: no cover - the regex admits only plain decimals
        raise InputError(field.name, f"{label}请填数字，例如 {field.default}。") from None


def _date(field: Field, text: str) -> _dt.date:
    """2025-06-01, 2025-6-1, 2025/6/1, 2025.6.1, 2025年6月1日 or 20250601."""
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    try:
        if match is None:
            raise ValueError(text)
        year, month, day = (int(part) for part in match.groups())
        return _dt.date(year, month, day)
    except ValueError:
        raise InputError(
            field.name, f"{field.label}请按“年-月-日”填写，例如 2025-06-01。"
        ) from None


# How a unit reads after a number in a sentence: "1 到 600 个月之间", "0 到 100% 之间".
_SPOKEN_UNIT = {"月": " 个月", "天": " 天", "元": " 元", "%": "% "}


def _check_limits(field: Field, value: Decimal) -> None:
    label = field.label
    unit = _SPOKEN_UNIT.get(field.unit, f" {field.unit}" if field.unit else " ")
    if value < 0:
        raise InputError(field.name, f"{label}不能是负数。")
    lo, hi = field.minimum, field.maximum
    if lo is not None and (value < lo or (field.exclusive_minimum and value == lo)):
        if field.exclusive_minimum and lo == 0:
            raise InputError(field.name, f"{label}要大于 0。")
        if hi is not None:
            raise InputError(field.name, f"{label}请填 {lo} 到 {hi}{unit}之间的数。")
        raise InputError(field.name, f"{label}不能小于 {lo}{unit.rstrip()}。")
    if hi is not None and value > hi:
        if lo is not None:
            raise InputError(field.name, f"{label}请填 {lo} 到 {hi}{unit}之间的数。")
        raise InputError(field.name, f"{label}不能超过 {hi}{unit.rstrip()}。")


def parse_field(field: Field, raw: str) -> object:
    """Parse one raw string according to its field; returns Decimal, int, bool, str or date."""
    if not isinstance(raw, str):
        raise InputError(field.name, f"{field.label}的内容无法识别，请重新填写。")
    # The length first, before any other work: a pasted megabyte is refused in microseconds.
    if field.kind is Kind.CASE:
        # Read whole by the calculator (calculators/case.py validates every value in it).
        if len(raw) > MAX_CASE_TEXT:
            raise InputError(field.name, f"{field.label}的内容太多了，不像是本站保存的方案。")
        return raw
    if field.kind is Kind.LINES:
        if len(raw) > MAX_LINES_TEXT:
            raise InputError(
                field.name, f"{field.label}太长了（最多 {MAX_LINES_TEXT} 个字符），请删掉一些行。"
            )
    elif len(raw) > MAX_TEXT:
        raise InputError(field.name, f"{field.label}太长了，请只填一个数字或选项。")
    if _BAD_CHARS.search(raw) or _longest_combining_run(raw) > MAX_COMBINING_RUN:
        raise InputError(field.name, f"{field.label}里有无法识别的字符，请重新输入。")
    if field.kind is Kind.LINES:
        lines = unicodedata.normalize("NFKC", raw)
        if len(lines) > MAX_LINES_TEXT:
            raise InputError(field.name, f"{field.label}太长了，请删掉一些行。")
        return lines
    text = _clean(raw)
    if field.kind is Kind.FLAG:
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise InputError(field.name, f"{field.label}请选择“是”或“否”。")
    if field.kind is Kind.CHOICE:
        values = [v for v, _ in field.choices]
        if text in values:
            return text
        for choice, label in field.choices:
            if text == label:
                return choice
        names = "、".join(label for _, label in field.choices)
        raise InputError(field.name, f"{field.label}请从这几项中选一个：{names}。")
    if field.kind is Kind.DATE:
        if not text and not field.required:
            return None
        return _date(field, text)
    if not text and not field.required:
        return None
    value = _number(field, text)
    if field.kind is Kind.MONEY:
        if value > MAX_AMOUNT:
            raise InputError(field.name, f"{field.label}太大了，不能超过 100 亿元。")
        if value != fen(value):
            raise InputError(field.name, f"{field.label}最多精确到分（小数点后两位）。")
        _check_limits(field, value)
        return fen(value)
    if field.kind is Kind.RATE:
        if value > MAX_RATE:
            raise InputError(field.name, f"{field.label}不能超过 1000%，请检查是否多打了数字。")
        _check_limits(field, value)
        if value != value.quantize(Decimal(1).scaleb(-RATE_PLACES), rounding=ROUND_HALF_UP):
            raise InputError(
                field.name, f"{field.label}最多填到小数点后 {RATE_PLACES} 位，例如 4.35。"
            )
        return value
    # INTEGER
    if value != value.to_integral_value():
        raise InputError(field.name, f"{field.label}请填整数。")
    _check_limits(field, value)
    return int(value)


def parse_inputs(fields: tuple[Field, ...], inputs: Mapping[str, str]) -> dict[str, object]:
    """Parse every declared field; a missing key takes the field's default."""
    parsed: dict[str, object] = {}
    for field in fields:
        raw = inputs.get(field.name, field.default)
        parsed[field.name] = parse_field(field, raw)
    return parsed
