"""A write that cannot land (full disk) rolls back with a clear message; read-only media open
read-only. Tests run as root here, where chmod stops nothing: the read-only cases run in a child
that drops to an unprivileged user before it opens the file, as a real user's program would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_helpers import (
    REPO,
    child_env,
    digest,
    make_rev1,
    workbench_with_sample,
)

from workbench import checks, editing
from workbench.errors import WorkbenchError
from workbench.importing import import_file
from workbench.storage import WorkbenchFile

UNPRIVILEGED = 65534  # "nobody"

# Imports first (the interpreter lives under /root), then drops root, then opens the file.
AS_A_USER = """
import os, sys
import workbench.exporting, workbench.importing
from workbench.cli import build_parser, main
from workbench.storage import WorkbenchFile
from workbench import editing, checks
build_parser()
if os.geteuid() == 0:
    os.setgid(UID)
    os.setuid(UID)
wb = WorkbenchFile.open(sys.argv[1])
print("reason:", wb.read_only_reason)
print("paragraphs:", len(wb.paragraphs()))
print("check:", checks.check(wb))
try:
    editing.type_text(wb, wb.paragraphs()[0].id, "Should not land.", "User")
except Exception as error:
    print("write:", type(error).__name__, error)
wb.close()
sys.stdout.flush()
sys.exit(main(["edit", sys.argv[1], "39", "--text", "Nor this."]))
""".replace("UID", str(UNPRIVILEGED))


def fill_the_disk(wb: WorkbenchFile) -> None:
    """No page beyond those in use: the next write that needs one fails as on a full disk."""
    pages = wb.db.execute("PRAGMA page_count").fetchone()[0]
    wb.db.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_rolls_back_the_import_with_a_clear_message(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "full.nwb")
    rev1 = make_rev1(tmp_path / "rev1.docx")
    with WorkbenchFile.open(path) as wb:
        paragraph = wb.paragraphs()[0]
        editing.type_text(wb, paragraph.id, "Agreed before the disk filled.", "User")
        shown = [(p.label, wb.compromise(p.id)) for p in wb.paragraphs()]
        fill_the_disk(wb)
        with pytest.raises(WorkbenchError) as caught:
            import_file(rev1, wb)
        assert "disk is full" in str(caught.value)
        assert "\n" not in str(caught.value)
        # What the window shows is still what the file holds.
        assert [(p.label, wb.compromise(p.id)) for p in wb.paragraphs()] == shown
        assert checks.check(wb) == []
        with pytest.raises(WorkbenchError, match="disk is full"):
            editing.type_text(wb, paragraph.id, "x" * 2_000_000, "User")
        assert wb.compromise(paragraph.id) == "Agreed before the disk filled."
        # Space freed: the same connection writes again.
        wb.db.execute("PRAGMA max_page_count = 1073741823")
        import_file(rev1, wb)
        assert len(wb.paragraphs()) == len(shown) + 3
    assert checks.check_file(path) == []


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's own tmp is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="nwb-readonly-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def run_as_user(path: Path) -> subprocess.CompletedProcess[str]:
    if not hasattr(os, "setuid"):
        pytest.skip("read-only media are simulated with POSIX permissions")
    return subprocess.run(
        [sys.executable, "-c", AS_A_USER, str(path)],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=REPO,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_file_on_read_only_media_opens_read_only(shared_folder: Path, what: str) -> None:
    path = workbench_with_sample(shared_folder / "readonly.nwb")
    for side in shared_folder.iterdir():
        if side != path:
            shutil.rmtree(side) if side.is_dir() else side.unlink()
    path.chmod(0o444)
    # "file": only the file is read-only (the folder is open to the user, the lock file can be
    # made); "folder": nothing can be created beside it either (a CD, a locked share).
    shared_folder.chmod(0o777 if what == "file" else 0o555)
    before = digest(path)
    result = run_as_user(path)
    shared_folder.chmod(0o755)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("reason: "), result.stderr
    assert "read-only" in lines[0] or "cannot be written" in lines[0]
    assert lines[1] == "paragraphs: 26"
    assert lines[2] == "check: []"
    assert lines[3].startswith("write: WorkbenchError")
    assert "read-only" in lines[3]
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert digest(path) == before
