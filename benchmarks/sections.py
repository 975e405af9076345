"""The benchmark's sections, each a function that measures and stores its results.

``python -m benchmarks --only a,b`` runs some of them (:data:`SECTIONS`); the report lists a
target whose section did not run as not measured.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

from benchmarks.browser import SLOW_4G
from benchmarks.cli import REPO, log
from benchmarks.lighthouse import LighthouseRun, run_lighthouse
from benchmarks.measure import (
    PYTHON_READY,
    bare_runtime_once,
    calculator_once,
    recalc_once,
    transfer_once,
)
from benchmarks.pages import GUIDE, recalc_cases
from benchmarks.repeat import (
    RepeatRun,
    calibrate,
    page_bytes_once,
    repeat_once,
    slow_once,
)
from benchmarks.server import PagesServer
from benchmarks.stats import Sample

SECTIONS = (
    "build",
    "calibrate",
    "startup",
    "recalc",
    "transfer",
    "repeat",
    "offline",
    "bytes",
    "slow4g",
    "boot",
    "lighthouse",
)
BARE = "/bench-bare/"
REFERENCE = "/bench-reference/"
REFERENCE_SITE = "/bench-reference-site/"


@dataclass
class Bench:
    """What every browser section needs: the options, the browser, the server and the site's
    paths; ``results`` collects what the sections measure."""

    args: argparse.Namespace
    server: PagesServer
    base: str  # the site's URL path
    index_url: str  # the runtime's directory (URL path)
    first: str  # the calculator page measured (URL path)
    second: str  # the calculator reached by instant navigation
    results: dict[str, Any]
    browser: Browser | None = None
    # The private copy of the built site and a scratch directory (the section `boot` serves the
    # site again at a root of its own).
    site: Path | None = None
    scratch: Path | None = None
    # Whether a first visit has seen a memory snapshot: None until one has waited in full.
    snapshot_seen: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.server.origin

    @property
    def chromium(self) -> Browser:
        if self.browser is None:
            raise RuntimeError("a browser section ran without a browser")
        return self.browser

    def snapshot_wait(self) -> float:
        """The first visit waits --snapshot-wait seconds for a snapshot; once one has waited
        that long and seen none, later ones wait 5 s (the report says so)."""
        wait: float = self.args.snapshot_wait
        return min(wait, 5.0) if self.snapshot_seen is False else wait

    def saw(self, run: RepeatRun) -> None:
        if run.first.snapshot:
            self.snapshot_seen = True
        elif self.snapshot_seen is None and run.first.snapshot_waited_s >= self.args.snapshot_wait:
            self.snapshot_seen = False
            self.results["snapshot_note"] = (
                f"no snapshot cache was complete {self.args.snapshot_wait:g} s after the first "
                "visit's offline line; later first visits waited 5 s"
            )


def calibrate_section(b: Bench) -> None:
    guide = f"{b.origin}{b.base}{GUIDE}/"
    found = calibrate(b.chromium, b.server, b.origin + b.first, guide)
    b.results["calibration"] = found
    log(f"calibration: {json.dumps(found)}")


def startup(b: Bench) -> None:
    browser, origin = b.chromium, b.origin
    log("warm-up (not recorded)")
    bare_runtime_once(browser, origin + BARE)
    calculator_once(browser, origin, b.first, b.second, PYTHON_READY)
    bare_t, cold, warm, instant = [], [], [], []
    for n in range(b.args.runs):
        bare_t.append(bare_runtime_once(browser, origin + BARE))
        run = calculator_once(browser, origin, b.first, b.second, PYTHON_READY)
        cold.append(run.cold)
        warm.append(run.warm)
        instant.append(run.instant)
        log(
            f"run {n + 1}/{b.args.runs}: bare {bare_t[-1]:.0f} ms, cold {run.cold:.0f}"
            f", warm {run.warm:.0f}, instant {run.instant:.0f}"
        )
    b.results.update(
        bare=Sample.of(bare_t),
        cold=Sample.of(cold),
        warm=Sample.of(warm),
        instant=Sample.of(instant),
    )


def recalc(b: Bench) -> None:
    out: dict[str, dict[str, Sample]] = {}
    for case in recalc_cases(b.args.changes, b.base):
        out[case.label] = {}
        for event in ("change", "input"):
            s = Sample.of(recalc_once(b.chromium, b.origin, case, event, PYTHON_READY))
            out[case.label][event] = s
            log(
                f"recalc {case.label} ({event}): p50 {s.percentile(50):.1f} ms"
                f", p95 {s.percentile(95):.1f} ms"
            )
    b.results["recalc"] = out


def transfer(b: Bench) -> None:
    out: dict[str, dict[str, object]] = {}
    pages = {
        "home": (b.base, None),
        "guide": (f"{b.base}{GUIDE}/", None),
        "calculator": (b.first, PYTHON_READY),
        "reference": (REFERENCE, None),
        "reference-site": (f"{REFERENCE_SITE}{GUIDE}/", None),
    }
    for label, (path, ready) in pages.items():
        runs = [
            transfer_once(b.chromium, b.server, b.origin + path, b.index_url, ready)
            for _ in range(b.args.runs)
        ]
        out[label] = {
            "path": path,
            "bytes": Sample.of((r.encoded for r in runs), "B"),
            "requests": Sample.of((r.requests for r in runs), "requests"),
            "pyodide": Sample.of((r.pyodide for r in runs), "B"),
            "background": Sample.of((r.background for r in runs), "B"),
            "rows": runs[-1].rows,
            "cdp_bytes": Sample.of((r.cdp_encoded for r in runs), "B"),
            "cdp_requests": Sample.of((r.cdp_requests for r in runs), "requests"),
            "failed": sorted({f for r in runs for f in r.failed}),
        }
        log(
            f"transfer {label}: {runs[-1].encoded} B in {runs[-1].requests} requests "
            f"({runs[-1].background} B in the background)"
        )
    b.results["transfer"] = out


def repeat(b: Bench, online: bool, offline: bool) -> None:
    runs = []
    guide = f"{b.origin}{b.base}{GUIDE}/" if online else None
    for n in range(b.args.runs):
        try:
            run = repeat_once(
                b.chromium,
                b.server,
                b.origin + b.first,
                b.index_url,
                snapshot_wait_s=b.snapshot_wait(),
                online=online,
                offline=offline,
                guide_url=guide,
            )
        except (PlaywrightError, RuntimeError) as err:
            runs.append(failed(f"repeat {n + 1}/{b.args.runs}", err))
            continue
        b.saw(run)
        runs.append(asdict(run))
        log(f"repeat {n + 1}/{b.args.runs}: {describe(run)}")
    b.results["repeat"] = runs


def failed(what: str, err: Exception) -> dict[str, str]:
    """A run that failed: logged and kept (the report lists it), and the next run goes on."""
    message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    log(f"{what} failed: {message}")
    return {"error": message}


def describe(run: RepeatRun) -> str:
    f = run.first
    parts = [
        f"first {f.ready:.0f} ms",
        f"offline line {'-' if f.offline_ready_s is None else f'{f.offline_ready_s:.1f} s'}",
        f"snapshot {'none' if f.snapshot is None else f'{f.snapshot_s:.1f} s'}",
    ]
    for name, visit in (("repeat", run.repeat), ("offline", run.offline)):
        if visit is not None:
            ready = "no answer" if visit.ready is None else f"{visit.ready:.0f} ms"
            parts.append(f"{name} {ready} ({visit.boot or '?'} boot)")
    if run.guide is not None:
        parts.append(f"guide: {len(run.guide.runtime_requests)} runtime URLs")
    return ", ".join(parts)


def page_bytes(b: Bench) -> None:
    out: dict[str, list[dict[str, Any]]] = {}
    for label, path in (("home", b.base), ("guide", f"{b.base}{GUIDE}/")):
        out[label] = []
        for _ in range(b.args.runs):
            first, again = page_bytes_once(b.chromium, b.server, b.origin + path, b.index_url)
            out[label].append({"first": asdict(first), "repeat": asdict(again)})
        log(f"bytes {label}: first {first.encoded} B, repeat {again.encoded} B")
    runs = [r for r in b.results.get("repeat") or [] if r.get("repeat")]
    if not runs:
        for n in range(b.args.runs):
            try:
                run = repeat_once(
                    b.chromium,
                    b.server,
                    b.origin + b.first,
                    b.index_url,
                    snapshot_wait_s=b.snapshot_wait(),
                )
            except (PlaywrightError, RuntimeError) as err:
                failed(f"bytes, calculator {n + 1}/{b.args.runs}", err)
                continue
            b.saw(run)
            runs.append(asdict(run))
    out["calculator"] = [
        {"first": r["first"]["transfer"], "repeat": r["repeat"]["transfer"]} for r in runs
    ]
    b.results["page_bytes"] = out


def slow4g(b: Bench) -> None:
    runs = []
    for n in range(b.args.slow_runs):
        try:
            run = slow_once(
                b.chromium,
                b.server,
                b.origin + BARE,
                b.origin + b.first,
                b.index_url,
                SLOW_4G,
                b.snapshot_wait(),
            )
        except (PlaywrightError, RuntimeError) as err:
            runs.append(failed(f"slow 4G {n + 1}/{b.args.slow_runs}", err))
            continue
        b.saw(run.run)
        runs.append(asdict(run))
        log(f"slow 4G {n + 1}/{b.args.slow_runs}: bare {run.bare:.0f} ms, {describe(run.run)}")
    b.results["slow4g"] = runs


def lighthouse(b: Bench, pages: dict[str, tuple[str, str]], raw: Path) -> None:
    runs: dict[str, list[LighthouseRun]] = {}
    targets = {"reference": REFERENCE, **{k: path for k, (path, _) in pages.items()}}
    for n in range(b.args.lighthouse_runs):
        for label, path in targets.items():
            out = raw / f"lighthouse-{label.strip('/').replace('/', '-')}-{n}.json"
            run = run_lighthouse(REPO, b.origin + path, out)
            runs.setdefault(label, []).append(run)
            log(
                f"lighthouse {n + 1}/{b.args.lighthouse_runs} {label}: "
                f"perf {run.performance:g}, a11y {run.accessibility:g}"
            )
    b.results["lighthouse"] = runs
    b.results["lighthouse_pages"] = {k: {"path": p, "why": why} for k, (p, why) in pages.items()}
