"""The sections that time repeat visits see the site at a root (issue 26): under the published
sub-path the worker keeps no memory snapshot, so a "repeat visit" there is a normal boot.
Checked without a browser: the paths, the sitemap, the bare page's lock file, and which server
and paths each section is handed."""

from __future__ import annotations

import argparse
import http.client
import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import __main__ as bench
from benchmarks import boot as boot_section
from benchmarks import sections
from benchmarks.pages import local_sitemap, site_base
from benchmarks.rooted import ROOTED, at_root, lock_url, rebased, rooted
from benchmarks.server import serve

BASE = "/yuqi-xieshang/"
PY = "assets/pyodide/314.0.7/"


def fake_site(root: Path) -> Path:
    site = root / "site"
    (site / PY / "wheels").mkdir(parents=True)
    (site / PY / "pyodide-lock.json").write_text("{}", encoding="utf-8")
    (site / PY / "wheels" / "pyodide-lock.json").write_text("{}", encoding="utf-8")
    (site / "calculators" / "schedule").mkdir(parents=True)
    (site / "calculators" / "schedule" / "index.html").write_text("<p>计算</p>", encoding="utf-8")
    site_url, _ = site_base()
    (site / "sitemap.xml").write_text(
        f"<urlset><url><loc>{site_url.rstrip('/')}/calculators/schedule/</loc></url></urlset>",
        encoding="utf-8",
    )
    return site


def a_bench(tmp_path: Path, server: Any, base: str = BASE) -> sections.Bench:
    return sections.Bench(
        args=argparse.Namespace(snapshot_wait=60.0, runs=1),
        server=server,
        base=base,
        index_url=f"{base}{PY}",
        first=f"{base}calculators/schedule/",
        second=f"{base}calculators/payoff/",
        results={},
        site=fake_site(tmp_path),
        scratch=tmp_path,
    )


def get(origin: str, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(origin.removeprefix("http://"), timeout=10)
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body


def test_paths_at_the_root() -> None:
    assert at_root(f"{BASE}calculators/schedule/", BASE) == "/calculators/schedule/"
    assert at_root(BASE, BASE) == "/"
    assert at_root("/calculators/", "/") == "/calculators/"
    with pytest.raises(ValueError):
        at_root("/elsewhere/", BASE)


def test_the_sitemap_points_at_the_test_server() -> None:
    text = "<loc>https://example.org/proj/a/</loc><loc>https://example.org/proj/</loc>"
    out = local_sitemap(text, "https://example.org/proj/", "http://127.0.0.1:9", "/").decode()
    assert out == "<loc>http://127.0.0.1:9/a/</loc><loc>http://127.0.0.1:9/</loc>"
    under = local_sitemap(text, "https://example.org/proj", "http://127.0.0.1:9", "/proj/")
    assert (
        under.decode() == "<loc>http://127.0.0.1:9/proj/a/</loc><loc>http://127.0.0.1:9/proj/</loc>"
    )


def test_the_bare_page_loads_the_shallowest_lock_file(tmp_path: Path) -> None:
    assert lock_url(fake_site(tmp_path)) == f"/{PY}pyodide-lock.json"


def test_rebased_keeps_the_results_and_moves_every_path(tmp_path: Path) -> None:
    b = a_bench(tmp_path, server=None)
    r = rebased(b, b.index_url)
    assert (r.base, r.index_url, r.first, r.second) == (
        "/",
        f"/{PY}",
        "/calculators/schedule/",
        "/calculators/payoff/",
    )
    assert r.results is b.results
    assert b.base == BASE  # the sub-path sections keep theirs


def test_the_rooted_server_serves_the_site_as_built_and_the_bare_page(tmp_path: Path) -> None:
    with serve({"/": tmp_path / "nothing"}, lifetime=60) as sub:
        b = a_bench(tmp_path, sub)
        with rooted(b) as r:
            assert r.server is not sub
            status, page = get(r.origin, "/calculators/schedule/")
            assert (status, page.decode()) == (200, "<p>计算</p>")
            assert get(r.origin, sections.BARE)[0] == 200
            status, bare = get(r.origin, sections.BARE + "worker.mjs")
            assert status == 200
            assert f"/{PY}pyodide-lock.json".encode() in bare
            assert f'"{BASE}'.encode() not in bare
            # As built: the service worker keeps only the build's bytes (else its copy of the
            # site is never complete and the "ready offline" line never shows).
            status, sitemap = get(r.origin, "/sitemap.xml")
            assert (status, sitemap) == (200, (tmp_path / "site" / "sitemap.xml").read_bytes())
            r.snapshot_seen = True
        assert b.snapshot_seen is True  # what the rooted sections learnt, kept


def test_every_repeat_section_is_handed_the_site_at_a_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, tuple[str, str, str]] = {}

    def record(name: str) -> Any:
        def section(b: sections.Bench, *args: object, **kwargs: object) -> None:
            status, _ = get(b.origin, b.first)
            seen[name] = (b.base, b.first, f"{status}")

        return section

    every = ("calibrate_section", "startup", "recalc", "transfer", "repeat", "page_bytes", "slow4g")
    for name in every:
        monkeypatch.setattr(sections, name, record(name))
    monkeypatch.setattr(bench, "boot", record("boot"))
    with serve({"/": tmp_path / "nothing"}, lifetime=60) as sub:
        b = a_bench(tmp_path, sub)
        bench.run_browser_sections(b, set(sections.SECTIONS))
    rooted_page = ("/", "/calculators/schedule/", "200")
    for name in ("repeat", "page_bytes", "slow4g", "boot"):
        assert seen[name] == rooted_page, name
    # The first visits and recalculations stay where GitHub Pages serves the site.
    for name in ("calibrate_section", "startup", "recalc", "transfer"):
        assert seen[name][:2] == (BASE, f"{BASE}calculators/schedule/"), name
    assert {"repeat", "offline", "bytes", "slow4g", "boot"} == ROOTED


def test_the_boot_section_refuses_a_sub_path(tmp_path: Path) -> None:
    b = a_bench(tmp_path, server=None)
    with pytest.raises(RuntimeError, match="root"):
        boot_section.boot(b)


def test_the_trace_check_counts_the_code_caches_bytes() -> None:
    """moduleCacheHit names what it read ``consumedCacheSize``; cachedModule what it wrote
    ``producedCacheSize`` (the report showed a hit with 0 bytes while only ``...bytes`` counted)."""
    events = [
        {"name": "v8.wasm.streamFromResponseCallback", "args": {"url": "x"}},
        {"name": "v8.wasm.moduleCacheHit", "args": {"url": "x", "consumedCacheSize": 4_000_000}},
        {"name": "v8.wasm.cachedModule", "args": {"data": {"producedCacheSize": 3_500_000}}},
        {"name": "v8.wasm.compileConsume", "args": {"streamed": True}},
        {"name": "v8.compile", "args": {"consumedCacheSize": 99}},
    ]
    out = boot_section.wasm_trace(json.dumps({"traceEvents": events}).encode())
    assert out == {
        "v8.wasm.streamFromResponseCallback": {"count": 1, "bytes": 0},
        "v8.wasm.moduleCacheHit": {"count": 1, "bytes": 4_000_000},
        "v8.wasm.cachedModule": {"count": 1, "bytes": 3_500_000},
        "v8.wasm.compileConsume": {"count": 1, "bytes": 0},
    }
