"""Readers with poor eyesight (issue 24, item 7; GB/T 37668-2019 and the 适老化 rules): body
text with line spacing of at least 1.3, and nothing told by colour alone. In both editions,
at 360 px, with every fold open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

PAGES = ["", "guide/negotiate/", "calculators/schedule/", "calculators/apr/", "plan/",
         "letters/negotiate/", "start/"]  # fmt: skip
BODY_TEXT = (
    ".md-content :is(p, li, dt, dd, td, th, blockquote, label, summary, figcaption, textarea,"
    " .calc-help, .calc-error, .calc-status)"
)

# Every element of running text whose line height is under `minimum` times its font size,
# as "tag.class: ratio (text)". `normal` is the font's own, about 1.2 in the CJK fonts.
TIGHT = """([selector, minimum]) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length && el.textContent.trim())
  .map((el) => {
    const cs = getComputedStyle(el), size = parseFloat(cs.fontSize);
    const ratio = cs.lineHeight === "normal" ? 1.2 : parseFloat(cs.lineHeight) / size;
    return [`${el.tagName.toLowerCase()}.${el.className}: ${ratio.toFixed(2)}`, ratio,
            el.textContent.trim().slice(0, 20)];
  })
  .filter(([, ratio]) => ratio < minimum - 0.005)
  .map(([where, , text]) => `${where} (${text})`)"""


def phone(page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 780})


@pytest.mark.parametrize("edition", ["", "zh-Hant/"], ids=["zh-Hans", "zh-Hant"])
def test_body_text_is_spaced_at_least_1_3(page: Page, servers: Any, edition: str) -> None:
    phone(page)
    for path in PAGES:
        page.goto(servers.root.url + edition + path)
        page.eval_on_selector_all("details", "ds => ds.forEach((d) => { d.open = true; })")
        tight = page.evaluate(TIGHT, [BODY_TEXT, 1.3])
        assert tight == [], f"{edition}{path}: {tight[:5]}"


def test_the_check_would_find_tight_text(page: Page, servers: Any) -> None:
    page.goto(servers.root.url + "guide/negotiate/")
    page.eval_on_selector(".md-typeset p", "p => { p.style.lineHeight = '1.1'; }")
    assert page.evaluate(TIGHT, [BODY_TEXT, 1.3])


# Each warning the views write (calculators/web/views/, blocks.py), and a calm twin.
WARNINGS = {
    "verdict negative": '<p class="calc-verdict" data-level="negative">每月还差 500 元</p>',
    "verdict shortfall": '<p class="calc-verdict" data-level="shortfall">不够</p>',
    "verdict strained": '<p class="calc-verdict" data-level="strained">很紧</p>',
    "flag over": '<ul class="calc-flags"><li class="calc-flag calc-flag-over">'
    '<span class="calc-flag-text">超过 24%</span></li></ul>',
    "fit no": '<p class="calc-fit calc-fit-no">月供超过每月能还的钱</p>',
}
CALM = {
    "verdict enough": '<p class="calc-verdict" data-level="enough">够用</p>',
    "flag under": '<ul class="calc-flags"><li class="calc-flag calc-flag-under">'
    '<span class="calc-flag-text">低于 24%</span></li></ul>',
    "fit yes": '<p class="calc-fit calc-fit-yes">每月还得起</p>',
}

MARK = """(box) => [...box.children].map((el) => {
  const target = el.querySelector(".calc-flag-text") || el;
  return getComputedStyle(target, "::before").content;
})"""


def test_a_warning_has_a_shape_as_well_as_a_colour(page: Page, servers: Any) -> None:
    """The site's own stylesheets on the markup the views write: every warning gets the "!"
    ring before its sentence; the calm versions do not."""
    phone(page)
    page.goto(servers.root.url + "calculators/budget/")
    for group, expect in ((WARNINGS, True), (CALM, False)):
        html = "".join(group.values())
        page.eval_on_selector(
            ".calc-result",
            "(el, html) => { const box = document.createElement('div');"
            " box.className = 'shape-check'; box.innerHTML = html; el.prepend(box); }",
            html,
        )
        marks = page.eval_on_selector(".shape-check", MARK)
        page.eval_on_selector(".shape-check", "el => el.remove()")
        for name, mark in zip(group, marks, strict=True):
            assert ('"!"' in mark) is expect, (name, mark)
    page.eval_on_selector(
        ".calc-result",
        "(el, html) => el.insertAdjacentHTML('afterbegin', html)",
        WARNINGS["verdict negative"] + WARNINGS["fit no"],
    )
    shots = Path(__file__).resolve().parents[2] / "test-results" / "reading"
    shots.mkdir(parents=True, exist_ok=True)
    page.locator(".calc-result").screenshot(path=str(shots / "warnings-360.png"))


def test_the_page_being_read_is_marked_by_more_than_colour(page: Page, servers: Any) -> None:
    """In its list of the navigation, the page being read is bold and its neighbours not."""
    page.goto(servers.root.url + "guide/negotiate/")
    weights = page.eval_on_selector(
        ".md-nav--primary a.md-nav__link--active",
        """a => [...a.closest("ul").querySelectorAll(":scope > li > a.md-nav__link")]
            .map((l) => [l === a, getComputedStyle(l).fontWeight])""",
    )
    assert [w for is_active, w in weights if is_active] == ["700"]
    others = {w for is_active, w in weights if not is_active}
    assert len(weights) > 10 and "700" not in others, others
