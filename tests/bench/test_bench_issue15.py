"""The benchmark's issue-15 parts without a browser: the server's old Dates, the page sets,
the section options, and the targets and report on made-up repeat-visit results."""

from __future__ import annotations

import email.utils
import http.client
import json
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks import __main__ as bench
from benchmarks.pages import lighthouse_pages, site_pages
from benchmarks.repeat import AGED_S, is_runtime
from benchmarks.report import render, targets
from benchmarks.server import serve

REPO = Path(__file__).resolve().parents[2]
PY = "/s/assets/pyodide/314.0.7/"


def get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp


def test_the_server_can_date_its_answers_in_the_past(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    with serve({"/": tmp_path}, lifetime=60) as server:
        port = server.server_address[1]
        fresh = get(port, "/")
        server.date_offset_s = -AGED_S
        old = get(port, "/")
        again = get(port, "/", {"If-None-Match": str(old.getheader("ETag"))})
        server.date_offset_s = 0
        deadline = time.monotonic() + 5  # the server counts an answer after sending it
        while len(server.statuses) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        # Each answer is counted by its own thread after it is sent, so under load the next
        # request's thread may count first: the order is the client's, the count the server's.
        assert [fresh.status, old.status, again.status] == [200, 200, 304]
        assert sorted(server.statuses) == [200, 200, 304]
        assert len(server.sent) == 3
        server.clear()
        assert server.sent == [] and server.statuses == []

    def age(resp: http.client.HTTPResponse) -> float:
        date = email.utils.parsedate_to_datetime(str(resp.getheader("Date")))
        return time.time() - date.timestamp()

    assert age(fresh) < 5
    # Older than max-age=600: stale on arrival, and the 304 keeps it so.
    assert AGED_S - 5 < age(old) < AGED_S + 5 and age(old) > 600
    assert age(again) > 600


def test_runtime_files_are_the_pyodide_directory_and_the_worker() -> None:
    assert is_runtime(PY + "pyodide.asm.wasm", PY)
    assert is_runtime("/s/assets/calc/worker.js", PY)
    assert not is_runtime("/s/assets/calc/bridge.js", PY)
    assert not is_runtime("/s/guide/negotiate/", PY)


def test_lighthouse_measures_one_page_of_every_kind_by_default(tmp_path: Path) -> None:
    docs, site = tmp_path / "docs", tmp_path / "site"
    pages = [
        "index",
        "guide/negotiate",
        "guide/prepare",
        "calculators/index",
        "calculators/apr",
        "calculators/schedule",
        "plan",
        "start",
        "letters/index",
        "letters/negotiate",
        "letters/dispute",
        "letters/contact-log",
        "about",
        "includes/abbreviations",  # excluded from the build: no page
    ]
    for page in pages:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / f"{page}.md").write_text("# x\n", encoding="utf-8")
        if page.startswith("includes/"):
            continue
        out = site / page.removesuffix("index").removesuffix("/") if page != "index" else site
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text("<p>x</p>", encoding="utf-8")
    assert len(site_pages(site, docs)) == len(pages) - 1
    chosen = lighthouse_pages(site, "/s/", every=False, docs=docs)
    every = lighthouse_pages(site, "/s/", every=True, docs=docs)
    assert list(chosen)[:2] == ["home", "guide"]
    assert set(chosen) == {
        "home",
        "guide",
        "calculators/",
        "calculators/apr/",
        "calculators/schedule/",
        "plan/",
        "start/",
        "letters/",
        "letters/negotiate/",
        "letters/dispute/",
        "letters/contact-log/",
    }
    assert chosen["letters/dispute/"][1] == "a letter (a widget)"
    assert chosen["guide"][0] == "/s/guide/negotiate/"
    assert chosen["calculators/apr/"][1] == "a calculator"
    assert len(every) == len(pages) - 1 and "about/" in every and "letters/dispute/" in every


def transfer(
    encoded: int, requests: int, pyodide: int = 0, not_modified: int = 0
) -> dict[str, Any]:
    return {
        "requests": requests,
        "encoded": encoded,
        "pyodide": pyodide,
        "rows": [["/s/calculators/schedule/", 200]] * requests,
        "cdp_encoded": encoded,
        "cdp_requests": requests,
        "failed": [],
        "background": 0,
        "not_modified": not_modified,
    }


def visit(ready: float | None, boot: str = "snapshot", **extra: Any) -> dict[str, Any]:
    return {
        "ready": ready,
        "transfer": transfer(800, 4, not_modified=4),
        "runtime_requests": [],
        "boot": boot,
        "navigation": {},
        "error": "" if ready is not None else "Timeout 120000ms exceeded.",
        "stages": {"response": 90.0, "workerAsked": 300.0, "runtimeReady": (ready or 0) - 50},
        **extra,
    }


def first(ready: float) -> dict[str, Any]:
    return {
        "ready": ready,
        "offline_ready_s": 2.0,
        "caches": ["yuqi-xieshang-runtime-1", "yuqi-xieshang-site-2"],
        "snapshot": "yuqi-xieshang-snapshot-3",
        "snapshot_s": 6.0,
        "snapshot_waited_s": 60,
        "transfer": transfer(6_000_000, 120, 5_000_000),
        "link_type": "4g",
        "stages": {"response": 60.0, "domContentLoaded": 400.0, "runtimeReady": ready - 100},
    }


def results() -> dict[str, Any]:
    guide_bad = visit(None, "", runtime_requests=[PY + "pyodide.asm.wasm"])
    return {
        "info": {
            "date": "2026-12-01 10:00 UTC",
            "cpu": "x",
            "cores": 2,
            "memory": "1 kB",
            "os": "Debian",
            "kernel": "6",
            "python": "3.13",
            "node": "v20",
            "pyodide": "314.0.7",
            "lighthouse": "13.5.0",
            "mkdocs": "1.6.1",
            "mkdocs_material": "9.8.2",
            "playwright": "1.65.2",
            "load_start": [0.1, 0.2, 0.3],
            "load_end": [0.4, 0.5, 0.6],
            "duration_s": 60.0,
        },
        "args": {"runs": "2", "slow_runs": "1", "snapshot_wait": "60.0", "only": "None"},
        "sections": ["calibrate", "startup", "repeat", "offline", "slow4g"],
        "bare": {"values": [5000, 5000], "unit": "ms"},
        "cold": {"values": [4200, 4300], "unit": "ms"},  # 0.85 x: met, at the aim
        "calibration": {
            "precache_latency_ms": 250,
            "navigation_latency_ms": 1000,
            "precache": {
                "page_only": {"s": 1.9, "requests": 93},
                "with_service_worker": {"s": 10.4, "requests": 115},
            },
            "navigation": {
                "running_page_only": 14.7,
                "running_with_service_worker": 11.5,
                "restarted_page_only": 986.4,
                "restarted_with_service_worker": 974.6,
            },
        },
        "repeat": [
            {"first": first(6000), "repeat": visit(1000), "offline": visit(1200), "guide": None},
            {
                "first": first(6200),
                "repeat": visit(1100),
                "offline": visit(None),
                "guide": guide_bad,
            },
        ],
        "slow4g": [{"bare": 37000.0, "run": {"first": first(30000), "repeat": visit(3100)}}],
        "page_bytes": {
            "calculator": [{"first": transfer(6_000_000, 120), "repeat": transfer(800, 4, 0, 4)}]
        },
        "pages": {"base": "/s/"},
    }


def test_issue15_targets_on_made_up_results() -> None:
    found = {t.name: t for t in targets(results())}
    cold = found["Calculator page cold ready"]
    assert cold.met and cold.ratio == pytest.approx(4250 / 5000)
    repeat = found["Repeat visit after the 10-minute cache expired, ready"]
    assert repeat.met and repeat.ratio == pytest.approx(1050 / 4250)
    assert "snapshot boot, n=2" in repeat.note
    offline = found["Repeat visit offline, ready with a Python answer"]
    assert offline.met is False and "no Python answer in 1 runs" in offline.note
    slow = found["Slow 4G: first Python answer on a repeat visit"]
    assert slow.met is False and "over by 100 ms" in slow.note
    slow_cold = found["Slow 4G: calculator page cold, next to bare Pyodide cold"]
    assert slow_cold.met is None and slow_cold.ratio == pytest.approx(30000 / 37000)
    guide = found["Guide page fetches no runtime file, repeat visit after a calculator page"]
    assert guide.met is False and "pyodide.asm.wasm" in guide.note
    assert found["Guide page fetches no runtime file, cold"].met is None  # transfer not run
    calc = found["Bytes, calculator: cold and repeat visit"]
    assert calc.met is None
    assert calc.measured == (
        "cold 5.72 MiB in 120 requests (first visits with old Dates); "
        "repeat 0.8 KiB in 4 requests, 4 of them 304s"
    )
    assert found["Bytes, home: cold and repeat visit"].note == "not measured in this run"


def test_report_shows_the_repeat_runs_and_the_calibration() -> None:
    text = render(results(), REPO)
    assert "### Repeat visits, run by run" in text
    assert (
        "| 2 | 6,200 ms | 2.0 s after the answer | 6.0 s later | 1,100 ms (snapshot boot) |" in text
    )
    assert "1.9 s (93 requests) with only the page throttled" in text
    assert "| Slow 4G: calculator page, repeat visit | **3,100 ms** |" in text
    assert "Snapshot caches seen: `yuqi-xieshang-snapshot-3`" in text
    # Medians of the marks a visit has; a visit without an answer is left out.
    assert "| First visit (cold) | 60.0 ms | 400 ms |  | 6,000 ms | 6,100 ms | 2 |" in text
    assert "| Repeat visit offline | 90.0 ms |  | 300 ms | 1,150 ms | 1,200 ms | 1 |" in text


def test_only_writes_a_partial_report_beside_the_raw_numbers(tmp_path: Path) -> None:
    (tmp_path / "results-only.json").write_text(json.dumps(results()), encoding="utf-8")
    assert bench.main(["--only", "repeat,offline", "--render-only", "--raw", str(tmp_path)]) == 0
    text = (tmp_path / "BENCHMARKS-only.md").read_text(encoding="utf-8")
    assert "Repeat visit offline, ready with a Python answer" in text
    with pytest.raises(SystemExit):
        bench.main(["--only", "repeat,nothing", "--render-only", "--raw", str(tmp_path)])


def test_a_failed_run_is_listed_and_the_others_still_count() -> None:
    r = results()
    r["repeat"].append({"error": "Timeout 120000ms exceeded."})
    r["slow4g"].append({"error": "Target page, context or browser has been closed"})
    found = {t.name: t for t in targets(r)}
    repeat = found["Repeat visit after the 10-minute cache expired, ready"]
    assert repeat.met and "1 runs failed: Timeout 120000ms exceeded." in repeat.note
    slow = found["Slow 4G: first Python answer on a repeat visit"]
    assert "1 runs failed: Target page" in slow.note
    text = render(r, REPO)
    assert "| 3 | failed: Timeout 120000ms exceeded. |" in text
    assert "| slow 4G 2 | failed: Target page, context or browser has been closed |" in text
