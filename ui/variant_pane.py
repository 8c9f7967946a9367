"""A variant pane: one variant of the paragraph as it relates to the text it amends.

A proposal is shown as its changes to its base, in place, each tagged with its id and how it
stands ("GC 2 ✓"), exactly the changes the merge pane lists; the draft is shown as it is (the
text proposals amend); an imported compromise against the draft. Offsets in its signals and in
its `display` map are in that base, so panes over the same draft find the same place and stay
level. The pane never reads the file: the window hands it a variant and the paragraph's state.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIcon, QMouseEvent, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.change_marks import Shown, in_base, write_laid
from ui.empty_note import EmptyNote
from ui.fitting import FittedCombo, FittedLabel
from ui.layout_fence import LayoutFence
from ui.pane_choice import default_order
from ui.redline import (
    DisplayMap,
    extra_selection,
    focus_colour,
    stakeholder_colour,
    write_redline,
)
from ui.scroll_bars import flatten
from ui.search_marks import SearchMarks
from workbench.model import Role, Variant
from workbench.paragraph_state import Change, ParagraphState
from workbench.wording import counted

MIN_COMBO_WIDTH = 120
NOTHING_TO_SHOW = "(nothing to show)"


class VariantPane(QWidget):
    """A combo to pick the variant, and its text with its changes in place."""

    variant_picked = Signal(int, object)  # pane number, variant id: the user chose in the combo
    change_hovered = Signal(str)  # change id; "" when the mouse leaves a change
    change_clicked = Signal(str)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.combo = FittedCombo()
        self.combo.setAccessibleName(f"Variant shown in pane {number}")
        self.combo.setToolTip(
            f"Pane {number}: Ctrl+{number} accepts this proposal's change; every variant of the "
            "paragraph can be picked here"
        )
        # Its width comes from the pane, never from the names it lists.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(4)
        self.combo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.combo.setMinimumWidth(MIN_COMBO_WIDTH)
        self.combo.setPlaceholderText(NOTHING_TO_SHOW)
        badge = QLabel(f"{number}")
        badge.setToolTip(f"Pane {number} (Ctrl+{number})")
        badge.setStyleSheet("font-weight: 600; padding: 0 4px;")
        self.text_edit = QTextEdit()
        self.text_edit.setReadOnly(True)
        self.text_edit.setUndoRedoEnabled(False)  # shown, never edited: no undo to record
        # Always on: a scroll bar appearing would resize and re-lay out the text at a switch.
        self.text_edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        flatten(self.text_edit.verticalScrollBar())
        self.text_edit.setAccessibleName(f"Text of the variant in pane {number}")
        self.text_edit.viewport().setMouseTracking(True)
        self.text_edit.viewport().installEventFilter(self)
        self.empty_note = EmptyNote(self.text_edit)  # what the pane says when it shows nothing
        self.summary = FittedLabel()
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.summary.set_hint("Struck through: the base's words. Underlined: the proposal's.")
        # A proposal's note (its justification, who made its Word changes and when): one line,
        # cut with "…" when longer than the pane (it is the proposal's text, not a caption),
        # in full as the tooltip.
        self.note = FittedLabel()
        self.note.setObjectName("proposal_note")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.note.setStyleSheet("color: palette(dark); font-style: italic;")
        self.note.setAccessibleName(f"Note of the proposal in pane {number}")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(badge)
        header.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(header)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(LayoutFence(self.summary))  # its text changes at every switch
        layout.addWidget(LayoutFence(self.note))
        self.state: ParagraphState | None = None
        self.variant: Variant | None = None
        self.base_id: int | None = None  # the base its offsets are in
        self._listed: list[Variant] = []
        self._combo_items: list[tuple[int, tuple[str, ...]]] = []
        self.display = DisplayMap([])
        self.shown: list[Shown] = []
        self._hovered = ""
        self._marked = False  # marks are set (clearing none costs a repaint)
        self._focus_ranges: list[tuple[int, int]] = []
        self.search_marks = SearchMarks()
        self._empty_text = ""
        self.combo.activated.connect(self._on_activated)

    def scroll_bar(self) -> QScrollBar:
        return self.text_edit.verticalScrollBar()

    # content -----------------------------------------------------------------------------------
    def show_variant(self, state: ParagraphState | None, variant: Variant | None) -> None:
        """Show `variant` of the paragraph (None: say there is nothing to show)."""
        self.state = state
        self.variant = variant
        self._listed = default_order(state.variants) if state is not None else []
        tags = state.tags if state is not None else {}
        items = [(v.stakeholder_id, self._names(v, tags)) for v in self._listed]
        self.combo.blockSignals(True)
        if items != self._combo_items:  # neighbours often have the same variants: keep them
            self._combo_items = items
            self.combo.set_items([(_swatch(sid, self), texts) for sid, texts in items])
        index = next((i for i, v in enumerate(self._listed) if v is variant), -1)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        self._render()

    def current_variant(self) -> Variant | None:
        return self.variant

    def _names(self, variant: Variant, tags: dict[int, str]) -> tuple[str, ...]:
        """The item's wordings: "GC · proposal", then the name alone (its swatch and the
        summary under the text say the rest), then the name before its qualifiers."""
        assert self.state is not None
        who = tags.get(variant.id) or self.state.names.get(variant.stakeholder_id, "?")
        return (f"{who} · {variant.role}", who, _before_qualifiers(who))

    def changes(self) -> list[tuple[str, str]]:
        """The changes shown as (change id, the text shown for it: struck, added, tag)."""
        text = self.text_edit.toPlainText()
        return [(s.key, text[s.display_start : s.display_end]) for s in self.shown]

    def _on_activated(self, index: int) -> None:
        if 0 <= index < len(self._listed):
            self.variant_picked.emit(self.number, self._listed[index].id)

    def _render(self) -> None:
        if self._marked:  # the old text's marks go with it
            self.text_edit.setExtraSelections([])
            self._marked = False
        self._focus_ranges = []
        self.shown = []
        self._lay_out()
        self._find_search()
        if self.search_marks.ranges:
            self._paint_marks()

    def _lay_out(self) -> None:
        state, variant = self.state, self.variant
        self._set_note(
            variant.note if variant is not None and variant.role is Role.PROPOSAL else ""
        )
        if state is None or variant is None:
            self.text_edit.clear()
            self.display = DisplayMap([])
            self.base_id = None
            self._set_summary()
            self.empty_note.show_text(self._nothing_to_show())
            return
        self.empty_note.show_text("")
        if variant.role is Role.PROPOSAL:
            proposal = state.proposal(variant.id)
            own = state.changes_of(variant.id)
            self.base_id = variant.base_id
            base = proposal.base_text if proposal is not None else ""
            self.display, self.shown = write_laid(
                self.text_edit, base, [in_base(c) for c in own], self.palette()
            )
            self._set_summary(*_summary(proposal.tag if proposal else "", own))
        elif variant.role is Role.DRAFT:
            self.base_id = variant.id
            self.display, _ = write_laid(self.text_edit, variant.text, [], self.palette())
            self._set_summary("the draft: the text the proposals amend", "the draft")
        else:
            draft = next((v for v in state.variants if v.role is Role.DRAFT), None)
            self.base_id = draft.id if draft is not None else None
            colour = stakeholder_colour(variant.stakeholder_id, self.palette())
            self.display, _ = write_redline(
                self.text_edit, draft.text if draft else "", variant.text, colour
            )
            self._set_summary(
                "the compromise as imported, against the draft",
                "the compromise as imported",
                "as imported",
            )

    def _set_summary(self, *texts: str) -> None:
        self.summary.set_texts(*texts)  # unchanged wordings need no repaint

    def _set_note(self, note: str) -> None:
        line = " · ".join(part.strip() for part in note.splitlines() if part.strip())
        self.note.set_texts(f"Note: {line}" if line else "")  # unchanged: no repaint
        self.note.set_hint(note)

    def set_empty_text(self, text: str, selector: str = NOTHING_TO_SHOW) -> None:
        """What the pane says with no paragraph shown (how to open a file, with none open),
        and its selector."""
        self._empty_text = text
        self.combo.setPlaceholderText(selector)
        if self.state is None:
            self.empty_note.show_text(text)

    def _nothing_to_show(self) -> str:
        if self.state is None:
            return self._empty_text
        if self.number == 1 and not any(v.role is Role.DRAFT for v in self.state.variants):
            return "No draft: a proposed new paragraph."
        if not any(v.role is Role.PROPOSAL for v in self.state.variants):
            return "No proposal on this paragraph."
        return "No further variant."

    # the change in focus -----------------------------------------------------------------------
    def show_focus(self, change: Change | None) -> None:
        """Mark the change here: its own words if this proposal makes it, else the place in
        the same base; nothing when the pane shows another base."""
        ranges = []
        if change is not None and self.variant is not None:
            ranges = [(s.display_start, s.display_end) for s in self.shown if s.key == change.id]
            if not ranges and change.base_id is not None and change.base_id == self.base_id:
                ranges = [self.display.base_range(change.base_start, change.base_end)]
        if not ranges and not self._marked:
            return  # clearing no marks would cost a repaint
        self._focus_ranges = ranges
        self._paint_marks()
        if not ranges:
            return
        first = QTextCursor(self.text_edit.document())
        first.setPosition(min(ranges[0][0], max(0, self.text_edit.document().characterCount() - 1)))
        rect = self.text_edit.cursorRect(first)
        if not self.text_edit.viewport().rect().contains(rect.center()):
            self.text_edit.setTextCursor(first)
            self.text_edit.ensureCursorVisible()

    def _paint_marks(self) -> None:
        colour = focus_colour(self.palette())
        selections = [
            extra_selection(self.text_edit, start, end, colour) for start, end in self._focus_ranges
        ] + self.search_marks.selections(self.text_edit)
        self.text_edit.setExtraSelections(selections)
        self._marked = bool(selections)

    # search ------------------------------------------------------------------------------------
    def set_search(self, query: str) -> None:
        """Mark the matches of `query` in the text this pane stands for ("": none)."""
        self.search_marks.query = query
        self._find_search()
        if self.search_marks.ranges or self._marked:
            self._paint_marks()

    def _find_search(self) -> None:
        variant = self.variant
        # A proposal's pane stands for the proposal (its words, not the base's struck ones);
        # the draft's for the draft; an imported compromise's for that compromise.
        side = "old" if variant is not None and variant.role is Role.DRAFT else "new"
        self.search_marks.find(self.text_edit, self.display, side)

    def search_matches(self) -> int:
        return len(self.search_marks.ranges)

    def show_search_match(self, index: int) -> None:
        """Make match `index` the current one (-1: none) and bring it into sight."""
        self.search_marks.current = index
        self._paint_marks()
        self.search_marks.scroll_to_current(self.text_edit)

    # hovering and clicking a change ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text_edit.viewport():
            kind = event.type()
            if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
                self._hover(self._change_at(event))
            elif kind == QEvent.Type.Leave:
                self._hover("")
            elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
                key = self._change_at(event)
                if key:
                    self.change_clicked.emit(key)
        return super().eventFilter(watched, event)

    def _change_at(self, event: QMouseEvent) -> str:
        offset = self.text_edit.cursorForPosition(event.position().toPoint()).position()
        return next((s.key for s in self.shown if s.display_start <= offset < s.display_end), "")

    def _hover(self, key: str) -> None:
        if key != self._hovered:
            self._hovered = key
            self.change_hovered.emit(key)


def _before_qualifiers(name: str) -> str:
    """ "Group of 77 and China" of "Group of 77 and China, speaking also for ..." (a name's
    qualifiers follow a comma, a parenthesis or a dash)."""
    cut = min(
        (name.find(mark) for mark in (", ", " (", " – ", " - ") if name.find(mark) >= 3),
        default=-1,
    )
    return name[:cut] if cut > 0 else name


def _summary(tag: str, changes: list[Change]) -> tuple[str, ...]:
    """The line under a proposal: its wordings, the tag dropped first (the combo names it)."""
    if not changes:
        return (f"{tag}: the same words as its base", "the same words as its base", "no change")
    counts = Counter(str(c.state) for c in changes)
    states = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
    total = counted(len(changes), "change")
    return (f"{tag}: {total} ({states})", f"{total} ({states})", total)


_swatches: dict[tuple[int, str], QIcon] = {}


def _swatch(stakeholder_id: int, widget: QWidget) -> QIcon:
    key = (stakeholder_id, widget.palette().color(widget.palette().ColorRole.Base).name())
    icon = _swatches.get(key)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(stakeholder_colour(stakeholder_id, widget.palette()))
        icon = _swatches[key] = QIcon(pixmap)
    return icon
