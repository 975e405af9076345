"""hooks/notfound.py: where the 404 page decides the site's root is, for the addresses a host
may serve it at. The script the build writes runs in Node with a stand-in for the page's
location, its <head> and the host (which folders have a 404.html); the real page in Chromium
is tests/browser/test_not_found.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from mkdocs.exceptions import PluginError

from hooks.notfound import anywhere, top_folders

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>404</title>
<link rel="stylesheet" href="./assets/stylesheets/main.css"></head><body>
<a href="./">home</a> <a href="./guide/negotiate/">g</a> <a href="./zh-Hant/">繁</a>
<a href="./calculators/budget/">c</a> <a href="https://squidfunk.github.io/mkdocs-material/">m</a>
<script id="__config" type="application/json">{"base": ".", "search": "./assets/s.js"}</script>
</body></html>"""

RUN = """
const [script, path, roots] = JSON.parse(process.argv[1]);
const head = { children: [], appendChild(el) { this.children.push(el); } };
global.location = { pathname: path };
global.document = { head, createElement: () => ({}) };
global.XMLHttpRequest = class {
  open(method, url) { this.url = url; }
  send() { this.status = roots.some((r) => this.url === r + "404.html") ? 200 : 404; }
};
eval(script);
process.stdout.write(JSON.stringify(head.children.map((el) => el.href)));
"""


def root_for(path: str, built: str = "/yuqi-xieshang/", roots: tuple[str, ...] = ()) -> str:
    """The <base href> the page sets when served at `path` by a host whose site roots (the
    folders with a 404.html) are `roots`."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    page = anywhere(PAGE, "https://example.github.io" + built)
    [script] = re.findall(r"<script>(\(function \(\) \{\n  var built.*?)</script>", page, re.DOTALL)
    out = subprocess.run(
        ["node", "-e", RUN, json.dumps([script, path, list(roots)])],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    [href] = json.loads(out.stdout)
    assert isinstance(href, str)
    return href


def test_the_folders_come_from_the_pages_own_links() -> None:
    assert top_folders(PAGE) == ["assets", "calculators", "guide", "zh-Hant"]


def test_the_scripts_go_first_in_head_and_after_the_config() -> None:
    page = anywhere(PAGE, "https://example.github.io/yuqi-xieshang/")
    assert page.index('<meta charset="utf-8"><script>') < page.index("<link")
    assert page.index('"__config"') < page.index("config.base = abs(config.base)")
    with pytest.raises(PluginError, match="charset"):
        anywhere(PAGE.replace('<meta charset="utf-8">', ""), "https://example.github.io/")
    with pytest.raises(PluginError, match="__config"):
        anywhere(PAGE.replace("__config", "config"), "https://example.github.io/")


@pytest.mark.parametrize(
    ("path", "roots", "expected"),
    [
        # 1. The host the build is for: its path settles it.
        ("/yuqi-xieshang/guide/typo/", (), "/yuqi-xieshang/"),
        ("/yuqi-xieshang/a/b/c", (), "/yuqi-xieshang/"),
        # 2. Elsewhere: before the leftmost folder that is one of the site's own.
        ("/guide/typo/", (), "/"),
        ("/sub/path/guide/negotiate/typo/", (), "/sub/path/"),
        ("/m/zh-Hant/guide/x/", (), "/m/"),
        # 3. Nothing known: the deepest folder whose 404.html the host has.
        ("/sub/path/typo", ("/sub/path/",), "/sub/path/"),
        ("/a/b/c/typo", ("/a/",), "/a/"),
        # 4. Nothing found: the host's root.
        ("/typo", (), "/"),
        ("/a/b/typo", (), "/"),
        # An empty segment never makes a folder of another host ("//evil.example/").
        ("//evil.example/guide/x", ("//evil.example/",), "/"),
        ("///evil.example/x", ("//evil.example/", "///evil.example/"), "/"),
    ],
)
def test_the_root_wherever_the_page_is_served(
    path: str, roots: tuple[str, ...], expected: str
) -> None:
    assert root_for(path, roots=roots) == expected


def test_a_build_for_a_hosts_root_does_not_claim_every_address() -> None:
    # site_url at a host's root ("/") says nothing about a copy served under a sub-path.
    assert root_for("/mirror/guide/x/", built="/") == "/mirror/"
