"""A static file server on 127.0.0.1 that answers the way GitHub Pages does.

What matters for the numbers, and so is copied from GitHub Pages:

- text, JavaScript, JSON, SVG and WebAssembly are sent with ``Content-Encoding: gzip`` when the
  client accepts it (``python_stdlib.zip`` and images are not: they do not shrink);
- every answer carries ``Cache-Control: max-age=600``, an ``ETag`` and ``Last-Modified``, and a
  conditional request for an unchanged file gets ``304 Not Modified`` with no body;
- ``.mjs`` is JavaScript and ``.wasm`` is ``application/wasm`` (streaming compilation needs it);
- a missing file gets the site's ``404.html`` with status 404; a directory gets its
  ``index.html``, and a directory asked for without its trailing slash is redirected.

To let the benchmark stand for a visit after the 10-minute cache has expired, the server can
date its answers in the past (``date_offset_s``): an answer whose ``Date`` is 11 minutes old
is stale on arrival (its age is already over ``max-age``), so the browser revalidates every
reuse of it (a conditional request, a 304), as it would 11 minutes later. 304s carry the same
old ``Date``, so a revalidated copy stays stale.

Each file is compressed once, on first request, and the bytes are kept in memory with their
validators, so the server costs almost nothing while the browser is timed. The server is
threaded (the browser opens several connections at once) and bounded: :func:`serve` stops it
when the ``with`` block ends, and a timer stops it after ``lifetime`` seconds in any case.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import http.server
import os
import posixpath
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_AGE = 600
GZIP_LEVEL = 6

# Debian's mime.types differs between machines; these are the types the measurements depend on.
MIME_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".gz": "application/gzip",
    ".csv": "text/csv; charset=utf-8",
}
DEFAULT_TYPE = "application/octet-stream"
COMPRESSIBLE_PREFIXES = ("text/", "application/javascript", "application/json", "application/xml")
COMPRESSIBLE_TYPES = {"image/svg+xml", "application/wasm", "image/x-icon"}


def content_type(path: str) -> str:
    """The Content-Type GitHub Pages sends for a file name."""
    return MIME_TYPES.get(posixpath.splitext(path)[1].lower(), DEFAULT_TYPE)


def compressible(ctype: str) -> bool:
    """Whether GitHub Pages would gzip a response of this type."""
    return ctype.startswith(COMPRESSIBLE_PREFIXES) or ctype.split(";")[0] in COMPRESSIBLE_TYPES


@dataclass(frozen=True)
class Entry:
    """One file as served: its bytes (plain and gzipped) and its validators."""

    ctype: str
    plain: bytes
    gzipped: bytes | None
    etag: str
    mtime: float

    @property
    def last_modified(self) -> str:
        return email.utils.formatdate(self.mtime, usegmt=True)


class FileCache:
    """Reads and compresses each file once; a changed file (size or mtime) is read again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[Path, tuple[tuple[int, int], Entry]] = {}

    def get(self, path: Path) -> Entry:
        st = path.stat()
        key = (st.st_size, st.st_mtime_ns)
        with self._lock:
            hit = self._entries.get(path)
        if hit is not None and hit[0] == key:
            return hit[1]
        data = path.read_bytes()
        ctype = content_type(path.name)
        packed = gzip.compress(data, GZIP_LEVEL, mtime=0) if compressible(ctype) else None
        entry = Entry(
            ctype=ctype,
            plain=data,
            gzipped=packed,
            etag='"' + hashlib.sha1(data).hexdigest()[:20] + '"',
            mtime=st.st_mtime,
        )
        with self._lock:
            self._entries[path] = (key, entry)
        return entry


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (q=0 refuses it)."""
    if not header:
        return False
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            q = params.strip()
            return not (q.startswith("q=") and float(q[2:] or "0") == 0.0)
    return False


def not_modified(entry: Entry, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """RFC 9110 13.2.2: If-None-Match wins over If-Modified-Since."""
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or entry.etag in tags
    if if_modified_since is not None:
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return int(entry.mtime) <= since.timestamp()
    return False


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """Serves ``server.mounts`` (URL prefix -> directory), longest prefix first."""

    server: PagesServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: what was sent is kept in ``server.sent`` instead (see `_count`)."""

    _header_bytes = 0
    _status = 0

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The ``Date`` header, moved by the server's ``date_offset_s``."""
        if timestamp is None:
            timestamp = time.time() + self.server.date_offset_s
        return email.utils.formatdate(timestamp, usegmt=True)

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        # The buffer holds the status line and the headers; end_headers adds the blank line.
        self._header_bytes = sum(len(b) for b in getattr(self, "_headers_buffer", [])) + 2
        super().end_headers()

    def _count(self, body: int) -> None:
        """Record (URL path, bytes on the wire) of an answer; the benchmark reads it."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        with self.server.lock:
            self.server.sent.append((path, self._header_bytes + body))
            self.server.statuses.append(self._status)
            self.server.last_sent = time.monotonic()

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _resolve(self, url_path: str) -> tuple[Path | None, Path]:
        """The file for a URL path (or None) and the root it belongs to."""
        for prefix, root in self.server.mounts:
            if url_path.startswith(prefix):
                rest = url_path[len(prefix) :]
                parts = [p for p in rest.split("/") if p not in ("", ".")]
                if ".." in parts:
                    return None, root
                target = root.joinpath(*parts)
                if target.is_dir():
                    if not url_path.endswith("/"):
                        return target, root  # redirected by the caller
                    target = target / "index.html"
                if target.is_file():
                    return target, root
                return None, root
        return None, self.server.mounts[-1][1]

    def _answer(self, send_body: bool) -> None:
        url = urllib.parse.urlsplit(self.path)
        url_path = urllib.parse.unquote(url.path)
        replaced = self.server.replaced(url_path)
        if replaced is not None:
            self._send_entry(replaced, 200, send_body)
            return
        target, root = self._resolve(url_path)
        if target is not None and target.is_dir():
            location = url.path + "/" + (f"?{url.query}" if url.query else "")
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self._count(0)
            return
        status = 200
        if target is None:
            status = 404
            missing = root / "404.html"
            if not missing.is_file():
                body = b"Not Found\n"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)
                self._count(len(body) if send_body else 0)
                return
            target = missing
        self._send_entry(self.server.files.get(target), status, send_body)

    def _send_entry(self, entry: Entry, status: int, send_body: bool) -> None:
        if status == 200 and not_modified(
            entry, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        ):
            self.send_response(304)
            self._validators(entry)
            self.end_headers()
            self._count(0)
            return
        body = entry.plain
        self.send_response(status)
        self.send_header("Content-Type", entry.ctype)
        if entry.gzipped is not None:
            self.send_header("Vary", "Accept-Encoding")
            if accepts_gzip(self.headers.get("Accept-Encoding")):
                body = entry.gzipped
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self._validators(entry)
        self.end_headers()
        if send_body:
            self.wfile.write(body)
        self._count(len(body) if send_body else 0)

    def _validators(self, entry: Entry) -> None:
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        self.send_header("ETag", entry.etag)
        self.send_header("Last-Modified", entry.last_modified)


class PagesServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # Chromium opens many connections at once; the default backlog of 5 drops some.
    request_queue_size = 64

    def __init__(self, mounts: Mapping[str, Path]) -> None:
        if "/" not in mounts:
            raise ValueError("mounts needs a root ('/')")
        ordered = sorted(mounts.items(), key=lambda kv: len(kv[0]), reverse=True)
        self.mounts = [(p if p.endswith("/") else p + "/", Path(d).resolve()) for p, d in ordered]
        self.files = FileCache()
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []  # (URL path, bytes) of every answer, in order
        self.statuses: list[int] = []  # the status of each answer in `sent`
        self.date_offset_s = 0.0  # added to the clock for the Date header (see the docstring)
        self.last_sent = 0.0  # time.monotonic() of the last answer
        # URL path -> bytes served instead of the file (see `replace`).
        self._replacements: dict[str, Entry] = {}
        super().__init__(("127.0.0.1", 0), PagesHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a connection mid-answer (a page closed, a download cancelled)
        is normal here; anything else is printed as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def clear(self) -> None:
        """Forget what was sent (the benchmark counts one visit at a time)."""
        with self.lock:
            self.sent.clear()
            self.statuses.clear()

    def replace(self, url_path: str, data: bytes) -> None:
        """Serve ``data`` at ``url_path`` instead of the file there (same headers as a file)."""
        ctype = content_type(url_path)
        self._replacements[url_path] = Entry(
            ctype=ctype,
            plain=data,
            gzipped=gzip.compress(data, GZIP_LEVEL, mtime=0) if compressible(ctype) else None,
            etag='"' + hashlib.sha1(data).hexdigest()[:20] + '"',
            mtime=time.time(),
        )

    def replaced(self, url_path: str) -> Entry | None:
        return self._replacements.get(url_path)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def warm(self) -> int:
        """Read and compress every file now, so no measured request pays for it."""
        count = 0
        for _, root in self.mounts:
            for dirpath, _, names in os.walk(root):
                for name in names:
                    self.files.get(Path(dirpath) / name)
                    count += 1
        return count


@contextmanager
def serve(mounts: Mapping[str, Path], lifetime: float = 3600.0) -> Iterator[PagesServer]:
    """Serve ``mounts`` on 127.0.0.1 (a free port) until the block ends or ``lifetime`` passes."""
    server = PagesServer(mounts)
    thread = threading.Thread(target=server.serve_forever, name="pages-server", daemon=True)
    thread.start()
    deadline = threading.Timer(lifetime, server.shutdown)
    deadline.daemon = True
    deadline.start()
    try:
        yield server
    finally:
        deadline.cancel()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
