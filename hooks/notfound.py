"""MkDocs hook: the 404 page works wherever the site is served (a mirror's root, any sub-path).

A static host answers every address it has no file for with the site's 404.html, at that
address, whatever its depth: /typo, /guide/typo/, /mirror/path/guide/typo/. Ordinary pages
reach the site's files by relative URLs ("../assets/..."), right at any origin and sub-path;
MkDocs writes the 404 page with absolute paths from `site_url` instead ("/yuqi-xieshang/
assets/..."), which on any other host or path load no styles, no scripts and link nowhere.

So the 404 page is rendered as if it stood at the site's root (its `base_url` is "."), and a
small inline script, first in <head> after the Content-Security-Policy, finds where the site's
root is for the address it was served at and sets `<base href>` there; every URL after it
resolves from the root. The root, in order of what settles it:

1. the path of `site_url` (the host this build is for), when the address starts with it;
2. else the leftmost folder of the address that is one of the site's own top-level folders
   (guide/, calculators/, zh-Hant/ ... read from the page's own links at build time): the
   root is what comes before it;
3. else the deepest folder of the address whose 404.html the host answers with 200 (a HEAD
   request to each, deepest first; the host answers 404 for folders that are not the root);
4. else the host's root, "/".

A second script, after the theme's `#__config`, makes its `base` and `search` absolute from
that root, and the language selector's `data-edition-root`/`data-target-root` (the theme and
the bridge resolve those against the page's address, not the document's base).
The policy's `base-uri 'self'` (hooks/csp.py) allows the `<base>`; hooks/csp.py hashes both
scripts with the rest. The Traditional edition's 404 (zh-Hant/404.html) works the same way,
from its own root.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.templates import TemplateContext

PAGE = "404.html"

# ES5: the page may be opened by an old in-app browser. `known`, `built`: see the docstring.
FIND_ROOT = """<script>(function () {
  var built = %(built)s, known = %(known)s, path = location.pathname, root = null, i;
  var dirs = path.split("/"); dirs.pop();
  function folder(n) { return dirs.slice(0, n).join("/") + "/"; }
  /* An empty segment ("//") would make a folder another host's address. */
  function usable(n) { return folder(n).indexOf("//") < 0; }
  if (built !== "/" && path.indexOf(built) === 0) root = built;
  for (i = 1; !root && i < dirs.length; i++) {
    if (known.indexOf(dirs[i]) >= 0 && usable(i)) root = folder(i);
  }
  for (i = dirs.length; !root && i > 1; i--) {
    if (!usable(i)) continue;
    try {
      var probe = new XMLHttpRequest();
      probe.open("HEAD", folder(i) + "%(page)s", false);
      probe.send();
      if (probe.status === 200) root = folder(i);
    } catch (e) { /* offline: try the next */ }
  }
  var base = document.createElement("base");
  base.href = root || "/";
  document.head.appendChild(base);
})();</script>"""

FIX_CONFIG = """<script>(function () {
  function abs(url) { return new URL(url, document.baseURI).href; }
  var el = document.getElementById("__config"), config = JSON.parse(el.textContent), i;
  config.base = abs(config.base);
  config.search = abs(config.search);
  el.textContent = JSON.stringify(config);
  var links = document.querySelectorAll("a[data-edition-link]");
  for (i = 0; i < links.length; i++) {
    links[i].setAttribute("data-edition-root", abs(links[i].getAttribute("data-edition-root")));
    links[i].setAttribute("data-target-root", abs(links[i].getAttribute("data-target-root")));
  }
})();</script>"""

_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_CONFIG = re.compile(r'<script id="__config" type="application/json">.*?</script>', re.DOTALL)
# A link to one of the site's own folders, written relative to the root: "./guide/x/".
_FOLDER = re.compile(r'(?:href|src)="(?:\./)?([A-Za-z0-9][A-Za-z0-9_.-]*)/')


def top_folders(page: str) -> list[str]:
    """The site's top-level folders that the page links to (sorted), e.g. ["guide", ...]."""
    return sorted(set(_FOLDER.findall(page)))


def anywhere(page: str, site_url: str) -> str:
    """The 404 page (rendered with base_url ".") with the two scripts of the docstring."""
    charset, config = _CHARSET.search(page), _CONFIG.search(page)
    if charset is None or config is None:
        raise PluginError(f"{PAGE}: no <meta charset> or no #__config (the theme changed?)")
    built = urlsplit(site_url).path or "/"
    built = built if built.endswith("/") else built + "/"
    script = FIND_ROOT % {
        "built": json.dumps(built),
        "known": json.dumps(top_folders(page)),
        "page": PAGE,
    }
    at, after = charset.end(), config.end()
    return page[:at] + script + page[at:after] + FIX_CONFIG + page[after:]


# --- MkDocs events ---------------------------------------------------------------------------


def on_template_context(
    context: TemplateContext, *, template_name: str, config: MkDocsConfig
) -> TemplateContext:
    if template_name == PAGE:
        context["base_url"] = "."  # as if at the root; FIND_ROOT's <base> makes it so
    return context


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != PAGE:
        return output_content
    return anywhere(output_content, config.site_url or "/")
