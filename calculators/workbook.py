"""The reader's workbook: what they chose to keep on this device, as one JSON object.

Nothing is kept unless the reader ticks the box; then the browser keeps this object under
one localStorage key, and exports and imports it as a file. An imported file is read here,
by the same parser as every input box, before anything is replaced: a bad file changes
nothing and gets a sentence saying why.

    {"format": "yuqi-xieshang/workbook", "version": 1,
     "values": {"debts": "信用卡,银行信用卡,3000,18,150,", "income": "8000", ...},
     "checks": {"prepare-list-debts": true, ...}}

`values` keys are the `saved_as` keys of the calculators' fields (`workbook_fields`); each
value is checked by the `Field` that declares it (the first one, in registry order: fields
that share a key share its meaning; `calculators.registry.SAVED` says which, so reading a
file imports those few calculators, not all of them). `checks` are the plan's ticked steps:
short ids.

>>> validate('{"format": "yuqi-xieshang/workbook", "version": 1, "values": {"income": "8千"}}')
{'format': 'yuqi-xieshang/workbook', 'version': 1, 'values': {'income': '8千'}, 'checks': {}}
"""

from __future__ import annotations

import json
import re
from typing import Any, TypedDict

from calculators import registry
from calculators.debts import parse_debts
from calculators.errors import InputError
from calculators.fields import Field
from calculators.money import parse_field

FORMAT = "yuqi-xieshang/workbook"
VERSION = 1
MAX_FILE = 200_000  # characters: 20 debts, a long contact log and the letters' details fit
MAX_CHECKS = 200
_CHECK_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
FIELD = "file"  # the InputError field for a file that cannot be used


class Workbook(TypedDict):
    format: str
    version: int
    values: dict[str, str]
    checks: dict[str, bool]


def workbook_fields() -> dict[str, Field]:
    """saved_as key -> the first field (registry order) that declares it: from the modules
    `registry.SAVED` names, not from every calculator's."""
    return registry.saved_fields()


def _bad(reason: str) -> InputError:
    return InputError(FIELD, f"这个文件不能导入：{reason}这台设备上原来的数据没有改动。")


def validate(text: str) -> Workbook:
    """The workbook in `text`, checked and normalised; InputError(FIELD, ...) when unusable."""
    if not isinstance(text, str) or len(text) > MAX_FILE:
        raise _bad("文件太大，不像是本站导出的数据。")
    try:
        data: Any = json.loads(text)
    except ValueError:
        raise _bad("它不是本站导出的数据文件（读不出内容）。") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad("它不是本站导出的数据文件。")
    if data.get("version") != VERSION:
        raise _bad("它来自另一个版本的本站，格式不同。")
    extra = set(data) - {"format", "version", "values", "checks"}
    if extra:
        raise _bad(f"里面有本站不认识的内容（{'、'.join(sorted(map(str, extra)))[:60]}）。")
    values, checks = data.get("values", {}), data.get("checks", {})
    if not isinstance(values, dict) or not isinstance(checks, dict):
        raise _bad("内容的格式不对。")
    fields = workbook_fields()
    clean: dict[str, str] = {}
    for key, value in values.items():
        field = fields.get(key)
        if field is None:
            raise _bad(f"里面有本站不认识的一项（{str(key)[:40]}）。")
        if not isinstance(value, str):
            raise _bad(f"“{field.label}”的内容格式不对。")
        try:
            parse_field(field, value)
            if key == "debts" and value.strip():  # each row, as the calculators read it
                parse_debts(value, need_rate=False, need_minimum=False)
        except InputError as err:
            raise _bad(f"“{field.label}”这一项有问题：{err.message}") from None
        clean[key] = value
    if len(checks) > MAX_CHECKS:
        raise _bad("勾选的步骤太多，不像是本站导出的数据。")
    ticked: dict[str, bool] = {}
    for key, value in checks.items():
        if not isinstance(key, str) or not _CHECK_ID.match(key) or not isinstance(value, bool):
            raise _bad("步骤清单的格式不对。")
        ticked[key] = value
    return {"format": FORMAT, "version": VERSION, "values": clean, "checks": ticked}


def validate_json(text: str) -> str:
    """`validate` as the browser worker calls it: JSON text in, JSON text out
    ({"ok": true, "workbook": ...} or {"ok": false, "field": ..., "message": ...})."""
    try:
        book = validate(text)
    except InputError as err:
        return json.dumps({"ok": False, **err.to_dict()}, ensure_ascii=False)
    return json.dumps({"ok": True, "workbook": book}, ensure_ascii=False)
