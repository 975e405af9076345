"""The site's JavaScript unit tests (tests/js/*.test.mjs, `node --test`), run by pytest so that
`make test` covers them, with the values the Python side writes: the debt-line separators
(calculators.fields), Python's reading of a set of debt lists (calculators.web.rows.split_rows,
which the browser's parseRows must match), the query the build gives the page's script
(hooks/scripts.py) and the pinned runtime's initial memory (tests/wasm_memory.py, which the
worker must read the same from the .wasm). Each Node test file runs in its own process; a
failure shows its output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from calculators import registry
from calculators.fields import RECORD_SEPARATOR_CHARS
from calculators.web.rows import split_rows
from hooks.scripts import runtime_query
from tests.wasm_memory import wasm_initial_memory

pytestmark = pytest.mark.js

HERE = Path(__file__).resolve().parent
WASM = HERE.parents[1] / "node_modules" / "pyodide" / "pyodide.asm.wasm"
TESTS = sorted(HERE.glob("*.test.mjs"))

# Debt lists as readers type them: every separator, mixed; spaces only; the older 4-column
# form; comments and blank lines; a line that fits no form; cells with spaces inside.
ROW_TEXTS = [
    "信用卡,银行信用卡,3000,18,150,",
    "信用卡，bank，3000，18，150，0\n网贷、online、200、36、50、30",
    "a;b;c;d;e;f\nA；B；C；D；E；F\n1\t2\t3\t4\t5\t6",
    "网贷 200 36 50",
    "  # 我的欠款\n\n信用卡,3000,18,150\n\n",
    "信用卡,3000",
    "招商 银行, bank , 3 000 ,18,150, 1",
    "x,y,z,w,v,u,t",
    ",,,,,",
    "",
]


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    debts = registry.get("payoff").fields[0]
    assert debts.rows, "the debt list is drawn as rows"
    columns, legacy = len(debts.rows), debts.legacy_columns
    rows = [
        {
            "text": text,
            "columns": columns,
            "legacy": list(legacy),
            "python": split_rows(text, columns, legacy),
        }
        for text in ROW_TEXTS
    ]
    values = {
        "separators": RECORD_SEPARATOR_CHARS,
        "rows": rows,
        "wasm": str(WASM),
        "initial_memory": wasm_initial_memory(WASM),
        "query": runtime_query(
            "314.0.7", "calculators-0123456789abcdef", "python_stdlib-0a1b-pyc.zip"
        ),
    }
    path = tmp_path_factory.mktemp("js") / "fixture.json"
    path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("test_file", TESTS, ids=lambda p: p.name)
def test_node_unit_tests(test_file: Path, fixture: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    done = subprocess.run(
        [node, "--test", "--test-reporter=tap", str(test_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": str(Path(node).parent), "CALC_JS_FIXTURE": str(fixture)},
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# skipped 0" in done.stdout, done.stdout[-2000:]


def test_every_pure_module_has_its_tests() -> None:
    names = {p.name.removesuffix(".test.mjs") for p in TESTS}
    pure = {"links", "rows", "protocol", "format", "editions", "store", "guard", "snapshot"}
    assert pure <= names
