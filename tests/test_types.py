"""The whole tree type-checks clean (pyproject.toml [tool.mypy]), with the project not installed.

mypy runs from the repository root with this interpreter, and finds its libraries through a
Python whose site-packages holds everything this environment has except migkg's own
install (its editable hook, its dist-info, or a copied package): every import of the
project then resolves from the file tree or not at all. Its cache sits in the ignored
test-output/ folder, so a clean clone checks everything from scratch.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "test-output" / "mypy"
PACKAGES = ("migkg", "graph", "loaders", "ontology", "queries", "viz", "webapp", "corpus", "data")
# made by tools and runs, never part of the tree's code
NOT_SOURCE = {"test-output", "build", "dist", "var", "out", "__pycache__"}


def tree_sources() -> list[Path]:
    """Every Python file of the repository."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".") and d not in NOT_SOURCE and not d.endswith(".egg-info")
        ]
        found += [Path(folder, f) for f in files if f.endswith(".py")]
    return found


def installed_entries(site: Path) -> set[str]:
    """The entries of ``site`` that migkg's install made (none when it is not installed).

    Read from the install's own record in ``site``: a migkg.egg-info in the tree lists the
    tree's files, not the install's.
    """
    names: set[str] = set()
    for dist in importlib.metadata.distributions(path=[str(site)]):
        if dist.metadata["Name"] == "migkg":
            names |= {f.parts[0] for f in dist.files or [] if f.parts and f.parts[0] != ".."}
    return names


@pytest.fixture(scope="module")
def uninstalled_python() -> Path:
    """A Python whose site-packages links to this one's, migkg's own entries left out."""
    env = WORK / "env"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", "--clear", str(env)],
        check=True,
        capture_output=True,
    )
    python = env / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    ours = Path(sysconfig.get_paths()["purelib"])
    skip = installed_entries(ours)
    for entry in ours.iterdir():
        if entry.name not in skip and entry.name != "__pycache__":
            (site / entry.name).symlink_to(entry)
    return python


def test_the_uninstalled_python_cannot_import_the_project(uninstalled_python: Path) -> None:
    probe = "import importlib.util as u; print([p for p in {!r} if u.find_spec(p)])"
    # an empty working folder: nothing of the tree is on its path
    empty = WORK / "empty"
    empty.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [str(uninstalled_python), "-c", probe.format(PACKAGES) + "; import rdflib, flask"],
        cwd=empty,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr  # the libraries are there
    assert done.stdout.strip() == "[]"  # the project is not


def test_mypy_finds_no_error_in_the_tree(uninstalled_python: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH")}
    cache = WORK / "cache"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--python-executable",
            str(uninstalled_python),
            "--cache-dir",
            str(cache),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # every Python file of the tree was checked, none left out of [tool.mypy] files
    checked = re.search(r"Success: no issues found in (\d+) source files", done.stdout)
    assert checked is not None, done.stdout
    assert int(checked.group(1)) == len(tree_sources())
