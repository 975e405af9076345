"""协商方案对比: the scenarios side by side, when a lump sum pays, and a link to the letter."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from calculators.negotiate import Result, Scenario
from calculators.registry import Example
from calculators.web.blocks import (
    Figure,
    View,
    chart,
    figures,
    make_csv,
    number_html,
    para,
    percent_plain,
    years_note,
)
from calculators.web.format import esc, yuan
from calculators.web.icsfile import Payment, calendar_part
from calculators.web.svg import bar_chart

# When to use it, for the table on the 计算器 overview page (<!-- calculators:table -->).
PURPOSE = "比较分期、减免罚息、一次性结清几种方案，再用选定的数字写协商还款申请。"
# The worked example of docs/calculators/negotiate.md ({ #example }): its inputs, and the figures
# it quotes (tests/web/test_web_pages.py checks the page against what the calculator gives).
EXAMPLE = Example(
    inputs={
        "principal": "30000",
        "interest": "2000",
        "penalty": "3000",
        "fees": "0",
        "months": "36",
        "annual_rate": "0",
        "waive_penalty": "1",
        "settlement_discount": "30",
        "capacity": "1500",
    },
    quoted=(
        "owed",
        "financed",
        "scenarios.instalment.monthly",
        "scenarios.instalment.last_payment",
        "scenarios.instalment.saving",
        "scenarios.settlement.total",
        "scenarios.settlement.saving",
        "months_at_capacity",
        "breakeven_rate",
    ),
)


def scenario_name(s: Scenario, result: Result) -> str:
    """The scenario as the reader would say it: "停息分期 36 期，减免罚息"."""
    key = s["key"]
    if key == "current":
        return "按现有欠款一次还清"
    if key == "waive":
        return "减免罚息后一次还清"
    if key == "settlement":
        return f"一次性结清（减免 {percent_plain(result['settlement_discount'])}%）"
    rate = result["annual_rate"]
    plan = (
        f"停息分期 {s['months']} 期"
        if Decimal(rate) == 0
        else f"分期还款 {s['months']} 期（年利率 {percent_plain(rate)}%）"
    )
    return plan + ("，减免罚息" if result["waived"] else "")


def breakeven_note(result: Result) -> str:
    """When a lump sum beats the instalments, in words."""
    by_key = {s["key"]: s for s in result["scenarios"]}
    settles = "settlement" in by_key
    what = "一次结清" if settles else "一次还清全部欠款"
    if result["breakeven_rate"] is None:
        lump = by_key["settlement"]["upfront"] if settles else result["owed"]
        return (
            f"分期一共还 {by_key['instalment']['total']} 元，不比{what}的 {lump} 元多，"
            "所以无论利率高低，分期都不会更贵。"
        )
    return (
        f"手里的钱如果拿去做别的，年收益（或者借这笔钱的年利率）低于 {result['breakeven_rate']}%，"
        f"{what}更划算；高于它，分期更划算。"
    )


def _scenario_card(s: Scenario, name: str, cheapest: bool, taken: set[str]) -> str:
    """One scenario as a small card; `taken` are data-key paths already shown above."""
    key = s["key"]
    path = f"scenarios.{key}"
    rows: list[tuple[str, str, object, str]] = []
    if s["months"]:
        rows.append(("每月还", "monthly", s["monthly"], "元"))
        if s["last_payment"] != s["monthly"]:
            rows.append(("最后一期", "last_payment", s["last_payment"], "元"))
        rows.append(("期数", "months", s["months"], "个月"))
    else:
        rows.append(("一次还", "upfront", s["upfront"], "元"))
    rows.append(("一共还", "total", s["total"], "元"))
    rows.append(("比现在的欠款少还", "saving", s["saving"], "元"))
    cells = "".join(
        f"<div><dt>{esc(label)}</dt><dd><strong"
        + ("" if f"{path}.{sub}" in taken else f' data-key="{esc(path)}.{sub}"')
        + ">"
        + number_html(value, unit)
        + "</dd></div>"
        for label, sub, value, unit in rows
    )
    if s["months"]:
        fit = "每月还得起" if s["affordable"] else "月供超过每月能还的钱"
    else:
        fit = "一次拿得出" if s["affordable"] else "需要一次拿出这笔钱"
    fit_cls = "calc-fit-yes" if s["affordable"] else "calc-fit-no"
    badge = '<span class="calc-badge">能负担的方案里最省钱</span>' if cheapest else ""
    return (
        f'<li class="calc-scenario" data-scenario="{esc(key)}">'
        f'<p class="calc-scenario-name">{esc(name)}{badge}</p>'
        f'<dl class="calc-scenario-figures">{cells}</dl>'
        f'<p class="calc-fit {fit_cls}">{esc(fit)}</p></li>'
    )


def letter_link(result: Result) -> str:
    """The 协商还款申请 page with this comparison's numbers in the link's fragment: the
    letter is written there, by its own generator (one generator per letter). The fragment
    never reaches the server. No lump sum is asked for: the reader chooses that on the
    letter page, only if the money is really there."""
    inst = next(s for s in result["scenarios"] if s["key"] == "instalment")
    values = {
        "owed": result["owed"],
        "penalty": result["penalty"],
        "ask_instalment": "1",
        "months": str(inst["months"]),
        "monthly": inst["monthly"],
        "freeze": "1" if Decimal(result["annual_rate"]) == 0 else "0",
        "ask_waive": "1" if result["waived"] else "0",
        "ask_settlement": "0",
    }
    return "../../letters/negotiate/#" + urlencode(values)


def view(result: Result) -> View:
    scenarios = result["scenarios"]
    by_key = {s["key"]: s for s in scenarios}
    names = {s["key"]: scenario_name(s, result) for s in scenarios}
    inst = by_key["instalment"]
    cheapest = result["cheapest_affordable"]
    cheapest_name = names[cheapest] if cheapest is not None else None
    items = [
        Figure("owed", "现在欠款合计", result["owed"], main=True),
        Figure("scenarios.instalment.monthly", "分期每月还", inst["monthly"], main=True),
        Figure("capacity", "每月最多能还", result["capacity"], main=True),
    ]
    if result["breakeven_rate"] is not None:
        items.append(
            Figure("breakeven_rate", "一次结清和分期的分界利率", result["breakeven_rate"], unit="%")
        )
    m = result["months_at_capacity"]
    if m is not None:
        items.append(
            Figure("months_at_capacity", "按每月能还的钱，要还", m, unit="个月", note=years_note(m))
        )
    notes = []
    if cheapest_name is not None:
        notes.append(f"在每月（或一次）拿得出的方案里，最省钱的是“{cheapest_name}”。")
    else:
        notes.append("按你填的每月能还的钱，这几个方案都负担不了，可以考虑申请更长的期数。")
    if not inst["affordable"]:
        more = ""
        if m is not None:
            more = (
                f"按每月 {yuan(result['capacity'])} 元还，"
                f"大约需要 {result['months_at_capacity']} 期。"
            )
        notes.append(
            f"分期月供 {yuan(inst['monthly'])} 元超过了你每月最多能还的 "
            f"{yuan(result['capacity'])} 元。{more}协商时请按自己真实的能力提方案，"
            "答应做不到的月供，很容易再次逾期。"
        )
    notes.append(breakeven_note(result))
    taken = {f.key for f in items}
    cards = "".join(
        _scenario_card(s, names[s["key"]], s["key"] == cheapest, taken) for s in scenarios
    )
    picture = chart(
        bar_chart(
            "calc-negotiate-chart",
            "各方案一共要还的钱",
            "；".join(f"{names[s['key']]}一共还 {yuan(s['total'])} 元" for s in scenarios) + "。",
            [(names[s["key"]], s["total"]) for s in scenarios],
        )
    )
    letter_html = (
        f'<p class="calc-note"><a href="{esc(letter_link(result))}">'
        "用这些数字写协商还款申请</a>：信在文书模板里生成，可以修改、复制、打印和下载。</p>"
    )
    html = (
        figures(items)
        + "".join(para(n) for n in notes if n)
        + f'<ul class="calc-scenarios" aria-label="方案对比">{cards}</ul>'
        + picture
        + letter_html
    )
    dates = result["instalments"]
    calendar_html, files = calendar_part(
        [
            Payment(
                "协商分期",
                f"negotiate:{result['principal']}:{dates[0]['date']}:{len(dates)}",
                k,
                len(dates),
                d["date"],
                d["payment"],
                d["balance"],
            )
            for k, d in enumerate(dates, start=1)
        ],
        f"协商分期（{names['instalment']}）",
        "协商分期还款.ics",
    )
    html += calendar_html
    summary = (
        f"现在欠款合计 {yuan(result['owed'])} 元；{names['instalment']}每月还 "
        f"{yuan(inst['monthly'])} 元，"
        f"一共还 {yuan(inst['total'])} 元。"
    )
    csv_text = make_csv(
        [
            "方案",
            "一次还（元）",
            "每月还（元）",
            "最后一期（元）",
            "期数",
            "一共还（元）",
            "比现在少还（元）",
            "能否负担",
        ],
        [
            [
                names[s["key"]],
                s["upfront"],
                s["monthly"],
                s["last_payment"],
                s["months"],
                s["total"],
                s["saving"],
                "能" if s["affordable"] else "不能",
            ]
            for s in scenarios
        ],
    )
    return View(html, summary, csv_text, "协商方案对比.csv", files)
