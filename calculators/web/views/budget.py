"""还款能力: what is left each month for creditors, and a plain verdict."""

from __future__ import annotations

from urllib.parse import urlencode

from calculators.budget import Level, Result
from calculators.registry import Example
from calculators.web.blocks import Figure, View, figures, para
from calculators.web.format import esc, yuan

# One sentence per `level` of the result, with the amounts written the way the figures are.
VERDICTS: dict[Level, str] = {
    "negative": "收入还不够必要开支，每月差 {gap} 元。先顾好生活，再和债权方说明情况，"
    "协商时如实说出眼下拿不出钱。",
    "shortfall": "每月最多能拿出 {capacity} 元还债，比现在的月供少 {shortfall} 元。"
    "这种情况值得尽早和债权方协商，把月供降到 {capacity} 元以内。",
    "strained": "月供占收入的 {dti}%，一半以上的收入用来还债，压力很大，遇到意外很容易断供。",
    "stretched": "月供占收入的 {dti}%，还得上，但余地不多，最好留出应急的钱。",
    "manageable": "月供占收入的 {dti}%，按现在的收入和开支，还款压力在可控范围内。",
}

# When to use it, for the table on the 计算器 overview page (<!-- calculators:table -->).
PURPOSE = "算出每月最多能拿出多少钱还债，这是协商时最重要的一个数。"
# The worked example of docs/calculators/budget.md ({ #example }): its inputs, and the figures
# it quotes (tests/web/test_web_pages.py checks the page against what the calculator gives).
EXAMPLE = Example(
    inputs={"income": "8000", "essential_expenses": "4500", "debt_payments": "4000"},
    quoted=(
        "capacity",
        "shortfall",
        "debt_to_income",
    ),
)


def view(result: Result) -> View:
    level = result["level"]
    capacity = result["capacity"]
    verdict = VERDICTS[level].format(
        gap=yuan(capacity.removeprefix("-")),
        capacity=yuan(capacity),
        shortfall=yuan(result["shortfall"]),
        dti=result["debt_to_income"],
    )
    items = [
        Figure("capacity", "每月最多能拿出来还债", result["capacity"], main=True),
        Figure("debt_to_income", "月供占收入", result["debt_to_income"], unit="%", main=True),
    ]
    if result["shortfall"] != "0.00":
        items.append(Figure("shortfall", "比现在的月供少", result["shortfall"], main=True))
    else:
        items.append(Figure("leftover", "还完月供后每月还剩", result["leftover"], main=True))
    items.append(Figure("income", "每月收入", result["income"]))
    html = (
        figures(items)
        + f'<p class="calc-verdict" data-level="{esc(level)}">{esc(verdict)}</p>'
        + para(
            "“每月最多能拿出来还债”就是协商时可以告诉对方的月还款上限。"
            "月供占收入的比例只是一个经验参考，不是任何机构的规定。",
            "calc-fine",
        )
    )
    html += next_steps(result)
    summary = (
        f"每月最多能拿出 {yuan(result['capacity'])} 元还债，"
        f"月供占收入 {result['debt_to_income']}%。"
    )
    return View(html, summary)


def next_steps(result: Result) -> str:
    """Links to the pages where this figure is used next, carrying the reader's numbers in the
    link's fragment (which never leaves the browser)."""
    capacity = result["capacity"]
    plan = urlencode(
        {"income": result["income"], "essential_expenses": result["essential_expenses"]}
    )
    links = []
    if not capacity.startswith("-") and capacity != "0.00":
        links.append(
            f'<li><a href="../allocate/#{esc(urlencode({"available": capacity}))}">'
            f"把每月能拿出的 {esc(yuan(capacity))} 元按欠款比例分给各家</a></li>"
        )
        links.append(
            f'<li><a href="../negotiate/#{esc(urlencode({"capacity": capacity}))}">'
            "用这个数比较分期、减免和一次结清</a></li>"
        )
    links.append(
        f'<li><a href="../../plan/#{esc(plan)}">把欠款也填上，做一份给每一家的协商方案</a></li>'
    )
    return (
        f'<div class="calc-next"><p class="calc-note">下一步：</p><ul>{"".join(links)}</ul></div>'
    )
