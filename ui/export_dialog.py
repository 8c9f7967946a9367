"""The Export dialog: layout, proposal columns, options, paper and target; FileActions exports.

The target starts in the folder exported to last, else the user's Documents folder: never next
to the workbench file, which may sit in a hidden data folder (the bundled sample does).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import settings as stored
from workbench.exporting import ExportOptions, Layout, Paper

LAYOUT_CHOICES: tuple[tuple[Layout, str], ...] = (
    ("table", "Table: draft, proposals, compromise with tracked changes"),
    ("clean", "Clean text: the compromise only, ready to circulate"),
    ("history", "History: every version of each paragraph, who and when"),
)


@dataclass(frozen=True)
class ExportRequest:
    out: Path
    layout: Layout
    stakeholders: tuple[str, ...]  # proposal columns of the table layout
    options: ExportOptions


def default_export_path(folder: Path, workbench_path: Path, layout: Layout) -> Path:
    # Never the .docx the file was imported from: that name is taken by the source.
    return folder / f"{workbench_path.stem} - {layout}.docx"


class ExportDialog(QDialog):
    """Gathers an ExportRequest; `use_native_dialog=False` keeps Browse testable offscreen.

    `settings` gives the folder and paper to start from, and keeps the folder chosen.
    """

    def __init__(
        self,
        workbench_path: Path,
        proposers: list[str],
        parent: QWidget | None = None,
        *,
        settings: QSettings,
        use_native_dialog: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Export {workbench_path.name} to Word")
        self._workbench_path = workbench_path
        self._settings = settings
        self._folder = stored.export_folder(settings)
        self._use_native_dialog = use_native_dialog
        self._path_edited = False
        self._confirmed_path = ""

        self.layout_combo = QComboBox()
        for choice, text in LAYOUT_CHOICES:
            self.layout_combo.addItem(text, choice)

        self.stakeholder_list = QListWidget()
        self.stakeholder_list.setAccessibleName("Proposal columns")
        for name in proposers:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.stakeholder_list.addItem(item)
        # As tall as its names (up to six, then it scrolls), so the options stay in view.
        rows = max(min(len(proposers), 6), 1)
        row_height = max(self.stakeholder_list.sizeHintForRow(0), 20)
        self.stakeholder_list.setFixedHeight(
            row_height * rows + 2 * self.stakeholder_list.frameWidth() + 4
        )

        self.agreed_only = QCheckBox("Agreed and agreed ad ref paragraphs only")
        self.redline_compromise = QCheckBox(
            "Compromise as a manual redline (struck and underlined) instead of tracked changes"
        )
        self.redline_proposals = QCheckBox("Proposals as their changes against the draft")

        self.paper_combo = QComboBox()
        self.paper_combo.setAccessibleName("Paper")
        for paper in Paper:
            self.paper_combo.addItem(paper.label, paper.value)
        self.paper_combo.setCurrentIndex(
            self.paper_combo.findData(stored.export_paper(settings).value)
        )

        self.path_edit = QLineEdit(str(default_export_path(self._folder, workbench_path, "table")))
        self.path_edit.textEdited.connect(self._mark_path_edited)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        columns_box = QGroupBox("Proposals (table layout: a column each; rows beyond three)")
        columns_layout = QVBoxLayout(columns_box)
        columns_layout.addWidget(self.stakeholder_list)
        self.columns_box = columns_box

        options_box = QGroupBox("Options")
        options_layout = QVBoxLayout(options_box)
        for box in (self.agreed_only, self.redline_compromise, self.redline_proposals):
            options_layout.addWidget(box)

        form = QFormLayout()
        form.addRow("Layout:", self.layout_combo)
        form.addRow("Paper:", self.paper_combo)
        form.addRow("Save as:", path_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(columns_box)
        layout.addWidget(options_box)
        layout.addWidget(buttons)

        self.layout_combo.currentIndexChanged.connect(self._layout_changed)
        self.path_edit.textChanged.connect(self._update_export_button)
        self._layout_changed()
        self.resize(640, self.sizeHint().height())

    def _mark_path_edited(self) -> None:
        self._path_edited = True

    def _layout_changed(self) -> None:
        table = self.chosen_layout() == "table"
        self.columns_box.setEnabled(table)
        self.redline_compromise.setEnabled(table)
        self.redline_proposals.setEnabled(table)
        if not self._path_edited:
            self.path_edit.setText(
                str(default_export_path(self._folder, self._workbench_path, self.chosen_layout()))
            )

    def _update_export_button(self) -> None:
        self.export_button.setEnabled(bool(self.path_edit.text().strip()))

    def _browse(self) -> None:
        options = QFileDialog.Option(0)
        if not self._use_native_dialog:
            options |= QFileDialog.Option.DontUseNativeDialog
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export to", self.path_edit.text(), "Word documents (*.docx)", "", options
        )
        if chosen:
            if not chosen.lower().endswith(".docx"):
                chosen += ".docx"
            self._path_edited = True
            self.path_edit.setText(chosen)
            self._confirmed_path = chosen  # the file dialog has asked about overwriting

    def accept(self) -> None:
        out = self.request().out
        if out.exists() and str(out) != self._confirmed_path:
            answer = QMessageBox.question(
                self, "Replace file?", f"{out.name} already exists in {out.parent}. Replace it?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        stored.set_export_folder(self._settings, out.parent)  # the next export starts there
        super().accept()

    def chosen_layout(self) -> Layout:
        layout: Layout = self.layout_combo.currentData()
        return layout

    def chosen_paper(self) -> Paper:
        return Paper(self.paper_combo.currentData())

    def chosen_stakeholders(self) -> tuple[str, ...]:
        items = (self.stakeholder_list.item(row) for row in range(self.stakeholder_list.count()))
        return tuple(i.text() for i in items if i.checkState() == Qt.CheckState.Checked)

    def request(self) -> ExportRequest:
        out = Path(self.path_edit.text().strip()).expanduser()
        if out.suffix.lower() != ".docx":
            out = out.with_name(out.name + ".docx")
        table = self.chosen_layout() == "table"
        options = ExportOptions(
            agreed_only=self.agreed_only.isChecked(),
            redline_compromise=table and self.redline_compromise.isChecked(),
            redline_proposals=table and self.redline_proposals.isChecked(),
            paper=self.chosen_paper(),
        )
        return ExportRequest(out, self.chosen_layout(), self.chosen_stakeholders(), options)
