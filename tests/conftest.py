"""Shared test set-up.

The repository root goes on sys.path so the build hooks import as `hooks.shortcodes` and
`hooks.runtime` (MkDocs itself loads them by file path; see the hook files).

Hypothesis profiles, chosen by the environment variable HYPOTHESIS_PROFILE (default `ci`):
- `ci`: what `make test` and the GitHub workflow run: Hypothesis' own 100 examples a test.
- `dev`: what `make quick` runs: 10 examples a test, for the inner loop (a property that
  breaks for many inputs still fails there; one that breaks rarely is for `ci` to find).
A test that needs more than its profile's count says why and asks for a multiple of it,
`@settings(max_examples=5 * settings().max_examples)`, so `dev` still runs it small. Neither
profile has a deadline or the too-slow health check: both time the machine, which is shared.

The tiers are pytest markers (registered in pyproject.toml, --strict-markers): `browser`
(Chromium, tests/browser/conftest.py marks the whole folder), `node` (the package under
Pyodide in Node) and `slow` (a whole second site build); `make quick` leaves all three out.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PROFILES = {"ci": 100, "dev": 10}  # examples a test
for _name, _examples in PROFILES.items():
    settings.register_profile(
        _name,
        max_examples=_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        print_blob=True,  # a failure in CI prints the call that reproduces it
    )
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in PROFILES:
    raise pytest.UsageError(
        f"HYPOTHESIS_PROFILE={PROFILE!r}: the profiles are {', '.join(PROFILES)}"
    )
settings.load_profile(PROFILE)


def pytest_report_header() -> str:
    return f"hypothesis profile: {PROFILE} ({settings().max_examples} examples a test)"
