"""Version 1 (the flat workbook) is read and migrated to the case (calculators/case_v1.py):
nothing the reader kept is lost, and nothing lands in a debt it does not belong to."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError, case, case_v1

V1 = case_v1.V1_FORMAT


def book(**parts: object) -> str:
    return json.dumps({"format": V1, "version": 1, **parts}, ensure_ascii=False)


EVERYTHING = {
    "debts": "信用卡,银行信用卡,3000,18,150,\n网贷甲,网络小贷,8000,,,45\n网贷乙,12000,24,600",
    "income": "8000",
    "essential_expenses": "4500",
    "capacity": "3500.00",
    "debt_payments": "1900",
    "person_name": "张三",
    "id_tail": "123X",
    "phone": "13800000000",
    "reason": "2026 年 3 月公司裁员",
    "account": "6789",
    "contact_log": "2026-05-06 22:30,对方打来,电话,工号 0815,未接 3 次,,否",
}


def test_a_version_1_file_migrates_with_nothing_lost() -> None:
    got = case_v1.load(book(values=EVERYTHING, checks={"list-debts": True, "call": False}))
    assert got["version"] == case.VERSION == 3 and got["format"] == case.FORMAT
    assert [(d["id"], d["creditor"], d["kind"], d["balance"]) for d in got["debts"]] == [
        ("d1", "信用卡", "card", "3000.00"),
        ("d2", "网贷甲", "online_micro", "8000.00"),
        ("d3", "网贷乙", "other", "12000.00"),
    ]
    first, second, third = got["debts"]
    assert (first["rate"], first["monthly_due"], first["overdue_days"]) == ("18", "150.00", "")
    assert (second["rate"], second["monthly_due"], second["overdue_days"]) == ("", "", "45")
    assert (third["rate"], third["monthly_due"]) == ("24", "600.00")
    assert got["budget"] == {
        "income": "8000.00",
        "essential_expenses": "4500.00",
        "other_payments": "",
        "capacity": "",  # 8000 - 4500: the plan's own figure, derived again
    }
    assert got["person"] == {
        "name": "张三",
        "id_tail": "123X",
        "phone": "13800000000",
        "address": "",
        "reason": "2026 年 3 月公司裁员",
    }
    # Three debts: the one account tail belongs to none of them for sure.
    assert all(d["account_tail"] == "" for d in got["debts"])
    assert "6789" in got["notes"] and "1900" in got["notes"]
    assert got["contacts"] == [
        {
            "debt": "all",
            "date": "2026-05-06",
            "time": "22:30",
            "direction": "in",
            "channel": "phone",
            "who": "工号 0815",
            "what": "未接 3 次",
            "next": "",
            "recorded": "no",
        }
    ]
    assert got["checks"] == {"list-debts": True, "call": False}
    assert case.validate(case.to_json(got)) == got


def test_the_account_tail_goes_to_the_one_debt_there_is() -> None:
    got = case_v1.load(book(values={"debts": "网贷甲,网络小贷,8000,,,45", "account": "1234"}))
    assert got["debts"][0]["account_tail"] == "1234" and got["notes"] == ""


def test_a_capacity_the_reader_chose_is_kept() -> None:
    values = {"income": "8000", "essential_expenses": "4500", "capacity": "3000"}
    assert case_v1.load(book(values=values))["budget"]["capacity"] == "3000.00"
    assert case_v1.load(book(values={"capacity": "3500"}))["budget"]["capacity"] == "3500.00"


def test_a_version_2_case_is_read_as_it_is() -> None:
    text = case.to_json(case_v1.load(book(values=EVERYTHING)))
    assert case_v1.load(text) == case.validate(text)


def test_an_empty_version_1_file_is_an_empty_case() -> None:
    assert case_v1.load(book()) == case.empty()
    assert case_v1.load(book(values={"debts": ""}))["debts"] == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("not json", "读不出内容"),
        ("[]", "不是本站保存的方案"),
        (json.dumps({"format": "other", "version": 1}), "不是本站保存的方案"),
        (book(version=3), "另一个版本"),
        (json.dumps({"format": V1, "version": True}), "另一个版本"),
        (book(values={"income": "abc"}), "每月收入请填数字"),
        (book(values={"income": "-5"}), "不能是负数"),
        (book(values={"salary": "5"}), "不认识的一项"),
        (book(values={"income": 5}), "格式不对"),
        (book(values={"debts": "a,1,2"}), "“债务清单”这一项有问题：第 1 行要有 4 项"),
        (book(values={"debts": "a,典当行,1,,,"}), "机构类型"),
        (book(values={"contact_log": "昨天,对方打来,电话,某人"}), "“沟通记录”这一项有问题"),
        (book(values={"id_tail": "12345"}), "身份证号后四位"),
        (book(checks={"<script>": True}), "步骤清单的格式不对"),
        (book(checks={"ok": "yes"}), "步骤清单的格式不对"),
        (book(extra=1), "不认识的内容"),
        ("x" * (case.MAX_FILE + 1), "太多"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        case_v1.load(text)
    assert info.value.field == "file"
    assert fragment in info.value.message
    assert info.value.message.startswith("这个文件不能导入：")
    assert info.value.message.endswith("这台设备上原来的数据没有改动。")


def test_a_file_saved_by_a_traditional_page_reads_as_that_page_read_it() -> None:
    seen: list[tuple[str, str]] = []

    def read(value: str, calc: str) -> str:
        seen.append((value, calc))
        return value.replace("銀行信用卡", "银行信用卡").replace("萬", "万")

    got = case_v1.load(book(values={"debts": "信用卡,銀行信用卡,1萬,18,150,"}), read)
    assert got["debts"][0]["kind"] == "card" and got["debts"][0]["balance"] == "10000.00"
    assert ("信用卡,銀行信用卡,1萬,18,150,", "allocate") in seen


@given(
    st.dictionaries(
        st.sampled_from(sorted(case_v1.V1_KEYS)),
        st.one_of(st.text(max_size=40), st.sampled_from(["8000", "1.2万", "123X", "网贷,1,2,3"])),
    )
)
def test_any_version_1_file_migrates_or_is_refused_with_a_sentence(values: dict[str, str]) -> None:
    try:
        got = case_v1.load(book(values=values))
    except InputError as err:
        assert err.field == "file" and err.message.startswith("这个文件不能导入：")
        return
    assert case.validate(case.to_json(got)) == got
    for key in ("income", "essential_expenses"):
        if values.get(key, "").strip():
            assert got["budget"][key]
