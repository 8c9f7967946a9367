"""Runs `main.py FILE` as a user would, and prints READY once the window is interactive.

Interactive means: the main window is visible, the workbench file is open, its paragraph tree
has rows, and the event loop has gone idle (a zero-interval timer fires only when no events are
waiting). Then the application quits. Nothing in main.py or ui/ changes: QApplication.exec is
wrapped from here, before main.py runs.

    python -m bench.cold_start_probe FILE.nwb
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

MAIN = Path(__file__).resolve().parents[1] / "main.py"
_exec = QApplication.exec


def _is_ready(widget: object) -> bool:
    controller = getattr(widget, "controller", None)
    tree_view = getattr(widget, "tree_view", None)
    if controller is None or tree_view is None or getattr(controller, "wb", None) is None:
        return False
    model = tree_view.model()
    return bool(getattr(widget, "isVisible", lambda: False)()) and model.rowCount() > 0


def _exec_until_ready(*_app: object) -> int:
    timer = QTimer()
    timer.setInterval(0)

    def check() -> None:
        if any(_is_ready(widget) for widget in QApplication.topLevelWidgets()):
            timer.stop()
            print("READY", flush=True)
            QApplication.quit()

    timer.timeout.connect(check)
    timer.start()
    return int(_exec())  # static in PySide6: no instance argument


def main() -> None:
    QApplication.exec = _exec_until_ready  # type: ignore[method-assign,assignment]
    sys.argv = [str(MAIN), *sys.argv[1:]]
    runpy.run_path(str(MAIN), run_name="__main__")


if __name__ == "__main__":
    main()
