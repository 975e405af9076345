"""The reader's case (calculators/case.py): its schema, validation, limits and round trip."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from calculators import case
from calculators.case import CaseError
from tests.case_strategies import raw_cases, text

HAN = re.compile("[\u4e00-\u9fff]")


def one(**debt: Any) -> dict[str, Any]:
    raw = {
        "format": case.FORMAT,
        "version": 2,
        "debts": [{"id": "a1", "creditor": "招商信用卡", "balance": "20000", **debt}],
    }
    return raw


def refused(raw: object) -> CaseError:
    with pytest.raises(CaseError) as info:
        case.validate(raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False))
    assert info.value.field == case.FIELD
    assert HAN.search(info.value.message)
    return info.value


def test_values_are_kept_in_normal_form() -> None:
    raw = one(kind="card", balance="2万", rate="18%", overdue_days="45天", first_due="2026/7/1")
    raw["budget"] = {"income": "8千", "essential_expenses": "4,500"}
    raw["person"] = {"name": " 张  三 ", "id_tail": "123x", "phone": "13800000000"}
    got = case.validate(json.dumps(raw, ensure_ascii=False))
    d = got["debts"][0]
    assert (d["balance"], d["rate"], d["overdue_days"], d["first_due"]) == (
        "20000.00",
        "18",
        "45",
        "2026-07-01",
    )
    assert got["budget"] == {
        "income": "8000.00",
        "essential_expenses": "4500.00",
        "other_payments": "",
        "capacity": "",
    }
    assert got["person"]["name"] == "张 三" and got["person"]["id_tail"] == "123X"
    assert d["asks"] == {"stop_interest": True, "waive_penalty": True, "months": "", "amount": ""}
    assert d["status"] == "new" and d["notice"] == "none" and d["sold"] is False


@given(raw_cases())
def test_any_valid_case_round_trips_through_json_unchanged(raw: dict[str, Any]) -> None:
    try:
        got = case.validate(text(raw))
    except CaseError as err:
        event(f"refused at {err.path.split('.')[0]}")
        return
    event("valid")
    again = case.validate(case.to_json(got))
    assert again == got
    assert case.to_json(again) == case.to_json(got)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            out += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            out += _paths(inner, (*prefix, i))
    return out


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["", "abc", "-5", "1e9", "万", "2026-02-30", "99:99", "<script>", "1" * 300]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@given(raw_cases(count=2), st.data())
def test_any_mutation_validates_or_is_refused_with_a_place_and_a_sentence(
    raw: dict[str, Any], data: st.DataObject
) -> None:
    try:
        base = case.validate(text(raw))
    except CaseError:
        return
    mutated = json.loads(case.to_json(base))
    path = data.draw(st.sampled_from(_paths(mutated)[1:]))
    parent = mutated
    for step in path[:-1]:
        parent = parent[step]
    how = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if how == "replace":
        parent[path[-1]] = data.draw(JUNK)
    elif how == "delete" and isinstance(parent, dict):
        del parent[path[-1]]
    elif how == "delete":
        parent.pop(path[-1])
    elif isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["extra", "__proto__", "Debt", "版本"]))] = "1"
    else:
        parent.append(data.draw(JUNK))
    try:
        got = case.validate(json.dumps(mutated, ensure_ascii=False))
    except CaseError as err:
        assert HAN.search(err.message)
        top = err.path.split(".")[0]
        assert top in (*case.PARTS, ""), err.path
        return
    assert case.validate(case.to_json(got)) == got


@pytest.mark.parametrize(
    ("raw", "path", "fragment"),
    [
        ("not json", "", "读不出内容"),
        ("[]", "format", "不是本站保存的方案"),
        ({"format": case.FORMAT, "version": 1}, "version", "另一个版本"),
        ({"format": case.FORMAT, "version": True}, "version", "另一个版本"),
        ({"format": case.FORMAT, "version": 2, "extra": 1}, "", "不认识的一项（extra）"),
        (one(balance="abc"), "debts.0.balance", "第 1 笔欠款（招商信用卡）的欠款余额请填数字"),
        (one(balance=""), "debts.0.balance", "请填写第 1 笔欠款（招商信用卡）的欠款余额"),
        (one(balance=12000), "debts.0.balance", "格式不对"),
        (one(principal="30000"), "debts.0.principal", "本金不能比欠款余额还多"),
        (one(kind="典当行"), "debts.0.kind", "不是可选的一项"),
        (one(account_tail="12 34 56 7-89"), "", ""),
        (one(account_tail="尾号一二"), "debts.0.account_tail", "只填数字或字母"),
        (one(id="A B"), "debts.0.id", "编号不对"),
        (one(creditor="招商，信用卡"), "debts.0.creditor", "不能有逗号"),
        (one(creditor="一" * 21), "debts.0.creditor", "名称太长了"),
        (one(sold="yes"), "debts.0.sold", "只能是“是”或“否”"),
        (one(asks={"months": "0"}), "debts.0.asks.months", "1 到 600"),
        (one(asks={"extra": True}), "debts.0.asks", "不认识的一项"),
        (one(secret="1"), "debts.0", "第 1 笔欠款（招商信用卡）里有本站不认识的一项（secret）"),
        (one(overdue_days="4000"), "debts.0.overdue_days", "3650"),
        (one(first_due="2026-02-30"), "debts.0.first_due", "年-月-日"),
        ({**one(), "display": {"bigtext": "1"}}, "display.bigtext", "显示设置的格式不对"),
        ({**one(), "display": {"font": True}}, "display", "显示设置里有本站不认识的一项（font）"),
        ({**one(), "display": True}, "display", "格式不对"),
    ],
)
def test_a_bad_case_is_refused_at_its_place(raw: object, path: str, fragment: str) -> None:
    if not fragment:  # a valid value among the refusals: the spaces go
        got = case.validate(json.dumps(raw, ensure_ascii=False))
        assert got["debts"][0]["account_tail"] == "1234567-89"
        return
    err = refused(raw)
    assert err.path == path
    assert fragment in err.message
    assert err.to_dict() == {"field": "case", "message": err.message, "path": path}


def test_the_display_part_keeps_the_big_text_setting_and_defaults_to_off() -> None:
    # 大字 (docs/assets/calc/bigtext.js) is the one display setting; a file from before it
    # existed reads as the site's default, and what the site writes always says it.
    older = case.validate(json.dumps(one(), ensure_ascii=False))
    assert older["display"] == {"bigtext": False}
    assert '"display": {\n  "bigtext": false\n }' in case.to_json(older)
    on = case.validate(json.dumps({**one(), "display": {"bigtext": True}}, ensure_ascii=False))
    assert on["display"] == {"bigtext": True}
    assert case.validate(case.to_json(on)) == on
    assert case.empty()["display"] == {"bigtext": False}


def test_two_debts_may_not_share_an_id_or_a_name() -> None:
    raw = one()
    raw["debts"].append({"id": "a1", "creditor": "网贷甲", "balance": "1"})
    assert refused(raw).path == "debts.1.id"
    raw["debts"][1] = {"id": "b2", "creditor": "招商信用卡", "balance": "1"}
    assert "和第 1 笔重复了" in refused(raw).message


def test_a_contact_names_a_debt_of_the_case_or_all() -> None:
    raw = one()
    raw["contacts"] = [{"debt": "a1", "date": "2026-05-06", "time": "22:30"}]
    assert case.validate(json.dumps(raw))["contacts"][0]["debt"] == "a1"
    raw["contacts"] = [{"debt": "zz", "date": "2026-05-06"}]
    assert refused(raw).path == "contacts.0.debt"
    raw["contacts"] = [{"date": "2026-05-06", "time": "25:00"}]
    assert refused(raw).path == "contacts.0.time"
    raw["contacts"] = [{"date": "2026-05-06"}]
    assert case.validate(json.dumps(raw))["contacts"][0]["debt"] == "all"
    raw["contacts"] = [{"date": "2026-05-06", "what": "字" * 301}]
    assert "内容太长了" in refused(raw).message


def test_the_limits_on_counts_and_sizes() -> None:
    raw = {"format": case.FORMAT, "version": 2}
    many = [{"id": f"d{i}", "creditor": f"网贷{i}", "balance": "1"} for i in range(21)]
    assert refused({**raw, "debts": many}).path == "debts"
    assert (
        case.validate(json.dumps({**raw, "debts": many[:20]}, ensure_ascii=False))["debts"][19][
            "id"
        ]
        == "d19"
    )
    log = [{"date": "2026-05-06"}] * 101
    assert refused({**raw, "contacts": log}).path == "contacts"
    assert refused({**raw, "notes": "字" * 2001}).path == "notes"
    assert refused({**raw, "checks": {f"c{i}": True for i in range(201)}}).path == "checks"
    assert refused({**raw, "checks": {"<b>": True}}).path == "checks"
    assert "太多" in refused("x" * (case.MAX_FILE + 1)).message
    deep = '{"format": "yuqi-xieshang/case", "version": 3, "debts": [{"asks": {"months": '
    deep += "[[[1]]]}}]}"  # 7 deep: one more than case.MAX_DEPTH
    assert "读不出内容" in refused(deep).message


def test_a_file_from_a_page_in_traditional_is_read_as_the_page_reads_it() -> None:
    raw = one(balance="2萬")
    read = {"2萬": "2万"}.get
    got = case.validate(json.dumps(raw, ensure_ascii=False), lambda v: read(v) or v)
    assert got["debts"][0]["balance"] == "20000.00"
