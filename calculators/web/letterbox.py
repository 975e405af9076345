"""The letter box every letter of the letter library (文书模板) is shown in, and the pieces
of text the letters share.

A letter's view (`calculators/web/views/letter_*.py`) builds its text with one function,
``letter(result) -> str``, from the result alone; `letter_view` puts that text in an
editable `<textarea>` with copy and print buttons (``data-target`` = the textarea's id) and a
download button (``data-file="txt"``) for the same text as a UTF-8 .txt file, followed by
the plain sentence that it is a template, not legal advice, and that nothing leaves the
device. What the reader left blank is printed as a 【】 placeholder (`fill`), so the letter
is never silently missing a part.

Everything typed is escaped on its way into the HTML (`esc`); the .txt file carries the
text as it is (a text file runs nothing).
"""

from __future__ import annotations

import re

from calculators.letters import Person
from calculators.web.blocks import File, View, para
from calculators.web.format import esc, yuan

MIME = "text/plain;charset=utf-8"

NOTICE = (
    "这是一份模板，不是法律意见：请按你的真实情况修改，寄出前再读一遍。"
    "信是在你的浏览器里生成的，填写的内容不会上传，也不会离开这台设备；"
    "关掉或刷新页面后，信里的修改就没有了，需要的话请先复制、下载或打印。"
)


def fill(value: str | None, placeholder: str) -> str:
    """The typed value, or 【placeholder】 when it was left blank."""
    return value if value else f"【{placeholder}】"


def date_text(value: str | None, placeholder: str = "日期") -> str:
    """ "2026-11-29" -> "2026 年 11 月 29 日"; blank -> 【日期】."""
    if not value:
        return f"【{placeholder}】"
    year, month, day = (int(part) for part in value.split("-"))
    return f"{year} 年 {month} 月 {day} 日"


def money_text(value: str | None, placeholder: str = "金额") -> str:
    """ "12000.00" -> "12,000.00 元"; blank -> 【金额】元."""
    return f"{yuan(value)} 元" if value else f"【{placeholder}】元"


def greeting(p: Person, placeholder: str = "机构名称") -> str:
    return f"{fill(p['institution'], placeholder)}："


def identity(p: Person, account_word: str = "卡号或合同号") -> str:
    """The sentence that says who writes: name, ID tail and which account."""
    return (
        f"我是{fill(p['name'], '姓名')}，身份证号后四位 {fill(p['id_tail'], '××××')}，"
        f"{account_word}尾号 {fill(p['account'], '尾号')}。"
    )


def closing(p: Person, role: str = "申请人") -> list[str]:
    """此致 敬礼 and the signature block."""
    return [
        "",
        "此致",
        "敬礼！",
        "",
        f"{role}：{fill(p['name'], '姓名')}",
        f"联系电话：{fill(p['phone'], '电话')}",
        f"日期：{date_text(p['letter_date'])}",
    ]


# A space between Chinese and a number reads well ("36 期"), but not next to a 【】 placeholder
# or full-width punctuation ("后四位【××××】，").
_PUNCT = "【】，。；：、（）！？"
_LOOSE = re.compile(rf"(?<=[^\x00-\x7f]) +(?=[{_PUNCT}])|(?<=[{_PUNCT}]) +")


_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_TIGHT = re.compile(rf"(?<=[{_HAN}])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[{_HAN}])")


def finish(lines: list[str]) -> str:
    """The letter's lines as one text: a space between Chinese and Latin letters or digits,
    none next to placeholders and full-width punctuation."""
    return "\n".join(_LOOSE.sub("", _TIGHT.sub(" ", line)) for line in lines)


def numbered(items: list[str]) -> list[str]:
    return [f"{i}. {item}" for i, item in enumerate(items, start=1)]


def _button(action: str, attributes: str, label: str) -> str:
    return (
        f'<button type="button" class="calc-action" data-action="{action}" {attributes}>'
        f"{label}</button>"
    )


def letter_box(
    letter_id: str,
    title: str,
    text: str,
    *,
    label: str = "",
    rows: int = 0,
    file_key: str = "txt",
    notice: str = NOTICE,
) -> str:
    """The editable letter with its copy, print and download buttons and the notice.

    Other texts to send (the plan's 收支说明) use the same box: `label` replaces the letter's
    "TITLE（草稿，可以直接修改）", `rows` the height from the text, `file_key` the View file the
    download button saves, and an empty `notice` leaves the notice out.
    """
    rows = rows or min(max(12, text.count("\n") + 2), 40)
    target = f'data-target="{esc(letter_id)}"'
    return (
        '<div class="calc-letter-box">'
        f'<label class="calc-letter-label" for="{esc(letter_id)}">'
        f"{esc(label or f'{title}（草稿，可以直接修改）')}</label>"
        f'<textarea id="{esc(letter_id)}" class="calc-letter" rows="{rows}" spellcheck="false">'
        f"{esc(text)}</textarea>"
        '<div class="calc-letter-actions">'
        + _button("copy", target, "复制")
        + _button("print", target, "打印")
        + _button("download", f'data-file="{esc(file_key)}"', "下载（.txt）")
        + "</div>"
        + (para(notice, "calc-fine") if notice else "")
        + "</div>"
    )


def old_debt_note(last_activity: str | None) -> str:
    """Why to call 12348 before a letter that agrees to discuss paying an old debt."""
    return (
        f"先别寄：你填的最后一次还款或被催收是 {date_text(last_activity)}，到现在已经 3 年以上。"
        "这封信里说了你愿意商量还款。按《民法典》第一百九十五条，同意还款会让诉讼时效从头算起；"
        "按第一百九十二条，时效已经过了的，书面同意还款以后，就不能再以时效已过为理由拒绝。"
        "寄出之前，先打 12348（公共法律服务热线）问清楚这笔债的时效过没过、这封信要不要寄。"
        "只想先弄清欠多少，可以改用“要求提供欠款明细和计算依据”，它不承认金额，也不答应还款。"
    )


_BLANK = re.compile(r"【[^】\n]{1,60}】")


def blanks(text: str) -> list[str]:
    """The 【】 placeholders left in a letter, each once, in order."""
    return list(dict.fromkeys(_BLANK.findall(text)))


def blanks_note(text: str) -> str:
    """The sentence that points out what the letter still leaves blank ("" when nothing)."""
    found = blanks(text)
    if not found:
        return ""
    return para(
        f"信里还空着 {len(found)} 处：{'、'.join(found)}。打印以前在上面填上，"
        "或者打印以后用笔写上。",
        "calc-note calc-blanks",
    )


def letter_view(
    letter_id: str,
    title: str,
    text: str,
    file_name: str,
    notes: list[str] | None = None,
    warning: str = "",
) -> View:
    """A letter's whole result: a warning to read before anything else (an old debt), notes
    about what was filled in, what is still blank, then the letter box."""
    html = (
        (para(warning, "calc-note calc-warning") if warning else "")
        + "".join(para(n) for n in notes or [])
        + blanks_note(text)
        + letter_box(letter_id, title, text)
    )
    first = text.split("\n", 1)[0]
    summary = f"{first}：草稿已按填写的内容生成，可以修改、复制、打印或下载。"
    return View(html, summary, files=(File("txt", file_name, MIME, text + "\n"),))
