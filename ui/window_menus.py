"""The window's menus: every action with its keys, their state per paragraph, the key list (F1).

A mixin of `MainWindow`: it builds the menu bar over the window's parts (merge pane, tree,
docks, file and team actions) and keeps each action under the name the rest of the window
and the tests use (`undo_action`, `status_actions`...). What an action does stays with the
window; here is only where it sits in the menus, its keys, and when it is on.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from ui.about import about_text
from ui.preferences_dialog import PreferencesDialog, apply_preferences
from workbench.model import Status
from workbench.paragraph_state import ParagraphState

_STATUS_KEYS = (
    (Status.OPEN, "Ctrl+Alt+1"),
    (Status.BRACKETED, "Ctrl+Alt+2"),
    (Status.AGREED_AD_REF, "Ctrl+Alt+3"),
    (Status.AGREED, "Ctrl+Alt+4"),
)


class WindowMenus(QMainWindow):
    """The menu bar of `MainWindow`, built once its parts exist (`_build_menus`).

    The slots are the window's (`undo`, `accept_from_pane`, `_set_status`...) and its parts'
    (`merge_pane`, `tree_panel`, the docks, `history`); `_show_actions` turns the actions on
    and off and names them for the paragraph shown.
    """

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
            for number in range(1, len(self.panes) + 1)
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
            self.history.toggle_overlay_action,
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
