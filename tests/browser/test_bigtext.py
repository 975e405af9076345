"""大字 (issue 24, item 7): one button makes the page's text a quarter larger, pressed state
told to screen readers, on a 360 px phone without sideways scrolling, in both editions and on
a calculator page; pressed again, the text is as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

BUTTON = "[data-bigtext]"
BODY_SIZE = "parseFloat(getComputedStyle(document.querySelector('.md-content p')).fontSize)"
WIDE = "document.scrollingElement.scrollWidth"


@pytest.mark.parametrize("path", ["guide/sued/", "zh-Hant/guide/sued/", "calculators/budget/"])
def test_big_text_at_360_px(page: Page, servers: Any, path: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(servers.root.url + path)
    button = page.locator(BUTTON)
    button.wait_for(state="visible")
    assert button.get_attribute("aria-pressed") == "false"
    before = page.evaluate(BODY_SIZE)
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    bigger = page.evaluate(BODY_SIZE)
    assert bigger >= before * 1.2, (before, bigger)
    lines = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-content p')).lineHeight)"
    )
    assert lines >= 1.3 * bigger
    assert page.evaluate(WIDE) <= 360
    page.screenshot(path=str(tmp_path / f"bigtext-{path.replace('/', '-')}.png"))
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert page.evaluate(BODY_SIZE) == before
