"""Whose proposals a Word file's tracked changes make: one field per Word author, or one for all.

Shown in the Import dialog when the file has tracked changes (or a manual redline): each Word
user name with how many changes it made, and the stakeholder its changes are proposed by (its
own name unless changed; the file's stakeholders are suggested). "Everything as one
stakeholder" puts every change in one proposal of the name given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.name_completion import suggest_names
from workbench.importing.authors import REDLINE_AUTHOR, AuthorMap
from workbench.wording import counted


class AuthorMapping(QGroupBox):
    """The Word authors of a file and the stakeholder each one's changes go to."""

    def __init__(
        self,
        authors: Sequence[tuple[str, int]],
        existing: Sequence[str],
        on_change: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Tracked changes: whose proposals they are", parent)
        self._existing = list(existing)
        self._on_change = on_change
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        explanation = QLabel(
            "Nothing is accepted: the draft is the text with every change rejected, and each "
            "author's changes are a proposal of theirs, pending in the merge pane."
        )
        explanation.setWordWrap(True)
        form.addRow(explanation)
        for author, count in authors:
            redline = author == REDLINE_AUTHOR
            shown = "manual redline (struck and underlined words)" if redline else author
            edit = self._field("" if redline else author)
            edit.setPlaceholderText("who sent this copy?" if redline else author)
            edit.setAccessibleName(f"Stakeholder for {shown}")
            self.edits[author] = edit
            form.addRow(f"{shown} ({counted(count, 'change')}):", edit)
        self.as_one = QCheckBox("Everything as one stakeholder:")
        self.one_name = self._field("")
        self.one_name.setPlaceholderText("the stakeholder all the changes are from")
        self.one_name.setAccessibleName("One stakeholder for every change")
        self.one_name.setEnabled(False)
        self.as_one.toggled.connect(self._as_one_toggled)
        form.addRow(self.as_one, self.one_name)

    def _field(self, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        suggest_names(edit, self._existing)
        edit.textChanged.connect(lambda _text: self._on_change())
        return edit

    def _as_one_toggled(self, checked: bool) -> None:
        self.one_name.setEnabled(checked)
        for edit in self.edits.values():
            edit.setEnabled(not checked)
        self._on_change()

    def names(self) -> list[str]:
        """The stakeholder names typed (for the near-duplicate warning)."""
        if self.as_one.isChecked():
            return [self.one_name.text().strip()]
        return [edit.text().strip() for edit in self.edits.values()]

    def missing(self) -> bool:
        """ "Everything as one" chosen with no name given."""
        return self.as_one.isChecked() and not self.one_name.text().strip()

    def author_map(self) -> AuthorMap:
        if self.as_one.isChecked() and self.one_name.text().strip():
            return AuthorMap(everyone=self.one_name.text().strip())
        names = tuple(
            (author, edit.text().strip())
            for author, edit in self.edits.items()
            if edit.text().strip()
        )
        return AuthorMap(names)
