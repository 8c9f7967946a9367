"""The main window: paragraph tree, three variant panes, merge pane and history, wired together.

The window owns no negotiation state. The controller holds the open file and emits the
current paragraph's `ParagraphState` after every switch and every edit; the window hands it to
each part. A paragraph switch reads one paragraph (its row, variants and log) and nothing
document-wide, so it costs the same at 26 or 5,000 paragraphs.

Here are the wiring and what a paragraph shown, a file opened or an action changes. The menus
are in `window_menus`, the layout and its persistence in `window_geometry`, find in
`window_search`, the History's timing and overlay in `window_history`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMessageBox

from ui.file_actions import FileActions
from ui.history_panel import HistoryPanel
from ui.merge_pane import MergePane
from ui.pane_choice import PaneArrangement
from ui.panes_sync import ScrollSync
from ui.paragraph_tree_panel import ParagraphTreePanel
from ui.search_steps import SearchSteps
from ui.settings import app_settings, display_name
from ui.team_actions import TeamActions
from ui.variant_pane import VariantPane
from ui.window_geometry import WindowGeometry
from ui.window_history import WindowHistory
from ui.window_menus import WindowMenus
from ui.window_search import WindowSearch
from ui.workbench_controller import WorkbenchController
from workbench import editing
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


def resolve_author(settings: QSettings) -> str:
    """The name recorded in the history: $WORKBENCH_USER, the name given once, the login name."""
    return (
        os.environ.get("WORKBENCH_USER", "").strip()
        or display_name(settings)
        or (editing.default_author())
    )


class MainWindow(WindowMenus, WindowGeometry):
    """The workbench window. `open_workbench` and `select_label` drive it from code.

    Its menus (`WindowMenus`) and the place and size of its parts (`WindowGeometry`) are
    mixins over this one QMainWindow; its search (`WindowSearch`) and its History
    (`WindowHistory`) are helpers it owns.
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else app_settings()
        self.controller = WorkbenchController(resolve_author(self.settings), self)
        self.controller.confirm = self._confirm_protected
        self.setWindowTitle("Negotiation Workbench")
        self.setObjectName("main_window")
        self._focus: Change | None = None
        self._arrangement = PaneArrangement(PANE_COUNT)  # what the user chose per pane
        self._laid_out = False  # the first layout is made at the first show, unless restored
        self._geometry_restored = False  # a size and place the user left, from the settings
        self._shown_paragraph = -1
        self.history = WindowHistory(self)
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
        self.search = WindowSearch(
            self, self.controller, self.tree_panel, self.merge_pane, self.search_steps
        )

        self.file_actions = FileActions(self, self.controller, self.settings)
        self.team_actions = TeamActions(self.file_actions, self.controller, self.settings)
        self._build_menus()
        self._connect()
        self._restore_layout()
        self._show_no_file()

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
        self.history_panel.overlay_toggled.connect(self.history.set_overlay)
        self.tree_panel.loader.finished.connect(self._update_counts)
        self.tree_panel.search_changed.connect(self.search.start)
        self.tree_panel.step_requested.connect(self.search.step)
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

    # search and the side docks ---------------------------------------------------------------
    def find_next(self) -> None:
        self.search.step(+1)

    def find_previous(self) -> None:
        self.search.step(-1)

    # Bound methods of the window (see `_connect`), though the History's work is its helper's.
    def _show_comments_hint(self, _changed: object = None) -> None:
        count = self.comments_dock.count
        hidden = not self.comments_dock.isVisible() and self.isVisible()
        self.comments_label.setText(
            f"{counted(count, 'comment')} here: Ctrl+Shift+K" if count and hidden else ""
        )
        self.comments_label.setVisible(bool(count) and hidden)

    def _on_history_shown(self, visible: bool) -> None:
        self.history.history_shown(visible)

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
        self.search.show_status()
        if state is None:
            self._shown_paragraph = -1
            self.history.clear()
            return
        self.tree_panel.model.refresh_from_state(state)
        self.tree_panel.loader.counted(state.paragraph_id)
        same = state.paragraph_id == self._shown_paragraph
        self._shown_paragraph = state.paragraph_id
        # After an edit the history shows the action at once; the overlay colours the merge
        # pane, so it must be right at the paint.
        if same or self.history.overlay:
            self.history.show_now(state)
            return
        # The panes above are what the eye goes to; the history follows right after the paint,
        # and then the paragraphs next to this one are prepared for the next step.
        self.history.show_after_paint(state)
        self._prepare_timer.start()

    def _show_panes(self, state: ParagraphState | None) -> None:
        # Panes never hide or show here: a layout change would repaint the whole window.
        if state is None:
            for pane in self.panes:
                pane.show_variant(None, None)
            return
        shown = self._arrangement.shown(state)
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
        shown = [pane.current_variant() for pane in self.panes]
        self._arrangement.pick(state, number - 1, chosen, shown)
        self._show_panes(state)
        self.merge_pane.show_state(state)  # the text shows the changes of the panes' proposals
        self._show_focus()

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
            self.search.show_status()
        self._update_counts()

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

    def _show_error(self, text: str) -> None:
        QMessageBox.warning(self, "Negotiation Workbench", text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.merge_pane.stop_typing()
        self.tree_panel.loader.stop()
        self.save_layout()
        self.controller.close()
        super().closeEvent(event)
