"""A write that cannot land (a full disk) rolls back with one clear line and leaves no partial
file; read-only media open read-only.

The full disk is a real one: a tmpfs of 1 MB mounted for the test and filled with a file
(mounting needs root, as here and in CI; elsewhere these tests are skipped, saying why). Tests
run as root, where chmod stops nothing: the read-only cases run in a child that drops to an
unprivileged user before it opens the file, as a real user's program would."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot
from reliability_helpers import (
    SAMPLE_DOCX,
    assert_one_line_error,
    digest,
    document_state,
    fill_disk,
    free_kb,
    make_rev1,
    run_cli,
    run_python,
    small_disk,
    workbench_with_sample,
)

from ui.file_actions import FileActions
from ui.workbench_controller import WorkbenchController
from workbench import checks, snapshots
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


SMALL_DISK_KB = 1024


def files_on(folder: Path) -> set[str]:
    """What is on the disk, the filler and pytest's own files aside."""
    return {p.name for p in folder.iterdir() if p.name != "filler.bin"}


def test_a_full_disk_when_opening_and_writing_is_one_line_and_changes_nothing(
    tmp_path: Path,
) -> None:
    """Disk full to the last byte: the lock file, SQLite's -shm and the write all fail."""
    with small_disk(SMALL_DISK_KB) as disk:
        path = workbench_with_sample(disk / "tunis.nwb")
        before = digest(path)
        filler = fill_disk(disk)
        assert free_kb(disk) == 0
        refused = run_cli("edit", path, "39", "--text", "No room for this.")
        assert_one_line_error(refused, str(path), "disk is full")
        assert digest(path) == before
        assert not (files_on(disk) - {"tunis.nwb", "tunis.nwb-wal", "tunis.nwb-shm"})
        filler.unlink()
        assert run_cli("edit", path, "39", "--text", "Room again.").returncode == 0
        assert checks.check_file(path) == []


def test_a_full_disk_during_the_transaction_rolls_it_back_with_one_line(tmp_path: Path) -> None:
    with small_disk(SMALL_DISK_KB) as disk:
        path = disk / "empty.nwb"
        WorkbenchFile.create(path).close()  # empty: an import takes no snapshot first
        fill_disk(disk, leave_kb=48)
        before = digest(path)
        refused = run_cli("import", SAMPLE_DOCX, "--into", path)
        assert_one_line_error(refused, str(path), "disk is full", "nothing was changed")
        assert digest(path) == before
        assert checks.check_file(path) == []
        with WorkbenchFile.open(path, read_only=True) as wb:
            assert wb.paragraphs() == []


def test_a_snapshot_that_cannot_fit_stops_the_import_and_leaves_no_partial(tmp_path: Path) -> None:
    with small_disk(SMALL_DISK_KB) as disk:
        path = workbench_with_sample(disk / "tunis.nwb")
        rev1 = make_rev1(tmp_path / "rev1.docx")
        with WorkbenchFile.open(path, read_only=True) as wb:
            shown = document_state(wb)
        fill_disk(disk, leave_kb=100)  # less than the 200 KB a copy of the file needs
        refused = run_cli("import", rev1, "--into", path)
        assert_one_line_error(refused, "no snapshot could be saved", "disk is full")
        folder = snapshots.folder(path)
        assert not folder.exists()
        with WorkbenchFile.open(path, read_only=True) as wb:
            assert document_state(wb) == shown
        assert checks.check_file(path) == []


def test_a_full_disk_during_an_export_leaves_no_partial_file(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    with small_disk(SMALL_DISK_KB) as disk:
        out = disk / "tunis.docx"
        out.write_bytes(b"the export sent last week")
        fill_disk(disk, leave_kb=8)
        refused = run_cli("export", path, "--to", out)
        assert_one_line_error(refused, str(out), "disk is full")
        assert "Exception ignored" not in refused.stderr
        assert out.read_bytes() == b"the export sent last week"
        assert files_on(disk) == {"tunis.docx"}


def test_a_full_disk_during_an_import_into_a_new_file_leaves_nothing(tmp_path: Path) -> None:
    with small_disk(SMALL_DISK_KB) as disk:
        fill_disk(disk, leave_kb=100)
        target = disk / "tunis.nwb"
        refused = run_cli("import", SAMPLE_DOCX, "--into", target)
        assert_one_line_error(refused, "disk is full")
        assert files_on(disk) == set()


def test_read_only_media_with_unsaved_changes_in_the_wal_say_what_to_do(tmp_path: Path) -> None:
    """A stick mounted read-only holding the file and its -wal (its -shm was not copied)."""
    with small_disk(2048) as disk:
        path = workbench_with_sample(disk / "tunis.nwb")
        killed = run_python(WRITE_THEN_DIE, path)
        assert killed.returncode == -9, killed.stderr
        assert (disk / "tunis.nwb-wal").stat().st_size > 0
        (disk / "tunis.nwb-shm").unlink()
        remounted = subprocess.run(
            ["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True, check=False
        )
        if remounted.returncode != 0:
            pytest.skip(f"cannot remount read-only here ({remounted.stderr.strip()})")
        for command in (("info", path), ("check", path), ("edit", path, "39", "--text", "x")):
            refused = run_cli(*command)
            assert_one_line_error(refused, "tunis.nwb-wal", "copy tunis.nwb and tunis.nwb-wal")
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=False)
        assert run_cli("dump", path).stdout.count("Only in the WAL.") == 1


WRITE_THEN_DIE = """
import os, signal, sys
from workbench import editing
from workbench.storage import WorkbenchFile
wb = WorkbenchFile.open(sys.argv[1])
editing.type_text(wb, wb.paragraph_by_label("39").id, "Only in the WAL.", "User")
os.kill(os.getpid(), signal.SIGKILL)
"""


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
    return run_python(AS_A_USER, path)


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


def test_the_window_on_a_full_disk_shows_a_message_not_a_traceback(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    controller = WorkbenchController("Test Delegate")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    actions = FileActions(window, controller, settings)
    with small_disk(SMALL_DISK_KB) as disk:
        path = workbench_with_sample(disk / "tunis.nwb")
        filler = fill_disk(disk)
        with qtbot.waitSignal(actions.message_shown) as shown:
            assert not actions.open_workbench(path)  # SQLite cannot even make its -shm
        assert "disk is full" in shown.args[0]
        filler.unlink()
        assert actions.open_workbench(path)
        wb = controller.wb
        assert wb is not None
        assert not wb.read_only
        paragraph = wb.paragraph_by_label("39")
        assert paragraph is not None
        fill_disk(disk)
        with qtbot.waitSignal(controller.error) as error:
            assert controller.type_text(paragraph.id, "x" * 400_000) is None
        assert "disk is full" in error.args[0]
        assert "\n" not in error.args[0]
        assert wb.compromise(paragraph.id) != "x" * 400_000
        controller.close()
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox):
                box.close()
