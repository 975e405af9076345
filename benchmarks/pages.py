"""Which pages of the built site the benchmark measures, and the recalculation cases.

Lighthouse takes about 15 s a run on the benchmark's machine, and every page is run 3 times:
the site's ~42 pages would take about 35 minutes. By default it measures one page of every
kind (:data:`DEFAULT_KINDS`), and every calculator and every letter (issue 26: each has a form
of its own): guide pages share their template, assets and scripts and differ only in text, so
they score alike; ``--lighthouse-pages all`` measures every page.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

from benchmarks.cli import REPO
from benchmarks.measure import RecalcCase
from benchmarks.reference import load_config

GUIDE = "guide/negotiate"
FIRST_CALC = "schedule"
SECOND_CALC = "payoff"

# Page (relative URL) -> its kind, for the default Lighthouse set; every calculators/NAME/
# page is added as "a calculator".
DEFAULT_KINDS: dict[str, str] = {
    "": "the home page",
    f"{GUIDE}/": "a guide page (text, no widget; the other guide pages, about/ and sources/ "
    "are the same kind)",
    "calculators/": "the calculators' index",
    "plan/": "the plan (a widget)",
    "start/": "the one-minute check (a widget)",
    "letters/": "the letters' index",
    "letters/contact-log/": "the contact log (a widget)",
}


def site_base() -> tuple[str, str]:
    """The site_url of mkdocs.yml and its path (where GitHub Pages serves the site)."""
    site_url = str(load_config(REPO / "mkdocs.yml").get("site_url") or "http://127.0.0.1/")
    return site_url, urlsplit(site_url).path or "/"


def local_sitemap(sitemap: str, site_url: str, origin: str, base: str) -> bytes:
    """The site's sitemap with its URLs on the test server (``origin`` + ``base``).

    mkdocs-material's instant navigation follows only links listed in sitemap.xml, whose URLs
    carry site_url's host and port: the test server stands in for that host, as GitHub Pages
    would be it. The service worker then finds the sitemap not the build's and never
    completes its copy of the site (no "ready offline" line): the sections that need that
    serve the site as built (:mod:`benchmarks.rooted`).
    """
    return sitemap.replace(site_url.rstrip("/") + "/", origin + base).encode()


def runtime_dirs(site: Path, base: str) -> tuple[str, str | None]:
    """URL paths of the site's Pyodide directory and of the lock file the site loads."""
    found = sorted(site.rglob("pyodide.mjs"))
    if not found:
        raise SystemExit("the built site holds no pyodide.mjs: is the runtime hook in place?")
    index = found[0].parent
    locks = sorted(index.rglob("pyodide-lock.json"), key=lambda p: len(p.parts))
    rel = base + index.relative_to(site).as_posix() + "/"
    lock = base + locks[0].relative_to(site).as_posix() if locks else None
    return rel, lock


def calculator_pages(site: Path, base: str) -> list[str]:
    pages = []
    if (site / "calculators" / "index.html").is_file():
        pages.append(f"{base}calculators/")
    for page in sorted((site / "calculators").glob("*/index.html")):
        pages.append(f"{base}calculators/{page.parent.name}/")
    return pages


def site_pages(site: Path, docs: Path = REPO / "docs") -> list[str]:
    """Relative URLs of every Markdown page of docs/ that the build wrote (the Simplified
    edition; the Traditional one is generated from it and shares its templates)."""
    pages = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("").as_posix()
        url = (
            ""
            if rel == "index"
            else rel.removesuffix("index")
            if rel.endswith("/index")
            else rel + "/"
        )
        if (site / url / "index.html").is_file():
            pages.append(url)
    return pages


def label(rel: str) -> str:
    """The report's name of a page: ``home``, ``guide`` (the measured guide page) or its URL."""
    return {"": "home", f"{GUIDE}/": "guide"}.get(rel, rel)


def lighthouse_pages(
    site: Path, base: str, every: bool, docs: Path = REPO / "docs"
) -> dict[str, tuple[str, str]]:
    """Label -> (URL path, why it is measured), the reference (the bare theme) first."""
    out: dict[str, tuple[str, str]] = {}
    kinds = dict(DEFAULT_KINDS)
    for page in calculator_pages(site, base)[1:]:
        kinds[page.removeprefix(base)] = "a calculator"
    for rel in site_pages(site, docs):
        # Every letter (issue 26): each has a form and a paper of its own.
        if rel.startswith("letters/") and rel not in kinds:
            kinds[rel] = "a letter (a widget)"
    for rel in site_pages(site, docs):
        if every or rel in kinds:
            out[label(rel)] = (base + rel, kinds.get(rel, "every page (--lighthouse-pages all)"))
    order = sorted(out, key=lambda k: (k != "home", k != "guide", k))
    return {k: out[k] for k in order}


def recalc_cases(changes: int, base: str) -> list[RecalcCase]:
    """A 360-month schedule (principal changes) and a 10-debt payoff plan (budget changes).

    Each step's expected figure is computed here by CPython with the same package, so the
    browser's latency is measured to the right answer, not merely to a change.
    """
    from calculators.web import render

    def figure(name: str, inputs: dict[str, str], key: str) -> str:
        result = render(name, inputs)
        if not result.get("ok"):
            raise SystemExit(f"{name} {inputs}: {result}")
        match = re.search(rf'data-key="{re.escape(key)}">([^<]*)<', str(result["html"]))
        if match is None:
            raise SystemExit(f"{name}: no data-key {key}")
        return match.group(1).strip()

    schedule = {
        "principal": "1000000",
        "annual_rate": "4.9",
        "months": "360",
        "method": "equal_payment",
    }
    debts = "\n".join(
        f"债务{i},{4000 + i * 1500},{10 + i * 2},{100 + i * 25}" for i in range(1, 11)
    )
    payoff = {"debts": debts, "budget": "6000"}
    cases = []
    for name_label, name, inputs, field, key, start, step in (
        ("还款计划 360 期", "schedule", schedule, "principal", "total_payment", 1_000_000, 1000),
        ("还款顺序 10 笔债务", "payoff", payoff, "budget", "avalanche.total_interest", 6000, 7),
    ):
        steps = []
        previous = figure(name, inputs, key)
        for n in range(1, changes + 1):
            value = str(start + n * step)
            expected = figure(name, {**inputs, field: value}, key)
            if expected == previous:
                raise SystemExit(f"{name_label}: step {n} does not change {key}")
            steps.append((value, expected))
            previous = expected
        query = "&".join(f"{k}={quote(v, safe='')}" for k, v in inputs.items())
        cases.append(
            RecalcCase(
                name_label, f"{base}calculators/{name}/?{query}", name, field, key, tuple(steps)
            )
        )
    return cases
