"""记为已还 and 撤销 on the agreement page (calculators/web/views/agreement_mark.py): the
buttons carry the line the browser writes into the payments box (actions.js add-line /
undo-line), and that line, read by the same Python, marks the instalment paid, partly paid or
paid early."""

from __future__ import annotations

import html
import re

import calculators
from calculators.web import render
from calculators.web.views.agreement_record import EXAMPLE


def attrs(page: str, action: str) -> dict[str, str]:
    tag = re.search(rf'<button[^>]*data-action="{action}"[^>]*>', page)
    assert tag, action
    return {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag.group(0))}


def test_the_buttons_carry_today_the_amount_due_and_the_last_line() -> None:
    page = render("agreement_record", dict(EXAMPLE.inputs))["html"]
    add = attrs(page, "add-line")
    assert (add["data-field"], add["data-line"]) == ("payments", "2027-03-13")
    group = page[page.index("data-line-group") : page.index('data-action="add-line"')]
    parts = re.findall(r"<(input|select)[^>]*data-line-part[^>]*>", group)
    assert parts == ["input", "input", "select"]  # amount, 流水号, 渠道
    assert re.search(r'data-line-part value="500.00"', group)
    undo = attrs(page, "undo-line")
    assert undo["data-line"] == "2027-02-15,500"


def mark(line: str) -> dict[str, object]:
    inputs = dict(EXAMPLE.inputs)
    inputs["payments"] = inputs["payments"] + "\n" + line
    return calculators.run("agreement_record", inputs)


def test_a_marked_line_is_read_as_paid_partial_or_early() -> None:
    full = mark("2027-03-13,500.00")
    assert full["status"]["paid_count"] == 3 and full["status"]["left"] == "28500.00"
    page = render(
        "agreement_record",
        {**EXAMPLE.inputs, "payments": "2027-01-14,500\n2027-02-15,500\n2027-03-13,300.00,A1,app"},
    )["html"]
    assert "部分还款" in page and "A1" in page
    assert 'data-line="2027-03-13,300.00,A1,app"' in page  # 撤销 takes back exactly this line
    early = render(
        "agreement_record",
        {**EXAMPLE.inputs, "payments": "2027-01-14,500\n2027-02-15,500\n2027-03-13,1500.00"},
    )["html"]
    assert "提前还" in early


def test_settled_has_no_mark_button() -> None:
    lines = "\n".join(f"2027-03-1{n % 3},500" for n in range(60))
    page = render("agreement_record", {**EXAMPLE.inputs, "payments": lines})["html"]
    assert 'data-action="add-line"' not in page
    assert 'data-action="undo-line"' in page


def test_the_payments_stack_with_their_column_names() -> None:
    page = render("agreement_record", dict(EXAMPLE.inputs))["html"]
    table = page[page.index("data-stacked") :]
    table = table[: table.index("</table>")]
    assert '<td data-label="日期">2027-01-14</td>' in table
    assert 'data-label="金额" class="calc-num">500.00</td>' in table
