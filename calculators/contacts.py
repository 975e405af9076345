"""沟通记录 (contact log): every call, message and visit, which debt it was about, and the ones
that fall outside the banking association's collection guideline.

One contact a line, nine columns separated by commas (what the page's rows write)::

    日期,时间,方向,渠道,对方姓名或工号,关于哪一笔,内容,下一步,是否录音

- 日期: ``2026-05-06`` (also ``2026/5/6``, ``2026年5月6日``); 时间: ``21:59`` (24-hour; also
  ``21点30分``), or blank, when the hour is not checked;
- 方向: who contacted whom (`DIRECTIONS`): 对方联系我 (对方打来), 我联系对方 (我打过去), or
  对方联系我的家人 / 朋友 / 单位 (a third party);
- 渠道: 电话, 短信, App, 上门, 信件 or 其他 (`CHANNELS`);
- 关于哪一笔: the name of a debt in the reader's plan, or blank (or 全部) for all of them;
- 是否录音: 是 / 否, or blank.

The older form of seven columns, ``日期时间,方向,渠道,对方姓名或工号,内容,下一步,是否录音``,
is still read (its second column is a direction, never a time or blank). The first five
columns are needed in the new form (four in the old); the rest may be left out. The content
may itself hold commas (a full-width ，becomes "," when the text is normalised, and is shown
as "，" again next to Chinese): with more columns than the form has, everything between the
columns before it and the last two is the content.

Unanswered calls are read from the content column of a call from them (方向 对方联系我, 渠道
电话), by `calculators.missed`: "未接" is one, "未接 3 次" / "未接三次" / "3 次未接" that many,
"未接 0 次" and "没有未接" none; a count it cannot read exactly is asked for, naming the line.
So a reader copies the phone's missed-call list as it is, one line per entry, without a
column they must remember to fill for every answered call.

Flags (codes; the view words them, never as a verdict), from 中国银行业协会《金融机构个人消费类
贷款催收工作指引（试行）》 (2026-01-30, self-regulation):

- ``night``: a contact they started (to the reader or a third party) at 22:00 or later, or
  before 08:00: 21:59 and 08:00 are not flagged, 22:00 and 07:59 are;
- ``calls``: more than 6 unanswered calls to the reader's number in one calendar day: the
  line that holds the 7th and every later one that day (in time order) is flagged; the
  day is listed in ``busy_days``;
- ``third_party``: they contacted family, friends or the employer.

The contacts come back in time order (a line without a time after the timed ones of its day).
In the reader's case (calculators/case.py) each contact names its debt by id; `case_lines`
and `case_entries` turn the case's contacts into these lines and back, a debt by its name.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any, TypedDict

from calculators import missed
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.letters import SHORT, cjk_punctuation, one_line

TITLE = "沟通记录"
MAX_CONTACTS = 100  # and the box holds at most MAX_LINES_TEXT characters
CALLS_PER_DAY = 6  # the guideline: no more than 6 unanswered calls to one number a day
NIGHT_FROM, NIGHT_UNTIL = 22, 8  # hours: 22:00 up to 07:59 is night

DIRECTIONS: tuple[tuple[str, str], ...] = (
    ("in", "对方联系我"),
    ("out", "我联系对方"),
    ("family", "对方联系我的家人"),
    ("friends", "对方联系我的朋友"),
    ("employer", "对方联系我的单位"),
)
THIRD_PARTY = ("family", "friends", "employer")
_DIRECTION_WORDS = {
    **{label: code for code, label in DIRECTIONS},
    **{code: code for code, _ in DIRECTIONS},
    "对方打来": "in",
    "对方来电": "in",
    "来电": "in",
    "对方发来": "in",
    "我打过去": "out",
    "我打给对方": "out",
    "去电": "out",
    "联系家人": "family",
    "对方联系家人": "family",
    "联系朋友": "friends",
    "对方联系朋友": "friends",
    "联系通讯录": "friends",
    "联系单位": "employer",
    "对方联系单位": "employer",
}
CHANNELS: tuple[tuple[str, str], ...] = (
    ("phone", "电话"),
    ("sms", "短信"),
    ("app", "App"),
    ("visit", "上门"),
    ("letter", "信件"),
    ("other", "其他"),
)
_CHANNEL_WORDS = {
    **{label.lower(): code for code, label in CHANNELS},
    **{code: code for code, _ in CHANNELS},
    "来电": "phone",
    "应用": "app",
    "信": "letter",
}
_YES = {"是", "有", "录了", "已录音", "yes", "y", "1"}
_NO = {"否", "无", "没有", "没录", "未录音", "no", "n", "0"}
# The words read in the log's free text (see calculators/registry.py): the Traditional
# edition gives them back in these forms (對方打來 -> 对方打来) before the log is parsed.
TYPED_WORDS: tuple[str, ...] = (
    *_DIRECTION_WORDS,
    *_CHANNEL_WORDS,
    *_YES,
    *_NO,
    "点",
    "时",
    "分",
    *missed.TYPED_WORDS,
)

# A 24-hour time, whole: 21:30, 21:30:15, 21点, 21点30分, 21时30分 (the seconds are checked,
# then dropped: the flags go by the minute).
_WHEN = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:\s*T?\s*(?:(\d{1,2}):(\d{2})(?::(\d{2}))?|(\d{1,2})[点时](?:(\d{1,2})分?)?))?$"
)

EXAMPLE = (
    "2026-05-06,09:15,对方打来,电话,工号 0815,招商信用卡,说了逾期金额，要我三天内回电,"
    "三天内回电,是\n"
    "2026-05-06,22:30,对方打来,电话,未显示姓名,网贷甲,未接,,否\n"
    "2026-05-07,14:00,对方联系家人,电话,催收人员,网贷甲,打给我母亲，说了欠款金额,"
    "写信要求停止联系第三人,否"
)
ALL_DEBTS = ("", "全部", "所有")  # 关于哪一笔: every debt
MAX_DEBT_NAME = 20
_TIME_CELL = re.compile(
    r"^(\d{1,2}\s*[:：]\s*\d{2}(\s*[:：]\s*\d{2})?|\d{1,2}\s*[点时](\s*\d{1,2}\s*分?)?)$"
)

FIELDS: tuple[Field, ...] = (
    Field(
        "log",
        "沟通记录",
        Kind.LINES,
        EXAMPLE,
        help="一行一次联系：日期,时间,方向,渠道,对方姓名或工号,关于哪一笔,内容,下一步,是否录音。"
        "方向写“对方打来”“我打过去”或“对方联系家人/朋友/单位”；渠道写电话、短信、App、"
        "上门、信件或其他；关于哪一笔写欠款的名称，空着就是全部。没接的电话，内容写“未接”，"
        "几次一起记就写“未接 3 次”。最多 100 行。",
        saved_as="contacts",
    ),
    Field(
        "name",
        "你的姓名",
        Kind.LINES,
        "",
        required=False,
        advanced=True,
        help="打印出来的记录表标题上写你的名字；不填就不写。",
        saved_as="person.name",
    ),
)


class Contact(TypedDict):
    line: int  # the line number as typed
    date: str  # ISO
    time: str | None  # "HH:MM"
    direction: str  # a code of DIRECTIONS
    channel: str  # a code of CHANNELS
    who: str
    content: str
    next_step: str
    recorded: bool | None
    debt: str  # the debt's name as typed; "" for all
    unanswered: int  # unanswered calls this line stands for
    flags: list[str]  # "night", "calls", "third_party"


class Day(TypedDict):
    date: str
    unanswered: int


class Result(TypedDict):
    name: str | None  # the reader's, for the printout's title
    contacts: list[Contact]
    night: int  # lines flagged
    calls: int
    third_party: int
    busy_days: list[Day]  # days with more than CALLS_PER_DAY unanswered calls
    unanswered: int  # all unanswered calls


def _error(line: int, message: str) -> InputError:
    return InputError("log", f"第 {line} 行{message}")


def _when(line: int, text: str) -> tuple[_dt.date, tuple[int, int] | None]:
    # Short cells only: the pattern's optional spaces would backtrack over a long run.
    match = _WHEN.match(text.strip()) if len(text.strip()) <= 40 else None
    if match is None:
        raise _error(
            line, f"的日期时间“{text.strip()[:20]}”看不懂，请写成 2026-05-06 21:30（24 小时制）。"
        )
    year, month, day, hour, minute, second, spoken_hour, spoken_minute = match.groups()
    try:
        date = _dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _error(line, "的日期不存在，请检查月份和日子。") from None
    if hour is None and spoken_hour is None:
        return date, None
    h = int(hour if hour is not None else spoken_hour)
    m = int(minute if minute is not None else spoken_minute or 0)
    if h > 23 or m > 59 or int(second or 0) > 59:
        raise _error(line, "的时间不对：小时是 0 到 23，分钟和秒是 0 到 59。")
    return date, (h, m)


def _pick(line: int, what: str, words: dict[str, str], text: str, allowed: str) -> str:
    key = re.sub(r"\s+", "", text).lower()
    if key not in words:
        raise _error(line, f"的{what}“{text.strip()[:12]}”看不懂，请写{allowed}。")
    return words[key]


def _text(line: int, what: str, text: str, limit: int) -> str:
    out = cjk_punctuation(re.sub(r"\s+", " ", text).strip())
    if len(out) > limit:
        raise _error(line, f"的{what}太长了，请写在 {limit} 个字以内。")
    return out


def _columns(line: int, raw: str) -> list[str]:
    """The nine columns of a line in either form (the older one has no 关于哪一笔)."""
    sep = "\t" if "\t" in raw and "," not in raw else ","
    parts = raw.split(sep)
    new = len(parts) > 1 and (not parts[1].strip() or bool(_TIME_CELL.match(parts[1].strip())))
    if not new:  # 日期时间,方向,渠道,对方,内容,下一步,是否录音
        if len(parts) < 4:
            raise _error(
                line,
                "至少要写 5 项：日期,时间,方向,渠道,对方姓名或工号"
                "（后面是关于哪一笔、内容、下一步、是否录音）。",
            )
        if len(parts) > 7:
            parts = [*parts[:4], sep.join(parts[4:-2]), parts[-2], parts[-1]]
        parts += [""] * (7 - len(parts))
        return [parts[0], "", *parts[1:4], "", *parts[4:]]
    if len(parts) < 5:
        raise _error(
            line,
            "至少要写 5 项：日期,时间,方向,渠道,对方姓名或工号"
            "（后面是关于哪一笔、内容、下一步、是否录音）。",
        )
    if len(parts) > 9:
        parts = [*parts[:6], sep.join(parts[6:-2]), parts[-2], parts[-1]]
    return parts + [""] * (9 - len(parts))


def _row(line: int, raw: str) -> Contact:
    day, hour, direction, channel, who, debt, content, next_step, recorded = _columns(line, raw)
    date, time = _when(line, f"{day.strip()} {hour.strip()}".strip())
    code = _pick(
        line,
        "方向",
        _DIRECTION_WORDS,
        direction,
        "对方打来、我打过去、对方联系家人、对方联系朋友或对方联系单位",
    )
    channel_code = _pick(line, "渠道", _CHANNEL_WORDS, channel, "电话、短信、App、上门、信件或其他")
    mark = re.sub(r"\s+", "", recorded).lower()
    if mark and mark not in _YES | _NO:
        raise _error(line, "的“是否录音”请写“是”或“否”，不知道就空着。")
    content_text = _text(line, "内容", content, 300)
    calls = 0
    if code == "in" and channel_code == "phone":
        try:
            calls = missed.unanswered_calls(content_text)
        except missed.Unclear as unclear:
            raise _error(line, "的内容" + unclear.reason) from None
    flags = []
    if time is not None and code != "out" and (time[0] >= NIGHT_FROM or time[0] < NIGHT_UNTIL):
        flags.append("night")
    if code in THIRD_PARTY:
        flags.append("third_party")
    return {
        "line": line,
        "date": date.isoformat(),
        "time": f"{time[0]:02d}:{time[1]:02d}" if time is not None else None,
        "direction": code,
        "channel": channel_code,
        "who": _text(line, "对方姓名或工号", who, 40),
        "content": content_text,
        "next_step": _text(line, "下一步", next_step, 300),
        "recorded": None if not mark else mark in _YES,
        "debt": _debt(line, debt),
        "unanswered": calls,
        "flags": flags,
    }


def _debt(line: int, text: str) -> str:
    name = _text(line, "关于哪一笔", text, MAX_DEBT_NAME)
    return "" if name in ALL_DEBTS else name


def calculate(log: str, name: str = "") -> Result:
    """The log in time order with its flags (`Result`); see the module docstring."""
    lines = [(n, raw) for n, raw in enumerate(log.splitlines(), start=1) if raw.strip()]
    if not lines:
        raise InputError("log", "请至少写一条联系记录，例如：" + EXAMPLE.splitlines()[0])
    if len(lines) > MAX_CONTACTS:
        raise InputError("log", f"最多记 {MAX_CONTACTS} 条，请把更早的记录另存一份。")
    rows = [_row(n, raw) for n, raw in lines]
    rows.sort(key=lambda r: (r["date"], r["time"] or "99:99", r["line"]))
    per_day: dict[str, int] = {}
    for row in rows:
        if not row["unanswered"]:
            continue
        per_day[row["date"]] = per_day.get(row["date"], 0) + row["unanswered"]
        if per_day[row["date"]] > CALLS_PER_DAY:
            row["flags"].append("calls")
    order = ("night", "calls", "third_party")
    for row in rows:
        row["flags"].sort(key=order.index)
    return {
        "name": one_line("name", "你的姓名", name, SHORT),
        "contacts": rows,
        "night": sum(1 for r in rows if "night" in r["flags"]),
        "calls": sum(1 for r in rows if "calls" in r["flags"]),
        "third_party": sum(1 for r in rows if "third_party" in r["flags"]),
        "busy_days": [
            {"date": day, "unanswered": n} for day, n in per_day.items() if n > CALLS_PER_DAY
        ],
        "unanswered": sum(per_day.values()),
    }


_RECORDED_WORD = {"yes": "是", "no": "否", "": ""}
_RECORDED_CODE = {True: "yes", False: "no", None: ""}


def case_lines(case: Mapping[str, Any]) -> str:
    """The case's contacts as the log's lines, each debt by its name."""
    names = {d["id"]: d["creditor"] for d in case["debts"]}
    return "\n".join(
        ",".join(
            (
                c["date"],
                c["time"],
                c["direction"],
                c["channel"],
                c["who"],
                names.get(c["debt"], ""),
                c["what"],
                c["next"],
                _RECORDED_WORD[c["recorded"]],
            )
        )
        for c in case["contacts"]
    )


def case_entries(log: str, case: Mapping[str, Any]) -> list[dict[str, str]]:
    """The log's lines as the case's contacts (calculators/case.py), each debt by its id; an
    InputError naming the line when it names a debt the case does not have."""
    if not log.strip():
        return []
    ids = {d["creditor"]: d["id"] for d in case["debts"]}
    out = []
    for c in calculate(log)["contacts"]:
        if c["debt"] and c["debt"] not in ids:
            raise _error(c["line"], f"的“关于哪一笔”写的是“{c['debt']}”，你的方案里没有这一笔。")
        out.append(
            {
                "debt": ids[c["debt"]] if c["debt"] else "all",
                "date": c["date"],
                "time": c["time"] or "",
                "direction": c["direction"],
                "channel": c["channel"],
                "who": c["who"],
                "what": c["content"],
                "next": c["next_step"],
                "recorded": _RECORDED_CODE[c["recorded"]],
            }
        )
    return out
