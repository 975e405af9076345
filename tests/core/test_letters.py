# ruff: noqa: E501  (the exact letters are compared line for line)
"""The letter library (calculators/letter_*.py and their views): exact texts for fixed
inputs, what each letter asks for and cites, placeholders, escaping and errors."""

from __future__ import annotations

from typing import Any

import pytest

import calculators
from calculators import InputError
from calculators.web import render

LETTERS = [n for n in calculators.NAMES if n.startswith("letter_")]
PERSON = {
    "institution": "某某银行",
    "name": "张三",
    "id_tail": "123x",
    "account": "6789",
    "phone": "13800000000",
    "letter_date": "2026-11-29",
}


def text(calc: str, **inputs: str) -> str:
    shown = render(calc, inputs)
    assert shown["ok"], shown
    return str(shown["files"]["txt"]["text"])


NEGOTIATE = """协商还款申请

某某银行：

我是张三，身份证号后四位 123X，卡号或合同号尾号 6789。因为 2026 年 3 月公司裁员，收入减少，我没能按时还款。对依法应当偿还的欠款，我希望和贵机构商量一个我能按时做到的还款办法。

截至 2026 年 11 月 29 日，按我自己的核算，这笔欠款合计 35,000.00 元，其中罚息和违约金 3,000.00 元。请贵机构提供欠款明细（本金、利息、罚息和各项费用各是多少，怎么算出来的），以便我核对。

我申请：
1. 减免逾期以后产生的罚息和违约金 3,000.00 元；
2. 把减免以后剩下的欠款 32,000.00 元分 36 期还，每月还 900.00 元，分期期间停止计算利息；
3. 协商期间暂停催收；达成协议以后，按实际还款情况报送征信。

收支说明
每月收入：6,000.00 元
每月必要开支（房租、吃饭、交通、看病等）：4,000.00 元
其他欠款和固定还款每月要还：1,000.00 元
扣除以上各项后，每月能拿出来还款的钱：1,000.00 元

如果贵机构同意，请把约定的内容用书面形式（盖章的协议、短信或官方 App 里的消息）发给我，写明欠款金额、每期金额和还款日期、还款账户，以及还款期间是否还收利息和费用。我会按约定按时还款。

随信附上：【收入证明、病历、失业证明等能说明情况的材料】

此致
敬礼！

申请人：张三
联系电话：13800000000
日期：2026 年 11 月 29 日
"""


def test_negotiate_full_text() -> None:
    got = text(
        "letter_negotiate",
        **PERSON,
        reason="2026 年 3 月公司裁员，收入减少",
        owed="35000",
        penalty="3000",
        months="36",
        monthly="900",
        income="6000",
        essential_expenses="4000",
        debt_payments="1000",
    )
    assert got == NEGOTIATE


DISPUTE = """征信异议申请

【机构名称】：

我是【姓名】，身份证号后四位【××××】，卡号或合同号尾号【尾号】。我在 2026 年 11 月 1 日查询的个人信用报告里，下面这条信息有误：某银行信用卡尾号 6789，2026 年 5 月的逾期记录。

问题是：我没有逾期，报告里却记了逾期。实际情况是：
1. 2026-05-20 按时还款 1,200 元，有银行流水
2. 2026-06-01 客服确认没有逾期

《征信业管理条例》第二十五条规定，信息主体认为征信机构采集、保存、提供的信息存在错误、遗漏的，有权向征信机构或者信息提供者提出异议。据此，我请贵机构：
1. 对这条信息作出存在异议的标注；
2. 自收到本申请之日起 20 日内核查处理，并把结果书面答复我；
3. 经核查确有错误、遗漏的，予以更正。

随信附上：银行流水、身份证复印件。

此致
敬礼！

异议人：【姓名】
联系电话：【电话】
日期：【日期】
"""


def test_dispute_full_text_with_placeholders() -> None:
    got = text(
        "letter_dispute",
        report_date="2026-11-01",
        record="某银行信用卡尾号 6789，2026 年 5 月的逾期记录",
        problem="not_overdue",
        facts="2026-05-20 按时还款 1,200 元，有银行流水\n\n  2026-06-01 客服确认没有逾期 ",
        evidence="银行流水\n身份证复印件",
    )
    assert got == DISPUTE


def test_negotiate_asks_only_what_was_chosen() -> None:
    default = text("letter_negotiate")
    assert "一次" not in default.split("收支说明")[0]  # no lump sum unless asked for
    assert "减免逾期以后产生的罚息和违约金；" in default
    only_lump = text(
        "letter_negotiate", ask_instalment="0", ask_waive="0", ask_settlement="1", settlement="2万"
    )
    assert "一次拿出 20,000.00 元，结清这笔欠款" in only_lump
    assert "分【期数】期" not in only_lump and "罚息和违约金；" not in only_lump
    with pytest.raises(InputError) as info:
        calculators.run("letter_negotiate", {"ask_instalment": "0", "ask_waive": "0"})
    assert info.value.field == "ask_instalment"


def test_negotiate_notes_outside_the_letter() -> None:
    shown = render(
        "letter_negotiate",
        {
            "owed": "35000",
            "penalty": "3000",
            "months": "12",
            "income": "5000",
            "essential_expenses": "3000",
        },
    )
    result = calculators.run(
        "letter_negotiate",
        {
            "owed": "35000",
            "penalty": "3000",
            "months": "12",
            "income": "5000",
            "essential_expenses": "3000",
        },
    )
    assert result["offer"] == "2000.00" and result["offer_from_budget"]
    assert result["short_by"] == "8000.00"
    assert "信里按收支算出的 2,000.00 元填写" in shown["html"]
    assert "比要分期的欠款少 8,000.00 元" in shown["html"]
    assert "8,000.00" not in shown["files"]["txt"]["text"]
    gap = text("letter_negotiate", income="3000", essential_expenses="3500")
    assert "每月还差 500.00 元" in gap


@pytest.mark.parametrize(
    ("name", "inputs", "fragments"),
    [
        (
            "letter_installment",
            {"months": "60", "monthly": "500", "owed": "30000"},
            [
                "《商业银行信用卡业务监督管理办法》第七十条",
                "期限最长 5 年",
                "分 60 期还清，每月还 500.00 元，还款期间停止收取利息、年费和其他费用。",
                "欠款总额，以及其中本金、利息、费用各是多少；",
                "还款周期和还款方式，每一期的还款日期和金额；",
                "还款期间是否还收年费、利息和其他费用；",
                "双方的权利、义务和违约责任。",
                "在还清之前，我不再申请新的信用卡。",
                "【发卡银行】：",
            ],
        ),
        (
            "letter_written",
            {
                "agent": "工号 0815",
                "months": "24",
                "monthly": "1000",
                "first_due": "2026-12-15",
                "interest": "stop",
                "other_terms": "还款账户为官方 App\n结清后出具结清证明",
                "credit_card": "1",
                "call_date": "2026-11-28",
            },
            [
                "2026 年 11 月 28 日，我和贵机构的工作人员工号 0815 通电话",
                "分 24 期，每期还 1,000.00 元，第一期在 2026 年 12 月 15 日还；",
                "分期期间不再计算利息，也不再收取其他费用；",
                "4. 还款账户为官方 App；",
                "5. 结清后出具结清证明；",
                "请在收到这封信后 7 日内",
                "第七十条，口头达成的个性化分期还款协议应当录音",
            ],
        ),
        (
            "letter_settlement",
            {"paid_off": "2026-10-08", "last_payment": "1234.5", "check_credit": "0"},
            [
                "我已于 2026 年 10 月 8 日还清这笔欠款，最后一笔还款 1,234.50 元。",
                "没有未还的本金、利息、罚息或其他费用",
                "【地址或邮箱】",
            ],
        ),
        (
            "letter_third_party",
            {
                "family": "1",
                "contacts": "1",
                "employer": "1",
                "credit_card": "1",
                "phone": "13800000000",
            },
            [
                "联系了我的家人、通讯录里的朋友和工作单位的同事、领导：",
                "我的电话 13800000000 可以正常联系到我，我没有失联。",
                "《中华人民共和国个人信息保护法》要求处理个人信息限于实现处理目的的最小范围（第六条）",
                "（第十条）",
                "《金融机构个人消费类贷款催收工作指引（试行）》是行业自律文件。据公开报道",
                "《商业银行信用卡业务监督管理办法》第六十八条",
                "第六十五条向有关部门投诉、举报",
            ],
        ),
        (
            "letter_transfer",
            {"new_creditor": "某资产管理公司", "institution": "某银行", "claimed": "50000"},
            [
                "某资产管理公司：",
                "说我在某银行的借款",
                "要求我向贵公司还款，金额 50,000.00 元。",
                "《中华人民共和国民法典》第五百四十六条规定，债权人转让债权，未通知债务人的，"
                "该转让对债务人不发生效力。",
                "统一社会信用代码",
            ],
        ),
        (
            "letter_transfer",
            {"to": "original", "new_creditor": "某资产管理公司", "institution": "某银行"},
            [
                "某银行：",
                "一家自称某资产管理公司的公司联系我",
                "第五百四十六条",
                "这笔借款是否已经转让",
            ],
        ),
    ],
)
def test_letter_fragments(name: str, inputs: dict[str, str], fragments: list[str]) -> None:
    got = text(name, **inputs)
    for fragment in fragments:
        assert fragment in got, fragment


@pytest.mark.parametrize(
    ("target", "addressee", "extra"),
    [
        ("bank", "国家金融监督管理总局：", "12378"),
        ("consumer_finance", "国家金融监督管理总局：", "12378"),
        ("small_loan", "广东省地方金融管理局：", "地方金融管理局"),
        ("guarantee", "广东省地方金融管理局：", "地方金融管理局"),
        ("credit_report", "中国人民银行广东省分支机构：", "第二十六条"),
    ],
)
def test_complaint_goes_to_the_right_body(target: str, addressee: str, extra: str) -> None:
    shown = render(
        "letter_complaint",
        {
            "target": target,
            "region": "广东省",
            "events": "2026-05-06 23:40 电话打到家里",
            "asks": "停止深夜联系",
            "complained_on": "2026-05-08",
        },
    )
    letter = shown["files"]["txt"]["text"]
    assert letter.splitlines()[2] == addressee
    assert extra in shown["html"]
    assert "1. 2026-05-06 23:40 电话打到家里" in letter and "1. 停止深夜联系" in letter
    assert "我已于 2026 年 5 月 8 日向该机构反映，至今没有答复。" in letter
    assert ("依照《征信业管理条例》第二十六条" in letter) == (target == "credit_report")


@pytest.mark.parametrize("name", LETTERS)
def test_every_letter_box(name: str) -> None:
    shown = render(name, {})
    assert shown["ok"]
    html = shown["html"]
    file = shown["files"]["txt"]
    assert file["mime"] == "text/plain;charset=utf-8" and file["name"].endswith(".txt")
    letter_id = html.split('<textarea id="', 1)[1].split('"', 1)[0]
    assert f'data-action="copy" data-target="{letter_id}"' in html
    assert f'data-action="print" data-target="{letter_id}"' in html
    assert 'data-action="download" data-file="txt"' in html
    assert "这是一份模板，不是法律意见" in html and "不会离开这台设备" in html
    assert "【姓名】" in file["text"]  # blank fields print as placeholders
    assert file["text"].endswith("日期：【日期】\n")


HOSTILE = '<script>alert("x")</script>=HYPERLINK(1)'


@pytest.mark.parametrize("name", LETTERS)
def test_hostile_text_is_escaped_in_html_and_kept_in_the_file(name: str) -> None:
    fields = {f.name for f in calculators.registry.get(name).fields}
    typed = {
        k: HOSTILE
        for k in ("institution", "reason", "new_creditor", "region", "agent")
        if k in fields
    }
    shown = render(name, typed)
    assert shown["ok"], shown
    assert "<script>" not in shown["html"]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in shown["html"]
    assert HOSTILE in shown["files"]["txt"]["text"]  # a text file runs nothing


@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"id_tail": "12345"}, "id_tail"),
        ({"id_tail": "12a4"}, "id_tail"),
        ({"account": "卡号"}, "account"),
        ({"phone": "打我电话"}, "phone"),
        ({"name": "张" * 41}, "name"),
        ({"reason": "很长" * 200}, "reason"),
    ],
)
def test_personal_field_checks(inputs: dict[str, str], field: str) -> None:
    with pytest.raises(InputError) as info:
        calculators.run("letter_settlement" if field != "reason" else "letter_negotiate", inputs)
    assert info.value.field == field


def test_shared_fields_are_declared_once() -> None:
    from calculators import letters

    for name in LETTERS:
        fields: dict[str, Any] = {f.name: f for f in calculators.registry.get(name).fields}
        assert fields["name"] is letters.NAME
        assert fields["letter_date"] is letters.LETTER_DATE
        assert fields["id_tail"] is letters.ID_TAIL


def test_third_party_needs_someone_contacted() -> None:
    with pytest.raises(InputError) as info:
        calculators.run("letter_third_party", {"family": "0"})
    assert info.value.field == "family"
