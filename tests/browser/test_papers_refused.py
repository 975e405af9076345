"""Nothing stale or wrong leaves the page (issue 22, item 4): while a form has an error, every
print, copy, .txt, .csv and .ics button of every widget on the site refuses, saying why next to
the button pressed; the paper stays visible, marked as out of date; nothing is printed, copied
or downloaded. Once the error is corrected, the same button works again.

The issue's own case first: on 要求停止联系第三人, unticking every box put the form in error,
and 打印 printed the old placeholder letter with the only error message far up the page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from calculators import registry
from calculators.fields import Kind
from calculators.web import render
from calculators.web.widget import MESSAGES
from tests.browser.test_help_buttons import SITE

PAPER = '.calc-result [data-action="print"], .calc-result [data-action="copy"], ' + (
    '.calc-result [data-action="download"], .calc-actions [data-action="csv"], '
    '.calc-actions [data-action="print"]'
)
SPY = """() => {
  window.__printed = 0; window.__copied = 0;
  window.print = () => { window.__printed += 1; };
  if (navigator.clipboard) navigator.clipboard.writeText = async () => { window.__copied += 1; };
}"""


def widget_pages() -> dict[str, str]:
    """calculator -> its page (relative URL), from the built site."""
    found: dict[str, str] = {}
    for path in sorted(SITE.rglob("index.html")):
        if "zh-Hant" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for name in registry.NAMES:
            if f'data-calc="{name}"' in text and name not in found:
                found[name] = str(path.parent.relative_to(SITE)) + "/"
    return found


def bad_input(name: str) -> tuple[str, str] | None:
    """A box of the calculator and a value Python refuses there (a number box first, then a
    text box; a date box takes no letters in a browser), or None when no box can be wrong."""
    order = (Kind.MONEY, Kind.RATE, Kind.INTEGER, Kind.LINES)
    for kind in order:
        for f in registry.get(name).fields:
            if f.kind is not kind:
                continue
            answer = render(name, {f.name: "abc"})
            if not answer["ok"] and answer["field"] == f.name:
                return f.name, "abc"
    return None


def break_form(page: Page, name: str, calc: Any) -> None:
    """Put the widget's form in error the way a reader could."""
    widget = calc.widget(name)
    before = calc.answers(page, name)
    if name == "letter_third_party":
        for box in ("family", "contacts", "employer"):
            page.locator(f'{widget} [name="{box}"]').uncheck()
    elif name == "plan":
        row = page.locator(f"{widget} [data-case-item]").first
        row.locator('[data-case-key="creditor"]').fill("网贷甲")
        row.locator('[data-case-key="balance"]').fill("abc")
        row.locator('[data-case-key="balance"]').dispatch_event("change")
    else:
        bad = bad_input(name)
        if bad is None:
            pytest.skip(f"{name}: no box of it can be wrong (choices only)")
        field, value = bad
        control = page.locator(f'{widget} [name="{field}"]')
        if control.is_hidden() and page.locator(f"{widget} .calc-advanced").count():
            page.locator(f"{widget} .calc-advanced > summary").click()
        if control.is_visible():
            control.fill(value)
            control.dispatch_event("change")
        else:  # a list drawn as rows: its text, as a reader's old link would give it
            control.evaluate(
                """(box, value) => { box.value = value;
                    box.form.dispatchEvent(new Event("change")); }""",
                value,
            )
    calc.wait_answer(page, name, before)
    assert page.get_attribute(widget, "data-invalid") is not None


@pytest.mark.parametrize("name", sorted(registry.NAMES))
def test_every_paper_button_refuses_while_the_form_has_an_error(
    page: Page, servers: Any, calc: Any, name: str
) -> None:
    pages = widget_pages()
    assert name in pages, "build the site first (make build): every calculator has a page"
    page.goto(servers.root.url + pages[name])
    calc.settle(page, name)
    widget = calc.widget(name)
    buttons = page.locator(f"{widget} :is({PAPER})")
    if buttons.count() == 0:
        pytest.skip(f"{name} offers no paper")  # every calculator has a print button
    break_form(page, name, calc)
    # The paper is still there, said to be out of date.
    stale = page.evaluate(
        """sel => getComputedStyle(document.querySelector(sel + ' .calc-result'), '::before')
            .content""",
        widget,
    )
    assert "已经过期" in stale
    page.evaluate(SPY)
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    for i in range(buttons.count()):
        button = buttons.nth(i)
        button.scroll_into_view_if_needed()
        button.click()
        refusal = page.locator(f"{widget} .calc-refusal:visible")
        assert refusal.count() == 1
        assert refusal.inner_text() == MESSAGES["paper-invalid"]
        # Next to the button: the refusal follows the button's own row.
        same_row = button.evaluate(
            """b => { const row = b.closest('.calc-letter-actions, .calc-actions');
                 return row.nextElementSibling && row.nextElementSibling.matches('.calc-refusal')
                     || row.querySelector('.calc-refusal') !== null; }"""
        )
        assert same_row
    page.wait_for_timeout(300)
    assert page.evaluate("[window.__printed, window.__copied]") == [0, 0]
    assert downloads == []


def test_the_issue_s_case_the_third_party_letter(page: Page, servers: Any, calc: Any) -> None:
    page.goto(servers.root.url + "letters/third-party/")
    name = "letter_third_party"
    calc.settle(page, name)
    break_form(page, name, calc)
    page.evaluate(SPY)
    page.click('.calc-letter-box [data-action="print"]')
    assert page.evaluate("window.__printed") == 0
    assert (
        page.locator(".calc-letter-box + .calc-refusal, .calc-letter-box .calc-refusal").count()
        == 1
    )
    # Corrected: the letter is regenerated and prints.
    before = calc.answers(page, name)
    page.locator('[name="family"]').check()
    calc.wait_answer(page, name, before)
    page.click('.calc-letter-box [data-action="print"]')
    assert page.evaluate("window.__printed") == 1
    assert page.locator(".calc-refusal:visible").count() == 0
