"""A line on stdout once the window answers keys, for measuring what a user waits for at start.

With WORKBENCH_STARTUP_MARKER set, the application prints `WORKBENCH_READY` once the window
is visible with its file open, the paragraph tree has rows, and the event loop has gone idle
(a zero-interval timer runs only when no events wait): the first moment a key would be
handled. `bench.startup` launches `python main.py` or `make run` and times the process up to
that line. With the value `quit` the window then closes as if the user closed it, so that the
process ends cleanly; any other value leaves it open. Unset, nothing is watched.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow

ENVIRONMENT_VARIABLE = "WORKBENCH_STARTUP_MARKER"
MARKER = "WORKBENCH_READY"


def is_interactive(window: MainWindow) -> bool:
    """Shown, a file open, and its paragraph tree filled: what the first key press acts on."""
    return (
        window.isVisible()
        and window.controller.wb is not None
        and window.tree_view.model().rowCount() > 0
    )


class StartupMarker(QObject):
    """Polls at every idle turn of the event loop until the window is interactive."""

    def __init__(self, window: MainWindow, *, quit_after: bool) -> None:
        super().__init__(window)
        self._window = window
        self._quit_after = quit_after
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _check(self) -> None:
        if not is_interactive(self._window):
            return
        self._timer.stop()
        print(MARKER, flush=True)
        if self._quit_after:
            self._window.close()
            QApplication.quit()


def watch_if_asked(window: MainWindow) -> StartupMarker | None:
    """Start watching `window` when WORKBENCH_STARTUP_MARKER asks for it."""
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return None
    return StartupMarker(window, quit_after=value == "quit")
