"""hooks/runtime.py: the wheel, its lock file entry, the copied Pyodide runtime."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from hooks import runtime
from hooks.runtime import (
    RUNTIME_FILES,
    SOURCE_MARK,
    App,
    build_wheel,
    check_wheel,
    copy_runtime,
    forget_stale_package,
    prepare_app,
    pyodide_version,
    site_lockfile,
    source_digest,
    write_app,
)
from hooks.scripts import runtime_query
from hooks.stdlib import (
    STDLIB,
    compile_stdlib,
    compiled_stdlib_name,
    ship_stdlib,
    stdlib_keep,
    trim_stdlib,
    trimmed_stdlib_name,
)

ROOT = Path(__file__).resolve().parents[2]
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
needs_runtime = pytest.mark.skipif(
    not (NODE_PYODIDE / "package.json").is_file(), reason="npm ci has not installed pyodide"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(ROOT, tmp_path_factory.mktemp("wheel"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the wheel -------------------------------------------------------------------------------


def test_wheel_is_pure_python(wheel: Path) -> None:
    assert wheel.name == "calculators-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        meta = archive.read("calculators-0.1.0.dist-info/WHEEL").decode()
    assert "Root-Is-Purelib: true" in meta
    assert "Tag: py3-none-any" in meta


def test_wheel_holds_only_the_package(wheel: Path) -> None:
    names = check_wheel(wheel)
    assert "calculators/__init__.py" in names
    assert "calculators/web/widget.py" in names
    assert all(n.startswith(("calculators/", "calculators-0.1.0.dist-info/")) for n in names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith(("tests/", "hooks/", "docs/"))]


def test_wheel_imports_on_its_own(wheel: Path, tmp_path: Path) -> None:
    # -I -S: no site-packages, so no editable install and no repository on the path.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import calculators; "
        "assert calculators.__file__.startswith(sys.argv[1]), calculators.__file__; "
        "print(calculators.run('budget', {'income': '8000', 'essential_expenses': '4500',"
        " 'debt_payments': '2000'})['capacity'])"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code, str(wheel)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert out.stdout.strip() == "3500.00"


def test_same_source_same_bytes(wheel: Path, tmp_path: Path) -> None:
    """The backend writes fixed timestamps, so the content hash names the content."""
    again = build_wheel(ROOT, tmp_path)
    assert sha256(again) == sha256(wheel)


def test_check_wheel_rejects_stray_files(tmp_path: Path) -> None:
    bad = tmp_path / "calculators-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("calculators/__init__.py", "")
        archive.writestr("tests/test_x.py", "")
    with pytest.raises(PluginError, match=r"tests/test_x\.py"):
        check_wheel(bad)


def copy_project(dest: Path) -> Path:
    shutil.copytree(
        ROOT / "calculators", dest / "calculators", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


@needs_runtime
def test_a_source_change_gives_a_new_hashed_location(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"
    first = prepare_app(project, NODE_PYODIDE, cache)
    assert first.dir_name == f"calculators-{first.sha256[:16]}"
    assert prepare_app(project, NODE_PYODIDE, cache) is first  # cached, not rebuilt
    with (project / "calculators" / "budget.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    second = prepare_app(project, NODE_PYODIDE, cache)
    assert second.dir_name != first.dir_name
    assert second.sha256 == sha256(second.wheel)


def test_source_digest_ignores_bytecode(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = source_digest(project)
    cache = project / "calculators" / "__pycache__"
    cache.mkdir()
    (cache / "x.cpython-313.pyc").write_bytes(b"junk")
    assert source_digest(project) == before
    (project / "calculators" / "new.py").write_text("X = 1\n", encoding="utf-8")
    assert source_digest(project) != before


# --- the lock file -----------------------------------------------------------------------------


@needs_runtime
def test_lockfile_registers_the_wheel_with_its_sha256(wheel: Path) -> None:
    lock = site_lockfile(NODE_PYODIDE / "pyodide-lock.json", wheel)
    entry = lock["packages"]["calculators"]
    assert entry["sha256"] == sha256(wheel)
    assert entry["file_name"] == wheel.name  # next to the lock file
    assert entry["imports"] == ["calculators"]
    assert entry["depends"] == []
    assert entry["install_dir"] == "site"
    assert entry["package_type"] == "package"


@needs_runtime
def test_lockfile_keeps_the_runtimes_info_and_only_what_the_site_loads(wheel: Path) -> None:
    stock = json.loads((NODE_PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock = site_lockfile(NODE_PYODIDE / "pyodide-lock.json", wheel)
    assert lock["info"] == stock["info"]  # the runtime checks the ABI version in it
    assert list(lock["packages"]) == ["calculators"]


@needs_runtime
def test_lockfile_keeps_dependencies_of_what_it_keeps(wheel: Path) -> None:
    lock = site_lockfile(NODE_PYODIDE / "pyodide-lock.json", wheel, keep=("calculators", "affine"))
    assert sorted(lock["packages"]) == ["affine", "calculators"]
    with pytest.raises(PluginError, match="'nonesuch' is not in the lock file"):
        site_lockfile(NODE_PYODIDE / "pyodide-lock.json", wheel, keep=("nonesuch",))


# --- the runtime files -------------------------------------------------------------------------


@needs_runtime
def test_pyodide_version_comes_from_node_modules() -> None:
    package = json.loads((NODE_PYODIDE / "package.json").read_text(encoding="utf-8"))
    assert pyodide_version(NODE_PYODIDE) == package["version"]


def test_missing_runtime_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="make setup"):
        pyodide_version(tmp_path)
    with pytest.raises(PluginError, match="make setup"):
        copy_runtime(tmp_path, tmp_path / "out")


@needs_runtime
def test_copy_runtime_copies_exactly_the_five_files_once(tmp_path: Path) -> None:
    dest = tmp_path / "runtime"
    copied = copy_runtime(NODE_PYODIDE, dest)
    assert sorted(p.name for p in copied) == sorted(RUNTIME_FILES)
    assert sorted(p.name for p in dest.iterdir()) == sorted(RUNTIME_FILES)
    for name in RUNTIME_FILES:
        assert (dest / name).read_bytes() == (NODE_PYODIDE / name).read_bytes()
    assert copy_runtime(NODE_PYODIDE, dest) == []  # unchanged files are not copied again


@needs_runtime
def test_write_app_replaces_older_app_dirs(wheel: Path, tmp_path: Path) -> None:
    old = tmp_path / "calculators-0000000000000000"
    old.mkdir()
    lock = site_lockfile(NODE_PYODIDE / "pyodide-lock.json", wheel)
    app = App(version="314.0.7", wheel=wheel, sha256=sha256(wheel), lock=lock)
    target = write_app(app, tmp_path)
    assert not old.exists()
    assert target.name == app.dir_name
    assert sha256(target / wheel.name) == app.sha256
    written = json.loads((target / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert written["packages"]["calculators"]["sha256"] == app.sha256


def test_forget_stale_package_drops_modules_only_after_a_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Put the package's modules back afterwards: other tests hold references to them, and a
    # mix of old and new module objects (two `Kind` enums, say) would break those tests.
    import calculators.schedule  # noqa: F401  (imported already when the whole suite runs)

    saved = {k: v for k, v in sys.modules.items() if k.split(".")[0] == "calculators"}
    package = saved["calculators"]
    monkeypatch.setattr(package, SOURCE_MARK, None, raising=False)  # as before any build
    try:
        assert forget_stale_package("a") is False  # what was imported is taken as current
        assert getattr(package, SOURCE_MARK) == "a"
        assert forget_stale_package("a") is False
        assert sys.modules["calculators"] is package and "calculators.schedule" in sys.modules
        assert forget_stale_package("b") is True
        assert "calculators.schedule" not in sys.modules  # the package alone does not import it
        fresh = sys.modules["calculators"]  # imported again, from the source as it is now
        assert fresh is not package and getattr(fresh, SOURCE_MARK) == "b"
        assert forget_stale_package("b") is False
    finally:
        for name in [k for k in sys.modules if k.split(".")[0] == "calculators"]:
            del sys.modules[name]
        sys.modules.update(saved)


# --- the MkDocs events -------------------------------------------------------------------------


@needs_runtime
def test_events_put_the_runtime_into_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the build below marks the imported package with is put back afterwards.
    monkeypatch.setattr(sys.modules["calculators"], SOURCE_MARK, None, raising=False)
    config: Any = SimpleNamespace(extra={}, site_dir=str(tmp_path / "site"))
    runtime.on_config(config)
    info = config.extra["calc_runtime"]
    assert info["pyodide"] == pyodide_version(NODE_PYODIDE)
    assert info["app"].startswith("calculators-")
    assert info["query"] == runtime_query(info["pyodide"], info["app"], info["stdlib"])
    runtime.on_post_build(config=config)
    base = tmp_path / "site" / "assets" / "pyodide" / info["pyodide"]
    shipped = compiled_stdlib_name(stdlib_keep())
    assert info["stdlib"] == shipped
    assert sorted(p.name for p in base.iterdir()) == sorted([*RUNTIME_FILES, shipped, info["app"]])
    with zipfile.ZipFile(base / shipped) as archive:  # bytecode (tests/pyodide checks it runs)
        assert {n.rsplit(".", 1)[-1] for n in archive.namelist() if not n.endswith("/")} == {"pyc"}
    app_dir = base / info["app"]
    lock = json.loads((app_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["calculators"]
    assert sha256(app_dir / entry["file_name"]) == entry["sha256"]
    assert info["app"] == f"calculators-{entry['sha256'][:16]}"


# --- the trimmed standard library ------------------------------------------------------------


def test_the_keep_list_is_sorted_unique_zip_members() -> None:
    keep = stdlib_keep()
    assert keep == sorted(set(keep))
    assert "json/__init__.py" in keep and "decimal.py" in keep
    assert all(not name.startswith(("/", "#")) and " " not in name for name in keep)


@needs_runtime
def test_trim_stdlib_keeps_exactly_the_list_compressed_as_before(tmp_path: Path) -> None:
    stock = NODE_PYODIDE / STDLIB
    keep = stdlib_keep()
    old = tmp_path / "python_stdlib-000000000000.zip"
    old.write_bytes(b"old")
    trimmed = trim_stdlib(stock, keep, tmp_path)
    assert trimmed.name == trimmed_stdlib_name(keep)
    assert not old.exists()  # an older keep list's zip is removed
    assert (tmp_path / STDLIB).exists() is False  # the stock zip is not touched or copied
    with zipfile.ZipFile(stock) as src, zipfile.ZipFile(trimmed) as dst:
        assert sorted(dst.namelist()) == sorted(keep)
        originals = {info.filename: info for info in src.infolist()}
        for info in dst.infolist():
            original = originals[info.filename]
            assert (info.compress_type, info.CRC, info.file_size, info.date_time) == (
                original.compress_type,
                original.CRC,
                original.file_size,
                original.date_time,
            )
        assert dst.testzip() is None
    assert trimmed.stat().st_size < stock.stat().st_size / 2
    first = trimmed.read_bytes()
    trimmed.unlink()
    assert trim_stdlib(stock, keep, tmp_path).read_bytes() == first  # the same bytes each build


@needs_runtime
def test_trim_stdlib_refuses_a_member_the_runtime_lacks(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"nonesuch\.py"):
        trim_stdlib(NODE_PYODIDE / STDLIB, [*stdlib_keep(), "nonesuch.py"], tmp_path)


def test_the_trimmed_name_follows_the_keep_list() -> None:
    assert trimmed_stdlib_name(["a.py", "b.py"]) == trimmed_stdlib_name(["b.py", "a.py"])
    assert trimmed_stdlib_name(["a.py"]) != trimmed_stdlib_name(["a.py", "b.py"])
    assert trimmed_stdlib_name(["a.py"]).startswith("python_stdlib-")


def test_the_compiled_name_follows_the_trimmed_one() -> None:
    keep = stdlib_keep()
    assert compiled_stdlib_name(keep) == trimmed_stdlib_name(keep).replace(".zip", "-pyc.zip")


@needs_runtime
def test_ship_stdlib_compiles_once_and_replaces_an_older_zip(tmp_path: Path) -> None:
    keep = stdlib_keep()
    cache = tmp_path / "cache"
    version = pyodide_version(NODE_PYODIDE)
    cached = cache / version / compiled_stdlib_name(keep)
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"made by an earlier build")  # the cache is used as it is
    site = tmp_path / "site"
    site.mkdir()
    (site / "python_stdlib-000000000000-pyc.zip").write_bytes(b"old")
    (site / STDLIB).write_bytes(b"stock")
    shipped = ship_stdlib(NODE_PYODIDE, version, keep, site, cache)
    assert shipped.read_bytes() == b"made by an earlier build"
    assert sorted(p.name for p in site.iterdir()) == sorted([STDLIB, shipped.name])


@needs_runtime
@pytest.mark.node  # starts Pyodide in Node
def test_compile_stdlib_says_why_it_failed(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    with pytest.raises(PluginError, match="compiling the standard library failed"):
        compile_stdlib(broken, NODE_PYODIDE, tmp_path / "out.zip")
    assert list(tmp_path.iterdir()) == [broken]  # no half-written file left


def test_the_stdlib_name_is_written_once_by_the_build() -> None:
    """The worker loads the standard library the page's query names (hooks/scripts.py, from
    compiled_stdlib_name): no script of the site names a standard library file itself."""
    scripts = [*(ROOT / "docs" / "assets").rglob("*.js"), *(ROOT / "hooks").glob("*.js")]
    assert scripts
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        code = re.sub(r"//[^\n]*", "", text)
        assert not re.search(r"python_stdlib-[0-9a-f]", code), path
    query = runtime_query("314.0.7", "calculators-00", compiled_stdlib_name(stdlib_keep()))
    assert query.endswith("&stdlib=" + compiled_stdlib_name(stdlib_keep()))
