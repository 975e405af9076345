"""还款计划: the schedule's key figures, a balance chart, the full table and its CSV."""

from __future__ import annotations

from calculators.registry import Example
from calculators.schedule import METHOD_LABELS, Method, Result, RowDict
from calculators.web.blocks import (
    Column,
    Figure,
    Key,
    View,
    chart,
    details,
    figures,
    make_csv,
    para,
    table,
    years_note,
)
from calculators.web.format import yuan
from calculators.web.icsfile import Payment, calendar_part
from calculators.web.svg import Series, line_chart

# When to use it, for the table on the 计算器 overview page (<!-- calculators:table -->).
PURPOSE = "想知道一笔贷款每月还多少、一共还多少，看每一期的本金和利息。"
# The worked example of docs/calculators/schedule.md ({ #example }): its inputs, and the figures
# it quotes (tests/web/test_web_pages.py checks the page against what the calculator gives).
EXAMPLE = Example(
    inputs={"principal": "50000", "annual_rate": "18", "months": "24", "method": "equal_payment"},
    quoted=(
        "monthly_payment",
        "last_payment",
        "total_payment",
        "interest_sum",
        "apr",
        "apr_effective",
        "rows.0.balance",
    ),
)


def key(result: Result) -> Key:
    """The key figures and the summary, as `view` shows them (the browser's first answer)."""
    method = result["method"]
    label = METHOD_LABELS[Method(method)]
    months = result["months"]
    if method == "bullet":
        first = Figure("last_payment", "到期一次还", result["last_payment"], main=True)
        per = f"第 {months} 期一次还 {yuan(result['last_payment'])} 元"
    elif method == "equal_principal":
        first = Figure("first_payment", "首月还款", result["first_payment"], main=True)
        per = f"首月还 {yuan(result['first_payment'])} 元"
    elif method == "interest_only":
        first = Figure("monthly_payment", "每月还利息", result["monthly_payment"], main=True)
        per = f"每月还 {yuan(result['monthly_payment'])} 元"
    else:
        first = Figure("monthly_payment", "每月还款", result["monthly_payment"], main=True)
        per = f"每月还 {yuan(result['monthly_payment'])} 元"
    items = [
        first,
        Figure("total_payment", "一共要还", result["total_payment"], main=True),
        Figure("total_interest", "利息和费用合计", result["total_interest"], main=True),
        Figure("apr", "真实年化利率（IRR×12）", result["apr"], unit="%", main=True),
    ]
    if method != "bullet" and result["last_payment"] != result["first_payment"]:
        items.append(Figure("last_payment", "最后一期", result["last_payment"]))
    items.append(Figure("apr_effective", "按复利折算的年化", result["apr_effective"], unit="%"))
    if result["upfront_fee"] != "0.00":
        items.append(Figure("net_disbursed", "实际到手", result["net_disbursed"]))
    if result["fee_sum"] != "0.00":
        items.append(Figure("interest_sum", "其中利息", result["interest_sum"]))
        items.append(Figure("fee_sum", "其中手续费", result["fee_sum"]))
    items.append(Figure("months", "还款期数", months, unit="期", note=years_note(months)))
    summary = (
        f"{label}，{per}，一共还 {yuan(result['total_payment'])} 元，"
        f"真实年化利率 {result['apr']}%。"
    )
    return Key(figures(items), summary)


def view(result: Result) -> View:
    method = result["method"]
    label = METHOD_LABELS[Method(method)]
    months = result["months"]
    rows = result["rows"]
    upfront = result["upfront_fee"]
    has_upfront = upfront != "0.00"
    has_fee = any(r["fee"] != "0.00" for r in rows)
    shown = key(result)

    notes = []
    if has_upfront:
        notes.append(
            f"放款时先扣了 {yuan(upfront)} 元，到手只有 {yuan(result['net_disbursed'])} 元，"
            f"但要按 {yuan(result['principal'])} 元的本金还款，所以真实年化利率按到手的钱计算。"
        )
    if method == "flat_fee":
        notes.append(
            "手续费每期都按最初的全部本金收取，而本金每月都在减少，"
            "所以真实年化利率大约是“每期费率×12”的两倍左右。"
        )
    if method == "interest_only":
        notes.append("先息后本：每月只还利息，最后一期连本带息一起还，最后一期的压力最大。")

    points = [(0, result["principal"])] + [(r["period"], r["balance"]) for r in rows]
    picture = chart(
        line_chart(
            "calc-schedule-chart",
            "剩余本金随还款期数的变化",
            f"{label}：剩余本金从 {yuan(result['principal'])} 元开始，"
            f"到第 {months} 期还清。横轴是期数，纵轴是还没还的本金。",
            [Series("剩余本金", points)],
            x_label="期数（月）",
        )
    )
    columns = [Column("期数"), Column("还款额"), Column("本金"), Column("利息")]
    if has_fee:
        columns.append(Column("手续费"))
    columns.append(Column("剩余本金"))

    def row_cells(r: RowDict) -> list[object]:
        cells: list[object] = [r["period"], r["payment"], r["principal"], r["interest"]]
        if has_fee:
            cells.append(r["fee"])
        cells.append(r["balance"])
        return cells

    foot: list[object] = [
        "合计",
        result["total_payment"],
        result["principal"],
        result["interest_sum"],
    ]
    if has_fee:
        # The fee column holds the monthly fees only; with an upfront fee the result's fee_sum
        # includes it, so the column total is left to the CSV rather than computed here.
        foot.append("—" if has_upfront else result["fee_sum"])
    foot.append("")
    caption = f"{label}还款计划（{months} 期，单位：元）"
    body = details(
        f"完整还款计划（{months} 期）",
        table(caption, columns, [row_cells(r) for r in rows], foot),
        len(rows),
    )
    html = (
        shown.figures
        + "".join(para(n) for n in notes)
        + picture
        + body
        + para(
            "金额单位：元。利息每期按剩余本金计算并四舍五入到分，尾差放在最后一期。", "calc-fine"
        )
    )
    dates = result["due_dates"]
    calendar_html, files = calendar_part(
        [
            Payment(
                "贷款",
                f"schedule:{result['principal']}:{dates[0]}:{months}",
                r["period"],
                months,
                day,
                r["payment"],
                r["balance"],
            )
            for day, r in zip(dates, rows, strict=False)
            if r["payment"] != "0.00"
        ],
        f"还款计划（{label}，{months} 期）",
        "还款计划.ics",
    )
    html += calendar_html
    csv_text = make_csv(
        ["期数", "还款额（元）", "本金（元）", "利息（元）", "手续费（元）", "剩余本金（元）"],
        [
            [r["period"], r["payment"], r["principal"], r["interest"], r["fee"], r["balance"]]
            for r in rows
        ],
    )
    return View(html, shown.summary, csv_text, f"还款计划-{label}-{months}期.csv", files)
