# ruff: noqa: E501  (the exact letters are compared line for line)
"""The letters added with the guide's third edition (issue 23): 暂时无力还款说明,
要求提供欠款明细和计算依据, 向机构投诉（消保部门）, 执行和解申请 and 答辩状.

Exact texts for fixed inputs; what each letter asks and cites; that none of them accepts the
creditor's figures or promises more than "依法应当偿还的欠款"; the checks that stop a paper
with contradictory inputs; and the arithmetic of the settlement offer over random inputs.
The shared checks (letter box, escaping, personal fields) run on these letters too, in
tests/core/test_letters.py, which takes every letter from the registry.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import InputError
from calculators.web import render

NEW = (
    "letter_hardship",
    "letter_breakdown",
    "letter_internal_complaint",
    "letter_enforcement_settlement",
    "letter_defence",
)
PERSON = {
    "institution": "某某银行",
    "name": "张三",
    "id_tail": "123x",
    "account": "6789",
    "phone": "13800000000",
    "letter_date": "2026-11-29",
}


def shown(calc: str, **inputs: str) -> dict[str, object]:
    out = render(calc, inputs)
    assert out["ok"], out
    return out


def text(calc: str, **inputs: str) -> str:
    return str(shown(calc, **inputs)["files"]["txt"]["text"])  # type: ignore[index]


def test_every_new_letter_is_registered_in_order() -> None:
    names = calculators.NAMES
    assert all(n in names for n in NEW)
    # After the existing letters, before the contact log: the order of the 文书模板 section.
    assert names.index("letter_complaint") < names.index(NEW[0])
    assert names.index(NEW[-1]) < names.index("contacts")


HARDSHIP = """暂时无力还款说明

某某银行：

我是张三，身份证号后四位 123X，卡号或合同号尾号 6789。因为 2026 年 3 月被裁员，一直没找到工作，我眼下的收入连基本生活都不够，暂时拿不出钱还这笔借款，也提不出一个我做得到的还款方案。我没有失联，写这封信是想把情况说清楚。

收支说明
每月收入：2,000.00 元
每月必要开支（房租、吃饭、交通、看病等）：2,600.00 元
其他欠款和固定还款每月要还：900.00 元
收入扣除以上各项后，每月还差 1,500.00 元。

我请贵机构：
1. 记下我目前的情况，在这段时间暂缓催收；
2. 只通过我本人的电话 13800000000 联系我，不要联系我的家人、朋友和工作单位；
3. 如果贵机构对困难客户有延期、停息或其他安排，请书面告诉我条件。

我会在 2027 年 2 月 28 日以前再和贵机构联系，说明我的收入有没有变化。对依法应当偿还的欠款，等我有了稳定的收入，再和贵机构商量具体的还款办法。

随信附上：【失业证明、病历、低保证明等能说明情况的材料】

此致
敬礼！

说明人：张三
联系电话：13800000000
日期：2026 年 11 月 29 日
"""


def test_hardship_full_text() -> None:
    got = text(
        "letter_hardship",
        **PERSON,
        reason="2026 年 3 月被裁员，一直没找到工作",
        income="2000",
        essential_expenses="2600",
        debt_payments="900",
        contact_again="2027-02-28",
    )
    assert got == HARDSHIP
    result = calculators.run(
        "letter_hardship", {"income": "2000", "essential_expenses": "2600", "debt_payments": "900"}
    )
    assert result["gap"] == "1500.00" and result["has_spare"] is False


def test_hardship_with_money_left_points_to_an_offer_outside_the_letter() -> None:
    out = shown("letter_hardship", income="5000", essential_expenses="3000")
    html = str(out["html"])
    assert "每月还能剩下 2,000.00 元" in html and "协商还款申请" in html
    letter = str(out["files"]["txt"]["text"])  # type: ignore[index]
    assert "每月只剩 2,000.00 元" in letter and "还差" not in letter
    assert "12348" in html  # the limitation warning is next to the letter, not in it
    assert "12348" not in letter


def test_hardship_contact_date_after_the_letter() -> None:
    with pytest.raises(InputError) as info:
        calculators.run(
            "letter_hardship", {"letter_date": "2026-11-29", "contact_again": "2026-11-29"}
        )
    assert info.value.field == "contact_again"
    # Either date alone is fine.
    assert calculators.run("letter_hardship", {"contact_again": "2020-01-01"})["contact_again"]


def test_breakdown_asks_and_does_not_accept() -> None:
    got = text(
        "letter_breakdown",
        **PERSON,
        claimed="48765.4",
        claimed_on="2026-11-20",
        collector="某某信息咨询公司的工号 0815",
    )
    for fragment in (
        "2026 年 11 月 20 日，自称受贵机构委托的某某信息咨询公司的工号 0815 向我主张这笔借款的欠款 48,765.40 元。",
        "1. 借款合同（信用卡是领用合约）和我签署过的其他协议的副本；",
        "本金、利息、罚息、复利、违约金和各项费用各是多少",
        "每一笔抵扣了本金、利息还是费用",
        "有没有转让给别的公司，或者由担保公司代偿",
        "不表示我认可上述金额",
    ):
        assert fragment in got, fragment
    without = text("letter_breakdown", ask_contract="0")
    assert "领用合约" not in without and without.count("\n1. 实际放款的金额和日期；") == 1
    assert "贵机构（或受贵机构委托的人员）向我主张这笔借款的欠款【金额】元" in without


@pytest.mark.parametrize(
    ("topic", "sentence"),
    [
        ("collection", "我要投诉贵机构（或受贵机构委托的人员）催收的方式。"),
        ("charges", "我要投诉贵机构对这笔借款的收费、计息和欠款金额。"),
        ("credit_report", "我要投诉贵机构向征信机构报送的这笔借款的信息。"),
        ("no_answer", "一直没有得到答复，特此投诉。"),
        ("other", "我要投诉下面这件事。"),
    ],
)
def test_internal_complaint_topic(topic: str, sentence: str) -> None:
    got = text("letter_internal_complaint", topic=topic)
    assert sentence in got
    assert got.splitlines()[2] == "【机构名称】消费者权益保护部门（投诉处理部门）："


def test_internal_complaint_facts_asks_and_days() -> None:
    got = text(
        "letter_internal_complaint",
        **PERSON,
        events="2026-05-06 23:40 电话打到我母亲那里\n2026-05-07 又打了 9 次",
        asks="停止联系我的家人",
        first_told="2026-05-08",
        ticket="TS20260508001",
        reply_days="20",
    )
    assert "某某银行消费者权益保护部门（投诉处理部门）：" in got
    assert "1. 2026-05-06 23:40 电话打到我母亲那里\n2. 2026-05-07 又打了 9 次" in got
    assert "我已于 2026 年 5 月 8 日向贵机构客服反映（工单号 TS20260508001），问题没有解决。" in got
    assert "收到本投诉后 20 日内书面答复" in got
    only_ticket = text("letter_internal_complaint", ticket="A1")
    assert "我已向贵机构客服反映（工单号 A1），问题没有解决。" in only_ticket
    with pytest.raises(InputError) as info:
        calculators.run("letter_internal_complaint", {"reply_days": "3"})
    assert info.value.field == "reply_days"


SETTLEMENT = """执行和解申请

某某小额贷款有限公司：
（抄送：某某区人民法院执行法官）

我是张三，身份证号后四位 123X，是某某区人民法院（2026）某 0106 执 1234 号一案的被执行人。因为生病住院，收入减少，我现在没有能力一次履行生效法律文书确定的义务。我的收入和财产情况，已经或者将会按法院的要求如实报告。为了把这件事了结，我提出下面的和解方案，请贵方考虑：
1. 签订和解协议时，我先付 2,000.00 元；
2. 此后每月付 1,000.00 元，从 2027 年 1 月 10 日开始，共 24 期；
3. 和解协议签订后，双方一起把书面和解协议交给执行法院；
4. 请贵方同意向执行法院申请，解除对我领取工资和支付基本生活所用账户的冻结。

收支说明
每月收入：4,500.00 元
每月必要开支（房租、吃饭、交通、看病等）：3,300.00 元
其他欠款和固定还款每月要还：0.00 元
扣除以上各项后，每月能拿出来还款的钱：1,200.00 元

我知道，依照《最高人民法院关于执行和解若干问题的规定》第九条，和解以后我不按约定履行的，贵方可以申请恢复执行。所以上面每一期的数，都是按我的收支算出来、我能做到的数。

随信附上：【收入证明、银行流水、病历等能说明情况的材料】

此致
敬礼！

申请人：张三
联系电话：13800000000
日期：2026 年 11 月 29 日
"""


def test_enforcement_settlement_full_text_and_notes() -> None:
    inputs = {
        **PERSON,
        "institution": "某某小额贷款有限公司",
        "court": "某某区人民法院",
        "case_no": "（2026）某0106执1234号",
        "reason": "生病住院，收入减少",
        "judged": "30000",
        "first_payment": "2000",
        "monthly": "1000",
        "months": "24",
        "start": "2027-01-10",
        "ask_release": "1",
        "income": "4500",
        "essential_expenses": "3300",
        "debt_payments": "0",
    }
    out = shown("letter_enforcement_settlement", **inputs)
    assert out["files"]["txt"]["text"] == SETTLEMENT  # type: ignore[index]
    html = str(out["html"])
    assert "方案一共付 26,000.00 元，比判决确定的 30,000.00 元少 4,000.00 元" in html
    assert "30,000.00" not in SETTLEMENT  # the judged amount stays out of the letter
    assert "比你的收支算出来能拿出的钱多" not in html
    over = shown("letter_enforcement_settlement", **{**inputs, "monthly": "1500"})
    assert "比你的收支算出来能拿出的钱多" in str(over["html"])


def test_enforcement_settlement_start_after_the_letter() -> None:
    with pytest.raises(InputError) as info:
        calculators.run(
            "letter_enforcement_settlement",
            {"letter_date": "2026-11-29", "start": "2026-11-01"},
        )
    assert info.value.field == "start"


money = st.decimals(min_value=0, max_value=10**6, places=2)


@given(first=money, monthly=money.filter(lambda d: d > 0), months=st.integers(1, 120), judged=money)
def test_enforcement_settlement_total_and_shortfall(
    first: Decimal, monthly: Decimal, months: int, judged: Decimal
) -> None:
    """What the notes say: the plan's total, and how far short of the judgment it falls."""
    result = calculators.run(
        "letter_enforcement_settlement",
        {
            "first_payment": str(first),
            "monthly": str(monthly),
            "months": str(months),
            "judged": str(judged),
        },
    )
    total = first + monthly * months
    assert Decimal(result["instalment_total"]) == total
    if judged > total:
        assert Decimal(result["short_by"]) == judged - total
    else:
        assert result["short_by"] is None


def test_defence_points_by_kind() -> None:
    card = text("letter_defence", kind="card", offer="0")
    assert "《最高人民法院关于审理银行卡民事纠纷案件若干问题的规定》第二条" in card
    assert "24%" not in card
    licensed = text("letter_defence", kind="licensed", offer="0")
    assert "《最高人民法院关于进一步加强金融审判工作的若干意见》第二条" in licensed
    assert "第五百八十五条" in licensed
    private = text("letter_defence", kind="private", offer="0")
    assert "第二十五条、第二十九条" in private and "四倍" in private


def test_defence_full_points_in_order() -> None:
    got = text(
        "letter_defence",
        **{**PERSON, "institution": "某某资产管理有限公司"},
        court="某某区人民法院",
        case_no="（2026）某0106民初1234号",
        prepaid="1",
        transfer="1",
        reason="2026 年 3 月被裁员",
        monthly="600",
        months="36",
        other_points="2025 年 6 月已还 3000 元，原告没有扣除",
    )
    lines = got.splitlines()
    assert lines[0] == "民事答辩状"
    assert "身份证号码【前 14 位】123X" in lines[2] and "联系电话 13800000000" in lines[2]
    assert lines[3] == "被答辩人（原告）：某某资产管理有限公司。"
    points = [
        line for line in lines if line[:2].endswith("、") and line[0] in "一二三四五六七八九十"
    ]
    assert [p.split("、", 1)[0] for p in points] == ["一", "二", "三", "四", "五", "六"]
    assert (
        points[2].startswith("三、借款时，利息或费用被预先从本金中扣除")
        and "第六百七十条" in points[2]
    )
    assert "合同编通则若干问题的解释》第四十八条" in points[3]
    assert "每月付 600.00 元，分 36 期" in points[4]
    assert points[5] == "六、2025 年 6 月已还 3000 元，原告没有扣除"
    assert lines[-6:] == [
        "此致",
        "某某区人民法院",
        "",
        "答辩人：张三（签名）",
        "联系电话：13800000000",
        "日期：2026 年 11 月 29 日",
    ]


def test_defence_limitation_and_offer_exclude_each_other() -> None:
    with pytest.raises(InputError) as info:
        calculators.run("letter_defence", {"limitation": "1"})  # offer is on by default
    assert info.value.field == "offer" and "12348" in info.value.message
    got = text("letter_defence", limitation="1", offer="0", dispute_amount="0", excessive="0")
    assert "提出诉讼时效抗辩" in got and "愿意" not in got


def test_defence_needs_a_point() -> None:
    none = {"dispute_amount": "0", "excessive": "0", "offer": "0"}
    with pytest.raises(InputError) as info:
        calculators.run("letter_defence", none)
    assert info.value.field == "dispute_amount"
    assert "原告漏算了一笔还款" in text("letter_defence", **none, other_points="原告漏算了一笔还款")


# What a letter must never say for the reader: a figure accepted, or a promise beyond
# the debt the law says is owed (issue 23: "no letter concedes the creditor's figures").
CONCEDING = ("我愿意承担", "我确认", "我承认", "全部欠款", "按贵机构的账单", "请以贵机构的账单为准")


@pytest.mark.parametrize("name", NEW)
def test_no_new_letter_concedes(name: str) -> None:
    fields = {f.name for f in calculators.registry.get(name).fields}
    typed = {k: v for k, v in {"claimed": "50000", "judged": "30000"}.items() if k in fields}
    got = text(name, **typed)
    for phrase in CONCEDING:
        assert phrase not in got, (name, phrase)
    if "愿意" in got or "还款办法" in got:
        assert "依法应当偿还的欠款" in got, name


@pytest.mark.parametrize("name", ["letter_hardship", "letter_enforcement_settlement"])
def test_letters_that_promise_carry_the_limitation_note(name: str) -> None:
    out = shown(name)
    assert "12348" in str(out["html"])
    assert "12348" not in str(out["files"]["txt"]["text"])  # type: ignore[index]
