"""Ctrl+F: the matches are marked in the panes and the compromise, counted, and stepped through.

Counts are checked against the file read independently (every compromise and variant
casefolded); marks against the words they cover; a 3,000-paragraph file's results open on
the first match, the tree at its top, whatever paragraph was shown before.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit
from pytestqt.qtbot import QtBot
from window_support import open_window, small_workbench

from ui.main_window import MainWindow
from ui.paragraph_tree_model import PARAGRAPH_ID_ROLE
from ui.search_marks import match_colour
from workbench.model import Role, StakeholderKind
from workbench.storage import NewVariant, WorkbenchFile

ARABIC_DRAFT = "تعزيز المساواة بين الجنسين في حوكمة الإنترنت"
ARABIC_PROPOSAL = "تعزيز المساواة الكاملة بين الجنسين في حوكمة الإنترنت"
CHINESE_DRAFT = "加强互联网治理论坛的作用"
CHINESE_PROPOSAL = "加强互联网治理论坛的作用，互联网治理需要妇女参与"


def search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    """Ctrl+F, type, Enter: as a user does."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # its keys work
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.tree_panel.search_box
    qtbot.waitUntil(box.hasFocus)
    box.clear()
    box.insert(query)  # as pasted (QTest cannot type Arabic or Chinese)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def marked(edit: QTextEdit) -> list[str]:
    """The words under a search mark (the match colours), in the order of the text."""
    colours = {
        match_colour(edit.palette(), current=False).name(),
        match_colour(edit.palette(), current=True).name(),
    }
    found = []
    for selection in edit.extraSelections():
        if selection.format.background().color().name() in colours:
            found.append((selection.cursor.selectionStart(), selection.cursor.selectedText()))
    return [text for _start, text in sorted(found)]


def current_mark(edit: QTextEdit) -> tuple[int, int] | None:
    colour = match_colour(edit.palette(), current=True).name()
    for selection in edit.extraSelections():
        if selection.format.background().color().name() == colour:
            return selection.cursor.selectionStart(), selection.cursor.selectionEnd()
    return None


def counted_in_file(path: Path, query: str) -> dict[str, int]:
    """Matches per paragraph label, read from the file without the window's code."""
    needle = query.casefold()
    counts: dict[str, int] = {}
    with WorkbenchFile.open(path, read_only=True) as wb:
        compromises = wb.compromises()
        variants = wb.variants_by_paragraph()
        for paragraph in wb.paragraphs():
            texts = [compromises.get(paragraph.id, "")]
            texts += [v.text for v in variants.get(paragraph.id, [])]
            count = sum(text.casefold().count(needle) for text in texts)
            if count:
                counts[paragraph.label] = count
    return counts


def test_matches_are_counted_marked_and_the_results_open_on_the_first(
    qtbot: QtBot, window: MainWindow, nwb: Path
) -> None:
    expected = counted_in_file(nwb, "internet")
    assert len(expected) > 3
    assert window.select_label("58")  # further down: the results must not start here
    search(qtbot, window, "internet")
    panel = window.tree_panel
    total = sum(expected.values())
    assert panel.search_status.full_text().startswith(
        f"{total} matches in {len(expected)} paragraphs"
    )
    assert panel.visible_paragraph_count() == len(expected)
    first_label = next(iter(expected))
    state = window.controller.state
    assert state is not None
    assert state.label == first_label
    # The row counts its matches, and the line under the box those of the paragraph shown.
    row = panel.model.index_of_paragraph(state.paragraph_id)
    assert f"×{expected[first_label]}" in str(row.data())
    assert f"{first_label}: {expected[first_label]} match" in panel.search_status.full_text()
    # Every mark covers the word, in the compromise and in the panes.
    texts = [window.merge_pane.text_edit] + [pane.text_edit for pane in window.panes]
    marks = [word for edit in texts for word in marked(edit)]
    assert marks
    assert {word.casefold() for word in marks} == {"internet"}
    # The first match is current, in sight.
    assert window.search_steps.position == 0
    owner = next(edit for edit in texts if current_mark(edit) is not None)
    start, _end = current_mark(owner)  # type: ignore[misc]
    cursor = QTextCursor(owner.document())
    cursor.setPosition(start)
    assert owner.viewport().rect().contains(owner.cursorRect(cursor).center())


def test_f3_steps_through_the_paragraph_then_on_and_shift_f3_back(
    qtbot: QtBot, window: MainWindow, nwb: Path
) -> None:
    expected = counted_in_file(nwb, "internet")
    labels = list(expected)
    search(qtbot, window, "internet")
    steps = window.search_steps
    shown = steps.count()
    assert shown >= 1
    for position in range(1, shown):
        qtbot.keyClick(window, Qt.Key.Key_F3)
        assert steps.position == position
        assert f"match {position + 1} of {shown}" in window.tree_panel.search_status.full_text()
    qtbot.keyClick(window, Qt.Key.Key_F3)  # past the last one here: the next paragraph
    assert window.controller.state is not None
    assert window.controller.state.label == labels[1]
    assert steps.position == 0
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # back again
    assert window.controller.state is not None
    assert window.controller.state.label == labels[0]
    assert steps.position == shown - 1
    # Enter in the search box steps on too; Shift+F3 from the first paragraph wraps round.
    qtbot.keyClick(window.tree_panel.search_box, Qt.Key.Key_Return)
    assert window.controller.state.label == labels[1]  # type: ignore[union-attr]
    assert steps.position == 0
    window.select_label(labels[0])
    window.search_steps.go(0)
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.controller.state.label == labels[-1]  # type: ignore[union-attr]


def test_arabic_and_chinese_are_found_and_marked(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    path = small_workbench(
        tmp_path / "scripts.nwb",
        [
            ("1", ARABIC_DRAFT, [("Arab Group", ARABIC_PROPOSAL)]),
            ("2", CHINESE_DRAFT, [("China", CHINESE_PROPOSAL)]),
        ],
    )
    window = open_window(qtbot, qsettings, path)
    search(qtbot, window, "المساواة")
    assert window.tree_panel.search_status.full_text().startswith("3 matches in 1 paragraph")
    assert marked(window.panes[0].text_edit) == ["المساواة"]
    assert marked(window.panes[1].text_edit) == ["المساواة"]
    assert marked(window.merge_pane.text_edit) == ["المساواة"]
    search(qtbot, window, "互联网治理")
    # The draft and the compromise once each, the proposal twice.
    assert window.tree_panel.search_status.full_text().startswith("4 matches in 1 paragraph")
    assert marked(window.panes[1].text_edit) == ["互联网治理", "互联网治理"]
    # A proposal's pane marks its own words, not the base's it strikes.
    assert window.panes[1].text_edit.toPlainText().count("互联网治理") == 2


def many_paragraphs(path: Path, count: int, marked_at: dict[int, str]) -> Path:
    """A file of `count` paragraphs; paragraph n (from 1) says `marked_at[n]` if given."""
    with WorkbenchFile.create(path) as wb, wb.transaction():
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        section = wb.add_section("1.", "Everything")
        paragraphs = wb.add_paragraphs([(str(n), section.id) for n in range(1, count + 1)])
        wb.add_variants(
            [
                NewVariant(
                    p.id,
                    chair.id,
                    Role.DRAFT,
                    marked_at.get(n, f"Paragraph {n} recalls its earlier decisions."),
                )
                for n, p in enumerate(paragraphs, start=1)
            ]
        )
    return path


def test_in_3000_paragraphs_the_results_open_at_the_top_on_the_first_match(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    path = many_paragraphs(
        tmp_path / "big.nwb",
        3000,
        {
            3: "Paragraph 3 calls for capacity-building in every region.",
            1500: "Paragraph 1500 welcomes capacity-building.",
            2990: "Paragraph 2990 funds capacity-building.",
        },
    )
    window = open_window(qtbot, qsettings, path)
    assert window.select_label("1500")  # the tree scrolled to the middle
    bar = window.tree_view.verticalScrollBar()
    assert bar.value() > 0
    search(qtbot, window, "CAPACITY-building")
    assert window.controller.state.label == "3"  # type: ignore[union-attr]
    assert bar.value() == 0
    first = window.tree_view.currentIndex()
    assert window.tree_view.viewport().rect().contains(window.tree_view.visualRect(first))
    assert window.tree_panel.visible_paragraph_count() == 3
    assert window.tree_panel.search_status.full_text().startswith("6 matches in 3 paragraphs")
    assert marked(window.merge_pane.text_edit) == ["capacity-building"]


def test_esc_clears_the_search_the_marks_and_the_filter(
    qtbot: QtBot, window: MainWindow, nwb: Path
) -> None:
    search(qtbot, window, "internet")
    panel = window.tree_panel
    assert panel.visible_paragraph_count() < 26
    window.search_steps.go(0)
    shown = window.controller.state
    assert shown is not None
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Escape)
    assert panel.search_box.text() == ""
    assert panel.visible_paragraph_count() == 26
    assert not panel.search_status.isVisible()
    texts = [window.merge_pane.text_edit] + [pane.text_edit for pane in window.panes]
    assert [word for edit in texts for word in marked(edit)] == []
    # The paragraph shown stays shown, selected in the whole tree; a new search filters again.
    assert window.controller.current_paragraph == shown.paragraph_id
    assert panel.tree_view.currentIndex().data(PARAGRAPH_ID_ROLE) == shown.paragraph_id
    search(qtbot, window, "multilingualism")
    assert panel.visible_paragraph_count() == len(counted_in_file(nwb, "multilingualism"))


def visible_labels(window: MainWindow) -> list[str]:
    """The paragraphs the tree shows, in its order."""
    view = window.tree_panel.tree_view
    model = view.model()
    labels: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            paragraph_id = index.data(PARAGRAPH_ID_ROLE)
            if paragraph_id is not None:
                labels.append(window.tree_panel.model.label_of(int(paragraph_id)))
            walk(index)

    walk(QModelIndex())
    return labels


def test_a_refined_search_shows_its_own_hits_and_selects_its_first(
    qtbot: QtBot, window: MainWindow, nwb: Path
) -> None:
    """One filtered tree replaced by another (the whole filter worked out again, not row by
    row): the rows are the new search's hits, its first is shown and selected in the tree."""
    search(qtbot, window, "internet")
    assert visible_labels(window) == list(counted_in_file(nwb, "internet"))
    assert window.select_label("46")
    search(qtbot, window, "internet governance")
    expected = counted_in_file(nwb, "internet governance")
    assert 0 < len(expected) < len(counted_in_file(nwb, "internet"))
    assert visible_labels(window) == list(expected)
    panel = window.tree_panel
    state = window.controller.state
    assert state is not None
    assert state.label == next(iter(expected))
    current = panel.tree_view.currentIndex().data(PARAGRAPH_ID_ROLE)
    assert panel.model.label_of(int(current)) == state.label
