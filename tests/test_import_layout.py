"""Every import of the project resolves from the file tree alone: ``graph.store`` is
graph/store.py, with no install and no mapping of package names onto folders."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("migkg", "graph", "loaders", "ontology", "queries", "viz", "webapp", "corpus", "data")


def module_file(name: str) -> Path | None:
    """The file of module ``name`` in the tree (a module or a package), or None."""
    path = ROOT.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def project_imports(path: Path) -> list[tuple[int, str, str | None]]:
    """(line, module, name imported from it) for each import of a project package."""
    found: list[tuple[int, str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, None) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found += [(node.lineno, node.module, a.name) for a in node.names]
    return [f for f in found if f[1].split(".")[0] in PACKAGES]


SOURCES = (
    sorted(
        p
        for package in PACKAGES
        for p in (ROOT / package).rglob("*.py")
        if "static" not in p.parts and "templates" not in p.parts
    )
    + sorted((ROOT / "tests").glob("*.py"))
    + sorted((ROOT / "benchmarks").glob("*.py"))
)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_project_import_names_a_file_of_the_tree(path: Path) -> None:
    for line, module, name in project_imports(path):
        where = f"{path.relative_to(ROOT)}:{line}"
        assert module_file(module) is not None, f"{where}: no file for {module}"
        if name is not None and name != "*" and module_file(f"{module}.{name}") is None:
            tree = ast.parse(module_file(module).read_text(encoding="utf-8"))  # type: ignore[union-attr]
            defined = {
                t.id
                for n in ast.walk(tree)
                for t in (n.targets if isinstance(n, ast.Assign) else [getattr(n, "target", None)])
                if isinstance(t, ast.Name)
            }
            defined |= {
                n.name
                for n in ast.walk(tree)
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            }
            defined |= {
                (a.asname or a.name).split(".")[0]
                for n in ast.walk(tree)
                if isinstance(n, ast.Import | ast.ImportFrom)
                for a in n.names
            }
            assert name in defined or name.startswith("__"), f"{where}: {module} has no {name}"


def test_the_packages_resolve_from_the_folder_without_an_install() -> None:
    # an interpreter without site-packages (so without the project's install) finds
    # every package of the project in the folder it runs in
    code = (
        "import importlib.util as u; "
        f"print([m for m in {PACKAGES!r} if u.find_spec(m) is None or "
        f"not u.find_spec(m).origin.startswith({str(ROOT)!r})])"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
