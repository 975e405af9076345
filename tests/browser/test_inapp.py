"""Inside WeChat (issue 24, item 1): Chromium with WeChat's user agent, downloads refused and no
service worker, as in an in-app browser. The page says once, at the top, what works here and
how to open it in the phone's browser; print buttons are hidden; every download (a letter, the
plan's 收支说明, the table, the calendar, the saved data's export) hands its text over instead:
copied to the clipboard and shown in a box under its buttons. The export's text goes back in
through "粘贴导入", which Python reads as it reads a file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

WECHAT = (
    "Mozilla/5.0 (Linux; Android 14; V2244A Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220133 "
    "MMWEBSDK/20240404 MMWEBID/5295 MicroMessenger/8.0.49.2600(0x28003137) WeChat/arm64 "
    "Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)
LINE = "[data-inapp]"
READY_TIMEOUT_MS = 90_000


@pytest.fixture
def wechat(browser: Browser, page_log: Any) -> Iterator[tuple[Page, list[Any]]]:
    """A phone-sized page with WeChat's user agent, no downloads, no service worker; the
    downloads it tried, which must stay none. Like conftest's `page`: no request to another
    host, no console error."""
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 360, "height": 780},
        user_agent=WECHAT,
        accept_downloads=False,
        service_workers="block",
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.set_default_timeout(30_000)
    page = context.new_page()
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    page.on("request", lambda request: page_log.requests.append(request.url))
    page.on("console", page_log.on_console)
    page.on("pageerror", lambda error: page_log.console_errors.append(f"pageerror: {error}"))
    yield page, downloads
    context.close()
    foreign, errors = page_log.foreign(), page_log.unexpected_errors()
    if foreign or errors:
        pytest.fail(f"requests to other hosts: {foreign}\nconsole errors: {errors}")


def clipboard(page: Page) -> str:
    return str(page.evaluate("navigator.clipboard.readText()"))


def handed_over(page: Page, button: str) -> str:
    """Press `button`; the text of the box that comes under it (its sentence said)."""
    page.click(button)
    box = page.locator(".calc-handover").first
    box.locator("p:not(:empty)").wait_for()
    return str(box.locator("textarea").input_value())


@pytest.mark.parametrize("edition", ["", "zh-Hant/"])
def test_the_line_says_what_works_here_and_print_is_hidden(
    wechat: tuple[Page, list[Any]], servers: Any, edition: str, tmp_path: Any
) -> None:
    page, _ = wechat
    page.goto(servers.root.url + edition + "letters/settlement/")
    line = page.locator(LINE)
    line.wait_for(state="visible")
    text = line.inner_text()
    assert ("浏览器" if not edition else "瀏覽器") in text
    assert page.evaluate("document.documentElement.classList.contains('calc-inapp')")
    prints = page.locator('[data-action="print"]')
    assert prints.count() > 0
    assert all(not prints.nth(i).is_visible() for i in range(prints.count()))
    # One line: it fits the phone's width and is not repeated.
    assert page.locator(f"{LINE}:visible").count() == 1
    box = line.bounding_box()
    assert box is not None and box["width"] <= 360
    page.screenshot(path=str(tmp_path / f"inapp-line{edition.strip('/')}.png"))


def test_a_phone_browser_gets_no_line(page: Page, servers: Any) -> None:
    page.goto(servers.root.url + "letters/settlement/")
    page.wait_for_load_state("load")
    assert page.locator(LINE).count() == 1
    assert not page.locator(LINE).is_visible()
    assert page.locator('[data-action="print"]').first.is_visible()


@pytest.mark.parametrize(
    ("path", "name", "button"),
    [
        ("letters/settlement/", "letter_settlement", '[data-action="download"][data-file="txt"]'),
        ("plan/", "plan", '[data-action="download"][data-file="statement"]'),
    ],
)
def test_a_letter_or_statement_is_copied_not_downloaded(
    wechat: tuple[Page, list[Any]], servers: Any, calc: Any, path: str, name: str, button: str
) -> None:
    page, downloads = wechat
    page.goto(servers.root.url + path)
    calc.settle(page, name)
    box = page.locator(f"{calc.widget(name)} {button}").locator(
        "xpath=ancestor::div[contains(@class,'calc-letter-box')]"
    )
    letter = box.locator("textarea.calc-letter")
    letter.fill(letter.input_value() + "\n我自己加的一句。")
    text = handed_over(page, f"{calc.widget(name)} {button}")
    assert text == letter.input_value()
    assert clipboard(page) == text
    assert "全文已经复制好了" in page.locator(".calc-handover p").inner_text()
    assert not downloads
    page.click(".calc-handover button")
    assert page.locator(".calc-handover").count() == 0


def test_the_calendar_is_a_list_of_dates_and_amounts(
    wechat: tuple[Page, list[Any]], servers: Any, calc: Any, tmp_path: Any
) -> None:
    page, downloads = wechat
    link = "calculators/schedule/#principal=12000&months=6&first_due=2027-01-15"
    page.goto(servers.root.url + link)
    calc.settle(page, "schedule")
    text = handed_over(page, '[data-action="download"][data-file="ics"]')
    lines = text.strip().split("\n")
    assert "BEGIN:VCALENDAR" not in text
    assert [line[:10] for line in lines[1:]] == [f"2027-0{m}-15" for m in range(1, 7)]
    assert all("还款" in line and "元" in line for line in lines[1:])
    assert clipboard(page) == text
    assert "日期和金额" in page.locator(".calc-handover p").inner_text()
    page.locator(".calc-handover").screenshot(path=str(tmp_path / "inapp-calendar.png"))
    # The table too: its text, not a file.
    page.click(".calc-handover button")
    table = handed_over(page, '.calc-actions [data-action="csv"]')
    assert table.split("\n")[0].count(",") >= 3
    assert len(table.strip().split("\n")) == 1 + 6
    assert not downloads


def test_the_export_is_a_text_to_paste_back(
    wechat: tuple[Page, list[Any]], servers: Any, calc: Any, tmp_path: Any
) -> None:
    page, downloads = wechat
    widget = calc.widget("budget")
    page.goto(servers.root.url + "calculators/budget/")
    calc.settle(page, "budget")
    page.check(f"{widget} [data-save-toggle]")
    calc.fill(page, "budget", "income", "7654.32")
    # A page's numbers go into the kept case only when the reader says so (issue 22).
    page.click('.calc-case-bar [data-case-action="save"]')
    page.click('.calc-case-bar [data-case-action="confirm"]')
    code = handed_over(page, f'{widget} [data-save-action="export"]')
    assert json.loads(code)["budget"]["income"] == "7654.32"
    assert json.loads(code)  # the same text a file would hold
    assert clipboard(page) == code
    assert "粘贴导入" in page.locator(".calc-handover p").inner_text()
    assert not downloads
    page.locator(f"{widget} .calc-save").screenshot(path=str(tmp_path / "inapp-export.png"))

    # Another visit with nothing saved: paste the code back.
    page.click(f'{widget} [data-save-action="clear"]')
    page.reload()
    calc.settle(page, "budget")
    assert page.input_value(f'{widget} [name="income"]') != "7654.32"
    page.click(f'{widget} [data-save-action="paste"]')
    page.fill(f"{widget} .calc-save-status textarea", code)
    page.click(f'{widget} [data-save-answer="paste"]')
    page.wait_for_function(
        "sel => document.querySelector(sel).value === '7654.32'",
        arg=f'{widget} [name="income"]',
        timeout=READY_TIMEOUT_MS,
    )
    assert page.is_checked(f"{widget} [data-save-toggle]")


def test_a_pasted_text_that_is_not_an_export_changes_nothing(
    wechat: tuple[Page, list[Any]], servers: Any, calc: Any
) -> None:
    page, _ = wechat
    widget = calc.widget("budget")
    page.goto(servers.root.url + "calculators/budget/")
    calc.settle(page, "budget")
    for pasted in ["你好", '{"format": "something else", "version": 1}']:
        page.click(f'{widget} [data-save-action="paste"]')
        page.fill(f"{widget} .calc-save-status textarea", pasted)
        page.click(f'{widget} [data-save-answer="paste"]')
        page.wait_for_function(
            """sel => !document.querySelector(sel + ' textarea')
                && document.querySelector(sel).textContent""",
            arg=f"{widget} .calc-save-status",
            timeout=READY_TIMEOUT_MS,
        )
        assert "没有改动" in page.inner_text(f"{widget} .calc-save-status")
        assert page.evaluate("localStorage.length") == 0
