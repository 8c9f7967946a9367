"""Long work off the UI thread: progress that advances, a Cancel that reaches the domain."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QPushButton
from pytestqt.qtbot import QtBot

from ui.file_actions import FileActions
from ui.worker import BackgroundTask
from workbench import snapshots
from workbench.checks import check_file
from workbench.errors import OperationCancelled, WorkbenchError

TIMEOUT_MS = 30_000


def _run(qtbot: QtBot, job: Callable[..., object]) -> tuple[BackgroundTask, list[str]]:
    window = QMainWindow()
    qtbot.addWidget(window)
    task = BackgroundTask(window, "Working", job)
    seen: list[str] = []
    task.succeeded.connect(lambda result: seen.append(f"ok {result}"))
    task.failed.connect(lambda message: seen.append(f"failed {message}"))
    task.cancelled.connect(lambda message: seen.append(f"cancelled {message}"))
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        task.start()
    return task, seen


def test_result_comes_back_on_the_ui_thread(qtbot: QtBot) -> None:
    threads: list[threading.Thread] = []

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> int:
        threads.append(threading.current_thread())
        progress(1, 1)
        return 42

    _task, seen = _run(qtbot, job)
    assert seen == ["ok 42"]
    assert threads[0] is not threading.main_thread()


def test_workbench_error_is_delivered_as_its_one_line(qtbot: QtBot, tmp_path: Path) -> None:
    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> None:
        raise WorkbenchError(tmp_path / "x.nwb", "is damaged")

    _task, seen = _run(qtbot, job)
    assert seen == [f"failed {tmp_path / 'x.nwb'}: is damaged"]


def test_cancel_reaches_the_jobs_cancelled_callback(qtbot: QtBot) -> None:
    started = threading.Event()

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> None:
        started.set()
        while not cancelled():
            started.wait(0.01)
        raise OperationCancelled()

    window = QMainWindow()
    qtbot.addWidget(window)
    task = BackgroundTask(window, "Working", job)
    with qtbot.waitSignal(task.cancelled, timeout=TIMEOUT_MS) as blocker:
        task.start()
        qtbot.waitUntil(started.is_set)
        task.cancel()
    assert blocker.args == ["cancelled; nothing was changed"]
    assert not task.running


def test_long_import_shows_progress_and_cancel_leaves_the_file_unchanged(
    qtbot: QtBot,
    file_window: tuple[QMainWindow, FileActions],
    sample_copy: Path,
    big_table_docx: Path,
) -> None:
    _window, actions = file_window
    with qtbot.waitSignal(actions.import_finished, timeout=TIMEOUT_MS):
        actions.import_source(sample_copy, into_new_file=True)
    wb = actions.controller.wb
    assert wb is not None
    before = (len(wb.paragraphs()), [s.name for s in wb.stakeholders()])

    task = actions.import_source(big_table_docx)
    assert task is not None
    qtbot.waitUntil(lambda: task.dialog.isVisible() and task.dialog.value() > 0, timeout=TIMEOUT_MS)
    first = task.dialog.value()
    qtbot.waitUntil(lambda: task.dialog.value() > first, timeout=TIMEOUT_MS)
    # The snapshot is taken as writing begins: a cancel now must roll the transaction back.
    qtbot.waitUntil(lambda: bool(snapshots.list_snapshots(wb.path)), timeout=TIMEOUT_MS)
    cancel = task.dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(actions.status_shown, timeout=TIMEOUT_MS) as blocker:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert "cancelled" in blocker.args[0]

    assert actions.controller.wb is wb
    assert (len(wb.paragraphs()), [s.name for s in wb.stakeholders()]) == before
    assert check_file(wb.path) == []


def test_cancelled_import_into_a_new_file_leaves_no_file_behind(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], big_table_docx: Path
) -> None:
    _window, actions = file_window
    task = actions.import_source(big_table_docx, into_new_file=True)
    assert task is not None
    qtbot.waitUntil(lambda: task.dialog.value() > 0, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(task.cancelled, timeout=TIMEOUT_MS):
        task.cancel()
    assert actions.controller.wb is None
    leftovers = [p.name for p in big_table_docx.parent.iterdir() if p != big_table_docx]
    assert leftovers == []
