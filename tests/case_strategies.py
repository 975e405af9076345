"""Hypothesis strategies for the reader's case (calculators/case.py), shared by the tests of
the model, the plan and the letters it fills: raw cases as a page or a file could hold them
(typed values such as "1.2万", blanks, every choice), mostly valid."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from hypothesis import strategies as st

from calculators import case
from calculators.contacts import CHANNELS, DIRECTIONS
from calculators.debts import KINDS

NAMES = st.sampled_from(
    [
        "招商信用卡",
        "网贷甲",
        "网贷乙",
        "消费贷",
        "花呗",
        "借呗",
        "某银行",
        "小贷公司",
        "Card A",
        "分期乐",
    ]
)
POSITIVE = st.one_of(
    st.integers(1, 500_000).map(str),
    st.integers(1, 50_000_00).map(lambda f: f"{f // 100}.{f % 100:02d}"),
    st.integers(1, 50).map(lambda n: f"{n}万"),
)
MONEY = st.one_of(st.just(""), POSITIVE)
RATE = st.one_of(st.just(""), st.integers(0, 36).map(str), st.sampled_from(["4.35", "18%", "24.0"]))
DAYS = st.one_of(st.just(""), st.integers(0, 3650).map(str))
DAY = st.dates(min_value=_dt.date(2000, 1, 1), max_value=_dt.date(2040, 12, 31)).map(str)
DATES = st.one_of(st.just(""), DAY)
TAILS = st.one_of(st.just(""), st.from_regex(r"[0-9]{4}", fullmatch=True))
TEXT = st.one_of(st.just(""), st.sampled_from(["失业", "生病住院，收入减少", "公司裁员 2026年3月"]))


@st.composite
def debts(draw: st.DrawFn, count: int | None = None) -> list[dict[str, Any]]:
    n = count if count is not None else draw(st.integers(0, 6))
    names = draw(st.lists(NAMES, min_size=n, max_size=n, unique=True))
    out = []
    for i, name in enumerate(names):
        balance = draw(POSITIVE)
        out.append(
            {
                "id": f"d{i}{draw(st.from_regex(r'[a-z0-9]{0,6}', fullmatch=True))}",
                "creditor": name,
                "kind": draw(st.sampled_from([k for k, _ in KINDS])),
                "balance": balance,
                "principal": draw(st.sampled_from(["", balance])),
                "rate": draw(RATE),
                "monthly_due": draw(MONEY),
                "overdue_days": draw(DAYS),
                "account_tail": draw(TAILS),
                "first_due": draw(DATES),
                "last_activity": draw(DATES),
                "sold": draw(st.booleans()),
                "new_creditor": draw(st.sampled_from(["", "某资产管理公司"])),
                "notice": draw(st.sampled_from([c for c, _ in case.NOTICES])),
                "notice_date": draw(DATES),
                "reason": draw(TEXT),
                "status": draw(st.sampled_from([c for c, _ in case.STATUSES])),
                "asks": {
                    "stop_interest": draw(st.booleans()),
                    "waive_penalty": draw(st.booleans()),
                    "months": draw(st.one_of(st.just(""), st.integers(1, 600).map(str))),
                    "amount": draw(MONEY),
                },
            }
        )
    ids = [d["id"] for d in out]
    if len(set(ids)) != len(ids):
        for i, d in enumerate(out):
            d["id"] = f"d{i}"
    return out


@st.composite
def contacts(draw: st.DrawFn, ids: list[str]) -> list[dict[str, Any]]:
    n = draw(st.integers(0, 4))
    return [
        {
            "debt": draw(st.sampled_from(["all", *ids])),
            "date": draw(DAY),
            "time": draw(st.one_of(st.just(""), st.sampled_from(["09:15", "22:30", "07:59"]))),
            "direction": draw(st.sampled_from([c for c, _ in DIRECTIONS])),
            "channel": draw(st.sampled_from([c for c, _ in CHANNELS])),
            "who": draw(st.sampled_from(["", "工号 0815"])),
            "what": draw(st.sampled_from(["", "未接", "说了欠款金额，要我三天内回电"])),
            "next": draw(st.sampled_from(["", "写信"])),
            "recorded": draw(st.sampled_from(["", "yes", "no"])),
        }
        for _ in range(n)
    ]


@st.composite
def raw_cases(draw: st.DrawFn, count: int | None = None) -> dict[str, Any]:
    """A case as a page would write it: typed values, mostly valid."""
    found = draw(debts(count))
    return {
        "format": case.FORMAT,
        "version": case.VERSION,
        "person": {
            "name": draw(st.sampled_from(["", "张三", "李 四"])),
            "id_tail": draw(st.sampled_from(["", "123X", "0001", "12x4"])),
            "phone": draw(st.sampled_from(["", "13800000000", "010-12345678"])),
            "address": draw(st.sampled_from(["", "某市某区某路 1 号"])),
            "reason": draw(TEXT),
        },
        "budget": {
            "income": draw(MONEY),
            "essential_expenses": draw(MONEY),
            "other_payments": draw(MONEY),
            "capacity": draw(MONEY),
        },
        "debts": found,
        "contacts": draw(contacts([d["id"] for d in found])),
        "checks": draw(
            st.dictionaries(st.sampled_from(["list-debts", "budget", "call"]), st.booleans())
        ),
        "notes": draw(TEXT),
        # Absent in older files, present (either way) in what the site writes.
        **draw(st.sampled_from([{}, {"display": {}}, {"display": {"bigtext": True}}])),
    }


def text(raw: dict[str, Any]) -> str:
    return json.dumps(raw, ensure_ascii=False)


def case_from_lines(lines: str, first_due: str = "", **budget: str) -> str:
    """A case (as JSON) holding the debts of a debt list's lines and the given budget, each
    debt starting on `first_due`: for tests written with the older inputs in mind."""
    from calculators import case_v1

    values = {"debts": lines, **{k: v for k, v in budget.items() if k != "other_payments"}}
    data = case_v1.migrate({"format": case_v1.V1_FORMAT, "version": 1, "values": values})
    data["budget"]["other_payments"] = budget.get("other_payments", "")
    for debt in data["debts"]:
        debt["first_due"] = first_due
    return json.dumps(data, ensure_ascii=False)
