"""The memory snapshot the browser makes after a first visit (docs/assets/calc/snapshot.js,
calculators/web/warm.py), made and used in Node the same way: booting from it, with none of
the wheel's files on disk, gives every answer the normal boot gives, byte for byte, and every
module of the package is in it. It fits the memory the runtime restores it into, with room to
spare (issue 20, item 22). And the API it uses is private to the pinned Pyodide, so the pin is
checked here: changing it must make someone look at the worker again.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from stdlib_keep import PROBE, PYODIDE, ROOT, run_probe, site_runtime

from hooks.runtime import pyodide_version
from hooks.stdlib import STDLIB_CACHE_DIR, ship_stdlib, stdlib_keep
from tests.wasm_memory import wasm_initial_memory

pytestmark = pytest.mark.node

HERE = Path(__file__).resolve().parent
BOOT = HERE / "snapshot_boot.mjs"
CHECKED_PIN = "314.0.7"  # the Pyodide whose private snapshot API snapshot.js was written for
# Pyodide restores a snapshot into a fresh runtime's memory, which is the WebAssembly module's
# initial memory (31,457,280 bytes in 314.0.7), and throws when the snapshot holds more
# (pyodide issue 6254); the worker then boots the slow way on every visit. The snapshot holds
# the whole memory, so it grows past that as soon as the warm-up's heap does: the heap's top
# after the warm-up must stay this far below the initial memory (it was 5.2 MB below in
# 2026-12; one more big import in calculators/web/warm.py would eat into it).
ROOM_MARGIN = 2 * 1024 * 1024

Booted = tuple[dict[str, Any], dict[str, Any], dict[str, Any]]


def node(*args: str) -> str:
    proc = subprocess.run(
        ["node", str(BOOT), *args], capture_output=True, text=True, timeout=300, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"Pyodide failed:\n{proc.stderr[-3000:]}")
    return proc.stdout


@pytest.fixture(scope="module")
def booted(tmp_path_factory: pytest.TempPathFactory) -> Booted:
    """(normal boot's probe, snapshot boot's probe, what making the snapshot reported), both on
    the standard library the site ships (trimmed, compiled to bytecode)."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    assert (PYODIDE / "pyodide.mjs").is_file(), "npm ci has not installed pyodide (make setup)"
    tmp = tmp_path_factory.mktemp("snapshot")
    runtime_dir, app_dir = site_runtime(tmp)
    version = pyodide_version(PYODIDE)
    stdlib = ship_stdlib(PYODIDE, version, stdlib_keep(), runtime_dir, ROOT / STDLIB_CACHE_DIR)
    (wheel,) = app_dir.glob("*.whl")
    snapshot = tmp / "snapshot.bin"
    common = (str(runtime_dir), str(app_dir), str(stdlib))
    made: dict[str, Any] = json.loads(node(*common, "make", str(snapshot), str(wheel)))
    assert snapshot.stat().st_size == made["bytes"] > 10_000_000  # the whole WebAssembly memory
    normal = run_probe(runtime_dir, app_dir, stdlib)
    from_snapshot: dict[str, Any] = json.loads(node(*common, "load", str(snapshot), str(PROBE)))
    return normal, from_snapshot, made


def _undated(text: str) -> str:
    return re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:-", text)  # the calendar's making time


def test_a_snapshot_boot_answers_like_a_normal_boot(booted: Booted) -> None:
    normal, from_snapshot, _ = booted
    assert normal["renders"].keys() == from_snapshot["renders"].keys()
    for case, answer in normal["renders"].items():
        assert _undated(from_snapshot["renders"][case]) == _undated(answer), case


def test_every_module_of_the_package_is_in_the_snapshot(booted: Booted) -> None:
    _, from_snapshot, _ = booted
    package = ROOT / "calculators"
    wanted = {
        p.relative_to(ROOT).as_posix() for p in package.rglob("*.py") if p.name != "__main__.py"
    }
    in_memory = {
        m.group(1) for f in from_snapshot["files"] if (m := re.search(r"/(calculators/.+\.py)$", f))
    }
    assert wanted - in_memory == set()


def test_the_pyodide_pin_is_the_one_the_snapshot_code_was_checked_with() -> None:
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    installed = json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))["version"]
    assert pins["pyodide"] == installed == CHECKED_PIN, (
        "docs/assets/calc/worker.js uses Pyodide's private snapshot API (_makeSnapshot, "
        "_loadSnapshot, makeMemorySnapshot) as it was in "
        f"{CHECKED_PIN}: check it against the new version (this file's tests, "
        "tests/browser/test_snapshot_in_browser.py), then update CHECKED_PIN"
    )


def test_the_snapshot_fits_the_memory_it_is_restored_into_with_room_to_spare(
    booted: Booted,
) -> None:
    _, _, made = booted
    initial = wasm_initial_memory(PYODIDE / "pyodide.asm.wasm")
    assert made["memory"] <= initial, "a snapshot Pyodide cannot restore (pyodide issue 6254)"
    room = initial - made["heapBreak"]
    assert room >= ROOM_MARGIN, (
        f"the warm-up leaves {room:,} bytes of the runtime's initial memory ({initial:,}); "
        f"below {ROOM_MARGIN:,} a little more in calculators/web/warm.py makes snapshots "
        "that cannot be restored"
    )


def test_the_memory_reading_finds_a_module_s_declared_memory(tmp_path: Path) -> None:
    # A module with one memory of 3 pages, and one importing a memory of 2 pages.
    own = b"\0asm\1\0\0\0" + bytes([5, 3, 1, 0, 3])
    imported = (
        b"\0asm\1\0\0\0" + bytes([2, 10, 1, 1]) + b"e" + bytes([3]) + b"mem" + bytes([2, 0, 2])
    )
    (tmp_path / "own.wasm").write_bytes(own)
    (tmp_path / "imported.wasm").write_bytes(imported)
    assert wasm_initial_memory(tmp_path / "own.wasm") == 3 * 65536
    assert wasm_initial_memory(tmp_path / "imported.wasm") == 2 * 65536
