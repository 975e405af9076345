"""Recalculating a long result in the page (issue 15, item 5): the key figures of a 360-month
schedule or a 10-debt payoff plan show first (render part "key"), the whole answer follows
and replaces the result; every row is there, right, and printed; a screen reader hears the
summary once, not the table."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from playwright.sync_api import Page

from calculators.web import render

SCHEDULE = {"principal": "1000000", "annual_rate": "4.9", "months": "360"}
DEBTS = "\n".join(f"债务{i},{4000 + i * 1500},{10 + i * 2},{100 + i * 25}" for i in range(1, 11))
PAYOFF = {"debts": DEBTS, "budget": "6000"}
CASES = {
    "schedule": (SCHEDULE, "principal", "1234000", "total_payment"),
    "payoff": (PAYOFF, "budget", "6321", "avalanche.total_interest"),
}


def fragment(inputs: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return "#" + urlencode(inputs)


def python_rows(result: dict[str, Any]) -> list[list[str]]:
    """The cells of every body row of every table in a result, as the page should show them."""
    rows = []
    for body in re.findall(r"<tbody>(.*?)</tbody>", str(result["html"]), flags=re.S):
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
            rows.append([html.unescape(cell) for cell in cells])
    return rows


def page_rows(page: Page, name: str) -> list[list[str]]:
    rows: list[list[str]] = page.evaluate(
        """sel => [...document.querySelectorAll(sel + ' .calc-result table tbody tr')]
            .map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent))""",
        f'.calc[data-calc="{name}"]',
    )
    return rows


def python_figure(result: dict[str, Any], key: str) -> str:
    match = re.search(rf'data-key="{re.escape(key)}">([^<]*)<', str(result["html"]))
    assert match, key
    return match.group(1).strip()


# Records, in the page, what the widget looked like the moment the key figure first showed
# the new value: whether the rest was still the old answer's (aria-busy) and how many whole
# answers had been shown.
WATCH = """([sel, key, expected]) => {
    const widget = document.querySelector(sel);
    const seen = (window.__seen = {});
    const figure = () => {
        const el = widget.querySelector(`.calc-result [data-key="${key}"]`);
        return el ? el.textContent.trim() : null;
    };
    const observer = new MutationObserver(() => {
        if (seen.at === undefined && figure() === expected) {
            seen.at = performance.now();
            seen.busy = widget.querySelector('.calc-result').getAttribute('aria-busy');
            seen.renders = widget.dataset.renders;
            seen.rows = widget.querySelectorAll('.calc-result tbody tr').length;
            observer.disconnect();
        }
    });
    observer.observe(widget, {subtree: true, childList: true, characterData: true});
    seen.renders_before = widget.dataset.renders;
}"""


@pytest.mark.parametrize("name", ["schedule", "payoff"])
def test_key_figures_first_then_every_row(
    page: Page, servers: Any, calc: Any, page_log: Any, name: str
) -> None:
    inputs, field, value, key = CASES[name]
    page.goto(servers.root.url + f"calculators/{name}/" + fragment(inputs))
    calc.settle(page, name)
    widget = f'.calc[data-calc="{name}"]'
    assert page_rows(page, name) == python_rows(render(name, inputs))

    expected = render(name, {**inputs, field: value})
    page.evaluate(WATCH, [widget, key, python_figure(expected, key)])
    before = calc.answers(page, name)
    page.fill(f'{widget} [name="{field}"]', value)
    page.dispatch_event(f'{widget} [name="{field}"]', "change")
    calc.wait_answer(page, name, before)

    seen = page.evaluate("window.__seen")
    # The figure came with the key answer, before the whole one, over the previous rows.
    assert seen["busy"] == "true"
    assert seen["renders"] == seen["renders_before"]
    assert seen["rows"] == len(python_rows(render(name, inputs)))
    # Then the whole answer: every row, as Python makes it, and nothing left busy.
    assert calc.key_figure(page, key, name) == python_figure(expected, key)
    assert page_rows(page, name) == python_rows(expected)
    assert page.get_attribute(f"{widget} .calc-result", "aria-busy") is None
    assert calc.answers(page, name) == before + 1
    # A screen reader hears the summary, once; the result itself is not a live region.
    assert page.get_attribute(f"{widget} .calc-result", "aria-live") == "off"
    live = page.locator(f"{widget} .calc-summary")
    assert live.get_attribute("aria-live") == "polite"
    assert live.text_content() == expected["summary"]


def test_the_summary_is_not_announced_on_load(page: Page, servers: Any, calc: Any) -> None:
    page.goto(servers.root.url + "calculators/schedule/" + fragment(SCHEDULE))
    calc.settle(page, "schedule")
    assert page.text_content('.calc[data-calc="schedule"] .calc-summary') == ""


def test_a_360_month_schedule_prints_whole(page: Page, servers: Any, calc: Any) -> None:
    """After an update, printing opens the collapsed table and shows all 360 rows, none cut
    off by the table's scrolling box; the PDF runs over several pages."""
    page.goto(servers.root.url + "calculators/schedule/" + fragment(SCHEDULE))
    calc.settle(page, "schedule")
    calc.fill(page, "schedule", "principal", "876543")
    expected = python_rows(render("schedule", {**SCHEDULE, "principal": "876543"}))
    assert len(expected) == 360

    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => {
            const table = document.querySelector('.calc[data-calc="schedule"] .calc-result tbody');
            const wrap = table.closest('.calc-table-wrap');
            const rows = [...table.querySelectorAll('tr')];
            return {
                open: table.closest('details').open,
                visible: rows.filter(
                    tr => tr.checkVisibility() && tr.getBoundingClientRect().height > 0).length,
                clipped: wrap.scrollHeight > wrap.clientHeight + 1
                    || wrap.scrollWidth > wrap.clientWidth + 1,
                last: rows[rows.length - 1].textContent,
            };
        }"""
    )
    assert shown["open"] is True
    assert shown["visible"] == 360
    assert shown["clipped"] is False
    assert shown["last"] == "".join(expected[-1])
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 5
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    table = '.calc[data-calc="schedule"] .calc-result details'
    assert page.evaluate("sel => document.querySelector(sel).open", table) is False


def test_traditional_key_figures(page: Page, servers: Any, calc: Any) -> None:
    """The key answer in the Traditional edition is converted like the whole one."""
    page.goto(servers.root.url + "zh-Hant/calculators/schedule/" + fragment(SCHEDULE))
    calc.settle(page, "schedule")
    calc.fill(page, "schedule", "principal", "1500000")
    expected = render("schedule", {**SCHEDULE, "principal": "1500000"}, "zh-Hant")
    assert calc.key_figure(page, "total_payment", "schedule") == python_figure(
        expected, "total_payment"
    )
    assert page_rows(page, "schedule") == python_rows(expected)
    assert page.text_content('.calc[data-calc="schedule"] .calc-summary') == expected["summary"]
    assert "還" in expected["summary"]
