"""Name fields that suggest the stakeholders a workbench file already has."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit


def suggest_names(edit: QLineEdit, names: Sequence[str]) -> None:
    """Completes `edit` from `names`, matching anywhere in a name, whatever the case."""
    if not names:
        return
    completer = QCompleter(list(names), edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
