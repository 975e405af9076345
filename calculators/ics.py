"""Calendar files (iCalendar, RFC 5545) for payment reminders: one all-day event per payment.

What is in the file:

- ``VCALENDAR`` with ``VERSION:2.0``, ``PRODID``, ``CALSCALE:GREGORIAN``, the calendar's name
  (``X-WR-CALNAME``) and ``X-WR-TIMEZONE:Asia/Shanghai``;
- one ``VEVENT`` per payment: ``DTSTART;VALUE=DATE`` (and ``DTEND`` the next day), a
  ``SUMMARY`` and ``DESCRIPTION`` written by the caller (the view: the amount, the creditor,
  the balance left), ``DTSTAMP`` (UTC), ``TRANSP:TRANSPARENT`` and a stable ``UID``;
- in each event a ``VALARM`` with ``ACTION:DISPLAY`` and ``TRIGGER:-P1D``: a reminder the day
  before; an event may ask for others (`Event.before`: days before, e.g. ``(3, 1)`` for a
  reminder three days before and another the day before), one ``VALARM`` each.

Time zone: a due date is a calendar day, not an instant, so the events are all-day dates
(``VALUE=DATE``), which RFC 5545 defines without a time zone: the payment shows on the same
day in any calendar, wherever the phone is set. A ``VTIMEZONE`` block would only matter for
events at a time of day; ``X-WR-TIMEZONE`` (read by the common calendar programs) names
Asia/Shanghai as the calendar's zone for anything the program adds at a time of day.

UIDs: ``uid(*parts)`` is a SHA-256 of the parts: the creditor, what identifies the debt,
and the period. A debt is identified by what it is, never by what is paid on it: the
schedule's loan by its principal, first due date and number of months; the negotiated
instalments by the remaining principal, first due date and months; each creditor of a split
by its name, balance and first due date (the views: `calculators.web.icsfile.Payment.loan`).
So two loans that start on the same day (two calendars imported one after the other) never
share a UID and never overwrite each other's reminders, while exporting the same debt again
after changing its rate, fees or monthly amount gives the same UIDs, and a calendar program
updates those events instead of adding duplicates. A changed principal, first due date or
term is another debt: its reminders are new ones.

Dates: ``due_dates(first, n)`` keeps the first due date's day of the month; a month without
that day uses its last day, and the next month goes back to the day (2026-01-31 ->
2026-02-28, 2026-03-31, 2026-04-30).

Text: TEXT values escape backslash, semicolon, comma and line breaks; lines are folded at
75 octets of UTF-8 (never inside a character), continuation lines starting with a space;
every line ends with CRLF.

>>> [d.isoformat() for d in due_dates(_dt.date(2026, 1, 31), 3)]
['2026-01-31', '2026-02-28', '2026-03-31']
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from calculators.errors import InputError
from calculators.fields import Field, Kind

PRODID = "-//yuqi-xieshang//calculators//ZH"
TIMEZONE = "Asia/Shanghai"
DOMAIN = "yuqi-xieshang"
LINE_OCTETS = 75  # RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets
MAX_EVENTS = 2000


# The optional input that turns a schedule into calendar events (schedule, negotiate,
# allocate): declared once, here.
FIRST_DUE = Field(
    "first_due",
    "第一次还款日",
    Kind.DATE,
    "",
    required=False,
    advanced=True,
    help="填了就能下载日历文件（.ics），每期还款的前一天提醒；以后每月同一天还。",
)
EARLIEST, LATEST = 1970, 2199  # years a due date may fall in


def checked_due_dates(first_due: _dt.date | None, count: int, listed: bool = True) -> list[str]:
    """`due_dates` as ISO strings for a result, [] without a first due date; InputError on
    `first_due` when the dates would leave the years a calendar can sensibly hold.
    `listed=False`: the check alone, and [] (a result's key figures do not read the dates)."""
    if first_due is None:
        return []
    # The year of the last date, add_months(first_due, count - 1): a one-month plan's only
    # date is the first one (2199-12-01 is in range).
    last = first_due.year + (first_due.month - 1 + max(count, 1) - 1) // 12
    if first_due.year < EARLIEST or last > LATEST:
        raise InputError(
            "first_due", f"第一次还款日请填 {EARLIEST} 年到 {LATEST} 年之间、还款期内的日期。"
        )
    return [day.isoformat() for day in due_dates(first_due, count)] if listed else []


@dataclass(frozen=True)
class Event:
    """One payment: an all-day event on `day` with a reminder the day before (or `before`
    days before, one reminder each, all with the text `alarm`)."""

    uid: str
    day: _dt.date
    summary: str
    description: str
    alarm: str  # the reminder's text
    before: tuple[int, ...] = (1,)


def add_months(start: _dt.date, months: int) -> _dt.date:
    """`start` moved by `months`, on the same day of the month or the month's last day.

    >>> add_months(_dt.date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return _dt.date(year, month + 1, min(start.day, last))


def due_dates(first: _dt.date, count: int) -> list[_dt.date]:
    """`count` monthly due dates from `first`, each on `first`'s day of the month (or the
    month's last day when it is shorter), never drifting after a short month."""
    return [add_months(first, k) for k in range(count)]


def uid(*parts: str) -> str:
    """A stable UID from what identifies a payment (creditor, loan, period)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{DOMAIN}"


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): \\ ; , escaped and line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into pieces of at most 75 octets joined by CRLF + space.

    >>> fold("A" * 80) == "A" * 75 + "\\r\\n " + "A" * 5
    True
    """
    if len(line) * 4 <= LINE_OCTETS:
        return line  # short whatever the characters (a 360-month calendar has 5,000 lines)
    data = line.encode("utf-8")
    pieces: list[str] = []
    start, room = 0, LINE_OCTETS
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # never inside a character
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, room = end, LINE_OCTETS - 1  # the continuation's leading space counts
    pieces.append(data[start:].decode("utf-8"))
    return "\r\n ".join(pieces)


def _stamp(moment: _dt.datetime) -> str:
    return moment.astimezone(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: Sequence[Event], name: str, stamp: _dt.datetime) -> str:
    """The whole .ics text; `stamp` (aware) is DTSTAMP, the moment the file is made."""
    if len(events) > MAX_EVENTS:
        raise ValueError(f"{len(events)} events: at most {MAX_EVENTS}")
    when = _stamp(stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TIMEZONE}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{when}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + _dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(event.summary)}",
            f"DESCRIPTION:{escape(event.description)}",
            "TRANSP:TRANSPARENT",
        ]
        for days in event.before:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"TRIGGER:-P{days}D",
                f"DESCRIPTION:{escape(event.alarm)}",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
