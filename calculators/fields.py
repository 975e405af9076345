"""What each calculator asks for: the single definition used to parse input and to draw the form.

The arithmetic modules declare their inputs as `Field`s; `calculators.run` parses the raw
strings with them (see `money.parse_field`), and `calculators.web` draws the form from the
same objects, so a label, unit, default or limit is written exactly once.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal

# How people say yes and no in a yes/no field: read by the parser (calculators/money.py) and
# written into the form for the browser, which sets a checkbox from a link with them.
YES_WORDS: tuple[str, ...] = ("1", "true", "yes", "on", "y", "是", "对", "要")
NO_WORDS: tuple[str, ...] = ("0", "false", "no", "off", "n", "否", "不", "不要", "")


# What separates the columns of a record line (a debt list): a comma, 、, ; or a tab, half- or
# full-width. One character, no surrounding \s*: a pattern like \s*,\s* backtracks over long
# runs of spaces (quadratic on a pasted line); the parts are stripped afterwards instead. The
# characters are written into the rows' markup for the browser (calculators/web/rows.py).
RECORD_SEPARATOR_CHARS = ",，、;；\t"
RECORD_SEPARATORS = re.compile(f"[{re.escape(RECORD_SEPARATOR_CHARS)}]")


class Kind(enum.Enum):
    """How a field's text is read."""

    MONEY = "money"  # yuan, Decimal to the fen; accepts "10万", "100,000", full-width digits
    RATE = "rate"  # a percentage as typed: "4.9" means 4.9 %; Decimal, not divided by 100
    INTEGER = "integer"  # months, days, counts
    CHOICE = "choice"  # one of `choices`
    FLAG = "flag"  # yes / no: "1", "true", "on", "是" ... -> bool
    LINES = "lines"  # free text, one record per line (parsed by the calculator itself)
    DATE = "date"  # YYYY-MM-DD
    CASE = "case"  # the reader's whole case as JSON (calculators/case.py), drawn as its editor


@dataclass(frozen=True)
class RowColumn:
    """One column of a field drawn as rows of boxes (see `Field.rows`)."""

    label: str
    kind: str = "text"  # "text", "money", "rate", "integer" or "choice": how the box is drawn
    choices: tuple[tuple[str, str], ...] = ()  # for "choice": (value, label)
    unit: str = ""
    required: bool = False
    max_length: int = 20  # characters in the box


@dataclass(frozen=True)
class Field:
    """One input of a calculator.

    `minimum`/`maximum` are inclusive unless `exclusive_minimum` is set (e.g. a principal
    must be > 0). `unit` is what the form shows next to the box: 元, %, 月, 天.
    """

    name: str
    label: str
    kind: Kind
    default: str
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    exclusive_minimum: bool = False
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()  # (value, Chinese label)
    help: str = ""  # one short sentence shown under the field
    advanced: bool = False  # shown in a collapsed "更多选项" group
    # The reader's workbook key (calculators/workbook.py): when they choose to save on this
    # device, the value is kept under it, and every field with the same key fills from it.
    saved_as: str = ""
    # A LINES field whose lines are records (a debt list) may be drawn as rows of boxes, one
    # row per line, its columns joined by commas; `legacy_columns` are the columns that a
    # shorter line fills, in order (the older 4-column form of the debt list).
    rows: tuple[RowColumn, ...] = ()
    legacy_columns: tuple[int, ...] = ()
    max_rows: int = 0
    # A personal detail (a name, the last digits of an ID card or an account, a phone number, an
    # address): a share link never carries it, nor fills it in (calculators/web/widget.py marks
    # the box data-personal; docs/assets/calc/links.js leaves it out). A link carries numbers.
    personal: bool = False
    # A DATE field meaning "today": in the browser it takes the device's date on load unless
    # a link sets it or the box no longer shows its default (docs/assets/calc/links.js
    # applyToday); the default is the example's day, which the prerendered answer uses.
    device_today: bool = False
