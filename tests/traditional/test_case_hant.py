"""The worker's case entry in the Traditional edition (its catalog made by tests/traditional's
conftest, as the site build makes it)."""

import json

from calculators.web import case_json


def test_the_worker_s_case_entry_answers_in_traditional() -> None:
    hant = json.loads(case_json("load", "{", "zh-Hant"))
    assert hant["ok"] is False and "讀不出" in hant["message"]
