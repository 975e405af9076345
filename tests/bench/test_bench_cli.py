"""The benchmark's two commands share their options (benchmarks/cli.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest

from benchmarks import __main__ as bench
from benchmarks import levers
from benchmarks.cli import REPO, add_run_options

SHARED = ("--runs", "--wait-quiet", "--nice", "--site", "--output")


@pytest.mark.parametrize("main", [bench.main, levers.main], ids=["benchmarks", "levers"])
def test_both_commands_offer_the_shared_options(
    main: Callable[[list[str]], int], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    usage = capsys.readouterr().out
    for option in SHARED:
        assert option in usage


def test_the_shared_options_parse_with_their_defaults() -> None:
    parser = argparse.ArgumentParser()
    add_run_options(parser, output=REPO / "out.md")
    args = parser.parse_args(["--runs", "3", "--nice", "-5"])
    assert (args.runs, args.nice, args.wait_quiet) == (3, -5, 120)
    assert args.site == REPO / "site"
    assert args.output == REPO / "out.md"
