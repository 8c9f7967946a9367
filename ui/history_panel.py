"""The history panel: every action on a paragraph, the diff between any two, who wrote what.

Every edit of the paragraph's log is a row, whatever its kind: starting text, accepts (naming
the changes: "accepted GC 2"), rejects, restores, typing, undo and redo (saying what they undid
or redid), status changes. An action undone since is greyed and struck through. Selecting one
row shows the compromise as it stood after it; two rows, what changed between them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.redline import stakeholder_colour, stakeholder_tint, write_redline
from workbench import history, provenance
from workbench.model import EditKind
from workbench.paragraph_state import ParagraphState

_UNDONE = QColor("#8a8a8a")


def local_time(at: str) -> str:
    """ISO UTC as the negotiator's own clock reads it, to the minute."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return moment.astimezone().strftime("%d %b %H:%M")


class HistoryPanel(QWidget):
    """Select one version to read it, two to see what changed between them."""

    overlay_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions_view = QTreeWidget()
        self.versions_view.setAccessibleName("Every action on the paragraph")
        self.versions_view.setHeaderLabels(["#", "What", "Who", "When"])
        self.versions_view.setRootIsDecorated(False)
        self.versions_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.versions_view.itemSelectionChanged.connect(self._compare)
        self.versions_view.setToolTip("Select two rows (Ctrl+click) to see what changed")
        self.versions_view.setUniformRowHeights(True)
        self.versions_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Fixed widths (no re-measuring per paragraph); "From" takes what is left, so the
        # time is never cut off however narrow the dock.
        header = self.versions_view.header()
        header.setStretchLastSection(False)
        for column, width in ((0, 26), (2, 64), (3, 86)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.versions_view.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.compare_label = QLabel("Select two rows to compare the texts after them.")
        self.compare_label.setWordWrap(True)
        self.diff_view = QTextEdit()
        self.diff_view.setReadOnly(True)
        self.diff_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.diff_view.setAccessibleName("Difference between the selected versions")
        self.overlay_box = QCheckBox("Colour the compromise by who wrote it")
        self.overlay_box.toggled.connect(self.overlay_toggled)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.versions_view, 3)
        layout.addWidget(self.compare_label)
        layout.addWidget(self.diff_view, 2)
        layout.addWidget(self.overlay_box)
        layout.addWidget(self.legend)
        self.versions: list[history.Entry] = []

    def show_state(self, state: ParagraphState | None) -> None:
        """Every action on the paragraph (none without one)."""
        self.versions = state.entries() if state is not None else []
        self.versions_view.blockSignals(True)
        self.versions_view.clear()
        for entry in self.versions:
            item = QTreeWidgetItem([str(entry.seq), entry.what, entry.author, local_time(entry.at)])
            item.setToolTip(1, f"{entry.what}\n\n{entry.text}")
            if not entry.in_force:
                font = QFont(item.font(1))
                font.setStrikeOut(True)
                item.setFont(1, font)
                for column in range(4):
                    item.setForeground(column, _UNDONE)
                item.setToolTip(1, f"{entry.what} (undone since)\n\n{entry.text}")
            elif entry.stakeholder_id is not None and entry.kind is EditKind.ACCEPT:
                item.setForeground(1, stakeholder_colour(entry.stakeholder_id, self.palette()))
            self.versions_view.addTopLevelItem(item)
        self.versions_view.blockSignals(False)
        self.diff_view.clear()
        if len(self.versions) >= 2:  # what the last action changed: the usual question
            self.select_versions(len(self.versions) - 1, len(self.versions))
        elif self.versions:
            self.compare_label.setText("Only the starting text so far.")
        else:
            self.compare_label.setText("")

    def select_versions(self, first: int, second: int) -> None:
        """Select rows by number (1-based), which shows their diff."""
        self.versions_view.blockSignals(True)
        self.versions_view.clearSelection()
        for number in (first, second):
            item = self.versions_view.topLevelItem(number - 1)
            if item is not None:
                item.setSelected(True)
        self.versions_view.blockSignals(False)
        self._compare()

    def _compare(self) -> None:
        rows = sorted(
            self.versions_view.indexOfTopLevelItem(item)
            for item in self.versions_view.selectedItems()
        )
        if not rows:
            return
        newer = self.versions[rows[-1]]
        if len(rows) == 1:
            self.compare_label.setText(f"After #{newer.seq} ({newer.what}):")
            self.diff_view.setPlainText(newer.text)
            return
        older = self.versions[rows[0]]
        self.compare_label.setText(
            f"From #{older.seq} to #{newer.seq}: struck = removed, underlined = added"
        )
        colour = stakeholder_colour(newer.stakeholder_id, self.palette())
        write_redline(self.diff_view, older.text, newer.text, colour)

    def show_shares(self, spans: Sequence[provenance.OwnedSpan], names: Mapping[int, str]) -> None:
        """The legend of the overlay: each owner's colour and share of the words in %."""
        shares = provenance.shares(spans, names)
        owner_ids: dict[str, int | None] = {}
        for span in spans:
            owner_ids.setdefault(span.label(names), span.stakeholder_id)
        parts = []
        for label, share in shares.items():
            stakeholder_id = owner_ids.get(label)
            colour = stakeholder_colour(stakeholder_id, self.palette()).name()
            tint = stakeholder_tint(stakeholder_id, self.palette()).name()
            parts.append(
                f'<span style="background:{tint}; color:{colour};">&nbsp;■&nbsp;'
                f"{html.escape(label)}&nbsp;</span>&nbsp;{share:.0f}%"
            )
        self.legend.setText("&nbsp;&nbsp; ".join(parts) if parts else "")

    def clear_shares(self) -> None:
        self.legend.setText("")


def overlay_spans(
    spans: Sequence[provenance.OwnedSpan], widget: QWidget
) -> list[tuple[str, QColor, QColor | None]]:
    """Provenance spans as coloured text for the merge pane's overlay."""
    palette = widget.palette()
    return [
        (
            span.text,
            stakeholder_colour(span.stakeholder_id, palette),
            stakeholder_tint(span.stakeholder_id, palette),
        )
        for span in spans
    ]
