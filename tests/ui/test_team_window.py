"""File > Team in the real window: a sync with a shared folder brings a colleague's work in, a
paragraph both changed shows the colleague's version as a proposal, the "From colleagues"
filter lists it, and Merge ▸ Take in the colleague's version resolves it (and the colleague's
laptop then shows the same)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from window_support import open_window

from ui.main_window import MainWindow
from ui.paragraph_tree_model import ParagraphFilterModel
from workbench import editing
from workbench.storage import WorkbenchFile
from workbench.sync.folder import sync_with_folder

TIMEOUT_MS = 30_000


def synced(qtbot: QtBot, window: MainWindow, folder: Path) -> object:
    with qtbot.waitSignal(window.team_actions.synced, timeout=TIMEOUT_MS) as done:
        window.team_actions.sync_folder(folder)
    return done.args[0]


def test_a_colleagues_version_is_a_proposal_and_is_taken_in(
    qtbot: QtBot, qsettings: QSettings, nwb: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    with WorkbenchFile.open(nwb) as wb:
        sync_with_folder(wb, folder, "Ana")
    chen = tmp_path / "chen.nwb"
    shutil.copyfile(nwb, chen)
    with WorkbenchFile.open(chen) as wb:
        p41 = wb.paragraph_by_label("41")
        p40 = wb.paragraph_by_label("40")
        assert p41 is not None
        assert p40 is not None
        editing.type_text(wb, p41.id, "Chen's 41 — версия.", "Chen")
        editing.type_text(wb, p40.id, "Chen's 40.", "Chen")
        sync_with_folder(wb, folder, "Chen")

    window = open_window(qtbot, qsettings, nwb)
    assert window.select_label("41")
    window.controller.type_text(window.controller.current_paragraph, "Ana's 41.")
    assert window.controller.state is not None
    assert window.controller.state.compromise == "Ana's 41."

    synced(qtbot, window, folder)
    # 40: only Chen changed it, so it simply has his text.
    assert window.select_label("40")
    assert window.merge_pane.text_edit.toPlainText() == "Chen's 40."
    assert window.fork_label.text() == ""
    # 41: both did: Chen's version is a proposal, in the list of changes and in the panes.
    assert window.select_label("41")
    state = window.controller.state
    assert state is not None
    assert [f.author for f in state.forks] == ["Chen"]
    assert "Chen's compromise" in [p.tag for p in state.proposals]
    assert any(c.id.startswith("Chen's compromise") for c in state.changes)
    assert "Chen" in window.fork_label.text()
    assert window.resolve_action.isEnabled()
    offered = {pane.combo.itemText(i) for pane in window.panes for i in range(pane.combo.count())}
    assert any("Chen's compromise" in text for text in offered)
    # The filter lists the paragraphs a colleague changed too.
    panel = window.tree_panel
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(ParagraphFilterModel.FORKS))
    assert panel.visible_paragraph_count() == 1
    panel.status_filter.setCurrentIndex(0)

    assert window.select_label("41")
    window.take_theirs_action.trigger()
    state = window.controller.state
    assert state is not None
    assert state.forks == ()
    assert state.compromise == "Chen's 41 — версия."
    assert not window.resolve_action.isEnabled()
    synced(qtbot, window, folder)
    window.close()

    with WorkbenchFile.open(chen) as wb:
        sync_with_folder(wb, folder, "Chen")
        p41 = wb.paragraph_by_label("41")
        assert p41 is not None
        assert editing.state(wb, p41.id).forks == ()
        assert wb.compromise(p41.id) == "Chen's 41 — версия."
