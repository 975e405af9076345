"""A list field drawn as rows of boxes (the debt list on a phone), and the save-on-this-device bar.

A field with `rows` (calculators/fields.py) keeps its value as text, one record per line, the
columns joined by commas: that text is what the form sends, what a share link carries and
what `calculators.run` parses, so the older text form keeps working everywhere. On the page
the text sits in a collapsed "用文字填写" box, and above it each line is a row of labelled
boxes; the browser bridge (docs/assets/calc/bridge.js) writes the rows back into the text on
every keystroke and redraws them when the text is edited. It knows no column: how many there
are, how a shorter line fills them, the separators the parser reads and every word it shows
come from the markup made here.
"""

from __future__ import annotations

import json

from calculators.fields import RECORD_SEPARATOR_CHARS, RECORD_SEPARATORS, Field, RowColumn
from calculators.web.format import esc

_INPUTMODE = {"money": "decimal", "rate": "decimal", "integer": "numeric"}


def split_rows(text: str, columns: int, legacy: tuple[int, ...]) -> list[list[str]] | None:
    """The lines of `text` as rows of `columns` cells; None when a line fits neither form.

    A line with as many parts as `legacy` fills those columns (the older, shorter form).

    >>> split_rows("信用卡,3000,18,150", 6, (0, 2, 3, 4))
    [['信用卡', '', '3000', '18', '150', '']]
    """
    rows = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = RECORD_SEPARATORS.split(line) if RECORD_SEPARATORS.search(line) else line.split()
        parts = [part.strip() for part in parts]
        if len(parts) == columns:
            rows.append(parts)
        elif legacy and len(parts) == len(legacy):
            row = [""] * columns
            for index, part in zip(legacy, parts, strict=True):
                row[index] = part
            rows.append(row)
        else:
            return None
    return rows


def _cell(column: RowColumn, index: int, value: str) -> str:
    label = esc(column.label)
    if not column.required and column.kind != "choice":
        label += '<span class="calc-optional">（选填）</span>'
    common = f'data-col="{index}" autocomplete="off"'
    if column.kind == "choice":
        codes = {v: v for v, _ in column.choices} | {lab: v for v, lab in column.choices}
        chosen = codes.get(value, value or column.choices[-1][0])
        options = "".join(
            f'<option value="{esc(v)}"{" selected" if v == chosen else ""}>{esc(lab)}</option>'
            for v, lab in column.choices
        )
        control = f"<select {common}>{options}</select>"
    else:
        mode = _INPUTMODE.get(column.kind, "text")
        control = (
            f'<input type="text" inputmode="{mode}" spellcheck="false" '
            f'maxlength="{column.max_length if column.kind == "text" else 30}" '
            f'value="{esc(value)}" {common}>'
        )
    unit = f'<span class="calc-unit">{esc(column.unit)}</span>' if column.unit else ""
    return (
        f'<label class="calc-cell"><span class="calc-cell-label">{label}</span>'
        f'<span class="calc-input">{control}{unit}</span></label>'
    )


def row_html(field: Field, number: int, cells: list[str]) -> str:
    """One row; `number` is 1-based (the bridge renumbers after an edit)."""
    boxes = "".join(_cell(col, i, cells[i]) for i, col in enumerate(field.rows))
    return (
        f'<li class="calc-row"><fieldset class="calc-row-box">'
        f'<legend class="calc-row-title">第 {number} 笔</legend>'
        f'<div class="calc-row-cells">{boxes}</div>'
        f'<button type="button" class="calc-row-remove" data-row-action="remove" '
        f'aria-label="删除第 {number} 笔">删除这一笔</button>'
        "</fieldset></li>"
    )


def rows_html(field: Field, value: str, text_box: str, described: str) -> str:
    """The rows for `value`, the add button, the count, a blank row's template and the text
    box (already drawn by the caller) behind a "用文字填写" summary."""
    rows = split_rows(value, len(field.rows), field.legacy_columns)
    items = "".join(row_html(field, n, cells) for n, cells in enumerate(rows or [], start=1))
    blank = row_html(field, 0, [""] * len(field.rows))
    legacy = ",".join(str(i) for i in field.legacy_columns)
    # Opened when the text cannot be shown as rows (a line the rows cannot hold).
    opened = "" if rows is not None else " open"
    return (
        f'<fieldset class="calc-rows" aria-describedby="{esc(described)}" '
        f'data-columns="{len(field.rows)}" data-legacy="{legacy}" data-max="{field.max_rows}"'
        f' data-separators="{esc(RECORD_SEPARATOR_CHARS)}"'
        f' data-msg-row="第 {{n}} 笔" data-msg-remove="删除第 {{n}} 笔" '
        f'data-msg-count="共 {{n}} 笔" data-msg-full="最多填 {field.max_rows} 笔。">'
        f'<legend class="calc-rows-title">{esc(field.label)}</legend>'
        f'<ol class="calc-rows-list">{items}</ol>'
        '<div class="calc-rows-actions">'
        '<button type="button" class="calc-action" data-row-action="add">添加一笔</button>'
        f'<span class="calc-rows-count" aria-live="polite">共 {len(rows or [])} 笔</span>'
        "</div>"
        f'<template class="calc-row-template">{blank}</template>'
        f'<details class="calc-rows-text"{opened}><summary>用文字填写或粘贴'
        "（每行一笔，逗号隔开）</summary>"
        f"{text_box}</details>"
        "</fieldset>"
    )


# The save bar's own sentences (data-msg-* on it; docs/assets/calc/savebar.js shows them),
# converted with the rest of the widget in the Traditional edition. "{items}" is the list of
# what an import would change, "{size}" a file's size.
SAVE_MESSAGES = {
    "import-ask": (
        "导入这个文件，会把这台设备上保存的这些内容换成文件里的：{items}。"
        "导入以后还可以撤销一次。要导入吗？"
    ),
    "import-yes": "导入",
    "import-no": "不导入",
    "import-kept": "没有导入，这台设备上保存的数据没有改动。",
    "import-same": "文件里的数据和这台设备上保存的一样，不用再导入。",
    "import-undo": "撤销导入",
    "import-undone": "已撤销导入，这台设备上保存的数据恢复成了导入以前的样子。",
    "import-checks": "勾选过的步骤",
    "import-too-big": (
        "这个文件太大了（约 {size}），本站导出的数据文件没有这么大，所以没有导入。"
        "这台设备上原来的数据没有改动。"
    ),
    "import-bad": "这个文件不能导入：它不是本站导出的数据文件。这台设备上原来的数据没有改动。",
    "forgotten": (
        "已清除保存的数据，也删除了本站存在这台设备上的离线副本（网页和计算器文件）。"
        "浏览记录要在浏览器的设置里另外清除。"
    ),
    # Pasting the export's text back (an in-app browser copies it instead of saving a file).
    "paste-label": "把复制的导出文字粘贴在这里",
    "paste-go": "导入这段文字",
    "forget-failed": (
        "已清除保存的数据，但浏览器没有让本站删除离线副本。可以在浏览器的设置里清除本站的数据。"
    ),
}


# The parts of the saved case an import can change, named as the confirmation names them.
CASE_PART_LABELS = {
    "person": "你的姓名和联系方式",
    "budget": "收入和支出",
    "debts": "欠款",
    "contacts": "联系记录",
    "checks": "步骤清单",
    "notes": "备注",
    "agreements": "还款协议",
}


def save_bar() -> str:
    """The opt-in to keep the reader's numbers on this device, with clear (and, beside it,
    clear and remove the offline copy), export and import.

    Drawn in every widget that has a field with `saved_as`; the browser keeps one case for
    the whole site (calculators/case.py), so ticking it in one widget ticks it in all.
    The bar carries what the browser needs to read an import before Python does and to say
    what it would change: the largest file (`MAX_FILE`) and the label of every part.
    """
    from calculators.case import to_json
    from calculators.case_schema import FORMAT, MAX_FILE, VERSION, empty

    labels = json.dumps(CASE_PART_LABELS, ensure_ascii=False)
    messages = "".join(f' data-msg-{key}="{esc(text)}"' for key, text in SAVE_MESSAGES.items())
    return (
        f'<div class="calc-save" data-save-format="{esc(FORMAT)}" data-save-version="{VERSION}"'
        f' data-save-max="{MAX_FILE}" data-save-labels="{esc(labels)}"'
        f' data-save-empty="{esc(to_json(empty()))}"{messages}>'
        '<p class="calc-save-line"><label><input type="checkbox" data-save-toggle> '
        "保存在这台设备上（不会上传）</label></p>"
        '<p class="calc-fine">勾选以后，你填的欠款和收支只保存在这台设备的浏览器里，'
        "不会上传到任何地方；本站的其他计算器和“我的协商方案”会自动填上。"
        "随时可以一键清除，也可以导出成文件，换设备时再导入。</p>"
        '<p class="calc-fine">有的手机和 App 里的浏览器会自己清掉这些数据（比如空间不够时）；'
        "重要的，请用下面的“导出”另外存一份。</p>"
        '<div class="calc-save-actions">'
        '<button type="button" class="calc-action" data-save-action="clear">'
        "清除这台设备上的数据</button>"
        '<button type="button" class="calc-action" data-save-action="forget">'
        "清除数据和离线副本</button>"
        '<button type="button" class="calc-action" data-save-action="export">导出</button>'
        '<button type="button" class="calc-action" data-save-action="import">导入</button>'
        '<button type="button" class="calc-action" data-save-action="paste">'
        "粘贴导入</button>"
        '<input type="file" accept=".json,application/json" hidden data-save-file '
        'aria-label="选择导出过的数据文件">'
        "</div>"
        '<p class="calc-save-status" role="status"></p>'
        "</div>"
    )
