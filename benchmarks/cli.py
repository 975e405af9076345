"""What the benchmark's two commands share: their common options, the progress log, and the
wait for a quiet machine (``python -m benchmarks`` and ``python -m benchmarks.levers``)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def wait_for_quiet(max_wait_s: float, threshold: float = 1.0) -> None:
    """Wait (at most ``max_wait_s``) for the 1-minute load average to drop below ``threshold``.

    On a shared 2-core machine anything else running shows up in every number; the report
    prints the load average at the start and the end either way.
    """
    deadline = time.monotonic() + max_wait_s
    while os.getloadavg()[0] >= threshold and time.monotonic() < deadline:
        log(f"load average {os.getloadavg()[0]:.2f}: waiting for the machine to be quiet")
        time.sleep(15)


def add_run_options(parser: argparse.ArgumentParser, *, output: Path) -> None:
    """--runs, --wait-quiet, --nice, --site and --output (written to ``output`` by default)."""
    parser.add_argument("--runs", type=int, default=5, help="runs of each browser timing")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=120,
        metavar="SECONDS",
        help="wait up to this long for a 1-minute load average below 1 before starting",
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="change this process's (and so the browser's) scheduling priority, e.g. -10 "
        "when other jobs share the machine (negative values need root)",
    )
    parser.add_argument("--site", type=Path, default=REPO / "site", help="the built site")
    parser.add_argument("--output", type=Path, default=output, help="the report to write")


def settle(args: argparse.Namespace) -> None:
    """Apply --nice (children, Chromium, Lighthouse and mkdocs, inherit the priority), then wait
    up to --wait-quiet seconds for a quiet machine."""
    if args.nice:
        os.nice(args.nice)
    wait_for_quiet(args.wait_quiet)
