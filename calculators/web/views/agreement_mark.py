"""记为已还 and 撤销 on the agreement page (issue 27, item 8): marking the next instalment paid
takes one tap, and undoing it one more. The buttons write into the payments box of the form
(docs/assets/calc/actions.js "add-line" / "undo-line"), so the line is read by the same Python
as a typed one: ``today,amount[,流水号[,渠道]]``. The amount defaults to what is still due on
the next instalment (the reader may change it: less is kept as a partial payment, more pays
into the next instalments early), the date is the page's 今天的日期 (the device's date).
"""

from __future__ import annotations

from calculators.agreement import CHANNELS
from calculators.agreement_record import Result
from calculators.web.format import esc, yuan

FIELD = "payments"


def _box(label: str, control: str) -> str:
    return f'<label class="calc-mark-part"><span>{esc(label)}</span>{control}</label>'


def mark_html(result: Result) -> str:
    """The next instalment's 记为已还 row (while not settled) and 撤销 for the last line."""
    s = result["status"]
    parts = []
    if s["next_amount"] is not None:
        options = '<option value="">不写</option>' + "".join(
            f'<option value="{esc(code)}">{esc(label)}</option>' for code, label in CHANNELS
        )
        parts.append(
            '<div class="calc-mark" data-line-group>'
            f'<p class="calc-mark-what">第 {s["next_number"]} 期（{esc(str(s["next_due"]))} 到期）'
            f"还要还 {esc(yuan(s['next_amount']))} 元。还了，就点“记为已还”，"
            f"日期记为 {esc(result['today'])}：</p>"
            + _box(
                "这次还了（元）",
                '<input type="text" inputmode="decimal" autocomplete="off" data-line-part '
                f'value="{esc(s["next_amount"])}">',
            )
            + '<details class="calc-mark-more"><summary>流水号和渠道（选填，留作凭证）</summary>'
            + _box("流水号", '<input type="text" autocomplete="off" maxlength="40" data-line-part>')
            + _box("渠道", f"<select data-line-part>{options}</select>")
            + "</details>"
            f'<button type="button" class="calc-action" data-action="add-line" '
            f'data-field="{FIELD}" data-line="{esc(result["today"])}">记为已还</button></div>'
        )
    if result["last_line"]:
        parts.append(
            '<p class="calc-mark-undo">'
            f'<span class="calc-fine">最后记下的一笔：{esc(result["last_line"])}</span> '
            f'<button type="button" class="calc-action" data-action="undo-line" '
            f'data-field="{FIELD}" data-line="{esc(result["last_line"])}">撤销</button></p>'
        )
    return "".join(parts)
