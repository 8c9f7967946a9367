"""The main window: paragraph tree, three variant panes, merge pane and history, wired together.

The window owns no negotiation state. The controller holds the open file and emits the
current paragraph's `ParagraphState` after every switch and every edit; the window hands it to
each part. A paragraph switch reads one paragraph (its row, variants and log) and nothing
document-wide, so it costs the same at 26 or 5,000 paragraphs.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui import window_layout
from ui.about import about_text
from ui.comments_panel import CommentsDock
from ui.file_actions import FileActions
from ui.history_panel import HistoryPanel, overlay_spans
from ui.merge_pane import MergePane
from ui.pane_choice import Pick, choose, pick_of
from ui.panes_sync import ScrollSync
from ui.paragraph_tree_panel import ParagraphTreePanel
from ui.preferences_dialog import PreferencesDialog, apply_preferences
from ui.search_steps import SearchSteps
from ui.section_line import SectionLine
from ui.settings import app_settings, display_name
from ui.team_actions import TeamActions
from ui.variant_pane import VariantPane
from ui.workbench_controller import WorkbenchController
from workbench import editing, provenance
from workbench.model import PROTECTED_STATUSES, Role, Status
from workbench.paragraph_state import Change, ParagraphState
from workbench.wording import counted

PANE_COUNT = 3
NO_FILE = (
    "No file open. Open a workbench file (File ▸ Open, Ctrl+O), import a Word table or a "
    "statement (File ▸ Import, Ctrl+I), or drop a .docx, .txt or .nwb file on this window."
)
NO_PARAGRAPHS = (
    "This file has no paragraphs yet: import a Word table or a statement into it "
    "(File ▸ Import, Ctrl+I), or drop one on this window."
)
PICK_A_PARAGRAPH = "Pick a paragraph in the tree on the left."
PREPARE_AFTER_MS = 10
_STATUS_KEYS = (
    (Status.OPEN, "Ctrl+Alt+1"),
    (Status.BRACKETED, "Ctrl+Alt+2"),
    (Status.AGREED_AD_REF, "Ctrl+Alt+3"),
    (Status.AGREED, "Ctrl+Alt+4"),
)


def resolve_author(settings: QSettings) -> str:
    """The name recorded in the history: $WORKBENCH_USER, the name given once, the login name."""
    return (
        os.environ.get("WORKBENCH_USER", "").strip()
        or display_name(settings)
        or (editing.default_author())
    )


class MainWindow(QMainWindow):
    """The workbench window. `open_workbench` and `select_label` drive it from code."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else app_settings()
        self.controller = WorkbenchController(resolve_author(self.settings), self)
        self.controller.confirm = self._confirm_protected
        self.setWindowTitle("Negotiation Workbench")
        self.setObjectName("main_window")
        self._focus: Change | None = None
        self._overlay = False
        self._picks: list[Pick | None] = [None] * PANE_COUNT  # what the user chose per pane
        self._pinned: tuple[int, list[int | None]] | None = None  # panes as arranged here
        self._laid_out = False  # the first layout is made at the first show, unless restored
        self._geometry_restored = False  # a size and place the user left, from the settings
        # A timer object (not singleShot(0), which runs before the paint) so that the history
        # of a newly selected paragraph is built after the panes have been painted.
        self._history_due: ParagraphState | None = None
        self._shown_paragraph = -1
        self._history_timer = QTimer(self)
        self._history_timer.setSingleShot(True)
        self._history_timer.setInterval(0)
        self._history_timer.timeout.connect(self._show_due_history)
        # After a switch has painted: the paragraphs next to it are prepared, in idle time (a
        # zero interval could come before the paint).
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(PREPARE_AFTER_MS)
        self._prepare_timer.timeout.connect(
            lambda: self.controller.prepare(self.tree_panel.neighbours())
        )

        self.tree_panel = ParagraphTreePanel(self.controller)
        self.tree_view = self.tree_panel.tree_view
        self.panes = [VariantPane(number) for number in range(1, PANE_COUNT + 1)]
        self.merge_pane = MergePane(self.controller)
        self.search_steps = SearchSteps([self.merge_pane, *self.panes])
        self.history_panel = HistoryPanel()
        self.banner = QLabel()
        self.banner.setObjectName("read_only_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #fff3bf; color: #5c4400; padding: 6px; border-bottom: 1px solid #e0c060;"
        )
        self.banner.hide()
        self._build_layout()
        self.scroll_sync = ScrollSync(self.panes, lambda pane: pane.current_variant() is not None)
        self._build_status_bar()

        self.file_actions = FileActions(self, self.controller, self.settings)
        self.team_actions = TeamActions(self.file_actions, self.controller, self.settings)
        self._build_menus()
        self._connect()
        self._restore_layout()
        self._show_no_file()

    # layout ------------------------------------------------------------------------------------
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

    def _action(self, menu: QMenu, text: str, slot: object, *keys: str, tip: str = "") -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_actions.populate(bar.addMenu("&File"), self.team_actions.populate)
        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo", self.undo, "Ctrl+Z")
        self.redo_action = self._action(edit, "&Redo", self.redo, "Ctrl+Shift+Z", "Ctrl+Y")
        edit.addSeparator()
        self.type_action = self._action(
            edit,
            "&Type in the compromise",
            self._start_typing,
            "F2",
            tip="Edit the compromise by hand; recorded when you pause",
        )
        self._action(
            edit,
            "&Find…",
            self.tree_panel.focus_search,
            "Ctrl+F",
            tip="Search every variant and the compromise; the tree shows where, with counts",
        )
        self.find_next_action = self._action(edit, "Find &next", self.find_next, "F3")
        self.find_previous_action = self._action(
            edit, "Find pre&vious", self.find_previous, "Shift+F3"
        )
        edit.addSeparator()
        self.preferences_action = self._action(edit, "Pre&ferences…", self.show_preferences)
        # The platform's key where it has one (Ctrl+, on macOS), else the common Ctrl+,.
        preference_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        self.preferences_action.setShortcuts(preference_keys or [QKeySequence("Ctrl+,")])
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        merge = bar.addMenu("&Merge")
        self.next_change_action = self._action(
            merge, "&Next change", self.merge_pane.next_change, "Alt+Down"
        )
        self.previous_change_action = self._action(
            merge, "&Previous change", self.merge_pane.previous_change, "Alt+Up"
        )
        self._action(
            merge, "Next para&graph", self.select_next_paragraph, "Ctrl+PgDown", "Alt+Right"
        )
        self._action(
            merge, "Previous paragrap&h", self.select_previous_paragraph, "Ctrl+PgUp", "Alt+Left"
        )
        merge.addSeparator()
        self.accept_action = self._action(
            merge, "&Accept current change", self.merge_pane.accept_current, "Ctrl+Return"
        )
        self.accept_pane_actions = [
            self._action(
                merge,
                f"Accept from pane &{number}",
                lambda _checked=False, n=number: self.accept_from_pane(n),
                f"Ctrl+{number}",
            )
            for number in range(1, PANE_COUNT + 1)
        ]
        self.reject_action = self._action(
            merge, "&Reject current change", self.merge_pane.reject_current, "Ctrl+0", "Delete"
        )
        self.accept_all_action = self._action(
            merge,
            "Accept a&ll from this proposal",
            self.merge_pane.accept_all_current,
            "Ctrl+Shift+A",
        )
        merge.addSeparator()
        # A colleague's version of the paragraph (after a sync): decide its changes like any
        # proposal's, then take it in, keeping the text as it is, or take it as it is.
        self.resolve_action = self._action(
            merge,
            "Take in the colleague's &version (keep this text)",
            lambda: self._resolve(take_theirs=False),
            "Ctrl+Alt+M",
        )
        self.take_theirs_action = self._action(
            merge,
            "Take the colleague's version as it &is",
            lambda: self._resolve(take_theirs=True),
        )
        merge.addSeparator()
        status_menu = merge.addMenu("Set &status")
        self.status_group = QActionGroup(self)  # one status at a time, the current one checked
        self.status_actions = []
        for status, key in _STATUS_KEYS:
            action = self._action(
                status_menu,
                str(status).capitalize(),
                lambda _checked=False, s=status: self._set_status(s),
                key,
            )
            action.setCheckable(True)
            self.status_group.addAction(action)
            self.status_actions.append(action)
        self.write_actions = [
            self.undo_action,
            self.redo_action,
            self.type_action,
            self.accept_action,
            self.reject_action,
            self.accept_all_action,
            *self.accept_pane_actions,
            *self.status_actions,
            self.resolve_action,
            self.take_theirs_action,
        ]

        view = bar.addMenu("&View")
        history_toggle = self.history_dock.toggleViewAction()
        history_toggle.setText("&History panel")
        history_toggle.setShortcut(QKeySequence("Ctrl+H"))
        view.addAction(history_toggle)
        comments_toggle = self.comments_dock.toggleViewAction()
        comments_toggle.setText("C&omments panel")
        comments_toggle.setShortcut(QKeySequence("Ctrl+Shift+K"))
        view.addAction(comments_toggle)
        self._action(
            view,
            "New co&mment on the selected words",
            self.comments_dock.start_comment,
            "Ctrl+Alt+M",
        )
        self.overlay_action = self._action(
            view,
            "&Who wrote what (colour by stakeholder)",
            self._toggle_overlay_action,
            "Ctrl+Shift+P",
        )
        self.overlay_action.setCheckable(True)
        self._action(view, "Go to the paragraph &tree", self.tree_view.setFocus, "Ctrl+L")
        self._action(view, "Go to the &compromise", self.merge_pane.text_edit.setFocus, "Ctrl+M")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1")
        self._action(help_menu, "&About", self.show_about).setMenuRole(QAction.MenuRole.AboutRole)
        # Typing in the compromise keeps these keys working (the editor lets them through).
        self.merge_pane.text_edit.passthrough = [
            key
            for action in (
                self.undo_action,
                self.redo_action,
                self.next_change_action,
                self.previous_change_action,
                *self.accept_pane_actions,
                self.accept_all_action,
                *self.status_actions,
            )
            for key in action.shortcuts()
        ] + [QKeySequence("Ctrl+0"), QKeySequence("Ctrl+PgDown"), QKeySequence("Ctrl+PgUp")]

    def _connect(self) -> None:
        c = self.controller
        c.file_opened.connect(self._on_file_opened)
        c.document_changed.connect(self._on_document_changed)
        c.state_changed.connect(self._show_state)
        c.paragraph_changed.connect(self._on_paragraph_changed)
        c.error.connect(self._show_error)
        c.file_lost.connect(self._on_file_lost)
        self.tree_panel.paragraph_activated.connect(self._activate)
        self.merge_pane.change_focused.connect(self._on_change_focused)
        self.merge_pane.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.file_actions.status_shown.connect(
            lambda text: self.statusBar().showMessage(text, 6000)
        )
        for pane in self.panes:
            pane.change_hovered.connect(self._on_change_hovered)
            pane.change_clicked.connect(self.merge_pane.set_current)
            pane.variant_picked.connect(self._pick)
        self.history_panel.overlay_toggled.connect(self._set_overlay)
        self.tree_panel.loader.finished.connect(self._update_counts)
        self.tree_panel.search_changed.connect(self._on_search_changed)
        self.tree_panel.step_requested.connect(self._find_step)
        # A closed History is not kept up to date: it catches up when it opens.
        self.history_dock.visibilityChanged.connect(self._on_history_shown)
        # Bound methods, not lambdas: Qt drops them with the window (a dock closing while the
        # window is destroyed must not call into it).
        self.comments_dock.counted.connect(self._show_comments_hint)
        self.comments_dock.visibilityChanged.connect(self._show_comments_hint)

    # files -------------------------------------------------------------------------------------
    def open_workbench(self, path: str | Path, *, read_only: bool = False) -> None:
        """Open a workbench file (errors propagate to the caller: the command line says them)."""
        self.controller.open(path, read_only=read_only)

    def select_label(self, label: str) -> bool:
        """Select the paragraph with this label (clearing filters that hide it)."""
        wb = self.controller.wb
        paragraph = wb.paragraph_by_label(label) if wb is not None else None
        if paragraph is None:
            return False
        if not self.tree_panel.select_paragraph(paragraph.id):
            self.tree_panel.search_box.clear()
            self.tree_panel.status_filter.setCurrentIndex(0)
            self.tree_panel.stakeholder_filter.setCurrentIndex(0)
            self.tree_panel.apply_filter()
            self.tree_panel.select_paragraph(paragraph.id)
        return self.controller.current_paragraph == paragraph.id

    def select_next_paragraph(self) -> bool:
        return self.tree_panel.step(+1)

    def select_previous_paragraph(self) -> bool:
        return self.tree_panel.step(-1)

    def _on_file_opened(self) -> None:
        wb = self.controller.wb
        self.tree_panel.load()
        self._set_read_only(wb is None or wb.read_only, wb.read_only_reason if wb else None)
        self._show_actions(self.controller.state)
        if wb is None:
            self._show_no_file()
            return
        self._show_empty_texts()
        self.setWindowTitle(f"{wb.path.name} – Negotiation Workbench")
        self.file_label.setText(str(wb.path))
        self.file_label.setToolTip(str(wb.path))
        self._update_counts()
        order = self.tree_panel.model.paragraph_ids()
        if order:
            self.tree_panel.select_paragraph(order[0])
        self.tree_view.setFocus()  # arrows walk paragraphs at once; Ctrl+F reaches the search

    def _on_file_lost(self, _message: str) -> None:
        wb = self.controller.wb  # now read-only; FileActions offers to save it as a copy
        self._set_read_only(True, wb.read_only_reason if wb is not None else None)

    def _on_document_changed(self) -> None:
        current = self.controller.current_paragraph
        self.tree_panel.load()
        self._update_counts()
        if current >= 0:
            self.tree_panel.select_paragraph(current)

    def _set_read_only(self, read_only: bool, reason: str | None) -> None:
        for action in self.write_actions:
            action.setEnabled(not read_only)
        self.merge_pane.set_read_only(read_only)
        if read_only and reason:
            self.banner.setText(
                f"Read-only: {reason}. Accepting, rejecting, typing and setting status are off."
            )
            self.banner.show()
        else:
            self.banner.hide()
        if self.controller.wb is None:
            self.mode_label.setText("")  # nothing open, nothing saved
        else:
            self.mode_label.setText("read-only" if read_only and reason else "saved as you go")
        self.author_label.setText(f"you: {self.controller.author}")

    def _show_no_file(self) -> None:
        self.setWindowTitle("Negotiation Workbench")
        self.file_label.setText("No file open: File ▸ Open, or drop a Word table here")
        self.counts_label.setText("")
        self._show_state(None)
        self._show_empty_texts()

    def _show_empty_texts(self) -> None:
        """What the panes say with no paragraph shown: with no file, how to open one."""
        wb = self.controller.wb
        if wb is None:
            self.merge_pane.set_empty_text(NO_FILE)
            for pane in self.panes:
                pane.set_empty_text(NO_FILE if pane.number == 1 else "", "(no file open)")
        elif not self.tree_panel.model.paragraph_ids():
            self.merge_pane.set_empty_text(NO_PARAGRAPHS)
            for pane in self.panes:
                pane.set_empty_text(NO_PARAGRAPHS if pane.number == 1 else "")
        else:
            self.merge_pane.set_empty_text(PICK_A_PARAGRAPH)
            for pane in self.panes:
                pane.set_empty_text("")

    def _show_section_line(self, state: ParagraphState | None) -> None:
        path = self.tree_panel.model.section_path(state.paragraph_id) if state else []
        self.section_line.set_path(path)

    # search ------------------------------------------------------------------------------------
    def _on_search_changed(self, query: str) -> None:
        """A new search: its results open on the first match, in document order."""
        self.search_steps.set_query(query)
        first = self.tree_panel.first_hit()
        if first >= 0:
            self.merge_pane.stop_typing()
            self.tree_panel.select_paragraph(first)
            self.tree_view.scrollToTop()
            self.search_steps.go(0)
        self._show_search_status()

    def find_next(self) -> None:
        self._find_step(+1)

    def find_previous(self) -> None:
        self._find_step(-1)

    def _find_step(self, direction: int) -> None:
        """F3, Shift+F3, Enter in the search box: the next match, here or further on."""
        if not self.search_steps.query:
            self.tree_panel.focus_search()
            self.statusBar().showMessage("Type what to find, then F3 steps through it", 4000)
            return
        if not self.search_steps.step(direction):
            moved, wrapped = self.tree_panel.step_hit(direction)
            if moved:
                self.search_steps.go(0 if direction > 0 else self.search_steps.count() - 1)
            if wrapped:
                where = "top" if direction > 0 else "end"
                self.statusBar().showMessage(f"Search went on from the {where}", 4000)
        self._show_search_status()

    def _show_search_status(self) -> None:
        result = self.tree_panel.result
        if not result.query:
            return
        summary = result.summary()
        state = self.controller.state
        hits = result.by_paragraph().get(state.paragraph_id) if state is not None else None
        if state is None or hits is None:
            self.tree_panel.show_search_status(f"{summary} · F3 goes to the next", summary)
            return
        shown = self.search_steps.count()
        at = self.search_steps.position + 1
        step = f"match {at} of {shown}" if at > 0 else f"{shown} marked"
        elsewhere = hits.matches - shown
        hidden = (
            f", {elsewhere} in variants no pane shows (pick one in a pane's list)"
            if elsewhere > 0
            else ""
        )
        here = f"{state.label}: {counted(hits.matches, 'match', 'matches')}"
        self.tree_panel.show_search_status(
            f"{summary}. {here} ({hits.in_compromise} in the compromise{hidden}), {step} · "
            "F3 next, Shift+F3 previous",
            f"{summary}. {here}, {step} · F3 next",
            f"{summary}. {here}, {step}",
            f"{summary} · {state.label}: {step}",
            summary,
        )

    def _show_comments_hint(self, _changed: object = None) -> None:
        count = self.comments_dock.count
        hidden = not self.comments_dock.isVisible() and self.isVisible()
        self.comments_label.setText(
            f"{counted(count, 'comment')} here: Ctrl+Shift+K" if count and hidden else ""
        )
        self.comments_label.setVisible(bool(count) and hidden)

    def _on_history_shown(self, visible: bool) -> None:
        state = self.controller.state
        if visible and state is not None:
            self._history_due = None
            self.history_panel.show_state(state)

    def _update_counts(self) -> None:
        model = self.tree_panel.model
        ids = model.paragraph_ids()
        agreed = sum(1 for pid in ids if model.hand_status_of(pid) in PROTECTED_STATUSES)
        counts = [model.pending_count(pid) for pid in ids]
        pending = sum(1 for count in counts if count)
        unknown = any(count is None for count in counts)
        pending_text = "counting open changes…" if unknown else f"{pending} with changes open"
        paragraphs = counted(len(ids), "paragraph")
        self.counts_label.setText(f"{paragraphs} · {pending_text} · {agreed} agreed")

    # the current paragraph ---------------------------------------------------------------------
    def _activate(self, paragraph_id: int) -> None:
        self.merge_pane.stop_typing()  # what was typed belongs to the paragraph being left
        self.controller.select_paragraph(paragraph_id)

    def _show_state(self, state: ParagraphState | None) -> None:
        """Every part shows the paragraph's state (nothing, for no paragraph)."""
        switched = (state.paragraph_id if state is not None else -1) != self._shown_paragraph
        self._show_panes(state)
        self.merge_pane.show_state(state)
        self._show_actions(state)
        if switched:
            self._show_section_line(state)
            self.search_steps.paragraph_shown()
        self._show_search_status()
        if state is None:
            self._history_due = None
            self._shown_paragraph = -1
            self.history_panel.show_state(None)
            return
        self.tree_panel.model.refresh_from_state(state)
        self.tree_panel.loader.counted(state.paragraph_id)
        same = state.paragraph_id == self._shown_paragraph
        self._shown_paragraph = state.paragraph_id
        # After an edit the history shows the action at once; the overlay colours the merge
        # pane, so it must be right at the paint.
        if same or self._overlay:
            self._history_due = None
            self._show_history(state)
            return
        # The panes above are what the eye goes to; the history follows right after the paint,
        # and then the paragraphs next to this one are prepared for the next step.
        self._history_due = state
        self._history_timer.start()
        self._prepare_timer.start()

    def _show_panes(self, state: ParagraphState | None) -> None:
        # Panes never hide or show here: a layout change would repaint the whole window.
        if state is None:
            for pane in self.panes:
                pane.show_variant(None, None)
            return
        pinned = self._pinned
        if pinned is not None and pinned[0] == state.paragraph_id:
            # The panes as the user arranged them on this paragraph, kept through its edits.
            shown = [state.variant(i) if i is not None else None for i in pinned[1]]
        else:
            self._pinned = None
            shown, self._picks = choose(state.variants, self._picks)
        for pane, variant in zip(self.panes, shown, strict=True):
            pane.show_variant(state, variant)
        self.merge_pane.set_compared(
            {v.id for v in shown if v is not None and v.role is Role.PROPOSAL}
        )

    def _pick(self, number: int, variant_id: int) -> None:
        """The user chose a variant for pane `number`: it stays there while it makes sense; a
        pane that showed it takes this pane's former variant (never one variant twice)."""
        state = self.controller.state
        if state is None:
            return
        chosen = state.variant(variant_id)
        if chosen is None:
            return
        index = number - 1
        shown = [pane.current_variant() for pane in self.panes]
        for other, variant in enumerate(shown):
            if other != index and variant is chosen:
                # The pane showing it takes this pane's former variant, here only: the user
                # picked this pane, not that one.
                shown[other] = shown[index]
                self._picks[other] = None
        shown[index] = chosen
        self._picks[index] = pick_of(chosen, state.variants)
        self._pinned = (state.paragraph_id, [v.id if v else None for v in shown])
        self._show_panes(state)
        self.merge_pane.show_state(state)  # the text shows the changes of the panes' proposals
        self._show_focus()

    def _show_actions(self, state: ParagraphState | None) -> None:
        writable = state is not None and not self.controller.read_only
        self.undo_action.setText(
            f"&Undo {state.undo_label}" if state is not None and state.can_undo else "&Undo"
        )
        self.redo_action.setText(
            f"&Redo {state.redo_label}" if state is not None and state.can_redo else "&Redo"
        )
        self.undo_action.setEnabled(writable and state is not None and state.can_undo)
        self.redo_action.setEnabled(writable and state is not None and state.can_redo)
        self.status_group.setExclusive(state is not None)
        for action, (status, _key) in zip(self.status_actions, _STATUS_KEYS, strict=True):
            action.setChecked(state is not None and state.hand_status is status)
            action.setEnabled(writable)
        forks = state.forks if state is not None else ()
        self.resolve_action.setEnabled(writable and bool(forks))
        self.take_theirs_action.setEnabled(writable and bool(forks))
        self.fork_label.setText(
            "⑂ also changed by " + ", ".join(f.author for f in forks) if forks else ""
        )
        self.fork_label.setToolTip(
            "A colleague changed this paragraph too: their version is a proposal ("
            + ", ".join(f"{f.author}'s compromise" for f in forks)
            + "). Decide its changes, then Merge ▸ Take in the colleague's version."
            if forks
            else ""
        )

    def _show_due_history(self) -> None:
        due, self._history_due = self._history_due, None
        if due is not None and due.paragraph_id == self.controller.current_paragraph:
            self._show_history(due)

    def _on_paragraph_changed(self, paragraph_id: int) -> None:
        if paragraph_id == self.controller.current_paragraph:
            state = self.controller.state  # already shown (state_changed came first)
        else:
            state = self.controller.paragraph_state(paragraph_id)
        if state is not None:
            self.tree_panel.model.refresh_from_state(state)
            self.tree_panel.loader.counted(paragraph_id)
            self.tree_panel.refresh_hits(
                paragraph_id, state.compromise, [v.text for v in state.variants]
            )
            self._show_search_status()
        self._update_counts()

    def _show_history(self, state: ParagraphState) -> None:
        if self.history_dock.isVisible() or not self.isVisible():
            self.history_panel.show_state(state)
        if self._overlay:
            spans = provenance.spans(state.edits)
            self.merge_pane.set_overlay(overlay_spans(spans, self))
            self.history_panel.show_shares(spans, dict(state.names))

    # changes in focus --------------------------------------------------------------------------
    def _change(self, change_id: str) -> Change | None:
        state = self.controller.state
        if state is None or not change_id:
            return None
        return state.change(change_id)

    def _on_change_focused(self, change_id: str) -> None:
        self._focus = self._change(change_id)
        self._show_focus()

    def _show_focus(self) -> None:
        for pane in self.panes:
            pane.show_focus(self._focus)

    def _on_change_hovered(self, change_id: str) -> None:
        self.merge_pane.highlight_change(change_id)
        hovered = self._change(change_id)
        for pane in self.panes:
            pane.show_focus(hovered if hovered is not None else self._focus)

    # actions -----------------------------------------------------------------------------------
    def accept_from_pane(self, number: int) -> bool:
        pane = self.panes[number - 1]
        variant = pane.current_variant()
        if variant is None:
            self.statusBar().showMessage(f"Pane {number} shows no variant", 4000)
            return False
        return self.merge_pane.accept_from_variant(variant.id)

    def _resolve(self, *, take_theirs: bool) -> None:
        """Takes in the current paragraph's first colleague's version (one at a time)."""
        self.merge_pane.commit_typing()
        state = self.controller.state
        if state is None or not state.forks:
            self.statusBar().showMessage("No colleague's version of this paragraph", 4000)
            return
        fork = state.forks[0]
        if self.controller.take_in_version(fork.head.id, take_theirs=take_theirs) is not None:
            self.statusBar().showMessage(f"Took in {fork.author}'s version", 4000)

    def _set_status(self, status: Status) -> None:
        self.merge_pane.commit_typing()
        if self.controller.set_status(status) is None and self.controller.state is not None:
            self._show_actions(self.controller.state)  # unchanged: the check goes back
            self.statusBar().showMessage(f"The paragraph is {status} already", 4000)

    def _confirm_protected(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Agreed paragraph",
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def undo(self) -> None:
        self.merge_pane.commit_typing()
        if self.controller.undo() is None and not self.controller.read_only:
            self.statusBar().showMessage("Nothing to undo in this paragraph", 4000)

    def redo(self) -> None:
        self.merge_pane.commit_typing()
        if self.controller.redo() is None and not self.controller.read_only:
            self.statusBar().showMessage("Nothing to redo in this paragraph", 4000)

    def _start_typing(self) -> None:
        self.merge_pane.start_typing(self.merge_pane.text_edit.textCursor().position())

    def _toggle_overlay_action(self, checked: bool) -> None:
        self.history_panel.overlay_box.setChecked(checked)

    def _set_overlay(self, on: bool) -> None:
        self._overlay = on
        self.overlay_action.setChecked(on)
        if on and self.controller.state is not None:
            self._show_history(self.controller.state)
        elif not on:
            self.merge_pane.set_overlay(None)
            self.history_panel.clear_shares()

    def _show_error(self, text: str) -> None:
        QMessageBox.warning(self, "Negotiation Workbench", text)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(action, keys) for every menu action with a key, File menu included, menu order."""
        rows = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if not isinstance(menu, QMenu):
                continue
            for action, title in _leaf_actions(menu):
                keys = ", ".join(
                    key.toString(QKeySequence.SequenceFormat.NativeText)
                    for key in action.shortcuts()
                )
                if keys:
                    rows.append((title, keys))
        return rows

    def show_shortcuts(self) -> QMessageBox:
        rows = "".join(
            f"<tr><td>{html.escape(text)}</td><td><b>{html.escape(keys)}</b></td></tr>"
            for text, keys in self.shortcut_rows()
        )
        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table cellspacing=4>{rows}</table>")
        box.open()
        return box

    def show_preferences(self) -> PreferencesDialog:
        """Edit > Preferences, shown without blocking; its choices hold from the next edit."""
        dialog = PreferencesDialog(self.settings, self.controller.author, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen() -> None:
            preferences = dialog.preferences()
            apply_preferences(self.settings, preferences)
            self.controller.author = preferences.name
            self.author_label.setText(f"you: {preferences.name}")

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setWindowTitle("About Negotiation Workbench")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(about_text())
        box.open()
        return box

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.merge_pane.stop_typing()
        self.tree_panel.loader.stop()
        self.save_layout()
        self.controller.close()
        super().closeEvent(event)


def _column(top: QWidget, rest: QWidget) -> QWidget:
    """A line over a part that takes the rest of the height, edge to edge."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(top)
    layout.addWidget(rest, 1)
    return column


def _leaf_actions(menu: QMenu, within: str = "") -> list[tuple[QAction, str]]:
    """Every action of the menu and its submenus, titled "Set status: Agreed" in a submenu."""
    found: list[tuple[QAction, str]] = []
    for action in menu.actions():
        title = within + action.text().replace("&", "").rstrip("…")
        sub = action.menu()
        if isinstance(sub, QMenu):
            found.extend(_leaf_actions(sub, f"{title}: "))
        elif not action.isSeparator():
            found.append((action, title))
    return found
