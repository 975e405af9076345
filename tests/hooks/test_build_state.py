"""hooks/buildstate.py: what a build's hooks carry from one event to a later one is that build's
own, so two builds in one process (a `mkdocs serve` rebuild, the zh-Hant build inside the
Simplified one, the tests' builds) never read what the other left behind.
tests/hooks/test_site_build.py builds twice in one process; these call the events directly."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from hooks import buildstate, csp, runtime


def fake_config(tmp_path: Path, name: str) -> Any:
    return SimpleNamespace(extra={}, site_dir=str(tmp_path / name), docs_dir=str(tmp_path))


def test_one_state_per_config() -> None:
    first: Any = SimpleNamespace()
    second: Any = SimpleNamespace()
    state = buildstate.of(first)
    assert buildstate.of(first) is state
    assert buildstate.of(second) is not state


def test_a_build_keeps_the_command_it_started_under() -> None:
    csp.on_startup(command="serve", dirty=False)
    try:
        served: Any = SimpleNamespace()
        csp.on_config(served)
        assert buildstate.of(served).serve
    finally:
        csp.on_shutdown()
    later: Any = SimpleNamespace()
    csp.on_config(later)
    assert not buildstate.of(later).serve  # the serve command line is over
    assert buildstate.of(served).serve  # and the served build is still what it was


def test_each_build_writes_the_app_its_own_on_config_chose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two builds interleaved as hooks/traditional.py interleaves them: the second one's
    # on_config runs between the first one's on_config and its on_post_build.
    apps = iter(
        [
            runtime.App("1", tmp_path / "one.whl", "1" * 64, {}),
            runtime.App("1", tmp_path / "two.whl", "2" * 64, {}),
        ]
    )
    written: list[tuple[str, str]] = []
    monkeypatch.setattr(runtime, "prepare_app", lambda root, node: next(apps))
    monkeypatch.setattr(runtime, "forget_stale_package", lambda digest: False)
    monkeypatch.setattr(runtime, "copy_runtime", lambda node, dest: [])
    monkeypatch.setattr(runtime, "ship_stdlib", lambda *args: Path("python_stdlib-x.zip"))
    monkeypatch.setattr(
        runtime,
        "write_app",
        lambda app, runtime_dir: written.append((app.dir_name, Path(runtime_dir).parts[-4])),
    )
    outer, inner = fake_config(tmp_path, "outer"), fake_config(tmp_path, "inner")
    runtime.on_config(outer)
    runtime.on_config(inner)
    runtime.on_post_build(config=inner)
    runtime.on_post_build(config=outer)
    assert written == [(f"calculators-{'2' * 16}", "inner"), (f"calculators-{'1' * 16}", "outer")]
    assert outer.extra["calc_runtime"]["app"] == f"calculators-{'1' * 16}"


def test_a_build_without_on_config_says_so(tmp_path: Path) -> None:
    with pytest.raises(runtime.PluginError, match="on_config did not run"):
        runtime.on_post_build(config=fake_config(tmp_path, "never-configured"))
