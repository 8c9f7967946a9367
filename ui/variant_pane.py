"""A variant pane: one variant of the paragraph, redlined against the current compromise."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QMouseEvent, QPixmap, QTextCharFormat, QTextCursor
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

from ui.layout_fence import LayoutFence
from ui.redline import (
    ChangeRun,
    DisplayMap,
    focus_colour,
    stakeholder_colour,
    stakeholder_tint,
    write_redline,
)
from ui.scroll_bars import flatten
from workbench.model import Role, Variant


class VariantPane(QWidget):
    """A combo to pick the variant, and its text redlined against the current compromise.

    Offsets in its signals are in the compromise, so any other pane can find the same place.
    """

    variant_chosen = Signal(int)  # variant id
    change_hovered = Signal(int, int, int)  # base start, base end, variant id (-1s: none)
    change_clicked = Signal(int, int, int)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.combo = QComboBox()
        self.combo.setAccessibleName(f"Variant shown in pane {number}")
        self.combo.setToolTip(f"Pane {number}: Ctrl+{number} accepts this proposal's change")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(12)
        badge = QLabel(f"{number}")
        badge.setToolTip(f"Pane {number} (Ctrl+{number})")
        badge.setStyleSheet("font-weight: 600; padding: 0 4px;")
        self.text_edit = QTextEdit()
        self.text_edit.setReadOnly(True)
        # Always on: a scroll bar appearing would resize and re-lay out the text at a switch.
        self.text_edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        flatten(self.text_edit.verticalScrollBar())
        self.text_edit.setAccessibleName(f"Text of the variant in pane {number}")
        self.text_edit.viewport().setMouseTracking(True)
        self.text_edit.viewport().installEventFilter(self)
        self.summary = QLabel()
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.summary.setToolTip("Struck through: not in this text. Underlined: added by it.")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(badge)
        header.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(header)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(LayoutFence(self.summary))  # its text changes at every switch
        self._variants: list[Variant] = []
        self._combo_items: list[tuple[int, str]] = []
        self._names: dict[int, str] = {}
        self._compromise = ""
        self.display = DisplayMap([])
        self.runs: list[ChangeRun] = []
        self._hovered: ChangeRun | None = None
        self.combo.currentIndexChanged.connect(self._on_chosen)

    def scroll_bar(self) -> QScrollBar:
        return self.text_edit.verticalScrollBar()

    # content -----------------------------------------------------------------------------------
    def set_variants(
        self, variants: Sequence[Variant], names: dict[int, str], compromise: str, default: int
    ) -> None:
        """Fill the combo; keep the stakeholder and role chosen before if this paragraph has it."""
        previous = self.current_variant()
        keep = (previous.stakeholder_id, previous.role) if previous else None
        self._variants = list(variants)
        self._names = names
        self._compromise = compromise
        items = [
            (variant.stakeholder_id, f"{names.get(variant.stakeholder_id, '?')} · {variant.role}")
            for variant in self._variants
        ]
        self.combo.blockSignals(True)
        if items != self._combo_items:  # most neighbours have the same stakeholders: keep them
            self._combo_items = items
            self.combo.clear()
            for stakeholder_id, text in items:
                self.combo.addItem(_swatch(stakeholder_id, self), text)
        chosen = next(
            (i for i, v in enumerate(self._variants) if (v.stakeholder_id, v.role) == keep),
            min(default, len(self._variants) - 1),
        )
        self.combo.setCurrentIndex(chosen)
        self.combo.blockSignals(False)
        self._render()

    def choose(self, default: int) -> None:
        """Pick a variant by position (the window's defaults), as if the user did."""
        if 0 <= default < len(self._variants):
            self.combo.setCurrentIndex(default)

    def set_compromise(self, compromise: str) -> None:
        self._compromise = compromise
        self._render()

    def current_variant(self) -> Variant | None:
        index = self.combo.currentIndex()
        return self._variants[index] if 0 <= index < len(self._variants) else None

    def changes(self) -> list[tuple[str, str]]:
        """The shown changes as (op, text): what a reader sees struck through or underlined."""
        text = self.text_edit.toPlainText()
        return [(run.op, text[run.display_start : run.display_end]) for run in self.runs]

    def _on_chosen(self, _index: int) -> None:
        self._render()
        variant = self.current_variant()
        if variant is not None:
            self.variant_chosen.emit(variant.id)

    def _render(self) -> None:
        variant = self.current_variant()
        self.text_edit.setExtraSelections([])
        if variant is None:
            self.text_edit.clear()
            self.display, self.runs = DisplayMap([]), []
            self.summary.setText("")
            if self._compromise:
                self.text_edit.setPlaceholderText("No further variant here.")
            return
        colour = stakeholder_colour(variant.stakeholder_id, self.palette())
        tint = stakeholder_tint(variant.stakeholder_id, self.palette())
        self.display, self.runs = write_redline(
            self.text_edit, self._compromise, variant.text, colour, tint
        )
        changed = sum(1 for run in self.runs if run.op == "insert") or len(self.runs)
        if not self.runs:
            self.summary.setText("same as the compromise")
        elif variant.role is Role.COMPROMISE:
            self.summary.setText("the compromise as imported; differences struck and underlined")
        else:
            words = "difference" if changed == 1 else "differences"
            self.summary.setText(f"{changed} {words} from the compromise")

    # the change in focus -----------------------------------------------------------------------
    def show_focus(self, base_start: int, base_end: int) -> None:
        """Highlight the place matching base[start:end] of the compromise ([-1]: clear)."""
        if base_start < 0 or self.current_variant() is None:
            self.text_edit.setExtraSelections([])
            return
        ranges = [
            (run.display_start, run.display_end)
            for run in self.runs
            if _touches(run.base_start, run.base_end, base_start, base_end)
        ] or [self.display.base_range(base_start, base_end)]
        selections = []
        for start, end in ranges:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text_edit.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(focus_colour(self.palette()))
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.text_edit.setExtraSelections(selections)
        first = QTextCursor(self.text_edit.document())
        first.setPosition(ranges[0][0])
        rect = self.text_edit.cursorRect(first)
        if not self.text_edit.viewport().rect().contains(rect.center()):
            self.text_edit.setTextCursor(first)
            self.text_edit.ensureCursorVisible()

    # hovering and clicking a change ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text_edit.viewport():
            kind = event.type()
            if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
                self._hover(self._run_at(event))
            elif kind == QEvent.Type.Leave:
                self._hover(None)
            elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
                run = self._run_at(event)
                variant = self.current_variant()
                if run is not None and variant is not None:
                    self.change_clicked.emit(run.base_start, run.base_end, variant.id)
        return super().eventFilter(watched, event)

    def _run_at(self, event: QMouseEvent) -> ChangeRun | None:
        offset = self.text_edit.cursorForPosition(event.position().toPoint()).position()
        for run in self.runs:
            if run.display_start <= offset < run.display_end:
                return run
        return None

    def _hover(self, run: ChangeRun | None) -> None:
        if run == self._hovered:
            return
        self._hovered = run
        variant = self.current_variant()
        if run is None or variant is None:
            self.change_hovered.emit(-1, -1, -1)
        else:
            self.change_hovered.emit(run.base_start, run.base_end, variant.id)


def _touches(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Overlap of base ranges, counting an insertion point at the edge of the other range."""
    if a_start == a_end or b_start == b_end:
        return b_start <= a_start <= b_end or a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end


_swatches: dict[str, QIcon] = {}


def _swatch(stakeholder_id: int, widget: QWidget) -> QIcon:
    colour = stakeholder_colour(stakeholder_id, widget.palette()).name()
    icon = _swatches.get(colour)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(colour))
        icon = _swatches[colour] = QIcon(pixmap)
    return icon


def default_order(variants: Sequence[Variant]) -> list[Variant]:
    """The draft first, then the proposals in file order, then any imported compromise."""
    rank = {Role.DRAFT: 0, Role.PROPOSAL: 1, Role.COMPROMISE: 2}
    return sorted(variants, key=lambda variant: (rank[variant.role], variant.id))
