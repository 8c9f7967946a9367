"""A variant pane: one variant of the paragraph with its differences from the compromise."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QScrollBar, QTextEdit, QVBoxLayout, QWidget

from ui.redline import stakeholder_colour, write_redline
from workbench.model import Role, Variant


class VariantPane(QWidget):
    """A combo to pick the variant, and its text redlined against the current compromise."""

    variant_chosen = Signal(int)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.combo = QComboBox()
        self.combo.setAccessibleName(f"Variant shown in pane {number}")
        self.text_edit = QTextEdit()
        self.text_edit.setReadOnly(True)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.combo)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.summary)
        self._variants: list[Variant] = []
        self._names: dict[int, str] = {}
        self._compromise = ""
        self.combo.currentIndexChanged.connect(self._on_chosen)

    def scroll_bar(self) -> QScrollBar:
        return self.text_edit.verticalScrollBar()

    def set_variants(
        self, variants: Sequence[Variant], names: dict[int, str], compromise: str, default: int
    ) -> None:
        """Fill the combo; keep the same stakeholder & role chosen when the paragraph changes."""
        previous = self.current_variant()
        keep = (previous.stakeholder_id, previous.role) if previous else None
        self._variants = list(variants)
        self._names = names
        self._compromise = compromise
        self.combo.blockSignals(True)
        self.combo.clear()
        for variant in self._variants:
            name = names.get(variant.stakeholder_id, "?")
            self.combo.addItem(f"{name} ({variant.role})", variant.id)
        chosen = next(
            (i for i, v in enumerate(self._variants) if (v.stakeholder_id, v.role) == keep),
            min(default, len(self._variants) - 1),
        )
        self.combo.setCurrentIndex(chosen)
        self.combo.blockSignals(False)
        self._render()

    def set_compromise(self, compromise: str) -> None:
        self._compromise = compromise
        self._render()

    def current_variant(self) -> Variant | None:
        index = self.combo.currentIndex()
        return self._variants[index] if 0 <= index < len(self._variants) else None

    def _on_chosen(self, _index: int) -> None:
        self._render()
        variant = self.current_variant()
        if variant is not None:
            self.variant_chosen.emit(variant.id)

    def _render(self) -> None:
        variant = self.current_variant()
        if variant is None:
            self.text_edit.clear()
            self.summary.setText("")
            return
        colour = stakeholder_colour(variant.stakeholder_id, self.palette())
        changes = write_redline(self.text_edit, self._compromise, variant.text, colour)
        if variant.role is Role.COMPROMISE:
            self.summary.setText("compromise as imported")
        else:
            self.summary.setText(f"{changes} differences from the compromise")


class ScrollSync:
    """Keeps panes level: the pane being scrolled drives, the others follow proportionally.

    The guard stops the followers' own valueChanged from driving back (which would jitter).
    """

    def __init__(self, bars: Sequence[QScrollBar]) -> None:
        self._bars = list(bars)
        self._driving = False
        for bar in self._bars:
            bar.valueChanged.connect(lambda _value, source=bar: self._follow(source))

    def _follow(self, source: QScrollBar) -> None:
        if self._driving:
            return
        self._driving = True
        try:
            span = source.maximum() - source.minimum()
            fraction = (source.value() - source.minimum()) / span if span > 0 else 0.0
            for bar in self._bars:
                if bar is not source:
                    bar.setValue(round(bar.minimum() + fraction * (bar.maximum() - bar.minimum())))
        finally:
            self._driving = False
