"""The window's History kept in step: built after the panes paint, and who wrote what.

A switch of paragraph paints the panes first (what the eye goes to); the History of the new
paragraph is built right after, from a timer. After an edit it follows at once. A closed
History is not kept up to date: it catches up when it opens. With the overlay on (View ▸ Who
wrote what), the compromise is coloured by stakeholder and the History shows each one's share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from ui.history_panel import overlay_spans
from workbench import provenance
from workbench.paragraph_state import ParagraphState

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class WindowHistory(QObject):
    """The History dock of one window and the overlay it drives."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.overlay = False  # the compromise coloured by who wrote it
        # A timer object (not singleShot(0), which runs before the paint) so that the history
        # of a newly selected paragraph is built after the panes have been painted.
        self._due: ParagraphState | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._show_due)

    def show_after_paint(self, state: ParagraphState) -> None:
        self._due = state
        self._timer.start()

    def show_now(self, state: ParagraphState) -> None:
        self._due = None
        self.show(state)

    def clear(self) -> None:
        self._due = None
        self._window.history_panel.show_state(None)

    def show(self, state: ParagraphState) -> None:
        window = self._window
        if window.history_dock.isVisible() or not window.isVisible():
            window.history_panel.show_state(state)
        if self.overlay:
            spans = provenance.spans(state.edits)
            window.merge_pane.set_overlay(overlay_spans(spans, window))
            window.history_panel.show_shares(spans, dict(state.names))

    def _show_due(self) -> None:
        due, self._due = self._due, None
        if due is not None and due.paragraph_id == self._window.controller.current_paragraph:
            self.show(due)

    def history_shown(self, visible: bool) -> None:
        state = self._window.controller.state
        if visible and state is not None:
            self._due = None
            self._window.history_panel.show_state(state)

    def toggle_overlay_action(self, checked: bool) -> None:
        self._window.history_panel.overlay_box.setChecked(checked)

    def set_overlay(self, on: bool) -> None:
        window = self._window
        self.overlay = on
        window.overlay_action.setChecked(on)
        if on and window.controller.state is not None:
            self.show(window.controller.state)
        elif not on:
            window.merge_pane.set_overlay(None)
            window.history_panel.clear_shares()
