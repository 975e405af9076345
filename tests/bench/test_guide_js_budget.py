"""A guide page loads at most 170 KiB of JavaScript (issue 26, item 7), counted in a real build:
the scripts the page names, what they import (statically, to the end), its inline scripts and
the theme's search worker, as the browser gets them (decoded bytes). A calculator's own code
(mount.js and what it imports) is loaded only by a page with a widget, and a guide page has
none. The service worker's script (sw.js) runs off the page and is not counted. Lighthouse
measures the pages themselves in `make bench` (benchmarks/lighthouse.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.hooks.test_site_build import PAGES, Builder, build_site  # noqa: F401 (a fixture)

BUDGET = 170 * 1024
GUIDE = "guide/negotiate/index.html"
SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')
INLINE = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
# `import ... from "./x.js"`, `export ... from "./x.js"` and `import "./x.js"`, minified or not;
# not `import("./x.js")`, which loads only when its code runs.
STATIC_IMPORT = re.compile(rb'(?:\bfrom|\bimport)\s*"(\.{1,2}/[^"]+)"')
DYNAMIC_IMPORT = re.compile(rb'\bimport\(\s*"(\.{1,2}/[^"]+)"\s*\)')


@pytest.fixture(scope="module")
def site(build_site: Builder) -> Path:  # noqa: F811 (the imported fixture)
    return build_site(PAGES)


def local(base: Path, src: str) -> Path:
    return (base / src.replace("&amp;", "&").split("?")[0].split("#")[0]).resolve()


def module_graph(entry: Path) -> tuple[dict[Path, int], set[Path]]:
    """Every file ``entry`` imports statically, to the end (with its size); and the files that
    any of them would import only when its code runs."""
    sizes: dict[Path, int] = {}
    later: set[Path] = set()
    todo = [entry]
    while todo:
        path = todo.pop()
        if path in sizes:
            continue
        data = path.read_bytes()
        sizes[path] = len(data)
        todo += [local(path.parent, m.decode()) for m in STATIC_IMPORT.findall(data)]
        later |= {local(path.parent, m.decode()) for m in DYNAMIC_IMPORT.findall(data)}
    return sizes, later - set(sizes)


def guide_scripts(site: Path) -> tuple[dict[str, int], set[str]]:
    """What the guide page loads: name -> bytes; and what its scripts import only on demand."""
    page = site / GUIDE
    html = page.read_text(encoding="utf-8")
    loaded: dict[Path, int] = {}
    later: set[Path] = set()
    for src in SCRIPT_SRC.findall(html):
        sizes, on_demand = module_graph(local(page.parent, src))
        loaded |= sizes
        later |= on_demand
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert config, "the theme's configuration is on the page"
    search = local(page.parent, json.loads(config.group(1))["search"])
    loaded[search] = search.stat().st_size
    out = {p.relative_to(site).as_posix(): n for p, n in loaded.items()}
    inline = [body for attrs, body in INLINE.findall(html) if "application/json" not in attrs]
    out["(inline scripts)"] = sum(len(body.encode()) for body in inline)
    return out, {p.relative_to(site).as_posix() for p in later - set(loaded)}


def test_a_guide_page_loads_at_most_170_kib_of_javascript(site: Path) -> None:
    loaded, later = guide_scripts(site)
    names = sorted(loaded)
    # Counted for real: the theme's bundle and search worker, the site's page script.
    assert any(re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", n) for n in names), names
    assert any(re.fullmatch(r"assets/javascripts/workers/search\.\w+\.min\.js", n) for n in names)
    assert "assets/calc/bridge.js" in names
    total = sum(loaded.values())
    detail = ", ".join(f"{n} {b:,}" for n, b in sorted(loaded.items(), key=lambda kv: -kv[1]))
    assert total <= BUDGET, f"{total:,} bytes of JavaScript > {BUDGET:,}: {detail}"
    # The calculators' own code is only imported on demand, and the guide page never asks; the
    # kept case's code (store.js) only when the reader presses 大字.
    assert {n for n in later if not re.fullmatch(r"assets/calc/store-\w+\.js", n)} == {
        "assets/calc/mount.js"
    }
    assert "data-calc" not in (site / GUIDE).read_text(encoding="utf-8")


def test_the_count_follows_static_imports_only(tmp_path: Path) -> None:
    files = {
        "m/a.js": 'import{x}from"./b.js";import"./c.js";import("./d.js");',
        "m/b.js": 'export * from "../t/e.js"; export const x = 1;',
        "m/c.js": "",
        "m/d.js": 'import "./never.js";',
        "t/e.js": "12345",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    sizes, later = module_graph(tmp_path / "m" / "a.js")
    loaded = {p.relative_to(tmp_path).as_posix(): n for p, n in sizes.items()}
    assert loaded == {rel: len(files[rel]) for rel in ("m/a.js", "m/b.js", "m/c.js", "t/e.js")}
    assert {p.relative_to(tmp_path).as_posix() for p in later} == {"m/d.js"}
