"""hooks/offline.py on a small site: what sw.js lists and how its versions change, the widgets'
runtime size, and the service worker's rule about what it never caches (read in hooks/sw.js,
run in tests/browser/test_offline.py)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks import offline

V = "314.0.7"
APP = "calculators-0123456789abcdef"
WIDGET = '<section class="calc" data-calc="budget" data-state="static">x</section>'


def small_site(root: Path) -> Path:
    files = {
        "index.html": "<html><body>home</body></html>",
        "404.html": "<html>404</html>",
        "calculators/budget/index.html": f"<html><body>{WIDGET}</body></html>",
        "zh-Hant/calculators/budget/index.html": f"<html><body>{WIDGET}</body></html>",
        "search/search_index.json": "{}",
        "sitemap.xml": "<urlset/>",
        "sitemap.xml.gz": "gz",
        "assets/calc/bridge.js": "// bridge",
        "assets/javascripts/bundle.abc.min.js": "x",
        "assets/javascripts/bundle.abc.min.js.map": "{}",
        "assets/javascripts/lunr/wordcut.js": "x",
        "assets/javascripts/lunr/min/lunr.zh.min.js": "x",
        "assets/javascripts/lunr/min/lunr.multi.min.js": "x",
        "assets/javascripts/lunr/min/lunr.ja.min.js": "x",
        f"assets/pyodide/{V}/pyodide.mjs": "m" * 10,
        f"assets/pyodide/{V}/pyodide.asm.wasm": "w" * 1000,
        f"assets/pyodide/{V}/python_stdlib.zip": "s" * 500,
        f"assets/pyodide/{V}/python_stdlib-abc123-pyc.zip": "t" * 100,
        f"assets/pyodide/{V}/{APP}/pyodide-lock.json": "{}",
        f"assets/pyodide/{V}/{APP}/calculators-0.1.0-py3-none-any.whl": "z" * 50,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def constants(sw: str) -> dict[str, object]:
    found = {}
    for name in ("BUILD", "RUNTIME_KEY", "RUNTIME", "SITE"):
        match = re.search(rf"^const {name} = (.*);$", sw, re.MULTILINE)
        assert match, name
        found[name] = json.loads(match.group(1))
    return found


def test_sw_lists_the_runtime_and_the_site(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    values = constants(offline.write_offline(site))
    runtime = values["RUNTIME"]
    assert isinstance(runtime, dict)
    assert sorted(runtime) == [
        f"assets/pyodide/{V}/{APP}/calculators-0.1.0-py3-none-any.whl",
        f"assets/pyodide/{V}/{APP}/pyodide-lock.json",
        f"assets/pyodide/{V}/pyodide.asm.wasm",
        f"assets/pyodide/{V}/pyodide.mjs",
        f"assets/pyodide/{V}/python_stdlib-abc123-pyc.zip",  # the stock zip is not loaded
    ]
    pages = values["SITE"]
    assert isinstance(pages, dict)
    # Pages as the directories a browser asks for, both editions, the search index.
    for url in ("./", "404.html", "calculators/budget/", "zh-Hant/calculators/budget/"):
        assert url in pages
    assert "search/search_index.json" in pages and "sitemap.xml" in pages
    assert "assets/javascripts/lunr/min/lunr.zh.min.js" in pages
    # Never fetched by a browser on this site.
    for skipped in (".js.map", ".gz", "wordcut", "lunr.ja", "sw.js"):
        assert not any(skipped in url for url in pages), skipped
    assert (site / "sw.js").is_file()


def test_every_file_is_listed_with_the_hash_of_its_shipped_bytes(tmp_path: Path) -> None:
    """Issue 20, item 14: the service worker keeps and serves only these bytes; a page's hash
    is taken after the runtime's size is written into it (what the reader gets)."""
    site = small_site(tmp_path)
    values = constants(offline.write_offline(site))
    listed = {**values["RUNTIME"], **values["SITE"]}  # type: ignore[dict-item]
    for url, digest in listed.items():
        rel = "index.html" if url == "./" else url + "index.html" if url.endswith("/") else url
        data = (site / rel).read_bytes()
        assert digest == base64.b64encode(hashlib.sha256(data).digest()).decode(), url
    assert b"data-runtime-bytes" in (site / "calculators/budget/index.html").read_bytes()
    # The one query the pages give the page's script and the worker, from the runtime's files.
    query = re.search(r'^const QUERY = "(.*)";$', (site / "sw.js").read_text(), re.MULTILINE)
    assert query and query.group(1) == (
        f"pyodide={V}&app={APP}&stdlib=python_stdlib-abc123-pyc.zip"
    )


def test_widgets_carry_the_runtime_size(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    offline.write_offline(site)
    size = 10 + 1000 + 100 + 2 + 50
    for page in ("calculators/budget/index.html", "zh-Hant/calculators/budget/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert html.count(f'data-runtime-bytes="{size}"') == 1
        assert re.search(r'<section class="calc" data-calc="budget"[^>]* data-runtime-bytes=', html)
    # Written once, however often the hook runs (a dirty rebuild).
    offline.write_offline(site)
    assert (site / "calculators/budget/index.html").read_text().count("data-runtime-bytes") == 1
    assert "data-runtime-bytes" not in (site / "index.html").read_text()


def test_versions_follow_the_content(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    first = constants(offline.write_offline(site))
    # The same site again: the same versions (the size attribute does not feed the version).
    assert constants(offline.write_offline(site)) == first
    # A page changes: a new build version, the runtime's cache name stays.
    (site / "about.html").write_text("new page", encoding="utf-8")
    second = constants(offline.write_offline(site))
    assert second["BUILD"] != first["BUILD"] and second["RUNTIME_KEY"] == first["RUNTIME_KEY"]
    # The wheel changes: a new runtime key as well.
    (site / f"assets/pyodide/{V}/{APP}/calculators-0.1.0-py3-none-any.whl").write_text("y")
    third = constants(offline.write_offline(site))
    assert third["BUILD"] != second["BUILD"] and third["RUNTIME_KEY"] != second["RUNTIME_KEY"]


def test_a_site_without_a_runtime_or_a_template_without_a_value_fails(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("x")
    with pytest.raises(PluginError, match="no runtime"):
        offline.service_worker(tmp_path)
    small_site(tmp_path)
    with pytest.raises(PluginError, match="__SITE__"):
        offline.service_worker(tmp_path, template="__BUILD__ __RUNTIME_KEY__ __RUNTIME__")


def test_the_service_worker_answers_only_for_the_builds_own_files() -> None:
    """The rule, read where it is written; the browser tests type and read Cache Storage
    (test_offline.py) and plant files in it (test_trust_in_browser.py)."""
    sw = offline.TEMPLATE.read_text(encoding="utf-8")
    rule = sw[sw.index("function ownFile(") : sw.index("function isPage(")]
    assert 'request.method !== "GET"' in rule
    assert "HASHES.has(url.href)" in rule  # listed files only: no other query, no other path
    fetch = sw[sw.index('addEventListener("fetch"') :]
    # Not the build's: answered only for a page of the site's scope, from the network as is,
    # the site's kept 404 page when that fails; nothing of it is ever kept.
    unknown = fetch[fetch.index("if (!href) {") : fetch.index("return;\n  }")]
    assert 'request.mode === "navigate" && request.url.startsWith(ROOT)' in unknown
    assert "respondWith(orNotFound(request))" in unknown
    start = sw.index("async function orNotFound(")
    not_found = sw[start : sw.index("\n}\n", start)]
    assert "put(" not in not_found and "fetchAndKeep" not in not_found
    assert "status: 404" in not_found
    # Whatever is served from the cache or kept is checked against the build's hash first
    # (tests/js/sw.test.mjs runs the handler: the checked Response itself is answered).
    start = sw.index("async function cached(")
    from_cache = sw[start : sw.index("\n}\n", start)]
    assert "if (await verified(href, copy)) return copy;" in from_cache
    assert "await cache.delete(href);" in from_cache
    start = sw.index("async function fetchAndKeep(")
    keep = sw[start : sw.index("\n}\n", start)]
    assert keep.index("if (await verified(href, response))") < keep.index(".put(href, kept)")
    start = sw.index("async function verified(")
    check = sw[start : sw.index("\n}\n", start)]
    assert "response.clone().arrayBuffer()" in check and "HASHES.get(href)" in check
    # Pyodide never runs in the service worker.
    assert "loadPyodide" not in sw and "importScripts" not in sw
    assert not re.search(r"[\u4e00-\u9fff]", sw)


def test_the_written_sw_is_valid_javascript(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    offline.write_offline(site)
    node = subprocess.run(["node", "--check", str(site / "sw.js")], capture_output=True, text=True)
    assert node.returncode == 0, node.stderr
