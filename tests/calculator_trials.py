"""What the browser tests do on a calculator's page, derived from the calculator's fields (no
table to keep by hand): tests/browser/test_calculator_pages.py runs it in Chromium, and
tests/web/test_spec.py checks, without a browser, that every calculator with a page gives a
usable one.

The fields that take another value than their default (`other`: the next choice, a number
doubled, a debt list whose first names are typed as markup and as a spreadsheet formula) and
so change the answer, each on top of those before it: a debt list first, then in form order,
up to four. All but the last go into a share link (`shared`: the page opened from it shows
what the defaults do not, and a name the reader types stays text wherever the answer shows
it); the last is changed on the live page (`change`). `bad`: the first number field that
refuses "abc" with its own message.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculators import InputError, run
from calculators.fields import Field, Kind
from calculators.registry import Calculator

HOSTILE_NAMES = ("<b>x</b>", "=1+1", '"><i>')
NUMBERS = (Kind.MONEY, Kind.RATE, Kind.INTEGER)
NOT_A_NUMBER = "abc"
SHARED = 3  # fields put into the link


@dataclass(frozen=True)
class Trial:
    shared: dict[str, str]
    change: dict[str, str]
    bad: tuple[str, str]


def other(field: Field) -> str | None:
    """Another value than the field's default, or None for a field without an obvious one:
    the next choice, the flag turned over, a number doubled (or halved past its maximum), a
    debt list with hostile names."""
    if field.kind is Kind.CHOICE:
        values = [value for value, _ in field.choices]
        return values[(values.index(field.default) + 1) % len(values)]
    if field.kind is Kind.FLAG:
        return "0" if field.default.strip() in ("1", "是") else "1"
    if field.kind in NUMBERS and field.default.strip():
        number = Decimal(field.default) * 2 or (field.minimum or Decimal(0)) + 1
        if field.maximum is not None and number > field.maximum:
            number = Decimal(field.default) / 2
        if field.kind is Kind.INTEGER:
            number = number.to_integral_value()
        return format(number.normalize(), "f")
    if field.rows and field.default.strip():
        return _hostile(field.default)
    return None


def _hostile(text: str) -> str:
    """The debt list with its first names replaced by markup and a formula."""
    lines = text.split("\n")
    for i, name in enumerate(HOSTILE_NAMES[: len(lines)]):
        lines[i] = name + lines[i][lines[i].index(",") :]
    return "\n".join(lines)


def trial(calc: Calculator) -> Trial:
    taken: dict[str, str] = {}
    answer = run(calc, {})
    # A debt list first (its hostile names), then the fields in form order, each kept when
    # it gives another answer on top of those kept before it.
    for field in sorted(calc.fields, key=lambda f: not f.rows):
        value = other(field)
        if value is None or len(taken) > SHARED:
            continue
        try:
            changed = run(calc, {**taken, field.name: value})
        except InputError:
            continue
        if changed != answer:
            taken[field.name] = value
            answer = changed
    assert len(taken) >= 2, f"{calc.name}: fewer than two fields take another value"
    *shared, change = taken.items()  # the last one kept is changed on the live page
    return Trial(dict(shared), dict([change]), (_refusing_words(calc, taken), NOT_A_NUMBER))


def _refusing_words(calc: Calculator, inputs: dict[str, str]) -> str:
    """The first number field that refuses NOT_A_NUMBER with its own message."""
    for field in calc.fields:
        if field.kind in NUMBERS:
            try:
                run(calc, {**inputs, field.name: NOT_A_NUMBER})
            except InputError as err:
                if err.field == field.name:
                    return field.name
    raise AssertionError(f"{calc.name}: no number field refuses {NOT_A_NUMBER!r}")
