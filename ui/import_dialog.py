"""The Import dialog: what the import found, before anything is written, and the user's choices.

It shows the layout the importer chose (and lets the user pick another), the summary the
command line prints (sections, paragraphs, numbering, tables set aside, warnings), for a file
with Word tracked changes whose proposals each author's changes are (`author_mapping`), and
for a table each column's guessed role and stakeholder, editable. Stakeholder fields suggest the
names the open workbench file already has and warn before a near-duplicate is created. A
column whose header names no one must be named before Import. It only gathers the choices into
an ImportRequest; FileActions runs the import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.author_mapping import AuthorMapping
from ui.file_jobs import ImportRequest
from ui.import_wording import window_lines
from ui.name_completion import suggest_names
from workbench.importing import (
    ColumnOverride,
    ColumnRole,
    PreviewColumn,
    TablePreview,
    near_duplicates,
)
from workbench.wording import counted

ROLE_ROW = 0
STAKEHOLDER_ROW = 1
_FIRST_SAMPLE_ROW = 2
_COLUMN_WIDTH = 260
_ROLE_HELP = {
    ColumnRole.LABEL: "Paragraph numbers or provisions",
    ColumnRole.DRAFT: "The draft under negotiation",
    ColumnRole.PROPOSAL: "A stakeholder's proposed text",
    ColumnRole.COMPROMISE: "The compromise so far",
    ColumnRole.NOTE: "A justification: the note of the proposal in its row",
    ColumnRole.IGNORE: "Not imported",
}
_NAMED_ROLES = frozenset({ColumnRole.DRAFT, ColumnRole.PROPOSAL, ColumnRole.COMPROMISE})
Repreview = Callable[[str], None]  # reads the file again as that layout; see show_layout


def _shown(rows: int) -> str:
    return "the first is shown" if rows == 1 else f"the first {rows} are shown"


_FOUND_BESIDE_TABLE = 150  # pixels of summary above a table of columns to map
_NO_LIMIT = 16_777_215  # QWIDGETSIZE_MAX

# Per layout read without columns: what it reads, and the label of the one name to give
# ("" where the document names whose text each is).
_TEXT_LAYOUTS = {
    "statement": (
        "No table of columns here: the text is read as one stakeholder's paragraphs (a "
        "statement, a draft decision, an agreement), added as that stakeholder's text.",
        "Whose text:",
    ),
    "body-text": (
        "No table of columns here: the text is read as a draft (headings, preambular and "
        "operative paragraphs), the draft of the stakeholder named here; tracked changes are "
        "their authors' proposals.",
        "Whose draft:",
    ),
    "compilation": (
        "Draft paragraphs, each followed by proposals: every proposal is its author's, as "
        "its line names them; the draft is the stakeholder's named here.",
        "Whose draft:",
    ),
    "ep-amendments": (
        "Each amendment is a proposal by the members the document names above it, on the "
        "Commission's text: nothing to name here.",
        "",
    ),
    "stacked-table": (
        "A row per text: whose text each is, is read from its row (draft, a proposal, the "
        "compromise): nothing to name here.",
        "",
    ),
}


class ImportDialog(QDialog):
    """Shows `preview`; `request()` holds the chosen layout, roles and names once accepted."""

    def __init__(
        self,
        preview: TablePreview,
        target: str,
        parent: QWidget | None = None,
        *,
        existing_stakeholders: Sequence[str] = (),
        repreview: Repreview | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.existing = list(existing_stakeholders)
        self._repreview = repreview
        self._chosen_profile: str | None = None  # set when the user picks a layout
        self.setWindowTitle(f"Import {preview.source.name}")
        self._role_combos: list[QComboBox] = []
        self._name_edits: list[QLineEdit] = []
        self.statement_stakeholder = QLineEdit()
        self.table: QTableWidget | None = None  # None for text without columns

        layout = self._outer = QVBoxLayout(self)
        form = QFormLayout()
        source = QLabel(str(preview.source))
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Import:", source)
        form.addRow("Into:", QLabel(target))
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName("Layout")
        form.addRow("Layout:", self.profile_combo)
        layout.addLayout(form)

        self.found = QPlainTextEdit()
        self.found.setReadOnly(True)
        self.found.setAccessibleName("What the import found")
        layout.addWidget(self.found, 1)
        self.name_warning = QLabel()
        self.name_warning.setWordWrap(True)
        self.name_warning.setStyleSheet("color: #a04000;")
        layout.addWidget(self.name_warning)
        self.authors: AuthorMapping | None = None
        if preview.authors:
            self.authors = AuthorMapping(preview.authors, self.existing, self._names_changed)
            layout.addWidget(self.authors)

        self._content_holder = QVBoxLayout()
        layout.addLayout(self._content_holder, 1)
        self._content: QWidget | None = None

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._fill_profiles()
        self.profile_combo.currentIndexChanged.connect(self._profile_changed)
        self._show(preview)
        self.import_button.setFocus()
        self.resize(*self._preferred_size())

    # -- building ---------------------------------------------------------------------------

    def _fill_profiles(self) -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        scores = self.preview.profiles or ((self.preview.profile, 1.0),)
        for name, score in scores:
            self.profile_combo.addItem(f"{name} (fit {score:.2f})", name)
        index = self.profile_combo.findData(self.preview.profile)
        self.profile_combo.setCurrentIndex(max(index, 0))
        self.profile_combo.blockSignals(False)

    def _show(self, preview: TablePreview) -> None:
        """Shows `preview`: its summary, then its columns or the statement's author field."""
        self.preview = preview
        self.found.setPlainText("\n".join(window_lines(preview.summary)))
        # Beside a table's columns the summary keeps a few lines; alone it takes the room.
        table = preview.kind == "table"
        self.found.setMaximumHeight(_FOUND_BESIDE_TABLE if table else _NO_LIMIT)
        self._outer.setStretchFactor(self._content_holder, 1 if table else 0)
        if self._content is not None:
            self._content_holder.removeWidget(self._content)
            self._content.deleteLater()
        self._role_combos, self._name_edits = [], []
        self.table = None
        if preview.kind == "table":
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(self._table_explanation())
            self.table = self._preview_table(preview.columns)
            box_layout.addWidget(self.table, 1)
            self._content = box
        else:
            self.statement_stakeholder = QLineEdit()
            self._content = self._statement_form()
        self._content_holder.addWidget(self._content)
        self._update_import_button()

    def _table_explanation(self) -> QLabel:
        shown = max((len(c.samples) for c in self.preview.columns), default=0)
        label = QLabel(
            f"A table of {counted(self.preview.rows, 'row')}; {_shown(shown)}. Check what each "
            "column holds and whose text it is, then import. Re-importing a revision matches "
            "paragraphs by their labels, and by their text where labels moved."
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

    def _completing(self, edit: QLineEdit) -> QLineEdit:
        """Suggests the stakeholders the file has; warns as a near-duplicate is typed."""
        suggest_names(edit, self.existing)
        edit.textChanged.connect(self._names_changed)
        return edit

    def _name_edit(self, column: PreviewColumn) -> QLineEdit:
        edit = QLineEdit(column.stakeholder)
        if column.role is ColumnRole.PROPOSAL and not column.stakeholder:
            edit.setPlaceholderText("Who proposes this text? (required)")
        else:
            edit.setPlaceholderText(f"Column {column.index + 1}")
        edit.setAccessibleName(f"Stakeholder of column {column.index + 1}")
        self._name_edits.append(edit)
        return self._completing(edit)

    def _statement_form(self) -> QWidget:
        """What the layout reads without a table of columns, and the one name to give: whose
        text a statement is, whose draft a draft is; none where the document names each."""
        box = QWidget()
        form = QFormLayout(box)
        wording, field = _TEXT_LAYOUTS.get(self.preview.profile, _TEXT_LAYOUTS["statement"])
        explanation = QLabel(wording)
        explanation.setWordWrap(True)
        form.addRow(explanation)
        if field:
            self.statement_stakeholder.setPlaceholderText("Guessed from the text when left blank")
            self.statement_stakeholder.setAccessibleName("Stakeholder of the statement")
            form.addRow(field, self._completing(self.statement_stakeholder))
        return box

    def _preferred_size(self) -> tuple[int, int]:
        authors = self.authors.sizeHint().height() if self.authors is not None else 0
        if self.table is None:
            return 720, 420 + authors
        width = 140 + _COLUMN_WIDTH * max(len(self.preview.columns), 1)
        return min(max(width, 760), 1280), min(700 + authors, 900)

    # -- reacting ---------------------------------------------------------------------------

    def _profile_changed(self, _index: int) -> None:
        name = self.profile_combo.currentData()
        if self._repreview is None or not isinstance(name, str):
            return
        # The file is read again as that layout in the background: `show_layout` follows.
        self.import_button.setEnabled(False)
        self._repreview(name)

    def show_layout(self, name: str, preview: TablePreview | None) -> None:
        """What reading the file as layout `name` found; None: it failed (the caller said why),
        so what was shown stays."""
        if preview is None:
            self._fill_profiles()
            self._update_import_button()
            return
        self._chosen_profile = name
        self._show(preview)

    def _role_changed(self, index: int) -> None:
        self._sync_name_edit(index)
        self._update_import_button()

    def _sync_name_edit(self, index: int) -> None:
        named = self.role(index) in _NAMED_ROLES
        self._name_edits[index].setEnabled(named)

    def _names_changed(self) -> None:
        self._update_import_button()

    def _missing_names(self) -> list[int]:
        return [
            i
            for i in range(len(self._role_combos))
            if self.role(i) is ColumnRole.PROPOSAL and not self._name_edits[i].text().strip()
        ]

    def _update_import_button(self) -> None:
        has_text = self.table is None or any(
            self.role(i) in _NAMED_ROLES for i in range(len(self._role_combos))
        )
        missing = self._missing_names()
        unnamed = self.authors is not None and self.authors.missing()
        self.import_button.setEnabled(has_text and not missing and not unnamed)
        if not has_text:
            tip = "Mark at least one column as draft, proposal or compromise."
        elif missing:
            tip = f"Name who proposes the text of column {missing[0] + 1}."
        elif unnamed:
            tip = "Name the stakeholder every tracked change is from."
        else:
            tip = ""
        self.import_button.setToolTip(tip)
        self._warn_near_duplicates()

    def _warn_near_duplicates(self) -> None:
        names = [edit.text().strip() for edit in self._name_edits if edit.isEnabled()]
        if self.table is None:
            names = [self.statement_stakeholder.text().strip()]
        if self.authors is not None:
            names += self.authors.names()
        lines = []
        for name in dict.fromkeys(n for n in names if n):
            similar = near_duplicates(name, self.existing)
            if similar:
                others = ", ".join(f"“{s}”" for s in similar)
                lines.append(
                    f"“{name}” would be a new stakeholder, but the file has {others}: its texts "
                    f"would stand apart. Type the name as the file has it to add to theirs."
                )
        self.name_warning.setText("\n".join(lines))
        self.name_warning.setVisible(bool(lines))

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
        authors = self.authors.author_map() if self.authors is not None else None
        if self.table is None:
            name = self.statement_stakeholder.text().strip()
            return ImportRequest(
                self.preview.source,
                stakeholder=name or None,
                profile=self._chosen_profile,
                authors=authors,
            )
        return ImportRequest(
            self.preview.source,
            column_overrides=self.column_overrides() or None,
            profile=self._chosen_profile,
            authors=authors,
        )
