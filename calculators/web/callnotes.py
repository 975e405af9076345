"""通话时随手记 (issue 27, item 4): the call card page's notes during a call, as plain markup
(the build writes it where a page says ``<!-- calltree:notes -->``, hooks/shortcodes.py).

One tap on 工号, 金额, 日期, 承诺 or 随手记 adds a line stamped with the device's time (HH:MM)
and puts the cursor in it; each line can be edited or removed. One more tap carries them into
通话以后 (docs/calculators/aftercall.md) in its link's fragment, which a browser never sends:
the 工号 lines into 对方姓名或工号 (``agent``), the others into 对方还答应了什么 (``note``), the
first line's time into 通话时间 and the device's date into 通话日期; the terms (分几期, 每期还)
arrive blank, so that page's example figures are never taken for what was agreed. The link
is there with no notes too (the date and the creditor). The lines live in the
page only: nothing is stored, saving or not (the case has no place for loose notes).

docs/assets/calc/callnotes.js does the taps; every word it shows is here (the buttons, the
row's template, the link), so the Traditional edition converts it with the page.
"""

from __future__ import annotations

from calculators import calltree
from calculators.web.format import esc
from calculators.web.views.calltree import threat_links

# kind -> (the button, the word a line starts with; "" for a free note)
KINDS: tuple[tuple[str, str, str], ...] = (
    ("agent", "工号", "工号"),
    ("amount", "金额", "金额"),
    ("date", "日期", "日期"),
    ("promise", "承诺", "承诺"),
    ("free", "随手记", ""),
)
AFTERCALL = "../aftercall/"  # from the call card's page, in both editions


def notes_html() -> str:
    buttons = "".join(
        f'<button type="button" class="calc-action" data-note="{esc(kind)}" '
        f'data-word="{esc(word)}">{esc(label)}</button>'
        for kind, label, word in KINDS
    )
    row = (
        '<template class="calc-callnotes-row"><li class="calc-callnote">'
        '<span class="calc-callnote-time"></span> '
        '<input type="text" class="calc-callnote-text" maxlength="60" autocomplete="off">'
        '<button type="button" class="calc-action calc-callnote-remove" '
        'data-label="删掉这一条">删掉</button></li></template>'
    )
    return (
        f'<section class="calc-callnotes" data-aftercall="{AFTERCALL}" '
        'data-and="、" data-colon="：" data-next="；" '
        'aria-labelledby="calc-callnotes-title">'
        '<p class="calc-call-label" id="calc-callnotes-title">通话时点一下，记下现在的时间</p>'
        f'<div class="calc-callnotes-buttons" role="group" aria-labelledby="calc-callnotes-title">'
        f"{buttons}</div>{threat_links(calltree.load())}"
        '<ol class="calc-callnotes-list" aria-label="这次通话的笔记"></ol>'
        '<p class="calc-callnotes-empty calc-note">还没有记。对方报了工号、说了金额或日期、'
        "答应了什么，点上面对应的按钮，再把内容补上。</p>"
        '<p class="calc-callnotes-said" role="status"></p>'
        f'<p class="calc-callnotes-go"><a class="calc-action calc-callnotes-carry" '
        f'href="{AFTERCALL}">'
        "挂断了：去“通话以后”记下这次通话</a></p>"
        '<p class="calc-fine">笔记只在这个页面上：不联网，不上传，也不保存，'
        "刷新或关掉页面就没有了。挂断以后点上面的按钮：今天的日期、机构名称和这些笔记"
        "会带到“通话以后”，写进沟通记录的一行；谈妥的期数和金额，在那一页照实填上。</p>"
        f"{row}</section>"
    )
