"""逾期费用: how an overdue amount grows, against the reference lines."""

from __future__ import annotations

from calculators.overdue import Result
from calculators.registry import Example
from calculators.web.blocks import (
    FLAGS_DISCLAIMER,
    Column,
    Figure,
    View,
    chart,
    details,
    figures,
    flag_list,
    lpr_note,
    make_csv,
    para,
    table,
)
from calculators.web.format import yuan
from calculators.web.svg import Series, line_chart

# When to use it, for the table on the 计算器 overview page (<!-- calculators:table -->).
PURPOSE = "已经逾期，想知道按合同的罚息算，再拖下去会多出多少。"
# The worked example of docs/calculators/overdue.md ({ #example }): its inputs, and the figures
# it quotes (tests/web/test_web_pages.py checks the page against what the calculator gives).
EXAMPLE = Example(
    inputs={"amount": "10000", "days": "90", "daily_rate": "0.05", "compounding": "simple"},
    quoted=(
        "penalty",
        "total_due",
        "annual_equivalent",
    ),
)


def view(result: Result) -> View:
    days = result["days"]
    monthly = result["compounding"] == "monthly"
    timeline = result["timeline"]
    items = [
        Figure("total_due", f"逾期 {days} 天后应还", result["total_due"], main=True),
        Figure("penalty", "罚息", result["penalty"], main=True),
        Figure(
            "cost_percent", "罚息和违约金占逾期金额", result["cost_percent"], unit="%", main=True
        ),
    ]
    if result["late_fee"] != "0.00":
        items.append(Figure("late_fee", "一次性违约金", result["late_fee"]))
    items.append(Figure("amount", "逾期金额", result["amount"]))
    items.append(
        Figure("annual_equivalent", "日罚息率折合年化", result["annual_equivalent"], unit="%")
    )
    if monthly:
        items.append(
            Figure(
                "annual_equivalent_compound",
                "按复利折合年化",
                result["annual_equivalent_compound"],
                unit="%",
            )
        )
    points = [(t["day"], t["total"]) for t in timeline]
    way = "每 30 天把罚息并入本金计复利" if monthly else "按单利计算，罚息不再生息"
    picture = chart(
        line_chart(
            "calc-overdue-chart",
            "逾期后应还金额的增长",
            f"应还金额从 {yuan(result['amount'])} 元开始，{way}，"
            f"逾期 {days} 天后是 {yuan(result['total_due'])} 元。横轴是逾期天数，纵轴是应还金额。",
            [Series("应还合计", points)],
            x_label="逾期天数",
            days=True,
            from_zero=False,
        )
    )
    columns = [Column("逾期天数"), Column("累计罚息"), Column("应还合计")]
    rows: list[list[object]] = [[t["day"], t["penalty"], t["total"]] for t in timeline]
    body = details(
        f"逐月变化（{len(rows)} 行）",
        table("逾期金额随天数的变化（单位：元）", columns, rows),
        len(rows),
    )
    html = (
        figures(items)
        + para(
            f"{way}。违约金只在逾期时收一次，不再计息。"
            "实际金额以账单为准：很多合同的罚息是在原利率上加收一定比例，计算方式各不相同。"
        )
        + picture
        + body
        + flag_list(result["flags"], "罚息折合的年化")
        + para(lpr_note(result["lpr"], None), "calc-fine")
        + para(FLAGS_DISCLAIMER, "calc-fine")
    )
    summary = (
        f"逾期 {days} 天后，罚息 {yuan(result['penalty'])} 元，"
        f"一共应还 {yuan(result['total_due'])} 元。"
    )
    csv_text = make_csv(["逾期天数", "累计罚息（元）", "应还合计（元）"], rows)
    return View(html, summary, csv_text, f"逾期费用-{days}天.csv")
