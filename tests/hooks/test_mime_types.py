"""The runtime's files get the content types browsers insist on, from `mkdocs serve` (which
`make serve` runs) and from Python's plain http.server: a module worker and pyodide.mjs must be
JavaScript, and WebAssembly streaming compilation requires application/wasm."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from hooks import runtime

JS = ("application/javascript", "text/javascript")


def test_mkdocs_serve_types() -> None:
    runtime.on_startup(command="serve", dirty=False)
    guess = LiveReloadServer._guess_type
    assert guess("assets/pyodide/314.0.7/pyodide.asm.wasm") == "application/wasm"
    assert guess("assets/pyodide/314.0.7/pyodide.mjs") in JS
    assert guess("assets/calc/worker.js") in JS
    assert guess("x/pyodide-lock.json") == "application/json"


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[str]:
    for name in ("pyodide.asm.wasm", "pyodide.mjs", "worker.js"):
        (tmp_path / name).write_bytes(b"\0")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def content_type(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        return str(response.headers["Content-Type"])


def test_python_http_server_types(http_server: str) -> None:
    assert content_type(http_server + "pyodide.asm.wasm") == "application/wasm"
    assert content_type(http_server + "pyodide.mjs") in JS
    assert content_type(http_server + "worker.js") in JS
