"""真实年化利率: the APR against the reference lines, and why it differs from the quoted rate."""

from __future__ import annotations

from calculators.apr import Result
from calculators.registry import Example
from calculators.web.blocks import (
    FLAGS_DISCLAIMER,
    LINE_NAMES,
    Figure,
    View,
    chart,
    figures,
    flag_list,
    lpr_note,
    para,
)
from calculators.web.format import yuan
from calculators.web.svg import bar_chart

# When to use it, for the table on the 计算器 overview page (<!-- calculators:table -->).
PURPOSE = "只知道“每期手续费率”或“每月还多少”，想知道折合的真实年化利率。"
# The worked example of docs/calculators/apr.md ({ #example }): its inputs, and the figures
# it quotes (tests/web/test_web_pages.py checks the page against what the calculator gives).
EXAMPLE = Example(
    inputs={"principal": "100000", "months": "12", "upfront_fee": "1000", "payment": "8833.30"},
    quoted=(
        "net_disbursed",
        "total_payment",
        "total_cost",
        "monthly_irr",
        "apr",
        "apr_effective",
        "naive_rate",
    ),
)


def view(result: Result) -> View:
    months = result["months"]
    fee_mode = result["mode"] == "fee"
    items = [
        Figure("apr", "真实年化利率（IRR×12）", result["apr"], unit="%", main=True),
        Figure("apr_effective", "按复利折算的年化", result["apr_effective"], unit="%", main=True),
        Figure("total_cost", "借款总成本", result["total_cost"], main=True),
        Figure(
            "naive_rate",
            "表面上的年化" if fee_mode else "粗算的年化",
            result["naive_rate"],
            unit="%",
        ),
        Figure("monthly_irr", "月利率（IRR）", result["monthly_irr"], unit="%"),
        Figure("payment", "每月还款" if not fee_mode else "首月还款", result["payment"]),
        Figure("total_payment", "一共要还", result["total_payment"]),
    ]
    if result["net_disbursed"] != result["principal"]:
        items.append(Figure("net_disbursed", "实际到手", result["net_disbursed"]))
    if fee_mode:
        explain = (
            f"按“每期手续费率×12”算，看起来年化只有 {result['naive_rate']}%；但本金每月都在还，"
            f"手续费却一直按全部本金收，真正占用的钱越来越少，所以按中国人民银行公告〔2021〕第3号"
            f"的方法（内部收益率 IRR）算出来是 {result['apr']}%。"
        )
    else:
        explain = (
            f"用“总成本÷本金÷年数”粗算是 {result['naive_rate']}%；但本金是每月分批还的，"
            f"借到的钱并没有用满 {months} 个月，按中国人民银行公告〔2021〕第3号的方法"
            f"（内部收益率 IRR）算出来是 {result['apr']}%。"
        )
    flags = result["flags"]
    over = [f for f in flags if f["exceeded"]]
    note = lpr_note(result["lpr"], result["contract_date"])
    bars = [("这笔借款的真实年化利率", result["apr"])] + [
        (f"参考线：{LINE_NAMES[f['key']]}", f["value"]) for f in flags
    ]
    picture = chart(
        bar_chart(
            "calc-apr-chart",
            "真实年化利率和参考线",
            "这笔借款的真实年化利率是 "
            + f"{result['apr']}%；"
            + "；".join(f"参考线 {LINE_NAMES[f['key']]} 是 {f['value']}%" for f in flags)
            + "。",
            bars,
            unit="%",
        )
    )
    html = (
        figures(items)
        + para(explain)
        + picture
        + flag_list(flags, "真实年化利率")
        + para(note, "calc-fine")
        + para(FLAGS_DISCLAIMER, "calc-fine")
    )
    if over:
        names = "、".join(LINE_NAMES[f["key"]] for f in over)
        summary = f"真实年化利率 {result['apr']}%，高于 {names}，建议核对合同和每一笔费用。"
    else:
        summary = f"真实年化利率 {result['apr']}%，借款总成本 {yuan(result['total_cost'])} 元。"
    return View(html, summary)
