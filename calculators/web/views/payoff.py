"""多笔债务还款顺序: both orders side by side, when each debt is cleared, month by month."""

from __future__ import annotations

from urllib.parse import urlencode

from calculators.payoff import STRATEGIES, PlanDict, Result, Strategy
from calculators.registry import Example
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
from calculators.web.format import esc, yuan
from calculators.web.svg import Series, line_chart

LABELS: dict[Strategy, str] = {"avalanche": "先还利率最高的", "snowball": "先还余额最小的"}

# When to use it, for the table on the 计算器 overview page (<!-- calculators:table -->).
PURPOSE = "同时欠好几笔，想知道先还哪一笔、多久能全部还完。"
# The worked example of docs/calculators/payoff.md ({ #example }): its inputs, and the figures
# it quotes (tests/web/test_web_pages.py checks the page against what the calculator gives).
EXAMPLE = Example(
    inputs={
        "debts": "信用卡,3000,18,150\n网贷甲,8000,36,400\n网贷乙,12000,24,600",
        "budget": "2000",
    },
    quoted=(
        "avalanche.months",
        "avalanche.total_interest",
        "avalanche.payoff_month.网贷甲",
        "avalanche.payoff_month.网贷乙",
        "snowball.payoff_month.信用卡",
        "snowball.payoff_month.网贷甲",
        "snowball.total_interest",
        "interest_saved",
        "minimum_total",
    ),
)


def key(result: Result) -> Key:
    """The key figures and the summary, as `view` shows them (the browser's first answer)."""
    av, sb, saved = result["avalanche"], result["snowball"], result["interest_saved"]
    if result["short"] or av is None or sb is None or saved is None:
        budget, need = result["budget"], result["minimum_total"]
        short = [
            Figure("budget", "每月还款预算", budget, main=True),
            Figure("minimum_total", "各笔最低月供合计", need, main=True),
            Figure("shortfall", "每月差", result["shortfall"], main=True),
        ]
        gap = yuan(result["shortfall"])
        told = f"每月预算 {yuan(budget)} 元比最低月供合计少 {gap} 元，需要协商。"
        return Key(figures(short), told)
    plans: dict[Strategy, PlanDict] = {"avalanche": av, "snowball": sb}
    items: list[Figure] = []
    for name in STRATEGIES:
        plan = plans[name]
        items += [
            Figure(
                f"{name}.months",
                f"{LABELS[name]}：还清要",
                plan["months"],
                unit="个月",
                main=True,
                note=years_note(plan["months"]),
            ),
            Figure(
                f"{name}.total_interest",
                f"{LABELS[name]}：利息合计",
                plan["total_interest"],
                main=True,
            ),
        ]
    items += [
        Figure("interest_saved", "先还利率高的少付利息", result["interest_saved"]),
        Figure("minimum_total", "各笔最低月供合计", result["minimum_total"]),
        Figure("budget", "每月还款预算", result["budget"]),
    ]
    avl, sbl = LABELS["avalanche"], LABELS["snowball"]
    summary = (
        f"{avl}要 {av['months']} 个月还清，利息 {yuan(av['total_interest'])} 元；"
        f"{sbl}要 {sb['months']} 个月，利息 {yuan(sb['total_interest'])} 元。"
    )
    return Key(figures(items), summary)


def view(result: Result) -> View:
    av, sb, saved = result["avalanche"], result["snowball"], result["interest_saved"]
    shown = key(result)
    if result["short"] or av is None or sb is None or saved is None:
        return short_view(result, shown)
    debts = result["debts"]
    plans: dict[Strategy, PlanDict] = {"avalanche": av, "snowball": sb}
    avl, sbl = LABELS["avalanche"], LABELS["snowball"]
    if saved.startswith("-"):
        compare = "这组数字里，先还余额最小的反而少付一点利息（四舍五入造成的小差别）。"
    elif saved == "0.00":
        compare = "两种顺序付的利息一样多，可以选更能让自己坚持下去的那一种。"
    else:
        compare = (
            f"先还利率最高的少付 {yuan(saved)} 元利息；先还余额最小的能更早还清一笔，"
            "看到进展更容易坚持。两种都比只还最低额好。"
        )
    order_html = "".join(
        f'<p class="calc-note"><strong>{esc(LABELS[way])}</strong>的顺序：'
        f"{esc(' → '.join(plans[way]['order']))}</p>"
        for way in STRATEGIES
    )
    picture = chart(
        line_chart(
            "calc-payoff-chart",
            "两种还款顺序下剩余欠款的变化",
            f"{avl}：第 {av['months']} 个月还清，利息合计 {yuan(av['total_interest'])} 元；"
            f"{sbl}：第 {sb['months']} 个月还清，利息合计 {yuan(sb['total_interest'])} 元。"
            "横轴是月份，纵轴是所有债务的剩余欠款合计。",
            [
                Series(LABELS[way], list(enumerate(plans[way]["balance_series"])))
                for way in STRATEGIES
            ],
            x_label="月份",
        )
    )
    debt_table = table(
        "每笔债务在两种顺序下还清的月份",
        [
            Column("债务", numeric=False),
            Column("余额（元）"),
            Column("年利率（%）"),
            Column("最低月供（元）"),
            Column(f"{avl}：第几个月还清"),
            Column(f"{sbl}：第几个月还清"),
        ],
        [
            [
                d["name"],
                d["balance"],
                d["annual_rate"],
                d["minimum"],
                av["payoff_month"][d["name"]],
                sb["payoff_month"][d["name"]],
            ]
            for d in debts
        ],
    )
    names = [d["name"] for d in debts]
    month_rows: list[list[object]] = []
    for way in STRATEGIES:
        plan = plans[way]
        series = plan["debt_series"]
        for month, total in enumerate(plan["balance_series"]):
            month_rows.append([LABELS[way], month, total, *(series[n][month] for n in names)])
    monthly_table = details(
        f"逐月剩余欠款（两种顺序共 {len(month_rows)} 行）",
        table(
            "逐月剩余欠款（单位：元）",
            [
                Column("还款顺序", numeric=False),
                Column("月份"),
                Column("合计"),
                *(Column(n) for n in names),
            ],
            month_rows,
        ),
        len(month_rows),
    )
    html = (
        shown.figures
        + para(compare)
        + order_html
        + picture
        + debt_table
        + monthly_table
        + para(
            "每月先按年利率÷12 计息，再还每笔的最低月供，剩下的预算全部给排在最前面的债务；"
            "还清一笔后，它的月供转给下一笔。",
            "calc-fine",
        )
    )
    csv_text = make_csv(
        ["还款顺序", "月份", "剩余欠款合计（元）", *(f"{n}（元）" for n in names)], month_rows
    )
    return View(html, shown.summary, csv_text, "多笔债务还款顺序.csv")


def short_view(result: Result, shown: Key) -> View:
    """The budget is below the minimums: say so plainly, and carry the numbers to the split."""
    budget, need = result["budget"], result["minimum_total"]
    lines = "\n".join(
        ",".join(
            [
                "" if v is None else v
                for v in (d["name"], "", d["balance"], d["annual_rate"], d["minimum"], "")
            ]
        )
        for d in result["debts"]
    )
    carry = urlencode({"debts": lines, "available": budget})
    html = (
        shown.figures
        + para(
            f"每月能拿出的 {yuan(budget)} 元，比各笔最低月供合计 {yuan(need)} 元少 "
            f"{yuan(result['shortfall'])} 元：按原来的合同，这几笔没法都按时还上，"
            "所以也谈不上先还哪一笔。这时该做的是和每一家协商，把每月能拿出的钱公平地分给它们。"
        )
        + f'<p class="calc-note"><a href="../allocate/#{esc(carry)}">'
        f"把每月 {esc(yuan(budget))} 元按欠款比例分给各家（协商分配）</a></p>"
        + para("预算够付各笔最低月供以后，再回来比较两种还款顺序。", "calc-fine")
    )
    return View(html, shown.summary)
