"""The performance benchmark of the site (``make bench``, ``python -m benchmarks``).

It builds nothing itself except what it compares against: it serves the built ``site/`` the way
GitHub Pages does (:mod:`benchmarks.server`), drives Debian Chromium over an emulated mobile link
(:mod:`benchmarks.browser`), runs Lighthouse (:mod:`benchmarks.lighthouse`) and writes
``BENCHMARKS.md`` (:mod:`benchmarks.report`).
"""
