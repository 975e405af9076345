"""打电话前的准备卡 (issue 27, item 1): one debt's call card, one printed page. Whom to call
(the official number the reader found on the card, the contract or the official app: never a
number from an SMS), the account tail, what is owed, the ask (months, monthly amount, 停息,
减免), the lowest the reader can accept (``limit``: the most a month their budget can carry
for this debt), and what to have at hand (`AT_HAND`, codes).

The ask, from what is given (months, monthly amount or both):

- months alone: ``monthly = owed / months`` rounded *up* to the fen (so the months pay it
  all; the last month is smaller by less than ``months`` fen): 28,000 in 48 is 583.34;
- monthly alone: ``months = ceil(owed / monthly)``;
- both: as given; when ``months x monthly`` is below what is owed, the card says the ask
  implies a 减免 of the difference (``short_by``); when fewer months would do, it is refused;
- neither: no ask; the card prints blanks to fill in by hand.

Refused (InputError): a bank card's ask over 60 months (个性化分期, at most 5 years,
《商业银行信用卡业务监督管理办法》第七十条), an ask above the reader's own limit, an ask
of more than 600 months.

Integration (issue 22's case, later): the plan page's creditor card calls `calculate` with
the debt's values (``creditor``, ``kind``, ``account_tail``, ``owed`` = balance, ``months``/
``monthly``/``stop_interest``/``waive`` = its asks, ``limit`` = its share of the budget), so
the reader types nothing; the module has TITLE/FIELDS/Result/calculate, so registering it as
a calculator later is one line in calculators/registry.py.

>>> r = calculate("某某银行", "card", "95588", "6789", Decimal("28000"), 48, None, True, True,
...               Decimal("700"))
>>> r["ask"]["monthly"], r["ask"]["total"]
('583.34', '28000.32')
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_UP, Decimal, localcontext
from typing import TypedDict

from calculators import letters
from calculators.agreement import CARD_MAX_PERIODS
from calculators.debts import KINDS
from calculators.errors import InputError
from calculators.fields import Field, Kind
from calculators.money import CONTEXT, FEN, MAX_MONTHS, fmt

TITLE = "打电话前的准备卡"
AT_HAND = ("card", "budget", "proof", "log", "pen")

FIELDS: tuple[Field, ...] = (
    letters.relabel(letters.INSTITUTION, help="卡片、合同或 App 上写的名称；不填，卡上就留空白。"),
    Field("kind", "机构类型", Kind.CHOICE, "card", choices=KINDS),
    Field(
        "hotline",  # the creditor's number, not the reader's: not a personal value to keep out
        "官方客服电话",
        Kind.LINES,
        "",
        required=False,
        help="卡片背面、借款合同或官方 App 里写的号码；不要用短信或来电里给的号码。",
    ),
    letters.relabel(letters.ACCOUNT, advanced=False, saved_as=""),
    Field(
        "owed",
        "现在欠多少",
        Kind.MONEY,
        "28000",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        help="账单或 App 里的欠款总额。",
    ),
    letters.relabel(letters.MONTHS, default="48", help="想申请分多少期；不填，按每期金额算。"),
    letters.relabel(
        letters.MONTHLY, label="每期想还", saved_as="", help="不填，按期数算（向上取到分）。"
    ),
    Field("stop_interest", "申请停息", Kind.FLAG, "1"),
    Field("waive", "申请减免罚息", Kind.FLAG, "1"),
    Field(
        "limit",
        "底线：每月最多能还",
        Kind.MONEY,
        "700",
        unit="元",
        minimum=Decimal(0),
        exclusive_minimum=True,
        required=False,
        help="按预算，给这一家每月最多拿得出的钱；对方要得更多，就不当场答应。",
    ),
)


class Ask(TypedDict):
    months: int | None
    monthly: str | None
    total: str | None  # months x monthly
    short_by: str | None  # what is owed beyond the ask: an implied 减免
    stop_interest: bool
    waive: bool


class Result(TypedDict):
    creditor: str | None
    kind: str  # a code of calculators.debts.KINDS
    phone: str | None
    account_tail: str | None
    owed: str
    ask: Ask
    limit: str | None
    at_hand: list[str]  # codes of AT_HAND


def _ask(
    kind: str, owed: Decimal, months: int | None, monthly: Decimal | None
) -> tuple[int | None, Decimal | None]:
    with localcontext(CONTEXT):
        if months is not None and monthly is None:
            monthly = (owed / months).quantize(FEN, rounding=ROUND_UP)
        elif monthly is not None and months is None:
            count = int((owed / monthly).to_integral_value(rounding=ROUND_CEILING))
            if count > MAX_MONTHS:
                raise InputError(
                    "monthly", f"每期 {fmt(monthly)} 元，要 {count} 期才能还完：请多填一点。"
                )
            months = count
        elif months is not None and monthly is not None:
            needed = int((owed / monthly).to_integral_value(rounding=ROUND_CEILING))
            if needed < months:
                raise InputError(
                    "months",
                    f"每期 {fmt(monthly)} 元，{needed} 期就能还完 {fmt(owed)} 元，"
                    f"不用分 {months} 期：请改期数或每期金额。",
                )
    if kind == "card" and months is not None and months > CARD_MAX_PERIODS:
        raise InputError(
            "months",
            f"信用卡的个性化分期最长 {CARD_MAX_PERIODS} 期（5 年，"
            "《商业银行信用卡业务监督管理办法》第七十条）：请填 60 期以内；"
            "每期拿不出那么多的，可以申请减免一部分。",
        )
    return months, monthly


def calculate(
    institution: str,
    kind: str,
    hotline: str,
    account: str,
    owed: Decimal,
    months: int | None,
    monthly: Decimal | None,
    stop_interest: bool,
    waive: bool,
    limit: Decimal | None,
) -> Result:
    months, monthly = _ask(kind, owed, months, monthly)
    if monthly is not None and limit is not None and monthly > limit:
        raise InputError(
            "monthly",
            f"每期 {fmt(monthly)} 元，比你的底线（每月最多能还 {fmt(limit)} 元）还高："
            "请按预算改小每期金额、多分几期，或者把底线改成真实能还的数。",
        )
    number = letters.one_line("hotline", "官方客服电话", hotline, letters.SHORT)
    if number is not None and not re.fullmatch(r"[0-9+()\- ]{3,30}", number):
        raise InputError("hotline", "官方客服电话请只填数字，例如 95588 或 400-000-0000。")
    person = letters.person(institution, "", "", account, "", None)
    total = short = None
    if months is not None and monthly is not None:
        with localcontext(CONTEXT):
            total = monthly * months
            short = fmt(owed - total) if total < owed else None
    return {
        "creditor": person["institution"],
        "kind": kind,
        "phone": number,
        "account_tail": person["account"],
        "owed": fmt(owed),
        "ask": {
            "months": months,
            "monthly": fmt(monthly) if monthly is not None else None,
            "total": fmt(total) if total is not None else None,
            "short_by": short,
            "stop_interest": stop_interest,
            "waive": waive,
        },
        "limit": fmt(limit) if limit is not None else None,
        "at_hand": list(AT_HAND),
    }


def spoken(
    institution: str,
    account: str,
    owed: Decimal | None,
    months: int | None,
    monthly: Decimal | None,
    limit: Decimal | None,
) -> dict[str, str]:
    """The reader's numbers as the call script's lines say them (the rehearsal,
    calculators/rehearsal.py). Without what is owed (several debts kept, none chosen yet) no
    amount is said: the ask follows from it."""
    if owed is None:
        person = letters.person(institution, "", "", account, "", None)
        return {
            "creditor": person["institution"] or "",
            "account_tail": person["account"] or "",
            **dict.fromkeys(("owed", "months", "monthly"), ""),
            "limit": fmt(limit) if limit is not None else "",
        }
    card = calculate(institution, "other", "", account, owed, months, monthly, False, False, limit)
    return {
        "creditor": card["creditor"] or "",
        "account_tail": card["account_tail"] or "",
        "owed": card["owed"],
        "months": str(card["ask"]["months"] or ""),
        "monthly": card["ask"]["monthly"] or "",
        "limit": card["limit"] or "",
    }
