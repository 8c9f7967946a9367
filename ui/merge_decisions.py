"""Deciding the merge pane's changes: the current one, the list, the buttons, accept and reject.

One change is current, kept by its id (which never changes): the line under the list says
which and how many are open, Alt+Down and Alt+Up step through the open ones in text order,
and deciding one moves on to the next. A conflict offers the proposal's words or the
compromise's (Accept takes the proposal's, Reject keeps the compromise's), and a rejected
change can be restored. The buttons under the text name what they will do to the current
change; every decision goes to the controller.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.fitting import FittedButton
from workbench.changes import touches
from workbench.model import ChangeState
from workbench.paragraph_state import Change

# Every wording a button can fall back to: it keeps the room of the widest of them.
_SHORTEST = {
    "Accept": ("Accept", "Take"),
    "Keep as is": ("Reject", "Keep as is", "Restore"),
    "Accept all": ("Accept all",),
}


class MergeDecisions(QWidget):
    """The decisions of `MergePane` (a mixin): over the pane's `changes`, `current_id`,
    `change_list` and `controller`."""

    def _build_buttons(self) -> None:
        self.accept_button = FittedButton("Accept")
        self.accept_button.set_hint("Take the current change into the compromise (Ctrl+Return)")
        self.reject_button = FittedButton("Reject")
        self.reject_button.set_hint("Turn the current change down (Ctrl+0 or Delete)")
        self.accept_all_button = FittedButton("Accept all")
        self.accept_all_button.set_hint("Every pending change of this proposal (Ctrl+Shift+A)")
        for button, shortest in (
            (self.accept_button, "Accept"),
            (self.reject_button, "Keep as is"),
            (self.accept_all_button, "Accept all"),
        ):
            # Their text names the change; it must not change the pane's layout. Each keeps
            # the room of the shortest wording it can have, whatever it shows now.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(max(button.width_for(word) for word in _SHORTEST[shortest]))
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.accept_all_button.clicked.connect(self.accept_all_current)

    def _buttons(self) -> list[FittedButton]:
        return [self.accept_button, self.reject_button, self.accept_all_button]

    # the current change and the list ---------------------------------------------------------
    def fill_list(self) -> None:
        """List the paragraph's changes now (a switch does it right after the paint)."""
        self._list_timer.stop()
        self.change_list.show_changes(
            self.changes, self.current_id, self.palette(), paragraph=self.state is not None
        )

    def _first_open(self) -> str:
        opened = [c.id for c in self.changes if c.is_open]
        return opened[0] if opened else (self.changes[0].id if self.changes else "")

    def _show_current(self, *, scroll: bool = True) -> None:
        change = self.current_change()
        opened = len(self.open_changes())
        if change is None:
            # The list says there is none; this line says what can be done instead.
            if self.state is None:
                self.change_label.set_texts("")
            elif self.read_only:
                self.change_label.set_texts("Nothing to accept or reject here")
            else:
                self.change_label.set_texts(
                    "Nothing to accept or reject: type, or F2, to edit the compromise by hand",
                    "Nothing to accept or reject here",
                )
            self.change_focused.emit("")
        else:
            decided = len(self.changes) - opened
            hidden = opened - len(self.laid_changes())
            elsewhere = f" ({hidden} in the list only)" if hidden > 0 else ""
            current = f"Current: {change.id} ({change.state})"
            self.change_label.set_texts(
                f"{current} · {opened} open{elsewhere}, {decided} decided · Alt+↓/↑ next/previous",
                f"{current} · {opened} open{elsewhere}, {decided} decided",
                f"{current} · {opened} open",
                current,
            )
            self.change_focused.emit(change.id)
        self.change_list.select(self.current_id)
        self._paint_marks(scroll=scroll)
        self._update_buttons()

    def set_current(self, change_id: str) -> None:
        if any(c.id == change_id for c in self.changes):
            self.current_id = change_id
            if not self.typing and not any(s.key == change_id for s in self.shown):
                self._render()  # a change of a proposal the panes do not show: lay it in
            self._show_current()

    def next_change(self) -> bool:
        return self._step(+1)

    def previous_change(self) -> bool:
        return self._step(-1)

    def _step(self, direction: int) -> bool:
        """Move among the open changes, in text order."""
        opened = [c.id for c in self.open_changes()]
        if self.current_id in opened:
            index = opened.index(self.current_id) + direction
        else:
            index = 0 if direction > 0 else len(opened) - 1
        if 0 <= index < len(opened):
            self.set_current(opened[index])
            return True
        self.message.emit(
            "No further open change in this paragraph (Ctrl+PgDown: next paragraph)"
            if direction > 0
            else "This is the first open change of the paragraph"
        )
        return False

    # actions -------------------------------------------------------------------------------
    def accept_current(self) -> None:
        change = self.current_change()
        if change is None or not self._ready_to_write():
            return
        if change.is_open:
            self.controller.accept(change.id)
        elif change.state is ChangeState.ACCEPTED:
            self.message.emit(f"{change.id} is already in the compromise")
        else:
            self.message.emit(f"{change.id} was rejected: restore it first")

    def reject_current(self) -> None:
        change = self.current_change()
        if change is None or not self._ready_to_write():
            return
        if change.is_open:
            self.controller.reject(change.id)
        elif change.state is ChangeState.REJECTED:
            self.controller.restore(change.id)
        else:
            self.message.emit(f"{change.id} is in the compromise: undo it (Ctrl+Z) or edit")

    def accept_all_current(self) -> None:
        change = self.current_change()
        if change is None or not self._ready_to_write():
            return
        variant_id = change.variant_id
        if not any(
            c.state is ChangeState.PENDING and c.proposed_by(variant_id) for c in self.changes
        ):
            self.message.emit(f"Nothing pending from {change.first.tag}")
            return
        self.controller.accept_all(variant_id)

    def accept_from_variant(self, variant_id: int) -> bool:
        """Ctrl+N: the current change if this proposal makes it, else its rival from this
        proposal (a conflict settled in its favour), else this proposal's first open change."""
        current = self.current_change()
        opened = [c for c in self.open_changes() if c.proposed_by(variant_id) is not None]
        choice: Change | None = None
        if current is not None and current.is_open and current.proposed_by(variant_id):
            choice = current
        elif current is not None:
            choice = next(
                (
                    c
                    for c in opened
                    if c.id in current.rivals or touches(c.start, c.end, current.start, current.end)
                ),
                None,
            )
        if choice is None:
            choice = opened[0] if opened else None
        if choice is None:
            self.message.emit("That pane's text proposes no open change here")
            return False
        if not self._ready_to_write():
            return False
        self.current_id = choice.id
        return self.controller.accept(choice.id) is not None

    def _on_list_action(self, what: str, change_id: str) -> None:
        self.set_current(change_id)
        if what == "edit":
            change = self.current_change()
            self.start_typing_at(change.start if change else 0)
        elif what == "accept":
            self.accept_current()
        elif what in ("reject", "restore"):
            self.reject_current()

    def _ready_to_write(self) -> bool:
        if self.read_only:
            self.message.emit("This file is open read-only: nothing can be changed")
            return False
        if self.typing:
            self.commit_typing()
        return True

    def _update_buttons(self) -> None:
        change = self.current_change()
        writable = not self.read_only and change is not None
        self.accept_button.setEnabled(writable and change is not None and change.is_open)
        self.reject_button.setEnabled(
            writable and change is not None and change.state is not ChangeState.ACCEPTED
        )
        self.accept_all_button.setEnabled(writable)
        if change is None:
            self.accept_all_button.set_texts("Accept all")
            self.accept_button.set_texts("Accept")
            self.reject_button.set_texts("Reject")
            self._update_mode_label()
            return
        tag = change.first.tag
        self.accept_all_button.set_texts(f"Accept all from {tag}", "Accept all")
        verb = "Take" if change.state is ChangeState.CONFLICT else "Accept"
        self.accept_button.set_texts(f"{verb} {change.id}", verb)
        self.reject_button.set_texts(
            {
                ChangeState.CONFLICT: "Keep as is",
                ChangeState.REJECTED: "Restore",
            }.get(change.state, "Reject")
        )
        self._update_mode_label()
