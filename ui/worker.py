"""Long domain calls (import, export, restore) on a worker thread, behind a cancellable progress.

The job is a plain function `job(progress, cancelled)` that must open its own SQLite connection
(connections belong to one thread). Its result, its WorkbenchError or its cancellation come back
on the UI thread as signals; the window keeps painting, while its keyboard and mouse input wait
until the job is over, so nothing writes through the UI's connection meanwhile.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from workbench.errors import OperationCancelled, WorkbenchError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Job = Callable[[Progress, Cancelled], Any]

# Short jobs finish before a dialog would flash on screen.
SHOW_AFTER_MS = 300
_STEPS = 1000  # progress is reported in thousandths: thousands of rows, a few hundred signals

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.DragEnter,
        QEvent.Type.Drop,
        QEvent.Type.ContextMenu,
    }
)


class _JobRunner(QObject):
    """Lives on the worker thread; only emits, never touches a widget."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal(str)

    def __init__(self, job: Job, cancel_requested: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._cancel_requested = cancel_requested
        self._last_step = -1

    def _progress(self, done: int, total: int) -> None:
        step = done * _STEPS // max(total, 1)
        if step != self._last_step:
            self._last_step = step
            self.progressed.emit(step, _STEPS)

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self._progress, self._cancel_requested.is_set)
        except OperationCancelled as cancelled:
            self.was_cancelled.emit(str(cancelled))
        except WorkbenchError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug: say so rather than let the thread die silently
            traceback.print_exc()
            self.failed.emit(f"unexpected error ({type(error).__name__}: {error})")
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """One job on its own QThread with a window-modal QProgressDialog; start() once."""

    succeeded = Signal(object)  # the job's return value
    failed = Signal(str)  # a WorkbenchError's one line
    cancelled = Signal(str)  # the cancellation's one line
    finished = Signal()  # after any of the three

    def __init__(self, parent: QWidget, label: str, job: Job, *, cancellable: bool = True) -> None:
        super().__init__(parent)
        self._parent_widget = parent
        self._cancel_requested = threading.Event()
        self._running = False
        self.dialog = QProgressDialog(label, "Cancel", 0, _STEPS, parent)
        self.dialog.setWindowTitle("Working…")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setMinimumWidth(420)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        if cancellable:
            self.dialog.canceled.connect(self.cancel)
        else:
            self.dialog.setCancelButton(None)
        self._thread = QThread()
        self._runner = _JobRunner(job, self._cancel_requested)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._thread.finished.connect(self._runner.deleteLater)
        # Bound methods of this UI-thread object: Qt queues these calls onto the UI thread.
        self._runner.progressed.connect(self._on_progress)
        self._runner.succeeded.connect(self._on_succeeded)
        self._runner.failed.connect(self._on_failed)
        self._runner.was_cancelled.connect(self._on_cancelled)

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.dialog.setValue(0)
        self._thread.start()

    @Slot()
    def cancel(self) -> None:
        """Asks the job to stop at its next check; it reports back through `cancelled`."""
        if self._running:
            self._cancel_requested.set()
            self.dialog.setLabelText("Cancelling…")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Until the progress dialog shows (and makes the window modal), keep the user's input
        # away from the window so no edit is written while the job holds the write transaction.
        if (
            self._running
            and event.type() in _INPUT_EVENTS
            and isinstance(watched, QWidget)
            and watched.window() is self._parent_widget.window()
        ):
            return True
        return super().eventFilter(watched, event)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._running and not self._cancel_requested.is_set():
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def _end(self) -> None:
        self._running = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        QApplication.restoreOverrideCursor()
        self._thread.quit()
        self._thread.wait()
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._end()
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)
        self.finished.emit()

    @Slot(str)
    def _on_cancelled(self, message: str) -> None:
        self._end()
        self.cancelled.emit(message)
        self.finished.emit()
