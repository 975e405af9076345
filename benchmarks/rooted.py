"""The site served again at the root of a server of its own (issue 26).

The worker makes and reads a memory snapshot only where the site is its origin's whole
(docs/assets/calc/protocol.js, snapshotsAllowed): under GitHub Pages' sub-path, where the
other sections serve the site, every repeat visit boots the normal way. The sections that time
repeat visits (``repeat``, ``offline``, ``bytes``, ``slow4g``, ``boot``) therefore run against
this second server, where a repeat visit is what a reader of the published site gets on a host
of its own: the site at ``/``, every file as built, and bare Pyodide's page beside it (loading
the same runtime files from there).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.bare import write_bare_page
from benchmarks.cli import log
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
        # The sitemap is served as built (its URLs name the published host): the service
        # worker keeps only the build's own bytes, and a sitemap changed here would leave its
        # copy of the site never complete, so the "ready offline" line would never show.
        # These sections open each page by a new navigation; none follows the sitemap.
        log(f"the site at the root of {server.origin}/; compressing {server.warm()} files once")
        r.server = server
        try:
            yield r
        finally:
            # What the rooted sections learnt about snapshots holds for later ones too.
            b.snapshot_seen = r.snapshot_seen
