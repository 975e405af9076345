"""Debian Chromium, launched the same way by everything in the project that runs a browser.

One place for the executable and its flags: the browser tests (``tests/browser/conftest.py``),
the benchmark (:mod:`benchmarks.browser`) and Lighthouse (:mod:`benchmarks.lighthouse`, which
gets the path through ``CHROME_PATH`` and the flags through ``--chrome-flags``).

The flags: no sandbox (CI containers run as root, where Chromium refuses to start sandboxed),
no GPU (headless machines have none), and none of the browser's own traffic (component
updates, sync, background requests) that a test would see as a request to another host and a
measurement as noise.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Playwright

CHROMIUM = "/usr/bin/chromium"  # Debian's package (apt-get install chromium)
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch(playwright: Playwright) -> Browser:
    """Debian Chromium, headless, with the flags above."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
