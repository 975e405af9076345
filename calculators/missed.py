"""How many unanswered calls a line of the contact log (calculators/contacts.py) stands for.

The reader copies the phone's call list as it is, so the count is read from the content
column's own words, exactly, or the reader is asked:

- a missed-call word (`WORDS`: 未接, 未接通, 未接听, 没接, 没有接, 漏接, 无人接听 ...) counts
  once: "未接", "对方来电没接";
- with a count after it, that many: "未接 3 次", "未接来电 12 个", "未接 x3", "未接三次",
  "未接 0 次" (none); or before it: "3 次未接", "两个未接来电". "第 3 次未接" is an ordinal:
  once. Counts are digits or Chinese numerals up to 九百九十九 (零 一 二 两 三 ... 十 百);
- negated, none: "没有未接", "无未接", "不是未接", "并非漏接";
- none when no word is there: "接了，说下周再打".

Asked instead (an InputError naming the line), since a guess would flag or clear a day
wrongly: a count that cannot be read ("未接几次", "未接很多次", "未接 3" without 次), more
than `MAX_PER_LINE`, or two missed-call words in one line that are not negated (two
descriptions of one call, or two calls: only the reader knows; "未接 2 次" or two lines say
it).
"""

from __future__ import annotations

import re

MAX_PER_LINE = 999  # a line is one entry of a call list; more is a typo
_KEY = re.compile(
    "未接通|未接听|未接|没有接通|没有接听|没有接|没接通|没接听|没接|漏接|无人接听|无人接"
)
_NUM = r"([0-9]+|[零〇一二两三四五六七八九十百]+)"
_UNIT = r"(?:次|个|通|遍)"
_AFTER = re.compile(rf"\s*(?:来电|电话|的电话)?\s*(?:[xX×*]\s*{_NUM}|{_NUM}\s*{_UNIT})")
_BEFORE = re.compile(rf"(第\s*)?{_NUM}\s*{_UNIT}\s*$")
# What looks like the start of a count: then it must be readable, or the reader is asked.
_COUNTISH = re.compile(
    r"\s*(?:来电|电话|的电话)?\s*(?:[xX×*]|[0-9]|[零〇一二两三四五六七八九十百几多好]|很多)"
)
_NEGATION = re.compile(r"(?:没有|没|无|不是|并非|非|不)\s*$")
_CHINESE = re.compile(
    "(?:([一二两三四五六七八九])百)?(零)?(?:([一二三四五六七八九])?(十))?([一二两三四五六七八九])?"
)
_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))


# Every word read above, for the Traditional edition's reading back (calculators/web/hant.py).
TYPED_WORDS: tuple[str, ...] = (
    *_KEY.pattern.split("|"),
    "没有",
    "没",
    "无",
    "不是",
    "并非",
    "非",
    "不",
    "来电",
    "电话",
    "的电话",
    "次",
    "个",
    "通",
    "遍",
    "第",
    "几",
    "多",
    "好",
    "很多",
    *_DIGITS,
    "十",
    "百",
)


class Unclear(ValueError):
    """The count cannot be read exactly; `reason` completes "第 N 行的内容…"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def chinese_number(text: str) -> int | None:
    """零 to 九百九十九 in Chinese numerals, or digits; None when it is not one.

    >>> [chinese_number(t) for t in ("三", "十二", "二十", "两百零五", "12", "三三")]
    [3, 12, 20, 205, 12, None]
    """
    if text.isascii():
        return int(text) if text.isdigit() else None
    if text in _DIGITS:
        return _DIGITS[text]
    match = _CHINESE.fullmatch(text)
    if match is None:
        return None
    hundreds, zero, tens_digit, ten, ones = match.groups()
    if zero and (not hundreds or (ten and tens_digit is None)):
        return None
    value = _DIGITS[hundreds] * 100 if hundreds else 0
    if ten:
        value += 10 * (_DIGITS[tens_digit] if tens_digit else 1)
    value += _DIGITS[ones] if ones else 0
    return value


def _count(text: str) -> int:
    value = chinese_number(text)
    if value is None:
        raise Unclear(f"里的次数“{text[:8]}”看不懂，请写成“未接 3 次”。")
    if value > MAX_PER_LINE:
        raise Unclear(f"里的未接次数太大了，一行最多写 {MAX_PER_LINE} 次，请检查。")
    return value


def unanswered_calls(content: str) -> int:
    """How many unanswered calls `content` stands for (see the module docstring); `Unclear`
    when it cannot be read exactly.

    >>> [unanswered_calls(t) for t in ("未接", "未接 3 次", "没有未接", "未接 0 次", "说好下周还")]
    [1, 3, 0, 0, 0]
    """
    found: list[int] = []
    for key in _KEY.finditer(content):
        # A few characters either side are all a count or a negation can take (and keep
        # the searches short whatever the line holds).
        before, after = content[max(key.start() - 12, 0) : key.start()], content[key.end() :][:16]
        if _NEGATION.search(before):
            continue
        counted = _AFTER.match(after)
        prefix = _BEFORE.search(before)
        if counted:
            found.append(_count(counted.group(1) or counted.group(2)))
        elif _COUNTISH.match(after):
            raise Unclear("里“未接”后面的次数看不懂，请写成“未接 3 次”或“未接 x3”。")
        elif prefix and not prefix.group(1):
            found.append(_count(prefix.group(2)))
        else:
            found.append(1)
        if len(found) > 1:
            break
    if len(found) > 1:
        raise Unclear(
            "里写了不止一处未接，看不出是几次。请合在一处写次数（例如“未接 3 次”），"
            "或者一次写一行。"
        )
    return found[0] if found else 0
