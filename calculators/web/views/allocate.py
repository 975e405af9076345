"""协商分配: each creditor's fair share of what the reader can pay, and what it means."""

from __future__ import annotations

from calculators.allocate import CALENDAR_MONTHS, Result
from calculators.debts import KINDS
from calculators.registry import Example
from calculators.web.blocks import (
    Column,
    Figure,
    View,
    chart,
    figures,
    make_csv,
    months_text,
    para,
    table,
    years_note,
)
from calculators.web.format import yuan
from calculators.web.icsfile import Payment, calendar_part
from calculators.web.svg import bar_chart

KIND_LABELS = dict(KINDS)

# When to use it, for the table on the 计算器 overview page (<!-- calculators:table -->).
PURPOSE = "每月拿出的钱不够还所有债，想按欠款比例公平地分给每一家。"
# The worked example of docs/calculators/allocate.md ({ #example }): its inputs, and the figures
# it quotes (tests/web/test_web_pages.py checks the page against what the calculator gives).
EXAMPLE = Example(
    inputs={
        "debts": "信用卡,3000,18,150\n网贷甲,8000,36,400\n网贷乙,12000,24,600",
        "available": "2000",
    },
    quoted=(
        "shares.0.share",
        "shares.1.share",
        "shares.2.share",
        "minimum_total",
    ),
)


def view(result: Result) -> View:
    shares = result["shares"]
    below = result["below_minimum_count"]
    items = [
        Figure("available", "每月拿出来还债", result["available"], main=True),
        Figure("total_balance", "欠款合计", result["total_balance"], main=True),
        Figure(
            "below_minimum_count",
            "分到的钱低于最低月供",
            below,
            unit="笔",
            main=True,
        ),
    ]
    leftover = result["leftover"]
    if leftover != "0.00":
        items.append(Figure("leftover", "每月分完还剩", leftover, main=True))
    if result["minimum_total"] != "0.00":
        items.append(Figure("minimum_total", "已知最低月供合计", result["minimum_total"]))
    if result["shortfall"] != "0.00":
        items.append(Figure("shortfall", "比最低月供合计少", result["shortfall"]))
    longest = result["longest_months"]
    if longest is not None:
        items.append(
            Figure(
                "longest_months",
                "按这个分法全部还清要",
                longest,
                unit="个月",
                note=years_note(longest),
            )
        )

    notes = [
        "按每笔欠款占全部欠款的比例分配：欠得多的分得多，每个债权方得到的比例一样，"
        "谁也不能说你偏向了别人。协商时可以把这张表给对方看。"
    ]
    if leftover != "0.00":
        notes.append(
            f"每月能拿出的 {yuan(result['available'])} 元，比全部欠款 "
            f"{yuan(result['total_balance'])} 元还多，所以每一笔都按它的全部余额分配，"
            f"每月还剩 {yuan(leftover)} 元。这笔钱不欠任何一家，不用交给债权方；"
            "可以留作应急金，或者先还利率最高的一笔（当月新产生的利息也从这里补）。"
        )
    if result["shortfall"] != "0.00":
        notes.append(
            f"每月能拿出的 {yuan(result['available'])} 元，比各笔最低月供合计 "
            f"{yuan(result['minimum_total'])} 元少 {yuan(result['shortfall'])} 元，"
            "按原合同是还不上的。这正是要协商的原因：请对方按你分到的金额重新安排每月还款，"
            "并说明这是你扣除生活必需开支后能拿出的全部。"
        )
    elif below:
        notes.append(
            f"有 {below} 笔分到的钱低于它的最低月供。可以把多出来的钱先补到这几笔，"
            "或者和这几家协商降低每月还款。"
        )
    if any(not s["rate_known"] for s in shares):
        notes.append("没有填年利率的债务按不再计息算还清时间；如果还在计息，实际要更久。")
    if any(s["months"] is None for s in shares):
        notes.append(
            "标着“600 个月内还不清”的债务，分到的钱连利息都不够或者差得太多："
            "协商时首先要争取停息或减免利息。"
        )

    columns = [
        Column("债务", numeric=False),
        Column("机构类型", numeric=False),
        Column("欠款余额（元）"),
        Column("占比（%）"),
        Column("每月分到（元）"),
        Column("最低月供（元）"),
        Column("还清要", numeric=False),
    ]
    rows: list[list[object]] = [
        [
            s["name"],
            KIND_LABELS[s["kind"]],
            s["balance"],
            s["percent"],
            s["share"],
            s["minimum"] if s["minimum"] is not None else "—",
            months_text(s["months"]) + ("（低于最低月供）" if s["below_minimum"] else ""),
        ]
        for s in shares
    ]
    foot: list[object] = [
        "合计",
        "",
        result["total_balance"],
        "100.00",
        result["shared"],
        result["minimum_total"],
        "",
    ]
    picture = chart(
        bar_chart(
            "calc-allocate-chart",
            "每笔债务每月分到的钱",
            "；".join(f"{s['name']}每月分到 {yuan(s['share'])} 元" for s in shares) + "。",
            [(s["name"], s["share"]) for s in shares],
        )
    )
    html = (
        figures(items)
        + "".join(para(n) for n in notes)
        + table("每笔债务每月分到的钱（单位：元）", columns, rows, foot)
        + picture
        + para(
            "每笔分到的钱最多是它的欠款余额：能拿出的钱比全部欠款还多时，每笔按它的余额分，"
            "多出来的钱单独列为“每月分完还剩”。"
            if leftover != "0.00"
            else "每笔分到的钱 = 每月能拿出的钱 × 这笔欠款 ÷ 全部欠款，先按分舍去，"
            "剩下的几分钱按舍去部分从大到小每笔补 1 分，所以合计正好等于每月能拿出的钱。",
            "calc-fine",
        )
    )
    payments = result["payments"]
    months = {s["name"]: s["months"] for s in shares}
    balances = {s["name"]: s["balance"] for s in shares}
    calendar_html, files = calendar_part(
        [
            Payment(
                p["name"],
                f"allocate:{balances[p['name']]}:{payments[0]['date']}",
                p["period"],
                months[p["name"]] or CALENDAR_MONTHS,
                p["date"],
                p["payment"],
                p["balance"],
            )
            for p in payments
        ],
        "协商分配",
        "协商分配还款.ics",
    )
    html += calendar_html
    summary = f"每月 {yuan(result['available'])} 元按欠款比例分给 {len(shares)} 个债权方，" + (
        f"其中 {below} 笔低于最低月供。" if below else "每笔都不低于已知的最低月供。"
    )
    if leftover != "0.00":
        summary = (
            f"每月 {yuan(result['available'])} 元够还清全部 {len(shares)} 笔欠款："
            f"每笔按它的全部余额分配，每月还剩 {yuan(leftover)} 元。"
        )
    csv_text = make_csv(
        [
            "债务",
            "机构类型",
            "欠款余额（元）",
            "占比（%）",
            "每月分到（元）",
            "最低月供（元）",
            "还清要几个月",
            "低于最低月供",
        ],
        [
            [
                s["name"],
                KIND_LABELS[s["kind"]],
                s["balance"],
                s["percent"],
                s["share"],
                s["minimum"] or "",
                s["months"] if s["months"] is not None else "",
                "是" if s["below_minimum"] else "否",
            ]
            for s in shares
        ],
    )
    return View(html, summary, csv_text, "协商分配.csv", files)
