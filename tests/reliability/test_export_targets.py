"""An export never replaces the workbench file, a read-only file or anything not .docx unless
asked; a new export gets the permissions the umask allows, like any file the user makes."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest
from reliability_helpers import (
    assert_one_line_error,
    digest,
    run_cli,
    run_python,
    workbench_with_sample,
)

from workbench import checks


def test_export_onto_the_workbench_file_itself_is_refused(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    os.link(path, tmp_path / "same-file.docx")  # even under a .docx name
    before = digest(path)
    for target in (path, tmp_path / "same-file.docx"):
        refused = run_cli("export", path, "--to", target)
        assert_one_line_error(refused, str(target), "workbench")
    os.unlink(tmp_path / "same-file.docx")
    assert digest(path) == before
    assert checks.check_file(path) == []


def test_export_onto_another_workbench_file_or_a_non_docx_name_is_refused(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    other = workbench_with_sample(tmp_path / "other.nwb")
    theirs = digest(other)
    assert_one_line_error(run_cli("export", path, "--to", other), "workbench (SQLite) file")
    assert digest(other) == theirs
    notes = tmp_path / "notes.txt"
    notes.write_text("My notes.\n", encoding="utf-8")
    assert_one_line_error(run_cli("export", path, "--to", notes), "does not end in .docx")
    assert notes.read_text(encoding="utf-8") == "My notes.\n"
    assert_one_line_error(run_cli("export", path, "--to", tmp_path / "new.pdf"), ".docx")
    assert not (tmp_path / "new.pdf").exists()


def test_a_read_only_target_is_not_replaced(tmp_path: Path) -> None:
    """As root too, where the permissions alone stop nothing: the export checks them."""
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    target = tmp_path / "circulated.docx"
    target.write_bytes(b"PK the version already sent round")
    target.chmod(0o444)
    refused = run_cli("export", path, "--to", target)
    assert_one_line_error(refused, str(target), "read-only")
    assert target.read_bytes() == b"PK the version already sent round"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


EXPORT_WITH_UMASK = """
import os, sys
os.umask(int(sys.argv[3], 8))
from workbench.cli import main
sys.exit(main(["export", sys.argv[1], "--to", sys.argv[2]]))
"""


@pytest.mark.parametrize(("umask", "mode"), [("022", 0o644), ("002", 0o664), ("077", 0o600)])
def test_a_new_export_honours_the_umask(tmp_path: Path, umask: str, mode: int) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    out = tmp_path / f"tunis-{umask}.docx"
    result = run_python(EXPORT_WITH_UMASK, path, out, umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode
    with zipfile.ZipFile(out) as package:
        assert "word/document.xml" in package.namelist()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_replaced_export_keeps_its_permissions(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    out = tmp_path / "shared-with-the-team.docx"
    out.write_bytes(b"an older export")
    out.chmod(0o664)
    assert run_cli("export", path, "--to", out).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    assert zipfile.is_zipfile(out)
