"""Every help text names only buttons that exist (issue 22, item 10): on every page with a widget,
in both editions, each “…” after 点, 按, 选, 勾选 and their kin is the label of a button, link,
summary, checkbox, option or legend on that page, or a sentence's button the page's script makes
from the widget's markup (data-msg-*). The plan's help once named “用这一家的数字比较方案”,
which no page had."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[2] / "site"
VERBS = "点击|点一下|点|按|选择|选|勾选|取消勾选|打开"
NAMED = re.compile(rf"(?:{VERBS})\s*[“「]([^”」]{{1,24}})[”」]")
LABELLED = {"button", "a", "summary", "label", "option", "legend"}


class Page(HTMLParser):
    """The page's text (what a reader reads) and the labels of what a reader can press."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.labels: set[str] = set()
        self._open: list[tuple[str, list[str]]] = []
        self._skip = 0
        self._divs: list[bool] = []  # open divs: whether each is the in-app line
        self._template = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "template":  # rows the script draws: their buttons count, their text is not read
            self._template += 1
        if tag == "div":
            # The in-app line (overrides/main.html) names the host app's own menu item
            # (“在浏览器打开”), not a button of the page: its text is not the page's help.
            inapp = any(name == "data-inapp" for name, _ in attrs)
            self._divs.append(inapp)
            self._skip += inapp
        for name, value in attrs:
            if self._skip:  # the in-app line's messages name the host app's menu too
                break
            if value and (name.startswith("data-msg-") or name == "aria-label"):
                self.labels.add(value.strip())
                self.text.append(value)
        if tag in LABELLED:
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "template":
            self._template -= 1
        if tag == "div" and self._divs:
            self._skip -= self._divs.pop()
        if tag in LABELLED and self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            self.labels.add("".join(parts).strip())
            if self._open:  # a label's text is also its parent's (a button inside a label)
                self._open[-1][1].extend(parts)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._template:
            self.text.append(data)
        for _, parts in self._open:
            parts.append(data)


def _widget_pages() -> list[Path]:
    """The built pages with a widget. Read when the tests are collected, also by `make quick`,
    which builds nothing: without a site, one stand-in page whose test says to build it."""
    pages = [p for p in SITE.rglob("index.html") if 'class="calc"' in p.read_text(encoding="utf-8")]
    return sorted(pages) or [SITE / "no-site-built" / "index.html"]


def named_buttons(page: Page) -> list[str]:
    return sorted({m.group(1).strip() for m in NAMED.finditer("".join(page.text))})


def exists(name: str, labels: set[str]) -> bool:
    return any(label == name or label.startswith(name) for label in labels if label)


@pytest.mark.parametrize("path", _widget_pages(), ids=lambda p: str(p.parent.relative_to(SITE)))
def test_every_button_a_help_text_names_exists(path: Path) -> None:
    assert path.exists(), "build the site first (make build)"
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    missing = [name for name in named_buttons(page) if not exists(name, page.labels)]
    assert missing == [], f"{path.relative_to(SITE)} names buttons it does not have: {missing}"


def test_the_check_finds_a_missing_button() -> None:
    page = Page()
    page.feed(
        "<p>点“用这一家的数字比较方案”，再选“其他”。</p><select><option>其他（不在我的方案里）"
        '</option></select><a href="#">比较分期和一次结清</a>'
        '<button data-msg-x="重试">下载</button>'
    )
    assert named_buttons(page) == ["其他", "用这一家的数字比较方案"]
    assert [n for n in named_buttons(page) if not exists(n, page.labels)] == [
        "用这一家的数字比较方案"
    ]
