"""A list of debts as people type it: the one parser behind every calculator that takes several.

One debt per line, columns separated by a comma (half- or full-width), 、, ; or a tab; a line
with none of these is split on spaces. Blank lines and lines starting with # are skipped.
Two forms are read:

- 4 columns, the original form: ``名称,余额,年利率%,最低月供`` ("信用卡,12000,18,600"): every
  column is required;
- 6 columns, what the form's debt rows send: ``名称,机构类型,余额,年利率%,每月应还,逾期天数``
  ("网贷甲,网络小贷,8000,36,400,45"). The type is a code or its label (blank: 其他); the rate,
  the monthly amount and the days overdue may be left blank.

Each column is read by the same `calculators.money.parse_field` as the number boxes, so
"1.2万", "18％" and "600元" work here too; an error names the line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from decimal import Decimal

from calculators.errors import InputError
from calculators.fields import RECORD_SEPARATORS, Field, Kind, RowColumn
from calculators.money import MAX_OVERDUE_DAYS, parse_field

MAX_DEBTS = 20
MAX_NAME = 20
# The institution types of the guide, in the order it lists them; codes are the saved form.
KINDS: tuple[tuple[str, str], ...] = (
    ("card", "银行信用卡"),
    ("bank_loan", "银行贷款"),
    ("consumer_finance", "消费金融公司"),
    ("online_micro", "网络小贷"),
    ("other", "其他"),
)
_KIND_OF = {**{code: code for code, _ in KINDS}, **{label: code for code, label in KINDS}}
EXAMPLE = "信用卡,12000,18,600"

# The debt list as rows of boxes on a phone (calculators/web/widget.py draws them): the
# 6-column form, whose columns 0, 2, 3, 4 the 4-column form fills.
ROW_COLUMNS: tuple[RowColumn, ...] = (
    RowColumn("名称", required=True, max_length=MAX_NAME),
    RowColumn("机构类型", "choice", choices=KINDS),
    RowColumn("欠款余额", "money", unit="元", required=True),
    RowColumn("年利率", "rate", unit="%"),
    RowColumn("每月应还", "money", unit="元"),
    RowColumn("逾期天数", "integer", unit="天"),
)
LEGACY_COLUMNS = (0, 2, 3, 4)


def debt_list_field(default: str, help: str, *, need_rate_and_minimum: bool = False) -> Field:
    """The debt list as every calculator that takes one declares it; `need_rate_and_minimum`
    marks those two columns as required in the rows (the calculator's parser enforces it)."""
    columns = ROW_COLUMNS
    if need_rate_and_minimum:
        columns = tuple(
            replace(col, required=True) if i in (3, 4) else col for i, col in enumerate(columns)
        )
    return Field(
        "debts",
        "债务清单",
        Kind.LINES,
        default,
        help=help,
        saved_as="debts",
        rows=columns,
        legacy_columns=LEGACY_COLUMNS,
        max_rows=MAX_DEBTS,
    )


@dataclass(frozen=True)
class Debt:
    name: str
    balance: Decimal
    annual_rate: Decimal | None  # % a year; None when left blank
    minimum: Decimal | None  # minimum or agreed monthly payment; None when left blank
    kind: str  # a code of KINDS
    overdue_days: int | None
    line: int  # 1-based line number in the text, for messages


def _column(
    line: int, label: str, kind: Kind, text: str, example: str, maximum: int | None = None
) -> object:
    # Money and rates have the parser's own ceilings (100 亿元, 1000%); a count needs its own.
    field = Field(
        "debts",
        f"第 {line} 行的{label}",
        kind,
        example,
        unit="天" if kind is Kind.INTEGER else "",
        minimum=Decimal(0),
        maximum=Decimal(maximum) if maximum is not None else None,
        exclusive_minimum=label == "余额",
        required=False,
    )
    return parse_field(field, text)


def _money(line: int, label: str, text: str, example: str, need: bool) -> Decimal | None:
    if not text and need:
        raise InputError("debts", f"请填写第 {line} 行的{label}，例如 {example}。")
    value = _column(line, label, Kind.MONEY, text, example) if text else None
    assert value is None or isinstance(value, Decimal)
    return value


def parse_debts(text: str, *, need_rate: bool = True, need_minimum: bool = True) -> list[Debt]:
    """Debts from text in either form (see the module docstring).

    `need_rate` / `need_minimum`: whether a blank rate or monthly amount is an error.

    >>> parse_debts("信用卡，12000，18%，600")[0].annual_rate
    Decimal('18')
    >>> parse_debts("网贷甲,网络小贷,8000,,400,45", need_rate=False)[0].kind
    'online_micro'
    >>> parse_debts("网贷甲,网络小贷,8000,,400,45")
    Traceback (most recent call last):
    calculators.errors.InputError: debts: 请填写第 1 行的年利率，例如 18。
    """
    return list(_parsed(text, need_rate, need_minimum))


# The same list is read again on every change of another box (a payoff plan's budget, say):
# kept for the last few texts (Debt is frozen; errors are raised again, never kept).
@functools.lru_cache(maxsize=8)
def _parsed(text: str, need_rate: bool, need_minimum: bool) -> tuple[Debt, ...]:
    debts: list[Debt] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = RECORD_SEPARATORS.split(line) if RECORD_SEPARATORS.search(line) else line.split()
        parts = [part.strip() for part in parts]
        if len(parts) == 4:
            name, balance, rate, minimum = parts
            kind = days = ""
            need_rate_here = need_minimum_here = True
        elif len(parts) == 6:
            name, kind, balance, rate, minimum, days = parts
            need_rate_here, need_minimum_here = need_rate, need_minimum
        else:
            raise InputError(
                "debts",
                f"第 {number} 行要有 4 项：名称,余额,年利率%,最低月供，例如“{EXAMPLE}”"
                "（或者 6 项：名称,机构类型,余额,年利率%,每月应还,逾期天数）。",
            )
        if not name:
            raise InputError("debts", f"第 {number} 行缺少名称。")
        if len(name) > MAX_NAME:
            raise InputError("debts", f"第 {number} 行的名称太长了，请不超过 {MAX_NAME} 个字。")
        if name in seen:
            raise InputError(
                "debts", f"第 {number} 行的名称和第 {seen[name]} 行重复了，请换个名称区分。"
            )
        seen[name] = number
        code = _KIND_OF.get(kind or "other")
        if code is None:
            labels = "、".join(label for _, label in KINDS)
            raise InputError("debts", f"第 {number} 行的机构类型请从这几项中选一个：{labels}。")
        amount = _money(number, "余额", balance, "12000", need=True)
        assert amount is not None
        if not rate and need_rate_here:
            raise InputError("debts", f"请填写第 {number} 行的年利率，例如 18。")
        annual = _column(number, "年利率", Kind.RATE, rate, "18") if rate else None
        assert annual is None or isinstance(annual, Decimal)
        monthly = _money(number, "最低月供", minimum, "600", need=need_minimum_here)
        overdue = (
            _column(number, "逾期天数", Kind.INTEGER, days, "30", MAX_OVERDUE_DAYS)
            if days
            else None
        )
        assert overdue is None or isinstance(overdue, int)
        debts.append(Debt(name, amount, annual, monthly, code, overdue, number))
        if len(debts) > MAX_DEBTS:
            raise InputError("debts", f"最多填 {MAX_DEBTS} 笔债务。")
    if not debts:
        raise InputError("debts", f"请至少填一笔债务，例如“{EXAMPLE}”。")
    return tuple(debts)
