"""The domain never imports Qt or the UI: checked on the source and by ruff's import ban."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

WORKBENCH = Path(__file__).resolve().parents[2] / "workbench"


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


def test_ruff_refuses_a_qt_import_in_the_domain(tmp_path: Path) -> None:
    intruder = WORKBENCH / "_intruder_for_test.py"
    intruder.write_text('"""x."""\n\nfrom __future__ import annotations\n\nimport PySide6\n')
    try:
        result = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--no-cache", str(intruder)],
            capture_output=True,
            text=True,
            check=False,
            cwd=WORKBENCH.parent,
        )
    finally:
        intruder.unlink()
    assert result.returncode != 0
    assert "TID251" in result.stdout
