"""Find in the window: a new search opens on its first match, F3 steps on, a line says where.

The tree panel knows which paragraphs match and how often; `SearchSteps` marks the matches in
the merge pane and the variant panes and steps through them. This joins the two for
`MainWindow`: past a paragraph's last match, F3 goes on to the next paragraph that has one
(round from the end to the top), and the line under the search box says where the user is.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from ui.merge_pane import MergePane
from ui.paragraph_tree_panel import ParagraphTreePanel
from ui.search_steps import SearchSteps
from ui.workbench_controller import WorkbenchController
from workbench.wording import counted


class WindowSearch(QObject):
    """The search of one window; a child of it, so Qt drops its connections with the window."""

    def __init__(
        self,
        window: QMainWindow,
        controller: WorkbenchController,
        tree_panel: ParagraphTreePanel,
        merge_pane: MergePane,
        steps: SearchSteps,
    ) -> None:
        super().__init__(window)
        self.controller = controller
        self.tree_panel = tree_panel
        self.merge_pane = merge_pane
        self.steps = steps
        self.status_bar = window.statusBar()

    def start(self, query: str) -> None:
        """A new search: its results open on the first match, in document order."""
        self.steps.set_query(query)
        first = self.tree_panel.first_hit()
        if first >= 0:
            self.merge_pane.stop_typing()
            self.tree_panel.select_paragraph(first)
            self.tree_panel.tree_view.scrollToTop()
            self.steps.go(0)
        self.show_status()

    def step(self, direction: int) -> None:
        """F3, Shift+F3, Enter in the search box: the next match, here or further on."""
        if not self.steps.query:
            self.tree_panel.focus_search()
            self.status_bar.showMessage("Type what to find, then F3 steps through it", 4000)
            return
        if not self.steps.step(direction):
            moved, wrapped = self.tree_panel.step_hit(direction)
            if moved:
                self.steps.go(0 if direction > 0 else self.steps.count() - 1)
            if wrapped:
                where = "top" if direction > 0 else "end"
                self.status_bar.showMessage(f"Search went on from the {where}", 4000)
        self.show_status()

    def show_status(self) -> None:
        result = self.tree_panel.result
        if not result.query:
            return
        summary = result.summary()
        state = self.controller.state
        hits = result.by_paragraph().get(state.paragraph_id) if state is not None else None
        if state is None or hits is None:
            self.tree_panel.show_search_status(f"{summary} · F3 goes to the next", summary)
            return
        shown = self.steps.count()
        at = self.steps.position + 1
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
