"""The built site on local static servers, for every tier that drives a browser.

Shared by the Chromium tier (tests/browser/conftest.py) and the WebKit and Gecko tier
(tests/engines/conftest.py), which see the same build served the same way:

- `site_dir_for_tests(tmp)`: $CALC_SITE_DIR if set; else `site/` when it is newer than every
  source (as right after `make build`); else a fresh `mkdocs build --strict` into `tmp`.
- `serve(directory, prefix)`: a static server on a free port that answers only under
  `prefix` (a URL that escapes a sub-path fails), with the MIME types a real host sends for
  .mjs and .wasm and, as GitHub Pages does, the site's 404.html (status 404) for a path under
  the site that names no file. `inject` puts markup at the start of every HTML page it
  serves, before the page's own Content-Security-Policy (the engines without an init-script
  API use it to watch the page from its first line).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUB_PATH = "/sub/path/"
SOURCES = (
    "mkdocs.yml",
    "docs",
    "overrides",
    "hooks",
    "calculators",
    "node_modules/pyodide/package.json",
)


def _newest_source() -> float:
    newest = 0.0
    for rel in SOURCES:
        path = ROOT / rel
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            if "__pycache__" not in file.parts:
                newest = max(newest, file.stat().st_mtime)
    return newest


BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
overrides = {"site_url": sys.argv[3]} if len(sys.argv) > 3 else {}
config = load_config(sys.argv[1], site_dir=sys.argv[2], **overrides)
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
finally:
    config.plugins.on_shutdown()
"""


def start_build(dest: Path, site_url: str | None = None) -> subprocess.Popen[str]:
    """`mkdocs build` (strict, as mkdocs.yml says) into `dest`, optionally for another URL."""
    args = [sys.executable, "-c", BUILD, str(ROOT / "mkdocs.yml"), str(dest)]
    return subprocess.Popen(
        [*args, *([site_url] if site_url else [])],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_build(proc: subprocess.Popen[str]) -> None:
    _, err = proc.communicate(timeout=300)
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{err[-4000:]}")


def site_dir_for_tests(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build the browser tiers test (see the module docstring)."""
    if os.environ.get("CALC_SITE_DIR"):
        return Path(os.environ["CALC_SITE_DIR"]).resolve()
    built = ROOT / "site" / "index.html"
    if built.is_file() and built.stat().st_mtime >= _newest_source():
        return ROOT / "site"
    out = tmp_path_factory.mktemp("site")
    finish_build(start_build(out))
    return out


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"
    inject = b""  # markup put right after <head> of every HTML page (see the docstring)
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }

    def __init__(self, request: Any, client_address: Any, server: Any) -> None:
        super().__init__(request, client_address, server, directory=str(server.site_root))

    def do_GET(self) -> None:
        if not self.path.startswith(self.prefix):
            self.send_error(404)
            return
        if not self._send_html():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self.path.startswith(self.prefix):
            self.send_error(404)
            return
        if not self._send_html():
            super().do_HEAD()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix) :])

    def _send_html(self) -> bool:
        """An HTML page with `inject` added; False when there is nothing to add or no page."""
        if not self.inject:
            return False
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return False
        self._send_page(200, path.read_bytes())
        return True

    def _send_page(self, code: int, body: bytes) -> None:
        if self.inject:
            body = body.replace(b"<head>", b"<head>" + self.inject, 1)
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # As GitHub Pages does: a path under the site that names no file gets the site's
        # 404.html, with status 404 (the page's own URLs decide what it loads next).
        page = Path(self.server.site_root) / "404.html"  # type: ignore[attr-defined]
        if code != 404 or not self.path.startswith(self.prefix) or not page.is_file():
            super().send_error(code, message, explain)
            return
        self._send_page(404, page.read_bytes())

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    site_root: Path


@dataclass
class Server:
    prefix: str
    httpd: _HTTPServer

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def url(self) -> str:
        return self.origin + self.prefix

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(directory: Path | None, prefix: str, inject: bytes = b"") -> Server:
    """A static server on a free port; its directory may be set later (`httpd.site_root`)."""
    handler = type("Handler", (_Handler,), {"prefix": prefix, "inject": inject})
    httpd = _HTTPServer(("127.0.0.1", 0), handler)
    if directory is not None:
        httpd.site_root = directory
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(prefix, httpd)


@dataclass
class Servers:
    root: Server
    sub: Server

    @property
    def origins(self) -> set[str]:
        return {self.root.origin, self.sub.origin}

    def close(self) -> None:
        self.root.close()
        self.sub.close()
