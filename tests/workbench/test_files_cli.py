"""`workbench new`, `info` and `dump` as a user runs them."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from workbench.cli import build_parser
from workbench.model import EditKind, NewEdit, Role, StakeholderKind
from workbench.storage import WorkbenchFile


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True, check=False
    )


def test_dump_prints_the_document_in_the_promised_shape(tmp_path: Path) -> None:
    path = tmp_path / "talks.nwb"
    assert run("new", str(path)).returncode == 0
    with WorkbenchFile.open(path) as wb:
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        gc = wb.add_stakeholder("GC", StakeholderKind.CIVIL_SOCIETY)
        three = wb.add_section("3.", "Public policy")
        three_a = wb.add_section("3a)", "Infrastructure", parent_id=three.id)
        with wb.transaction():
            p = wb.add_paragraph("New 56bis", three_a.id)
            wb.add_variant(p.id, chair.id, Role.DRAFT, "We [strive] to")
            wb.add_variant(p.id, gc.id, Role.PROPOSAL, "We strive to")
            wb.append_edit(
                NewEdit(p.id, EditKind.INITIAL, "a", "We [strive] to", stakeholder_id=chair.id)
            )
    result = run("dump", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "stakeholders": [
            {"name": "Chair", "kind": "chair"},
            {"name": "GC", "kind": "civil society"},
        ],
        "sections": [
            {"number": "3.", "title": "Public policy", "parent": None},
            {"number": "3a)", "title": "Infrastructure", "parent": "3."},
        ],
        "paragraphs": [
            {
                "label": "New 56bis",
                "section": "3a)",
                "status": "bracketed",
                "variants": [
                    {"stakeholder": "Chair", "role": "draft", "text": "We [strive] to"},
                    {"stakeholder": "GC", "role": "proposal", "text": "We strive to"},
                ],
                "compromise": "We [strive] to",
                "edits": 1,
                "comments": [],
            }
        ],
    }
    info = run("info", str(path))
    assert "paragraphs:   1" in info.stdout
    assert "GC (civil society)" in info.stdout


def test_errors_are_one_line_naming_the_file_with_exit_code_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.nwb"
    result = run("dump", str(missing))
    assert result.returncode == 2
    assert result.stderr.strip() == f"workbench: {missing}: does not exist"
    assert "Traceback" not in result.stderr


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    commands = list(command_names(build_parser()))
    assert "dump" in commands
    undocumented = [c for c in commands if f"workbench {c}" not in readme]
    assert undocumented == []


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(subparsers.choices)
