"""The editor of the reader's case (calculators/case.py): the plan page's one input, drawn as
boxes a phone can fill, over a hidden text box that holds the case as JSON.

Each debt is a row with its main boxes (名称, 机构类型, 欠款余额, 年利率, 原来每月应还, 逾期天数)
and, behind "这一笔的详细信息", its own details and what the reader means to ask; the budget and
the person are asked once. Every box names where its value goes with ``data-case-key``
("balance", "asks.months") inside a ``data-case-group`` ("budget", "person") or a row of the
``data-case-list`` "debts"; the page (docs/assets/calc/caseform.js) writes the boxes into the
JSON on every change, and fills them from a kept case, knowing nothing else of the model. An
error from Python names its place ("debts.1.balance"); each row and group has a line for it.

A reader starting their own case sees three empty rows whose boxes show an example as
placeholder text; the example itself is only in the prerendered result (labelled 例子).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calculators import case as model
from calculators.fields import Field, Kind
from calculators.web.format import esc

# The boxes of a row that are always shown; the rest are behind "这一笔的详细信息".
MAIN = ("creditor", "kind", "balance", "rate", "monthly_due", "overdue_days")
BLANK_ROWS = 3  # rows drawn for a reader starting their own case
# Short enough for the narrow boxes of a 360 px phone (two boxes a line, each about 7 汉字 wide).
PLACEHOLDERS = {
    "creditor": "如 招商银行",
    "balance": "如 28000",
    "rate": "可空着",
    "monthly_due": "如 1400",
    "overdue_days": "如 150",
    "principal": "如 25000",
    "account_tail": "例如 1234",
    "new_creditor": "收购方名称",
    "reason": "不填就用下面写的原因",
    "months": "按方案",
    "amount": "按比例",
    "income": "例如 6000",
    "essential_expenses": "例如 5000",
    "other_payments": "没有就空着",
    "capacity": "按收支算",
    "name": "写信落款用",
    "id_tail": "例如 123X",
    "phone": "如 13800000000",
    "address": "结清证明寄到",
    "notes": "自己看的备注",
}
HELP = {
    "other_payments": "上面没有列出、仍在按时还的固定还款，例如房贷、车贷。",
    "capacity": "想给自己留一点应急的钱，就填一个比收入减开支小的数。",
    "reason": "一两句实话，写给每一家的信都会用它。",
    "last_activity": "很多年没人联系过的旧欠款才要填。",
    "notice_date": "只在收到过短信或公告时填。",
}
_INPUTMODE = {Kind.MONEY: "decimal", Kind.RATE: "decimal", Kind.INTEGER: "numeric"}
UNITS = {Kind.MONEY: "元", Kind.RATE: "%", Kind.INTEGER: ""}


def cell(field: Field, key: str, value: object) -> str:
    """One labelled box whose value goes to ``key`` of its row or group."""
    label = esc(field.label)
    if field.kind not in (Kind.FLAG, Kind.CHOICE) and key not in ("creditor", "balance"):
        label += '<span class="calc-optional">（选填）</span>'
    common = f'data-case-key="{esc(key)}" autocomplete="off"'
    name = key.rsplit(".", 1)[-1]
    if field.kind is Kind.FLAG:
        checked = " checked" if value is True else ""
        return (
            f'<label class="calc-cell calc-cell-flag"><input type="checkbox" {common}{checked}>'
            f"<span>{label}</span></label>"
        )
    if field.kind is Kind.CHOICE:
        options = "".join(
            f'<option value="{esc(code)}"{" selected" if code == value else ""}>'
            f"{esc(text)}</option>"
            for code, text in field.choices
        )
        control = f"<select {common}>{options}</select>"
    elif field.kind is Kind.DATE:
        control = f'<input type="date" value="{esc(value)}" {common}>'
    elif field.kind is Kind.LINES and name in ("reason", "notes"):
        control = (
            f'<textarea rows="2" maxlength="600" spellcheck="false" {common}>'
            f"{esc(value)}</textarea>"
        )
    else:
        mode = _INPUTMODE.get(field.kind, "text")
        hint = PLACEHOLDERS.get(name, "")
        placeholder = f' placeholder="{esc(hint)}"' if hint else ""
        control = (
            f'<input type="text" inputmode="{mode}" spellcheck="false" maxlength="200" '
            f'value="{esc(value)}"{placeholder} {common}>'
        )
    unit = UNITS.get(field.kind, "")
    if name == "overdue_days":
        unit = "天"
    elif name == "months":
        unit = "期"
    unit_html = f'<span class="calc-unit">{esc(unit)}</span>' if unit else ""
    help_html = f'<span class="calc-cell-help">{esc(HELP[name])}</span>' if name in HELP else ""
    return (
        f'<label class="calc-cell"><span class="calc-cell-label">{label}</span>'
        f'<span class="calc-input">{control}{unit_html}</span>{help_html}</label>'
    )


def _row(number: int, debt: Mapping[str, Any]) -> str:
    fields = {f.name: f for f in model.DEBT}
    main = "".join(cell(fields[k], k, debt[k]) for k in MAIN)
    more = "".join(cell(f, f.name, debt[f.name]) for f in model.DEBT if f.name not in (*MAIN, "id"))
    asks = "".join(cell(f, f"asks.{f.name}", debt["asks"][f.name]) for f in model.ASKS)
    title = f"第 {number} 笔" if number else "第 {n} 笔"
    return (
        '<li class="calc-row" data-case-item>'
        f'<fieldset class="calc-row-box"><legend class="calc-row-title">{esc(title)}</legend>'
        f'<input type="hidden" data-case-key="id" value="{esc(debt["id"])}">'
        f'<div class="calc-row-cells">{main}</div>'
        '<details class="calc-row-more"><summary>这一笔的详细信息</summary>'
        f'<div class="calc-row-cells">{more}</div>'
        f'<p class="calc-row-sub">打算向这一家申请的</p><div class="calc-row-cells">{asks}</div>'
        "</details>"
        '<p class="calc-error calc-case-error" role="alert" hidden></p>'
        '<button type="button" class="calc-row-remove" data-row-action="remove">删除这一笔</button>'
        "</fieldset></li>"
    )


def _group(name: str, title: str, fields: tuple[Field, ...], values: Mapping[str, Any]) -> str:
    cells = "".join(cell(f, f.name, values[f.name]) for f in fields)
    return (
        f'<fieldset class="calc-case-part" data-case-group="{esc(name)}">'
        f'<legend class="calc-rows-title">{esc(title)}</legend>'
        f'<div class="calc-row-cells">{cells}</div>'
        '<p class="calc-error calc-case-error" role="alert" hidden></p></fieldset>'
    )


def editor_html(field: Field, value: str, control_id: str, described: str) -> str:
    """The editor for the case in `value` (the field's default, the example, draws empty
    rows), with the hidden text box the form sends."""
    try:
        data = model.validate(value) if value != field.default else model.empty()
    except model.CaseError:
        data = model.empty()
    debts = data["debts"] or [model.blank_debt("") for _ in range(BLANK_ROWS)]
    rows = "".join(_row(n, d) for n, d in enumerate(debts, start=1))
    count = len(data["debts"])
    return (
        f'<div class="calc-case" data-case-editor aria-describedby="{esc(described)}"'
        f' data-case-empty="{esc(model.to_json(model.empty()))}">'
        '<fieldset class="calc-case-rows calc-case-part" data-case-list="debts"'
        f' data-max="{model.MAX_DEBTS}"'
        ' data-msg-row="第 {n} 笔" data-msg-count="共 {n} 笔"'
        f' data-msg-full="最多填 {model.MAX_DEBTS} 笔。">'
        '<legend class="calc-rows-title">你的欠款（每一笔一组）</legend>'
        f'<ol class="calc-rows-list">{rows}</ol>'
        '<div class="calc-rows-actions">'
        '<button type="button" class="calc-action" data-row-action="add">添加一笔</button>'
        f'<span class="calc-rows-count" aria-live="polite">共 {count} 笔</span></div>'
        f'<template class="calc-row-template">{_row(0, model.blank_debt(""))}</template>'
        '<p class="calc-error calc-case-error" role="alert" hidden></p>'
        "</fieldset>"
        + _group("budget", "每月收支（填一次）", model.BUDGET, data["budget"])
        + _group("person", "你自己（填一次，写进每一封信的落款）", model.PERSON, data["person"])
        + "</div>"
        f'<label for="{esc(control_id)}" hidden>{esc(field.label)}（JSON）</label>'
        f'<textarea id="{esc(control_id)}" name="{esc(field.name)}" hidden tabindex="-1" '
        f'aria-describedby="{esc(described)}" data-default="{esc(field.default)}">'
        f"{esc(value)}</textarea>"
    )
