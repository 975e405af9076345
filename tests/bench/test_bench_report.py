"""The benchmark's report and levers helpers, on made-up numbers (no browser, no build)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from benchmarks.levers import stdlib_members, trim_stdlib
from benchmarks.lighthouse import LighthouseRun
from benchmarks.report import render, targets
from benchmarks.stats import Sample

REPO = Path(__file__).resolve().parents[2]


def results() -> dict[str, object]:
    def lh(perf: float, a11y: float = 100) -> LighthouseRun:
        return LighthouseRun(perf, a11y, {"largest-contentful-paint": 1500.0}, (), "13.5.0")

    def transfer(path: str, rows: list[tuple[str, int]], pyodide: int = 0) -> dict[str, object]:
        total = sum(n for _, n in rows)
        return {
            "path": path,
            "bytes": Sample.of([total] * 5, "B"),
            "requests": Sample.of([len(rows)] * 5, "requests"),
            "pyodide": Sample.of([pyodide] * 5, "B"),
            "cdp_bytes": Sample.of([total - 100] * 5, "B"),
            "cdp_requests": Sample.of([len(rows)] * 5, "requests"),
            "rows": rows,
            "failed": [],
        }

    return {
        "info": {
            "date": "2026-11-21 23:00 UTC",
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
            "mkdocs_material": "9.8.1",
            "playwright": "1.65.2",
            "chromium": "156",
            "load_start": (0.1, 0.2, 0.3),
            "load_end": (0.4, 0.5, 0.6),
            "duration_s": 600.0,
        },
        "args": {"runs": "5", "changes": "60", "lighthouse_runs": "3"},
        "build": Sample.of([9000, 9500, 9100]),
        "bare": Sample.of([5000, 5100, 4900, 5050, 4950]),
        "cold": Sample.of([5500, 5600, 5400, 5550, 5450]),  # 1.10 x bare: missed (0.9 x)
        "warm": Sample.of([3500] * 5),  # reported, no longer a target
        "instant": Sample.of([100] * 5),
        "recalc": {
            "360 期": {"change": Sample.of([12] * 60), "input": Sample.of([220] * 60)},
            "10 笔": {"change": Sample.of([10] * 50 + [20] * 10), "input": Sample.of([220] * 60)},
        },
        "transfer": {
            "guide": transfer(
                "/s/guide/", [("/s/guide/", 10_000), ("/s/search/search_index.json", 60_000)]
            ),
            "calculator": transfer(
                "/s/calculators/schedule/", [("/s/x.wasm", 3_000_000)], 3_000_000
            ),
            "reference": transfer(
                "/bench-reference/",
                [
                    ("/bench-reference/", 9_000),
                    ("/bench-reference/search/search_index.json", 5_000),
                ],
            ),
        },
        "lighthouse": {"reference": [lh(99)], "home": [lh(99)], "guide": [lh(97, 93)]},
        "pages": {"base": "/s/"},
    }


def test_targets_judge_ratios() -> None:
    verdicts = {t.name: t.met for t in targets(results())}
    assert not verdicts["Calculator page cold ready"]  # 1.10 x, the limit is 0.9 x
    assert "Warm ready (HTTP cache)" not in verdicts  # replaced by the repeat visit
    assert verdicts["Second calculator after instant navigation"]
    assert verdicts["Recalculation p95, 360 期"]  # 12 ms
    assert not verdicts["Recalculation p95, 10 笔"]  # p95 20 ms > 16 ms
    assert not verdicts["Guide page bytes vs bare theme page"]  # 70 kB vs 14 kB
    assert verdicts["Lighthouse, home"]
    assert not verdicts["Lighthouse, guide"]  # 97 < 99, accessibility 93
    assert not verdicts["Lighthouse on every measured page (2 pages: the pages listed below)"]
    assert verdicts["Whole build"]
    # Not measured in this made-up run: listed, judged neither way.
    assert verdicts["Repeat visit after the 10-minute cache expired, ready"] is None
    assert verdicts["Slow 4G: first Python answer on a repeat visit"] is None


def test_report_renders_every_section() -> None:
    text = render(results(), REPO)
    for heading in (
        "## Machine and versions",
        "## Method",
        "## Targets",
        "### Issue 15",
        "### Issue 6",
        "## Numbers",
        "### Lighthouse (mobile)",
        "## Levers tried / next",
    ):
        assert heading in text
    assert "| Calculator page cold ready | 5,500 ms vs bare runtime 5,000 ms | 1.10 x |" in text
    assert "**missed**: over by 0.20 x" in text
    assert "| Repeat visit offline, ready with a Python answer |  |  | 0.3 x | not measured" in text


def test_trimmed_stdlib_keeps_loaded_modules_and_their_packages(tmp_path: Path) -> None:
    stock = tmp_path / "stock.zip"
    with zipfile.ZipFile(stock, "w", zipfile.ZIP_DEFLATED) as z:
        for name in (
            "json/",
            "json/__init__.py",
            "json/decoder.py",
            "decimal.py",
            "email/__init__.py",
        ):
            z.writestr(name, "" if name.endswith("/") else f"# {name}\n")
    files = ["/lib/python314.zip/json/decoder.py", "/lib/python314.zip/decimal.py", "<frozen>", ""]
    with zipfile.ZipFile(stock) as z:
        members = stdlib_members(files, set(z.namelist()))
    assert members == {"json/", "json/__init__.py", "json/decoder.py", "decimal.py"}
    trim_stdlib(stock, members, tmp_path / "trim.zip")
    with zipfile.ZipFile(tmp_path / "trim.zip") as z:
        assert sorted(z.namelist()) == sorted(members)
        assert z.read("decimal.py") == b"# decimal.py\n"


def test_config_reader_resolves_env_like_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks.reference import load_config, reference_config

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        'site_url: !ENV [BENCH_TEST_URL, "https://example.org/sub/"]\n'
        "theme: {name: material, language: custom, custom_dir: overrides, font: false}\n"
        "plugins: [search, {other: {}}]\n"
        "markdown_extensions: [tables, {pymdownx.snippets: {auto_append: [x.md]}}]\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("BENCH_TEST_URL", raising=False)
    assert load_config(config)["site_url"] == "https://example.org/sub/"
    monkeypatch.setenv("BENCH_TEST_URL", "http://127.0.0.1:8000/")
    loaded = load_config(config)
    assert loaded["site_url"] == "http://127.0.0.1:8000/"
    ref = reference_config(loaded)
    assert ref["theme"] == {"name": "material", "language": "zh", "font": False}
    assert ref["plugins"] == ["search"] and ref["markdown_extensions"] == ["tables"]


def test_the_report_says_how_much_room_the_snapshot_left() -> None:
    """Issue 20, item 22: the room left in the runtime's initial memory after the warm-up."""
    from benchmarks.numbers import repeat_runs, snapshot_room_line

    assert "not reported" in snapshot_room_line([])
    assert "5.0 MiB (5,210,112 bytes)" in snapshot_room_line([5_210_112])
    first = {"ready": 5000.0, "offline_ready_s": 3.0, "snapshot": "s", "snapshot_s": 4.0}
    run = {"first": {**first, "snapshot_room": 5_210_112}}
    lines = repeat_runs({"repeat": [run]})
    assert any("5.0 MiB" in line for line in lines), lines
