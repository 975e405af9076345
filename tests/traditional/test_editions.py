"""hooks/editions.py, the one list of editions: what is derived from it, that it agrees with
the package's own (calculators/web/hant.py), and that the hooks import it both ways they are
loaded (by path, as MkDocs and ProperDocs load them, and as the package `hooks`)."""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.utils.yaml import yaml_load

from calculators import registry
from calculators.web import hant
from hooks import editions, hant_catalog, hant_convert, traditional

ROOT = Path(__file__).resolve().parents[2]


def test_the_package_lists_the_same_editions() -> None:
    # calculators/web/hant.py may not import the hooks; it keeps its own names.
    assert editions.LANGS == hant.LANGS
    assert (editions.HANS, editions.HANT) == (hant.HANS, hant.HANT)
    assert editions.SOURCE.lang == hant.HANS
    assert [e.lang for e in editions.converted()] == [hant.HANT]


def test_each_edition_has_its_files() -> None:
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0])
    assert config["theme"]["language"] == editions.SOURCE.theme_language
    languages = ROOT / "overrides" / "partials" / "languages"
    for edition in editions.EDITIONS:
        assert (languages / f"{edition.theme_language}.html").is_file(), edition.lang
        if edition.converted:
            assert edition.dir and edition.exceptions
            assert (ROOT / "hooks" / edition.exceptions).is_file()
        else:
            assert edition == editions.SOURCE and edition.dir == ""
    hant_edition = editions.get(editions.HANT)
    assert hant_edition.opencc == hant_convert.OPENCC_CONFIG
    assert hant_edition.dir == traditional.EDITION_DIR
    count = len(editions.EDITIONS)
    assert (
        len({e.lang for e in editions.EDITIONS}) == len({e.dir for e in editions.EDITIONS}) == count
    )


def test_every_root_leads_to_its_edition() -> None:
    for here in editions.EDITIONS:
        extra = editions.edition_extra(here.lang)
        assert extra["lang"] == here.lang
        assert [a["lang"] for a in extra["alternates"]] == list(editions.LANGS)
        assert [a["name"] for a in extra["alternates"]] == [e.label for e in editions.EDITIONS]
        site_root = posixpath.normpath(posixpath.join("/site", here.dir, extra["site_root"]))
        assert site_root == "/site"
        for alt in extra["alternates"]:
            target = posixpath.normpath(posixpath.join("/site", here.dir, alt["root"]))
            assert target == posixpath.normpath(
                posixpath.join("/site", editions.get(alt["lang"]).dir)
            )
            assert alt["root"] == "" or alt["root"].endswith("/")


def test_the_edition_a_config_builds() -> None:
    assert editions.current(SimpleNamespace()) == editions.SOURCE
    assert editions.current(SimpleNamespace(extra={})) == editions.SOURCE
    for edition in editions.EDITIONS:
        config = SimpleNamespace(extra={"edition": editions.edition_extra(edition.lang)})
        assert editions.current(config) == edition
        assert editions.edition_lang(config) == edition.lang
    with pytest.raises(ValueError, match="unknown edition"):
        editions.get("zh-Latn")


HELPERS = ("editions", "hant_convert", "hant_catalog", "buildstate", "stdlib")


def test_hooks_import_their_helpers_when_loaded_by_path() -> None:
    """MkDocs's own loader (as a build runs it): each hook finds its helpers (hooks/editions.py,
    the converter's modules, hooks/buildstate.py, hooks/stdlib.py) in its own folder, without
    the package `hooks`, and the hooks share one copy of each."""
    script = """
import json, sys
from pathlib import Path
from mkdocs.config import load_config
config = load_config(sys.argv[1])
print(json.dumps({
    "hooks": sorted(config.hooks),
    "helpers": {n: sys.modules[n].__file__ for n in HELPERS},
    "same": [n for n, h in sorted(config.hooks.items())
             if getattr(h, "editions", None) is sys.modules["editions"]],
    "state": [n for n, h in sorted(config.hooks.items())
              if getattr(h, "buildstate", None) is sys.modules["buildstate"]],
    "package": sorted(n for n in sys.modules if n == "hooks" or n.startswith("hooks.")),
}))
"""
    done = subprocess.run(
        [sys.executable, "-c", f"HELPERS = {HELPERS!r}\n{script}", str(ROOT / "mkdocs.yml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""},
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert "hooks/traditional.py" in found["hooks"]
    assert found["helpers"] == {name: str(ROOT / "hooks" / f"{name}.py") for name in HELPERS}
    assert found["same"] == [
        "hooks/csp.py",
        "hooks/offline.py",
        "hooks/runtime.py",
        "hooks/scripts.py",
        "hooks/shortcodes.py",
        "hooks/traditional.py",
    ]
    assert found["state"] == ["hooks/csp.py", "hooks/runtime.py"]  # one module, one session
    assert found["package"] == []


def test_package_imports_and_renders_simplified_without_the_catalog(tmp_path: Path) -> None:
    """calculators/web/hant.json is made by the build (hooks/hant_catalog.py); the package
    must not need it but for Traditional answers, and then say how to make it."""
    copy = tmp_path / "calculators"
    shutil.copytree(ROOT / "calculators", copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "web" / hant_catalog.CATALOG.name).unlink(missing_ok=True)
    script = """
import json, sys
sys.path.insert(0, sys.argv[1])
import calculators
from calculators import registry
from calculators.web import render
assert calculators.__file__.startswith(sys.argv[1]), calculators.__file__
ok = {name: render(name, {})["ok"] for name in registry.NAMES}
try:
    render(registry.NAMES[0], {}, "zh-Hant")
    error = None
except RuntimeError as err:
    error = str(err)
print(json.dumps({"ok": ok, "error": error}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["ok"] == dict.fromkeys(registry.NAMES, True)
    assert found["error"] and "hant.json is missing" in found["error"]
    assert "mkdocs build" in found["error"]
