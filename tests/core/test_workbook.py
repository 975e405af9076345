"""The workbook file a reader exports and imports (calculators/workbook.py)."""

from __future__ import annotations

import json

import pytest

from calculators import InputError
from calculators.workbook import FORMAT, validate, validate_json, workbook_fields


def book(**parts: object) -> str:
    return json.dumps({"format": FORMAT, "version": 1, **parts}, ensure_ascii=False)


def test_a_saved_workbook_round_trips() -> None:
    text = book(
        values={
            "debts": "信用卡,银行信用卡,3000,18,150,\n网贷甲,网络小贷,8000,,,45",
            "income": "8000",
            "essential_expenses": "4500",
            "capacity": "3500.00",
        },
        checks={"prepare-list-debts": True, "negotiate-call": False},
    )
    out = validate(text)
    assert out["values"]["income"] == "8000"
    assert out["checks"] == {"prepare-list-debts": True, "negotiate-call": False}
    assert validate(json.dumps(out, ensure_ascii=False)) == out


def test_every_saved_key_has_a_field() -> None:
    keys = workbook_fields()
    assert {"debts", "income", "essential_expenses", "capacity"} <= set(keys)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("not json", "读不出内容"),
        ("[]", "不是本站导出"),
        (json.dumps({"format": "other", "version": 1}), "不是本站导出"),
        (book(version=2), "另一个版本"),
        (book(values={"income": "abc"}), "“每月收入”这一项有问题"),
        (book(values={"income": "-5"}), "不能是负数"),
        (book(values={"salary": "5"}), "不认识的一项"),
        (book(values={"income": 5}), "格式不对"),
        (book(values={"debts": "a,1,2"}), "第 1 行要有 4 项"),
        (book(values={"debts": "a,典当行,1,,,"}), "机构类型"),
        (book(checks={"<script>": True}), "步骤清单的格式不对"),
        (book(checks={"ok": "yes"}), "步骤清单的格式不对"),
        (book(extra=1), "不认识的内容"),
        ("x" * 200_001, "文件太大"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        validate(text)
    assert info.value.field == "file"
    assert fragment in info.value.message
    assert info.value.message.endswith("这台设备上原来的数据没有改动。")
    answer = json.loads(validate_json(text))
    assert answer["ok"] is False and fragment in answer["message"]


def test_an_empty_debt_list_is_allowed() -> None:
    assert validate(book(values={"debts": ""}))["values"] == {"debts": ""}
