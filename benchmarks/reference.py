"""The bare-theme reference: one page of mkdocs-material with the site's theme settings.

Built in the same run as the measurements, in a temporary directory: the ``theme`` block of the
site's ``mkdocs.yml`` (language zh, ``font: false``, palette, features) without its
``custom_dir``, the search plugin as the site configures it, the plain Markdown extensions,
and no hooks. The page is the measured guide page's own Markdown with links to other pages
turned into plain text (they would not resolve) and HTML comments (shortcodes) removed, so the
reference has the same length and structure and differs only by what the site adds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML ships no types; no stubs are installed

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?!https?:)[^)]*\)")
COMMENT = re.compile(r"<!--.*?-->", re.S)
# Extensions that need files or Python objects of the site are left out.
SKIP_EXTENSIONS = ("pymdownx.snippets",)


class _Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML has no type stubs here
    """Reads mkdocs.yml: ``!ENV`` resolved as MkDocs does, other tags as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        return os.environ.get(value) if suffix == "!ENV" else value
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        if suffix == "!ENV":
            # MkDocs' !ENV [VAR, ..., default]: the first variable that is set, else the default.
            return next((os.environ[v] for v in items[:-1] if v in os.environ), items[-1])
        return items
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("", _any_tag)


def load_config(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a mapping")
    return data


def reference_markdown(source: str) -> str:
    """The guide page's Markdown as a standalone page (see the module docstring)."""
    title = "参考页面"
    match = FRONT_MATTER.match(source)
    if match:
        meta = yaml.safe_load(match.group(1)) or {}
        title = str(meta.get("title", title))
        source = source[match.end() :]
    body = LINK.sub(r"\1", COMMENT.sub("", source))
    return f"---\ntitle: {title}\n---\n\n{body.strip()}\n"


def reference_config(site_config: dict[str, Any], whole_site: bool = False) -> dict[str, Any]:
    theme = {k: v for k, v in dict(site_config.get("theme", {})).items() if k != "custom_dir"}
    # A "custom" language lives in the site's custom_dir; the reference is plain Chinese.
    theme["language"] = "zh"
    plugins = [
        p for p in site_config.get("plugins", ["search"]) if p == "search" or "search" in p
    ] or ["search"]
    extensions = [
        e
        for e in site_config.get("markdown_extensions", [])
        if (e if isinstance(e, str) else next(iter(e))) not in SKIP_EXTENSIONS
    ]
    return {
        "site_name": site_config.get("site_name", "reference"),
        "theme": theme,
        "plugins": plugins,
        "markdown_extensions": extensions,
        "nav": site_config.get("nav", []) if whole_site else [{"参考": "index.md"}],
        **({"exclude_docs": site_config["exclude_docs"]} if "exclude_docs" in site_config else {}),
    }


def site_markdown(source: str) -> str:
    """A site page for the whole-site reference: shortcodes (HTML comments) removed."""
    return COMMENT.sub("", source)


def build_reference(repo: Path, guide_md: Path, dest: Path, whole_site: bool = False) -> Path:
    """Write and build the reference project in ``dest``; returns its built site directory.

    With ``whole_site``, the reference holds every Markdown page of the site (shortcodes
    removed, the site's nav) instead of the one guide page: its search index then covers the
    same text as the site's, so the byte counts compare the theme and what the site adds to
    it, page for page.
    """
    project = dest / "project"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    config = reference_config(load_config(repo / "mkdocs.yml"), whole_site)
    (project / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for plugin in config["plugins"]:
        # Files a plugin reads (the search plugin's jieba dictionary) are copied along.
        options = plugin.get("search", {}) if isinstance(plugin, dict) else {}
        for value in (options or {}).values():
            if isinstance(value, str) and (repo / value).is_file():
                (project / value).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(repo / value, project / value)
    if whole_site:
        for page in (repo / "docs").rglob("*.md"):
            target = project / "docs" / page.relative_to(repo / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(site_markdown(page.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        markdown = reference_markdown(guide_md.read_text(encoding="utf-8"))
        (project / "docs" / "index.md").write_text(markdown, encoding="utf-8")
    out = dest / "site"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run(
        [
            str(mkdocs),
            "build",
            "--quiet",
            "--clean",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        check=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return out
