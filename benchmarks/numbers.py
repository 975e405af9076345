"""The report's Numbers section: every measurement of the run, as tables."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from benchmarks.fmt import collect, get, kb, lh, median, ms, row, sample, without_search
from benchmarks.lighthouse import LighthouseRun
from benchmarks.stats import Sample


def startup(r: Mapping[str, Any]) -> list[str]:
    repeat = r.get("repeat") or []
    slow = r.get("slow4g") or []
    samples: list[tuple[str, Any]] = [
        ("Bare runtime (1+1 in a module worker)", r.get("bare")),
        ("Calculator page, cold", r.get("cold")),
        ("Calculator page, warm (same context, at once)", r.get("warm")),
        ("Second calculator after instant navigation", r.get("instant")),
        ("Calculator page, first visit of the repeat runs", collect(repeat, "first", "ready")),
        ("Calculator page, repeat visit after the cache expired", _ready(repeat, "repeat")),
        ("Calculator page, repeat visit offline", _ready(repeat, "offline")),
        ("Slow 4G: bare runtime, cold", collect(slow, "bare")),
        ("Slow 4G: calculator page, cold", collect(slow, "run", "first", "ready")),
        ("Slow 4G: calculator page, repeat visit", _ready(slow, "run", "repeat")),
    ]
    lines = [
        "### Start-up (navigation to a Python answer)",
        "",
        "| Measurement | Median | Min | Max | n |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, data in samples:
        if data:
            lines.append(row(label, Sample.of(data) if isinstance(data, list) else sample(data)))
    return [*lines, ""]


def _ready(runs: Sequence[Any], *keys: str) -> list[float]:
    return [v["ready"] for v in collect(runs, *keys) if v.get("ready") is not None]


def _visit(v: Mapping[str, Any] | None) -> str:
    if not v:
        return ""
    if v.get("ready") is None:
        return f"no answer ({v.get('error') or '?'})"
    return f"{ms(v['ready'])} ({v.get('boot') or '?'} boot)"


def snapshot_room_line(rooms: list[int]) -> str:
    """What the snapshots left of the runtime's initial memory (a snapshot must fit in it to be
    restored: docs/assets/calc/snapshot.js; tests/pyodide/test_snapshot.py wants 2 MiB)."""
    if not rooms:
        return (
            "Room left in the runtime's initial memory after the snapshot's warm-up: not reported."
        )
    shown = ", ".join(f"{r / 1_048_576:.1f} MiB ({r:,} bytes)" for r in rooms)
    return (
        f"Room left in the runtime's memory after the snapshot's warm-up: {shown}; "
        "a snapshot is kept only while it fits, and tests/pyodide/test_snapshot.py fails below "
        "2 MiB."
    )


def repeat_runs(r: Mapping[str, Any]) -> list[str]:
    runs = r.get("repeat") or []
    slow = [s.get("run") or s for s in r.get("slow4g") or []]
    if not runs and not slow:
        return []
    lines = [
        "### Repeat visits, run by run",
        "",
        '| Run | First visit | "Ready offline" line | Snapshot complete | Repeat visit | '
        "Offline | Server answers offline | Guide page: runtime URLs asked for |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, group in (("", runs), ("slow 4G ", slow)):
        for n, run in enumerate(group, 1):
            if "first" not in run:
                lines.append(f"| {name}{n} | failed: {run.get('error', '?')} | | | | | | |")
                continue
            f = run["first"]
            line = "-" if f.get("offline_ready_s") is None else f"{f['offline_ready_s']:.1f} s"
            snap = (
                f"{f['snapshot_s']:.1f} s later"
                if f.get("snapshot")
                else f"none within {f.get('snapshot_waited_s', 0):g} s"
            )
            offline = run.get("offline")
            answers = (
                ", ".join(f"`{p}`" for p, _ in offline["transfer"]["rows"]) or "none"
                if offline
                else ""
            )
            guide = run.get("guide")
            asked = str(len(guide.get("runtime_requests") or [])) if guide else ""
            lines.append(
                f"| {name}{n} | {ms(f['ready'])} | {line} after the answer | {snap} | "
                f"{_visit(run.get('repeat'))} | {_visit(offline)} | {answers} | {asked} |"
            )
    snapshots = sorted({f for f in collect(runs + slow, "first", "snapshot")})
    types = sorted({str(t) for t in collect(runs + slow, "first", "link_type")})
    rooms = sorted({int(r) for r in collect(runs + slow, "first", "snapshot_room") if r})
    lines += [
        "",
        "Snapshot caches seen: "
        + (", ".join(f"`{s}`" for s in snapshots) or "none")
        + ". `navigator.connection.effectiveType` on the first visits: "
        + (", ".join(f"`{t}`" for t in types if t) or "not reported")
        + ".",
        "",
        snapshot_room_line(rooms),
    ]
    last = next((x for x in reversed(runs) if x.get("repeat")), None)
    if last:
        lines += [
            "",
            "What the server answered during the last repeat visit of the calculator page "
            f"({last['repeat']['transfer'].get('not_modified', 0)} of them 304s):",
            "",
            "| Request | Bytes |",
            "| --- | --- |",
            *(f"| `{p}` | {kb(n)} |" for p, n in last["repeat"]["transfer"]["rows"]),
        ]
    return [*lines, ""]


STAGE_COLUMNS = (
    ("response", "Page's HTML received"),
    ("domContentLoaded", "DOMContentLoaded"),
    ("workerAsked", "Worker asked for"),
    ("runtimeReady", "Runtime up"),
)


def stages(r: Mapping[str, Any]) -> list[str]:
    """Medians of the visits' marks (benchmarks.repeat.STAGES), ms since navigation start."""
    repeat = r.get("repeat") or []
    slow = [s.get("run") or {} for s in r.get("slow4g") or []]
    groups = (
        ("First visit (cold)", collect(repeat, "first")),
        ("Repeat visit after expiry", collect(repeat, "repeat")),
        ("Repeat visit offline", collect(repeat, "offline")),
        ("Slow 4G: first visit (cold)", collect(slow, "first")),
        ("Slow 4G: repeat visit", collect(slow, "repeat")),
    )
    rows = []
    for name, visits in groups:
        visits = [v for v in visits if v.get("ready") is not None]
        if not visits:
            continue
        cells = []
        for key, _ in STAGE_COLUMNS:
            values = [v["stages"][key] for v in visits if key in (v.get("stages") or {})]
            cells.append(ms(median(values)) if values else "")
        answer = ms(median(v["ready"] for v in visits))
        rows.append(f"| {name} | {' | '.join(cells)} | {answer} | {len(visits)} |")
    if not rows:
        return []
    return [
        "### Where a calculator page's visit goes (medians, ms since navigation start)",
        "",
        "| Visit | " + " | ".join(title for _, title in STAGE_COLUMNS) + " | Python answer | n |",
        "| --- | " + " | ".join("---" for _ in STAGE_COLUMNS) + " | --- | --- |",
        *rows,
        "",
        "*Worker asked for* and *Runtime up* are the bridge's marks (`window.calcRuntime."
        "startedAt`, `readyAt`): when it created the module worker and when the worker said "
        "Python was up.",
        "",
    ]


def recalc(r: Mapping[str, Any]) -> list[str]:
    if not r.get("recalc"):
        return []
    lines = [
        "### Recalculation (input change to the updated key figure)",
        "",
        "| Case | Event | p50 | p95 | Min | Max | n |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, events in r["recalc"].items():
        for event, data in events.items():
            s = sample(data)
            lines.append(
                f"| {label} | `{event}` | **{ms(s.percentile(50))}** | **{ms(s.percentile(95))}**"
                f" | {ms(s.min)} | {ms(s.max)} | {s.n} |"
            )
    return [*lines, ""]


def transfer(r: Mapping[str, Any]) -> list[str]:
    tr = r.get("transfer")
    if not tr:
        return []
    lines = [
        "### Transfer (cold visit, encoded bytes)",
        "",
        "| Page | Bytes median | Min | Max | Requests | Of which Pyodide | In the background | "
        "Without `search_index.json` | DevTools count | n |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, t in tr.items():
        b, req, py = sample(t["bytes"]), sample(t["requests"]), sample(t["pyodide"])
        bg = kb(sample(t["background"]).median) if t.get("background") else ""
        cdp, cdp_req = sample(t["cdp_bytes"]), sample(t["cdp_requests"])
        lines.append(
            f"| {label} (`{t['path']}`) | **{kb(b.median)}** | {kb(b.min)} | {kb(b.max)} | "
            f"{req.median:g} | {kb(py.median)} | {bg} | {kb(without_search(t['rows']))} | "
            f"{kb(cdp.median)} in {cdp_req.median:g} | {b.n} |"
        )
    failed = sorted({f for t in tr.values() for f in t.get("failed", [])})
    lines += [
        "",
        "Failed requests (one to another host would be listed here): "
        + (", ".join(f"`{f}`" for f in failed) if failed else "none."),
    ]
    if "reference" not in tr:
        return [*lines, ""]
    ref_rows = {p.removeprefix("/bench-reference/"): n for p, n in tr["reference"]["rows"]}
    base = str(get(r, "pages", "base") or "/")
    for label in ("guide", "calculator"):
        if label not in tr:
            continue
        lines += [
            "",
            f"Requests of the {label} page (last run), next to the bare-theme page's:",
            "",
            "| Request | Bytes | Bare theme |",
            "| --- | --- | --- |",
        ]
        for p, n in sorted(tr[label]["rows"], key=lambda x: -x[1]):
            ref_n = ref_rows.get(p.removeprefix(base))
            lines.append(f"| `{p}` | {kb(n)} | {kb(ref_n) if ref_n is not None else ''} |")
    return [*lines, ""]


def page_bytes(r: Mapping[str, Any]) -> list[str]:
    pb = r.get("page_bytes")
    if not pb:
        return []
    lines = [
        "### Bytes: cold and repeat visit (what the server sent, 304s included)",
        "",
        "| Page | Cold (transfer, above) | First visit (old `Date`s) | Repeat visit | "
        "Repeat requests | Of which 304s | n |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, runs in pb.items():
        firsts, repeats = collect(runs, "first"), collect(runs, "repeat")
        cold = get(r, "transfer", label, "bytes")
        lines.append(
            f"| {label} | {kb(sample(cold).median) if cold else ''} | "
            f"{kb(median(f['encoded'] for f in firsts)) if firsts else ''} | "
            f"**{kb(median(t['encoded'] for t in repeats))}** | "
            f"{median(t['requests'] for t in repeats):g} | "
            f"{median(t.get('not_modified', 0) for t in repeats):g} | {len(repeats)} |"
        )
    return [*lines, ""]


def build(r: Mapping[str, Any]) -> list[str]:
    if not r.get("build"):
        return []
    return [
        "### Build",
        "",
        "| Measurement | Median | Min | Max | n |",
        "| --- | --- | --- | --- | --- |",
        row("`mkdocs build --strict`, whole site", sample(r["build"])),
        "",
    ]


def lighthouse(r: Mapping[str, Any]) -> list[str]:
    runs_by_page = {k: [lh(x) for x in v] for k, v in (r.get("lighthouse") or {}).items()}
    if not runs_by_page:
        return []
    lines = [
        "### Lighthouse (mobile)",
        "",
        "| Page | Performance median (min-max) | Accessibility | FCP | LCP | TBT | CLS | "
        "CPU index | n |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page, runs in runs_by_page.items():
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
    for page, runs in runs_by_page.items():
        for x in runs:
            for detail in x.a11y_details or x.failed_a11y:
                failing.setdefault(detail, set()).add(page)
    if failing:
        lines += ["", "Accessibility findings (first elements of each failed audit):", ""]
        for detail, pages in sorted(failing.items()):
            where = "all pages" if len(pages) == len(runs_by_page) else ", ".join(sorted(pages))
            lines.append(f"- {detail} ({where})")
    return [*lines, ""]


def numbers(r: Mapping[str, Any]) -> list[str]:
    return [
        "## Numbers",
        "",
        *startup(r),
        *repeat_runs(r),
        *stages(r),
        *recalc(r),
        *transfer(r),
        *page_bytes(r),
        *build(r),
        *lighthouse(r),
    ]
