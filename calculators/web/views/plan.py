"""我的协商方案: the debts in the plan's order, the budget, each creditor's offer with what to
say, a statement of income and expenses to attach to letters, and the guide's steps to tick."""

from __future__ import annotations

from urllib.parse import urlencode

from calculators.debts import KINDS
from calculators.plan import CARD_MAX_MONTHS, Offer, Result
from calculators.web.blocks import (
    Column,
    Figure,
    File,
    View,
    figures,
    months_text,
    para,
    table,
)
from calculators.web.format import esc, yuan
from calculators.web.letterbox import letter_box

KIND_LABELS = dict(KINDS)
STATEMENT_ID = "calc-plan-statement"

# The guide's steps, each with the page (relative to plan/) where it is explained. The ids are
# what the workbook keeps when a step is ticked (calculators/workbook.py: short ids).
CHECKLIST: tuple[tuple[str, str, str], ...] = (
    ("list-debts", "把每一笔欠款列进清单（上面的表）", "../guide/prepare/#debt-list"),
    ("budget", "算清每月收入和必要开支", "../guide/prepare/#budget"),
    ("documents", "准备证明材料：收入变化、病历、离职证明、流水", "../guide/prepare/#documents"),
    ("amount", "定下每家每月能守住的数（上面的方案）", "../guide/prepare/#what-you-can-pay"),
    ("call", "通过官方渠道联系每一家，提出方案", "../guide/negotiate/#channels"),
    ("log", "每次沟通都记下时间、对方工号和说了什么", "../guide/negotiate/#contact-log"),
    ("written", "拿到书面（短信、App 消息或协议）确认的方案", "../guide/after-success/"),
    ("pay", "按约还款，保留每一笔的凭证", "../guide/after-success/"),
    ("credit", "还清后查一次征信，核对记录", "../guide/credit-report/"),
)


def _negotiate_link(offer: Offer, months: int | None) -> str:
    """The 协商方案对比 page with this creditor's numbers in the link's fragment."""
    values = {
        "principal": offer["balance"],
        "interest": "0",
        "penalty": "0",
        "fees": "0",
        "months": str(min(months or 60, 600)),
        "annual_rate": "0"
        if offer["ask_stop_interest"] or not offer["annual_rate"]
        else offer["annual_rate"],
        "waive_penalty": "0",
        "settlement_discount": "0",
        "capacity": offer["share"],
    }
    return "../calculators/negotiate/#" + urlencode(values)


def _letter_link(offer: Offer, months: int | None) -> str:
    """The 协商还款申请 with this creditor's numbers in the link's fragment; the reader's own
    details (name, ID tail, reason) fill in from the workbook when they keep one."""
    values = {
        "institution": offer["name"],
        "owed": offer["balance"],
        "ask_instalment": "1",
        "months": str(min(months or 60, 600)),
        "monthly": offer["share"],
        "freeze": "1" if offer["ask_stop_interest"] else "0",
        "ask_waive": "1" if offer["ask_waive_penalty"] else "0",
        "ask_settlement": "0",
    }
    return "../letters/negotiate/#" + urlencode(values)


def _asks(offer: Offer) -> list[str]:
    asks = []
    if offer["ask_stop_interest"]:
        asks.append("停止计息（停息分期）")
    if offer["ask_waive_penalty"]:
        asks.append("减免逾期后的罚息和违约金")
    return asks


def _offer_card(offer: Offer, capacity: str, count: int) -> str:
    months = (
        offer["months_no_interest"] if offer["ask_stop_interest"] else offer["months_with_interest"]
    )
    asks = _asks(offer)
    lines = [
        f"我每月扣除必要开支后能拿出 {yuan(capacity)} 元还债，一共欠 {count} 家，"
        f"按欠款比例，给贵机构的是每月 {yuan(offer['share'])} 元。",
        f"我申请按每月 {yuan(offer['share'])} 元还款，大约 {months_text(months)}还清"
        + (f"，并{'、'.join(asks)}" if asks else "")
        + "。",
        "请问需要我提供哪些材料？审核要多久？您的工号是多少？",
    ]
    facts = [
        ("每月还", f"{yuan(offer['share'])} 元"),
        ("大约还清要", months_text(months)),
    ]
    if offer["minimum"] is not None:
        facts.append(("原来每月应还", f"{yuan(offer['minimum'])} 元"))
    notes = []
    if offer["below_minimum"]:
        notes.append("比原来的每月应还少，这正是要和这一家协商的部分。")
    if offer["months_with_interest"] is None and offer["share"] != "0.00":
        notes.append("按原利率，这个数连利息都不够：首先要争取停息。")
    if offer["card_too_long"]:
        notes.append(
            f"信用卡的个性化分期最长 {CARD_MAX_MONTHS // 12} 年（{CARD_MAX_MONTHS} 期），"
            "这个方案超过了：可以争取减免一部分，或者等收入恢复后提高每月还款。"
        )
    name = offer["name"]
    return (
        f'<li class="calc-offer"><p class="calc-offer-name">{esc(name)}'
        f'<span class="calc-offer-kind">{esc(KIND_LABELS[offer["kind"]])}</span></p>'
        '<dl class="calc-scenario-figures">'
        + "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in facts)
        + "</dl>"
        + (f'<p class="calc-note">要提出的：{esc("；".join(asks))}。</p>' if asks else "")
        + "".join(para(n) for n in notes)
        + '<details class="calc-details"><summary>打电话时可以这样说</summary>'
        + "".join(f'<p class="calc-script">{esc(line)}</p>' for line in lines)
        + "</details>"
        + f'<p class="calc-note"><a href="{esc(_letter_link(offer, months))}">'
        f"用这一家的数字写协商还款申请</a>　"
        f'<a href="{esc(_negotiate_link(offer, months))}">比较分期和一次结清</a></p></li>'
    )


def statement(result: Result) -> str:
    """收支说明: the plain statement of income and expenses to attach to every letter."""
    lines = [
        "收支说明",
        "",
        f"每月收入：{yuan(result['income'])} 元",
        f"每月必要开支（房租、吃饭、交通、医药、家人）：{yuan(result['essential_expenses'])} 元",
        f"每月最多能拿出来还债：{yuan(result['capacity'])} 元",
        "",
        f"目前一共欠 {len(result['offers'])} 家，合计 {yuan(result['total_balance'])} 元：",
    ]
    for o in result["offers"]:
        monthly = f"，原来每月应还 {yuan(o['minimum'])} 元" if o["minimum"] is not None else ""
        lines.append(
            f"- {o['name']}（{KIND_LABELS[o['kind']]}）：欠 {yuan(o['balance'])} 元{monthly}；"
            f"按欠款比例，每月可还 {yuan(o['share'])} 元。"
        )
    lines += [
        "",
        "每月能拿出的钱按各家欠款占全部欠款的比例分配，每一家得到的比例相同。",
        "以上数字由本人如实填写，相关证明材料附后。",
        "",
        "申请人：【姓名】",
        "日期：【日期】",
    ]
    return "\n".join(lines)


def view(result: Result) -> View:
    offers = result["offers"]
    level = result["level"]
    items = [
        Figure("capacity", "每月能拿出来还债", result["capacity"], main=True),
        Figure("total_balance", "欠款合计", result["total_balance"], main=True),
        Figure("minimum_total", "原来每月应还合计", result["minimum_total"], main=True),
    ]
    if result["shortfall"] != "0.00":
        items.append(Figure("shortfall", "每月差", result["shortfall"], main=True))
    if level == "negative":
        verdict = (
            f"每月收入 {yuan(result['income'])} 元还不够必要开支 "
            f"{yuan(result['essential_expenses'])} 元。眼下没有钱可以分给债权方："
            "先顾好生活，如实告诉每一家你现在拿不出钱，问能不能先延期，等收入恢复后再谈方案。"
        )
    elif level == "short":
        verdict = (
            f"每月能拿出 {yuan(result['capacity'])} 元，比各家原来每月应还的合计少 "
            f"{yuan(result['shortfall'])} 元。按原合同还不上，所以要和每一家协商："
            "下面按欠款比例算出了给每一家的数。"
        )
    elif level == "clear":
        verdict = (
            f"每月能拿出 {yuan(result['capacity'])} 元，比全部欠款 "
            f"{yuan(result['total_balance'])} 元还多：可以和每一家商量一次结清，"
            "并争取减免罚息和违约金。"
        )
    else:
        verdict = (
            f"每月能拿出 {yuan(result['capacity'])} 元，够付各家原来每月应还的合计。"
            "按欠款比例分给每一家，比原来多的部分能更早还清欠款；也可以先留一点应急的钱。"
        )
    order_note = (
        "排序：已知年利率高的在前（涨得最快），没填利率的在后，再按欠款多少。"
        "有抵押或担保的借款（房、车）违约后果最重，不在这张表里的话，要最先照顾。"
    )
    debt_rows: list[list[object]] = [
        [
            o["name"],
            KIND_LABELS[o["kind"]],
            o["balance"],
            o["annual_rate"] or "—",
            o["minimum"] or "—",
            o["overdue_days"] if o["overdue_days"] is not None else "—",
        ]
        for o in offers
    ]
    debts_table = table(
        "欠款清单（按方案的顺序）",
        [
            Column("债务", numeric=False),
            Column("机构类型", numeric=False),
            Column("欠款余额（元）"),
            Column("年利率（%）"),
            Column("原来每月应还（元）"),
            Column("逾期天数"),
        ],
        debt_rows,
    )
    cards = "".join(_offer_card(o, result["capacity"], len(offers)) for o in offers)
    text = statement(result)
    statement_html = letter_box(
        STATEMENT_ID,
        "",
        text,
        label="收支说明（可以修改，附在每一封申请后面）",
        rows=14,
        file_key="statement",
        notice="",
    )
    checklist = (
        '<ul class="calc-checklist">'
        + "".join(
            f'<li><label><input type="checkbox" data-check="{esc(key)}"> {esc(label)}</label>'
            f' <a href="{esc(href)}">怎么做</a></li>'
            for key, label, href in CHECKLIST
        )
        + "</ul>"
    )
    html = (
        '<div class="calc-plan-part">'
        + figures(items)
        + f'<p class="calc-verdict" data-level="{esc(level)}">{esc(verdict)}</p>'
        + "</div>"
        + '<div class="calc-plan-part"><p class="calc-plan-title">欠款清单</p>'
        + debts_table
        + para(order_note, "calc-fine")
        + "</div>"
    )
    if level != "negative":
        html += (
            '<div class="calc-plan-part calc-plan-newpage">'
            '<p class="calc-plan-title">给每一家的方案</p>'
            + f'<ol class="calc-offers">{cards}</ol></div>'
        )
    html += (
        '<div class="calc-plan-part calc-plan-newpage"><p class="calc-plan-title">收支说明</p>'
        + statement_html
        + "</div>"
        + '<div class="calc-plan-part"><p class="calc-plan-title">步骤清单</p>'
        + checklist
        + para("勾选的步骤只在你选择“保存在这台设备上”以后才会记住。", "calc-fine")
        + "</div>"
    )
    summary = (
        f"每月能拿出 {yuan(result['capacity'])} 元，欠 {len(offers)} 家共 "
        f"{yuan(result['total_balance'])} 元"
        + (
            "；按欠款比例，"
            + "，".join(f"{o['name']}每月 {yuan(o['share'])} 元" for o in offers)
            + "。"
            if level != "negative"
            else "；眼下拿不出钱还债。"
        )
    )
    files = (File("statement", "收支说明.txt", "text/plain;charset=utf-8", text + "\n"),)
    publish = (("capacity", result["capacity"]),) if level != "negative" else ()
    return View(html, summary, files=files, publish=publish)
