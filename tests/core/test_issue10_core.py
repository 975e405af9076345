"""Pins for what hostile testing found in the core (issue 10, items 1 to 7).

Each test names its item; each failed on the code before the fix. The classes of defect are
also covered by properties: the schedule shape over rates up to 1000 % and terms up to 600
months (tests/core/test_schedule.py), and hostile strings into every field with a time budget
(below and tests/core/test_core_fuzz.py).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import InputError, registry
from tests.core import heavy_inputs
from tests.schedule_shape import assert_reader_shape

# --- 1. 等额本息 at high rates over long terms ----------------------------------------


@pytest.mark.parametrize(
    ("principal", "rate", "months"),
    [
        ("100000", "36", "600"),  # was: 599 rows of 0.00 principal, last payment 103,000.00
        ("50000", "36", "360"),  # was: the balance ran out early, rows of 0.00 at the end
        ("100000", "24", "360"),  # was: last payment 2,300.46 against 2,001.60
        ("1000000", "12", "600"),
        ("100000", "1000", "600"),
        ("10000000000", "1000", "600"),
    ],
)
@pytest.mark.parametrize("method", ["equal_payment", "equal_principal", "flat_fee"])
def test_item1_high_rate_long_term_schedules_keep_their_shape(
    principal: str, rate: str, months: str, method: str
) -> None:
    result = calculators.run(
        "schedule",
        {
            "principal": principal,
            "annual_rate": rate,
            "monthly_fee_rate": "1",
            "months": months,
            "method": method,
        },
    )
    assert len(result["rows"]) == int(months)
    assert_reader_shape(result["rows"], method)
    assert sum(D(row["principal"]) for row in result["rows"]) == D(principal)


def test_item1_bank_convention_kept_where_it_holds() -> None:
    # The published tables: one payment rounded to the fen, the last row taking the rest.
    rows = calculators.run(
        "schedule", {"principal": "1000000", "annual_rate": "4.9", "months": "360"}
    )["rows"]
    assert {row["payment"] for row in rows[:-1]} == {"5307.27"}
    assert rows[-1]["payment"] == "5305.19"


def test_item1_high_rate_case_pays_a_fen_of_principal_every_month() -> None:
    rows = calculators.run(
        "schedule", {"principal": "100000", "annual_rate": "36", "months": "600"}
    )["rows"]
    assert rows[0] == {
        "period": 1,
        "payment": "3000.01",
        "principal": "0.01",
        "interest": "3000.00",
        "fee": "0.00",
        "balance": "99999.99",
    }
    assert rows[-1]["payment"] == "2999.96"


def test_item1_negotiate_plan_inherits_the_shape() -> None:
    result = calculators.run(
        "negotiate",
        {
            "principal": "100000",
            "interest": "0",
            "penalty": "0",
            "annual_rate": "36",
            "months": "600",
            "waive_penalty": "0",
        },
    )
    plan = next(s for s in result["scenarios"] if s["key"] == "instalment")
    assert abs(D(plan["last_payment"]) - D(plan["monthly"])) <= D("6.00")


# --- 2. apr infers its mode from what was given ----------------------------------------


def test_item2_fee_rate_alone_means_fee_mode() -> None:
    result = calculators.run(
        "apr", {"principal": "10000", "months": "12", "monthly_fee_rate": "0.6"}
    )
    assert result["mode"] == "fee"
    assert result["apr"] == "13.03"


def test_item2_payment_alone_means_payment_mode() -> None:
    result = calculators.run("apr", {"principal": "12000", "months": "12", "payment": "1072"})
    assert result["mode"] == "payment"
    assert result["apr"] == "13.03"


@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"mode": "payment", "monthly_fee_rate": "0.6"}, "payment"),
        ({"mode": "fee", "payment": "1072"}, "monthly_fee_rate"),
        ({"payment": "1072", "monthly_fee_rate": "0.6"}, "mode"),
    ],
)
def test_item2_contradictions_are_said(inputs: dict[str, str], field: str) -> None:
    with pytest.raises(InputError) as info:
        calculators.run("apr", {"principal": "12000", "months": "12", **inputs})
    assert info.value.field == field


def test_item2_the_form_sends_everything_and_mode_decides() -> None:
    both = {"principal": "12000", "months": "12", "payment": "1072", "monthly_fee_rate": "0.6"}
    assert calculators.run("apr", {**both, "mode": "fee"})["mode"] == "fee"
    assert calculators.run("apr", {**both, "mode": "每期手续费率"})["mode"] == "fee"
    assert calculators.run("apr", {**both, "mode": "payment"})["mode"] == "payment"


# --- 3. unknown input names -------------------------------------------------------------


def test_item3_misspelled_name_is_refused_with_a_suggestion() -> None:
    with pytest.raises(InputError) as info:
        calculators.run("schedule", {"princpal": "5000"})
    assert info.value.field == "princpal"
    assert "principal" in info.value.message and "借款本金" in info.value.message


@pytest.mark.parametrize("name", calculators.NAMES)
def test_item3_every_calculator_refuses_foreign_names(name: str) -> None:
    with pytest.raises(InputError) as info:
        calculators.run(name, {"utm_source": "x"})
    assert info.value.field == "utm_source"


# --- 4. apr below the money received -----------------------------------------------------


def test_item4_repayments_below_the_money_received() -> None:
    with pytest.raises(InputError) as info:
        calculators.run("apr", {"principal": "20000", "payment": "1072", "months": "12"})
    assert info.value.field == "payment"
    assert "还少" in info.value.message


def test_item4_repaying_exactly_the_money_is_zero_percent() -> None:
    result = calculators.run("apr", {"principal": "1200", "payment": "100", "months": "12"})
    assert result["apr"] == "0.00"


# --- 5. nothing but InputError escapes ----------------------------------------------------


def test_item5_settlement_rounding_to_nothing() -> None:
    with pytest.raises(InputError) as info:
        calculators.run(
            "negotiate",
            {
                "principal": "0.3",
                "interest": "0",
                "penalty": "0",
                "months": "1",
                "settlement_discount": "99",
            },
        )
    assert info.value.field == "settlement_discount"
    with pytest.raises(InputError) as info:
        calculators.run(
            "negotiate",
            {"principal": "0.3", "interest": "0", "penalty": "0", "settlement_discount": "99"},
        )
    assert info.value.field == "months"


money = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2).map(str)


# A fuzz test: a crash hides in a rare mix of amounts, months and rates, so three
# times the profile's examples.
@settings(max_examples=3 * settings().max_examples)
@given(
    principal=money,
    interest=money,
    penalty=money,
    months=st.integers(1, 600).map(str),
    rate=st.decimals(min_value=D(0), max_value=D(1000), places=2).map(str),
    discount=st.decimals(min_value=D(0), max_value=D(99), places=2).map(str),
    waive=st.sampled_from(["0", "1"]),
)
def test_item5_negotiate_never_crashes(
    principal: str, interest: str, penalty: str, months: str, rate: str, discount: str, waive: str
) -> None:
    inputs = {
        "principal": principal,
        "interest": interest,
        "penalty": penalty,
        "months": months,
        "annual_rate": rate,
        "settlement_discount": discount,
        "waive_penalty": waive,
    }
    try:
        result = calculators.run("negotiate", inputs)
    except InputError as error:
        assert error.field in {f.name for f in registry.get("negotiate").fields}
        return
    for scenario in result["scenarios"]:
        assert D(scenario["total"]) >= 0


# --- 6. absurd precision -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "text", "fragment"),
    [
        ("months", "36." + "0" * 40 + "1", "整数"),
        ("annual_rate", "4.9" + "0" * 40 + "1", "小数点后 6 位"),
        ("principal", "1000." + "0" * 40 + "1", "精确到分"),
        ("principal", "1" * 30, "100 亿"),
    ],
)
def test_item6_extra_digits_are_refused_not_rounded(field: str, text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        calculators.run("schedule", {field: text})
    assert info.value.field == field
    assert fragment in info.value.message


def test_item6_trailing_zeros_are_harmless() -> None:
    result = calculators.run("schedule", {"principal": "1000." + "0" * 60, "months": "12.0"})
    assert result["principal"] == "1000.00"


# --- 7. every input answered fast, whatever its length -----------------------------------

HOSTILE = (
    "\u0301" * 10**6,  # a megabyte of combining marks (NFKC was quadratic on these)
    "1" + "\u0301" * 199,
    "a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309",
    " " * 4999 + ",",
    ("信用卡," + " " * 1000 + "1,2,3\n") * 4,
    "9" * 10**6,
    "1," * 2499,
    "，" * 4999,
    "\n" * 4999,
    "x" * 10**6,
    "万" * 199 + "1",
)
# CPU time (time.process_time), never wall-clock time: on a shared machine a test that reads
# the clock fails whenever another process has the CPU (issue 20, item 12: it did, twice).
# The promise is an answer within 50 ms in the browser, where Python runs two to three times
# slower: 25 ms of CPU time in CPython (tests/core/heavy_inputs.py: on a machine as fast as
# the one issue 20 was measured on; more on a slower or busier one). These inputs are refused
# or answered in well under 5 ms, so the margin to the budget is at least five-fold; each is
# measured as the least of three runs, so a stray pause of the process is not counted.


@pytest.mark.parametrize("name", calculators.NAMES)
def test_item7_every_field_answers_within_25_ms_of_cpu_time(name: str) -> None:
    for field in registry.get(name).fields:
        for text in HOSTILE:
            try:
                calculators.run(name, {field.name: text})
            except InputError as error:
                assert error.field == field.name
            heavy_inputs.assert_within_budget(name, {field.name: text})


# Texts of up to 6,000 characters from a small alphabet: twice the profile's examples,
# so more of the long ones are tried.
@settings(max_examples=2 * settings().max_examples)
@given(
    data=st.data(),
    text=st.text(
        alphabet=st.sampled_from(list("0123456789.,，、;万%\u0301\u0300 \t\n名a")),
        min_size=0,
        max_size=6000,
    ),
)
def test_item7_random_long_text_within_budget(data: st.DataObject, text: str) -> None:
    name = data.draw(st.sampled_from(calculators.NAMES))
    field = data.draw(st.sampled_from(registry.get(name).fields))
    try:
        calculators.run(name, {field.name: text})
    except InputError as error:
        # A valid value in one field can make another one wrong (months=1 and the default
        # payment), so the error may name any field of the calculator.
        assert error.field in {f.name for f in registry.get(name).fields}
    heavy_inputs.assert_within_budget(name, {field.name: text})
