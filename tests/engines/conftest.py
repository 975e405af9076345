"""The WebKit and Gecko tier (marker `engines`): the core journeys in Safari's and Firefox's
engines, on the same build and the same local servers as the Chromium tier (tests/site_server.py).

Needs Debian's `webkit2gtk-driver`, `xvfb` and `firefox-esr` (`.ci/run` installs them when
missing). Without them the tier is skipped with the command to install them, except under CI
(`CI` set), where a missing engine fails: a green run must have run both.

Fixtures:
- `engine`: parametrized over "webkit" and "gecko", so every test id names its engine; a
  fresh page (WebKit: a new WebDriver session; Gecko: a new user context in the session's one
  Firefox) whose console errors, uncaught errors, failed loads, CSP blocks and requests to
  another host fail the test when it ends.
- `phone`: the same at 360 x 780.
- `servers`: the site at a root and under /sub/path/, every HTML page with drivers.PROBE first.

Run: `.venv/bin/pytest -m engines` (after `make build`); `make quick` leaves the tier out.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engines.drivers import (
    FIREFOX,
    PROBE,
    WEBKIT_DRIVER,
    XVFB,
    Bidi,
    Display,
    Engine,
    Gecko,
    WebKit,
)
from tests.site_server import SUB_PATH, Servers, serve, site_dir_for_tests

ENGINES = ("webkit", "gecko")
NEEDS = {"webkit": (WEBKIT_DRIVER, XVFB), "gecko": (FIREFOX,)}
PACKAGES = "apt-get install -y webkit2gtk-driver xvfb firefox-esr"
DESKTOP = (1280, 900)
PHONE = (360, 780)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.engines)


def require(name: str) -> None:
    missing = [path for path in NEEDS[name] if not os.access(path, os.X_OK)]
    if not missing:
        return
    message = f"{name}: {', '.join(missing)} not installed ({PACKAGES})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_dir_for_tests(tmp_path_factory)


@pytest.fixture(scope="session")
def servers(site_dir: Path) -> Iterator[Servers]:
    inject = PROBE.encode()
    both = Servers(serve(site_dir, "/", inject=inject), serve(site_dir, SUB_PATH, inject=inject))
    yield both
    both.close()


@pytest.fixture(scope="session")
def display() -> Iterator[Display]:
    require("webkit")
    screen = Display()
    yield screen
    screen.close()


@pytest.fixture(scope="session")
def firefox() -> Iterator[Bidi]:
    require("gecko")
    bidi = Bidi()
    yield bidi
    bidi.close()


def start_engine(
    name: str, origins: set[str], size: tuple[int, int], request: pytest.FixtureRequest
) -> Engine:
    """A fresh page in engine `name` that counts requests outside `origins` as foreign."""
    if name == "webkit":
        return WebKit(origins, request.getfixturevalue("display"), size)
    return Gecko(origins, request.getfixturevalue("firefox"), size)


def watched(engine: Engine) -> Iterator[Engine]:
    try:
        yield engine
        problems = engine.problems()
    finally:
        engine.close()
    if problems:
        pytest.fail(f"{engine.name}: " + "\n".join(problems))


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, servers: Servers) -> Iterator[Engine]:
    yield from watched(start_engine(request.param, servers.origins, DESKTOP, request))


@pytest.fixture(params=ENGINES)
def phone(request: pytest.FixtureRequest, servers: Servers) -> Iterator[Engine]:
    yield from watched(start_engine(request.param, servers.origins, PHONE, request))


def shots() -> Path:
    out = Path(__file__).resolve().parents[2] / "test-results" / "engines"
    out.mkdir(parents=True, exist_ok=True)
    return out
