"""What each page reads from the reader's case and what "存进我的方案" writes back
(calculators/casefill.py): a letter reads one debt and the person, never another debt's
values; a box the case cannot fill is blank, never the example; only the keys a page may
keep are kept."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

import calculators
from calculators import case, casefill, registry
from calculators.plan import EXAMPLE
from calculators.web import case_json, render
from tests.case_strategies import raw_cases

LETTERS = [n for n in calculators.NAMES if n.startswith("letter_")]
# Per-debt values: a letter for one debt must show none of another debt's.
OWN = ("creditor", "account_tail", "new_creditor", "reason")


def example(**person: str) -> case.Case:
    data = case.validate(EXAMPLE)
    data["person"] |= person
    tails = {"ex1": "6789", "ex2": "4321", "ex3": "1357"}
    for d in data["debts"]:
        d["account_tail"] = tails[d["id"]]
    return data


def test_a_letter_for_a_debt_is_filled_from_that_debt_and_the_person() -> None:
    data = example(name="张三", id_tail="123X", phone="13800000000", reason="公司裁员")
    got = casefill.inputs_for("letter_installment", data, "ex1")
    assert got["institution"] == "招商信用卡" and got["account"] == "6789"
    assert (got["name"], got["id_tail"], got["phone"], got["reason"]) == (
        "张三",
        "123X",
        "13800000000",
        "公司裁员",
    )
    assert got["owed"] == "28000.00"
    # The creditor's own offer from the plan, never the whole capacity, never past 60 months.
    assert (got["monthly"], got["months"], got["freeze"]) == ("408.33", "60", "1")
    # 其他欠款每月要还: what the plan pays the other two, and the other fixed payments.
    assert got["debt_payments"] == "591.67"  # 175.00 + 116.67 + 300.00
    assert (got["income"], got["essential_expenses"]) == ("6000.00", "5000.00")


@given(raw_cases())
def test_no_letter_ever_shows_another_debt_s_values(raw: dict[str, Any]) -> None:
    try:
        data = case.validate(json.dumps(raw, ensure_ascii=False))
    except case.CaseError:
        return
    for mine in data["debts"]:
        others = {d[key] for d in data["debts"] if d["id"] != mine["id"] for key in OWN}
        others -= {mine[key] for key in OWN} | set(data["person"].values()) | {""}
        for name in LETTERS:
            got = casefill.inputs_for(name, data, mine["id"])
            for field, value in got.items():
                assert value not in others, (name, field, value)


def test_a_page_about_no_debt_gets_those_boxes_blank() -> None:
    data = example(name="张三")
    got = casefill.inputs_for("letter_negotiate", data, "")
    assert got["institution"] == "" and got["account"] == "" and got["owed"] == ""
    assert got["name"] == "张三"
    assert casefill.inputs_for("letter_negotiate", data, "nosuch")["account"] == ""


def test_a_box_the_case_cannot_fill_is_blank_never_the_example() -> None:
    got = casefill.inputs_for("budget", case.empty())
    assert got == {"income": "", "essential_expenses": "", "debt_payments": ""}
    with pytest.raises(calculators.InputError) as info:
        calculators.run("budget", got)  # asked for in place, by the box that needs it
    assert info.value.field == "income"
    # 现在每月应还: only when every debt's is known.
    assert casefill.inputs_for("budget", example())["debt_payments"] == ""
    data = example()
    data["debts"][1]["monthly_due"] = "500"
    assert casefill.inputs_for("budget", data)["debt_payments"] == "3000.00"  # 1400+500+800+300


def test_the_debt_lists_and_the_capacity_come_from_the_case() -> None:
    got = casefill.inputs_for("payoff", example())
    assert got["debts"].splitlines() == [
        "招商信用卡,card,28000.00,18,1400.00,150",
        "网贷甲,online_micro,8000.00,,,60",
        "消费贷,consumer_finance,12000.00,24,800.00,30",
    ]
    assert casefill.inputs_for("allocate", example())["available"] == "700.00"


def test_what_if_changes_are_listed_and_kept_only_on_request() -> None:
    data = example()
    inputs = {"income": "6000", "essential_expenses": "3000", "debt_payments": "9"}
    changes = casefill.changes("budget", data, inputs)
    assert [(c["field"], c["before"], c["after"], c["savable"]) for c in changes] == [
        ("essential_expenses", "5000.00", "3000", True),
        ("debt_payments", "", "9", False),
    ]
    assert "逐笔修改" in changes[1]["why"]
    kept = casefill.apply("budget", data, inputs)
    assert kept["budget"]["essential_expenses"] == "3000.00"
    assert kept["budget"]["income"] == "6000.00" and kept["debts"] == data["debts"]
    assert data["budget"]["essential_expenses"] == "5000.00"  # the case given is untouched


def test_a_letter_s_changes_go_to_its_own_debt() -> None:
    data = example()
    inputs = casefill.inputs_for("letter_negotiate", data, "ex2") | {
        "account": "9999",
        "monthly": "150",
    }
    kept = casefill.apply("letter_negotiate", data, inputs, "ex2")
    by_id = {d["id"]: d for d in kept["debts"]}
    assert by_id["ex2"]["account_tail"] == "9999" and by_id["ex2"]["asks"]["amount"] == "150.00"
    assert by_id["ex1"]["account_tail"] == "6789" and by_id["ex3"]["account_tail"] == "1357"
    # A letter to a creditor outside the plan keeps nothing of a debt.
    outside = casefill.changes("letter_negotiate", data, {"account": "9999"}, "")
    assert outside[0]["savable"] is False
    assert casefill.apply("letter_negotiate", data, {"account": "9999"}, "") == data


def test_a_debt_list_written_back_keeps_each_debt_s_details() -> None:
    data = example()
    lines = (
        "招商信用卡,card,27000,18,1400,150\n消费贷,consumer_finance,12000,24,800,30\n"
        "花呗,other,3000,,,"
    )
    kept = casefill.apply("payoff", data, {"debts": lines})
    assert [d["creditor"] for d in kept["debts"]] == ["招商信用卡", "消费贷", "花呗"]
    card = kept["debts"][0]
    assert card["balance"] == "27000.00" and card["account_tail"] == "6789" and card["id"] == "ex1"
    assert kept["debts"][2]["id"] not in {"ex1", "ex2", "ex3"}


def test_letters_printed_from_the_case_leave_no_blank_the_case_could_fill() -> None:
    data = example(
        name="张三", id_tail="123X", phone="13800000000", reason="公司裁员", address="某市某路 1 号"
    )
    for name in LETTERS:
        inputs = casefill.inputs_for(name, data, "ex1")
        shown = render(name, inputs)
        if not shown["ok"]:  # a letter that needs a choice the case does not make
            continue
        text = shown["files"]["txt"]["text"]
        for blank in (
            "【姓名】",
            "【××××】",
            "【尾号】",
            "【电话】",
            "【机构名称】",
            "【发卡银行】",
        ):
            assert blank not in text, (name, blank)


def test_every_box_that_reads_the_case_names_a_known_key() -> None:
    for name in calculators.NAMES:
        for field in registry.get(name).fields:
            if field.saved_as:
                assert field.saved_as in casefill.KEYS, (name, field.name, field.saved_as)


def test_the_worker_s_entry_answers_in_json() -> None:
    v1 = json.dumps(
        {"format": "yuqi-xieshang/workbook", "version": 1, "values": {"income": "8000"}}
    )
    loaded = json.loads(case_json("load", v1))
    assert loaded["ok"] and case.validate(loaded["case"])["budget"]["income"] == "8000.00"
    fill = json.loads(
        case_json(
            "fill", json.dumps({"case": EXAMPLE, "calc": "letter_installment", "debt": "ex1"})
        )
    )
    assert fill["ok"] and fill["about"] and fill["inputs"]["institution"] == "招商信用卡"
    assert [(d["id"], d["fits"]) for d in fill["debts"]] == [
        ("ex1", True),
        ("ex2", False),
        ("ex3", False),
    ]
    asked = {
        "case": EXAMPLE,
        "calc": "budget",
        "debt": "",
        "inputs": {"essential_expenses": "4000"},
    }
    answer = json.loads(case_json("changes", json.dumps(asked)))
    assert answer["ok"] and answer["changes"][0]["after"] == "4000"
    assert case.validate(answer["case"])["budget"]["essential_expenses"] == "4000.00"
    bad = json.loads(case_json("changes", json.dumps(asked | {"inputs": {"income": "abc"}})))
    assert bad["ok"] is False and "每月收入" in bad["message"]
    for action, text in (
        ("load", "{"),
        ("fill", "[]"),
        ("nope", ""),
        ("fill", json.dumps({"case": "x", "calc": "y", "debt": ""})),
    ):
        answer = json.loads(case_json(action, text))
        assert answer["ok"] is False and answer["message"]
