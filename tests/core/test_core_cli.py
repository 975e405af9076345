"""The command line: python -m calculators NAME key=value ..."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_schedule_prints_json() -> None:
    done = cli(
        "schedule", "principal=1000000", "annual_rate=4.9", "months=360", "method=equal_payment"
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["monthly_payment"] == "5307.27"
    assert len(result["rows"]) == 360
    assert '"method": "equal_payment"' in done.stdout
    named = cli("payoff", "debts=信用卡,3000,18,150", "budget=500")
    assert "信用卡" in named.stdout  # ensure_ascii=False: Chinese stays readable
    assert done.stdout.startswith("{\n  ")  # indent 2


def test_defaults_and_values_with_equals_signs() -> None:
    done = cli("payoff", "debts=甲,1000,12,100", "budget=500")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["avalanche"]["months"] == 3


def test_bad_input_exits_2_with_the_message() -> None:
    done = cli("schedule", "months=601")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("months: ")
    assert "600" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("nope",),
        ("schedule", "principal"),
        ("schedule", "unknown=1"),
        ("schedule", "=1"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    done = cli(*args)
    assert done.returncode == 2
    assert "用法" in done.stderr
    assert done.stdout == ""


def test_help_exits_0() -> None:
    done = cli("--help")
    assert done.returncode == 0
    assert "用法" in done.stdout
