"""The report's Method section: how each number was taken, with this run's options and the
calibration of the service worker's throttle (:func:`benchmarks.repeat.calibrate`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from benchmarks.browser import LINK, SLOW_4G
from benchmarks.fmt import collect, get, ms
from benchmarks.repeat import AGED_S, OFFLINE_WAIT_S


def calibration_text(r: Mapping[str, Any]) -> str:
    c = r.get("calibration")
    if not c:
        return "(The calibration that shows this, section `calibrate`, did not run this time.)"
    pre, nav = c.get("precache", {}), c.get("navigation", {})

    def pc(key: str) -> str:
        x = pre.get(key) or {}
        return f"{x.get('s', float('nan')):.1f} s ({x.get('requests', '?')} requests)"

    def nv(key: str) -> str:
        return ms(float(nav.get(key, float("nan"))))

    return (
        f"Checked in this run (section `calibrate`): on a link with "
        f"{c.get('precache_latency_ms', 250):g} ms of latency, the service worker's copy of the "
        f"site after a first visit's answer took {pc('page_only')} with only the page "
        f"throttled and {pc('with_service_worker')} with the service worker's target given the "
        f"link too; a guide page revalidated through the service worker (network first, a 304) "
        f"on a link with {c.get('navigation_latency_ms', 1000):g} ms of latency came back in "
        f"{nv('running_page_only')} with the service worker still running from the page "
        f"before and only the page throttled, {nv('running_with_service_worker')} when its "
        f"target was given the link (it is attached to the new page only after the navigation), "
        f"{nv('restarted_page_only')} with the service worker stopped first and only the page "
        f"throttled, and {nv('restarted_with_service_worker')} stopped first and its target "
        "given the link."
    )


def count(runs: str) -> str:
    return f"{runs} run" if runs == "1" else f"{runs} runs"


def slow_link_text(r: Mapping[str, Any]) -> str:
    kinds = sorted({str(k) for k in collect(r.get("slow4g") or [], "run", "first", "link_type")})
    if not kinds:
        return ""
    said = ", ".join(f"`{k}`" for k in kinds if k) or "nothing"
    return (
        f"On this link the page's `navigator.connection.effectiveType` said {said}; the widget "
        "waits for a click on 2g and 3g links (or with `saveData`) and would not have started "
        "the runtime by itself there."
    )


def method(r: Mapping[str, Any]) -> list[str]:
    args: dict[str, str] = r.get("args", {})
    runs = args.get("runs", "?")
    slow_runs = args.get("slow_runs", "?")
    snapshot_note = r.get("snapshot_note") or (
        "each first visit waited for it in full when none was complete sooner"
    )
    pages = r.get("lighthouse_pages") or {}
    why: dict[str, list[str]] = {}
    for page, data in pages.items():
        why.setdefault(str(data.get("why", "")), []).append(page)
    lighthouse_pages = "; ".join(f"{k}: {', '.join(v)}" for k, v in why.items())
    return [
        "## Method",
        "",
        "- The built `site/` is served on 127.0.0.1 by `benchmarks/server.py` the way GitHub "
        "Pages serves it: gzip for text, JavaScript, JSON and WebAssembly (compressed once, "
        "level 6), `Cache-Control: max-age=600`, `ETag`/`Last-Modified` with 304s. "
        "The bare-runtime page and the bare-theme site are served by the same server "
        "(under `/bench-bare/` and `/bench-reference/`). The sections that time repeat "
        "visits (repeat, offline, bytes, slow 4G, boot) serve the site again at the root of a "
        "second server, with the bare-runtime page beside it (`benchmarks/rooted.py`): the "
        "worker keeps a memory snapshot only where the site is its origin's whole, so under "
        "the sub-path a repeat visit would be a normal boot.",
        f"- Every browser page gets `Network.emulateNetworkConditions` ({LINK.describe()} "
        f"latency; on the slow-4G profile, Lighthouse's mobile throttling: "
        f"{SLOW_4G.describe()} latency) and `Network.setCacheDisabled(false)` through the "
        "DevTools Protocol before it navigates. The page's throttle covers its dedicated "
        "workers' requests, but not all of the site's service worker's, which fetches on the "
        "page's behalf in a target of its own (below: its copy of the site went at loopback "
        "speed). So each page's session auto-attaches to the "
        "targets the page starts (dedicated workers, the service worker that controls it), "
        "holds each at its start, gives it the same conditions and lets it run; and before a "
        "repeat visit the service worker is stopped (`ServiceWorker.stopAllWorkers`, as the "
        "browser stops an idle one), so that it starts for that visit's navigation and is "
        "throttled before its first request. A worker started by the page's worker (the "
        "snapshot maker) is not attached; it works after the page's answer. " + calibration_text(r),
        "- Times are read inside the page (`performance.now()`, a `MutationObserver` installed "
        "before any page script), so no Playwright round trip is in them. *Ready* means the "
        "widget shows a result computed by Python in the browser: the bridge sets "
        '`data-renders` and `data-state="ready"` when it does (selector '
        '`.calc[data-calc][data-state="ready"][data-renders]`). Service workers are allowed '
        "in every browser context; a new context has none registered and an empty cache.",
        "- **Bare runtime**: a page generated by the benchmark starts a module worker that "
        "imports the site's own `pyodide.mjs`, calls `loadPyodide` with the site's lock file "
        "and evaluates `1+1`; navigation start to the answer on the page. **Cold**: a new "
        "browser context per run, navigation to `/calculators/schedule/` until ready. "
        "**Warm**: the same URL navigated again in that context at once (HTTP cache fresh, "
        "the service worker installed; no longer a target). **Instant navigation**: then a "
        "click on the navigation link to `/calculators/payoff/` (mkdocs-material's instant "
        "navigation, same document) until that page's widget is ready, measured from the "
        f"click. Bare and calculator runs alternate; {runs} recorded runs each after one "
        "unrecorded warm-up of each.",
        f"- **Repeat visit after the 10-minute cache expired** ({count(runs)}): expiry is "
        f"simulated by the server, which during these runs dates every answer {AGED_S // 60} "
        "minutes in the past (`Date`), 304s included: everything in the browser's HTTP cache is "
        "stale on arrival and every reuse is revalidated over the emulated link, as 11 "
        "minutes later (Cache Storage does not expire). A first visit to `/calculators/"
        'schedule/` in a new context stays open until the widget\'s quiet "ready offline" '
        "line shows (the service worker has kept the site and the runtime; at most "
        f"{OFFLINE_WAIT_S:.0f} s) and then until Cache Storage holds a complete memory "
        "snapshot (a file or cache `yuqi-xieshang-snapshot-*`, complete; at most "
        f"{args.get('snapshot_wait', '60')} s; {snapshot_note}). That tab is closed, the "
        "service worker stopped, and the page opened in a new tab: navigation to the Python "
        "answer. **Offline**: then, in the same context, `context.set_offline(True)` (and the "
        "page and its targets given `offline: true`), the same page in a new tab to its Python "
        "answer; the server's count during it is reported (the browser's own update check of "
        "`sw.js` is not subject to the emulation). **Guide page after a calculator page**: "
        "then, online, `/guide/negotiate/` in a new tab; every URL the page, its workers and "
        "the service worker ask for is checked against the runtime's directory and "
        "`worker.js`, whether the answer came from the network or from a cache.",
        f"- **Slow 4G** ({count(slow_runs)}): on Lighthouse's mobile profile, the bare runtime "
        "cold, then the calculator page cold (the first visit of a repeat run as above, so with "
        "old `Date`s, which matter only to a reuse within the visit) and then its repeat visit. "
        f"{slow_link_text(r)}",
        "- **Recalculation**: the page is opened with the case's inputs as query parameters; "
        "then, inside the page, one input is set and an event dispatched, and the time until "
        "the key figure (`[data-key=...]`) shows the value CPython computes for the same "
        f"inputs is recorded; {args.get('changes', '?')} changes, 30 ms apart. `change` is "
        "what the bridge answers at once (leaving a field, Enter, a select); `input` is each "
        "keystroke, which the bridge debounces on purpose. The target is judged on `change`. "
        "Service workers are blocked in these contexts: the service worker's copy of the site, "
        "fetched once the page is idle, would otherwise compete with the changes for the two "
        "cores (the memory snapshot is not made while answers keep coming).",
        "- **Transfer (cold)**: a cold visit in a new context, until the page is ready "
        '(calculator), then until the quiet "ready offline" line (calculator; at most 60 s), '
        "and until the network has been idle for 2 s. Reported: the bytes the server sent for "
        "the visit (status lines, headers, gzipped bodies), which cover the page, its workers "
        "and the service worker; *in the background* is the part for requests that neither "
        "the page nor its dedicated workers made (the service worker's script and its copy of "
        "the site). The DevTools count (`Network.loadingFinished` `encodedDataLength` of the "
        "page and its dedicated workers) is shown next to it: it misses the body of a worker's "
        "own script, which Chromium fetches before the worker's target can be listened to.",
        "- **Bytes (repeat visit)**: the server's count of a repeat visit after expiry as "
        "above, 304s included: for home and the guide page, a first visit (until the service "
        "worker is active and the network idle) and the repeat visit in a new tab; for the "
        "calculator page, the repeat runs' visits.",
        "- **Build**: `mkdocs build --strict` of the whole site into a new empty directory "
        "(the build hooks keep their wheel cache in `build/`, as on a developer's machine).",
        "- **Lighthouse**: `node_modules/.bin/lighthouse` with `CHROME_PATH=/usr/bin/chromium`, "
        "default mobile settings (emulated phone, simulated slow 4G), categories performance "
        f"and accessibility, {args.get('lighthouse_runs', '?')} runs of every page, "
        "round-robin; the median performance score and the lowest accessibility score are "
        "reported. Pages measured "
        f"({r.get('lighthouse_scope') or 'none this time'}; a page of a kind shares its "
        "template, assets and scripts with the others of that kind; "
        "`--lighthouse-pages all` runs every page, about 35 minutes in all): "
        f"{lighthouse_pages or 'none'}. The reference is a bare mkdocs-material site built in "
        "the same run: the site's theme settings (language zh, `font: false`, palette, "
        "features) and search plugin, no overrides, no hooks, one page holding the guide "
        "page's own Markdown. For the bytes there is a second reference, *reference-site*: "
        "the same bare theme with every page of the site (shortcodes removed), so that its "
        "search index covers the same text as the site's; its guide page is measured.",
        *(
            [f"- Sections run: {', '.join(r['sections'])} (`--only`); the rest is not measured."]
            if get(r, "args", "only") not in (None, "None")
            else []
        ),
        "",
    ]
