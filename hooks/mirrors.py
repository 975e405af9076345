"""MkDocs hook: the other addresses where this site is published (its mirrors).

GitHub Pages is slow or unreachable from some provinces and carriers, and a free host can close
without notice; a reader who cannot open one address needs to find another. The addresses are
listed once, in mkdocs.yml:

    extra:
      mirrors:
        - name: 主站（GitHub Pages）
          url: https://example.github.io/yuqi-xieshang/

Every address where the same build is published, the main one included once there is a second
(`make mirror` builds for another address; README.md, "A second host", says how to publish).
The list stays empty until someone has published one: an address here is an address that
works, never one made up in advance.

Shown in two places, from one rendering (`mirrors_html`): the about page, where
`<!-- site:mirrors -->` stands (expanded here, before hooks/shortcodes.py sees the page), and
the 404 page (overrides/404.html reads `config.extra.mirrors_html`). Empty, the list says
plainly that there is only this address for now. The address this build is for (`site_url`)
is marked, so a reader knows which one they are on. The Traditional edition converts the
sentences with the rest of the page (hooks/traditional.py).

MkDocs quirk: hooks are loaded by path (see hooks/editions.py), so this file imports nothing
from hooks/.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:  # annotations only
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

SHORTCODE = "<!-- site:mirrors -->"
EXTRA_KEY = "mirrors"  # config.extra: the list, as written in mkdocs.yml
HTML_KEY = "mirrors_html"  # config.extra: the rendering, for overrides/404.html
_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?/(?:[A-Za-z0-9._~%!$&'()*+,;=:@-]+/)*$")
NAME_LIMIT = 40


@dataclass(frozen=True)
class Mirror:
    name: str  # what the reader sees, e.g. 主站（GitHub Pages）
    url: str  # https://host/path/ : the site's root there


def read_mirrors(raw: Any) -> tuple[Mirror, ...]:
    """The list from mkdocs.yml, checked: each a name and an https address of a site root.

    >>> read_mirrors([{"name": "镜像", "url": "https://mirror.example/site/"}])
    (Mirror(name='镜像', url='https://mirror.example/site/'),)
    """
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise PluginError("extra.mirrors: a list of {name, url}, or [] while there is none")
    out: list[Mirror] = []
    for number, item in enumerate(raw, start=1):
        where = f"extra.mirrors, entry {number}"
        if not isinstance(item, dict) or set(item) != {"name", "url"}:
            raise PluginError(f"{where}: write exactly `name:` and `url:`")
        name, url = item["name"], item["url"]
        if not isinstance(name, str) or not name.strip() or len(name) > NAME_LIMIT:
            raise PluginError(f"{where}: the name is 1 to {NAME_LIMIT} characters")
        if not isinstance(url, str) or not _URL.match(url):
            raise PluginError(
                f"{where}: {url!r} is not the https:// address of a site root ending in '/' "
                "(a service worker and the clipboard need https)"
            )
        out.append(Mirror(name.strip(), url))
    urls = [m.url for m in out]
    if len(set(urls)) != len(urls):
        raise PluginError("extra.mirrors: an address is listed twice")
    return tuple(out)


def in_use(mirrors: Sequence[Mirror], here: str) -> Mirror | None:
    """The listed address this build is for: the longest that `here` (the build's
    `site_url`, which in the Traditional edition ends in zh-Hant/) starts with."""
    under = [m for m in mirrors if here.startswith(m.url)]
    return max(under, key=lambda m: len(m.url)) if under else None


def mirrors_html(mirrors: Sequence[Mirror], here: str) -> str:
    """The list as the reader sees it; `here` is this build's own address (`site_url`)."""
    if not mirrors:
        return (
            '<div class="site-mirrors" data-mirrors="0"><p>本站现在只有这一个地址，还没有镜像。'
            "以后在别的地址也发布了同样的内容，会列在这里。"
            "用手机自带的浏览器打开过一次本站，以后没有网络也能看。</p></div>"
        )
    items, current = [], in_use(mirrors, here)
    for mirror in mirrors:
        url = html.escape(mirror.url)
        mark = "（你现在用的就是这个地址）" if mirror == current else ""
        items.append(
            f'<li><a href="{url}" rel="noopener">{html.escape(mirror.name)}</a>{mark}<br>'
            f'<span class="site-mirror-url">{url}</span></li>'
        )
    return (
        f'<div class="site-mirrors" data-mirrors="{len(mirrors)}">'
        "<p>同样的内容发布在下面这些地址。一个打不开时，换一个试试；"
        "可以把能打开的那个收藏起来。</p>"
        f"<ul>{''.join(items)}</ul></div>"
    )


# --- MkDocs events ---------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    listed = read_mirrors(config.extra.get(EXTRA_KEY))
    config.extra[HTML_KEY] = mirrors_html(listed, config.site_url or "")
    return config


@event_priority(50)  # before hooks/shortcodes.py, which stops at a shortcode it does not know
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if SHORTCODE not in markdown:
        return markdown
    return markdown.replace(SHORTCODE, "\n\n" + config.extra[HTML_KEY] + "\n\n")
