"""The whole site, both editions, built strictly with ProperDocs gives the pages MkDocs gives.

ProperDocs (PyPI `properdocs`) is a maintained fork of MkDocs 1.6. MkDocs stays the engine of
`make build` and `make serve`; this test keeps the site ready to move (README: "Build engine").

How ProperDocs runs this site unchanged:
- Config: `properdocs build -f mkdocs.yml`. Without `-f` it looks for properdocs.yml first and
  falls back to mkdocs.yml with a notice that the fallback will go away.
- Hooks and theme: its command line imports `properdocs.replacement` before anything else, an
  import hook under which every `mkdocs.*` module is the `properdocs.*` one. So the hooks'
  `from mkdocs... import ...` (including hooks/traditional.py's in-process second build of the
  zh-Hant edition, `mkdocs.commands.build.build` on a `MkDocsConfig`) and mkdocs-material's
  own imports all get ProperDocs. Themes and plugins registered under MkDocs's entry points
  (`mkdocs.themes`, `mkdocs.plugins`) are found as they are.
- Both engines therefore run in subprocesses: the alias would swap `mkdocs` for the rest of the
  test session.

The reference is `site/` when `make build` has just made it (newer than every file of the
repository that git does not ignore, and made by the MkDocs and mkdocs-material installed now);
otherwise a MkDocs build into a temporary directory. The ProperDocs build gets the reference's
`site_url` (mkdocs.yml reads SITE_URL), so a `site/` built for another address still compares.

What is compared: the same set of files; every HTML page as text after the normalisations
below; every other file byte for byte, except the two sitemaps. The normalisations, each
with its reason (nothing else is normalised):
1. The generator tag, `<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">`
   against `content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2"`: the engine names
   itself. A page must carry exactly one tag, naming exactly the engine (and the installed
   versions) that built it; only then is the tag replaced by a placeholder. So the check also
   proves that every page, the zh-Hant ones included, came from the engine it is said to.
2. The sitemaps' `<lastmod>` dates (sitemap.xml, and sitemap.xml.gz compared decompressed,
   whose gzip header holds the same date): the build date, not the engine; `site/` may have
   been built on another day. Every other byte of the sitemaps must match.
"""

from __future__ import annotations

import difflib
import gzip
import json
import os
import re
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "mkdocs.yml"
EDITION = "zh-Hant"
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')
LASTMOD = re.compile(r"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>")
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
SITEMAPS = {"sitemap.xml", "sitemap.xml.gz"}

# Two whole builds of the site (one reused when `make build` has just made site/): `make test`
# runs it, `make quick` leaves it out.
pytestmark = pytest.mark.slow


def generator(engine: str) -> str:
    """The generator tag's content for a page built by `engine` ("mkdocs" or "properdocs")."""
    theme = f"mkdocs-material-{version('mkdocs-material')}"
    if engine == "properdocs":
        return f"mkdocs-ProperDocs {version('properdocs')}, {theme}"
    return f"mkdocs-{version('mkdocs')}, {theme}"


def build(engine: str, dest: Path, site_url: str | None = None) -> None:
    """`ENGINE build --strict -f mkdocs.yml -d DEST` in a subprocess."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # mkdocs-material's notice under MkDocs
    if site_url:
        env["SITE_URL"] = site_url
    args = ["build", "--strict", "--quiet", "-f", str(CONFIG), "-d", str(dest)]
    proc = subprocess.run(
        [sys.executable, "-m", engine, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        pytest.fail(f"{engine} build --strict failed:\n{proc.stderr[-4000:]}")


def newest_source() -> float | None:
    """The newest modification time of any file git tracks or would track (not ignored):
    every input of the build, and more; the build's own outputs are all git-ignored. None
    outside a git checkout."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return None
    paths = (ROOT / rel for rel in listed.split("\0") if rel)
    return max(p.stat().st_mtime for p in paths if p.is_file())


def is_fresh(site: Path) -> bool:
    """`site/` was built by the installed MkDocs and theme after the last change to a file."""
    index = site / "index.html"
    newest = newest_source()
    if newest is None or not index.is_file() or index.stat().st_mtime < newest:
        return False
    tag = GENERATOR.search(index.read_text(encoding="utf-8"))
    return tag is not None and tag[1] == generator("mkdocs")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the MkDocs site, the ProperDocs site), built from the same sources."""
    mkdocs_site = ROOT / "site"
    if is_fresh(mkdocs_site):
        since = (mkdocs_site / "index.html").stat().st_mtime
    else:
        since = time.time()
        mkdocs_site = tmp_path_factory.mktemp("mkdocs-site")
        build("mkdocs", mkdocs_site)
    canonical = CANONICAL.search((mkdocs_site / "index.html").read_text(encoding="utf-8"))
    properdocs_site = tmp_path_factory.mktemp("properdocs-site")
    build("properdocs", properdocs_site, site_url=canonical[1] if canonical else None)
    newest = newest_source()
    if newest is not None and newest > since:
        pytest.fail("a file changed while the sites were built; run the test again")
    return mkdocs_site, properdocs_site


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def normalised_page(path: Path, engine: str) -> str:
    """The page with its generator tag, which must name `engine`, replaced by a placeholder."""
    text = path.read_text(encoding="utf-8")
    tags = GENERATOR.findall(text)
    assert tags == [generator(engine)], f"{path}: generator tags {tags}, built by {engine}"
    return GENERATOR.sub('<meta name="generator" content="ENGINE">', text)


def normalised_sitemap(path: Path) -> str:
    data = path.read_bytes()
    text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
    return LASTMOD.sub("<lastmod>DATE</lastmod>", text)


def test_properdocs_builds_both_editions_with_the_same_files(sites: tuple[Path, Path]) -> None:
    mkdocs_site, properdocs_site = sites
    expected = files(mkdocs_site)
    assert files(properdocs_site) == expected
    pages = {rel for rel in expected if rel.endswith(".html")}
    assert {"index.html", f"{EDITION}/index.html", f"{EDITION}/calculators/payoff/index.html"} <= (
        pages
    )
    hant = {rel for rel in pages if rel.startswith(f"{EDITION}/")}
    assert len(hant) == len(pages) - len(hant), "each edition has the same pages"


def test_every_page_is_the_same_but_for_the_engine_s_name(sites: tuple[Path, Path]) -> None:
    mkdocs_site, properdocs_site = sites
    pages = sorted(rel for rel in files(mkdocs_site) if rel.endswith(".html"))
    different = []
    for rel in pages:
        ours = normalised_page(mkdocs_site / rel, "mkdocs")
        theirs = normalised_page(properdocs_site / rel, "properdocs")
        if ours != theirs:
            diff = difflib.unified_diff(
                ours.splitlines(),
                theirs.splitlines(),
                f"mkdocs/{rel}",
                f"properdocs/{rel}",
                n=1,
                lineterm="",
            )
            different.append("\n".join(list(diff)[:40]))
    assert not different, f"{len(different)} of {len(pages)} pages differ:\n" + "\n".join(
        different[:3]
    )


def normalised_sw(path: Path) -> str:
    """sw.js without what follows from the pages and the sitemaps: its BUILD version, and the
    hashes of the pages and sitemaps in its manifest (every other file's hash must agree)."""
    text = path.read_text(encoding="utf-8")
    assert len(re.findall(r'^const BUILD = "[0-9a-f]+";$', text, flags=re.M)) == 1
    text = re.sub(r'^const BUILD = "[0-9a-f]+";$', 'const BUILD = "";', text, flags=re.M)

    def blank(match: re.Match[str]) -> str:
        files = json.loads(match.group(1))
        for url in files:
            if url.endswith(("/", ".html")) or Path(url).name in SITEMAPS:
                files[url] = ""
        return f"const SITE = {json.dumps(files, sort_keys=True)};"

    return re.sub(r"^const SITE = (\{.*\});$", blank, text, flags=re.M)


def test_every_other_file_is_byte_identical(sites: tuple[Path, Path]) -> None:
    mkdocs_site, properdocs_site = sites
    others = sorted(rel for rel in files(mkdocs_site) if not rel.endswith(".html"))
    assert any(rel.endswith("search_index.json") for rel in others)
    different = []
    for rel in others:
        if Path(rel).name in SITEMAPS:
            same = normalised_sitemap(mkdocs_site / rel) == normalised_sitemap(
                properdocs_site / rel
            )
        elif rel == "sw.js":
            # Its BUILD version is a hash over every shipped file, the pages' generator tags
            # and the sitemaps' dates included, so it differs exactly when those do; the rest
            # of the service worker (the runtime key included) must be the same.
            same = normalised_sw(mkdocs_site / rel) == normalised_sw(properdocs_site / rel)
        else:
            same = (mkdocs_site / rel).read_bytes() == (properdocs_site / rel).read_bytes()
        if not same:
            different.append(rel)
    assert not different, f"differ between the engines: {different}"
