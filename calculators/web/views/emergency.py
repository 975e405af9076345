"""应急基金: how much to keep aside, and how long it takes at the reader's saving rate."""

from __future__ import annotations

from calculators.emergency import Result
from calculators.registry import Example
from calculators.web.blocks import Figure, View, figures, para, years_note
from calculators.web.format import esc, yuan

# When to use it, for the table on the 计算器 overview page (<!-- calculators:table -->).
PURPOSE = "还款稳定下来以后，算一算该存多少备用的钱、要存多久。"
# The worked example of docs/calculators/emergency.md ({ #example }): its inputs, and the figures
# it quotes (tests/web/test_web_pages.py checks the page against what the calculator gives).
EXAMPLE = Example(
    inputs={"monthly_expenses": "4000", "current_savings": "2000", "monthly_saving": "500"},
    quoted=(
        "target_min",
        "target_max",
        "gap_min",
        "months_to_goal",
        "months_to_max",
        "months_covered",
    ),
)


def view(result: Result) -> View:
    goal = result["months_to_goal"]
    to_max = result["months_to_max"]
    items = [
        Figure("target_min", "至少存到（3 个月）", result["target_min"], main=True),
        Figure("target_max", "最好存到（6 个月）", result["target_max"], main=True),
    ]
    if goal == 0:
        items.append(
            Figure(
                "months_to_goal",
                "存到 3 个月还要",
                goal,
                unit="个月",
                main=True,
                note="（已经达到）",
            )
        )
    else:
        items.append(
            Figure(
                "months_to_goal",
                "存到 3 个月还要",
                goal,
                unit="个月",
                main=True,
                note=years_note(goal) if goal is not None else "按现在的存法存不到",
            )
        )
    items += [
        Figure(
            "months_to_max",
            "存到 6 个月还要",
            to_max,
            unit="个月",
            note=years_note(to_max) if to_max is not None else "按现在的存法存不到",
        ),
        Figure("months_covered", "现有存款够用", result["months_covered"], unit="个月"),
        Figure("gap_min", "离 3 个月目标还差", result["gap_min"]),
    ]
    savings = result["current_savings"]
    meter = (
        '<p class="calc-progress"><label for="calc-emergency-meter">现有存款 '
        f"{esc(yuan(savings))} 元 / 目标 {esc(yuan(result['target_min']))} 元</label>"
        f'<meter id="calc-emergency-meter" min="0" max="{esc(result["target_min"])}" '
        f'value="{esc(savings)}">{esc(yuan(savings))} 元</meter></p>'
    )
    if goal is None:
        note = "每月存款为 0 时到不了目标。哪怕每月先存一两百元，也比不存强。"
    elif goal == 0:
        note = "现有存款已经够 3 个月的必要开支。"
    else:
        note = ""
    html = (
        figures(items)
        + meter
        + (para(note) if note else "")
        + para(
            "3 到 6 个月必要开支是个人理财教育里常见的经验做法，不是硬性规定。"
            "还在逾期、每月很紧时，先存一个小目标（比如一个月的开支）也很有用。",
            "calc-fine",
        )
    )
    if goal is None:
        when = "按现在每月存的钱存不到"
    elif goal == 0:
        when = "现有存款已经够了"
    else:
        when = f"还要 {goal} 个月"
    summary = f"应急基金至少要 {yuan(result['target_min'])} 元，{when}。"
    return View(html, summary)
