"""One writer per file: a second opener (window or command line) gets read-only and is told why;
a crashed writer's lock does not lock anyone out; no "database is locked" traceback, ever."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_helpers import REPO, child_env, run_cli, workbench_with_sample

from workbench import checks, editing
from workbench.errors import WorkbenchError
from workbench.storage import WorkbenchFile

HOLD_THE_LOCK = """
import sys, time
from workbench.storage import WorkbenchFile
wb = WorkbenchFile.open(sys.argv[1])
assert not wb.read_only
with wb.transaction():
    wb.set_meta("held_by", "child")
print("holding", flush=True)
time.sleep(600)
"""


def test_the_command_line_cannot_write_a_file_open_in_a_window(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "shared.nwb")
    with WorkbenchFile.open(path) as window:
        paragraph = window.paragraph_by_label("39")
        assert paragraph is not None
        editing.type_text(window, paragraph.id, "The window's words.", "Window")
        refused = run_cli("edit", path, "39", "--text", "The command line's words.")
        assert refused.returncode == 2
        assert refused.stderr.count("\n") == 1
        assert "open for writing in another program (pid" in refused.stderr
        for noise in ("Traceback", "database is locked"):
            assert noise not in refused.stderr
        # Reading alongside the writer works and sees what it committed.
        dumped = run_cli("dump", path)
        assert dumped.returncode == 0
        assert "The window's words." in dumped.stdout
        assert run_cli("check", path).stdout == "ok\n"
        editing.type_text(window, paragraph.id, "The window goes on.", "Window")
    with WorkbenchFile.open(path) as wb:
        assert wb.compromise(paragraph.id) == "The window goes on."


def test_a_second_window_is_read_only_and_says_why(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "two.nwb")
    with WorkbenchFile.open(path) as first, WorkbenchFile.open(path) as second:
        assert not first.read_only
        assert second.read_only
        assert "open for writing in another program" in (second.read_only_reason or "")
        paragraph = first.paragraphs()[0]
        editing.type_text(first, paragraph.id, "First window.", "One")
        assert second.compromise(paragraph.id) == "First window."
        with pytest.raises(WorkbenchError, match="is read-only"):
            editing.type_text(second, paragraph.id, "Second window.", "Two")
    with WorkbenchFile.open(path) as after:
        assert not after.read_only  # both closed: the next opener writes


def test_a_crashed_writer_does_not_lock_the_user_out(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "crashed.nwb")
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "holding"
        with WorkbenchFile.open(path) as meanwhile:
            assert meanwhile.read_only
        child.send_signal(signal.SIGKILL)
        child.wait(60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(60)
        if child.stdout is not None:
            child.stdout.close()
    with WorkbenchFile.open(path) as wb:
        assert not wb.read_only
        assert wb.get_meta("held_by") == "child"
        editing.type_text(wb, wb.paragraphs()[0].id, "After the crash.", "User")
    assert checks.check_file(path) == []


def test_a_foreign_program_holding_sqlite_busy_gives_a_clear_message(tmp_path: Path) -> None:
    """Not our lock but SQLite's (e.g. a database browser mid-write): told, not a traceback."""
    path = workbench_with_sample(tmp_path / "browser.nwb")
    with WorkbenchFile.open(path) as wb:
        paragraph = wb.paragraphs()[0]
        before = wb.compromise(paragraph.id)
        browser = sqlite3.connect(path, timeout=0)
        browser.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(WorkbenchError, match="busy in another program") as caught:
                editing.type_text(wb, paragraph.id, "Blocked words.", "User")
            assert "\n" not in str(caught.value)
        finally:
            browser.rollback()
            browser.close()
        assert wb.compromise(paragraph.id) == before
        editing.type_text(wb, paragraph.id, "Now it goes through.", "User")
        assert wb.compromise(paragraph.id) == "Now it goes through."
