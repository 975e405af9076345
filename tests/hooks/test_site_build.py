"""The hooks and the template inside a real MkDocs build of a tiny docs directory.

The site's own mkdocs.yml is reused (theme, plugins, hooks, strict) with only `docs_dir` and
`nav` changed, so a broken configuration shows up here as well as in `make build`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils.yaml import yaml_load

from hooks.scripts import bundle
from hooks.stdlib import compiled_stdlib_name, stdlib_keep

ROOT = Path(__file__).resolve().parents[2]
FRONT = "---\ntitle: {title}\ndescription: 测试页。\nreviewed: 2026-11-21\n---\n\n"
PAGES = {
    "index.md": FRONT.format(title="首页")
    + "# 首页\n\n和机构协商之前先看征信。现在的 LPR 是 <!-- lpr:current -->。\n\n"
    "<!-- lpr:table -->\n\n[计算](calculators/budget.md) [指南](guide/negotiate.md)\n",
    "guide/negotiate.md": FRONT.format(title="怎样协商") + "# 怎样协商\n\n先算清楚每月能还多少。\n",
    "calculators/budget.md": FRONT.format(title="还款能力")
    + "# 还款能力\n\n<!-- 普通备注 -->\n\n<!-- calc:budget -->\n\n后文。\n",
}

Builder = Callable[..., Path]  # (pages, command="build" | "serve" | None) -> the built site


def site_config(docs: Path, dest: Path, mirrors: str = "[]") -> Path:
    """The project's mkdocs.yml, pointed at `docs`; paths made absolute, no nav; `mirrors`:
    the YAML of extra.mirrors."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text[: text.index("\nnav:")]
    assert "\n  mirrors: []\n" in text
    text = text.replace("\n  mirrors: []\n", f"\n  mirrors: {mirrors}\n")
    hooks = re.findall(r"^  - (hooks/\w+\.py)$", text, flags=re.MULTILINE)
    for rel in ("overrides", *hooks, "docs/includes/"):
        text = re.sub(rf"(?<=[ :]){re.escape(rel)}", str(ROOT / rel), text)
    config = dest / "mkdocs.yml"
    config.write_text(text + f"\ndocs_dir: {docs}\n", encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def build_site(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    def run(pages: dict[str, str], command: str | None = "build", mirrors: str = "[]") -> Path:
        base = tmp_path_factory.mktemp("mini")
        docs = base / "docs"
        for rel, text in pages.items():
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs / rel).write_text(text, encoding="utf-8")
        (docs / "assets").symlink_to(ROOT / "docs" / "assets")
        config_file = site_config(docs, base, mirrors)
        config = load_config(config_file=str(config_file), site_dir=str(base / "site"))
        if command is None:  # as a program would call build() by itself: no command line
            build(config)
            return base / "site"
        config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return base / "site"

    return run


@pytest.fixture(scope="module")
def site(build_site: Builder) -> Path:
    return build_site(PAGES)


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_the_config_still_points_at_the_real_files() -> None:
    # MkDocs's own loader: mkdocs.yml uses its !ENV tag (site_url).
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0])
    assert config["hooks"] == [
        "hooks/traditional.py",
        "hooks/runtime.py",
        "hooks/scripts.py",
        "hooks/abbreviations.py",
        "hooks/mirrors.py",
        "hooks/shortcodes.py",
        "hooks/notfound.py",
        "hooks/manifest.py",
        "hooks/search_index.py",
        "hooks/csp.py",
        "hooks/offline.py",
    ]
    assert config["theme"]["custom_dir"] == "overrides"
    assert config["theme"]["font"] is False
    assert "navigation.instant" in config["theme"]["features"]
    assert config["strict"] is True
    assert "repo_url" not in config  # the theme would ask api.github.com for repo facts
    for css in config["extra_css"]:
        assert (ROOT / "docs" / css).is_file(), css


def test_every_page_says_when_it_was_reviewed_and_what_it_is_not(site: Path) -> None:
    for rel in ("index.html", "guide/negotiate/index.html", "calculators/budget/index.html"):
        page = read(site, rel)
        assert '最后审阅：<time datetime="2026-11-21">2026-11-21</time>' in page, rel
        assert "不是法律意见" in page, rel


def test_search_dialog_has_a_name(site: Path) -> None:
    assert (
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="查找">'
        in read(site, "index.html")
    )


def test_html_language_is_simplified_chinese(site: Path) -> None:
    assert read(site, "index.html").lstrip().startswith('<!doctype html>\n<html lang="zh-Hans"')


def test_only_widget_pages_load_the_widget_code(site: Path) -> None:
    calc = read(site, "calculators/budget/index.html")
    guide = read(site, "guide/negotiate/index.html")
    early = re.compile(r'<script type="module" async src="(\.\./)*assets/calc/early\.js"')
    assert early.search(calc)
    assert calc.index("early.js") < calc.index('rel="stylesheet"')  # before the styles
    # Every chunk of the bundle the widgets need is preloaded with the page; none on a guide page.
    preload = re.compile(r'<link rel="modulepreload" href="(?:\.\./)*assets/calc/([\w.-]+)">')
    preloaded = preload.findall(calc)
    assert preloaded == list(bundle().preload) and preloaded
    assert all(name.startswith("chunk-") for name in preloaded), preloaded
    assert "modulepreload" not in guide and not early.search(guide)
    # The widgets' entry is evaluated with the page, after the page's script.
    mount = re.compile(r'<script type="module" src="(\.\./)*assets/calc/mount\.js">')
    assert mount.search(calc) and not mount.search(guide)
    assert calc.index("assets/calc/bridge.js?") < calc.index('assets/calc/mount.js">')
    # ... but every page loads the page's script, so instant navigation to a calculator works.
    for page in (calc, guide):
        assert re.search(r'<script type="module" src="(\.\./)*assets/calc/bridge\.js\?', page)


def test_the_bridge_url_names_the_runtime_the_hashed_app_and_the_stdlib(site: Path) -> None:
    page = read(site, "calculators/budget/index.html")
    match = re.search(r'bridge\.js\?([^"]+)"', page)
    assert match, "bridge URL"
    query = parse_qs(html.unescape(match.group(1)))
    assert sorted(query) == ["app", "pyodide", "stdlib"]
    (version,), (app,), (stdlib,) = query["pyodide"], query["app"], query["stdlib"]
    assert re.fullmatch(r"calculators-[0-9a-f]{16}", app)
    lock = json.loads(read(site, f"assets/pyodide/{version}/{app}/pyodide-lock.json"))
    entry = lock["packages"]["calculators"]
    assert (site / "assets" / "pyodide" / version / app / entry["file_name"]).is_file()
    assert app == f"calculators-{entry['sha256'][:16]}"
    # The standard library the worker loads is the one the build shipped, and the early start
    # names the same runtime.
    assert stdlib == compiled_stdlib_name(stdlib_keep())
    assert (site / "assets" / "pyodide" / version / stdlib).is_file()
    assert f'data-calc-build="{match.group(1)}"' in page


def test_widget_and_shortcodes_are_expanded(site: Path) -> None:
    calc = read(site, "calculators/budget/index.html")
    assert (
        '<section class="calc" data-calc="budget" data-state="static" data-search-exclude' in calc
    )
    assert "data-calc-placeholder" not in calc
    assert "<!-- 普通备注 -->" in calc
    index = read(site, "index.html")
    assert re.search(r"现在的 LPR 是 \d\.\d\d%（\d{4} 年 \d+ 月 \d+ 日起）。", index)
    assert re.search(r"<th[^>]*>4 倍 LPR</th>", index)


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    # Links to sources elsewhere are fine (a reader chooses to follow them); a resource the
    # page loads by itself (script, style, image, font, preload) must come from the site.
    loads = re.compile(
        r'<(?:script|img|iframe|source|link)\b[^>]*?(?:src|href)="((?:https?:)?//[^"]+)"'
    )
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag in re.finditer(r"<link\b[^>]*>", text):
            if 'rel="canonical"' in tag.group(0):
                continue  # not fetched
            assert not re.search(r'href="(?:https?:)?//', tag.group(0)), tag.group(0)
        found = [u for u in loads.findall(text) if 'rel="canonical"' not in u]
        assert not [u for u in found if not u.startswith("https://example.github.io")], found
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_search_index_has_chinese_words_and_no_widget(site: Path) -> None:
    raw = read(site, "search/search_index.json")
    assert "协商" in raw and "\\u534f" not in raw  # UTF-8, not \uXXXX (hooks/search_index.py)
    index = json.loads(raw)
    text = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "\u200b协商\u200b" in text or "协商\u200b" in text  # jieba cut the text into words
    assert "每月收入" not in text  # the widget's labels are data-search-exclude


def test_unknown_shortcode_fails_the_build(
    build_site: Builder, caplog: pytest.LogCaptureFixture
) -> None:
    pages = {"index.md": FRONT.format(title="首页") + "# 首页\n\n<!-- calc:nonesuch -->\n"}
    with pytest.raises(Abort):
        build_site(pages)
    assert "index.md: unknown calculator 'nonesuch'" in caplog.text
    pages = {"index.md": FRONT.format(title="首页") + "# 首页\n\n<!-- lpr:tabel -->\n"}
    with pytest.raises(Abort):
        build_site(pages)
    assert "unknown shortcode lpr:tabel" in caplog.text


def test_page_without_reviewed_fails_the_build(
    build_site: Builder, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        build_site({"index.md": "---\ntitle: 首页\n---\n\n# 首页\n"})
    assert "index.md: front matter needs 'reviewed: YYYY-MM-DD' (missing)" in caplog.text


def test_the_mirrors_on_the_about_page_and_the_404_page(build_site: Builder) -> None:
    """extra.mirrors drawn where <!-- site:mirrors --> stands and on both 404 pages, the
    address this build is for (its site_url, from $SITE_URL or mkdocs.yml) marked; the 404
    page finds its root (hooks/notfound.py)."""
    about = FRONT.format(title="关于") + "# 关于\n\n## 地址 { #mirrors }\n\n<!-- site:mirrors -->\n"
    here = load_config(config_file=str(ROOT / "mkdocs.yml")).site_url
    listed = (
        f"[{{name: 这里, url: '{here}'}}, {{name: 第二个地址, url: 'https://mirror.example.org/'}}]"
    )
    site = build_site({**PAGES, "about.md": about}, mirrors=listed)
    for edition, mark in (("", "你现在用的就是这个地址"), ("zh-Hant/", "你現在用的就是這個地址")):
        for rel in ("about/index.html", "404.html"):
            html = read(site, edition + rel)
            assert html.count('data-mirrors="2"') == 1, (edition, rel)
            assert html.count(mark) == 1 and "https://mirror.example.org/" in html
        lost = read(site, edition + "404.html")
        assert lost.count('document.createElement("base")') == 1
        assert 'href="./assets/stylesheets/' in lost  # from the root the script finds


def test_each_edition_has_its_manifest_and_every_page_links_it(site: Path) -> None:
    for edition, short_name in (("", "逾期协商"), ("zh-Hant/", "逾期協商")):
        data = json.loads(read(site, edition + "manifest.webmanifest"))
        assert data["short_name"] == short_name and data["start_url"] == "./"
        for icon in data["icons"]:
            assert (site / edition / icon["src"]).resolve().is_file(), icon
        page = read(site, edition + "guide/negotiate/index.html")
        assert '<link rel="manifest" href="../../manifest.webmanifest">' in page
    assert '<link rel="manifest" href="./manifest.webmanifest">' in read(site, "404.html")


def test_two_builds_in_one_process_share_nothing(build_site: Builder) -> None:
    """MkDocs runs every build of a process through the same hook modules; each build reads
    its own state (hooks/buildstate.py). A `mkdocs serve` run that has ended leaves no
    'unsafe-inline' to a build after it, whether that one runs under a command line of its
    own or is called by a program (as hooks/traditional.py calls the zh-Hant build)."""
    served = build_site(PAGES, "serve")
    called = build_site(PAGES, None)
    built = build_site(PAGES)
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
    for edition in ("", "zh-Hant/"):
        [dev] = policy.findall(read(served, f"{edition}index.html"))
        assert "script-src 'self' 'unsafe-inline'" in dev
        for site in (called, built):
            [plain] = policy.findall(read(site, f"{edition}index.html"))
            assert "'unsafe-inline'" not in plain and "'sha256-" in plain
