"""The list of a paragraph's changes: every change by its id, open ones first, decided greyed.

Ids never change ("GC 2" stays "GC 2" whatever is decided around it), so the list is rebuilt
from the paragraph's state after every edit and the current change is found again by its id.
A compilation gives a paragraph a hundred changes and more: the list is a view on a model whose
rows are described only when shown, so a switch costs the same for 5 changes or 200. A right
click offers what can be done with the change in its state.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QListView, QMenu, QWidget

from ui.change_marks import CONFLICT_COLOUR, DECIDED_COLOUR, describe
from ui.redline import stakeholder_colour
from ui.scroll_bars import flatten
from workbench.model import ChangeState
from workbench.paragraph_state import Change

ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, ID_ROLE})
# A row is one line of a narrow column: quotes this long, one other change named in a note
# ("rival of AM 1830 1 and 3 more"); the tooltip has the whole of both.
ROW_QUOTE = 32
ROW_NAMED = 1
AnyIndex = QModelIndex | QPersistentModelIndex
NOTHING = "No proposal changes this paragraph."


class ChangeListModel(QAbstractListModel):
    """The changes as rows; a row's words are made the first time the view asks for them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changes: list[Change] = []
        self.empty_text = ""  # shown as the only row when there is no change
        self._palette = QPalette()
        self._words: dict[int, str] = {}

    def set_changes(self, changes: Sequence[Change], palette: QPalette, empty_text: str) -> None:
        self.beginResetModel()
        self.changes = list(changes)
        self.empty_text = empty_text
        self._palette = palette
        self._words = {}
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.changes) or (1 if self.empty_text else 0)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        # Asked many times a paint: plain int roles, the unanswered ones first out.
        if role not in _ANSWERED or not index.isValid():
            return None
        row = index.row()
        if not self.changes:
            return self.empty_text if role == _DISPLAY else None
        change = self.changes[row]
        if role == ID_ROLE:
            return change.id
        if role == _DISPLAY:
            return self._described(row)
        if role == _TOOLTIP:  # the whole of it, asked for only when the mouse rests there
            words = describe(change, limit=400)
            return words + "\nproposed by " + ", ".join(change.stakeholders)
        if role == _FOREGROUND:
            return _colour(change, self._palette)
        return None

    def _described(self, row: int) -> str:
        words = self._words.get(row)
        if words is None:
            # Short: eliding a long line costs every paint; the tooltip has it all.
            words = self._words[row] = describe(self.changes[row], limit=ROW_QUOTE, named=ROW_NAMED)
        return words


class ChangeList(QListView):
    """Shows changes; `chosen` when the user picks one, `action` from its context menu."""

    chosen = Signal(str)  # change id
    action = Signal(str, str)  # what ("accept", "reject", "restore", "edit"), change id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Changes proposed to this paragraph")
        self.list_model = ChangeListModel(self)
        self.setModel(self.list_model)
        flatten(self.verticalScrollBar())
        self.setUniformItemSizes(True)  # one line each (full text in the tooltip)
        # Cut at the end: the id, its state and what it does read first, the notes last.
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.selectionModel().currentChanged.connect(self._on_current)
        self.read_only = False
        self._quiet = False

    @property
    def changes(self) -> list[Change]:
        return self.list_model.changes

    def show_changes(
        self, changes: Sequence[Change], current: str, palette: QPalette, *, paragraph: bool
    ) -> None:
        """List `changes`; with none, say so when a paragraph is shown (`paragraph`)."""
        self._quiet = True
        self.list_model.set_changes(changes, palette, NOTHING if paragraph else "")
        self._quiet = False
        self.select(current)

    def select(self, change_id: str) -> None:
        row = next((i for i, c in enumerate(self.changes) if c.id == change_id), -1)
        index = self.list_model.index(row, 0) if row >= 0 else QModelIndex()
        if index != self.currentIndex():
            self._quiet = True
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self._quiet = False
        if index.isValid():
            self.scrollTo(index)

    # what the tests and the window read -------------------------------------------------------
    def count(self) -> int:
        return self.list_model.rowCount()

    def text(self, row: int) -> str:
        return str(self.list_model.data(self.list_model.index(row, 0), _DISPLAY))

    def tooltip(self, row: int) -> str:
        return str(self.list_model.data(self.list_model.index(row, 0), _TOOLTIP))

    def ids(self) -> list[str]:
        return [c.id for c in self.changes]

    # events ----------------------------------------------------------------------------------
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid() and self.changes:
            self.chosen.emit(self.changes[current.row()].id)

    def _menu(self, at: QPoint) -> None:
        index = self.indexAt(at)
        if not index.isValid() or not self.changes:
            return
        change = self.changes[index.row()]
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
