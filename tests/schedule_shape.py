"""What a borrower checks on a printed schedule, written independently of the code under test.

`assert_reader_shape` is the promise of `calculators.schedule` seen from the reader's side:
- 先息后本: interest only until the last row, which repays all the principal;
- 一次性还本付息: nothing until the last row;
- every other method: every row repays at least 0.01 of principal (no row of 0.00 while a
  balance remains), and the amount meant to stay level (the payment in 等额本息, the
  principal part in 等额本金 and 每期手续费), the last row's included, stays within one fen
  per month of the term (0.01 x n yuan) of the first row's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal as D
from typing import Any

LEVEL_PAYMENT = {"equal_payment"}
LEVEL_PRINCIPAL = {"equal_principal", "flat_fee"}


def assert_reader_shape(rows: Sequence[Mapping[str, Any]], method: object) -> None:
    method = getattr(method, "value", method)
    n = len(rows)
    principal = [D(row["principal"]) for row in rows]
    payment = [D(row["payment"]) for row in rows]
    if method == "interest_only":
        assert all(p == 0 for p in principal[:-1])
        assert all(D(r["payment"]) == D(r["interest"]) for r in rows[:-1])
        return
    if method == "bullet":
        assert all(p == 0 for p in payment[:-1])
        return
    for row in rows:
        assert D(row["principal"]) >= D("0.01"), f"row {row['period']} repays nothing: {row}"
    level = payment if method in LEVEL_PAYMENT else principal
    assert method in LEVEL_PAYMENT | LEVEL_PRINCIPAL, method
    tolerance = D("0.01") * n
    for k, amount in enumerate(level, start=1):
        assert abs(amount - level[0]) <= tolerance, (
            f"row {k}: {amount} strays from the first row's {level[0]} by more than {tolerance}"
        )
