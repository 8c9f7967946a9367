"""At 1280x720, 1366x768 and 1440x900 the window cuts no caption, button, selector or label.

Each test opens the real window at a laptop's size, in the app's own font, walks every
visible label, button, selector, field, column title and tree row, and compares the text each
shows with the room it has (`clipping.py`). The sample is looked at reviewing, typing, with a
search and with the History open; a real UNFCCC draft (deep sections with long titles) and
made-up stakeholders with long names too, and the window with no file.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from clipping import clipped, history_row_problems, paragraph_rows, tree_row_problems
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_support import sample_workbench, small_workbench

from ui.app import window_font
from ui.main_window import MainWindow
from ui.paragraph_tree_model import (
    BRACKETS_COLUMN,
    PARAGRAPH_ID_ROLE,
    PENDING_COLUMN,
    STATUS_COLUMN,
)
from workbench.importing import import_file
from workbench.storage import WorkbenchFile

sys.path.append(str(Path(__file__).resolve().parents[1] / "workbench" / "importing"))

SIZES = [(1280, 720), (1366, 768), (1440, 900)]
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
REALDOCS = Path(__file__).resolve().parents[2].parent / "shared" / "realdocs"
if not REALDOCS.is_dir():
    REALDOCS = Path("/work/shared/realdocs")
UNFCCC_DRAFT = REALDOCS / "01_unfccc_art6.2_sbsta61_draft_decision_1st_iteration.docx"
LONG_NAME = "Group of 77 and China, speaking also for the Least Developed Countries"


@pytest.fixture(autouse=True)
def app_font(qapp: QApplication) -> Iterator[QFont]:
    """The window's own font (Noto Sans 10), as `main.py` sets it, for this module only."""
    before = qapp.font()
    qapp.setFont(window_font())
    yield qapp.font()
    qapp.setFont(before)


def commented_file(folder: Path) -> Path:
    """A decision with Word comments on paragraph 1 (issue 15's builder)."""
    from tracked_builders import commented_decision

    path = folder / "talks.nwb"
    with WorkbenchFile.create(path) as wb:
        import_file(commented_decision(folder / "decision.docx"), wb)
    return path


@pytest.fixture(scope="module")
def unfccc_nwb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not UNFCCC_DRAFT.exists():
        print(f"skipping the real document: {UNFCCC_DRAFT} is absent")
        pytest.skip(f"{UNFCCC_DRAFT} is absent")
    target = tmp_path_factory.mktemp("unfccc") / "art6.nwb"
    with WorkbenchFile.create(target) as wb:
        import_file(UNFCCC_DRAFT, wb)
    return target


def shown_at(
    qtbot: QtBot, settings: QSettings, size: tuple[int, int], path: Path | None
) -> MainWindow:
    """The window opened at `size` (no layout saved: its first layout for that size)."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    if path is not None:
        window.open_workbench(path)
        window.tree_panel.loader.finish_all()
    settle(qtbot, window)
    return window


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Let the deferred parts (history, change list) and the layout catch up."""
    qtbot.wait(30)
    QApplication.processEvents()


def cut(window: MainWindow) -> list[str]:
    """Every cut caption, tree row or History cell; section titles cut in the tree are fine
    only when the section line above the panes shows them whole (checked by the caller)."""
    found = clipped(window)
    rows, _sections = tree_row_problems(
        window.tree_view, (STATUS_COLUMN, BRACKETS_COLUMN, PENDING_COLUMN)
    )
    found += rows
    if window.history_dock.isVisible():
        # "#", "Who" and "When" whole; "What" is long at times and whole in its tooltip.
        found += history_row_problems(window.history_panel.versions_view, (0, 2, 3))
    return found


def sections_readable(qtbot: QtBot, window: MainWindow) -> list[str]:
    """Section titles cut in the tree that the section line does not show whole either."""
    _rows, cut_titles = tree_row_problems(window.tree_view, ())
    unread = []
    view = window.tree_view
    for title in cut_titles:
        # The first paragraph under the section: its line names every section it sits in.
        index = next(
            (
                i
                for i in paragraph_rows(view)
                if i.data(PARAGRAPH_ID_ROLE) is None and i.data() == title
            ),
            None,
        )
        paragraph = _first_paragraph_under(view, index)
        if paragraph is None:
            unread.append(f"{title} (no paragraph under it; tooltip only)")
            continue
        window.tree_panel.select_paragraph(int(paragraph))
        line = window.section_line
        if title not in line.text() or any(title in p for p in clipped(window)):
            unread.append(title)
    return unread


def _first_paragraph_under(view, index) -> int | None:  # type: ignore[no-untyped-def]
    if index is None:
        return None
    model = view.model()
    stack = [index]
    while stack:
        parent = stack.pop(0)
        for row in range(model.rowCount(parent)):
            child = model.index(row, 0, parent)
            if child.data(PARAGRAPH_ID_ROLE) is not None:
                return int(child.data(PARAGRAPH_ID_ROLE))
            stack.append(child)
    return None


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_sample_shows_every_caption_whole(
    qtbot: QtBot, qsettings: QSettings, sample_docx: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = shown_at(qtbot, qsettings, size, sample_workbench(sample_docx, tmp_path))
    assert window.select_label("46")
    settle(qtbot, window)
    assert window.width() == size[0]
    assert cut(window) == []
    # The compromise's title keeps its paragraph number and status.
    assert window.merge_pane.title.text().startswith(("Compromise · 46 · open", "46 · open"))
    assert sections_readable(qtbot, window) == []
    assert window.select_label("46")

    # Typing: the hint shares the title's line and never covers the number.
    window.merge_pane.text_edit.setFocus()
    qtbot.keyClick(window.merge_pane.text_edit, Qt.Key.Key_F2)
    assert window.merge_pane.typing
    settle(qtbot, window)
    title, mode = window.merge_pane.title, window.merge_pane.mode
    assert "46" in title.text()
    assert mode.text().startswith("typing")
    assert not title.geometry().intersects(mode.geometry())
    assert cut(window) == []
    qtbot.keyClick(window.merge_pane.text_edit, Qt.Key.Key_Escape)

    # A search: the tree's rows count matches, the line under the box says how many.
    window.tree_panel.search_box.setText("Internet")
    window.tree_panel.apply_filter()
    settle(qtbot, window)
    assert window.tree_panel.search_status.isVisible()
    assert cut(window) == []
    window.tree_panel.clear_search()

    # The History and Comments panels open, whatever the width (at 1280 they start closed).
    window.history_dock.show()
    window.comments_dock.show()
    window.controller.accept("GC 1")
    settle(qtbot, window)
    assert window.history_panel.versions_view.topLevelItemCount() == 2
    assert cut(window) == []


def test_the_right_column_starts_closed_below_1400_and_opens_with_its_keys(
    qtbot: QtBot, qsettings: QSettings, nwb: Path
) -> None:
    small = shown_at(qtbot, qsettings, (1280, 720), nwb)
    assert not small.history_dock.isVisible()
    assert not small.comments_dock.isVisible()
    small.select_label("46")
    qtbot.keyClick(small, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert small.history_dock.isVisible()
    # Opened later, it shows the paragraph at once (not the one shown when it was closed).
    assert small.history_panel.versions_view.topLevelItemCount() == 1
    qtbot.keyClick(small, Qt.Key.Key_K, CTRL_SHIFT)
    assert small.comments_dock.isVisible()
    other = QSettings(str(nwb.with_suffix(".ini")), QSettings.Format.IniFormat)
    wide = shown_at(qtbot, other, (1440, 900), None)
    assert wide.history_dock.isVisible()
    assert wide.comments_dock.isVisible()


def test_with_comments_closed_the_status_bar_says_a_paragraph_has_some(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    window = shown_at(qtbot, qsettings, (1280, 720), commented_file(tmp_path))
    assert window.select_label("1")
    qtbot.waitUntil(lambda: window.comments_dock.count == 3)
    hint = window.comments_label
    assert hint.isVisible()
    assert hint.text() == "3 comments here: Ctrl+Shift+K"
    assert cut(window) == []
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    assert not hint.isVisible()  # the panel says it now
    assert window.comments_dock.windowTitle() == "Comments (3)"
    settle(qtbot, window)
    assert cut(window) == []


def test_the_window_fits_a_1280x720_screen_less_its_panels(
    qtbot: QtBot, qsettings: QSettings, nwb: Path
) -> None:
    """Maximized on a 1280x720 laptop, the window has less than 720 pixels (title bar and the
    desktop's panel): its minimum, History open, is well within that."""
    window = shown_at(qtbot, qsettings, (1280, 720), nwb)
    window.history_dock.show()
    settle(qtbot, window)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= 1100
    assert minimum.height() <= 600


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_real_draft_decision_with_deep_sections_shows_every_caption_whole(
    qtbot: QtBot, qsettings: QSettings, unfccc_nwb: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    copy = tmp_path / unfccc_nwb.name
    shutil.copy(unfccc_nwb, copy)
    window = shown_at(qtbot, qsettings, size, copy)
    assert window.select_label("38")  # under D. Change to authorization, options 1 to 8
    settle(qtbot, window)
    assert cut(window) == []
    assert "D. Change to authorization" in window.section_line.text()
    assert sections_readable(qtbot, window) == []


@pytest.mark.parametrize("size", SIZES[:1], ids=["1280x720"])
def test_long_stakeholder_names_leave_buttons_and_selectors_whole(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path, size: tuple[int, int]
) -> None:
    draft = "States shall cooperate on the security of networks."
    proposal = "States shall cooperate closely on the security and stability of networks."
    path = small_workbench(tmp_path / "long.nwb", [("7", draft, [(LONG_NAME, proposal)])])
    window = shown_at(qtbot, qsettings, size, path)
    merge = window.merge_pane
    assert cut(window) == []
    # Too long to name there, the buttons say what they do without cutting a word...
    assert merge.accept_all_button.text() == "Accept all"
    assert merge.accept_all_button.full_text() == f"Accept all from {LONG_NAME}"
    assert merge.accept_button.text() == "Accept"
    # ...and the line over them names the change whole.
    assert f"Current: {LONG_NAME} 1 (pending)" in merge.change_label.text()
    # With the room, the whole wording comes back.
    merge.accept_all_button.resize(merge.accept_all_button.sizeHint())
    assert merge.accept_all_button.text() == f"Accept all from {LONG_NAME}"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_file_open_shows_every_caption_whole(
    qtbot: QtBot, qsettings: QSettings, size: tuple[int, int]
) -> None:
    window = shown_at(qtbot, qsettings, size, None)
    assert cut(window) == []


@pytest.mark.parametrize(
    ("screen", "expected"),
    [((1366, 768), (1350, 720)), ((1280, 720), (1264, 672)), ((1920, 1080), (1440, 900))],
    ids=["1366x768", "1280x720", "1920x1080"],
)
def test_a_first_window_fits_its_screen_whole(
    qtbot: QtBot,
    qsettings: QSettings,
    nwb: Path,
    screen: tuple[int, int],
    expected: tuple[int, int],
) -> None:
    """No size saved yet: the window is 1440x900 where there is room, else the screen's room
    less a frame, centred; status bar and buttons on the screen, every caption whole."""
    window = MainWindow(qsettings)
    qtbot.addWidget(window)
    room = QRect(0, 0, *screen)
    window.fit_screen(room)
    window.show()
    qtbot.waitExposed(window)
    window.open_workbench(nwb)
    window.tree_panel.loader.finish_all()
    settle(qtbot, window)
    assert (window.width(), window.height()) == expected
    assert room.contains(window.frameGeometry())
    bar = window.statusBar()
    assert bar.isVisible()
    assert room.contains(QRect(bar.mapToGlobal(QPoint(0, 0)), bar.size()))
    assert cut(window) == []


def test_a_window_the_user_sized_keeps_its_size_on_a_smaller_screen(
    qtbot: QtBot, qsettings: QSettings
) -> None:
    first = MainWindow(qsettings)
    qtbot.addWidget(first)
    first.resize(1300, 700)
    first.save_layout()
    first.close()
    again = MainWindow(qsettings)
    qtbot.addWidget(again)
    restored = again.size()  # Qt keeps a restored window on the (offscreen, 800x600) screen
    assert restored.height() == 700
    again.fit_screen(QRect(0, 0, 1366, 768))
    assert again.size() == restored
