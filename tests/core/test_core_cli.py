"""The command line: python -m calculators NAME key=value ..."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


# --- issue 20, item 8 ----------------------------------------------------------------------


def test_a_closed_pipe_ends_quietly() -> None:
    # `| head -c 10`, made certain: the reading end is closed before the result is written.
    child = subprocess.Popen(
        [sys.executable, "-m", "calculators", "schedule", "months=600"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    with child.stderr:
        errors = child.stderr.read().decode("utf-8")
    assert child.wait(timeout=60) == 1
    assert "Traceback" not in errors and errors == ""  # was a BrokenPipeError traceback


def test_a_repeated_input_is_refused() -> None:
    done = cli("schedule", "months=6", "months=7")  # was: the last one, silently
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("参数 months 写了两次")


def run_with_stdin(text: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


LOG = "2026-05-06 22:30,对方打来,电话,x,未接 3 次\n2026-05-07 09:00,我打过去,电话,客服,问账单\n"


def test_a_multi_line_value_from_standard_input() -> None:
    done = run_with_stdin(LOG, "contacts", "log=@-")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [c["line"] for c in result["contacts"]] == [1, 2] and result["unanswered"] == 3


def test_a_multi_line_value_from_a_file(tmp_path: Path) -> None:
    log = tmp_path / "通话记录.txt"
    log.write_text("\ufeff" + LOG, encoding="utf-8")  # as Notepad saves it
    done = cli("contacts", f"log=@{log}")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["contacts"]) == 2
    missing = cli("contacts", f"log=@{tmp_path / 'nope.txt'}")
    assert missing.returncode == 2 and "读不了文件" in missing.stderr
    log.write_bytes("甲".encode("gb18030"))
    assert "不是 UTF-8" in cli("contacts", f"log=@{log}").stderr


def test_a_value_starting_with_at_is_written_twice() -> None:
    done = cli("letter_negotiate", "name=@@张三")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["person"]["name"] == "@张三"


def test_standard_input_is_read_once() -> None:
    done = run_with_stdin(LOG, "letter_negotiate", "name=@-", "reason=@-")
    assert done.returncode == 2 and "只能读一次" in done.stderr
