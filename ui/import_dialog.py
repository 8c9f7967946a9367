"""The Import dialog: the source's table as guessed (role and stakeholder per column), editable.

It only gathers the user's choices into an ImportRequest; FileActions runs the import.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.file_jobs import ImportRequest
from workbench.importing import ColumnOverride, ColumnRole, PreviewColumn, TablePreview
from workbench.wording import counted

ROLE_ROW = 0
STAKEHOLDER_ROW = 1
_FIRST_SAMPLE_ROW = 2
_COLUMN_WIDTH = 260
_ROLE_HELP = {
    ColumnRole.LABEL: "Paragraph numbers",
    ColumnRole.DRAFT: "The draft under negotiation",
    ColumnRole.PROPOSAL: "A stakeholder's proposed text",
    ColumnRole.COMPROMISE: "The compromise so far",
    ColumnRole.IGNORE: "Not imported (comments, notes)",
}
_NAMED_ROLES = frozenset({ColumnRole.DRAFT, ColumnRole.PROPOSAL, ColumnRole.COMPROMISE})


def _shown(rows: int) -> str:
    return "the first is shown" if rows == 1 else f"the first {rows} are shown"


class ImportDialog(QDialog):
    """Shows `preview`; `request()` holds the chosen column roles and names once accepted."""

    def __init__(self, preview: TablePreview, target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Import {preview.source.name}")
        self._role_combos: list[QComboBox] = []
        self._name_edits: list[QLineEdit] = []
        self.statement_stakeholder = QLineEdit()
        self.table: QTableWidget | None = None  # None for a statement

        layout = QVBoxLayout(self)
        form = QFormLayout()
        source = QLabel(str(preview.source))
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Import:", source)
        form.addRow("Into:", QLabel(target))
        layout.addLayout(form)

        if preview.kind == "table":
            layout.addWidget(self._table_explanation())
            self.table = self._preview_table(preview.columns)
            layout.addWidget(self.table, 1)
        else:
            layout.addWidget(self._statement_form(), 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_import_button()
        self.import_button.setFocus()
        self.resize(*self._preferred_size())

    # -- building ---------------------------------------------------------------------------

    def _table_explanation(self) -> QLabel:
        shown = max((len(c.samples) for c in self.preview.columns), default=0)
        label = QLabel(
            f"A table of {counted(self.preview.rows, 'row')}; {_shown(shown)}. Check what each "
            "column holds and whose text it is, then import. Re-importing a revision matches "
            "paragraphs by their labels."
        )
        label.setWordWrap(True)
        return label

    def _preview_table(self, columns: tuple[PreviewColumn, ...]) -> QTableWidget:
        rows = max((len(c.samples) for c in columns), default=0)
        table = QTableWidget(_FIRST_SAMPLE_ROW + rows, len(columns))
        table.setHorizontalHeaderLabels(
            [f"Column {c.index + 1}\n{' '.join(c.header.split())}".strip() for c in columns]
        )
        table.setVerticalHeaderLabels(
            ["Role", "Stakeholder"] + [f"Row {n + 1}" for n in range(rows)]
        )
        table.setWordWrap(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        for column in columns:
            table.setColumnWidth(column.index, _COLUMN_WIDTH)
            table.setCellWidget(ROLE_ROW, column.index, self._role_combo(column))
            table.setCellWidget(STAKEHOLDER_ROW, column.index, self._name_edit(column))
            for row, sample in enumerate(column.samples):
                item = QTableWidgetItem(sample)
                item.setToolTip(sample)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                table.setItem(_FIRST_SAMPLE_ROW + row, column.index, item)
            self._sync_name_edit(column.index)
        table.resizeRowsToContents()
        table.verticalHeader().setSectionResizeMode(ROLE_ROW, QHeaderView.ResizeMode.Fixed)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _role_combo(self, column: PreviewColumn) -> QComboBox:
        combo = QComboBox()
        for role in ColumnRole:
            combo.addItem(role.value, role)
            combo.setItemData(combo.count() - 1, _ROLE_HELP[role], Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(list(ColumnRole).index(column.role))
        combo.setAccessibleName(f"Role of column {column.index + 1}")
        combo.currentIndexChanged.connect(lambda _i, index=column.index: self._role_changed(index))
        self._role_combos.append(combo)
        return combo

    def _name_edit(self, column: PreviewColumn) -> QLineEdit:
        edit = QLineEdit(column.stakeholder)
        edit.setPlaceholderText(f"Column {column.index + 1}")
        edit.setAccessibleName(f"Stakeholder of column {column.index + 1}")
        self._name_edits.append(edit)
        return edit

    def _statement_form(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        explanation = QLabel(
            "No negotiation table here: this is read as a statement, the numbered paragraphs "
            "of one stakeholder, added as that stakeholder's proposals."
        )
        explanation.setWordWrap(True)
        form.addRow(explanation)
        self.statement_stakeholder.setPlaceholderText("Guessed from the text when left blank")
        self.statement_stakeholder.setAccessibleName("Stakeholder of the statement")
        form.addRow("Whose statement:", self.statement_stakeholder)
        return box

    def _preferred_size(self) -> tuple[int, int]:
        if self.table is None:
            return 620, 240
        width = 140 + _COLUMN_WIDTH * max(len(self.preview.columns), 1)
        return min(max(width, 720), 1280), 620

    # -- reacting ---------------------------------------------------------------------------

    def _role_changed(self, index: int) -> None:
        self._sync_name_edit(index)
        self._update_import_button()

    def _sync_name_edit(self, index: int) -> None:
        named = self.role(index) in _NAMED_ROLES
        self._name_edits[index].setEnabled(named)

    def _update_import_button(self) -> None:
        has_text = self.table is None or any(
            self.role(i) in _NAMED_ROLES for i in range(len(self._role_combos))
        )
        self.import_button.setEnabled(has_text)
        self.import_button.setToolTip(
            "" if has_text else "Mark at least one column as draft, proposal or compromise."
        )

    # -- what the caller reads ---------------------------------------------------------------

    def role_combo(self, index: int) -> QComboBox:
        return self._role_combos[index]

    def stakeholder_edit(self, index: int) -> QLineEdit:
        return self._name_edits[index]

    def role(self, index: int) -> ColumnRole:
        return ColumnRole(self._role_combos[index].currentData())

    def column_overrides(self) -> dict[int, ColumnOverride]:
        """Only the columns the user changed; the rest keep the importer's own guess."""
        overrides = {}
        for column in self.preview.columns:
            role = self.role(column.index)
            name = self._name_edits[column.index].text().strip()
            if role is column.role and (name == column.stakeholder or role not in _NAMED_ROLES):
                continue
            overrides[column.index] = ColumnOverride(role, name or None)
        return overrides

    def request(self) -> ImportRequest:
        if self.table is None:
            name = self.statement_stakeholder.text().strip()
            return ImportRequest(self.preview.source, stakeholder=name or None)
        return ImportRequest(self.preview.source, column_overrides=self.column_overrides() or None)
