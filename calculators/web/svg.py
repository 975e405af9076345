"""A small SVG renderer for the calculators' charts: lines over time and horizontal bars.

Why not a chart library: pygal's wheel alone is about 130 KB (plus importlib-metadata) and
would be downloaded by every reader whose browser runs the calculators, while these two
chart shapes take a few hundred lines. Everything here is presentation: the figures come
from a result dict as strings, and the only arithmetic is placing them on a 360-unit-wide
canvas (Decimal, so the same input always draws the same picture).

Every chart is `<svg role="img" aria-labelledby="…">` with a `<title>` and a `<desc>` that
says in words what the picture shows. Sizes come from the viewBox, so it scales down to a
360 px phone; strokes and fills use `currentColor` and classes, so CSS decides colours for
light mode, dark mode and print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, localcontext

from calculators.cents import half_up
from calculators.web.format import esc, group

WIDTH = 360
MAX_POINTS = 600  # one a month for the longest schedule; longer series are thinned
FONT = 13
_CTX = Context(prec=28, rounding=ROUND_HALF_UP)
_TENTH = Decimal("0.1")
_Y_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
_X_STEPS = (1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 360, 600, 1200)
_DAY_STEPS = (1, 2, 5, 7, 10, 15, 30, 60, 90, 180, 365, 730, 1825, 3650)


@dataclass(frozen=True)
class Series:
    """One line: `points` are (x, y) with x a month or day number and y a money string."""

    label: str
    points: Sequence[tuple[int, str]]


def _n(value: Decimal) -> str:
    """A coordinate, to a tenth of a unit, without trailing zeros: 12.50 -> "12.5"."""
    with localcontext(_CTX):
        q = value.quantize(_TENTH)
    text = format(q, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def compact(value: Decimal) -> str:
    """An axis label: 1500000 -> "150万", 12500 -> "1.25万", 800 -> "800"."""
    with localcontext(_CTX):
        for unit, size in (("亿", Decimal("100000000")), ("万", Decimal(10000))):
            if abs(value) >= size:
                scaled = (value / size).normalize()
                return f"{group(format(scaled, 'f'))}{unit}"
        return group(format(value.normalize(), "f"))


def nice_ceiling(top: Decimal, ticks: int = 4) -> tuple[Decimal, Decimal]:
    """(axis maximum, step) with `ticks` or fewer steps of 1, 2, 2.5 or 5 x 10^k.

    >>> nice_ceiling(Decimal("1000000"))
    (Decimal('1000000.0'), Decimal('250000.0'))
    >>> nice_ceiling(Decimal("950"))
    (Decimal('1000.0'), Decimal('250.0'))
    """
    with localcontext(_CTX):
        if top <= 0:
            return Decimal(1), Decimal(1)
        raw = top / ticks
        power = Decimal(10) ** (raw.adjusted())
        for factor in (*_Y_STEPS, Decimal(10)):
            step = factor * power
            if step * ticks >= top:
                break
        count = (top / step).to_integral_value(rounding=ROUND_CEILING)
        return step * count, step


def _x_step(span: int, steps: Sequence[int], most: int = 6) -> int:
    for step in steps:
        if span / step <= most:
            return step
    return steps[-1]


def thin(points: Sequence[tuple[int, str]], most: int = MAX_POINTS) -> list[tuple[int, str]]:
    """At most `most` points, evenly spread, always keeping the first and the last."""
    if len(points) <= most:
        return list(points)
    last = len(points) - 1
    picked = sorted({round(i * last / (most - 1)) for i in range(most)})
    return [points[i] for i in picked]


@dataclass(frozen=True)
class _Lines:
    """A line's points as `_n(px(x))` and `_n(py(y))` of `line_chart` would write them, in
    integers: exactly the same text, about ten times faster (a 360-month schedule's balance
    line is drawn again on every change). Each coordinate is a fraction with a small
    denominator, rounded half up to a tenth; the 28-digit Decimal quotient it replaces could
    only round differently within 10^-24 of a tie, and a fraction with a denominator below
    10^20 that is not a tie is further from one than that (tests/web/test_fast_paths.py)."""

    left: int
    width: int
    x_min: int
    span: int
    bottom: int  # top + plot height: where y_min is drawn
    height: int
    y_min: Decimal
    y_max: Decimal

    def coords(self, points: Sequence[tuple[int, str]]) -> str:
        ys = [Decimal(y) for _, y in points]
        # Everything in units of 10^-k, so every y, y_min and y_max is an integer.
        k = max(0, *(-int(v.as_tuple().exponent) for v in (*ys, self.y_min, self.y_max)))
        with localcontext(_CTX) as ctx:
            ctx.prec = 60
            low, high = int(self.y_min.scaleb(k)), int(self.y_max.scaleb(k))
            scaled = [int(v.scaleb(k)) for v in ys]
        left, width, x_min, span = self.left, self.width, self.x_min, self.span
        bottom, height, size = self.bottom, self.height, high - low
        return " ".join(
            [
                f"{_tenths(half_up(10 * (left * span + (x - x_min) * width), span))},"
                f"{_tenths(half_up(10 * (bottom * size - (y - low) * height), size))}"
                for (x, _), y in zip(points, scaled, strict=True)
            ]
        )


def _tenths(count: int) -> str:
    """A number of tenths as `_n` writes it: 125 -> "12.5", 120 -> "12", -5 -> "-0.5"."""
    whole, tenth = divmod(abs(count), 10)
    sign = "-" if count < 0 else ""
    return f"{sign}{whole}.{tenth}" if tenth else ("0" if whole == 0 else f"{sign}{whole}")


def _open(chart_id: str, height: int, title: str, desc: str, kind: str) -> list[str]:
    cid = esc(chart_id)
    return [
        f'<svg class="calc-chart calc-chart-{kind}" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">',
        f'<title id="{cid}-title">{esc(title)}</title>',
        f'<desc id="{cid}-desc">{esc(desc)}</desc>',
    ]


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    series: Sequence[Series],
    *,
    x_label: str = "月",
    days: bool = False,
    from_zero: bool = True,
) -> str:
    """Lines of money over time, starting at x = 0; a legend on top when there are several.

    Series after the first are dashed, so they stay apart in black-and-white print. With
    `from_zero=False` the money axis starts at a round number just below the lowest point,
    for a growth that would be a flat line on an axis from 0 (its labels say where it starts).
    """
    series = [Series(s.label, thin(s.points)) for s in series if s.points]
    legend_h = 18 * len(series) if len(series) > 1 else 0
    left, right, top, bottom = 46, 14, 12 + legend_h, 34
    plot_h = 170
    height = top + plot_h + bottom
    plot_w = WIDTH - left - right
    with localcontext(_CTX):
        ys = [Decimal(y) for s in series for _, y in s.points] or [Decimal(0)]
        xs = [x for s in series for x, _ in s.points] or [0]
        y_min = Decimal(0)
        if from_zero or min(ys) <= 0 or min(ys) == max(ys):
            y_max, y_step = nice_ceiling(max(max(ys), Decimal(0)))
        else:
            _, y_step = nice_ceiling(max(ys) - min(ys))
            y_min = (min(ys) / y_step).to_integral_value(rounding=ROUND_FLOOR) * y_step
            y_max = (max(ys) / y_step).to_integral_value(rounding=ROUND_CEILING) * y_step
            if y_max == y_min:
                y_max += y_step
        x_min, x_max = min(0, *xs), max(1, *xs)
        span = x_max - x_min

        def px(x: int) -> Decimal:
            return left + Decimal(x - x_min) * plot_w / span

        def py(y: Decimal) -> Decimal:
            return top + plot_h - (y - y_min) * plot_h / (y_max - y_min)

        out = _open(chart_id, height, title, desc, "line")
        out.append('<g class="calc-axis" fill="currentColor">')
        tick = y_min
        while tick <= y_max:
            y = _n(py(tick))
            out.append(
                f'<line class="calc-grid" x1="{left}" x2="{WIDTH - right}" y1="{y}" y2="{y}" '
                f'stroke="currentColor" stroke-opacity="0.18"/>'
            )
            out.append(
                f'<text x="{left - 6}" y="{y}" text-anchor="end" '
                f'dominant-baseline="middle">{esc(compact(tick))}</text>'
            )
            tick += y_step
        step = _x_step(span, _DAY_STEPS if days else _X_STEPS)
        base = top + plot_h
        x = x_min
        while x <= x_max:
            out.append(
                f'<text x="{_n(px(x))}" y="{base + 16}" text-anchor="middle">{esc(group(str(x)))}'
                "</text>"
            )
            x += step
        out.append(
            f'<text x="{WIDTH - right}" y="{base + 31}" text-anchor="end">{esc(x_label)}</text>'
        )
        out.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{base}" y2="{base}" '
            'stroke="currentColor" stroke-opacity="0.5"/>'
        )
        out.append("</g>")
        lines = _Lines(left, plot_w, x_min, span, top + plot_h, plot_h, y_min, y_max)
        for i, s in enumerate(series, start=1):
            coords = lines.coords(s.points)
            dash = ' stroke-dasharray="7 4"' if i > 1 else ""
            out.append(
                f'<polyline class="calc-line calc-line-{i}" points="{coords}" fill="none" '
                f'stroke="currentColor" stroke-width="2" stroke-linejoin="round"{dash}/>'
            )
        for i, s in enumerate(series if legend_h else [], start=1):
            ly = 12 + 18 * (i - 1)
            dash = ' stroke-dasharray="7 4"' if i > 1 else ""
            out.append(
                f'<g class="calc-legend"><line class="calc-line calc-line-{i}" x1="{left}" '
                f'x2="{left + 28}" y1="{ly}" y2="{ly}" stroke="currentColor" '
                f'stroke-width="2"{dash}/>'
                f'<text x="{left + 36}" y="{ly}" dominant-baseline="middle" fill="currentColor">'
                f"{esc(s.label)}</text></g>"
            )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    chart_id: str, title: str, desc: str, bars: Sequence[tuple[str, str]], *, unit: str = "元"
) -> str:
    """Horizontal bars, one per (label, number string), the label above its bar and the
    number with its unit after it; long Chinese labels fit a phone this way."""
    suffix = unit if unit == "%" else f" {unit}"
    row_h, left, value_w = 42, 4, 118
    height = row_h * max(len(bars), 1) + 6
    plot_w = WIDTH - left - value_w
    with localcontext(_CTX):
        values = [Decimal(v) for _, v in bars]
        top_value = max([*values, Decimal(0)]) or Decimal(1)
        out = _open(chart_id, height, title, desc, "bar")
        for i, ((label, value), amount) in enumerate(zip(bars, values, strict=True)):
            y0 = row_h * i
            w = max(amount, Decimal(0)) * plot_w / top_value
            out.append(
                f'<g class="calc-bar-row"><text x="{left}" y="{y0 + 14}" fill="currentColor">'
                f"{esc(label)}</text>"
                f'<rect class="calc-bar calc-bar-{i + 1}" x="{left}" y="{y0 + 20}" '
                f'width="{_n(max(w, Decimal(1)))}" height="16" fill="currentColor" '
                'fill-opacity="0.75"/>'
                f'<text x="{_n(left + w + 6)}" y="{y0 + 32}" fill="currentColor">'
                f"{esc(group(value))}{esc(suffix)}</text></g>"
            )
    out.append("</svg>")
    return "".join(out)
