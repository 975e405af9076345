"""The result views: figures read back exactly, tables and CSV add up, hostile text is inert.

Every number a view shows must be the result's own string (with thousands separators); the
CSV rows must add up to the totals to the fen (Decimal, no approx); anything a person typed
must come back escaped in the HTML and defused in the CSV.
"""

from __future__ import annotations

import csv
import html as html_mod
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import NAMES, run
from calculators.web import merged_inputs, render
from calculators.web.blocks import COLLAPSE_ROWS, LINE_SOURCES, flag_text
from calculators.web.format import yuan
from calculators.web.views import view
from calculators.web.views.negotiate import scenario_name
from calculators.web.views.payoff import LABELS as PAYOFF_LABELS
from tests.result_paths import resolve

SVG_NS = "{http://www.w3.org/2000/svg}"
DOCS = Path(__file__).resolve().parents[2] / "docs"
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}

# Inputs worth looking at beside the defaults: every method, upfront fees, compounding,
# unaffordable plans, null results.
CASES: list[tuple[str, dict[str, str]]] = [
    *((name, {}) for name in NAMES),
    ("schedule", {"principal": "1000000", "annual_rate": "4.9", "months": "360"}),
    ("schedule", {"method": "equal_principal", "months": "6"}),
    ("schedule", {"method": "interest_only", "months": "12"}),
    ("schedule", {"method": "bullet", "months": "3"}),
    (
        "schedule",
        {"method": "flat_fee", "principal": "12000", "months": "12", "upfront_fee": "100"},
    ),
    ("apr", {"principal": "100000", "upfront_fee": "1000", "payment": "8833.30"}),
    ("apr", {"mode": "fee", "monthly_fee_rate": "1.5", "contract_date": "2018-01-01"}),
    ("overdue", {"compounding": "monthly", "late_fee": "200", "days": "95"}),
    ("overdue", {"days": "3650", "daily_rate": "0.1"}),
    ("negotiate", {"waive_penalty": "0", "settlement_discount": "0", "annual_rate": "6"}),
    ("negotiate", {"capacity": "100", "months": "12"}),
    ("payoff", {"debts": "甲,1000,10,100", "budget": "100"}),
    ("budget", {"income": "3000", "essential_expenses": "4000"}),
    ("budget", {"debt_payments": "500"}),
    ("emergency", {"monthly_saving": "0"}),
    ("emergency", {"current_savings": "50000"}),
]

HOSTILE_NAMES = [
    "<script>x</script>",
    '"><svg onload=1>',
    "=HYPERLINK(1)",
    "+1",
    "-1+2",
    "@SUM(1)",
    "'&amp\"<i>",
]


class _Reader(HTMLParser):
    """Collects the text of every [data-key] element, checks tags are balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.keys: dict[str, str] = {}
        self._open: list[tuple[str, int]] = []  # (key, depth)
        self._text: dict[str, list[str]] = {}
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag in VOID:
            return
        self.stack.append(tag)
        key = a.get("data-key")
        if key is not None:
            assert key not in self._text, f"data-key {key} twice"
            self._text[key] = []
            self._open.append((key, len(self.stack)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(str(a["id"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        if self._open and self._open[-1][1] == len(self.stack):
            key, _ = self._open.pop()
            self.keys[key] = "".join(self._text[key])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for key, _ in self._open:
            self._text[key].append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    assert reader.stack == [], f"unclosed: {reader.stack}"
    return reader


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def D(text: str) -> Decimal:
    return Decimal(text)


def both(name: str, inputs: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    values = merged_inputs(name, inputs)
    result = run(name, values)
    return result, view(name, result)


@pytest.mark.parametrize(("name", "inputs"), CASES)
def test_every_figure_is_the_result_value(name: str, inputs: dict[str, str]) -> None:
    result, shown = both(name, inputs)
    keys = read(shown["html"]).keys
    if (DOCS / "calculators" / f"{name}.md").is_file():  # letters are documents, not figures
        assert keys, "a result shows at least one key figure"
    for path, text in keys.items():
        assert text.replace(",", "") == str(resolve(result, path)), path


@pytest.mark.parametrize(("name", "inputs"), CASES)
def test_view_shape_and_summary(name: str, inputs: dict[str, str]) -> None:
    _, shown = both(name, inputs)
    assert (
        {"html", "summary", "csv", "csv_name"}
        <= set(shown)
        <= {"html", "summary", "csv", "csv_name", "files", "publish"}
    )
    summary = shown["summary"]
    assert summary.endswith("。") and "\n" not in summary and len(summary) < 120
    assert "<" not in summary
    if shown["csv"] is None:
        assert shown["csv_name"] == ""
    else:
        assert shown["csv_name"].endswith(".csv") and "/" not in shown["csv_name"]


@pytest.mark.parametrize(("name", "inputs"), CASES)
def test_ids_unique_and_tables_scroll_in_their_box(name: str, inputs: dict[str, str]) -> None:
    _, shown = both(name, inputs)
    reader = read(shown["html"])
    assert len(reader.ids) == len(set(reader.ids))
    html = shown["html"]
    assert html.count("<table") == html.count(
        '<div class="calc-table-wrap" tabindex="0" role="region"'
    )
    assert "style=" not in html and "<script" not in html.lower()


@pytest.mark.parametrize(("name", "inputs"), CASES)
def test_charts_are_wellformed_svg_with_text_alternative(name: str, inputs: dict[str, str]) -> None:
    _, shown = both(name, inputs)
    for block in re.findall(r"<svg\b.*?</svg>", shown["html"], flags=re.S):
        root = ET.fromstring(block)
        assert root.get("role") == "img" and root.get("viewBox")
        title, desc = root.find(f"{SVG_NS}title"), root.find(f"{SVG_NS}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        for line in root.iter(f"{SVG_NS}polyline"):
            assert len(line.get("points", "").split()) <= 600


def test_charts_exist_where_a_picture_helps() -> None:
    for name in ("schedule", "overdue", "negotiate", "payoff", "apr"):
        _, shown = both(name, {})
        assert "<svg" in shown["html"], name


# --- tables and CSV add up ---------------------------------------------------------------


@given(
    principal=st.integers(min_value=100, max_value=10**8).map(lambda c: f"{c / 100:.2f}"),
    rate=st.decimals(min_value=0, max_value=60, places=2).map(str),
    months=st.integers(min_value=1, max_value=600),
    method=st.sampled_from(
        ["equal_payment", "equal_principal", "interest_only", "bullet", "flat_fee"]
    ),
    upfront=st.sampled_from(["0", "0.01", "50"]),
)
def test_schedule_csv_adds_up(
    principal: str, rate: str, months: int, method: str, upfront: str
) -> None:
    inputs = {
        "principal": principal,
        "annual_rate": rate,
        "monthly_fee_rate": "0.6",
        "months": str(months),
        "method": method,
        "upfront_fee": upfront,
    }
    try:
        result, shown = both("schedule", inputs)
    except Exception as err:  # an InputError is fine (e.g. fee >= principal); nothing else
        from calculators import InputError

        assert isinstance(err, InputError)
        return
    rows = csv_rows(shown["csv"])
    head, body = rows[0], rows[1:]
    assert head == [
        "期数",
        "还款额（元）",
        "本金（元）",
        "利息（元）",
        "手续费（元）",
        "剩余本金（元）",
    ]
    assert len(body) == months
    assert [int(r[0]) for r in body] == list(range(1, months + 1))
    col = list(zip(*body, strict=True))
    assert sum(map(D, col[1]), Decimal(0)) == D(result["total_payment"])
    assert sum(map(D, col[2]), Decimal(0)) == D(result["principal"])
    assert sum(map(D, col[3]), Decimal(0)) == D(result["interest_sum"])
    assert sum(map(D, col[4]), Decimal(0)) + D(result["upfront_fee"]) == D(result["fee_sum"])
    assert body[-1][5] == "0.00"
    for _, pay, prin, intr, fee, _bal in body:
        assert D(prin) + D(intr) + D(fee) == D(pay)
    keys = read(shown["html"]).keys
    for path, text in keys.items():
        assert text.replace(",", "") == str(resolve(result, path))


def test_schedule_table_collapses_only_when_long() -> None:
    _, short = both("schedule", {"months": str(COLLAPSE_ROWS)})
    _, long = both("schedule", {"months": str(COLLAPSE_ROWS + 1)})
    assert '<details class="calc-details" open>' in short["html"]
    assert '<details class="calc-details">' in long["html"]
    assert short["html"].count("<tr>") == COLLAPSE_ROWS + 2  # head, rows, foot


def test_reference_case_shows_5307_27() -> None:
    _, shown = both("schedule", {"principal": "1000000", "annual_rate": "4.9", "months": "360"})
    assert read(shown["html"]).keys["monthly_payment"] == "5,307.27"
    assert "每月还 5,307.27 元" in shown["summary"]


def test_overdue_timeline_csv_ends_at_the_totals() -> None:
    result, shown = both("overdue", {"compounding": "monthly", "late_fee": "200", "days": "95"})
    rows = csv_rows(shown["csv"])
    assert rows[0] == ["逾期天数", "累计罚息（元）", "应还合计（元）"]
    body = rows[1:]
    assert [int(r[0]) for r in body] == [0, 30, 60, 90, 95]
    assert body[-1][1] == result["penalty"] and body[-1][2] == result["total_due"]
    assert D(result["amount"]) + D(result["penalty"]) + D(result["late_fee"]) == D(body[-1][2])
    totals = [D(r[2]) for r in body]
    assert totals == sorted(totals)


@pytest.mark.parametrize(
    "inputs",
    [{}, {"waive_penalty": "0", "settlement_discount": "0", "annual_rate": "6"}, {"months": "7"}],
)
def test_negotiate_csv_rows_add_up(inputs: dict[str, str]) -> None:
    result, shown = both("negotiate", inputs)
    rows = csv_rows(shown["csv"])
    assert rows[0][0] == "方案" and len(rows) == len(result["scenarios"]) + 1
    for row, s in zip(rows[1:], result["scenarios"], strict=True):
        name, upfront, monthly, last, months, total, saving, fit = row
        assert name == scenario_name(s, result)
        n = int(months)
        paid = D(upfront) + (D(monthly) * (n - 1) + D(last) if n else Decimal(0))
        assert paid == D(total) == D(s["total"])
        assert D(result["owed"]) - D(total) == D(saving)
        assert fit == ("能" if s["affordable"] else "不能")


def test_payoff_csv_rows_add_up() -> None:
    result, shown = both("payoff", {})
    rows = csv_rows(shown["csv"])
    names = [d["name"] for d in result["debts"]]
    assert rows[0] == ["还款顺序", "月份", "剩余欠款合计（元）", *(f"{n}（元）" for n in names)]
    for key in ("avalanche", "snowball"):
        plan = result[key]
        mine = [r for r in rows[1:] if r[0] == PAYOFF_LABELS[key]]
        assert len(mine) == plan["months"] + 1
        assert [int(r[1]) for r in mine] == list(range(plan["months"] + 1))
        for r in mine:
            assert sum(map(D, r[3:]), Decimal(0)) == D(r[2])
        assert D(mine[0][2]) == sum((D(d["balance"]) for d in result["debts"]), Decimal(0))
        assert all(D(c) == 0 for c in mine[-1][2:])


# --- hostile text ------------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_payoff_debt_names_are_escaped_and_defused(name: str) -> None:
    debts = f"{name},3000,18,150\n普通,8000,36,400"
    _, shown = both("payoff", {"debts": debts, "budget": "2000"})
    html = shown["html"]
    assert "<script" not in html and "<svg onload" not in html
    assert html.count("<svg") == 1  # the chart, nothing injected
    read(html)  # still balanced
    assert html_mod.escape(name, quote=True) in html
    assert name not in html or html_mod.escape(name, quote=True) == name
    rows = csv_rows(shown["csv"])
    cells = [c for row in rows for c in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "@")), cell
        if cell.startswith("-"):
            Decimal(cell)  # only plain negative numbers may start with "-"
    assert any(name in c for c in cells)  # kept, behind an apostrophe where needed


def test_render_reports_errors_without_html() -> None:
    out = render("payoff", {"budget": "abc"})
    assert out == {"ok": False, "field": "budget", "message": "每月还款预算请填数字，例如 2000。"}


# --- the negotiation letter: one generator, on the letter page -----------------------------


LETTER_INPUTS = {
    "principal": "45,678.90",
    "interest": "1234.56",
    "penalty": "2345.67",
    "fees": "99.99",
    "months": "24",
    "annual_rate": "0",
    "waive_penalty": "1",
    "settlement_discount": "40",
    "capacity": "2500",
}


def letter_fragment(html: str) -> dict[str, str]:
    """The fields the comparison hands to the 协商还款申请 page, read from its link."""
    href = html_mod.unescape(html.split('href="../../letters/negotiate/#', 1)[1].split('"', 1)[0])
    return dict(parse_qsl(href))


def test_the_letter_is_written_on_the_letter_page_with_these_numbers() -> None:
    result, shown = both("negotiate", LETTER_INPUTS)
    html = shown["html"]
    assert "<textarea" not in html  # no second wording of the same letter here
    sent = letter_fragment(html)
    inst = resolve(result, "scenarios.instalment")
    assert sent == {
        "owed": "49359.12",
        "penalty": "2345.67",
        "ask_instalment": "1",
        "months": "24",
        "monthly": inst["monthly"],
        "freeze": "1",
        "ask_waive": "1",
        "ask_settlement": "0",
    }
    # The letter page's own generator takes every value the link carries.
    letter = render("letter_negotiate", sent)
    assert letter["ok"], letter
    text = letter["files"]["txt"]["text"]
    assert "合计 49,359.12 元，其中罚息和违约金 2,345.67 元" in text
    assert f"分 24 期还，每月还 {yuan(inst['monthly'])} 元，分期期间停止计算利息" in text
    assert "一次拿出" not in text  # a lump sum only when the reader asks for it there


def test_letter_link_without_waiver_and_with_interest() -> None:
    inputs = {
        **LETTER_INPUTS,
        "waive_penalty": "0",
        "settlement_discount": "0",
        "annual_rate": "4.5",
    }
    _, shown = both("negotiate", inputs)
    sent = letter_fragment(shown["html"])
    assert sent["ask_waive"] == "0" and sent["freeze"] == "0"
    text = render("letter_negotiate", sent)["files"]["txt"]["text"]
    assert "减免" not in text.split("收支说明")[0]
    assert "把全部欠款 49,359.12 元分 24 期还" in text


def test_unaffordable_plan_is_said_plainly() -> None:
    result, shown = both("negotiate", {"capacity": "100", "months": "12"})
    assert resolve(result, "scenarios.instalment.affordable") is False
    assert "超过了你每月最多能还的 100.00 元" in shown["html"]


# --- apr flags ---------------------------------------------------------------------------


def test_apr_explains_every_flag_without_a_verdict() -> None:
    result, shown = both(
        "apr", {"mode": "fee", "monthly_fee_rate": "2", "contract_date": "2024-03-01"}
    )
    html = shown["html"]
    for flag in result["flags"]:
        assert f'data-flag="{flag["key"]}"' in html
        assert html_mod.escape(LINE_SOURCES[flag["key"]], quote=True) in html
    assert html.count("这条线从哪里来") == len(result["flags"]) == 3
    assert "13.80" in html  # 4 x 3.45 % in force on 2024-03-01
    for word in ("违法", "非法", "不合法"):
        assert word not in html


def test_flag_words_are_cautious() -> None:
    result, shown = both("apr", {"principal": "10000", "months": "12", "payment": "1000"})
    flag24 = result["flags"][0]
    assert "明显偏高，建议核对合同" in flag_text(flag24)
    assert "法发〔2017〕22号" in LINE_SOURCES["24"]
    assert "不适用于" in LINE_SOURCES["lpr4"] and "持牌金融机构" in LINE_SOURCES["lpr4"]
    for flag in result["flags"]:
        for word in ("违法", "非法", "无效"):
            assert word not in flag_text(flag)
        assert html_mod.escape(flag_text(flag), quote=True) in shown["html"]


@pytest.mark.parametrize(
    ("inputs", "fragment"),
    [
        ({"contract_date": "2024-08-01"}, "合同日期 2024-08-01 适用的一年期 LPR 是 3.35%"),
        ({"contract_date": ""}, "没有填写合同日期"),
        ({"contract_date": "2018-06-01"}, "2019 年 8 月 20 日"),
    ],
)
def test_lpr_notes(inputs: dict[str, str], fragment: str) -> None:
    assert fragment in both("apr", inputs)[1]["html"]


@pytest.mark.parametrize(
    ("inputs", "fragment"),
    [
        (
            {"income": "8000", "essential_expenses": "9000", "debt_payments": "0"},
            "每月差 1,000.00 元",
        ),
        ({"income": "8000", "essential_expenses": "4500", "debt_payments": "4000"}, "少 500.00 元"),
        ({"income": "8000", "essential_expenses": "1000", "debt_payments": "4000"}, "压力很大"),
        ({"income": "8000", "essential_expenses": "1000", "debt_payments": "2400"}, "余地不多"),
        ({"income": "8000", "essential_expenses": "1000", "debt_payments": "2399"}, "可控范围"),
    ],
)
def test_budget_verdicts(inputs: dict[str, str], fragment: str) -> None:
    assert fragment in both("budget", inputs)[1]["html"]


def test_scenario_names_and_breakeven_notes() -> None:
    result, shown = both("negotiate", {})
    assert (
        scenario_name(resolve(result, "scenarios.instalment"), result) == "停息分期 36 期，减免罚息"
    )
    result, shown = both(
        "negotiate",
        {"settlement_discount": "0", "waive_penalty": "0", "annual_rate": "10", "months": "12"},
    )
    assert scenario_name(resolve(result, "scenarios.instalment"), result) == (
        "分期还款 12 期（年利率 10%）"
    )
    result, shown = both("negotiate", {"settlement_discount": "0", "waive_penalty": "0"})
    assert "不会更贵" in shown["html"]


def test_emergency_note_when_never() -> None:
    shown = both("emergency", {"monthly_saving": "0"})[1]
    assert "每月存款为 0 时到不了目标" in shown["html"]


def test_every_calculator_has_a_view() -> None:
    for name in NAMES:
        assert render(name, {})["ok"] is True
    with pytest.raises(KeyError):
        view("nope", {})


# --- any accepted input renders ----------------------------------------------------------


def _field_values(name: str) -> st.SearchStrategy[dict[str, str]]:
    from calculators import registry
    from calculators.fields import Kind
    from tests.case_strategies import raw_cases, text

    money = st.one_of(
        st.integers(min_value=0, max_value=10**9).map(str),
        st.integers(min_value=1, max_value=10**8).map(lambda c: f"{c / 100:.2f}"),
    )
    by_kind: dict[Kind, st.SearchStrategy[str]] = {
        Kind.MONEY: money,
        Kind.RATE: st.decimals(min_value=0, max_value=100, places=2).map(str),
        Kind.INTEGER: st.integers(min_value=0, max_value=700).map(str),
        Kind.FLAG: st.sampled_from(["0", "1"]),
        Kind.DATE: st.sampled_from(["", "2019-01-01", "2024-03-01", "2025-06-01"]),
        Kind.CASE: raw_cases().map(text),
        Kind.LINES: st.lists(
            st.tuples(
                st.text(alphabet="甲乙<>&\"'=+-@ab", min_size=1, max_size=8),
                money,
                st.decimals(min_value=0, max_value=60, places=1).map(str),
                money,
            ),
            min_size=1,
            max_size=4,
        ).map(lambda rows: "\n".join(",".join(r) for r in rows)),
    }
    fields = registry.get(name).fields
    return st.fixed_dictionaries(
        {
            f.name: (st.sampled_from([v for v, _ in f.choices]) if f.choices else by_kind[f.kind])
            for f in fields
        }
    )


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_any_accepted_input_renders(name: str, data: st.DataObject) -> None:
    from calculators import InputError

    inputs = data.draw(_field_values(name))
    try:
        result = run(name, inputs)
    except InputError:
        return
    shown = view(name, result)
    reader = read(shown["html"])
    for path, text in reader.keys.items():
        assert text.replace(",", "") == str(resolve(result, path)), path
    for block in re.findall(r"<svg\b.*?</svg>", shown["html"], flags=re.S):
        ET.fromstring(block)
    if shown["csv"] is not None:
        assert len(csv_rows(shown["csv"])) > 1
