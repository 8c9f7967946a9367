"""Where the window's parts sit: splitters, docks and status bar built, first sized, kept.

A mixin of `MainWindow`. The parts are built in `_build_layout` (tree, panes, merge pane,
the History over the Comments on the right) and `_build_status_bar`. The first time the
window shows, with no layout saved, they get the shares `window_layout` computes for its size;
after that the size, place, docks and splitters the user left are saved on close and
restored at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui import window_layout
from ui.comments_panel import CommentsDock
from ui.section_line import SectionLine


class WindowGeometry(QMainWindow):
    """The layout of `MainWindow`: its parts placed, first sized, saved and restored.

    `_build_layout` places the parts the window has made (`tree_panel`, `panes`,
    `merge_pane`, `history_panel`, `banner`); `_restore_layout` reads `settings`.
    """

    def _build_layout(self) -> None:
        self.panes_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.panes_splitter.setObjectName("panes_splitter")
        for pane in self.panes:
            self.panes_splitter.addWidget(pane)
        self.centre_splitter = QSplitter(Qt.Orientation.Vertical)
        self.centre_splitter.setObjectName("centre_splitter")
        self.centre_splitter.addWidget(self.panes_splitter)
        self.centre_splitter.addWidget(self.merge_pane)
        self.centre_splitter.setStretchFactor(0, 1)
        self.centre_splitter.setStretchFactor(1, 1)
        # Where the paragraph sits, section titles in full (the tree has no room for them).
        self.section_line = SectionLine()
        centre = _column(self.section_line, self.centre_splitter)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.tree_panel)
        self.main_splitter.addWidget(centre)
        self.main_splitter.setStretchFactor(1, 1)
        for splitter in (self.main_splitter, self.centre_splitter, self.panes_splitter):
            splitter.setChildrenCollapsible(False)  # a collapsed part would hide its captions
        self.tree_panel.setMinimumWidth(window_layout.MIN_TREE)
        self.panes_splitter.setMinimumHeight(window_layout.MIN_PANES_HEIGHT)
        self.merge_pane.setMinimumHeight(window_layout.MIN_MERGE_HEIGHT)
        self.setCentralWidget(_column(self.banner, self.main_splitter))
        self.history_dock = QDockWidget("History", self)
        self.history_dock.setObjectName("history_dock")
        self.history_dock.setWidget(self.history_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        # History over Comments: one column on the right, open or closed together at first.
        self.comments_dock = CommentsDock(self.controller, self.merge_pane, self)
        self.splitDockWidget(self.history_dock, self.comments_dock, Qt.Orientation.Vertical)
        self.resize(*window_layout.FIRST_SIZE)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._laid_out:
            self._laid_out = True
            self.lay_out_for(self.width(), self.height())

    def lay_out_for(self, width: int, height: int) -> None:
        """The first layout of a window this size (see `window_layout`)."""
        sizes = window_layout.first_layout(width, height, self.history_panel.minimumWidth())
        for dock in self._side_docks():
            dock.setVisible(sizes.history_open)
        self.main_splitter.setSizes([sizes.tree, max(1, width - sizes.tree)])
        self.centre_splitter.setSizes([sizes.panes, sizes.merge])
        if sizes.history_open:
            # Docks take their width once the window's layout has placed them: now, and
            # again after this turn of the event loop in case it had not yet.
            self._size_history(sizes, height)
            QTimer.singleShot(0, lambda: self._size_history(sizes, height))

    def _side_docks(self) -> list[QDockWidget]:
        return [self.history_dock, self.comments_dock]

    def _size_history(self, sizes: window_layout.FirstLayout, height: int) -> None:
        if self.main_splitter.sizes()[0] != sizes.tree:
            return  # moved by hand (or by code) since: theirs holds
        # The docks placed first (their sizes can be set only then), and sized at once.
        QApplication.sendPostedEvents(self, QEvent.Type.LayoutRequest)
        self.resizeDocks([self.history_dock], [sizes.history], Qt.Orientation.Horizontal)
        history = round(height * window_layout.HISTORY_OVER_COMMENTS)
        self.resizeDocks(
            self._side_docks(), [history, max(1, height - history)], Qt.Orientation.Vertical
        )
        QApplication.sendPostedEvents(self, QEvent.Type.LayoutRequest)
        self.main_splitter.setSizes([sizes.tree, max(1, self.main_splitter.width() - sizes.tree)])

    def _build_status_bar(self) -> None:
        self.file_label = QLabel("No file open")
        self.mode_label = QLabel()
        self.counts_label = QLabel()
        self.author_label = QLabel()
        self.fork_label = QLabel()
        self.fork_label.setObjectName("fork_label")
        bar = self.statusBar()
        bar.addWidget(self.file_label, 1)
        # While the Comments panel is closed (a small screen), the paragraph's comments are
        # not missed: the bar says there are some, and the key that shows them.
        self.comments_label = QLabel()
        self.comments_label.setObjectName("comments_hint")
        self.comments_label.hide()
        bar.addPermanentWidget(self.comments_label)
        bar.addPermanentWidget(self.fork_label)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.mode_label)
        bar.addPermanentWidget(self.author_label)

    # persistence -------------------------------------------------------------------------------
    def _splitters(self) -> list[QSplitter]:
        return [
            self.main_splitter,
            self.centre_splitter,
            self.panes_splitter,
            self.merge_pane.splitter,
        ]

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        self._geometry_restored = isinstance(geometry, QByteArray) and self.restoreGeometry(
            geometry
        )
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self._laid_out = self.restoreState(state)
        for splitter in self._splitters():
            saved = self.settings.value(f"window/{splitter.objectName()}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)

    def fit_screen(self, available: QRect) -> None:
        """A first window (no size saved) as large as `available` has room for, centred in
        it: on a 1366x768 laptop it is not 1440x900 with its status bar under the screen."""
        if self._geometry_restored:
            return  # the user's own size and place
        width, height = window_layout.first_size(available.width(), available.height())
        self.resize(width, height)
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for splitter in self._splitters():
            self.settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()


def _column(top: QWidget, rest: QWidget) -> QWidget:
    """A line over a part that takes the rest of the height, edge to edge."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(top)
    layout.addWidget(rest, 1)
    return column
