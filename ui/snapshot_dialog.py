"""The Restore snapshot dialog: the copies taken before each import, newest first; pick one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.snapshots import Snapshot


def describe(snapshot: Snapshot) -> str:
    """ "12 May 2025 14:03 — before import of tunis.docx", in local time."""
    taken = datetime.fromisoformat(snapshot.taken_at.replace("Z", "+00:00")).astimezone()
    return f"{taken:%d %b %Y %H:%M:%S}  —  {snapshot.description}"


class SnapshotDialog(QDialog):
    """`chosen()` is the snapshot to restore once the dialog is accepted."""

    def __init__(self, snapshots: list[Snapshot], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore a snapshot")
        explanation = QLabel(
            "A snapshot of the whole file is taken before every import and every restore. "
            "Restoring one brings the file back to that moment; the current state is kept as "
            "a snapshot first, so a restore can be undone too."
        )
        explanation.setWordWrap(True)
        self.snapshot_list = QListWidget()
        self.snapshot_list.setAccessibleName("Snapshots")
        for snapshot in reversed(snapshots):
            item = QListWidgetItem(describe(snapshot))
            item.setData(Qt.ItemDataRole.UserRole, snapshot)
            item.setToolTip(str(snapshot.path))
            self.snapshot_list.addItem(item)
        self.snapshot_list.setCurrentRow(0)
        self.snapshot_list.itemDoubleClicked.connect(self.accept)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setEnabled(bool(snapshots))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.snapshot_list, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> Snapshot | None:
        item = self.snapshot_list.currentItem()
        if item is None:
            return None
        snapshot: Snapshot = item.data(Qt.ItemDataRole.UserRole)
        return snapshot
