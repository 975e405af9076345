"""How each calculator's result is shown: HTML, a one-sentence summary, and a CSV.

`view(name, result, values)` is called by `calculators.web.render`, at build time (the
prerendered result) and in the browser (every recalculation), so both show the same markup.

Conventions of the HTML:
- key figures first, in a `<dl class="calc-figures">`; each figure's number sits alone in an
  element with `data-key="<path>"`, where the path is the result key (dotted for nested
  values; list items that carry a "key" are addressed by it: ``scenarios.instalment.total``).
  The number is the result's own string with thousands separators, nothing else, so tests
  and the bridge can read it back;
- then detail, a chart (`calculators.web.svg`), and long tables inside a collapsed
  `<details>` with their own scrolling box, so the page never scrolls sideways on a phone;
- no headings (the widget sits under the page's own headings), no inline styles, no ids
  except the chart's and the letter's.

Everything shown is escaped: debt names typed by the person reach the HTML and the CSV.
No arithmetic: every number comes from the result dict, or from the typed values parsed by
the same `calculators.money.parse_field` that the calculator used.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from calculators import registry
from calculators.money import parse_field
from calculators.web.format import csv_cell, esc, group, yuan
from calculators.web.svg import Series, bar_chart, line_chart

COLLAPSE_ROWS = 12  # longer tables start collapsed

Result = Mapping[str, Any]
Values = Mapping[str, str]


@dataclass(frozen=True)
class View:
    html: str
    summary: str
    csv: str | None = None
    csv_name: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "html": self.html,
            "summary": self.summary,
            "csv": self.csv,
            "csv_name": self.csv_name,
        }


def view(name: str, result: Result, values: Values) -> dict[str, Any]:
    """The result of calculator `name` for people: {html, summary, csv, csv_name}.

    `values` are the strings the result was computed from (defaults filled in). KeyError for
    an unknown calculator.
    """
    return _VIEWS[name](result, values).as_dict()


# --- building blocks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One key figure: `key` is its data-key path, `value` the result's string."""

    key: str
    label: str
    value: object
    unit: str = "元"  # "元", "%", "个月", "天", or "" for text
    main: bool = False
    note: str = ""  # plain text after the number, e.g. "（3 年）"


def _number_html(value: object, unit: str) -> str:
    text = str(value)
    shown = yuan(text) if unit in ("元", "个月", "天", "期") else text
    sep = "" if unit in ("%", "") else " "
    return f"{esc(shown)}</strong>{sep}{esc(unit)}"


def figures(items: Sequence[Figure]) -> str:
    out = ['<dl class="calc-figures">']
    for f in items:
        cls = "calc-figure calc-figure-main" if f.main else "calc-figure"
        note = f'<span class="calc-figure-note">{esc(f.note)}</span>' if f.note else ""
        if f.value is None:
            number = f"<strong>{esc(f.note or '—')}</strong>"
            note = ""
        else:
            number = f'<strong data-key="{esc(f.key)}">' + _number_html(f.value, f.unit)
        out.append(f'<div class="{cls}"><dt>{esc(f.label)}</dt><dd>{number}{note}</dd></div>')
    out.append("</dl>")
    return "".join(out)


def years_note(months: object) -> str:
    """ "（3 年）" for 36, "（1 年 2 个月）" for 14, "" under a year."""
    if not isinstance(months, int) or months < 12:
        return ""
    years, rest = divmod(months, 12)
    return f"（{years} 年）" if rest == 0 else f"（{years} 年 {rest} 个月）"


def para(text: str, cls: str = "calc-note") -> str:
    return f'<p class="{cls}">{esc(text)}</p>'


@dataclass(frozen=True)
class Column:
    title: str
    numeric: bool = True


def table(
    label: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    foot: Sequence[object] | None = None,
) -> str:
    """A table in its own keyboard-scrollable box; numbers get thousands separators."""

    def cell(tag: str, col: Column, value: object, scope: str = "") -> str:
        cls = ' class="calc-num"' if col.numeric else ""
        text = group(str(value)) if col.numeric else str(value)
        return f"<{tag}{scope}{cls}>{esc(text)}</{tag}>"

    head = "".join(
        f'<th scope="col"{' class="calc-num"' if c.numeric else ""}>{esc(c.title)}</th>'
        for c in columns
    )
    body = "".join(
        "<tr>" + "".join(cell("td", c, v) for c, v in zip(columns, row, strict=True)) + "</tr>"
        for row in rows
    )
    tfoot = ""
    if foot is not None:
        tfoot = (
            "<tfoot><tr>"
            + "".join(cell("td", c, v) for c, v in zip(columns, foot, strict=True))
            + "</tr></tfoot>"
        )
    return (
        f'<div class="calc-table-wrap" tabindex="0" role="region" aria-label="{esc(label)}">'
        f'<table class="calc-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody>{tfoot}</table></div>"
    )


def details(summary: str, inner: str, rows: int) -> str:
    """A table behind a summary line: open when it is short, collapsed when it is long."""
    state = "" if rows > COLLAPSE_ROWS else " open"
    return (
        f'<details class="calc-details"{state}><summary>{esc(summary)}</summary>{inner}</details>'
    )


def chart(svg_html: str) -> str:
    return f'<figure class="calc-chart-box">{svg_html}</figure>'


def make_csv(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV text (the bridge adds the BOM); cells that look like formulas are defused."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


def parsed(name: str, values: Values) -> dict[str, object]:
    """The typed values as the calculator read them (e.g. "3万" -> Decimal("30000.00")).

    Used where a view needs an input the result does not echo; it is the same parser, so
    it cannot disagree with the figures. Only called after `run` accepted these values.
    """
    out: dict[str, object] = {}
    for field in registry.get(name).fields:
        out[field.name] = parse_field(field, values.get(field.name, field.default))
    return out


def _money(value: object) -> str:
    """A parsed Decimal money value as the result would print it ("30000.00")."""
    return format(value, "f") if value is not None else "0.00"


def flag_list(flags: Sequence[Mapping[str, Any]], rate_label: str) -> str:
    """The reference-line comparisons: a word (not only a colour) says which side it is on,
    and each line says where it comes from."""
    out = [f'<ul class="calc-flags" aria-label="{esc(rate_label)}和几条参考线的比较">']
    for flag in flags:
        # The text itself starts with "高于" or "没有超过", so the side is said in words.
        exceeded = bool(flag.get("exceeded"))
        cls = "calc-flag calc-flag-over" if exceeded else "calc-flag calc-flag-under"
        out.append(
            f'<li class="{cls}" data-flag="{esc(flag.get("key", ""))}" '
            f'data-exceeded="{"true" if exceeded else "false"}">'
            f'<span class="calc-flag-text">{esc(flag.get("text", ""))}</span>'
            f'<details class="calc-source"><summary>这条线从哪里来</summary>'
            f"<p>{esc(flag.get('source', ''))}</p></details></li>"
        )
    out.append("</ul>")
    return "".join(out)


FLAGS_DISCLAIMER = (
    "这些参考线来自法院在不同类型案件中使用过的标准，只用来提示“值得仔细核对”，"
    "不是对某一笔借款是否合法的判断。银行、消费金融公司、小额贷款公司等持牌机构的借款"
    "和个人之间的借款适用的规则不同；有争议时，以合同、监管规定和法院的认定为准。"
)


# --- 还款计划 schedule ---------------------------------------------------------------------


def schedule_view(result: Result, values: Values) -> View:
    method = str(result["method"])
    label = str(result["method_label"])
    months = result["months"]
    rows: Sequence[Mapping[str, Any]] = result["rows"]
    upfront = str(result["upfront_fee"])
    has_upfront = upfront != "0.00"
    has_fee = any(r["fee"] != "0.00" for r in rows)

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
    if has_upfront:
        items.append(Figure("net_disbursed", "实际到手", result["net_disbursed"]))
    if result["fee_sum"] != "0.00":
        items.append(Figure("interest_sum", "其中利息", result["interest_sum"]))
        items.append(Figure("fee_sum", "其中手续费", result["fee_sum"]))
    items.append(Figure("months", "还款期数", months, unit="期", note=years_note(months)))

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

    points = [(0, str(result["principal"]))] + [(int(r["period"]), str(r["balance"])) for r in rows]
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

    def row_cells(r: Mapping[str, Any]) -> list[object]:
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
        figures(items)
        + "".join(para(n) for n in notes)
        + picture
        + body
        + para(
            "金额单位：元。利息每期按剩余本金计算并四舍五入到分，尾差放在最后一期。", "calc-fine"
        )
    )
    summary = (
        f"{label}，{per}，一共还 {yuan(result['total_payment'])} 元，"
        f"真实年化利率 {result['apr']}%。"
    )
    csv_text = make_csv(
        ["期数", "还款额（元）", "本金（元）", "利息（元）", "手续费（元）", "剩余本金（元）"],
        [
            [r["period"], r["payment"], r["principal"], r["interest"], r["fee"], r["balance"]]
            for r in rows
        ],
    )
    return View(html, summary, csv_text, f"还款计划-{label}-{months}期.csv")


# --- 真实年化利率 apr --------------------------------------------------------------------


def apr_view(result: Result, values: Values) -> View:
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
    flags = result.get("flags") or []
    over = [f for f in flags if f.get("exceeded")]
    lpr_note = str(result.get("lpr_note") or "")
    bars = [("这笔借款的真实年化利率", str(result["apr"]))] + [
        (f"参考线：{f['name']}", str(f["value"])) for f in flags
    ]
    picture = chart(
        bar_chart(
            "calc-apr-chart",
            "真实年化利率和参考线",
            "这笔借款的真实年化利率是 "
            + f"{result['apr']}%；"
            + "；".join(f"参考线 {f['name']} 是 {f['value']}%" for f in flags)
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
        + para(lpr_note, "calc-fine")
        + para(FLAGS_DISCLAIMER, "calc-fine")
    )
    if over:
        names = "、".join(str(f["name"]) for f in over)
        summary = f"真实年化利率 {result['apr']}%，高于 {names}，建议核对合同和每一笔费用。"
    else:
        summary = f"真实年化利率 {result['apr']}%，借款总成本 {yuan(result['total_cost'])} 元。"
    return View(html, summary)


# --- 逾期费用 overdue --------------------------------------------------------------------


def overdue_view(result: Result, values: Values) -> View:
    days = result["days"]
    monthly = result["compounding"] == "monthly"
    timeline: Sequence[Mapping[str, Any]] = result["timeline"]
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
    points = [(int(t["day"]), str(t["total"])) for t in timeline]
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
    rows = [[t["day"], t["penalty"], t["total"]] for t in timeline]
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
        + flag_list(result.get("flags") or [], "罚息折合的年化")
        + para(str(result.get("lpr_note") or ""), "calc-fine")
        + para(FLAGS_DISCLAIMER, "calc-fine")
    )
    summary = (
        f"逾期 {days} 天后，罚息 {yuan(result['penalty'])} 元，"
        f"一共应还 {yuan(result['total_due'])} 元。"
    )
    csv_text = make_csv(["逾期天数", "累计罚息（元）", "应还合计（元）"], rows)
    return View(html, summary, csv_text, f"逾期费用-{days}天.csv")


# --- 协商方案对比 negotiate ----------------------------------------------------------------

LETTER_ID = "calc-negotiate-letter"


def _scenario_card(s: Mapping[str, Any], cheapest: bool, taken: set[str]) -> str:
    """One scenario as a small card; `taken` are data-key paths already shown above."""
    key = str(s["key"])
    path = f"scenarios.{key}"
    rows = []
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
        + _number_html(value, unit)
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
        f'<p class="calc-scenario-name">{esc(s["name"])}{badge}</p>'
        f'<dl class="calc-scenario-figures">{cells}</dl>'
        f'<p class="calc-fit {fit_cls}">{esc(fit)}</p></li>'
    )


def negotiate_letter(result: Result, values: Values) -> str:
    """The 协商还款申请 draft, filled in from the inputs; 【】 marks what only the person knows."""
    p = parsed("negotiate", values)
    scenarios = {str(s["key"]): s for s in result["scenarios"]}
    inst = scenarios["instalment"]
    waived = "waive" in scenarios
    rate = p["annual_rate"]
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
        f"本金：{yuan(_money(p['principal']))} 元",
        f"利息：{yuan(_money(p['interest']))} 元",
        f"罚息和违约金：{yuan(_money(p['penalty']))} 元",
        f"其他费用：{yuan(_money(p['fees']))} 元",
        f"合计：{yuan(result['owed'])} 元",
        "",
        "扣除房租、吃饭、交通等必要开支后，"
        f"我每月最多能拿出 {yuan(result['capacity'])} 元用于还款。",
        "",
        "我申请：",
    ]
    asks = []
    if waived:
        asks.append(f"减免罚息和违约金 {yuan(_money(p['penalty']))} 元；")
    last = (
        f"，最后一期 {yuan(inst['last_payment'])} 元"
        if inst["last_payment"] != inst["monthly"]
        else ""
    )
    terms = "分期期间停止计息" if rate == 0 else f"分期期间按年利率 {rate}% 计息"
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


def negotiate_view(result: Result, values: Values) -> View:
    scenarios: Sequence[Mapping[str, Any]] = result["scenarios"]
    by_key = {str(s["key"]): s for s in scenarios}
    inst = by_key["instalment"]
    cheapest = result.get("cheapest_affordable")
    cheapest_name = str(by_key[cheapest]["name"]) if cheapest in by_key else None
    items = [
        Figure("owed", "现在欠款合计", result["owed"], main=True),
        Figure("scenarios.instalment.monthly", "分期每月还", inst["monthly"], main=True),
        Figure("capacity", "每月最多能还", result["capacity"], main=True),
    ]
    if result.get("breakeven_rate") is not None:
        items.append(
            Figure("breakeven_rate", "一次结清和分期的分界利率", result["breakeven_rate"], unit="%")
        )
    if result.get("months_at_capacity") is not None:
        m = result["months_at_capacity"]
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
        if result.get("months_at_capacity") is not None:
            more = (
                f"按每月 {yuan(result['capacity'])} 元还，"
                f"大约需要 {result['months_at_capacity']} 期。"
            )
        notes.append(
            f"分期月供 {yuan(inst['monthly'])} 元超过了你每月最多能还的 "
            f"{yuan(result['capacity'])} 元。{more}协商时请按自己真实的能力提方案，"
            "答应做不到的月供，很容易再次逾期。"
        )
    notes.append(str(result.get("breakeven_note") or ""))
    taken = {f.key for f in items}
    cards = "".join(_scenario_card(s, s["key"] == cheapest, taken) for s in scenarios)
    picture = chart(
        bar_chart(
            "calc-negotiate-chart",
            "各方案一共要还的钱",
            "；".join(f"{s['name']}一共还 {yuan(s['total'])} 元" for s in scenarios) + "。",
            [(str(s["name"]), str(s["total"])) for s in scenarios],
        )
    )
    letter = negotiate_letter(result, values)
    letter_html = (
        '<div class="calc-letter-box">'
        f'<label class="calc-letter-label" for="{LETTER_ID}">'
        "协商还款申请（草稿，可以直接修改）</label>"
        f'<textarea id="{LETTER_ID}" class="calc-letter" rows="24" spellcheck="false" '
        f'aria-label="协商还款申请草稿">{esc(letter)}</textarea>'
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
    summary = (
        f"现在欠款合计 {yuan(result['owed'])} 元；{inst['name']}每月还 {yuan(inst['monthly'])} 元，"
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
                s["name"],
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
    return View(html, summary, csv_text, "协商方案对比.csv")


# --- 多笔债务还款顺序 payoff ---------------------------------------------------------------

STRATEGIES = ("avalanche", "snowball")


def payoff_view(result: Result, values: Values) -> View:
    debts: Sequence[Mapping[str, Any]] = result["debts"]
    av, sb = result["avalanche"], result["snowball"]
    items: list[Figure] = []
    for key in STRATEGIES:
        plan = result[key]
        items += [
            Figure(
                f"{key}.months",
                f"{plan['label']}：还清要",
                plan["months"],
                unit="个月",
                main=True,
                note=years_note(plan["months"]),
            ),
            Figure(
                f"{key}.total_interest",
                f"{plan['label']}：利息合计",
                plan["total_interest"],
                main=True,
            ),
        ]
    items += [
        Figure("interest_saved", "先还利率高的少付利息", result["interest_saved"]),
        Figure("minimum_total", "各笔最低月供合计", result["minimum_total"]),
        Figure("budget", "每月还款预算", result["budget"]),
    ]
    saved = str(result["interest_saved"])
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
        f'<p class="calc-note"><strong>{esc(plan["label"])}</strong>的顺序：'
        f"{esc(' → '.join(plan['order']))}</p>"
        for plan in (av, sb)
    )
    picture = chart(
        line_chart(
            "calc-payoff-chart",
            "两种还款顺序下剩余欠款的变化",
            f"{av['label']}：第 {av['months']} 个月还清，利息合计 {yuan(av['total_interest'])} 元；"
            f"{sb['label']}：第 {sb['months']} 个月还清，利息合计 {yuan(sb['total_interest'])} 元。"
            "横轴是月份，纵轴是所有债务的剩余欠款合计。",
            [
                Series(str(plan["label"]), list(enumerate(str(v) for v in plan["balance_series"])))
                for plan in (av, sb)
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
            Column(f"{av['label']}：第几个月还清"),
            Column(f"{sb['label']}：第几个月还清"),
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
    names = [str(d["name"]) for d in debts]
    month_rows: list[list[object]] = []
    for key in STRATEGIES:
        plan = result[key]
        series = plan["debt_series"]
        for month, total in enumerate(plan["balance_series"]):
            month_rows.append([plan["label"], month, total, *(series[n][month] for n in names)])
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
        figures(items)
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
    summary = (
        f"{av['label']}要 {av['months']} 个月还清，利息 {yuan(av['total_interest'])} 元；"
        f"{sb['label']}要 {sb['months']} 个月，利息 {yuan(sb['total_interest'])} 元。"
    )
    csv_text = make_csv(
        ["还款顺序", "月份", "剩余欠款合计（元）", *(f"{n}（元）" for n in names)], month_rows
    )
    return View(html, summary, csv_text, "多笔债务还款顺序.csv")


# --- 还款能力 budget ----------------------------------------------------------------------


def budget_view(result: Result, values: Values) -> View:
    level = str(result["level"])
    # The calculator's own sentence, with the amounts written the way the figures are.
    from calculators import budget  # imported here: the worker loads only what it runs

    template = budget.VERDICTS.get(level)
    capacity = str(result["capacity"])
    verdict = (
        template.format(
            gap=yuan(capacity.removeprefix("-")),
            capacity=yuan(capacity),
            shortfall=yuan(result["shortfall"]),
            dti=result["debt_to_income"],
        )
        if template is not None
        else str(result["verdict"])
    )
    items = [
        Figure("capacity", "每月最多能拿出来还债", result["capacity"], main=True),
        Figure("debt_to_income", "月供占收入", result["debt_to_income"], unit="%", main=True),
    ]
    if result["shortfall"] != "0.00":
        items.append(Figure("shortfall", "比现在的月供少", result["shortfall"], main=True))
    else:
        items.append(Figure("leftover", "还完月供后每月还剩", result["leftover"], main=True))
    items.append(Figure("income", "每月收入", result["income"]))
    html = (
        figures(items)
        + f'<p class="calc-verdict" data-level="{esc(level)}">{esc(verdict)}</p>'
        + para(
            "“每月最多能拿出来还债”就是协商时可以告诉对方的月还款上限。"
            "月供占收入的比例只是一个经验参考，不是任何机构的规定。",
            "calc-fine",
        )
    )
    summary = (
        f"每月最多能拿出 {yuan(result['capacity'])} 元还债，"
        f"月供占收入 {result['debt_to_income']}%。"
    )
    return View(html, summary)


# --- 应急基金 emergency -------------------------------------------------------------------


def emergency_view(result: Result, values: Values) -> View:
    goal = result["months_to_goal"]
    to_max = result["months_to_max"]
    p = parsed("emergency", values)
    items = [
        Figure("target_min", "至少存到（3 个月）", result["target_min"], main=True),
        Figure("target_max", "最好存到（6 个月）", result["target_max"], main=True),
    ]
    if goal == 0:
        items.append(
            Figure(
                "months_to_goal",
                "存到 3 个月还要",
                goal,
                unit="个月",
                main=True,
                note="（已经达到）",
            )
        )
    else:
        items.append(
            Figure(
                "months_to_goal",
                "存到 3 个月还要",
                goal,
                unit="个月",
                main=True,
                note=years_note(goal) if goal is not None else "按现在的存法存不到",
            )
        )
    items += [
        Figure(
            "months_to_max",
            "存到 6 个月还要",
            to_max,
            unit="个月",
            note=years_note(to_max) if to_max is not None else "按现在的存法存不到",
        ),
        Figure("months_covered", "现有存款够用", result["months_covered"], unit="个月"),
        Figure("gap_min", "离 3 个月目标还差", result["gap_min"]),
    ]
    savings = _money(p["current_savings"])
    meter = (
        '<p class="calc-progress"><label for="calc-emergency-meter">现有存款 '
        f"{esc(yuan(savings))} 元 / 目标 {esc(yuan(result['target_min']))} 元</label>"
        f'<meter id="calc-emergency-meter" min="0" max="{esc(result["target_min"])}" '
        f'value="{esc(savings)}">{esc(yuan(savings))} 元</meter></p>'
    )
    html = (
        figures(items)
        + meter
        + (para(str(result["note"])) if result.get("note") else "")
        + para(
            "3 到 6 个月必要开支是个人理财教育里常见的经验做法，不是硬性规定。"
            "还在逾期、每月很紧时，先存一个小目标（比如一个月的开支）也很有用。",
            "calc-fine",
        )
    )
    if goal is None:
        when = "按现在每月存的钱存不到"
    elif goal == 0:
        when = "现有存款已经够了"
    else:
        when = f"还要 {goal} 个月"
    summary = f"应急基金至少要 {yuan(result['target_min'])} 元，{when}。"
    return View(html, summary)


_VIEWS: dict[str, Callable[[Result, Values], View]] = {
    "schedule": schedule_view,
    "apr": apr_view,
    "overdue": overdue_view,
    "negotiate": negotiate_view,
    "payoff": payoff_view,
    "budget": budget_view,
    "emergency": emergency_view,
}
