"""The pieces every result view is built from: figures, tables, charts, CSV, reference lines.

Each calculator's view (`calculators/web/views/<name>.py`) composes these; nothing here knows
a particular calculator.

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
No arithmetic: every number comes from the result dict.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calculators.rates import Flag, LprInfo
from calculators.web.format import PLAIN, csv_cell, esc, group, yuan

COLLAPSE_ROWS = 12  # longer tables start collapsed


@dataclass(frozen=True)
class File:
    """A file the reader can download from the result (a letter, a calendar): the view's HTML
    holds a button ``<button data-action="download" data-file="KEY">`` and the bridge saves
    `text` under `name` with `mime` (UTF-8; a BOM is added for text/csv).

    `plain`: what to copy instead where a file cannot be saved (an in-app browser such as
    WeChat's, assets/calc/inapp.js) when `text` is not itself for reading (a calendar: the
    dates and amounts as lines); empty means `text` is copied."""

    key: str
    name: str
    mime: str
    text: str
    plain: str = ""


@dataclass(frozen=True)
class View:
    html: str
    summary: str
    csv: str | None = None
    csv_name: str = ""
    files: tuple[File, ...] = ()
    # What the page keeps when the reader keeps their case on this device: the plan's case
    # in normal form ("case": its JSON, calculators/case.py). No other page writes the case
    # by itself: it offers "存进我的方案" (calculators/casefill.py).
    publish: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "html": self.html,
            "summary": self.summary,
            "csv": self.csv,
            "csv_name": self.csv_name,
        }
        if self.publish:
            shown["publish"] = dict(self.publish)
        if self.files:
            shown["files"] = {
                f.key: {"name": f.name, "mime": f.mime, "text": f.text}
                | ({"plain": f.plain} if f.plain else {})
                for f in self.files
            }
        return shown


@dataclass(frozen=True)
class Key:
    """The key figures (the `figures` block that starts a view's html) and the summary alone:
    what a view with a long result gives first (`calculators.web.views.key`)."""

    figures: str
    summary: str


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


def number_html(value: object, unit: str) -> str:
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
            number = f'<strong data-key="{esc(f.key)}">' + number_html(f.value, f.unit)
        out.append(f'<div class="{cls}"><dt>{esc(f.label)}</dt><dd>{number}{note}</dd></div>')
    out.append("</dl>")
    return "".join(out)


def years_note(months: object) -> str:
    """ "（3 年）" for 36, "（1 年 2 个月）" for 14, "" under a year."""
    if not isinstance(months, int) or months < 12:
        return ""
    years, rest = divmod(months, 12)
    return f"（{years} 年）" if rest == 0 else f"（{years} 年 {rest} 个月）"


def months_text(months: int | None) -> str:
    """ "25 个月（2 年 1 个月）", or that the debt is not cleared within 600 months (null)."""
    return "600 个月内还不清" if months is None else f"{months} 个月{years_note(months)}"


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
    head = "".join(
        f'<th scope="col"{' class="calc-num"' if c.numeric else ""}>{esc(c.title)}</th>'
        for c in columns
    )
    # One template and one conversion per column: a 360-row schedule has 2,000 cells, made
    # again on every change in the reader's browser.
    line = "<tr>" + "".join(_TD[c.numeric] for c in columns) + "</tr>"
    made = [_number_cell if c.numeric else esc for c in columns]
    body = "".join([line.format(*[to(v) for to, v in zip(made, row, strict=True)]) for row in rows])
    tfoot = ""
    if foot is not None:
        cells = [to(v) for to, v in zip(made, foot, strict=True)]
        tfoot = f"<tfoot>{line.format(*cells)}</tfoot>"
    return (
        f'<div class="calc-table-wrap" tabindex="0" role="region" aria-label="{esc(label)}">'
        f'<table class="calc-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody>{tfoot}</table></div>"
    )


_TD = {True: '<td class="calc-num">{}</td>', False: "<td>{}</td>"}


def _number_cell(value: object) -> str:
    """`esc(group(str(value)))`, quicker for the plain numbers most cells hold (string
    methods instead of `format.PLAIN`'s regex: ASCII digits, an optional "-" and decimals)."""
    if type(value) is int:
        return f"{value:,}"
    text = value if isinstance(value, str) else str(value)
    whole, dot, frac = text.partition(".")
    digits = whole[1:] if whole[:1] == "-" else whole
    plain = digits.isascii() and digits.isdecimal() and frac.isascii()
    if plain and (not dot or frac.isdecimal()):
        if len(digits) <= 3:
            return text  # nothing to group, nothing to escape
        if digits[0] != "0":
            return f"{whole[: -len(digits)]}{int(digits):,}{dot}{frac}"
    return esc(group(text))


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
        texts = [v if isinstance(v, str) else str(v) for v in row]
        if all(map(PLAIN.fullmatch, texts)):
            # Plain numbers (most rows): nothing to quote or defuse, as the writer would.
            buf.write(",".join(texts) + "\r\n")
        else:
            writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


# The reference lines' names and where each comes from (the core knows only key and value).
LINE_NAMES = {"24": "24%", "36": "36%", "lpr4": "4 倍 LPR"}
LINE_SOURCES = {
    "24": "两个出处：2015 年的民间借贷司法解释（法释〔2015〕18号）第二十六条支持年利率 24% "
    "以内的利息（2020 年修订后民间借贷改用 4 倍 LPR）；《最高人民法院关于进一步加强金融审判"
    "工作的若干意见》（法发〔2017〕22号）第二条提到，金融借款中利息、罚息、违约金等合计超过"
    "年利率 24% 的部分，借款人可以请求法院调减。它是可以请求调减的界线，不是“超过就不用还”。",
    "36": "2015 年版民间借贷司法解释（法释〔2015〕18号）第二十六条的另一条界线：超过年利率 36% "
    "的利息约定无效。它只适用于民间借贷，2020 年修订后已改用 4 倍 LPR，这里只作参考；"
    "也不是“超过 36% 就不用还”，本金和合法范围内的利息仍然要还。",
    "lpr4": "2020 年修订的《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》"
    "以合同成立时一年期 LPR 的 4 倍为民间借贷利率的保护上限；"
    "它适用于民间借贷，不适用于银行、消费金融公司、小额贷款公司等持牌金融机构。",
}


def flag_text(flag: Flag) -> str:
    """Advice to look closer, never a verdict on legality; starts with 高于 or 没有超过."""
    name = LINE_NAMES[flag["key"]]
    if flag["exceeded"] and flag["key"] == "lpr4":
        return (
            f"高于 {name}（{flag['value']}%）。如果钱是向个人或非持牌机构借的"
            "（民间借贷），这个利率明显偏高，建议核对合同。"
        )
    if flag["exceeded"]:
        return f"高于 {name}（{flag['value']}%），明显偏高，建议核对合同和每一笔费用。"
    return f"没有超过 {name}（{flag['value']}%）。"


def lpr_note(lpr: LprInfo | None, contract_date: str | None) -> str:
    """Which one-year LPR the 4 x LPR line used, and why none when the contract predates it."""
    if lpr is None:
        return (
            "合同日期早于 2019 年 8 月 20 日，那时还没有现行的一年期 LPR，"
            "所以不比较 4 倍 LPR 这条线。"
        )
    year, month, day = (int(part) for part in lpr["date"].split("-"))
    since = f"（{year} 年 {month} 月 {day} 日起）"
    if contract_date is None:
        return f"没有填写合同日期，按最新一期一年期 LPR {lpr['rate']}%{since}计算 4 倍。"
    return f"合同日期 {contract_date} 适用的一年期 LPR 是 {lpr['rate']}%{since}。"


def flag_list(flags: Sequence[Flag], rate_label: str) -> str:
    """The reference-line comparisons: a word (not only a colour) says which side it is on,
    and each line says where it comes from."""
    out = [f'<ul class="calc-flags" aria-label="{esc(rate_label)}和几条参考线的比较">']
    for flag in flags:
        # The text itself starts with "高于" or "没有超过", so the side is said in words.
        exceeded = flag["exceeded"]
        cls = "calc-flag calc-flag-over" if exceeded else "calc-flag calc-flag-under"
        out.append(
            f'<li class="{cls}" data-flag="{esc(flag["key"])}" '
            f'data-exceeded="{"true" if exceeded else "false"}">'
            f'<span class="calc-flag-text">{esc(flag_text(flag))}</span>'
            f'<details class="calc-source"><summary>这条线从哪里来</summary>'
            f"<p>{esc(LINE_SOURCES[flag['key']])}</p></details></li>"
        )
    out.append("</ul>")
    return "".join(out)


FLAGS_DISCLAIMER = (
    "这些参考线来自法院在不同类型案件中使用过的标准，只用来提示“值得仔细核对”，"
    "不是对某一笔借款是否合法的判断。银行、消费金融公司、小额贷款公司等持牌机构的借款"
    "和个人之间的借款适用的规则不同；有争议时，以合同、监管规定和法院的认定为准。"
)


def percent_plain(text: str) -> str:
    """A percentage without trailing zeros, for names: "30.00" -> "30", "4.50" -> "4.5"."""
    return f"{Decimal(text).normalize():f}"
