"""Edit > Preferences: the name the history records, and the paper exports are printed on.

The dialog only gathers the choices; `apply_preferences` stores them, and the window passes the
new name to the controller so that the next edit carries it.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui import settings as stored
from workbench.exporting import Paper


class Preferences(NamedTuple):
    name: str
    paper: Paper | None  # None: the locale's


class PreferencesDialog(QDialog):
    """Shows the current name and paper; `preferences()` holds what the user chose."""

    def __init__(self, settings: QSettings, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.name_edit = QLineEdit(name)
        self.name_edit.setAccessibleName("Your name")
        self.name_edit.setPlaceholderText("as your colleagues know you")
        self.paper_combo = QComboBox()
        self.paper_combo.setAccessibleName("Paper for exports")
        self.paper_combo.addItem(f"As the system's locale says ({stored.locale_paper().label})", "")
        for paper in Paper:
            self.paper_combo.addItem(paper.label, paper.value)
        chosen = stored.chosen_paper(settings)
        self.paper_combo.setCurrentIndex(
            self.paper_combo.findData(chosen.value if chosen is not None else "")
        )

        form = QFormLayout()
        form.addRow("Your name:", self.name_edit)
        hint = QLabel("Recorded with every edit you make, and shown in the history.")
        if os.environ.get("WORKBENCH_USER", "").strip():
            # Said, not hidden: the next start takes the variable's name again.
            hint.setText(
                hint.text() + " WORKBENCH_USER is set in the environment: it is the name the "
                "next start uses."
            )
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow("Paper for exports:", self.paper_combo)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._update_ok)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name_edit.text().strip()))  # the history needs somebody

    def preferences(self) -> Preferences:
        value = self.paper_combo.currentData()
        return Preferences(self.name_edit.text().strip(), Paper(value) if value else None)


def apply_preferences(settings: QSettings, chosen: Preferences) -> None:
    """Store the choices; they hold from the next edit and the next export on."""
    stored.set_display_name(settings, chosen.name)
    stored.set_chosen_paper(settings, chosen.paper)
