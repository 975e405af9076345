"""hooks/csp.py on small inputs: which scripts are hashed, where the <meta> goes, the policy's
directives, and the rewriting of URLs of other hosts in shipped scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks import csp

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<script>var a = 1;</script>
<script id="__config" type="application/json">{"x": 1}</script>
<script src="x.js"></script>
<script type="module">import "./y.js";</script>
</head><body><table><td style="text-align: right;">1</td></table></body></html>
"""


def test_only_scripts_that_run_are_hashed() -> None:
    assert csp.inline_scripts(PAGE) == ["var a = 1;", 'import "./y.js";']


def test_the_policy_comes_right_after_the_charset_and_replaces_an_old_one() -> None:
    policy = csp.site_policy({Path("a.html"): PAGE})
    page = csp.add_meta(PAGE, csp.meta_tag(policy))
    again = csp.add_meta(page, csp.meta_tag(policy))
    assert again == page
    head = page[page.index("<head>") :]
    assert head.index('<meta charset="utf-8">') < head.index("Content-Security-Policy")
    assert head.index("Content-Security-Policy") < head.index("<script")
    assert page.count("Content-Security-Policy") == 1


def test_the_policy() -> None:
    policy = csp.site_policy({Path("a.html"): PAGE})
    parts = dict((d.split()[0], d.split()[1:]) for d in policy.split("; "))
    assert parts["default-src"] == ["'self'"]
    assert parts["script-src"] == sorted(
        ["'self'", csp.sha256_source("var a = 1;"), csp.sha256_source('import "./y.js";')],
        key=lambda s: (s != "'self'", s),
    )
    assert parts["style-src"] == [
        "'self'",
        "'unsafe-hashes'",
        csp.sha256_source("text-align: right;"),
    ]
    for name, value in {
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
    }.items():
        assert parts[name] == value
    assert "unsafe-eval" not in policy
    # Under `mkdocs serve` the live-reload script (new text on every request) may run.
    assert "'unsafe-inline'" in csp.site_policy({Path("a.html"): PAGE}, dev=True)


def fake_site(root: Path, bundle: str) -> None:
    (root / "assets" / "javascripts").mkdir(parents=True)
    (root / "assets" / "javascripts" / "bundle.0000.min.js").write_text(bundle, encoding="utf-8")
    (root / "assets" / "pyodide" / "1.0").mkdir(parents=True)
    (root / "assets" / "pyodide" / "1.0" / "pyodide.mjs").write_text(
        "x=`https://cdn.jsdelivr.net/pyodide/v${U}/full/`", encoding="utf-8"
    )


BUNDLE = (
    'a=_t("https://unpkg.com/resize-observer-polyfill");b=_t("https://unpkg.com/mermaid@11/dist/'
    'mermaid.min.js");c=`https://api.github.com/users/${e}`;d=`https://${e}/api/v4/projects/`;'
    'ns="http://www.w3.org/2000/svg"'
)


def test_urls_of_other_hosts_are_neutralised(tmp_path: Path) -> None:
    fake_site(tmp_path, BUNDLE)
    changed = csp.neutralise(tmp_path)
    assert len(changed) == 2
    bundle = (tmp_path / "assets/javascripts/bundle.0000.min.js").read_text(encoding="utf-8")
    assert bundle.startswith(csp.POLYFILL_MARK)
    assert "https://" not in bundle.replace("http://www.w3.org", "")
    assert csp.foreign_hosts_in_script(bundle) == []
    # Twice (mkdocs build --dirty keeps the rewritten file): the same result.
    csp.neutralise(tmp_path)
    assert (tmp_path / "assets/javascripts/bundle.0000.min.js").read_text(
        encoding="utf-8"
    ) == bundle


def test_a_changed_bundle_stops_the_build(tmp_path: Path) -> None:
    fake_site(
        tmp_path, BUNDLE.replace("resize-observer-polyfill", "ro@2") + ';f="//cdn.example.com/x"'
    )
    with pytest.raises(PluginError):
        csp.neutralise(tmp_path)
