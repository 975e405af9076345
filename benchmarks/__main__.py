"""``python -m benchmarks``: measure the built site and write BENCHMARKS.md (issues 6 and 15).

Order of work: the timed builds first (nothing else running), then the references (bare
runtime page, bare-theme site), then one server for everything and the browser measurements
(:mod:`benchmarks.sections`), interleaved so that a slow moment of the machine falls on both
sides of a ratio, then Lighthouse, round-robin over the pages for the same reason. Raw numbers
and Lighthouse's JSON reports go to build/bench/ (git-ignored); the report goes to
BENCHMARKS.md. ``--only`` runs some sections and, unless ``--output`` says otherwise, writes
its report and results next to the raw numbers instead, so a partial run never replaces
BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import report, sections
from benchmarks.bare import write_bare_page
from benchmarks.boot import boot
from benchmarks.browser import chromium
from benchmarks.cli import REPO, add_run_options, log, settle
from benchmarks.measure import PYTHON_READY
from benchmarks.pages import (
    FIRST_CALC,
    GUIDE,
    SECOND_CALC,
    calculator_pages,
    lighthouse_pages,
    local_sitemap,
    runtime_dirs,
    site_base,
)
from benchmarks.reference import build_reference
from benchmarks.rooted import ROOTED, rooted
from benchmarks.server import serve
from benchmarks.stats import Sample

# Kept here for benchmarks.levers, which imports them from this module.
__all__ = ["PYTHON_READY", "main", "runtime_dirs", "site_base"]


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


def parse_sections(text: str) -> tuple[str, ...]:
    chosen = tuple(s.strip() for s in text.split(",") if s.strip())
    unknown = [s for s in chosen if s not in sections.SECTIONS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown section {', '.join(unknown)}; choose from {', '.join(sections.SECTIONS)}"
        )
    return chosen


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    add_run_options(p, output=REPO / "BENCHMARKS.md")
    p.add_argument("--changes", type=int, default=60, help="input changes per recalc case")
    p.add_argument("--builds", type=int, default=3, help="timed mkdocs builds")
    p.add_argument("--lighthouse-runs", type=int, default=3, help="runs of each page")
    p.add_argument(
        "--lighthouse-pages",
        choices=("default", "all"),
        default="default",
        help="default: one page of every kind (home, a guide page, the calculators' index, "
        "every calculator, the plan, the check, the letters' index, a letter, the contact "
        "log); all: every page of docs/ (about 35 minutes in all)",
    )
    p.add_argument("--skip-lighthouse", action="store_true")
    p.add_argument(
        "--slow-runs", type=int, default=2, help="runs on the slow-4G profile (~2 min each)"
    )
    p.add_argument(
        "--snapshot-wait",
        type=float,
        default=60,
        metavar="SECONDS",
        help="how long a first visit waits for the worker's memory snapshot in Cache Storage",
    )
    p.add_argument(
        "--only",
        type=parse_sections,
        default=None,
        metavar="SECTION,...",
        help=f"run only these sections, of: {', '.join(sections.SECTIONS)}",
    )
    p.add_argument(
        "--render-only",
        action="store_true",
        help="measure nothing: write the report again from the last run's results.json "
        "(after editing benchmarks/levers.md)",
    )
    p.add_argument("--raw", type=Path, default=REPO / "build" / "bench")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    chosen = set(args.only or sections.SECTIONS)
    if args.skip_lighthouse:
        chosen.discard("lighthouse")
    partial = args.only is not None
    results_file = args.raw / ("results-only.json" if partial else "results.json")
    if partial and "--output" not in (argv if argv is not None else sys.argv[1:]):
        args.output = args.raw / "BENCHMARKS-only.md"
    if args.render_only:
        saved = json.loads(results_file.read_text(encoding="utf-8"))
        args.output.write_text(report.render(saved, REPO), encoding="utf-8")
        log(f"wrote {args.output} from {results_file}")
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
    results: dict[str, Any] = {
        "info": info,
        "args": {k: str(v) for k, v in vars(args).items()},
        "sections": [s for s in sections.SECTIONS if s in chosen],
    }

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        if "build" in chosen:
            log(f"timing {args.builds} builds")
            results["build"] = timed_builds(args.builds, scratch)
        if chosen - {"build"}:
            measure(args, chosen, site, scratch, results)

    info["load_end"] = os.getloadavg()
    info["duration_s"] = time.monotonic() - started
    text = json.dumps(results, default=_jsonable, ensure_ascii=False, indent=1)
    results_file.write_text(text, encoding="utf-8")
    args.output.write_text(report.render(json.loads(text), REPO), encoding="utf-8")
    log(f"wrote {args.output} and {results_file} in {info['duration_s'] / 60:.1f} min")
    return 0


def measure(
    args: argparse.Namespace, chosen: set[str], site: Path, scratch: Path, results: dict[str, Any]
) -> None:
    """Serve a private copy of the site and the references, and run the chosen sections."""
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
    (scratch / "root").mkdir()
    mounts = {
        "/": scratch / "root",
        base: site,
        sections.BARE: bare,
        sections.REFERENCE: ref,
        sections.REFERENCE_SITE: ref_site,
    }
    results["pages"] = {
        "base": base,
        "guide": f"{base}{GUIDE}/",
        "calculators": calculator_pages(site, base),
    }
    with serve(mounts, lifetime=4 * 3600) as server:
        log(f"serving on {server.origin}{base}; compressing {server.warm()} files once")
        sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
        server.replace(base + "sitemap.xml", local_sitemap(sitemap, site_url, server.origin, base))
        b = sections.Bench(
            args=args,
            server=server,
            base=base,
            index_url=index_url,
            first=f"{base}calculators/{FIRST_CALC}/",
            second=f"{base}calculators/{SECOND_CALC}/",
            results=results,
            site=site,
            scratch=scratch,
        )
        browser_sections = chosen - {"build", "lighthouse"}
        if browser_sections:
            with chromium() as browser:
                b.browser = browser
                results["info"]["chromium"] = browser.version
                run_browser_sections(b, chosen)
                b.browser = None
        if "lighthouse" in chosen:
            pages = lighthouse_pages(site, base, every=args.lighthouse_pages == "all")
            results["lighthouse_scope"] = (
                "every page" if args.lighthouse_pages == "all" else "one page of every kind"
            )
            sections.lighthouse(b, pages, args.raw)


def run_browser_sections(b: sections.Bench, chosen: set[str]) -> None:
    if "calibrate" in chosen:
        sections.calibrate_section(b)
    if "startup" in chosen:
        sections.startup(b)
    if "recalc" in chosen:
        sections.recalc(b)
    if "transfer" in chosen:
        sections.transfer(b)
    if not chosen & ROOTED:
        return
    # Repeat visits are timed with the site at a root, where the worker keeps a snapshot.
    with rooted(b) as r:
        if chosen & {"repeat", "offline"}:
            sections.repeat(r, online="repeat" in chosen, offline="offline" in chosen)
        if "bytes" in chosen:
            sections.page_bytes(r)
        if "slow4g" in chosen:
            sections.slow4g(r)
        if "boot" in chosen:
            boot(r)


def _jsonable(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(type(value))


if __name__ == "__main__":
    raise SystemExit(main())
