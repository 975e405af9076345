"""MkDocs hook: the browser loads nothing but this site, and runs no script the site did not write.

Two things, both on the built files, once both editions are written (`on_post_build` of the
Simplified build, after hooks/traditional.py has built zh-Hant/ and hooks/runtime.py has
copied the runtime, so every HTML file is final; the Traditional build's own call does nothing):

1. No request to another host. Two files that the site ships from its dependencies name one:
   - the theme's bundle loads a ResizeObserver polyfill from a public CDN in browsers without
     ResizeObserver, mermaid from the same CDN on pages with a diagram, and asks the GitHub
     and GitLab APIs for a repository's stars when `repo_url` is set;
   - Pyodide's loader falls back to its CDN for packages when no `packageBaseUrl` is given.
   The bundle gets a small ResizeObserver of its own (hooks/resize-observer.js, prepended, so
   the theme never asks for the CDN's), and every such URL is replaced by `about:invalid#...`,
   an address no browser fetches: this site has no diagram and no `repo_url`, and the worker
   always passes `packageBaseUrl`. A build whose bundle no longer holds a string that was to
   be replaced stops (the theme changed: look again), and so does one where a URL of another
   host is left in a string of a shipped script (tests/browser/test_security.py scans every
   built file the way a browser would fetch from it).

2. A Content-Security-Policy `<meta>` as the first thing after `<meta charset>` on every page
   (404.html and both editions included). GitHub Pages sends no headers, so the policy can
   only be in the page. It allows scripts from the site and the inline scripts the build
   wrote, by their sha256 (the theme's, and the one that starts the Python worker early on a
   repeat visit); no 'unsafe-eval' and no 'unsafe-inline' for scripts. Every page carries the
   same policy, with the hashes of every inline script of the site: instant navigation keeps
   the first page's policy for the whole visit and copies any changed <head> element of the
   next page into the live one, where a second, different CSP <meta> would be enforced on top
   of the first. Markdown's table alignment writes `style="text-align: right;"`; those attribute
   values are allowed by hash ('unsafe-hashes'), nothing else inline is.

   Pyodide runs in a dedicated module worker created from a same-origin URL. Such a worker
   does not inherit the page's policy: its policy comes from its own response headers, and a
   static host sends none, so WebAssembly compiles there while the page itself may not
   evaluate anything (tests/browser/test_security.py checks both in Chromium).

   `mkdocs serve` injects an inline live-reload script whose text changes on every request;
   under `serve` only, inline scripts are allowed ('unsafe-inline') so that it still runs.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig

if TYPE_CHECKING or __package__ == "hooks":  # the tests: hooks.csp (see hooks/editions.py)
    from hooks import buildstate, editions
else:  # MkDocs, ProperDocs: loaded by path, hooks/ on sys.path while this file runs
    import buildstate
    import editions

log = logging.getLogger("mkdocs.hooks.csp")

POLYFILL = Path(__file__).resolve().with_name("resize-observer.js")
NOWHERE = "about:invalid#"  # a URL no browser fetches

# (files, pattern, replacement, why). Each pattern must be found in at least one file.
REWRITES: list[tuple[str, re.Pattern[str], str, str]] = [
    (
        "assets/javascripts/bundle.*.min.js",
        re.compile(r"https://unpkg\.com/resize-observer-polyfill"),
        NOWHERE + "resize-observer-polyfill",
        "the theme's ResizeObserver polyfill (ours is prepended to the bundle)",
    ),
    (
        "assets/javascripts/bundle.*.min.js",
        re.compile(r"https://unpkg\.com/mermaid@[\w.]+/dist/mermaid\.min\.js"),
        NOWHERE + "mermaid",
        "mermaid, for diagrams (the site has none)",
    ),
    (
        "assets/javascripts/bundle.*.min.js",
        re.compile(r"https://api\.github\.com/"),
        NOWHERE + "github/",
        "repository facts from GitHub (the site sets no repo_url)",
    ),
    (
        "assets/javascripts/bundle.*.min.js",
        re.compile(r"https://(\$\{\w+\})/api/v4/"),
        NOWHERE + r"gitlab/\1/api/v4/",
        "repository facts from GitLab (the site sets no repo_url)",
    ),
    (
        "assets/pyodide/*/pyodide.mjs",
        re.compile(r"https://cdn\.jsdelivr\.net/pyodide/"),
        NOWHERE + "pyodide-cdn/",
        "Pyodide's package CDN (assets/calc/worker.js passes packageBaseUrl)",
    ),
]
POLYFILL_MARK = "/* hooks/csp.py: ResizeObserver */"

# A string or template literal in a script that starts with a URL of some host.
JS_URL = re.compile(r"""["'`](?:https?:)?//((?:[\w-]+\.)+[A-Za-z]{2,}|\$\{\w+\})""")
# Hosts named in strings that no browser fetches: XML namespaces.
NAMESPACE_HOSTS = {"www.w3.org"}
# Pyodide's socket shim parses "host:port" given to Python's socket module with
# new URL(`https://${host}`); nothing here opens a socket.
DYNAMIC_HOST = re.compile(r"^\$\{\w+\}$")

SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
STYLE_ATTR = re.compile(r"""<[a-zA-Z][^>]*?\sstyle=(?:"([^"]*)"|'([^']*)')""")
STYLE_ELEMENT = re.compile(r"<style(\s[^>]*)?>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
SRC_ATTR = re.compile(r"\ssrc\s*=", re.IGNORECASE)
TYPE_ATTR = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
JS_TYPES = {"", "module", "text/javascript", "application/javascript"}
CHARSET_META = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?')


# --- 1. no request to another host ---------------------------------------------------------------


def neutralise(site: Path) -> list[str]:
    """Rewrite the shipped scripts (see the module docstring); returns the files changed."""
    changed: dict[Path, str] = {}
    for files, pattern, replacement, why in REWRITES:
        found = False
        for path in sorted(site.glob(files)) + sorted(site.glob(f"*/{files}")):
            text = changed.get(path) or path.read_text(encoding="utf-8")
            new, count = pattern.subn(replacement, text)
            if count:
                changed[path] = new
            # Already rewritten counts as found (a `mkdocs build --dirty` keeps the file).
            found = found or bool(count) or NOWHERE in text
        if not found:
            raise PluginError(
                f"hooks/csp.py: {pattern.pattern!r} ({why}) is in no {files}: the file changed; "
                "check it for URLs of other hosts and update REWRITES"
            )
    polyfill = POLYFILL_MARK + "\n" + POLYFILL.read_text(encoding="utf-8")
    for path, text in changed.items():
        if "/javascripts/bundle." in path.as_posix() and POLYFILL_MARK not in text:
            text = polyfill + text
        path.write_text(text, encoding="utf-8")
    left = {
        str(path.relative_to(site)): hosts
        for path in [*site.rglob("*.js"), *site.rglob("*.mjs")]
        if (hosts := foreign_hosts_in_script(path.read_text(encoding="utf-8", errors="replace")))
    }
    if left:
        raise PluginError(f"hooks/csp.py: scripts still name other hosts: {left}")
    return sorted(str(p.relative_to(site)) for p in changed)


def foreign_hosts_in_script(text: str) -> list[str]:
    """Hosts of the URLs that start a string literal in a script (comments are not read:
    a URL in a comment does not follow a quote)."""
    hosts = []
    for match in JS_URL.finditer(text):
        host = match.group(1)
        if host in NAMESPACE_HOSTS or DYNAMIC_HOST.match(host):
            continue
        hosts.append(host)
    return sorted(set(hosts))


# --- 2. the Content-Security-Policy ---------------------------------------------------------------


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline script's or style's text, as the browser hashes it
    (UTF-8, line breaks normalised by the HTML parser)."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return "'sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run (not src=, not JSON data)."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match.group(1) or ""
        if SRC_ATTR.search(attrs):
            continue
        kind = TYPE_ATTR.search(attrs)
        if kind and kind.group(1).lower() not in JS_TYPES:
            continue
        found.append(match.group(2))
    return found


def inline_styles(html: str) -> tuple[list[str], list[str]]:
    """(style="..." attribute values, <style> element texts) of a page."""
    attrs = [a if a is not None else b for a, b in STYLE_ATTR.findall(html)]
    elements = [m.group(2) for m in STYLE_ELEMENT.finditer(html)]
    return attrs, elements


def policy(
    script_hashes: Iterable[str],
    style_attr_hashes: Iterable[str] = (),
    style_hashes: Iterable[str] = (),
    dev: bool = False,
) -> str:
    """The site's policy. `dev` (under `mkdocs serve`) lets inline scripts run."""
    scripts = ["'self'", "'unsafe-inline'"] if dev else ["'self'", *sorted(set(script_hashes))]
    styles = ["'self'", *sorted(set(style_hashes))]
    attr_hashes = sorted(set(style_attr_hashes))
    if attr_hashes:
        styles += ["'unsafe-hashes'", *attr_hashes]
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(scripts),
        "style-src " + " ".join(styles),
        # The theme's icons are data: SVGs in its stylesheet.
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        # The 404 page sets <base href> to the site's root wherever it is served
        # (hooks/notfound.py); nothing else sets one, and 'self' keeps it on this origin.
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def meta_tag(csp: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{csp}">'


def add_meta(html: str, tag: str) -> str:
    """`html` with `tag` right after <meta charset> (or <head>), replacing an earlier one."""
    html = CSP_META.sub("", html)
    anchor = CHARSET_META.search(html) or HEAD.search(html)
    if anchor is None:
        raise PluginError("hooks/csp.py: a page without <head>")
    return html[: anchor.end()] + "\n" + tag + html[anchor.end() :]


def site_policy(pages: dict[Path, str], dev: bool = False) -> str:
    scripts: set[str] = set()
    attrs: set[str] = set()
    styles: set[str] = set()
    for html in pages.values():
        scripts.update(sha256_source(s) for s in inline_scripts(html))
        style_attrs, style_elements = inline_styles(html)
        attrs.update(sha256_source(s) for s in style_attrs)
        styles.update(sha256_source(s) for s in style_elements)
    return policy(scripts, attrs, styles, dev=dev)


def write_policy(site: Path, dev: bool = False) -> str:
    """Add the site's policy to every HTML file under `site`; returns the policy."""
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    csp = site_policy({p: CSP_META.sub("", h) for p, h in pages.items()}, dev=dev)
    tag = meta_tag(csp)
    for path, html in pages.items():
        path.write_text(add_meta(html, tag), encoding="utf-8")
    return csp


# --- MkDocs events ---------------------------------------------------------------------------


def on_startup(*, command: buildstate.Command, dirty: bool) -> None:
    buildstate.start(command)  # `mkdocs serve` or not: each build's state copies it


def on_shutdown() -> None:
    buildstate.end()


def on_config(config: MkDocsConfig) -> None:
    buildstate.of(config)


@event_priority(-100)  # after hooks/traditional.py built zh-Hant/ and hooks/runtime.py copied
def on_post_build(*, config: MkDocsConfig) -> None:
    if editions.current(config).dir:
        return  # the root build's call covers the whole site, zh-Hant/ included
    site = Path(config.site_dir)
    neutralise(site)
    dev = buildstate.of(config).serve
    if dev:
        log.info("hooks/csp.py: mkdocs serve: inline scripts allowed for live reload")
    write_policy(site, dev=dev)
