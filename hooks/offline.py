"""MkDocs hook: the site works offline after the first visit (a service worker), and every
widget knows how many bytes its runtime is.

What it writes, once both editions are built (`on_post_build` of the Simplified build, after
hooks/csp.py has finished every HTML file; the Traditional build's own call does nothing):

1. `sw.js` at the site's root, from hooks/sw.js with these values filled in:
   - BUILD: a hash of every file the site ships (names and bytes, sw.js itself aside), so any
     change to a page, asset or the runtime makes a new service worker, whose cache names
     differ; the old caches are deleted when it activates.
   - RUNTIME_KEY: a hash of the runtime's files alone (Pyodide, the wheel, the lock file), the
     name of the cache that holds them: a build that changes only pages keeps the 13 MB.
   - the manifest: the site's files as URLs relative to the root (a page as its directory,
     "calculators/budget/"), split into the runtime and the rest, each with the sha256 of its
     bytes as they are shipped (the service worker keeps and serves only those bytes: another
     site on the same origin can write into Cache Storage). Source maps, compressed sitemaps
     and search-language files this site never loads are left out.
   - the query the build writes into every page for its script and the worker (QUERY: the
     one query the service worker caches).
   The file must be at the root: a service worker's scope is at most its own directory unless
   the host sends Service-Worker-Allowed, which GitHub Pages cannot. At the root, its scope
   covers both editions (zh-Hant/ included), at a host root or under any sub-path.
2. `data-runtime-bytes="N"` on every widget (`<section class="calc" ...>`): the bytes of the
   runtime a first visit downloads (every file of the runtime list). The widget shows it on a
   slow link before asking the reader to start the download, and as the total of its progress.
   Written first, so that the manifest hashes the pages as they are shipped.

The policy (when is what cached) is in hooks/sw.js; registration and the request to precache
are in docs/assets/calc/offline.js. No inline script is added, so hooks/csp.py's hashes hold;
service workers are allowed by its `worker-src 'self'`.

Order: `event_priority(-200)`, after hooks/csp.py's `on_post_build` (-100), because the
HTML files are final only then (the version and the manifest hash what the reader will
actually get); the size attribute is written after the policy (an attribute changes no
script's hash).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig

if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.offline (see hooks/editions.py)
    from hooks import editions
    from hooks.scripts import runtime_query
else:  # MkDocs, ProperDocs: loaded by path, hooks/ on sys.path while this file runs
    import editions

    from scripts import runtime_query

TEMPLATE = Path(__file__).resolve().with_name("sw.js")
SW_NAME = "sw.js"
RUNTIME_DIR = "assets/pyodide/"
# Files a browser never asks for on this site: source maps (only developer tools load them),
# the gzipped sitemap, and the search languages and word splitters of other languages (the
# theme's search worker loads lunr's zh support, multi and the stemmer support only).
SKIP = re.compile(
    r"(\.map$|\.gz$|^(?:zh-Hant/)?assets/javascripts/lunr/(?:wordcut|tinyseg)\.js$"
    r"|^(?:zh-Hant/)?assets/javascripts/lunr/min/lunr\.(?!zh\.|multi\.|stemmer\.)[\w-]+\.min\.js$)"
)
STDLIB = "/python_stdlib.zip"
STDLIB_TRIMMED = re.compile(r"^assets/pyodide/([^/]+)/(python_stdlib-[\w-]+\.zip)$")
APP_FILE = re.compile(r"^assets/pyodide/([^/]+)/(calculators-\w+)/")
WIDGET = re.compile(r'<section class="calc" data-calc="[^"<>]*"[^<>]*(?=>)')
SIZE_ATTR = re.compile(r' data-runtime-bytes="\d*"')
PLACEHOLDERS = ("__BUILD__", "__RUNTIME_KEY__", "__RUNTIME__", "__SITE__", "__QUERY__")


def site_files(site: Path) -> list[str]:
    """Every file of the built site the service worker may cache, as root-relative paths."""
    out = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if rel == SW_NAME or SKIP.search(rel):
            continue
        out.append(rel)
    # hooks/stdlib.py ships a trimmed, compiled standard library, python_stdlib-K-pyc.zip,
    # which the worker loads (stdLibURL); the stock python_stdlib.zip beside it is for the
    # benchmark's bare runtime only, so it is neither cached nor counted in the size a reader
    # downloads.
    trimmed = {rel.rsplit("/", 1)[0] for rel in out if STDLIB_TRIMMED.search(rel)}
    return [rel for rel in out if not (rel.endswith(STDLIB) and rel.rsplit("/", 1)[0] in trimmed)]


def build_query(runtime: list[str]) -> str:
    """The query the pages give the page's script and the worker (hooks/scripts.py), from the
    runtime's files: "" when they name no app directory or no trimmed standard library."""
    apps = {m.groups() for rel in runtime if (m := APP_FILE.match(rel))}
    stdlibs = {m.groups() for rel in runtime if (m := STDLIB_TRIMMED.match(rel))}
    if len(apps) != 1 or len(stdlibs) != 1:
        return ""
    (version, app), (stdlib_version, stdlib) = apps.pop(), stdlibs.pop()
    return runtime_query(version, app, stdlib) if version == stdlib_version else ""


def url_of(rel: str) -> str:
    """The URL a browser asks for: a page's index.html is its directory."""
    if rel == "index.html":
        return "./"
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def file_hashes(site: Path, files: list[str]) -> dict[str, str]:
    """URL -> sha256 of the file's bytes (base64), as the service worker checks them."""
    return {
        url_of(rel): base64.b64encode(hashlib.sha256((site / rel).read_bytes()).digest()).decode()
        for rel in files
    }


def digest(site: Path, files: list[str]) -> str:
    h = hashlib.sha256()
    for rel in files:
        h.update(rel.encode() + b"\0" + (site / rel).read_bytes() + b"\0")
    return h.hexdigest()[:16]


def runtime_bytes(site: Path, files: list[str]) -> int:
    return sum((site / rel).stat().st_size for rel in files if rel.startswith(RUNTIME_DIR))


def service_worker(site: Path, template: str | None = None) -> str:
    """The text of sw.js for the site as it is now."""
    text = template if template is not None else TEMPLATE.read_text(encoding="utf-8")
    for mark in PLACEHOLDERS:
        if mark not in text:
            raise PluginError(f"hooks/offline.py: {mark} is missing from hooks/sw.js")
    files = site_files(site)
    runtime = [rel for rel in files if rel.startswith(RUNTIME_DIR)]
    pages = [rel for rel in files if not rel.startswith(RUNTIME_DIR)]
    if not runtime:
        raise PluginError("hooks/offline.py: no runtime under assets/pyodide/ in the site")
    values = {
        # Sizes are written into the pages after this is computed; strip them so that the
        # version does not depend on itself (and a rebuild of the same site gives the same).
        "__BUILD__": digest_without_sizes(site, files),
        "__RUNTIME_KEY__": digest(site, runtime),
        "__RUNTIME__": json.dumps(file_hashes(site, runtime), separators=(",", ":")),
        "__SITE__": json.dumps(file_hashes(site, pages), separators=(",", ":")),
        "__QUERY__": build_query(runtime),
    }
    for mark, value in values.items():
        text = text.replace(mark, value)
    return text


def digest_without_sizes(site: Path, files: list[str]) -> str:
    h = hashlib.sha256()
    for rel in files:
        data = (site / rel).read_bytes()
        if rel.endswith(".html"):
            data = SIZE_ATTR.sub("", data.decode("utf-8")).encode("utf-8")
        h.update(rel.encode() + b"\0" + data + b"\0")
    return h.hexdigest()[:16]


def add_sizes(site: Path, size: int) -> int:
    """Write data-runtime-bytes on every widget of every page; returns the pages changed."""
    changed = 0
    attr = f' data-runtime-bytes="{size}"'
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        new = WIDGET.sub(lambda m: m.group(0) + attr, SIZE_ATTR.sub("", html))
        if new != html:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def write_offline(site: Path) -> str:
    """The widgets' sizes, then sw.js with the hashes of the pages as they are now; returns
    sw.js's text."""
    add_sizes(site, runtime_bytes(site, site_files(site)))
    text = service_worker(site)
    (site / SW_NAME).write_text(text, encoding="utf-8")
    return text


# --- MkDocs events ---------------------------------------------------------------------------


@event_priority(-200)  # after hooks/csp.py (-100): the pages are final
def on_post_build(*, config: MkDocsConfig) -> None:
    if editions.current(config).dir:
        return  # the root build's call covers the whole site, zh-Hant/ included
    write_offline(Path(config.site_dir))
