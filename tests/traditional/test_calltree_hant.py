"""The call script in the Traditional edition (issue 27): the page's static script is converted
with the page, but the browser fills and rehearses the script through the calculators' catalog
(calculators/web/hant.py), which once knew only the package's Python literals: a line of the
script then went character by character (答复 -> 答復, 联系 -> 聯系, 委托 -> 委托). Every text
of calculators/data/calltree.json must come out of the catalog exactly as the page converts
it, and 被发给 (was sent to) as 被發給, never 被髮給 (髮: hair)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from calculators.web import hant
from hooks import hant_catalog
from hooks.hant_convert import HAN_RUN, converter

ROOT = Path(__file__).resolve().parents[2]
TREE = ROOT / "calculators" / "data" / "calltree.json"


def texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if HAN_RUN.search(value):
            yield value
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)


@pytest.fixture(scope="module")
def fresh_catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """hant.to_hant reading a catalog built now from this source tree."""
    path = tmp_path_factory.mktemp("catalog") / "hant.json"
    built = hant_catalog.build_catalog(ROOT / hant_catalog.PACKAGE, converter())
    path.write_text(hant_catalog.catalog_text(built), encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setattr(hant, "CATALOG_FILE", path)
    hant.catalog.cache_clear()
    hant._run.cache_clear()
    yield
    patch.undo()
    hant.catalog.cache_clear()
    hant._run.cache_clear()


def test_every_script_text_converts_as_the_page_converts_it(fresh_catalog: None) -> None:
    page = converter()
    found = list(texts(json.loads(TREE.read_text(encoding="utf-8"))))
    assert len(found) > 200
    wrong = {text: hant.to_hant(text) for text in found if hant.to_hant(text) != page(text)}
    assert not wrong


def test_sent_to_is_not_hair() -> None:
    page = converter()
    assert "被發給" in page("欠款信息被发给通讯录里的人")
    assert "髮" not in page("请把方案发给我；被发给了别人")


def test_the_catalog_reads_the_package_s_json_data() -> None:
    pieces = hant_catalog.data_pieces(ROOT / hant_catalog.PACKAGE)
    assert "请先把欠款明细书面发给我，我核对以后再答复。" in pieces
