"""One-year Loan Prime Rate (贷款市场报价利率, LPR), as published by the National Interbank
Funding Center on behalf of the People's Bank of China on the 20th of each month.

Only the changes are listed: each row is (first day in force, rate in %). The reformed LPR
starts on 2019-08-20. The guide shows this table with its dates, and the `apr` calculator's
"4 x LPR" line uses the rate in force on the contract date. Checked on REVIEWED; no change
after 2025-05-20 was found in the sources available then, which reach into 2026.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

REVIEWED = dt.date(2026, 11, 21)
FIRST = dt.date(2019, 8, 20)

# (effective date, one-year LPR %)
HISTORY: tuple[tuple[dt.date, Decimal], ...] = (
    (dt.date(2019, 8, 20), Decimal("4.25")),
    (dt.date(2019, 9, 20), Decimal("4.20")),
    (dt.date(2019, 11, 20), Decimal("4.15")),
    (dt.date(2020, 2, 20), Decimal("4.05")),
    (dt.date(2020, 4, 20), Decimal("3.85")),
    (dt.date(2021, 12, 20), Decimal("3.80")),
    (dt.date(2022, 1, 20), Decimal("3.70")),
    (dt.date(2022, 8, 22), Decimal("3.65")),
    (dt.date(2023, 6, 20), Decimal("3.55")),
    (dt.date(2023, 8, 21), Decimal("3.45")),
    (dt.date(2024, 7, 22), Decimal("3.35")),
    (dt.date(2024, 10, 21), Decimal("3.10")),
    (dt.date(2025, 5, 20), Decimal("3.00")),
)


def lpr_on(day: dt.date) -> tuple[dt.date, Decimal] | None:
    """The (effective date, rate) in force on `day`, or None before the reformed LPR existed.

    >>> lpr_on(dt.date(2025, 6, 1))
    (datetime.date(2025, 5, 20), Decimal('3.00'))
    """
    current = None
    for start, rate in HISTORY:
        if start <= day:
            current = (start, rate)
    return current


def latest() -> tuple[dt.date, Decimal]:
    return HISTORY[-1]
