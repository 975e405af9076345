"""Lighthouse (the pinned npm package) on Debian Chromium, default mobile settings.

Default mobile settings mean Lighthouse's own emulated phone and *simulated* throttling: the
page loads at full speed and Lighthouse computes what a slow 4G phone would see, so the
benchmark's DevTools throttle is not involved here. Only the performance and accessibility
categories run (the others do not enter a target), and the full-page screenshot is skipped;
neither changes a score.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.chromium import CHROMIUM, CHROMIUM_ARGS

METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


@dataclass(frozen=True)
class LighthouseRun:
    performance: float  # 0..100
    accessibility: float  # 0..100
    metrics: dict[str, float]  # numericValue of METRICS (ms, or unitless for CLS)
    failed_a11y: tuple[str, ...] = field(default=())  # accessibility audits that did not pass
    version: str = ""
    # The first failing elements of each failed audit: "audit: selector: explanation".
    a11y_details: tuple[str, ...] = field(default=())
    # Lighthouse's measure of this machine's CPU speed during the run (higher is faster).
    benchmark_index: float = 0.0


def lighthouse_bin(repo: Path) -> Path:
    return repo / "node_modules" / ".bin" / "lighthouse"


def run_lighthouse(repo: Path, url: str, out: Path, timeout: float = 180.0) -> LighthouseRun:
    """One Lighthouse run of ``url``; its JSON report is kept at ``out``."""
    flags = " ".join(["--headless", *CHROMIUM_ARGS])
    subprocess.run(
        [
            str(lighthouse_bin(repo)),
            url,
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility",
            "--skip-audits=full-page-screenshot",
            f"--chrome-flags={flags}",
            "--quiet",
        ],
        check=True,
        timeout=timeout,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return parse_report(json.loads(out.read_text(encoding="utf-8")))


def parse_report(report: dict[str, object]) -> LighthouseRun:
    categories = report["categories"]
    audits = report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    errors = report.get("runtimeError")
    if errors:
        raise RuntimeError(f"Lighthouse: {errors}")
    a11y = categories["accessibility"]
    failed = tuple(
        ref["id"]
        for ref in a11y["auditRefs"]
        if ref.get("weight", 0) > 0
        and (audits[ref["id"]].get("score") is not None)
        and audits[ref["id"]]["score"] < 1
    )
    details = []
    for audit in failed:
        for item in audits[audit].get("details", {}).get("items", [])[:3]:
            node = item.get("node", {})
            reason = str(node.get("explanation", "")).replace("Fix any of the following:", "")
            reason = " ".join(reason.split())[:160]
            details.append(f"{audit}: `{node.get('selector', '?')}`: {reason}")
    environment = report.get("environment", {})
    assert isinstance(environment, dict)
    return LighthouseRun(
        performance=round(float(categories["performance"]["score"]) * 100, 1),
        accessibility=round(float(a11y["score"]) * 100, 1),
        metrics={m: float(audits[m]["numericValue"]) for m in METRICS if m in audits},
        failed_a11y=failed,
        version=str(report.get("lighthouseVersion", "")),
        a11y_details=tuple(details),
        benchmark_index=float(environment.get("benchmarkIndex", 0.0)),
    )
