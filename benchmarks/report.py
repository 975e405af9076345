"""BENCHMARKS.md from the results of one run (and benchmarks/levers.md, written by hand)."""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.browser import DOWN_BITS, LATENCY_MS, UP_BITS
from benchmarks.lighthouse import LighthouseRun
from benchmarks.stats import Sample

LEVERS = Path(__file__).with_name("levers.md")


def machine_info(repo: Path) -> dict[str, Any]:
    def first(path: str, prefix: str) -> str:
        try:
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip() if ":" in line else line
        except OSError:
            pass
        return "?"

    def version(cmd: Sequence[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    pyodide = json.loads((repo / "node_modules/pyodide/package.json").read_text())["version"]
    lighthouse = json.loads((repo / "node_modules/lighthouse/package.json").read_text())
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "memory": first("/proc/meminfo", "MemTotal"),
        "os": first("/etc/os-release", "PRETTY_NAME=").removeprefix("PRETTY_NAME=").strip('"'),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "node": version(["node", "--version"]),
        "pyodide": pyodide,
        "lighthouse": lighthouse["version"],
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs_material": metadata.version("mkdocs-material"),
        "playwright": metadata.version("playwright"),
    }


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def kb(value: float) -> str:
    return f"{value / 1024:,.1f} KiB" if value < 1024 * 1024 else f"{value / 1048576:,.2f} MiB"


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return ms(value)
    if unit == "B":
        return kb(value)
    return f"{value:g}"


def row(label: str, s: Sample) -> str:
    return (
        f"| {label} | **{fmt(s.median, s.unit)}** | {fmt(s.min, s.unit)} | "
        f"{fmt(s.max, s.unit)} | {s.n} |"
    )


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    ratio: float | None  # measured / reference, where the target is a ratio
    limit: str
    met: bool
    note: str = ""


def _sample(data: Any) -> Sample:
    if isinstance(data, Sample):
        return data
    return Sample(tuple(data["values"]), data.get("unit", "ms"))


def _lh(data: Any) -> LighthouseRun:
    return data if isinstance(data, LighthouseRun) else LighthouseRun(**data)


def targets(r: Mapping[str, Any]) -> list[Target]:
    out: list[Target] = []
    bare, cold = _sample(r["bare"]).median, _sample(r["cold"]).median
    warm, instant = _sample(r["warm"]).median, _sample(r["instant"]).median
    for name, value, ref, ref_name, limit in (
        ("Calculator page cold ready", cold, bare, "bare runtime", 1.15),
        ("Warm ready (HTTP cache)", warm, cold, "cold", 0.6),
        ("Second calculator after instant navigation", instant, cold, "cold", 0.2),
    ):
        ratio = value / ref
        met = ratio < limit if "instant" in name else ratio <= limit
        note = "" if met else f"over by {ratio - limit:.2f} x ({ms(value - limit * ref)})"
        out.append(
            Target(name, f"{ms(value)} vs {ref_name} {ms(ref)}", ratio, f"{limit} x", met, note)
        )
    for label, events in r["recalc"].items():
        s = _sample(events["change"])
        p95 = s.percentile(95)
        out.append(
            Target(
                f"Recalculation p95, {label}",
                ms(p95),
                None,
                "<= 50 ms",
                p95 <= 50,
                "" if p95 <= 50 else f"over by {ms(p95 - 50)}",
            )
        )
    tr = r["transfer"]
    guide, ref = _sample(tr["guide"]["bytes"]).median, _sample(tr["reference"]["bytes"]).median
    py = _sample(tr["guide"]["pyodide"]).max
    out.append(
        Target(
            "Guide page: Pyodide bytes",
            kb(py),
            None,
            "0",
            py == 0,
        )
    )
    ratio = guide / ref
    bare_ratio = _without_search(tr["guide"]["rows"]) / _without_search(tr["reference"]["rows"])
    out.append(
        Target(
            "Guide page bytes vs bare theme page",
            f"{kb(guide)} vs {kb(ref)}",
            ratio,
            "1.3 x",
            ratio <= 1.3,
            ""
            if ratio <= 1.3
            else f"over by {kb(guide - 1.3 * ref)}; without each site's search index "
            f"{bare_ratio:.2f} x",
        )
    )
    if "reference-site" in tr:
        whole = _sample(tr["reference-site"]["bytes"]).median
        ratio = guide / whole
        out.append(
            Target(
                "Guide page bytes vs the same page in the bare theme, whole site",
                f"{kb(guide)} vs {kb(whole)}",
                ratio,
                "1.3 x",
                ratio <= 1.3,
                "" if ratio <= 1.3 else f"over by {kb(guide - 1.3 * whole)}",
            )
        )
    lh = {k: [_lh(x) for x in v] for k, v in r.get("lighthouse", {}).items()}
    if lh:
        ref_perf = statistics.median(x.performance for x in lh["reference"])
        for page, runs in lh.items():
            if page == "reference":
                continue
            perf = statistics.median(x.performance for x in runs)
            a11y = min(x.accessibility for x in runs)
            out.append(
                Target(
                    f"Lighthouse performance, {page}",
                    f"{perf:g} vs {ref_perf:g}",
                    None,
                    ">= bare theme",
                    perf >= ref_perf,
                    "" if perf >= ref_perf else f"{ref_perf - perf:g} points below",
                )
            )
            failed = sorted({a for x in runs for a in x.failed_a11y})
            out.append(
                Target(
                    f"Lighthouse accessibility, {page}",
                    f"{a11y:g}",
                    None,
                    "100",
                    a11y == 100,
                    "" if a11y == 100 else "fails: " + ", ".join(failed),
                )
            )
    build = _sample(r["build"]).median
    out.append(
        Target(
            "Whole build",
            ms(build),
            None,
            "<= 20 s",
            build <= 20_000,
            "" if build <= 20_000 else f"over by {ms(build - 20_000)}",
        )
    )
    return out


def _without_search(rows: Sequence[Sequence[Any]]) -> int:
    return sum(int(n) for p, n in rows if not str(p).endswith("search/search_index.json"))


def render(r: Mapping[str, Any], repo: Path) -> str:
    info: dict[str, Any] = r["info"]
    args: dict[str, str] = r["args"]
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `make bench` (`python -m benchmarks`) on {info['date']}, in "
        f"{info['duration_s'] / 60:.1f} minutes. The numbers below are from that one run; "
        "regenerate rather than edit them. The section *Levers tried / next* is kept in "
        "`benchmarks/levers.md`.",
        "",
        "## Machine and versions",
        "",
        "| | |",
        "| --- | --- |",
        f"| CPU | {info['cpu']}, {info['cores']} cores |",
        f"| Memory | {info['memory']} |",
        f"| System | {info['os']}, Linux {info['kernel']} |",
        "| Load average (1, 5, 15 min) | start "
        + ", ".join(f"{x:.2f}" for x in info["load_start"])
        + "; end "
        + ", ".join(f"{x:.2f}" for x in info["load_end"])
        + " |",
        f"| Scheduling priority | nice {info.get('nice', 0)}"
        + (" (other jobs shared the machine; see the load average)" if info.get("nice") else "")
        + " |",
        f"| Chromium | {info.get('chromium', '?')} (Debian, headless, via Playwright "
        f"{info['playwright']}) |",
        f"| Pyodide | {info['pyodide']} (npm, vendored into the site) |",
        f"| MkDocs / mkdocs-material | {info['mkdocs']} / {info['mkdocs_material']} |",
        f"| Python / Node | {info['python']} / {info['node']} |",
        f"| Lighthouse | {info['lighthouse']} |",
        "",
        "## Method",
        "",
        "- The built `site/` is served on 127.0.0.1 by `benchmarks/server.py` the way GitHub "
        "Pages serves it: gzip for text, JavaScript, JSON and WebAssembly (compressed once, "
        "level 6), `Cache-Control: max-age=600`, `ETag`/`Last-Modified` with 304s. "
        "The bare-runtime page and the bare-theme site are served by the same server "
        "(under `/bench-bare/` and `/bench-reference/`).",
        f"- Every browser page gets `Network.emulateNetworkConditions` ({DOWN_BITS // 10**6} "
        f"Mbit/s down, {UP_BITS // 10**6} Mbit/s up, {LATENCY_MS} ms latency) and "
        "`Network.setCacheDisabled(false)` through the DevTools Protocol before it navigates; "
        "the throttle also covers its workers' requests.",
        "- Times are read inside the page (`performance.now()`, a `MutationObserver` installed "
        "before any page script), so no Playwright round trip is in them. *Ready* means the "
        "widget shows a result computed by Python in the browser: the bridge sets "
        '`data-renders` and `data-state="ready"` when it does (selector '
        '`.calc[data-calc][data-state="ready"][data-renders]`).',
        "- **Bare runtime**: a page generated by the benchmark starts a module worker that "
        "imports the site's own `pyodide.mjs`, calls `loadPyodide` with the site's lock file "
        "and evaluates `1+1`; navigation start to the answer on the page. **Cold**: a new "
        "browser context (empty HTTP cache) per run, navigation to "
        "`/calculators/schedule/` until ready. **Warm**: the same URL navigated again in that "
        "context. **Instant navigation**: then a click on the navigation link to "
        "`/calculators/payoff/` (mkdocs-material's instant navigation, same document) until "
        "that page's widget is ready, measured from the click. Bare and calculator runs "
        f"alternate; {args['runs']} recorded runs each after one unrecorded warm-up of each.",
        "- **Recalculation**: the page is opened with the case's inputs as query parameters; "
        "then, inside the page, one input is set and an event dispatched, and the time until "
        "the key figure (`[data-key=...]`) shows the value CPython computes for the same "
        f"inputs is recorded; {args['changes']} changes, 30 ms apart. `change` is what the "
        "bridge answers at once (leaving a field, Enter, a select); `input` is each keystroke, "
        "which the bridge debounces by 200 ms on purpose. The target is judged on `change`.",
        "- **Transfer**: a cold visit in a new context, until the page is ready (calculator) "
        "and the network has been idle for 2 s. Reported: the bytes the server sent for the "
        "visit (status lines, headers, gzipped bodies), which cover the page and its workers. "
        "The DevTools count (`Network.loadingFinished` `encodedDataLength`, workers attached "
        "through `Target.setAutoAttach`) is shown next to it: it misses the body of a worker's "
        "own script, which Chromium fetches before the worker's target can be listened to.",
        "- **Build**: `mkdocs build --strict` of the whole site into a new empty directory "
        "(the build hooks keep their wheel cache in `build/`, as on a developer's machine).",
        "- **Lighthouse**: `node_modules/.bin/lighthouse` with `CHROME_PATH=/usr/bin/chromium`, "
        "default mobile settings (emulated phone, simulated slow 4G), categories performance "
        f"and accessibility, {args['lighthouse_runs']} runs of every page, round-robin; the "
        "median performance score and the lowest accessibility score are reported. The "
        "reference is a bare mkdocs-material site built in the same run: the site's theme "
        "settings (language zh, `font: false`, palette, features) and search plugin, no "
        "overrides, no hooks, one page holding the guide page's own Markdown. For the bytes "
        "there is a second reference, *reference-site*: the same bare theme with every page of "
        "the site (shortcodes removed), so that its search index covers the same text as the "
        "site's; its guide page is measured.",
        "",
        "## Targets (issue 6)",
        "",
        "| Target | Measured | Ratio | Limit | Result |",
        "| --- | --- | --- | --- | --- |",
    ]
    for t in targets(r):
        ratio = f"{t.ratio:.2f} x" if t.ratio is not None else ""
        verdict = "met" if t.met else f"**missed**: {t.note}"
        lines.append(f"| {t.name} | {t.measured} | {ratio} | {t.limit} | {verdict} |")
    lines += [
        "",
        "## Numbers",
        "",
        "### Start-up (navigation to a Python answer)",
        "",
        "| Measurement | Median | Min | Max | n |",
        "| --- | --- | --- | --- | --- |",
        row("Bare runtime (1+1 in a module worker)", _sample(r["bare"])),
        row("Calculator page, cold", _sample(r["cold"])),
        row("Calculator page, warm (same context)", _sample(r["warm"])),
        row("Second calculator after instant navigation", _sample(r["instant"])),
        "",
        "### Recalculation (input change to the updated key figure)",
        "",
        "| Case | Event | p50 | p95 | Min | Max | n |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, events in r["recalc"].items():
        for event, data in events.items():
            s = _sample(data)
            lines.append(
                f"| {label} | `{event}` | **{ms(s.percentile(50))}** | **{ms(s.percentile(95))}**"
                f" | {ms(s.min)} | {ms(s.max)} | {s.n} |"
            )
    lines += [
        "",
        "### Transfer (cold visit, encoded bytes)",
        "",
        "| Page | Bytes median | Min | Max | Requests | Of which Pyodide | Without "
        "`search_index.json` | DevTools count | n |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, t in r["transfer"].items():
        b, req, py = _sample(t["bytes"]), _sample(t["requests"]), _sample(t["pyodide"])
        cdp, cdp_req = _sample(t["cdp_bytes"]), _sample(t["cdp_requests"])
        lines.append(
            f"| {label} (`{t['path']}`) | **{kb(b.median)}** | {kb(b.min)} | {kb(b.max)} | "
            f"{req.median:g} | {kb(py.median)} | {kb(_without_search(t['rows']))} | "
            f"{kb(cdp.median)} in {cdp_req.median:g} | {b.n} |"
        )
    failed = sorted({f for t in r["transfer"].values() for f in t.get("failed", [])})
    lines += [
        "",
        "Failed requests (one to another host would be listed here): "
        + (", ".join(f"`{f}`" for f in failed) if failed else "none."),
    ]
    for label in ("guide", "calculator"):
        rows = r["transfer"][label]["rows"]
        ref_rows = {
            p.removeprefix("/bench-reference/"): n for p, n in r["transfer"]["reference"]["rows"]
        }
        base = str(r.get("pages", {}).get("base", "/"))
        lines += [
            "",
            f"Requests of the {label} page (last run), next to the bare-theme page's:",
            "",
            "| Request | Bytes | Bare theme |",
            "| --- | --- | --- |",
        ]
        for p, n in sorted(rows, key=lambda x: -x[1]):
            rel = p.removeprefix(base)
            ref_n = ref_rows.get(rel)
            lines.append(f"| `{p}` | {kb(n)} | {kb(ref_n) if ref_n is not None else ''} |")
    lines += [
        "",
        "### Build",
        "",
        "| Measurement | Median | Min | Max | n |",
        "| --- | --- | --- | --- | --- |",
        row("`mkdocs build --strict`, whole site", _sample(r["build"])),
        "",
    ]
    lh = {k: [_lh(x) for x in v] for k, v in r.get("lighthouse", {}).items()}
    if lh:
        lines += [
            "### Lighthouse (mobile)",
            "",
            "| Page | Performance median (min-max) | Accessibility | FCP | LCP | TBT | CLS | "
            "CPU index | n |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for page, runs in lh.items():
            perf = [x.performance for x in runs]

            def med(metric: str, runs: list[LighthouseRun] = runs) -> float:
                return statistics.median(x.metrics.get(metric, float("nan")) for x in runs)

            lines.append(
                f"| {page} | **{statistics.median(perf):g}** ({min(perf):g}-{max(perf):g}) | "
                f"{min(x.accessibility for x in runs):g} | {ms(med('first-contentful-paint'))} | "
                f"{ms(med('largest-contentful-paint'))} | {ms(med('total-blocking-time'))} | "
                f"{med('cumulative-layout-shift'):.3f} | "
                f"{statistics.median(x.benchmark_index for x in runs):.0f} | {len(runs)} |"
            )
        lines += [
            "",
            "FCP, LCP, TBT and CLS are medians of Lighthouse's simulated values; *CPU index* is "
            "Lighthouse's `benchmarkIndex` of the machine during the runs (higher is faster; a "
            "busy machine lowers it and raises TBT).",
        ]
        failing: dict[str, set[str]] = {}
        for page, runs in lh.items():
            for x in runs:
                for detail in x.a11y_details or x.failed_a11y:
                    failing.setdefault(detail, set()).add(page)
        if failing:
            lines += ["", "Accessibility findings (first elements of each failed audit):", ""]
            for detail, pages in sorted(failing.items()):
                where = "all pages" if len(pages) == len(lh) else ", ".join(sorted(pages))
                lines.append(f"- {detail} ({where})")
        lines.append("")
    lines += ["## Levers tried / next", ""]
    if LEVERS.is_file():
        lines.append(LEVERS.read_text(encoding="utf-8").strip())
    else:
        lines.append("(none recorded yet)")
    lines.append("")
    return "\n".join(lines)
