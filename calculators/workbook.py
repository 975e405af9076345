"""The reader's workbook: what they chose to keep on this device, as one JSON object.

Nothing is kept unless the reader ticks the box; then the browser keeps this object under
one localStorage key, and exports and imports it as a file. An imported file is read here
before anything is replaced: a bad file changes nothing and gets a sentence saying why.

    {"format": "yuqi-xieshang/workbook", "version": 1,
     "values": {"debts": "信用卡,银行信用卡,3000,18,150,", "income": "8000", ...},
     "checks": {"prepare-list-debts": true, ...}}

Read defensively, in this order: the size (`MAX_FILE` characters; a leading byte-order mark,
which Windows Notepad writes, is allowed), then the shape (JSON nested no deeper than the
object above, no key twice, `version` the integer 1 and not ``true``, nothing unknown), then
the values. `values` keys are the `saved_as` keys of the calculators' fields
(`workbook_fields`); each value is checked by the calculator that first declares its key
(`calculators.registry.SAVED`, so reading a file imports those few calculators, not all of
them): that calculator run with it, its own parsing and checks (a debt list row by row, an
ID-card tail, a phone number, a contact log line by line). A blank value is a box left empty.
`checks` are the plan's ticked steps: short ids of lowercase letters, digits and hyphens.

>>> validate('{"format": "yuqi-xieshang/workbook", "version": 1, "values": {"income": "8千"}}')
{'format': 'yuqi-xieshang/workbook', 'version': 1, 'values': {'income': '8千'}, 'checks': {}}
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypedDict

from calculators import jsontext, registry
from calculators.errors import InputError
from calculators.fields import Field
from calculators.money import parse_field

FORMAT = "yuqi-xieshang/workbook"
VERSION = 1
MAX_FILE = 200_000  # characters: 20 debts, a long contact log and the letters' details fit
MAX_CHECKS = 200
MAX_DEPTH = 2  # {"values": {...}}: an object of objects of strings
_CHECK_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")  # fullmatch: "a\n" is not an id
FIELD = "file"  # the InputError field for a file that cannot be used


class Workbook(TypedDict):
    format: str
    version: int
    values: dict[str, str]
    checks: dict[str, bool]


def boxes() -> dict[str, list[tuple[str, Field]]]:
    """saved_as key -> the (calculator, field) that checks it: the first to declare it
    (`registry.SAVED`)."""
    return {key: [(registry.SAVED[key], field)] for key, field in workbook_fields().items()}


def workbook_fields() -> dict[str, Field]:
    """saved_as key -> the first field (registry order) that declares it: from the modules
    `registry.SAVED` names, not from every calculator's."""
    return registry.saved_fields()


def _bad(reason: str) -> InputError:
    return InputError(FIELD, f"这个文件不能导入：{reason}这台设备上原来的数据没有改动。")


_UNREADABLE = {
    "size": "文件太大，不像是本站导出的数据。",
    "depth": "它不是本站导出的数据文件（读不出内容）。",
    "syntax": "它不是本站导出的数据文件（读不出内容）。",
    "duplicate": "文件里同一项出现了不止一次，不像是本站导出的数据，可能被改过。",
}


# How a box's calculator reads a saved value: (calculator name, value) -> the text it parses.
# The Traditional edition's pages save what they show; calculators.web.workbook_json reads
# it back as the page would (calculators.web.hant.input_forms).
Reader = Callable[[str, str], str]


def validate(text: str, read: Reader | None = None) -> Workbook:
    """The workbook in `text`, checked and normalised; InputError(FIELD, ...) when unusable.
    The values are kept as saved; `read` is how each box's calculator reads one."""
    try:
        data: Any = jsontext.load(text, max_chars=MAX_FILE, max_depth=MAX_DEPTH)
    except jsontext.Refused as refused:
        raise _bad(_UNREADABLE[refused.reason]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad("它不是本站导出的数据文件。")
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # true == 1 in Python: not a version
        raise _bad("它来自另一个版本的本站，格式不同。")
    extra = set(data) - {"format", "version", "values", "checks"}
    if extra:
        raise _bad(f"里面有本站不认识的内容（{'、'.join(sorted(map(str, extra)))[:60]}）。")
    values, checks = data.get("values", {}), data.get("checks", {})
    if not isinstance(values, dict) or not isinstance(checks, dict):
        raise _bad("内容的格式不对。")
    if len(checks) > MAX_CHECKS:
        raise _bad("勾选的步骤太多，不像是本站导出的数据。")
    ticked: dict[str, bool] = {}
    for key, value in checks.items():
        if not _CHECK_ID.fullmatch(key) or not isinstance(value, bool):
            raise _bad("步骤清单的格式不对。")
        ticked[key] = value
    found = boxes()
    for key, value in values.items():
        if key not in found:
            raise _bad(f"里面有本站不认识的一项（{str(key)[:40]}）。")
        if not isinstance(value, str):
            raise _bad(f"“{found[key][0][1].label}”的内容格式不对。")
    clean: dict[str, str] = {}
    for key, value in values.items():
        if value.strip():  # blank: the box left empty
            _check_value(found[key], value, read)
        clean[key] = value
    return {"format": FORMAT, "version": VERSION, "values": clean, "checks": ticked}


def _check_value(fills: list[tuple[str, Field]], value: str, read: Reader | None) -> None:
    """Accepted when the box that checks the value accepts it (its calculator run with it,
    the other boxes at their defaults: an error naming another box is not this value's);
    else that box's sentence."""
    last_error: InputError | None = None
    for name, field in fills:
        try:
            parse_field(field, value)  # the length and the characters first: cheap
            _run_box(name, {field.name: read(name, value) if read else value})
        except InputError as err:
            if err.field != field.name and err.field != "_internal":
                return
            last_error = err
            continue
        return
    assert last_error is not None
    label = fills[0][1].label
    raise _bad(f"“{label}”这一项有问题：{last_error.message}")


def _run_box(name: str, inputs: dict[str, str]) -> None:
    from calculators import run  # the package's own entry point, as every box is read

    run(name, inputs, key=True)


def validate_json(text: str, read: Reader | None = None) -> str:
    """`validate` as the browser worker calls it: JSON text in, JSON text out
    ({"ok": true, "workbook": ...} or {"ok": false, "field": ..., "message": ...})."""
    try:
        book = validate(text, read)
    except InputError as err:
        return json.dumps({"ok": False, **err.to_dict()}, ensure_ascii=False)
    return json.dumps({"ok": True, "workbook": book}, ensure_ascii=False)
