"""The comments panel on a real workbench file: threads shown as the log has them, and the
comment, reply and resolve requests it sends carried out through the domain."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from ui.comments_panel import CommentsPanel
from workbench import comments
from workbench.importing import import_file
from workbench.storage import WorkbenchFile

sys.path.append(str(Path(__file__).resolve().parents[1] / "workbench" / "importing"))

from tracked_builders import commented_decision


def test_threads_are_shown_and_written_through_the_panel(qtbot: QtBot, tmp_path: Path) -> None:
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        import_file(commented_decision(tmp_path / "decision.docx"), wb)
        two = wb.paragraph_by_label("2")
        one = wb.paragraph_by_label("1")
        assert one is not None
        assert two is not None
        compromise = wb.compromise(two.id)
        chosen = (compromise.index("report"), compromise.index("report") + len("report"))
        panel = CommentsPanel(lambda: chosen)
        qtbot.addWidget(panel)

        def refresh(paragraph_id: int) -> None:
            panel.show_threads(comments.threads(wb, paragraph_id))

        panel.comment_requested.connect(
            lambda text, start, end: (
                comments.add_comment(
                    wb, two.id, text, "Dee", quote=compromise[start:end], start=start
                ),
                refresh(two.id),
            )
        )
        panel.reply_requested.connect(
            lambda target, text: (comments.reply(wb, two.id, target, text, "Eve"), refresh(two.id))
        )
        panel.resolve_requested.connect(
            lambda target, reopen: (
                comments.resolve(wb, two.id, target, "Dee", reopen=reopen),
                refresh(two.id),
            )
        )
        refresh(one.id)
        lines = panel.thread_lines()
        assert lines[0].startswith("Bo, ")
        assert "on “the comprehensive report” (resolved): Comprehensive?" in lines[0]
        assert lines[1].startswith("  reply: Ana, ")
        assert lines[1].endswith("Agreed, drop it.")
        assert "on “and its annex” of a proposal, not in the compromise" in lines[3]
        assert "Which secretariat?" in panel.view.toPlainText()
        refresh(two.id)
        assert panel.empty.isVisibleTo(panel)
        assert not panel.view.isVisibleTo(panel)
        assert not panel.comment_button.isEnabled()
        qtbot.keyClicks(panel.editor, "Which report?")
        qtbot.mouseClick(panel.comment_button, Qt.MouseButton.LeftButton)
        [thread] = comments.threads(wb, two.id)
        assert (thread.comment.quote, thread.comment.author) == ("report", "Dee")
        with qtbot.waitSignal(panel.thread_selected) as selected:
            panel.view.anchorClicked.emit(QUrl(f"thread:{thread.comment.id}"))
        assert tuple(selected.args) == chosen
        qtbot.keyClicks(panel.editor, "The annual one.")
        qtbot.mouseClick(panel.reply_button, Qt.MouseButton.LeftButton)
        assert panel.selected == thread.comment.id  # still picked after the refresh
        assert panel.resolve_button.text() == "Resolve"
        qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
        [thread] = comments.threads(wb, two.id)
        assert [r.text for r in thread.replies] == ["The annual one."]
        assert thread.resolved
        assert panel.resolve_button.text() == "Reopen"
