"""One object per build: what a build's hooks learn at its start and read later in that build.

Not a hook (mkdocs.yml does not list it): hooks/runtime.py and hooks/csp.py import it, as
hooks/editions.py explains.

Why not module globals: MkDocs loads each hook once per process and runs every build of the
process through that one module (`mkdocs serve` rebuilds; hooks/traditional.py runs the
zh-Hant build inside the Simplified one, between its `on_config` and its `on_post_build`; the
tests build several sites in one session). A global set by one event and read by a later one
is shared by all of them: the zh-Hant build's `on_config` would replace what the Simplified
build's `on_post_build` then reads, and a test's build would read what an earlier one left.
So a hook keeps what it carries from one event to a later one in the `BuildState` of the
build's own config: `of(config)` makes it at the build's first `on_config` and finds it again
in every later event, which MkDocs passes the same config object. Helpers take what they need
as arguments; only the `on_*` functions read the state.

The one thing a build cannot find in its config is the command MkDocs runs (`build`, `serve`):
`on_startup` gives it once per command line, before any config exists, and `on_shutdown` ends
it. `start`/`end` (called by hooks/csp.py's) hold it for that span, and a build's state copies
it when it is made. A build run without a command (the tests' in-process builds, the zh-Hant
build inside the Simplified one) is a plain build.

What else is left at module level in the hooks is not state: constants, and hooks/runtime.py's
cache of built wheels keyed by the source they were built from (a hit or a miss gives the same
bytes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from hooks.runtime import App

Command = Literal["build", "gh-deploy", "serve"]
ATTR = "_calc_build_state"  # on the config object; MkDocs keeps its own `_current_page` so


@dataclass
class BuildState:
    command: Command | None  # the command line's, or None for a build run without one
    app: App | None = None  # hooks/runtime.py: the wheel and lock file the pages name

    @property
    def serve(self) -> bool:
        """`mkdocs serve`: hooks/csp.py lets the live-reload script run."""
        return self.command == "serve"


_COMMAND: Command | None = None  # the running command line's, from on_startup to on_shutdown


def start(command: Command) -> None:
    """`on_startup`: builds from now on run under `command`."""
    global _COMMAND
    _COMMAND = command


def end() -> None:
    """`on_shutdown`: the command line is done; a later build runs without one."""
    global _COMMAND
    _COMMAND = None


def of(config: MkDocsConfig) -> BuildState:
    """The state of the build `config` is for, made on the first call for that config."""
    state = getattr(config, ATTR, None)
    if not isinstance(state, BuildState):
        state = BuildState(command=_COMMAND)
        setattr(config, ATTR, state)
    return state
