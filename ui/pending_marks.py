"""Counting each paragraph's open changes in idle time, rows on screen first.

A count needs each proposal's changes against its base (about a millisecond a paragraph), 5 s
for 5,000 paragraphs: too slow for start-up, too slow to do while painting. A zero-interval
timer works through the queue in slices of a few milliseconds on the UI thread, so the window
stays responsive, there is no second SQLite connection to keep in step, and a paragraph switch
never waits for more than one slice. Rows the view asks for jump the queue.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from ui.paragraph_tree_model import ParagraphTreeModel
from ui.workbench_controller import WorkbenchController

SLICE_SECONDS = 0.004


class PendingMarkLoader(QObject):
    """Fills `ParagraphTreeModel` pending marks; `count_now` for one paragraph on demand."""

    finished = Signal()  # every paragraph has its count

    def __init__(
        self, controller: WorkbenchController, model: ParagraphTreeModel, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._model = model
        self._queue: deque[int] = deque()
        self._wanted: deque[int] = deque()
        self._done: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)
        model.pending_wanted.connect(self._want)

    def restart(self) -> None:
        """A new or rebuilt document: count everything again, in document order."""
        self._queue = deque(self._model.paragraph_ids())
        self._wanted.clear()
        self._done.clear()
        if self._queue:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def done(self) -> bool:
        return not self._queue and not self._wanted

    def count_now(self, paragraph_id: int) -> int:
        """Count one paragraph at once and record it."""
        state = self._controller.paragraph_state(paragraph_id)
        if state is None:
            return 0
        self._done.add(paragraph_id)
        self._model.set_pending(paragraph_id, state.open_count)
        return state.open_count

    def counted(self, paragraph_id: int) -> None:
        """The paragraph's count is known already (its state was just computed)."""
        self._done.add(paragraph_id)

    def finish_all(self) -> None:
        """Count whatever is left now (the user asked to filter on pending changes)."""
        while self._wanted or self._queue:
            self._step()
        if self._timer.isActive():
            self._timer.stop()
            self.finished.emit()

    def _want(self, paragraph_id: int) -> None:
        if paragraph_id not in self._done:
            self._wanted.append(paragraph_id)
            if not self._timer.isActive():
                self._timer.start()

    def _step(self) -> None:
        source = self._wanted if self._wanted else self._queue
        paragraph_id = source.popleft()
        if paragraph_id not in self._done:
            self.count_now(paragraph_id)

    def _work(self) -> None:
        if self._controller.wb is None:
            self._timer.stop()
            return
        deadline = time.perf_counter() + SLICE_SECONDS
        while (self._wanted or self._queue) and time.perf_counter() < deadline:
            self._step()
        if not self._wanted and not self._queue:
            self._timer.stop()
            self.finished.emit()
