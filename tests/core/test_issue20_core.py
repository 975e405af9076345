"""Pins for what hostile testing found in the core (issue 20, items 1 to 9 and 11).

Each test names its item; each failed on the code before the fix. The classes behind them are
fuzzed here too (shares against balances, counts and negations in free text, UID uniqueness
across debts, date and time bounds at both ends, duplicate keys and BOMs in files).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import InputError, case_v1
from calculators.case_v1 import V1_FORMAT as FORMAT
from calculators.fields import Kind
from calculators.web import render

# --- 1. a share never exceeds its balance ------------------------------------------------


def test_item1_more_money_than_debt_leaves_the_rest_said_plainly() -> None:
    result = calculators.run(
        "allocate", {"debts": "信用卡,100,18,50\n网贷,300,36,100", "available": "2000"}
    )
    assert [s["share"] for s in result["shares"]] == ["100.00", "300.00"]  # was 500, 1,500
    assert result["shared"] == "400.00" and result["leftover"] == "1600.00"
    assert [s["below_minimum"] for s in result["shares"]] == [False, False]
    shown = render("allocate", {"debts": "信用卡,100,18,50\n网贷,300,36,100", "available": "2000"})
    assert "每月还剩 1,600.00 元" in shown["html"]
    assert "留作应急金" in shown["html"] and "利率最高的一笔" in shown["html"]
    assert "每月还剩 1,600.00 元" in shown["summary"]
    rows = [line.split(",") for line in shown["csv"].strip().splitlines()[1:]]
    assert [r[4] for r in rows] == ["100.00", "300.00"]


def test_item1_no_leftover_line_when_the_money_is_short() -> None:
    result = calculators.run("allocate", {})
    assert result["leftover"] == "0.00" and result["shared"] == result["available"]
    assert "还剩" not in render("allocate", {})["html"]


money = st.decimals(min_value=D("0.01"), max_value=D("10000000"), places=2)


@settings(deadline=None)  # Hypothesis' deadline is wall-clock time: never on a shared machine
@given(
    balances=st.lists(money, min_size=1, max_size=20),
    available=st.one_of(money, st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2)),
)
def test_item1_fuzz_shares_against_balances(balances: list[D], available: D) -> None:
    debts = "\n".join(f"债{i},其他,{b},,," for i, b in enumerate(balances))
    result = calculators.run("allocate", {"debts": debts, "available": str(available)})
    shares = [D(s["share"]) for s in result["shares"]]
    for share, balance in zip(shares, balances, strict=True):
        assert D(0) <= share <= balance
    assert sum(shares, D(0)) == D(result["shared"])
    assert D(result["shared"]) + D(result["leftover"]) == available  # to the fen
    assert D(result["leftover"]) == max(available - sum(balances, D(0)), D(0))
    for payment in result["payments"]:
        assert D(payment["payment"]) > 0


# --- 2. the contact log reads counts and negations exactly, or asks ----------------------


def contact(content: str, when: str = "2026-05-06 10:00") -> str:
    return f"{when},对方打来,电话,未知号码,{content}"


def missed_calls(content: str) -> int:
    (row,) = calculators.run("contacts", {"log": contact(content)})["contacts"]
    return int(row["unanswered"])


@pytest.mark.parametrize(
    ("content", "count"),
    [
        ("未接 0 次", 0),  # was 1, and a false "第 7 次" flag with six more
        ("未接 100 次", 100),  # was 1
        ("没有未接", 0),  # was 1
        ("无未接来电", 0),
        ("不是未接，是我挂断的", 0),
        ("未接三次", 3),
        ("未接两次", 2),
        ("未接十二次", 12),
        ("未接来电 12 个", 12),
        ("3 次未接", 3),
        ("两个未接来电", 2),
        ("第 3 次未接", 1),  # an ordinal: this entry is one call
        ("未接x7", 7),
        ("未接", 1),
        ("没有接听", 1),
        ("接了，说下周再打", 0),
    ],
)
def test_item2_counts_and_negations_read_exactly(content: str, count: int) -> None:
    assert missed_calls(content) == count


@pytest.mark.parametrize(
    "content",
    ["未接几次", "未接很多次", "未接 3", "未接 1000 次", "未接又漏接", "未接 3 次；无人接听"],
)
def test_item2_unclear_counts_are_asked_for_naming_the_line(content: str) -> None:
    log = contact("说了欠款") + "\n" + contact(content)
    with pytest.raises(InputError) as info:
        calculators.run("contacts", {"log": log})
    assert info.value.field == "log" and info.value.message.startswith("第 2 行的内容")


def test_item2_zero_missed_calls_raise_no_flag() -> None:
    log = "\n".join(contact("未接", f"2026-05-06 09:{i:02d}") for i in range(6))
    result = calculators.run("contacts", {"log": log + "\n" + contact("未接 0 次")})
    assert result["calls"] == 0 and result["unanswered"] == 6  # was 1 flag and 7


@pytest.mark.parametrize(
    ("time", "ok"),
    [
        ("00:00", True),
        ("23:59", True),
        ("23:59:59", True),
        ("23:59:60", False),
        ("23:59:99", False),  # was accepted: the seconds were never checked
        ("23:60", False),
        ("24:00", False),
        ("9:5", False),
        ("21点", True),
        ("21点30分", True),
        ("21点60分", False),
        ("24点", False),
    ],
)
def test_item2_times_are_validated_whole(time: str, ok: bool) -> None:
    log = contact("说了欠款", f"2026-05-06 {time}")
    if ok:
        calculators.run("contacts", {"log": log})
        return
    with pytest.raises(InputError) as info:
        calculators.run("contacts", {"log": log})
    assert info.value.field == "log" and info.value.message.startswith("第 1 行")


_CN_DIGITS = "零一二三四五六七八九"


def in_chinese(n: int) -> str:
    """An independent writer of 0..999 in Chinese numerals (the oracle of the fuzz below)."""
    if n < 10:
        return _CN_DIGITS[n]
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = _CN_DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_CN_DIGITS[ones] if ones else "")


FILLER = st.text(alphabet="说好下周还款工号催收员的了我他们明天再打来电话。", max_size=12)


@settings(deadline=None)
@given(
    count=st.integers(0, 999),
    form=st.sampled_from(["digits", "chinese", "times", "before", "plain"]),
    negated=st.booleans(),
    head=FILLER,
    tail=FILLER,
)
def test_item2_fuzz_counts_and_negations_in_free_text(
    count: int, form: str, negated: bool, head: str, tail: str
) -> None:
    words = {
        "digits": f"未接 {count} 次",
        "chinese": f"未接{in_chinese(count)}次",
        "times": f"未接 x{count}",
        "before": f"{count} 个未接来电",
        "plain": "未接",
    }[form]
    expected = 1 if form == "plain" else count
    if negated:
        words, expected = "没有" + words if form != "before" else "没有未接", 0
    # A separator keeps the filler from reading as part of the count ("未接 3 次说"); not a
    # comma, which separates the log's columns.
    assert missed_calls(f"{head}；{words}；{tail}") == expected


@settings(deadline=None)
@given(content=st.text(alphabet="未接没有无不是通听漏人次个三十百零两0139 xX来电；第", max_size=40))
def test_item2_fuzz_any_wording_is_read_or_asked(content: str) -> None:
    try:
        count = missed_calls(content)
    except InputError as error:
        assert error.field == "log" and error.message.startswith("第 1 行")
        return
    assert 0 <= count <= 999
    assert count == 0 or any(word in content for word in ("接", "漏"))


# --- 3. calendar UIDs: different debts differ, the same debt stays the same ----------------


def uids(name: str, inputs: dict[str, str]) -> list[str]:
    shown = render(name, inputs)
    assert shown["ok"], shown
    text = shown["files"]["ics"]["text"]
    return [line[4:] for line in text.split("\r\n") if line.startswith("UID:")]


def test_item3_two_loans_with_the_same_first_due_date_keep_their_own_reminders() -> None:
    first = uids("schedule", {"principal": "12000", "months": "12", "first_due": "2026-03-15"})
    second = uids("schedule", {"principal": "30000", "months": "12", "first_due": "2026-03-15"})
    assert len(set(first)) == 12 and not set(first) & set(second)  # was 12 of 12 shared
    first = uids("negotiate", {"principal": "30000", "first_due": "2026-03-15"})
    second = uids("negotiate", {"principal": "8000", "first_due": "2026-03-15"})
    assert not set(first) & set(second)


debt_identity = st.tuples(
    st.integers(100, 10**7).map(str),
    st.integers(1, 36).map(str),
    st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2190, 1, 1)).map(str),
)


@settings(deadline=None)
@given(one=debt_identity, other=debt_identity, rate=st.sampled_from(["0", "4.9", "18"]))
def test_item3_fuzz_uid_uniqueness_across_debts(
    one: tuple[str, str, str], other: tuple[str, str, str], rate: str
) -> None:
    def calendar(identity: tuple[str, str, str], rate: str) -> list[str]:
        principal, months, first_due = identity
        inputs = {"principal": principal, "months": months, "first_due": first_due}
        return uids("schedule", {**inputs, "annual_rate": rate})

    mine, theirs = calendar(one, "0"), calendar(other, "0")
    assert len(set(mine)) == len(mine)
    if one != other:
        assert not set(mine) & set(theirs)
    assert calendar(one, rate) == mine  # the same debt at another rate: the same events


@settings(deadline=None)
@given(
    balances=st.lists(st.integers(100, 10**6), min_size=2, max_size=6),
    first_due=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2150, 1, 1)),
)
def test_item3_fuzz_uids_of_a_split_are_unique_per_creditor(
    balances: list[int], first_due: dt.date
) -> None:
    debts = "\n".join(f"债{i},其他,{b},12,," for i, b in enumerate(balances))
    inputs = {"debts": debts, "available": "3000", "first_due": first_due.isoformat()}
    found = uids("allocate", inputs)
    assert len(set(found)) == len(found)
    assert uids("allocate", {**inputs, "available": "2000"})[:1] == found[:1]
    renamed = debts.replace("债0,", "另一家,")
    assert not set(uids("allocate", {**inputs, "debts": renamed})) & set(found[:1])


# --- 4. date bounds are inclusive at both ends ----------------------------------------------


def accepted(name: str, inputs: dict[str, str]) -> bool:
    try:
        calculators.run(name, inputs)
    except InputError as error:
        assert error.field in {"first_due", "contract_date"}, error
        return False
    return True


@pytest.mark.parametrize(
    ("first_due", "months", "ok"),
    [
        ("2199-12-01", "1", True),  # was refused: the bound was a month early
        ("2199-12-31", "1", True),
        ("2199-01-01", "12", True),
        ("2199-02-01", "12", False),
        ("2150-01-31", "600", True),
        ("2150-02-01", "600", False),
        ("1970-01-01", "1", True),
        ("1969-12-31", "1", False),
    ],
)
@pytest.mark.parametrize("name", ["schedule", "negotiate"])
def test_item4_first_due_bounds_at_both_ends(
    name: str, first_due: str, months: str, ok: bool
) -> None:
    inputs = {"first_due": first_due, "months": months, "principal": "100000"}
    assert accepted(name, inputs) is ok


def test_item4_a_split_cleared_soon_may_start_late() -> None:
    inputs = {"debts": "甲,其他,300,,,", "available": "100", "first_due": "2199-10-01"}
    assert [p["date"] for p in calculators.run("allocate", inputs)["payments"]] == [
        "2199-10-01",
        "2199-11-01",
        "2199-12-01",
    ]  # was refused: the bound counted 36 months whatever the split needed
    assert not accepted("allocate", {**inputs, "available": "99"})  # a 4th month: 2200


@pytest.mark.parametrize(
    ("contract_date", "ok"),
    [("1990-01-01", True), ("1989-12-31", False), ("2100-12-31", True), ("2101-01-01", False)],
)
def test_item4_contract_date_bounds_at_both_ends(contract_date: str, ok: bool) -> None:
    assert accepted("apr", {"contract_date": contract_date}) is ok


def last_due_year(first: dt.date, months: int) -> int:
    """An independent oracle: step month by month."""
    year, month = first.year, first.month
    for _ in range(months - 1):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return year


@st.composite
def near_the_bounds(draw: st.DrawFn) -> tuple[dt.date, int]:
    """A first due date and a term whose first or last date falls within a year of a bound."""
    months = draw(st.integers(1, 600))
    day = draw(st.integers(1, 31))
    if draw(st.booleans()):  # the last date near 2199-12
        index = 2199 * 12 + 11 + draw(st.integers(-12, 12)) - (months - 1)
    else:  # the first date near 1970-01
        index = 1970 * 12 + draw(st.integers(-12, 12))
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day, last_day)), months


@settings(deadline=None)
@given(
    case=st.one_of(
        near_the_bounds(),
        st.tuples(
            st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2210, 12, 31)),
            st.integers(1, 600),
        ),
    )
)
def test_item4_fuzz_date_bounds(case: tuple[dt.date, int]) -> None:
    first, months = case
    inputs = {"first_due": first.isoformat(), "months": str(months), "principal": "100000"}
    expected = first.year >= 1970 and last_due_year(first, months) <= 2199
    assert accepted("schedule", inputs) is expected


# --- 5. every number of a debt list has an upper bound said in a sentence --------------------

HUGE = "9" * 150


@pytest.mark.parametrize("column", [2, 3, 4, 5])  # 余额, 年利率, 每月应还, 逾期天数
@pytest.mark.parametrize("name", ["allocate", "payoff"])
def test_item5_every_numeric_column_of_a_debt_list_is_bounded(name: str, column: int) -> None:
    cells = ["网贷甲", "网络小贷", "8000", "36", "400", "45"]
    cells[column] = HUGE
    with pytest.raises(InputError) as info:
        calculators.run(name, {"debts": ",".join(cells)})  # 逾期天数: was shown back
    assert info.value.field == "debts" and info.value.message.startswith("第 1 行")
    assert HUGE not in info.value.message


@pytest.mark.parametrize("key", ["balance", "rate", "monthly_due", "overdue_days"])
def test_item5_every_number_of_a_debt_in_the_case_is_bounded(key: str) -> None:
    from calculators import case

    debt = case.blank_debt("a1") | {"creditor": "网贷甲", "balance": "8000", key: HUGE}
    data = case.empty() | {"debts": [debt]}
    with pytest.raises(InputError) as info:
        calculators.run("plan", {"case": json.dumps(data)})
    assert info.value.field == "case" and info.value.message.startswith("第 1 笔欠款（网贷甲）")
    assert HUGE not in info.value.message


def test_item5_overdue_days_take_the_overdue_calculators_bound() -> None:
    def days(text: str) -> object:
        debts = f"网贷甲,网络小贷,8000,36,400,{text}"
        return calculators.run("allocate", {"debts": debts})["shares"][0]["overdue_days"]

    assert days("3650") == 3650 and days("0") == 0
    with pytest.raises(InputError, match="0 到 3650 天"):
        days("3651")


@pytest.mark.parametrize("name", calculators.NAMES)
def test_item5_every_count_field_has_an_upper_bound(name: str) -> None:
    # Money and rates have the parser's ceilings (calculators/money.py); a count needs its own.
    for field in calculators.registry.get(name).fields:
        if field.kind is Kind.INTEGER:
            assert field.maximum is not None, (name, field.name)


# --- 6. an astronomically high rate is called that ------------------------------------------


@pytest.mark.parametrize(
    "inputs",
    [
        {"principal": "1", "payment": "10000000000", "months": "1"},  # was "too small"
        {"principal": "1", "payment": "10000000000", "months": "600"},
        {"principal": "100", "payment": "5000", "months": "12"},
    ],
)
def test_item6_astronomical_rates_are_called_high(inputs: dict[str, str]) -> None:
    with pytest.raises(InputError) as info:
        calculators.run("apr", inputs)
    assert info.value.field == "payment"
    assert "高得离谱" in info.value.message and "太小" not in info.value.message


def test_item6_nothing_repaid_is_still_said_as_such() -> None:
    from calculators import rates

    with pytest.raises(InputError, match="太小或为 0"):
        rates.apr_figures(D(100), [D(0), D(0)], "payment")


# --- 9. an imported file is checked by the same rules as the boxes it fills ----------------


def book(**parts: object) -> str:
    return json.dumps({"format": FORMAT, "version": 1, **parts}, ensure_ascii=False)


def refused(text: str) -> str:
    with pytest.raises(InputError) as info:
        case_v1.load(text)
    assert info.value.field == "file"
    assert info.value.message.endswith("这台设备上原来的数据没有改动。")
    return info.value.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (book(version=True), "另一个版本"),  # was accepted: True == 1
        (book(version=1.0), "另一个版本"),
        (book(checks={"a\n": True}), "步骤清单"),  # was accepted: $ before a newline
        (book(values={"id_tail": "12345"}), "身份证号后四位"),
        (book(values={"id_tail": "12a4"}), "身份证号后四位"),
        (book(values={"phone": "abc"}), "联系电话"),
        (book(values={"capacity": "0"}), "大于 0"),
        (book(values={"contact_log": "乱七八糟"}), "第 1 行"),
        (book(values={"contact_log": "2026-05-06 23:59:99,对方打来,电话,x"}), "时间不对"),
        (book(values={"debts": "a,其他,100,,,99999"}), "逾期天数"),
        ('{"format": "yuqi-xieshang/workbook", "version": 1, "version": 1}', "不止一次"),
        (
            '{"format": "yuqi-xieshang/workbook", "version": 1,'
            ' "values": {"income": "abc", "income": "8000"}}',
            "不止一次",
        ),  # was accepted: the first, bad value was never checked
        ("[" * 9999 + "]" * 9999, "读不出内容"),  # was a RecursionError
        ('{"format": "yuqi-xieshang/workbook", "version": 1, "values": {"a": [[1]]}}', "读不出"),
    ],
)
def test_item9_a_file_is_checked_like_the_boxes_it_fills(text: str, fragment: str) -> None:
    assert fragment in refused(text)


def test_item9_a_byte_order_mark_is_accepted() -> None:
    text = book(values={"income": "8000", "id_tail": "123x"}, checks={"prepare-list-debts": True})
    assert case_v1.load("\ufeff" + text) == case_v1.load(text)  # was refused


def test_item9_what_the_site_saves_comes_back() -> None:
    # A value one box accepts is accepted (an expense of 0 is fine in the budget, though the
    # emergency fund's box wants more), and blanks are boxes left empty.
    values = {"essential_expenses": "0", "income": "", "person_name": "张三", "phone": "138 0000"}
    got = case_v1.load(book(values=values))
    assert got["budget"]["essential_expenses"] == "0.00" and got["budget"]["income"] == ""
    assert got["person"]["name"] == "张三" and got["person"]["phone"] == "138 0000"


@settings(deadline=None)
@given(
    values=st.dictionaries(
        st.sampled_from(["income", "capacity", "id_tail", "debt_payments"]),
        st.sampled_from(["8000", "12", "123X", "abc", "0", ""]),
        min_size=1,
    ),
    repeat=st.sampled_from(["income", "capacity", "id_tail", "debt_payments"]),
    bad=st.sampled_from(["abc", "-1", "12345", "１０万"]),
    bom=st.booleans(),
)
def test_item9_fuzz_duplicate_keys_and_boms(
    values: dict[str, str], repeat: str, bad: str, bom: bool
) -> None:
    body = json.dumps(values, ensure_ascii=False)
    # The same key again, first with a value the box may refuse: refused whatever it holds.
    doubled = "{" + json.dumps(repeat) + ": " + json.dumps(bad) + ", " + body[1:]
    if repeat not in values:
        doubled = doubled.replace("{", "{" + json.dumps(repeat) + ": " + json.dumps(bad) + ", ", 1)
    text = '{"format": "yuqi-xieshang/workbook", "version": 1, "values": ' + doubled + "}"
    assert "不止一次" in refused(("\ufeff" if bom else "") + text)
    plain = ("\ufeff" if bom else "") + book(values=values)
    try:
        case_v1.load(plain)
    except InputError as error:
        assert "BOM" not in error.message and error.field == "file"  # a value no box accepts


def test_item9_no_box_takes_a_capacity_of_0() -> None:
    # The saved "capacity" fills payoff's and allocate's boxes, which need more than 0; so
    # do negotiate's and the letters' now, so the site never saves what its import refuses.
    boxes = [
        (name, field)
        for name in calculators.NAMES
        for field in calculators.registry.get(name).fields
        if field.saved_as == "capacity"
    ]
    assert boxes
    for name, field in boxes:
        with pytest.raises(InputError) as info:
            calculators.run(name, {field.name: "0"})
        assert info.value.field == field.name and "大于 0" in info.value.message
