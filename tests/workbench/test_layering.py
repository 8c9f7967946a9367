"""The domain never imports Qt or the UI, and reaches the file only through the storage Protocol:
checked on the source and by ruff's import ban."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

WORKBENCH = Path(__file__).resolve().parents[2] / "workbench"
# Written against `WorkbenchStore`, never the SQLite class (checks opens a file in check_file).
ON_THE_PROTOCOL = {
    "editing.py": set(),
    "history.py": set(),
    "snapshots.py": set(),
    "checks.py": {"check_file"},
    "comments.py": set(),
    "exporting/__init__.py": set(),
    "exporting/collect.py": set(),
    "importing/__init__.py": set(),
    "importing/writer.py": set(),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_of_the_domain_imports_qt_or_ui() -> None:
    offenders = {
        str(path.relative_to(WORKBENCH)): sorted(
            imported_modules(path) & {"PySide6", "PyQt6", "ui"}
        )
        for path in WORKBENCH.rglob("*.py")
    }
    assert {name: bad for name, bad in offenders.items() if bad} == {}


def functions_naming(path: Path, name: str) -> set[str]:
    """The functions whose body names `name` ("<module>" for the module level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) else where
            if isinstance(child, ast.Name) and child.id == name:
                found.add(where)
            if isinstance(child, ast.alias) and name in (child.name, child.asname):
                found.add(where)
            visit(child, inner)

    visit(tree, "<module>")
    return found


def test_the_domain_uses_the_storage_protocol_not_the_sqlite_class() -> None:
    used = {name: functions_naming(WORKBENCH / name, "WorkbenchFile") for name in ON_THE_PROTOCOL}
    assert used == ON_THE_PROTOCOL


def test_ruff_refuses_a_qt_import_in_the_domain() -> None:
    """Through ruff's stdin: nothing is written into the source tree."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--stdin-filename",
            str(WORKBENCH / "_intruder_for_test.py"),
            "-",
        ],
        input='"""x."""\n\nfrom __future__ import annotations\n\nimport PySide6\n',
        capture_output=True,
        text=True,
        check=False,
        cwd=WORKBENCH.parent,
    )
    assert result.returncode != 0
    assert "TID251" in result.stdout
    assert not (WORKBENCH / "_intruder_for_test.py").exists()
