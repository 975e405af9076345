"""沟通记录 (calculators/contacts.py): parsing, and the flags at their exact boundaries."""

from __future__ import annotations

import pytest

import calculators
from calculators import InputError
from calculators.web import render


def run(log: str) -> dict:
    return calculators.run("contacts", {"log": log})


def flags(log: str) -> list[list[str]]:
    return [c["flags"] for c in run(log)["contacts"]]


@pytest.mark.parametrize(
    ("time", "night"),
    [
        ("21:59", False),
        ("22:00", True),
        ("23:59", True),
        ("00:00", True),
        ("07:59", True),
        ("08:00", False),
        ("12:00", False),
    ],
)
def test_night_boundaries(time: str, night: bool) -> None:
    assert flags(f"2026-05-06 {time},对方打来,电话,工号 1,说了欠款") == [["night"] if night else []]


def test_night_counts_only_contacts_they_start() -> None:
    assert flags("2026-05-06 23:00,我打过去,电话,客服,问账单") == [[]]
    assert flags("2026-05-06 23:00,对方联系家人,电话,催收,打给母亲") == [["night", "third_party"]]
    assert flags("2026-05-06,对方打来,电话,工号 1,没写时间") == [[]]


def missed(n: int, day: str = "2026-05-06") -> str:
    return "\n".join(f"{day} 09:{i:02d},对方打来,电话,未知号码,未接" for i in range(n))


def test_the_sixth_unanswered_call_is_not_flagged_the_seventh_is() -> None:
    result = run(missed(6))
    assert result["calls"] == 0 and result["busy_days"] == [] and result["unanswered"] == 6
    result = run(missed(7))
    assert [c["flags"] for c in result["contacts"]] == [[]] * 6 + [["calls"]]
    assert result["busy_days"] == [{"date": "2026-05-06", "unanswered": 7}]


def test_calls_are_counted_per_day_in_time_order() -> None:
    # Typed out of order: the 7th by time is 09:30, whatever line it is on.
    log = "2026-05-06 09:30,对方打来,电话,x,未接\n" + missed(6) + "\n" + missed(6, "2026-05-07")
    result = run(log)
    flagged = [(c["date"], c["time"]) for c in result["contacts"] if "calls" in c["flags"]]
    assert flagged == [("2026-05-06", "09:30")]
    assert result["contacts"][0]["time"] == "09:00"


def test_counts_written_in_the_content() -> None:
    assert run("2026-05-06 10:00,对方打来,电话,x,未接 6 次")["calls"] == 0
    result = run(
        "2026-05-06 10:00,对方打来,电话,x,未接 6 次\n2026-05-06 11:00,对方打来,电话,x,漏接"
    )
    assert [c["flags"] for c in result["contacts"]] == [[], ["calls"]]
    assert run("2026-05-06 10:00,对方打来,电话,x,未接x7")["calls"] == 1
    # Only calls from them by phone count; an unanswered text or my own call does not.
    assert run("2026-05-06 10:00,对方打来,短信,x,未接 9 次")["unanswered"] == 0
    assert run("2026-05-06 10:00,我打过去,电话,x,未接 9 次")["unanswered"] == 0


def test_third_parties() -> None:
    log = "\n".join(
        f"2026-05-06 1{i}:00,{d},电话,x,y"
        for i, d in enumerate(["对方联系家人", "对方联系朋友", "对方联系单位", "对方打来"])
    )
    assert flags(log) == [["third_party"]] * 3 + [[]]


def test_columns_commas_and_formats() -> None:
    (c,) = run("2026年5月6日 9:05,对方打来,App,工号 7,说了A,还说了B，又说C,下周三回电,是")[
        "contacts"
    ]
    assert (c["date"], c["time"], c["channel"]) == ("2026-05-06", "09:05", "app")
    assert c["content"] == "说了A，还说了B，又说C"  # a comma beside Chinese reads as "，"
    assert c["next_step"] == "下周三回电" and c["recorded"] is True
    (c,) = run("2026-05-06 10:00,我打过去,电话,客服,还了1,000元,,是")["contacts"]
    assert c["content"] == "还了1,000元" and c["recorded"] is True
    (c,) = run("2026/5/6 21:30,我打过去,电话,客服")["contacts"]
    assert c["content"] == "" and c["recorded"] is None and c["direction"] == "out"


@pytest.mark.parametrize(
    ("log", "fragment"),
    [
        ("2026-05-06 10:00,对方打来,电话", "至少要写 5 项"),
        ("昨天,对方打来,电话,x", "日期时间"),
        ("2026-02-30 10:00,对方打来,电话,x", "日期不存在"),
        ("2026-05-06 24:00,对方打来,电话,x", "小时是 0 到 23"),
        ("2026-05-06 10:00,不知道,电话,x", "方向"),
        ("2026-05-06 10:00,对方打来,飞鸽,x", "渠道"),
        ("2026-05-06 10:00,对方打来,电话,x,y,z,也许", "是否录音"),
        ("", "至少写一条"),
        ("\n".join(["2026-5-6,对方打来,电话,x"] * 101), "最多记 100 条"),
    ],
)
def test_errors_name_the_line(log: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        run(log)
    assert info.value.field == "log" and fragment in info.value.message


def test_view_table_csv_and_escaping() -> None:
    hostile = "<script>alert(1)</script>"
    log = f'2026-05-06 22:30,对方打来,电话,{hostile},=HYPERLINK("http://x"),+1,否\n' + missed(
        7, "2026-05-07"
    )
    shown = render("contacts", {"log": log})
    assert shown["ok"]
    html = shown["html"]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "在 22 点到次日 8 点之间" in html and "当天未接来电超过 6 次" in html
    assert "2026-05-07 这一天，你记下了 7 个未接来电。" in html
    assert 'data-action="print" data-target="calc-contacts-table"' in html
    assert 'id="calc-contacts-table"' in html
    csv_lines = shown["csv"].split("\r\n")
    assert csv_lines[0] == "日期,时间,方向,渠道,对方姓名或工号,关于哪一笔,内容,下一步,是否录音,提示"
    assert csv_lines[1].startswith(
        "2026-05-06,22:30,对方联系我,电话,<script>alert(1)</script>,全部,"
        '"\'=HYPERLINK(""http://x"")",\'+1,否,在 22 点到次日 8 点之间'
    )
    assert shown["csv_name"] == "沟通记录.csv"


def test_default_log_shows_each_kind_of_line() -> None:
    result = run(calculators.registry.defaults("contacts")["log"])
    assert [c["flags"] for c in result["contacts"]] == [[], ["night"], ["third_party"]]


def test_the_new_form_has_a_time_of_its_own_and_the_debt_it_was_about() -> None:
    (c,) = run("2026-05-06,22:30,对方打来,电话,工号 7,招商信用卡,说了金额，要我回电,回电,是")[
        "contacts"
    ]
    assert (c["date"], c["time"], c["debt"], c["content"]) == (
        "2026-05-06",
        "22:30",
        "招商信用卡",
        "说了金额，要我回电",
    )
    assert c["flags"] == ["night"]
    (c,) = run("2026-05-06,,对方打来,电话,工号 7,全部")["contacts"]
    assert (c["time"], c["debt"]) == (None, "")
    # The older form: date and time together, no debt column; its content keeps its commas.
    (c,) = run("2026-05-06 22:30,对方打来,电话,工号 7,说了金额，要我回电,回电,是")["contacts"]
    assert (c["time"], c["debt"], c["content"]) == ("22:30", "", "说了金额，要我回电")


def test_the_printout_is_titled_with_the_name_and_the_period() -> None:
    log = "2026-05-06,09:00,对方打来,电话,x\n2026-05-09,10:00,对方打来,电话,y"
    html = render("contacts", {"log": log, "name": "张三"})["html"]
    assert "沟通记录：张三（2026-05-06 至 2026-05-09，共 2 条）" in html
    assert "<table" not in html  # rows that fit a phone


def test_the_case_s_contacts_go_to_lines_and_back_by_the_debt_s_name() -> None:
    from calculators import case
    from calculators.contacts import case_entries, case_lines

    data = case.empty()
    data["debts"] = [case.blank_debt("a1") | {"creditor": "招商信用卡", "balance": "1.00"}]
    log = (
        "2026-05-06,22:30,对方打来,电话,工号 7,招商信用卡,说了金额，要我回电,回电,是\n"
        "2026-05-07,,我打过去,短信,客服,,还了 100 元,,"
    )
    entries = case_entries(log, data)
    assert [e["debt"] for e in entries] == ["a1", "all"]
    data["contacts"] = entries
    assert case_entries(case_lines(data), data) == entries
    with pytest.raises(InputError) as info:
        case_entries("2026-05-06,,对方打来,电话,x,花呗", data)
    assert "第 1 行" in info.value.message and "没有这一笔" in info.value.message
