"""协商方案对比: the scenarios side by side, when a lump sum pays, and the letter's draft."""

from __future__ import annotations

from decimal import Decimal

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

LETTER_ID = "calc-negotiate-letter"

# When to use it, for the table on the 计算器 overview page (<!-- calculators:table -->).
PURPOSE = "比较分期、减免罚息、一次性结清几种方案，并生成一份协商还款申请草稿。"
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


def letter(result: Result) -> str:
    """The 协商还款申请 draft, filled in from the inputs; 【】 marks what only the person knows."""
    scenarios = {s["key"]: s for s in result["scenarios"]}
    inst = scenarios["instalment"]
    waived = "waive" in scenarios
    rate = result["annual_rate"]
    months = inst["months"]
    lines = [
        "协商还款申请",
        "",
        "【机构名称】：",
        "",
        "我是【姓名】（身份证号后四位【××××】），在贵机构的借款合同编号为【合同编号】。"
        "因为【说明原因，例如：失业、收入减少、生病、家庭变故】，我没能按时还款，"
        "对此我很抱歉。我愿意还清欠款，希望和贵机构协商一个我能做到的还款方案。",
        "",
        "截至【日期】，我自己核算的欠款如下（请以贵机构的账单为准）：",
        f"本金：{yuan(result['principal'])} 元",
        f"利息：{yuan(result['interest'])} 元",
        f"罚息和违约金：{yuan(result['penalty'])} 元",
        f"其他费用：{yuan(result['fees'])} 元",
        f"合计：{yuan(result['owed'])} 元",
        "",
        "扣除房租、吃饭、交通等必要开支后，"
        f"我每月最多能拿出 {yuan(result['capacity'])} 元用于还款。",
        "",
        "我申请：",
    ]
    asks = []
    if waived:
        asks.append(f"减免罚息和违约金 {yuan(result['penalty'])} 元；")
    last = (
        f"，最后一期 {yuan(inst['last_payment'])} 元"
        if inst["last_payment"] != inst["monthly"]
        else ""
    )
    terms = "分期期间停止计息" if Decimal(rate) == 0 else f"分期期间按年利率 {rate}% 计息"
    asks.append(
        f"将{'剩余的' if waived else '全部'} {yuan(result['financed'])} 元分 {months} 期偿还，"
        f"每月还 {yuan(inst['monthly'])} 元{last}，{terms}，一共还 {yuan(inst['total'])} 元；"
    )
    if "settlement" in scenarios:
        st = scenarios["settlement"]
        asks.append(
            f"如果贵机构同意一次性结清，我会尽力筹款，在【日期】前一次还 {yuan(st['upfront'])} 元，"
            "结清全部欠款；"
        )
    asks.append("在协商期间暂停催收，按协商结果向征信机构报送还款情况。")
    lines += [f"{i}. {a}" for i, a in enumerate(asks, start=1)]
    lines += [
        "",
        "我会按协商好的方案按时还款。请贵机构核实后答复，并把同意的方案以书面、短信或 App "
        "消息的形式发给我确认。随信附上【收入证明、病历等证明材料】。",
        "",
        "此致",
        "敬礼！",
        "",
        "申请人：【姓名】",
        "联系电话：【电话】",
        "日期：【日期】",
    ]
    return "\n".join(lines)


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
    draft = letter(result)
    letter_html = (
        '<div class="calc-letter-box">'
        f'<label class="calc-letter-label" for="{LETTER_ID}">'
        "协商还款申请（草稿，可以直接修改）</label>"
        f'<textarea id="{LETTER_ID}" class="calc-letter" rows="24" spellcheck="false" '
        f'aria-label="协商还款申请草稿">{esc(draft)}</textarea>'
        '<div class="calc-letter-actions">'
        f'<button type="button" class="calc-action" data-action="copy" data-target="{LETTER_ID}">'
        "复制申请</button>"
        f'<button type="button" class="calc-action" data-action="print" data-target="{LETTER_ID}">'
        "打印申请</button></div>"
        + para(
            "这份草稿是在你的浏览器里按上面填的数字生成的，不会上传，也不会保存；"
            "关掉或刷新页面后修改就没有了，需要的话请先复制或打印。"
            "【】里的内容请换成你自己的信息。",
            "calc-fine",
        )
        + "</div>"
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
                f"negotiate:{dates[0]['date']}",
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
