"""The tier's own watch can fail: a page that logs an error, throws, and loads from another
origin is reported on all three counts, in each engine (so a clean journey means clean)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engines.conftest import DESKTOP, start_engine
from tests.engines.drivers import PROBE
from tests.site_server import Server, serve

# localhost is another origin than 127.0.0.1 and stays on this machine (port 9: nothing there).
BAD_PAGE = """<!doctype html><html><head><title>bad</title></head><body>
<img src="http://localhost:9/pixel.png" alt="">
<script>console.error("logged on purpose");
setTimeout(() => { throw new Error("thrown on purpose"); });</script>
</body></html>"""


@pytest.fixture(scope="module")
def bad_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root: Path = tmp_path_factory.mktemp("bad-site")
    (root / "index.html").write_text(BAD_PAGE)
    server = serve(root, "/", inject=PROBE.encode())
    yield server
    server.close()


@pytest.mark.parametrize("name", ["webkit", "gecko"])
def test_errors_and_foreign_requests_are_caught(
    name: str, bad_server: Server, request: pytest.FixtureRequest
) -> None:
    engine = start_engine(name, {bad_server.origin}, DESKTOP, request)
    try:
        engine.goto(bad_server.url)
        engine.wait("() => document.readyState === 'complete'", timeout=30, what="load")
        engine.wait(
            "() => new Promise((r) => setTimeout(() => r(true), 300))", timeout=5, what="a tick"
        )
        seen = "\n".join(engine.problems())
    finally:
        engine.close()
    assert "logged on purpose" in seen, f"{name}: {seen}"
    assert "thrown on purpose" in seen, f"{name}: {seen}"
    assert "localhost:9" in seen, f"{name}: {seen}"
