"""The printed payment record (issue 27, item 15): one A4 page per `ROWS_PER_PAGE` instalments,
each page headed with the creditor, the reader's name, the account tail and the page number,
each row an instalment: its due date and amount, what was paid towards it, on which days and
with which 流水号. Pages after the first start on a new sheet (``calc-plan-newpage``, the
plan's own print rule); the last page ends with the totals. Pages are ``div``s, never
``section``s: the widget is a ``section`` and the search indexer ends its exclusion at the
first closing tag of that name.
"""

from __future__ import annotations

import math
from decimal import Decimal

from calculators.agreement import TYPES, Agreement
from calculators.agreement_status import Row, ledger
from calculators.money import fmt
from calculators.web.blocks import Column, table
from calculators.web.format import esc, yuan
from calculators.web.letterbox import fill

RECORD_ID = "calc-agreement-record"
ROWS_PER_PAGE = 24
COLUMNS = (
    Column("期数"),
    Column("还款日", numeric=False),
    Column("应还"),
    Column("已还"),
    Column("还款日期", numeric=False),
    Column("流水号", numeric=False),
)


def _cells(row: Row) -> list[object]:
    days = "、".join(p.on.isoformat() for p, _ in row.parts)
    serials = "、".join(p.serial for p, _ in row.parts if p.serial)
    return [row.number, row.due.isoformat(), fmt(row.amount), fmt(row.covered), days, serials]


def pages(
    record: Agreement, creditor: str | None, name: str | None, account: str | None
) -> list[str]:
    """The pages' HTML, one string a page."""
    rows = ledger(record)
    count = math.ceil(len(rows) / ROWS_PER_PAGE)
    who = f"借款人：{fill(name, '姓名')}　{fill(creditor, '机构名称')}尾号 {fill(account, '尾号')}"
    terms = (
        f"{dict(TYPES)[record.kind]}协议，{record.agreed_on} 达成，{record.periods} 期，"
        f"合计 {yuan(fmt(record.total))} 元"
    )
    out = []
    for page in range(count):
        chunk = rows[page * ROWS_PER_PAGE : (page + 1) * ROWS_PER_PAGE]
        cls = "calc-print-page" + (" calc-plan-newpage" if page else "")
        foot = ""
        if page == count - 1:
            paid = sum((r.covered for r in rows), Decimal(0))
            foot = (
                f'<p class="calc-note">已还合计 {esc(yuan(fmt(paid)))} 元，'
                f"还剩 {esc(yuan(fmt(record.total - paid)))} 元。</p>"
            )
        out.append(
            f'<div class="{cls}" role="group" aria-label="还款记录第 {page + 1}/{count} 页">'
            f'<p class="calc-plan-title">还款记录：{esc(fill(creditor, "机构名称"))}</p>'
            f'<p class="calc-note">{esc(who)}　{esc(terms)}　第 {page + 1}/{count} 页</p>'
            + table(f"还款记录第 {page + 1}/{count} 页", COLUMNS, [_cells(r) for r in chunk])
            + foot
            + "</div>"
        )
    return out


def record_html(
    record: Agreement,
    creditor: str | None,
    name: str | None,
    account: str | None,
    folded: str = "",
) -> str:
    """The whole record with its print button; with `folded`, the pages sit behind that
    summary (opened for printing, and the button prints them all the same)."""
    sheet = (
        f'<div id="{RECORD_ID}" class="calc-agreement-record">'
        + "".join(pages(record, creditor, name, account))
        + "</div>"
    )
    if folded:
        sheet = f'<details class="calc-details"><summary>{esc(folded)}</summary>{sheet}</details>'
    return (
        sheet + '<div class="calc-letter-actions">'
        f'<button type="button" class="calc-action" data-action="print" '
        f'data-target="{RECORD_ID}">打印还款记录</button></div>'
    )
