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

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.fitting import FittedLabel
from ui.redline import stakeholder_colour, stakeholder_tint, write_redline
from workbench import history, provenance
from workbench.model import EditKind
from workbench.paragraph_state import ParagraphState

_UNDONE = QColor("#8a8a8a")
COMPARE_HINT = (
    "Click a version to read the text after it; Ctrl+click a second one, or right-click "
    "and Compare with…, to see what changed between the two"
)
# The widest times the "When" column shows, one a month (names differ in width).
_SAMPLE_TIMES = tuple(
    datetime(2026, month, 28, 23, 58).strftime("%d %b %H:%M") for month in range(1, 13)
)


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
        self.versions_view.setToolTip(COMPARE_HINT)
        self.versions_view.setUniformRowHeights(True)
        self.versions_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.versions_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.versions_view.customContextMenuRequested.connect(self._menu)
        # "#", "Who" and "When" as wide as their words in this font ("Who" follows the names
        # of the paragraph shown); "What" takes what is left, its whole text in the tooltip.
        header = self.versions_view.header()
        header.setStretchLastSection(False)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.versions_view.setColumnWidth(0, self._cell_width("999", "#"))
        self.versions_view.setColumnWidth(3, self._cell_width(*_SAMPLE_TIMES, "When"))
        self.versions_view.setColumnWidth(2, self._cell_width("Who"))
        # How to compare two versions, said where they are listed (not only Ctrl+click).
        self.hint = FittedLabel(
            "Click a version to read it. To see what changed between two: Ctrl+click a "
            "second one, or right-click ▸ Compare with…",
            "Click: read a version. Ctrl+click or right-click: compare two.",
            "Right-click a version to compare it",
        )
        self.hint.setObjectName("history_hint")
        self.hint.setWordWrap(True)
        self.hint.setFixedHeight(2 * self.hint.fontMetrics().lineSpacing() + 2)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.compare_label = QLabel("")
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
        layout.addWidget(self.hint)
        layout.addWidget(self.versions_view, 3)
        layout.addWidget(self.compare_label)
        layout.addWidget(self.diff_view, 2)
        layout.addWidget(self.overlay_box)
        layout.addWidget(self.legend)
        self.versions: list[history.Entry] = []
        self.setMinimumWidth(self.minimum_width())

    def _cell_width(self, *texts: str) -> int:
        metrics = self.versions_view.fontMetrics()
        style = self.versions_view.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 6
        return max(metrics.horizontalAdvance(text) for text in texts) + margin

    def minimum_width(self) -> int:
        """Room for "#", "When", a short name and a short "What" ("accepted GC 12")."""
        fixed = sum(self.versions_view.columnWidth(column) for column in (0, 3))
        short = self._cell_width("Test Delegate") + self._cell_width("accepted GC 12")
        return fixed + short + 30  # the scroll bar, frames and margins

    def show_state(self, state: ParagraphState | None) -> None:
        """Every action on the paragraph (none without one)."""
        self.versions = state.entries() if state is not None else []
        # "Who" whole, up to two fifths of the list (a longer name is in its tooltip).
        widest = self._cell_width("Who", *(entry.author for entry in self.versions))
        limit = max(
            self._cell_width("Test Delegate"), self.versions_view.viewport().width() * 2 // 5
        )
        self.versions_view.setColumnWidth(2, min(widest, limit))
        self.versions_view.blockSignals(True)
        self.versions_view.clear()
        for entry in self.versions:
            item = QTreeWidgetItem([str(entry.seq), entry.what, entry.author, local_time(entry.at)])
            item.setToolTip(1, f"{entry.what}\n\n{entry.text}")
            item.setToolTip(2, entry.author)
            item.setToolTip(3, entry.at)
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

    def compare_actions(self, row: int) -> list[tuple[str, int]]:
        """What the right-click on version `row` (0-based) offers: (words, other row)."""
        if not 0 <= row < len(self.versions):
            return []
        entry = self.versions[row]
        offered: list[tuple[str, int]] = []
        if row > 0:
            offered.append((f"Compare #{entry.seq} with the version before it", row - 1))
        if row < len(self.versions) - 1:
            offered.append((f"Compare #{entry.seq} with the latest", len(self.versions) - 1))
        return offered

    def compare_menu(self, row: int) -> QMenu:
        """The right-click menu of version `row`: the usual comparisons, then any other."""
        menu = QMenu(self)
        for words, other in self.compare_actions(row):
            action = menu.addAction(words)
            action.triggered.connect(
                lambda _checked=False, a=row, b=other: self.select_versions(a + 1, b + 1)
            )
        if len(self.versions) > 1:
            entry = self.versions[row]
            others = menu.addMenu(f"Compare #{entry.seq} with…")
            for other, version in enumerate(self.versions):
                if other == row:
                    continue
                action = others.addAction(f"#{version.seq} {version.what} ({version.author})")
                action.triggered.connect(
                    lambda _checked=False, a=row, b=other: self.select_versions(a + 1, b + 1)
                )
        return menu

    def _menu(self, at: QPoint) -> None:
        item = self.versions_view.itemAt(at)
        if item is None:
            return
        menu = self.compare_menu(self.versions_view.indexOfTopLevelItem(item))
        if not menu.isEmpty():
            menu.popup(self.versions_view.viewport().mapToGlobal(at))

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
