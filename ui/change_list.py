"""The list of a paragraph's changes: every change by its id, open ones first, decided greyed.

Ids never change ("GC 2" stays "GC 2" whatever is decided around it), so the list is rebuilt
from the paragraph's state after every edit and the current change is found again by its id.
A right click offers what can be done with the change in its state.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QWidget

from ui.change_marks import CONFLICT_COLOUR, DECIDED_COLOUR, describe
from ui.redline import stakeholder_colour
from ui.scroll_bars import flatten
from workbench.model import ChangeState
from workbench.paragraph_state import Change

ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1


class ChangeList(QListWidget):
    """Shows changes; `chosen` when the user picks one, `action` from its context menu."""

    chosen = Signal(str)  # change id
    action = Signal(str, str)  # what ("accept", "reject", "restore", "edit"), change id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Changes proposed to this paragraph")
        flatten(self.verticalScrollBar())
        self.setUniformItemSizes(True)  # one line each (full text in the tooltip)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.currentItemChanged.connect(self._on_current)
        self.changes: list[Change] = []
        self.read_only = False

    def show_changes(
        self, changes: Sequence[Change], current: str, palette: QPalette, *, paragraph: bool
    ) -> None:
        """List `changes`; with none, say so when a paragraph is shown (`paragraph`)."""
        self.blockSignals(True)
        self.clear()
        self.changes = list(changes)
        for change in self.changes:
            item = QListWidgetItem(describe(change))
            item.setData(ID_ROLE, change.id)
            item.setForeground(_colour(change, palette))
            item.setToolTip(describe(change, limit=400) + _who(change))
            self.addItem(item)
        if not self.changes and paragraph:
            self.addItem(QListWidgetItem("No proposal changes this paragraph."))
        self.select(current)
        self.blockSignals(False)

    def select(self, change_id: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(ID_ROLE) == change_id:
                if self.currentRow() != row:
                    self.blockSignals(True)
                    self.setCurrentRow(row)
                    self.blockSignals(False)
                return
        self.blockSignals(True)
        self.setCurrentRow(-1)
        self.blockSignals(False)

    def ids(self) -> list[str]:
        return [
            str(self.item(row).data(ID_ROLE))
            for row in range(self.count())
            if self.item(row).data(ID_ROLE)
        ]

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None and item.data(ID_ROLE):
            self.chosen.emit(str(item.data(ID_ROLE)))

    def _menu(self, at: QPoint) -> None:
        item = self.itemAt(at)
        change = next((c for c in self.changes if item and c.id == item.data(ID_ROLE)), None)
        if change is None:
            return
        menu = QMenu(self)
        for what, text in actions_for(change):
            chosen = menu.addAction(text)
            chosen.setEnabled(not self.read_only)
            chosen.triggered.connect(
                lambda _checked=False, w=what, c=change.id: self.action.emit(w, c)
            )
        menu.popup(self.viewport().mapToGlobal(at))


def actions_for(change: Change) -> list[tuple[str, str]]:
    """What a negotiator can do with a change as it stands, in words for a menu."""
    if change.state is ChangeState.PENDING:
        return [("accept", f"Accept {change.id}"), ("reject", f"Reject {change.id}")]
    if change.state is ChangeState.CONFLICT:
        return [
            ("accept", f"Take {change.id}'s words over the compromise's"),
            ("reject", "Keep the compromise's words (reject it)"),
            ("edit", "Edit the compromise here by hand"),
        ]
    if change.state is ChangeState.REJECTED:
        return [("restore", f"Restore {change.id} (offer it again)")]
    return [("edit", "Edit the compromise here by hand")]


def _colour(change: Change, palette: QPalette) -> QColor:
    if change.state is ChangeState.CONFLICT:
        return CONFLICT_COLOUR
    if change.is_open:
        return stakeholder_colour(change.stakeholder_id, palette)
    return DECIDED_COLOUR


def _who(change: Change) -> str:
    return "\nproposed by " + ", ".join(change.stakeholders)
