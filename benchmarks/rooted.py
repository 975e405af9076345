"""The site served again at the root of a server of its own (issue 26).

The worker makes and reads a memory snapshot only where the site is its origin's whole
(docs/assets/calc/protocol.js, snapshotsAllowed): under GitHub Pages' sub-path, where the
other sections serve the site, every repeat visit boots the normal way. The sections that time
repeat visits (``repeat``, ``offline``, ``bytes``, ``slow4g``, ``boot``) therefore run against
this second server, where a repeat visit is what a reader of the published site gets on a host
of its own: the site at ``/``, bare Pyodide's page beside it (loading the same runtime files
from there), and the sitemap's URLs pointing at this server.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.bare import write_bare_page
from benchmarks.cli import log
from benchmarks.pages import site_base
from benchmarks.sections import BARE, Bench
from benchmarks.server import serve

# The sections that must see the site at a root.
ROOTED = frozenset({"repeat", "offline", "bytes", "slow4g", "boot"})


def at_root(path: str, base: str) -> str:
    """A URL path of the site served under ``base``, as it is when the site is at ``/``."""
    if not path.startswith(base):
        raise ValueError(f"{path} is not under {base}")
    return "/" + path.removeprefix(base)


def lock_url(site: Path) -> str:
    """URL path (site at ``/``) of the runtime's lock file the site loads: the shallowest."""
    locks = sorted(site.rglob("pyodide-lock.json"), key=lambda p: len(p.parts))
    if not locks:
        raise SystemExit("the built site holds no pyodide-lock.json")
    return "/" + locks[0].relative_to(site).as_posix()


def local_sitemap(sitemap: str, site_url: str, origin: str, base: str) -> bytes:
    """The site's sitemap with its URLs on the test server (``origin`` + ``base``).

    mkdocs-material's instant navigation follows only links listed in sitemap.xml, whose URLs
    carry site_url's host and port: the test server stands in for that host, as GitHub Pages
    would be it.
    """
    return sitemap.replace(site_url.rstrip("/") + "/", origin + base).encode()


def rebased(b: Bench, index_url: str) -> Bench:
    """``b`` with the site's paths as they are at ``/`` (the server is set by :func:`rooted`).
    The results are the same dictionary: what the sections measure lands in one report."""
    return dataclasses.replace(
        b,
        base="/",
        index_url=at_root(index_url, b.base),
        first=at_root(b.first, b.base),
        second=at_root(b.second, b.base),
    )


@contextmanager
def rooted(b: Bench) -> Iterator[Bench]:
    """Serve the site's copy at the root of a new server; yield ``b`` rebased onto it."""
    if b.site is None or b.scratch is None:
        raise RuntimeError("serving the site at a root needs the site's copy")
    r = rebased(b, b.index_url)
    bare = write_bare_page(b.scratch / "bare-root", r.index_url, {"lockFileURL": lock_url(b.site)})
    with serve({"/": b.site, BARE: bare}, lifetime=4 * 3600) as server:
        site_url, _ = site_base()
        sitemap = (b.site / "sitemap.xml").read_text(encoding="utf-8")
        server.replace("/sitemap.xml", local_sitemap(sitemap, site_url, server.origin, "/"))
        log(f"the site at the root of {server.origin}/; compressing {server.warm()} files once")
        r.server = server
        try:
            yield r
        finally:
            # What the rooted sections learnt about snapshots holds for later ones too.
            b.snapshot_seen = r.snapshot_seen
