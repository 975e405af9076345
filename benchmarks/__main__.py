"""``python -m benchmarks``: measure the built site and write BENCHMARKS.md (see issue 6).

Order of work: the timed builds first (nothing else running), then the references (bare
runtime page, bare-theme site), then one server for everything and the browser measurements,
interleaved so that a slow moment of the machine falls on both sides of a ratio, then
Lighthouse, round-robin over the pages for the same reason. Raw numbers and Lighthouse's JSON
reports go to build/bench/ (git-ignored); the report goes to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks import report
from benchmarks.bare import write_bare_page
from benchmarks.browser import chromium
from benchmarks.cli import REPO, add_run_options, log, settle
from benchmarks.lighthouse import LighthouseRun, run_lighthouse
from benchmarks.measure import (
    RecalcCase,
    bare_runtime_once,
    calculator_once,
    recalc_once,
    transfer_once,
)
from benchmarks.reference import build_reference, load_config
from benchmarks.server import serve
from benchmarks.stats import Sample

# A widget whose result the bridge (docs/assets/calc/bridge.js) replaced with one computed by
# Python in the browser: it sets data-renders (a count of such renders) and data-state="ready"
# together, and the prerendered result from the build has neither.
PYTHON_READY = '.calc[data-calc][data-state="ready"][data-renders]'
GUIDE = "guide/negotiate"
FIRST_CALC = "schedule"
SECOND_CALC = "payoff"
BARE = "/bench-bare/"
REFERENCE = "/bench-reference/"
REFERENCE_SITE = "/bench-reference-site/"


def mkdocs() -> Path:
    return Path(sys.executable).with_name("mkdocs")


def timed_builds(runs: int, scratch: Path) -> Sample:
    """Wall time of ``mkdocs build --strict`` of the whole site into a new, empty directory."""
    times = []
    for n in range(runs):
        out = scratch / f"build-{n}"
        start = time.perf_counter()
        subprocess.run(
            [str(mkdocs()), "build", "--strict", "--quiet", "-d", str(out)],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        times.append((time.perf_counter() - start) * 1000)
        shutil.rmtree(out)
        log(f"build {n + 1}/{runs}: {times[-1] / 1000:.1f} s")
    return Sample.of(times)


def runtime_dirs(site: Path, base: str) -> tuple[str, str | None]:
    """URL paths of the site's Pyodide directory and of the lock file the site loads."""
    found = sorted(site.rglob("pyodide.mjs"))
    if not found:
        raise SystemExit("the built site holds no pyodide.mjs: is the runtime hook in place?")
    index = found[0].parent
    locks = sorted(index.rglob("pyodide-lock.json"), key=lambda p: len(p.parts))
    rel = base + index.relative_to(site).as_posix() + "/"
    lock = base + locks[0].relative_to(site).as_posix() if locks else None
    return rel, lock


def site_base() -> tuple[str, str]:
    """The site_url of mkdocs.yml and its path (where GitHub Pages serves the site)."""
    site_url = str(load_config(REPO / "mkdocs.yml").get("site_url") or "http://127.0.0.1/")
    return site_url, urlsplit(site_url).path or "/"


def calculator_pages(site: Path, base: str) -> list[str]:
    pages = []
    if (site / "calculators" / "index.html").is_file():
        pages.append(f"{base}calculators/")
    for page in sorted((site / "calculators").glob("*/index.html")):
        pages.append(f"{base}calculators/{page.parent.name}/")
    return pages


def recalc_cases(changes: int, base: str) -> list[RecalcCase]:
    """A 360-month schedule (principal changes) and a 10-debt payoff plan (budget changes).

    Each step's expected figure is computed here by CPython with the same package, so the
    browser's latency is measured to the right answer, not merely to a change.
    """
    import re

    from calculators.web import render

    def figure(name: str, inputs: dict[str, str], key: str) -> str:
        result = render(name, inputs)
        if not result.get("ok"):
            raise SystemExit(f"{name} {inputs}: {result}")
        match = re.search(rf'data-key="{re.escape(key)}">([^<]*)<', str(result["html"]))
        if match is None:
            raise SystemExit(f"{name}: no data-key {key}")
        return match.group(1).strip()

    schedule = {
        "principal": "1000000",
        "annual_rate": "4.9",
        "months": "360",
        "method": "equal_payment",
    }
    debts = "\n".join(
        f"债务{i},{4000 + i * 1500},{10 + i * 2},{100 + i * 25}" for i in range(1, 11)
    )
    payoff = {"debts": debts, "budget": "6000"}
    cases = []
    for label, name, inputs, field, key, start, step in (
        ("还款计划 360 期", "schedule", schedule, "principal", "total_payment", 1_000_000, 1000),
        ("还款顺序 10 笔债务", "payoff", payoff, "budget", "avalanche.total_interest", 6000, 7),
    ):
        steps = []
        previous = figure(name, inputs, key)
        for n in range(1, changes + 1):
            value = str(start + n * step)
            expected = figure(name, {**inputs, field: value}, key)
            if expected == previous:
                raise SystemExit(f"{label}: step {n} does not change {key}")
            steps.append((value, expected))
            previous = expected
        query = "&".join(f"{k}={_quote(v)}" for k, v in inputs.items())
        cases.append(
            RecalcCase(label, f"{base}calculators/{name}/?{query}", name, field, key, tuple(steps))
        )
    return cases


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    add_run_options(parser, output=REPO / "BENCHMARKS.md")
    parser.add_argument("--changes", type=int, default=60, help="input changes per recalc case")
    parser.add_argument("--builds", type=int, default=3, help="timed mkdocs builds")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="runs of each page")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="measure nothing: write the report again from the last run's results.json "
        "(after editing benchmarks/levers.md)",
    )
    parser.add_argument("--raw", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args(argv)
    if args.render_only:
        saved = json.loads((args.raw / "results.json").read_text(encoding="utf-8"))
        args.output.write_text(report.render(saved, REPO), encoding="utf-8")
        log(f"wrote {args.output} from {args.raw / 'results.json'}")
        return 0
    settle(args)
    started = time.monotonic()
    info = report.machine_info(REPO)
    info["load_start"] = os.getloadavg()
    info["nice"] = args.nice
    site: Path = args.site.resolve()
    if not (site / "index.html").is_file():
        log("no built site: building it")
        subprocess.run([str(mkdocs()), "build", "--strict", "--quiet"], cwd=REPO, check=True)
    args.raw.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {"info": info, "args": {k: str(v) for k, v in vars(args).items()}}

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        log(f"timing {args.builds} builds")
        results["build"] = timed_builds(args.builds, scratch)

        # A private copy: a `make build` elsewhere during the run must not change what is served.
        site = Path(shutil.copytree(site, scratch / "site"))
        site_url, base = site_base()
        index_url, lock_url = runtime_dirs(site, base)
        bare = write_bare_page(
            scratch / "bare", index_url, {"lockFileURL": lock_url} if lock_url else None
        )
        guide_md = REPO / "docs" / f"{GUIDE}.md"
        ref = build_reference(REPO, guide_md, scratch / "reference")
        ref_site = build_reference(REPO, guide_md, scratch / "reference-site", whole_site=True)
        cases = recalc_cases(args.changes, base)
        calc_pages = calculator_pages(site, base)
        (scratch / "root").mkdir()
        mounts = {
            "/": scratch / "root",
            base: site,
            BARE: bare,
            REFERENCE: ref,
            REFERENCE_SITE: ref_site,
        }
        with serve(mounts, lifetime=3600) as server:
            log(f"serving on {server.origin}{base}; compressing {server.warm()} files once")
            origin = server.origin
            # mkdocs-material's instant navigation follows only links listed in sitemap.xml,
            # whose URLs carry site_url's host and port: the test server stands in for that
            # host, as GitHub Pages would be it.
            sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
            local = sitemap.replace(site_url.rstrip("/") + "/", origin + base)
            server.replace(base + "sitemap.xml", local.encode())
            first = f"{base}calculators/{FIRST_CALC}/"
            second = f"{base}calculators/{SECOND_CALC}/"
            with chromium() as browser:
                info["chromium"] = browser.version
                log("warm-up (not recorded)")
                bare_runtime_once(browser, origin + BARE)
                calculator_once(browser, origin, first, second, PYTHON_READY)
                bare_t, cold, warm, instant = [], [], [], []
                for n in range(args.runs):
                    bare_t.append(bare_runtime_once(browser, origin + BARE))
                    run = calculator_once(browser, origin, first, second, PYTHON_READY)
                    cold.append(run.cold)
                    warm.append(run.warm)
                    instant.append(run.instant)
                    log(
                        f"run {n + 1}/{args.runs}: bare {bare_t[-1]:.0f} ms, cold {run.cold:.0f}"
                        f", warm {run.warm:.0f}, instant {run.instant:.0f}"
                    )
                results["bare"] = Sample.of(bare_t)
                results["cold"] = Sample.of(cold)
                results["warm"] = Sample.of(warm)
                results["instant"] = Sample.of(instant)

                recalc: dict[str, dict[str, Sample]] = {}
                for case in cases:
                    recalc[case.label] = {}
                    for event in ("change", "input"):
                        times = recalc_once(browser, origin, case, event, PYTHON_READY)
                        recalc[case.label][event] = Sample.of(times)
                        s = recalc[case.label][event]
                        log(
                            f"recalc {case.label} ({event}): p50 {s.percentile(50):.1f} ms"
                            f", p95 {s.percentile(95):.1f} ms"
                        )
                results["recalc"] = recalc

                transfer: dict[str, dict[str, object]] = {}
                targets = {
                    "home": (base, None),
                    "guide": (f"{base}{GUIDE}/", None),
                    "calculator": (first, PYTHON_READY),
                    "reference": (REFERENCE, None),
                    "reference-site": (f"{REFERENCE_SITE}{GUIDE}/", None),
                }
                for label, (path, ready) in targets.items():
                    runs = [
                        transfer_once(browser, server, origin + path, index_url, ready)
                        for _ in range(args.runs)
                    ]
                    transfer[label] = {
                        "path": path,
                        "bytes": Sample.of((r.encoded for r in runs), "B"),
                        "requests": Sample.of((r.requests for r in runs), "requests"),
                        "pyodide": Sample.of((r.pyodide for r in runs), "B"),
                        "rows": runs[-1].rows,
                        "cdp_bytes": Sample.of((r.cdp_encoded for r in runs), "B"),
                        "cdp_requests": Sample.of((r.cdp_requests for r in runs), "requests"),
                        "failed": sorted({f for r in runs for f in r.failed}),
                    }
                    log(f"transfer {label}: {runs[-1].encoded} B in {runs[-1].requests} requests")
                results["transfer"] = transfer

            lighthouse: dict[str, list[LighthouseRun]] = {}
            if not args.skip_lighthouse:
                pages = {"reference": REFERENCE, "home": base, "guide": f"{base}{GUIDE}/"}
                pages.update({p.removeprefix(base): p for p in calc_pages})
                for n in range(args.lighthouse_runs):
                    for label, path in pages.items():
                        out = args.raw / f"lighthouse-{label.strip('/').replace('/', '-')}-{n}.json"
                        lh_run = run_lighthouse(REPO, origin + path, out)
                        lighthouse.setdefault(label, []).append(lh_run)
                        log(
                            f"lighthouse {n + 1}/{args.lighthouse_runs} {label}: "
                            f"perf {lh_run.performance:g}, a11y {lh_run.accessibility:g}"
                        )
            results["lighthouse"] = lighthouse
            results["pages"] = {"base": base, "guide": f"{base}{GUIDE}/", "calculators": calc_pages}

    info["load_end"] = os.getloadavg()
    info["duration_s"] = time.monotonic() - started
    (args.raw / "results.json").write_text(
        json.dumps(results, default=_jsonable, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    args.output.write_text(report.render(results, REPO), encoding="utf-8")
    log(f"wrote {args.output} in {info['duration_s'] / 60:.1f} min")
    return 0


def _jsonable(value: object) -> object:
    if isinstance(value, Sample | LighthouseRun):
        return asdict(value)
    raise TypeError(type(value))


if __name__ == "__main__":
    raise SystemExit(main())
