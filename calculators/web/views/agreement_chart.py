"""The agreement's progress as a small SVG in the site's chart style (calculators/web/svg.py:
a 360-unit viewBox, ``currentColor``, ``role="img"`` with a title and a description in words),
readable without colour: the paid part is a filled bar, what is left an outlined one, the
schedule's "due by today" a dashed line, and below, for up to `MAX_BOXES` periods, one box a
period, filled when paid, outlined when not. The words say it all again, in ``<desc>``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from calculators.agreement_status import Status
from calculators.web.format import esc, yuan
from calculators.web.svg import FONT, WIDTH

MAX_BOXES = 60
LEFT, RIGHT = 4, 4
_TENTH = Decimal("0.1")


def _num(value: Decimal) -> str:
    text = format(value.quantize(_TENTH, rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _x(amount: Decimal, total: Decimal) -> Decimal:
    return LEFT + amount * (WIDTH - LEFT - RIGHT) / total


def describe(status: Status, creditor: str) -> str:
    total = status.paid + status.left
    text = (
        f"{creditor}：协议合计 {yuan(total)} 元，已还 {yuan(status.paid)} 元，"
        f"还剩 {yuan(status.left)} 元；{status.periods} 期里已还清 {status.paid_count} 期。"
    )
    if status.ahead > 0:
        return text + f"比计划多还了 {yuan(status.ahead)} 元。"
    if status.ahead < 0:
        return text + f"比计划少还了 {yuan(-status.ahead)} 元。"
    return text + "和计划一致。"


def progress_chart(status: Status, creditor: str, chart_id: str = "calc-agreement-chart") -> str:
    total = status.paid + status.left
    boxes = status.periods <= MAX_BOXES
    height = 104 if boxes else 76
    paid_x = _x(status.paid, total)
    plan_x = _x(min(status.scheduled, total), total)
    cid = esc(chart_id)
    end = Decimal(WIDTH - RIGHT)
    out = [
        f'<svg class="calc-chart calc-chart-progress" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">',
        f'<title id="{cid}-title">{esc(creditor)}的还款进度</title>',
        f'<desc id="{cid}-desc">{esc(describe(status, creditor))}</desc>',
        f'<text x="{LEFT}" y="14" fill="currentColor">已还 {esc(yuan(status.paid))} 元'
        f"（{status.paid_count}/{status.periods} 期）</text>",
        f'<text x="{WIDTH - RIGHT}" y="14" text-anchor="end" fill="currentColor">'
        f"还剩 {esc(yuan(status.left))} 元</text>",
        f'<rect class="calc-bar-left" x="{LEFT}" y="22" width="{_num(end - LEFT)}" height="22" '
        'fill="none" stroke="currentColor" stroke-width="1.5"/>',
    ]
    if status.paid > 0:
        out.append(
            f'<rect class="calc-bar calc-bar-paid" x="{LEFT}" y="22" '
            f'width="{_num(paid_x - LEFT)}" height="22" fill="currentColor" fill-opacity="0.75"/>'
        )
    if status.code != "settled":
        anchor = "start" if plan_x < WIDTH / 3 else ("end" if plan_x > WIDTH * 2 / 3 else "middle")
        out += [
            f'<line class="calc-plan-mark" x1="{_num(plan_x)}" x2="{_num(plan_x)}" y1="18" '
            'y2="50" stroke="currentColor" stroke-width="2" stroke-dasharray="4 3"/>',
            f'<text x="{_num(plan_x)}" y="64" text-anchor="{anchor}" fill="currentColor">'
            "虚线：按计划今天应还到这里</text>",
        ]
    if boxes:
        step = Decimal(WIDTH - LEFT - RIGHT) / status.periods
        size = min(step - Decimal("1.5"), Decimal(14))
        for n in range(status.periods):
            done = n < status.paid_count
            fill = 'fill="currentColor" fill-opacity="0.75"' if done else 'fill="none"'
            out.append(
                f'<rect class="calc-period{" calc-period-paid" if done else ""}" '
                f'x="{_num(LEFT + step * n)}" y="78" width="{_num(size)}" height="14" {fill} '
                'stroke="currentColor" stroke-width="1"/>'
            )
    out.append("</svg>")
    return "".join(out)
