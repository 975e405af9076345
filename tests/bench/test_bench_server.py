"""The benchmark's GitHub-Pages-like server: gzip, cache headers, MIME types and 304s.

No browser: plain HTTP against a tiny directory, so a broken harness shows up in `make test`.
"""

from __future__ import annotations

import gzip
import http.client
import time
from collections.abc import Iterator

import pytest

from benchmarks.server import PagesServer, accepts_gzip, serve

WASM = b"\0asm\x01\0\0\0" + bytes(4000)
HTML = "<!doctype html><title>首页</title>" + "<p>协商</p>" * 200


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text(HTML, encoding="utf-8")
    (root / "404.html").write_text("<p>没有这一页</p>", encoding="utf-8")
    (root / "guide").mkdir()
    (root / "guide" / "index.html").write_text("<p>指南</p>", encoding="utf-8")
    (root / "py").mkdir()
    (root / "py" / "pyodide.mjs").write_text("export const x = 1;\n" * 50, encoding="utf-8")
    (root / "py" / "pyodide.asm.wasm").write_bytes(WASM)
    (root / "py" / "pyodide-lock.json").write_text('{"packages": {}}' * 20, encoding="utf-8")
    (root / "py" / "python_stdlib.zip").write_bytes(b"PK\x03\x04" + bytes(3000))
    extra = tmp_path_factory.mktemp("extra")
    (extra / "index.html").write_text("<p>bare</p>", encoding="utf-8")
    with serve({"/": root, "/bench-bare/": extra}, lifetime=120) as srv:
        yield srv


def get(
    srv: PagesServer, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", srv.server_address[1], timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


GZ = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.mark.parametrize(
    ("path", "ctype", "gzipped"),
    [
        ("/", "text/html; charset=utf-8", True),
        ("/py/pyodide.mjs", "application/javascript; charset=utf-8", True),
        ("/py/pyodide.asm.wasm", "application/wasm", True),
        ("/py/pyodide-lock.json", "application/json; charset=utf-8", True),
        ("/py/python_stdlib.zip", "application/zip", False),
    ],
)
def test_type_and_gzip(server: PagesServer, path: str, ctype: str, gzipped: bool) -> None:
    status, headers, body = get(server, path, GZ)
    assert status == 200
    assert headers["content-type"] == ctype
    assert headers["cache-control"] == "max-age=600"
    assert headers["etag"] and headers["last-modified"]
    plain_status, plain_headers, plain = get(server, path)
    assert plain_status == 200 and "content-encoding" not in plain_headers
    if gzipped:
        assert headers["content-encoding"] == "gzip"
        assert headers["vary"] == "Accept-Encoding"
        assert gzip.decompress(body) == plain
        assert int(headers["content-length"]) == len(body) < len(plain)
    else:
        assert "content-encoding" not in headers and body == plain


def test_conditional_requests_get_304(server: PagesServer) -> None:
    _, headers, _ = get(server, "/py/pyodide.asm.wasm", GZ)
    status, again, body = get(
        server, "/py/pyodide.asm.wasm", {**GZ, "If-None-Match": headers["etag"]}
    )
    assert (status, body) == (304, b"")
    assert again["etag"] == headers["etag"] and again["cache-control"] == "max-age=600"
    status, _, body = get(server, "/", {"If-Modified-Since": headers["last-modified"]})
    assert (status, body) == (304, b"")
    status, _, body = get(server, "/", {"If-None-Match": '"something-else"'})
    assert status == 200 and body


def test_directories_404_and_mounts(server: PagesServer) -> None:
    status, headers, _ = get(server, "/guide")
    assert status == 301 and headers["location"] == "/guide/"
    assert get(server, "/guide/")[2] == "<p>指南</p>".encode()
    status, _, body = get(server, "/nope/")
    assert status == 404 and "没有这一页" in body.decode()
    assert get(server, "/../etc/passwd")[0] == 404
    assert get(server, "/bench-bare/")[2] == b"<p>bare</p>"
    status, headers, body = get(server, "/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0


def test_accept_encoding_parsing() -> None:
    assert accepts_gzip("gzip, deflate, br, zstd")
    assert accepts_gzip("*")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("br")
    assert not accepts_gzip(None)


def test_sample_statistics() -> None:
    from benchmarks.stats import Sample

    s = Sample.of(range(1, 101))
    assert (s.n, s.median, s.min, s.max) == (100, 50.5, 1, 100)
    assert (s.percentile(50), s.percentile(95), s.percentile(100)) == (50, 95, 100)
    assert Sample.of([3.0]).percentile(95) == 3.0


def test_replacement_and_byte_accounting(server: PagesServer) -> None:
    server.replace("/sitemap.xml", b"<urlset>here</urlset>")
    with server.lock:
        server.sent.clear()
    status, headers, body = get(server, "/sitemap.xml", GZ)
    assert status == 200 and gzip.decompress(body) == b"<urlset>here</urlset>"
    assert headers["content-type"] == "application/xml"
    _, _, page = get(server, "/", GZ)
    # The server records an answer just after sending it, from the answering thread (an
    # earlier test's answer may land after the clear, and under load the second answer may be
    # recorded first): give it a moment, then look at the last two, in either order.
    for _ in range(100):
        with server.lock:
            sent = dict(list(server.sent)[-2:])
        if sorted(sent) == ["/", "/sitemap.xml"]:
            break
        time.sleep(0.01)
    assert sorted(sent) == ["/", "/sitemap.xml"]
    # Status line and headers (a few hundred bytes) plus the gzipped body.
    assert len(page) + 150 < sent["/"] < len(page) + 600
