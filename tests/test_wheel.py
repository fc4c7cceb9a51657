"""A plain install works: the wheel holds every subpackage and the data, and a lesson runs from it.

What a JupyterHub image or ``pip install git+...`` does is build a wheel and install it (not an editable
install pointing back at the clone). So the test builds the wheel from a copy of the sources, installs it
with ``--no-deps`` into a fresh virtual environment, and runs a lesson's code there from a folder outside
the clone. The fresh environment borrows the already-installed dependencies (pandas, plotly, ipywidgets)
from the test's own environment through a ``.pth`` line, so nothing is downloaded and the test stays fast;
the kit itself can only come from the wheel (the borrowed folder's own ``.pth`` files, such as the editable
install's, are not processed, and the fresh environment's site-packages come first).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO

# What a wheel is built from: the package, its data and the project files pyproject.toml names.
BUILD_INPUTS = ("alliancekit", "data", "pyproject.toml", "README.md", "LICENSE", "LICENSE-content.md")

LESSON = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    import alliancekit
    from alliancekit import data, excerpts, explorers, models
    from alliancekit.checking import checks_for
    import alliancekit.questions, alliancekit.grading, alliancekit.charts

    package = Path(alliancekit.__file__).resolve().parent
    artillery = data.load("artillery")                                   # load a table
    prk = artillery[artillery["country"] == "PRK"]
    explorer = explorers.artillery_explorer(country="PRK", category="total")  # an explorer, with its chart
    figure = explorer.figure
    check, hint, solution = checks_for("02_artillery_arithmetic")          # a check, as a student runs it
    verdict = check("u1", ...)
    print(json.dumps({
        "package": str(package),
        "data_dir": str(data.DATA_DIR.resolve()),
        "tables": len(data.tables()),
        "problems": data.validate(),
        "prk_rows": len(prk),
        "traces": len(figure.data),
        "excerpt": excerpts.show_excerpt("p04_artillery").attribution,
        "check": str(verdict),
        "cwd": os.getcwd(),
    }))
    """
)


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=540, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _setuptools_is_recent() -> bool:
    try:
        from importlib.metadata import version

        return int(version("setuptools").split(".")[0]) >= 77
    except Exception:  # noqa: BLE001 - no setuptools at all: let pip fetch one
        return False


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel pip builds from a copy of the sources (so no build/ folder is left in the clone)."""
    src = tmp_path_factory.mktemp("src")
    for name in BUILD_INPUTS:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    out = tmp_path_factory.mktemp("dist")
    # Without build isolation when this environment already has a recent setuptools: nothing to fetch.
    isolation = [] if not _setuptools_is_recent() else ["--no-build-isolation"]
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q", "-w", str(out), str(src)])
    (built,) = out.glob("alliancekit-*.whl")
    return built


def test_the_wheel_holds_every_subpackage_and_every_table(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    subpackages = sorted(p.parent.relative_to(REPO).as_posix() for p in (REPO / "alliancekit").rglob("__init__.py"))
    missing = [p for p in subpackages if f"{p}/__init__.py" not in names]
    assert not missing, f"subpackages missing from the wheel (add them to pyproject.toml): {missing}"
    modules = [p.relative_to(REPO).as_posix() for p in (REPO / "alliancekit").rglob("*.py")]
    assert not [m for m in modules if m not in names]
    package = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    tables = [f"alliancekit/_data/{res['path']}" for res in package["resources"]]
    assert "alliancekit/_data/datapackage.json" in names
    assert not [t for t in tables if t not in names], "tables missing from the wheel"
    raw = [f"alliancekit/_data/raw/{p.name}" for p in (REPO / "data" / "raw").iterdir()]
    assert not [r for r in raw if r not in names], "data/raw files missing from the wheel"
    # working notes and build scripts are not part of what a course installs
    assert not [n for n in names if "/sourcing/" in n or "/build/" in n]


def test_a_lesson_runs_from_the_installed_wheel_outside_the_clone(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # borrow the dependencies already installed here (pandas, plotly, ipywidgets...) instead of downloading them
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)])

    elsewhere = tmp_path / "a-student-home"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ALLIANCEKIT_DATA", "VIRTUAL_ENV")}
    out = _run([str(python), "-c", LESSON], cwd=elsewhere, env=env).stdout
    result = json.loads(out.strip().splitlines()[-1])

    assert Path(result["package"]).is_relative_to(site), "the kit was imported from somewhere else than the wheel"
    assert Path(result["data_dir"]) == Path(result["package"]) / "_data"
    assert not Path(result["data_dir"]).is_relative_to(REPO)
    assert Path(result["cwd"]) == elsewhere.resolve()
    assert result["problems"] == [], result["problems"][:5]
    assert result["tables"] >= 20 and result["prk_rows"] > 0 and result["traces"] > 0
    assert "Ariel Cohen" in result["excerpt"]
    assert "not attempted" in result["check"].lower()


def test_the_data_folder_can_be_named_by_a_setting(tmp_path):
    """ALLIANCEKIT_DATA points the package at another copy of the data (documented in the README)."""
    copy = tmp_path / "course-data"
    shutil.copytree(REPO / "data", copy, ignore=shutil.ignore_patterns("build", "sourcing", "raw"))
    code = "from alliancekit import data; print(data.DATA_DIR); print(len(data.load('events')))"
    env = dict(os.environ, ALLIANCEKIT_DATA=str(copy))
    lines = _run([sys.executable, "-c", code], cwd=tmp_path, env=env).stdout.split()
    assert Path(lines[0]) == copy and int(lines[1]) > 0
