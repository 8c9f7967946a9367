"""The Import dialog: its column mapping decides what lands in the workbench file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ui.file_actions import FileActions
from ui.import_dialog import ImportDialog
from workbench.importing import ColumnRole
from workbench.model import Role

GC_COLUMN = 1  # the sample's "GC Proposed Text"
STATEMENT = Path(__file__).resolve().parents[2] / "resources/samples/caucus-statement-wgig.txt"
TIMEOUT_MS = 30_000


def _open_dialog(qtbot: QtBot, actions: FileActions, source: Path) -> ImportDialog:
    """The dialog comes up once the file has been read in the background."""
    with qtbot.waitSignal(actions.import_dialog_shown, timeout=TIMEOUT_MS) as shown:
        assert actions.show_import_dialog(source) is not None
    dialog = shown.args[0]
    assert isinstance(dialog, ImportDialog)
    return dialog


def _click_import(qtbot: QtBot, actions: FileActions, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(actions.import_finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def test_dialog_shows_each_column_with_its_guessed_role_and_stakeholder(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, sample_copy)
    assert [dialog.role(i) for i in range(3)] == [
        ColumnRole.DRAFT,
        ColumnRole.PROPOSAL,
        ColumnRole.COMPROMISE,
    ]
    assert dialog.stakeholder_edit(GC_COLUMN).text() == "GC"
    assert dialog.table is not None
    assert "GC Proposed Text" in dialog.table.horizontalHeaderItem(GC_COLUMN).text()
    assert dialog.table.item(2, 0).text().startswith("39.")


def test_renamed_stakeholder_is_the_one_imported(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, sample_copy)
    edit = dialog.stakeholder_edit(GC_COLUMN)
    edit.clear()
    qtbot.keyClicks(edit, "Gender Caucus")
    _click_import(qtbot, actions, dialog)

    wb = actions.controller.wb
    assert wb is not None
    assert wb.path == sample_copy.with_suffix(".nwb")
    names = [s.name for s in wb.stakeholders()]
    assert "Gender Caucus" in names
    assert "GC" not in names


def test_ignored_column_is_not_imported(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, sample_copy)
    combo = dialog.role_combo(GC_COLUMN)
    combo.setCurrentIndex(combo.findData(ColumnRole.IGNORE))
    assert not dialog.stakeholder_edit(GC_COLUMN).isEnabled()
    _click_import(qtbot, actions, dialog)

    wb = actions.controller.wb
    assert wb is not None
    assert [s.name for s in wb.stakeholders()] == ["Chair"]
    roles = {v.role for variants in wb.variants_by_paragraph().values() for v in variants}
    assert Role.PROPOSAL not in roles
    assert wb.paragraph_by_label("39") is not None


def test_import_needs_a_column_of_text(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, sample_copy)
    for index in range(3):
        combo = dialog.role_combo(index)
        combo.setCurrentIndex(combo.findData(ColumnRole.IGNORE))
    assert not dialog.import_button.isEnabled()


def test_statement_is_imported_under_the_name_given(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    _window, actions = file_window
    assert actions.new_file(tmp_path / "talks.nwb")
    dialog = _open_dialog(qtbot, actions, STATEMENT)
    assert dialog.table is None
    qtbot.keyClicks(dialog.statement_stakeholder, "Women's Caucus")
    _click_import(qtbot, actions, dialog)

    wb = actions.controller.wb
    assert wb is not None
    assert wb.path == tmp_path / "talks.nwb"
    assert [s.name for s in wb.stakeholders()] == ["Women's Caucus"]
    assert len(wb.paragraphs()) > 3


REALDOCS = Path(__file__).resolve().parents[2].parent / "shared" / "realdocs"
if not REALDOCS.is_dir():
    REALDOCS = Path("/work/shared/realdocs")
PARIS_DECISION = REALDOCS / "05_unfccc_decision_1_CP21_adoption_of_paris_agreement.txt"


def test_dialog_shows_what_was_found_before_importing(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    if not PARIS_DECISION.exists():
        pytest.skip(f"{PARIS_DECISION} is absent")
    _window, actions = file_window
    assert actions.new_file(tmp_path / "talks.nwb")
    dialog = _open_dialog(qtbot, actions, PARIS_DECISION)
    found = dialog.found.toPlainText()
    assert "layout: body-text" in found
    assert "260 operative" in found
    assert "33 preambular" in found
    assert "set aside: the signature line" in found
    # The window's words, not the command line's: the dialog's own field names the author.
    assert "draft: every paragraph is" in found
    assert "(“Whose text” in the Import dialog names another)" in found
    assert "--" not in found
    assert dialog.profile_combo.currentData() == "body-text"
    assert dialog.table is None
    _click_import(qtbot, actions, dialog)
    wb = actions.controller.wb
    assert wb is not None
    assert wb.paragraph_by_label("139") is not None
    assert wb.paragraph_by_label("Annex PP1") is not None


def test_choosing_another_layout_previews_it_again(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    if not PARIS_DECISION.exists():
        pytest.skip(f"{PARIS_DECISION} is absent")
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, PARIS_DECISION)
    with qtbot.waitSignal(actions.task_started) as started:
        dialog.profile_combo.setCurrentIndex(dialog.profile_combo.findData("statement"))
    assert not dialog.import_button.isEnabled()  # until the reading as a statement is in
    qtbot.waitUntil(lambda: "layout: statement" in dialog.found.toPlainText(), timeout=TIMEOUT_MS)
    assert started.args[0] is not None
    assert dialog.request().profile == "statement"
    assert dialog.import_button.isEnabled()


def test_a_cancelled_layout_switch_keeps_what_was_shown(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], big_table_docx: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, big_table_docx)  # read for seconds: time to cancel
    assert dialog.profile_combo.currentData() == "un-table"
    with qtbot.waitSignal(actions.task_started) as started:
        dialog.profile_combo.setCurrentIndex(dialog.profile_combo.findData("statement"))
    with qtbot.waitSignal(actions.status_shown, timeout=TIMEOUT_MS):
        started.args[0].cancel()
    assert dialog.profile_combo.currentData() == "un-table"
    assert "layout: un-table" in dialog.found.toPlainText()
    assert dialog.import_button.isEnabled()


def test_stakeholders_suggested_and_near_duplicates_warned(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    first = _open_dialog(qtbot, actions, sample_copy)
    _click_import(qtbot, actions, first)
    wb = actions.controller.wb
    assert wb is not None
    again = _open_dialog(qtbot, actions, sample_copy)
    edit = again.stakeholder_edit(GC_COLUMN)
    completer = edit.completer()
    assert completer is not None
    suggested = [completer.model().index(i, 0).data() for i in range(completer.model().rowCount())]
    assert set(suggested) == {"Chair", "GC"}
    assert again.name_warning.text() == ""
    edit.clear()
    qtbot.keyClicks(edit, "Gender Caucus")
    assert "“Gender Caucus” would be a new stakeholder, but the file has “GC”" in (
        again.name_warning.text()
    )
    assert again.name_warning.isVisibleTo(again)


def test_unnamed_column_must_be_named(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workbench" / "importing"))
    from docx_builders import text_table, write_docx

    source = write_docx(
        tmp_path / "unnamed.docx",
        text_table(
            ["Article number", "Commission proposed text", "Proposed text", "Justification"],
            ["Recital 5", "Five.", "Five, better.", "Clearer."],
        ),
    )
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, source)
    assert dialog.profile_combo.currentData() == "comparison"
    assert dialog.role(3) is ColumnRole.NOTE
    assert dialog.stakeholder_edit(2).text() == ""
    assert not dialog.import_button.isEnabled()
    assert "column 3" in dialog.import_button.toolTip()
    qtbot.keyClicks(dialog.stakeholder_edit(2), "ACME")
    assert dialog.import_button.isEnabled()
    _click_import(qtbot, actions, dialog)
    wb = actions.controller.wb
    assert wb is not None
    assert {s.name for s in wb.stakeholders()} == {"Commission", "ACME"}


def _tracked_decision(tmp_path: Path) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workbench" / "importing"))
    from tracked_builders import commented_decision

    return commented_decision(tmp_path / "decision.docx")


def _proposers(actions: FileActions, label: str) -> list[str]:
    wb = actions.controller.wb
    assert wb is not None
    paragraph = wb.paragraph_by_label(label)
    assert paragraph is not None
    names = {s.id: s.name for s in wb.stakeholders()}
    return [names[v.stakeholder_id] for v in wb.variants(paragraph.id) if v.role is Role.PROPOSAL]


def test_word_authors_are_mapped_to_stakeholders(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, _tracked_decision(tmp_path))
    assert dialog.authors is not None
    assert dialog.authors.isVisibleTo(dialog)
    assert sorted(dialog.authors.edits) == ["Ana", "Bo"]
    assert dialog.authors.edits["Ana"].text() == "Ana"  # each author's own name unless changed
    ana = dialog.authors.edits["Ana"]
    ana.clear()
    qtbot.keyClicks(ana, "European Union")
    _click_import(qtbot, actions, dialog)
    assert _proposers(actions, "1") == ["European Union"]
    assert _proposers(actions, "2") == ["Bo"]


def test_everything_as_one_stakeholder_needs_a_name(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, _tracked_decision(tmp_path))
    assert dialog.authors is not None
    dialog.authors.as_one.setChecked(True)
    assert not dialog.import_button.isEnabled()
    assert not dialog.authors.edits["Bo"].isEnabled()
    qtbot.keyClicks(dialog.authors.one_name, "G77")
    assert dialog.import_button.isEnabled()
    _click_import(qtbot, actions, dialog)
    assert _proposers(actions, "1") == ["G77"]
    assert _proposers(actions, "2") == ["G77"]


def test_a_file_without_tracked_changes_asks_nothing_about_authors(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(qtbot, actions, sample_copy)
    assert dialog.authors is None


LIBE = REALDOCS / "15_ep_libe_gdpr_amendments_1829-2090_929511XM.docx"


def _form_labels(dialog: ImportDialog) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]


def test_the_dialog_asks_for_a_name_only_where_the_document_gives_none(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    """A draft decision: whose draft it is. Amendments: the document names every author, so
    there is nothing to ask (and no "one stakeholder's paragraphs" said of them)."""
    if not PARIS_DECISION.exists() or not LIBE.exists():
        pytest.skip("the real documents are absent")
    _window, actions = file_window
    assert actions.new_file(tmp_path / "talks.nwb")
    dialog = _open_dialog(qtbot, actions, PARIS_DECISION)
    labels = _form_labels(dialog)
    assert "Whose draft:" in labels
    assert dialog.statement_stakeholder.isVisibleTo(dialog)
    dialog.reject()
    dialog = _open_dialog(qtbot, actions, LIBE)
    labels = _form_labels(dialog)
    assert not any(text.startswith("Whose") for text in labels)
    assert not dialog.statement_stakeholder.isVisibleTo(dialog)
    assert any("by the members the document names" in text for text in labels)
    assert not any("one stakeholder's paragraphs" in text for text in labels)
