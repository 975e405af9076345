# ruff: noqa: E501  (the request is compared line for line)
"""The call card (calculators/callcard.py and its view) and the answers after a call
(calculators/aftercall.py and its view): the ask worked out exactly, what is refused, the
contact-log row that the contact log reads back, the confirmation request word for word, and
the agreement record an agreed call makes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from calculators import InputError, aftercall, callcard, contacts
from calculators.money import parse_inputs
from calculators.web.views import aftercall as aftercall_view
from calculators.web.views import callcard as callcard_view

D = Decimal


def card(**inputs: str) -> callcard.Result:
    """Through the fields' own parsing, as calculators.run will once the card is registered."""
    return callcard.calculate(**parse_inputs(callcard.FIELDS, inputs))  # type: ignore[arg-type]


def after(**inputs: str) -> aftercall.Result:
    values = {"institution": "某某银行", "account": "6789", "name": "张三", **inputs}
    return aftercall.calculate(**parse_inputs(aftercall.FIELDS, values))  # type: ignore[arg-type]


def test_the_card_with_its_defaults() -> None:
    r = card(institution="某某银行", hotline="95588", account="6789")
    assert r["ask"] == {
        "months": 48,
        "monthly": "583.34",  # 28,000 / 48 = 583.333…, up to the fen
        "total": "28000.32",
        "short_by": None,
        "stop_interest": True,
        "waive": True,
    }
    assert (r["owed"], r["limit"], r["phone"], r["account_tail"]) == (
        "28000.00",
        "700.00",
        "95588",
        "6789",
    )


@pytest.mark.parametrize(
    ("inputs", "months", "monthly", "total", "short_by"),
    [
        ({"months": "", "monthly": "600"}, 47, "600.00", "28200.00", None),  # 28,000 / 600
        ({"months": "40", "monthly": "600"}, 40, "600.00", "24000.00", "4000.00"),
        ({"months": "", "monthly": ""}, None, None, None, None),
    ],
)
def test_the_ask_from_what_is_given(
    inputs: dict[str, str],
    months: int | None,
    monthly: str | None,
    total: str | None,
    short_by: str | None,
) -> None:
    ask = card(**inputs)["ask"]
    assert (ask["months"], ask["monthly"], ask["total"], ask["short_by"]) == (
        months,
        monthly,
        total,
        short_by,
    )


@pytest.mark.parametrize(
    ("inputs", "field", "words"),
    [
        ({"months": "61"}, "months", "最长 60 期"),
        ({"months": "", "monthly": "400", "limit": "1000"}, "months", "最长 60 期"),  # 70 months
        ({"months": "50", "monthly": "600", "limit": "1000"}, "months", "47 期就能还完"),
        ({"months": "", "monthly": "800"}, "monthly", "底线"),
        (
            {"kind": "online_micro", "months": "", "monthly": "1", "limit": ""},
            "monthly",
            "28000 期",
        ),
        ({"hotline": "请拨打客服"}, "hotline", "只填数字"),
    ],
)
def test_what_the_card_refuses(inputs: dict[str, str], field: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        card(**inputs)
    assert caught.value.field == field and words in caught.value.message


def test_an_online_loan_may_ask_for_more_than_60_months() -> None:
    assert card(kind="online_micro", months="72", limit="")["ask"]["months"] == 72


def test_the_printed_card() -> None:
    shown = callcard_view.view(card(institution="某某银行", hotline="95588", account="6789"))
    html = shown.html
    assert "<strong>95588</strong>" in html and "短信、来电里给的号码一律不用" in html
    assert "分 48 期，每期 583.34 元；停止计息；减免逾期后的罚息和违约金。" in html
    assert "每月最多 700.00 元" in html
    assert "我是某某银行尾号6789的借款人，想申请协商还款。" in html  # from the call script
    assert html.count("<li>") == len(callcard.AT_HAND)
    assert 'data-action="print" data-target="calc-callcard"' in html
    blank = callcard_view.card_html(card(months="", monthly="", limit=""))
    assert "卡片背面、借款合同或官方 App 里写的客服号码" in blank
    assert "分【期数】期，每期【每期金额】元" in blank and "每月最多______元" in blank


# --- after the call ---------------------------------------------------------------------------

AGREED = {
    "outcome": "agreed",
    "kind": "instalment",
    "months": "60",
    "monthly": "500",
    "first_due": "2027-01-15",
    "agent": "李女士, 工号 0815",
    "call_date": "2026-12-08",
    "call_time": "10:20",
    "recorded": "yes",
    "note": "协议发来前停止催收",
}


def test_an_agreed_call_makes_the_record() -> None:
    r = after(**AGREED)
    assert r["terms"] == {
        "kind": "instalment",
        "months": 60,
        "monthly": "500.00",
        "total": "30000.00",
        "first_due": "2027-01-15",
    }
    assert r["missing"] == [] and r["record"] is not None
    assert r["record"]["agreed_on"] == "2026-12-08" and len(r["record"]["schedule"]) == 60
    assert r["call_time"] == "10:20" and r["recorded"] is True


def test_the_log_row_reads_back_as_one_contact() -> None:
    row = aftercall_view.log_row(after(**AGREED))
    assert row == (
        "2026-12-08 10:20,我打过去,电话,李女士、 工号 0815,"
        "关于某某银行尾号 6789：谈妥个性化分期，分 60 期，每期 500.00 元，共 30000.00 元，"
        "第一期 2027-01-15；协议发来前停止催收,等书面确认，收到后按期还,是"
    )
    [contact] = contacts.calculate(row)["contacts"]
    assert (contact["date"], contact["time"], contact["direction"], contact["channel"]) == (
        "2026-12-08",
        "10:20",
        "out",
        "phone",
    )
    assert contact["who"] == "李女士、 工号 0815" and contact["recorded"] is True
    assert contact["content"].startswith("关于某某银行尾号 6789：谈妥个性化分期，分 60 期")
    assert contact["next_step"] == "等书面确认，收到后按期还"


@pytest.mark.parametrize("outcome", ["agreed", "review", "refused", "callback"])
@pytest.mark.parametrize("direction", ["out", "in"])
def test_every_outcome_gives_a_row_the_log_reads(outcome: str, direction: str) -> None:
    r = after(**{**AGREED, "outcome": outcome, "direction": direction, "call_time": ""})
    [contact] = contacts.calculate(aftercall_view.log_row(r))["contacts"]
    assert contact["direction"] == direction and contact["time"] is None
    assert contact["unanswered"] == 0 and contact["flags"] == []


REQUEST = """某某银行：

我是张三，卡号或合同号尾号 6789。2026 年 12 月 8 日 10:20，我和贵机构的工作人员（李女士，工号 0815）通了电话，商定了下面的还款办法：
1. 个性化分期，分 60 期，每期 500.00 元，一共 30,000.00 元；
2. 第一期在 2027 年 1 月 15 日还；
3. 协议发来前停止催收；

请通过官方 App 消息、短信或书面协议确认以上内容，并写明：每期金额和还款日期、还款账户、还款期间是否还计算利息或收取费用、我按约还款期间停止催收、全部还清后出具结清证明。如果我记下的和贵机构的理解不一致，请指出。

谢谢！

张三
2026 年 12 月 8 日"""


def test_the_confirmation_request_word_for_word() -> None:
    assert aftercall_view.request_text(after(**AGREED)) == REQUEST


def test_a_refused_call_asks_for_the_reasons_in_writing() -> None:
    text = aftercall_view.request_text(after(**{**AGREED, "outcome": "refused", "agent": ""}))
    assert "工作人员（【姓名或工号】）" in text and "不同意的理由" in text
    assert "分 60 期" not in text


def test_what_an_agreed_call_still_needs() -> None:
    r = after(**{**AGREED, "first_due": "", "monthly": ""})
    assert r["missing"] == ["monthly", "first_due"] and r["record"] is None
    html = aftercall_view.view(r).html
    assert "还差每期金额或总额、第一期还款日" in html
    total_only = after(**{**AGREED, "monthly": "", "total": "10000", "months": "3"})
    schedule = total_only["record"]["schedule"]  # type: ignore[index]
    assert [row["amount"] for row in schedule] == ["3333.33", "3333.33", "3333.34"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"months": "61"}, "months", "最长 60 期"),
        ({"first_due": "2026-12-01"}, "first_due", "不能早于达成协议的日期"),
        ({"total": "100", "monthly": "500"}, "monthly", "超过了协议总额"),
        ({"call_time": "25:00"}, "call_time", "24 小时制"),
        ({"debt_id": "第一笔"}, "debt_id", "编号"),
    ],
)
def test_what_the_after_call_answers_refuse(
    changes: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        after(**{**AGREED, **changes})
    assert caught.value.field == field and words in caught.value.message


def test_the_after_call_view_offers_both_texts_as_files() -> None:
    shown = aftercall_view.view(after(**AGREED)).as_dict()
    files: dict[str, Any] = shown["files"]
    assert set(files) == {"row", "txt"}
    assert files["txt"]["text"] == REQUEST + "\n"
    assert "协议记录已经生成：一共 60 期，合计 30,000.00 元" in shown["html"]
    assert D(after(**AGREED)["terms"]["total"]) == 60 * D(500)  # type: ignore[index]
    assert dt.date.fromisoformat(after(**AGREED)["call_date"]) == dt.date(2026, 12, 8)
