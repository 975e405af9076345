"""Calendar files (calculators/ics.py and the views that offer them), read back with the
`icalendar` library: every event's date, summary, alarm and UID, folding and escaping."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import InputError, ics
from calculators.web import render
from calculators.web.format import yuan
from calculators.web.icsfile import Payment, calendar_part

STAMP = dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC)


def parse(text: str) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(text)
    assert cal["VERSION"] == "2.0" and cal["PRODID"] == ics.PRODID
    assert cal["X-WR-TIMEZONE"] == "Asia/Shanghai"
    return list(cal.walk("VEVENT"))


def check_lines(text: str) -> None:
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)


def test_due_dates_keep_the_day_or_take_the_last_one() -> None:
    days = ics.due_dates(dt.date(2026, 1, 31), 5)
    assert [d.isoformat() for d in days] == [
        "2026-01-31",
        "2026-02-28",
        "2026-03-31",
        "2026-04-30",
        "2026-05-31",
    ]
    assert ics.add_months(dt.date(2023, 12, 29), 2) == dt.date(2024, 2, 29)  # leap year
    assert ics.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_escape_and_fold() -> None:
    assert ics.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    long = "SUMMARY:" + "还款" * 40  # 3 octets a character
    folded = ics.fold(long)
    pieces = folded.split("\r\n")
    assert len(pieces) > 1 and all(len(p.encode()) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0], *(p[1:] for p in pieces[1:])]) == long  # no character split


def test_a_hand_made_calendar_reads_back() -> None:
    creditor = "网贷甲; 分期, 第\\二笔" + "很长的名字" * 10
    payments = [
        Payment(creditor, "allocate:2026-01-31", k, 3, day, amount, balance)
        for k, (day, amount, balance) in enumerate(
            [
                ("2026-01-31", "1000.00", "2000.00"),
                ("2026-02-28", "1000.00", "1000.00"),
                ("2026-03-31", "1000.00", "0.00"),
            ],
            start=1,
        )
    ]
    html, files = calendar_part(payments, "测试", "测试.ics", STAMP)
    assert 'data-file="ics"' in html and "加到日历" in html
    (file,) = files
    assert file.key == "ics" and file.mime == "text/calendar;charset=utf-8"
    check_lines(file.text)
    events = parse(file.text)
    assert [e.decoded("DTSTART") for e in events] == [
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
    ]
    first = events[0]
    assert str(first["SUMMARY"]) == f"还款 1,000.00 元：{creditor}"  # escaping undone exactly
    assert "还剩 2,000.00 元" in str(first["DESCRIPTION"])
    assert first.decoded("DTSTAMP") == STAMP
    (alarm,) = first.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == dt.timedelta(days=-1)
    assert len({str(e["UID"]) for e in events}) == 3


def schedule_ics(**inputs: str) -> str:
    shown = render("schedule", inputs)
    assert shown["ok"], shown
    return str(shown["files"]["ics"]["text"])


def test_schedule_events_match_the_rows() -> None:
    inputs = {"principal": "12000", "annual_rate": "0", "months": "12", "first_due": "2026-01-31"}
    result = calculators.run("schedule", inputs)
    text = schedule_ics(**inputs)
    check_lines(text)
    events = parse(text)
    assert len(events) == 12
    for event, row, day in zip(events, result["rows"], result["due_dates"], strict=True):
        assert event.decoded("DTSTART") == dt.date.fromisoformat(day)
        assert str(event["SUMMARY"]) == "还款 1,000.00 元：贷款"
        assert f"第 {row['period']}/12 期" in str(event["DESCRIPTION"])
        assert str(event["DESCRIPTION"]).endswith(f"还剩 {yuan(row['balance'])} 元。")
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == dt.timedelta(days=-1)
    assert events[1].decoded("DTSTART") == dt.date(2026, 2, 28)


def test_uids_are_stable_when_the_rate_changes() -> None:
    base = {"principal": "12000", "annual_rate": "0", "months": "12", "first_due": "2026-03-15"}
    first = [str(e["UID"]) for e in parse(schedule_ics(**base))]
    again = [str(e["UID"]) for e in parse(schedule_ics(**base))]
    changed = [str(e["UID"]) for e in parse(schedule_ics(**{**base, "annual_rate": "6"}))]
    assert first == again == changed
    moved = [str(e["UID"]) for e in parse(schedule_ics(**{**base, "first_due": "2026-04-15"}))]
    assert not set(moved) & set(first)
    other = [str(e["UID"]) for e in parse(schedule_ics(**{**base, "principal": "15000"}))]
    assert not set(other) & set(first)  # another loan (issue 20, item 3)


def test_bullet_loans_have_one_event() -> None:
    events = parse(
        schedule_ics(principal="10000", method="bullet", months="6", first_due="2026-01-10")
    )
    assert len(events) == 1 and events[0].decoded("DTSTART") == dt.date(2026, 6, 10)


def test_negotiate_events_are_the_instalments() -> None:
    shown = render("negotiate", {"months": "3", "first_due": "2026-01-31"})
    events = parse(shown["files"]["ics"]["text"])
    assert [str(e["SUMMARY"]) for e in events] == [
        "还款 10,666.67 元：协商分期",
        "还款 10,666.67 元：协商分期",
        "还款 10,666.66 元：协商分期",
    ]
    assert [e.decoded("DTSTART").isoformat() for e in events] == [
        "2026-01-31",
        "2026-02-28",
        "2026-03-31",
    ]
    assert "还剩 0.00 元" in str(events[-1]["DESCRIPTION"])


@pytest.mark.parametrize("name", ["schedule", "negotiate"])
def test_without_a_first_due_date_there_is_no_file(name: str) -> None:
    shown = render(name, {})
    assert "files" not in shown
    assert 'data-file="ics"' not in shown["html"]
    assert "填上第一次还款日" in shown["html"]


@pytest.mark.parametrize("day", ["1969-12-31", "2199-01-01", "9999-12-31"])
def test_dates_out_of_range_are_refused(day: str) -> None:
    with pytest.raises(InputError) as info:
        calculators.run("schedule", {"months": "24", "first_due": day})
    assert info.value.field == "first_due"


def test_allocate_one_event_per_creditor_per_month_until_cleared() -> None:
    inputs = {
        "debts": "甲,其他,300,0,,\n乙,其他,300,0,,\n丙,其他,600,0,,",
        "available": "240",
        "first_due": "2026-01-31",
    }
    result = calculators.run("allocate", inputs)
    # Shares 60, 60, 120: each debt is cleared in 5 months.
    assert [s["share"] for s in result["shares"]] == ["60.00", "60.00", "120.00"]
    shown = render("allocate", inputs)
    events = parse(shown["files"]["ics"]["text"])
    assert len(events) == 15
    assert len({str(e["UID"]) for e in events}) == 15
    assert {e.decoded("DTSTART") for e in events} == {
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
        dt.date(2026, 4, 30),
        dt.date(2026, 5, 31),
    }
    last = [e for e in events if e.decoded("DTSTART") == dt.date(2026, 5, 31)]
    assert all(str(e["DESCRIPTION"]).endswith("还剩 0.00 元。") for e in last)
    assert sorted(str(e["SUMMARY"]) for e in last) == [
        "还款 120.00 元：丙",
        "还款 60.00 元：乙",
        "还款 60.00 元：甲",
    ]


def test_allocate_events_are_capped() -> None:
    result = calculators.run(
        "allocate", {"debts": "甲,其他,100000,36,,", "available": "100", "first_due": "2026-01-01"}
    )
    assert len(result["payments"]) == 36  # never cleared: the first 36 months only
    assert result["payments"][-1]["date"] == "2028-12-01"
    assert calculators.run("allocate", {})["payments"] == []


def _fold_by_characters(line: str) -> str:
    """The folding as first written, a character at a time: the oracle for `ics.fold`."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > ics.LINE_OCTETS:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


@given(st.text(alphabet=st.sampled_from(["A", "é", "还", "款", "𠀀", ",", " "]), max_size=400))
def test_fold_cuts_where_the_character_loop_did(line: str) -> None:
    assert ics.fold(line) == _fold_by_characters(line)
