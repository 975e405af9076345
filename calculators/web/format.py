"""How numbers from a result dict are written for people: yuan with thousands separators,
percentages, months and days. Text only: the figures arrive as strings such as "5307.27"
and leave as "5,307.27"; nothing is recomputed or rounded here.
"""

from __future__ import annotations

import html
import re

PLAIN = re.compile(r"^(-?)(\d+)(\.\d+)?$")  # a plain decimal string, as results hold


def group(text: str) -> str:
    """Thousands separators on a plain decimal string: "1234567.8" -> "1,234,567.8".

    Anything that is not a plain decimal (None, "", "无") comes back unchanged, so a
    surprise in a result shows up as itself instead of an exception.
    """
    match = PLAIN.match(text)
    if match is None:
        return text
    sign, whole, frac = match.group(1), match.group(2), match.group(3) or ""
    head = len(whole) % 3 or 3
    parts = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    return sign + ",".join(parts) + frac


def yuan(value: object) -> str:
    """ "5307.27" -> "5,307.27" (the unit is written next to it by the caller)."""
    return group(str(value))


def months(value: object) -> str:
    """36 -> "36 个月"; whole years also say so: 36 -> "36 个月（3 年）"."""
    text = str(value)
    if text.isdigit():
        n = int(text)
        if n >= 12 and n % 12 == 0:
            return f"{group(text)} 个月（{n // 12} 年）"
        if n > 12:
            return f"{group(text)} 个月（{n // 12} 年 {n % 12} 个月）"
    return f"{text} 个月"


def days(value: object) -> str:
    return f"{group(str(value))} 天"


def esc(value: object) -> str:
    """HTML-escape anything (quotes too: the text may land in an attribute)."""
    return html.escape(str(value), quote=True)


_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell that a spreadsheet will not run as a formula.

    Text starting with = + - @ (or a tab / carriage return) gets a leading apostrophe, which
    Excel and WPS show as plain text. Plain numbers, negative ones included, are left alone
    so that they still add up in the spreadsheet.
    """
    text = "" if value is None else str(value)
    if text.startswith(_CSV_TRIGGERS) and not PLAIN.match(text):
        return "'" + text
    return text
