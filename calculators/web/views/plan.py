"""我的协商方案: the figures with what each covers, the debts in the plan's order, a card per
creditor (calculators/web/plan_cards.py), the 收支说明 and one calendar for the whole plan
(calculators/web/plan_papers.py), and the guide's steps to tick."""

from __future__ import annotations

from calculators.case import to_json
from calculators.plan import Result
from calculators.web.blocks import Figure, File, View, figures, para
from calculators.web.format import esc, yuan
from calculators.web.letterbox import letter_box
from calculators.web.plan_agreement import glance_html
from calculators.web.plan_cards import cards, debt_rows
from calculators.web.plan_papers import calendar_part, statement

STATEMENT_ID = "calc-plan-statement"
EXAMPLE_NOTE = (
    "例子：下面是按一个例子算出的方案（一张逾期 5 个月的信用卡、两笔网贷，每月能拿出 700 元）。"
    "在上面填你自己的欠款和收支，就会换成你的方案。"
)

# The guide's steps, each with the page (relative to plan/) where it is explained. The ids are
# what the case keeps when a step is ticked (calculators/case.py: short ids).
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


def _figures(result: Result) -> str:
    count = result["count"]
    items = []
    if result["capacity"] is not None:
        note = "（你定的数）" if result["capacity_from"] == "chosen" else "（收入减开支）"
        items.append(
            Figure("capacity", "每月能拿出来还这些欠款", result["capacity"], main=True, note=note)
        )
    items.append(
        Figure(
            "total_balance", "欠款合计", result["total_balance"], main=True, note=f"（{count} 笔）"
        )
    )
    items.append(
        Figure(
            "due_total",
            "原来每月应还合计",
            result["due_total"],
            main=True,
            note=f"（{count} 笔中 {result['due_count']} 笔填了）",
        )
    )
    if result["shortfall"] not in (None, "0.00"):
        items.append(Figure("shortfall", "每月差", result["shortfall"], main=True))
    return figures(items)


def verdict(result: Result) -> str:
    level, count = result["level"], result["count"]
    if level == "missing":
        return (
            "还不知道你每月能拿出多少钱：在上面填每月收入和必要开支（或者直接填每月打算拿出来的钱），"
            "就能按比例算出给每一家的数。"
        )
    capacity = yuan(result["capacity"])
    if level == "negative":
        return (
            f"每月收入还不够必要开支和其他固定还款，每月差 {yuan(str(result['capacity'])[1:])} 元。"
            "眼下没有钱可以分给这几家：先顾好生活，如实告诉每一家你现在拿不出钱，"
            "问能不能先延期，等收入恢复后再谈方案；可以用“暂时无力还款说明”写信说明。"
        )
    if level == "clear":
        return (
            f"每月能拿出 {capacity} 元，比全部欠款 {yuan(result['total_balance'])} 元还多："
            "可以和每一家商量一次结清，并争取减免罚息和违约金。"
        )
    due = ""
    if result["due_count"] < count:
        due = (
            f"原来每月应还只填了 {count} 笔中的 {result['due_count']} 笔，"
            "合计只算这几笔，差多少算不全。"
        )
    if level == "short":
        return (
            f"每月能拿出 {capacity} 元，比各家原来每月应还的合计 {yuan(result['due_total'])} 元少。"
            + due
            + "按原合同还不上，所以要和每一家协商：下面按欠款比例算出了给每一家的数。"
        )
    return (
        f"每月能拿出 {capacity} 元。" + due + "按欠款比例分给每一家；比原来多的部分能更早还清，"
        "也可以先留一点应急的钱（在上面直接填每月打算拿出来的钱）。"
    )


def _checklist() -> str:
    return (
        '<ul class="calc-checklist">'
        + "".join(
            f'<li><label><input type="checkbox" data-check="{esc(key)}"> {esc(label)}</label>'
            f' <a href="{esc(href)}">怎么做</a></li>'
            for key, label, href in CHECKLIST
        )
        + "</ul>"
    )


def _part(title: str, inner: str, new_page: bool = False) -> str:
    cls = "calc-plan-part calc-plan-newpage" if new_page else "calc-plan-part"
    return f'<div class="{cls}"><p class="calc-plan-title">{esc(title)}</p>{inner}</div>'


def view(result: Result) -> View:
    offers = result["offers"]
    level = result["level"]
    head = para(EXAMPLE_NOTE, "calc-note calc-example") if result["example"] else ""
    html = (
        head
        + '<div class="calc-plan-part">'
        + _figures(result)
        + f'<p class="calc-verdict" data-level="{esc(level)}">{esc(verdict(result))}</p></div>'
        + _part(
            "欠款清单（按方案的顺序）",
            debt_rows(offers)
            + para(
                "排序：已知年利率高的在前（涨得最快），没填利率的在后，再按欠款多少。"
                "有抵押或担保的借款（房、车）违约后果最重，不在这张表里的话，要最先照顾。",
                "calc-fine",
            )
            + (
                para(f"已结清、不再分钱的：{'、'.join(result['settled'])}。", "calc-fine")
                if result["settled"]
                else ""
            ),
        )
    )
    if level not in ("negative", "missing"):
        kept = result["case"].get("agreements", {})
        calls = {
            o["id"]: glance_html(
                o,
                result["agreements"].get(o["id"]),
                kept[o["id"]][-1] if o["id"] in kept else None,
                result["today"],
            )
            for o in offers
        }
        html += _part("给每一家的方案", cards(offers, result["capacity"], calls), new_page=True)
    text = statement(result)
    calendar_html, calendar_files = calendar_part(result)
    html += _part(
        "收支说明",
        letter_box(
            STATEMENT_ID,
            "",
            text,
            label="收支说明（可以修改，附在每一封申请后面）",
            rows=16,
            file_key="statement",
            notice="",
        ),
        new_page=True,
    )
    if level not in ("negative", "missing"):
        html += _part("还款日历", calendar_html)
    html += _part(
        "步骤清单",
        _checklist() + para("勾选的步骤只在你选择“保存在这台设备上”以后才会记住。", "calc-fine"),
    )
    if level in ("negative", "missing"):
        summary = f"欠 {result['count']} 家共 {yuan(result['total_balance'])} 元；" + (
            "眼下拿不出钱还债。" if level == "negative" else "还没填每月能拿出多少。"
        )
    else:
        summary = (
            f"每月能拿出 {yuan(result['capacity'])} 元，欠 {result['count']} 家共 "
            f"{yuan(result['total_balance'])} 元；"
            + "，".join(f"{o['name']}每月 {yuan(o['amount'])} 元" for o in offers)
            + "。"
        )
    files = (
        File("statement", "收支说明.txt", "text/plain;charset=utf-8", text + "\n"),
        *calendar_files,
    )
    # The page keeps the reader's case, never its own example.
    publish = () if result["example"] else (("case", to_json(result["case"])),)
    return View(html, summary, files=files, publish=publish)
