"""The paragraph tree: a well-behaved Qt model, marks that follow edits, filters that narrow."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from window_support import open_window

from ui.paragraph_tree_model import (
    PARAGRAPH_ID_ROLE,
    ParagraphFilterModel,
    ParagraphTreeModel,
    pending_mark,
    status_mark,
)
from ui.pending_marks import PendingMarkLoader
from ui.workbench_controller import WorkbenchController
from workbench.model import Status


def test_tree_model_passes_the_model_tester(
    qtmodeltester: ModelTester, controller: WorkbenchController, nwb: Path
) -> None:
    controller.open(nwb)
    model = ParagraphTreeModel()
    model.set_workbench(controller.wb)
    qtmodeltester.check(model)
    proxy = ParagraphFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filter(set(model.paragraph_ids()[:3]), None)
    assert proxy.rowCount() == 1  # only the first section keeps paragraphs


def test_tree_has_sections_paragraphs_and_lazy_pending_marks(
    qtbot: QtBot, controller: WorkbenchController, nwb: Path
) -> None:
    controller.open(nwb)
    model = ParagraphTreeModel()
    model.set_workbench(controller.wb)
    first_section = model.index(0, 0)
    assert first_section.data() == "1. Introduction"
    assert model.rowCount(first_section) == 4
    assert str(model.index(0, 0, first_section).data()).startswith("39  We reaffirm")
    assert len(model.paragraph_ids()) == 26
    # Nothing counted yet: the loader fills pending marks in idle time.
    assert model.pending_count(model.paragraph_ids()[0]) is None
    loader = PendingMarkLoader(controller, model, None)
    with qtbot.waitSignal(loader.finished, timeout=10000):
        loader.restart()
    counts = [model.pending_count(pid) for pid in model.paragraph_ids()]
    assert None not in counts
    assert sum(1 for count in counts if count) == 18


def test_status_marks_read_like_negotiators_write_them() -> None:
    assert status_mark(Status.BRACKETED) == "[ ] bracketed"
    assert status_mark(Status.AGREED_AD_REF) == "✓ ad ref"
    assert status_mark(Status.OPEN) == "○ open"
    assert pending_mark(3, Status.OPEN) == "● 3"
    assert pending_mark(3, Status.AGREED) == "⚠ 3"  # agreed, yet changes are still open
    assert pending_mark(0, Status.AGREED) == "–"
    assert pending_mark(None, Status.OPEN) == "…"


def test_filter_box_and_combos_narrow_the_tree(
    qtbot: QtBot, qsettings: QSettings, nwb: Path
) -> None:
    window = open_window(qtbot, qsettings, nwb)
    panel = window.tree_panel
    assert panel.visible_paragraph_count() == 26
    panel.search_box.setText("Geneva principles")
    panel.apply_filter()
    shown = panel.visible_paragraph_count()
    assert 0 < shown < 26
    assert window.select_label("46")
    index = window.tree_view.currentIndex()
    assert index.data(PARAGRAPH_ID_ROLE) == window.controller.current_paragraph

    panel.search_box.clear()
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(ParagraphFilterModel.PENDING))
    qtbot.waitUntil(lambda: panel.visible_paragraph_count() == 18)  # as they are counted

    panel.status_filter.setCurrentIndex(0)
    panel.stakeholder_filter.setCurrentIndex(panel.stakeholder_filter.findText("GC"))
    assert 0 < panel.visible_paragraph_count() < 26
    panel.stakeholder_filter.setCurrentIndex(0)
    assert panel.visible_paragraph_count() == 26


def test_a_paragraph_outside_any_section_stands_where_it_is_in_the_text(
    qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    """A cover's changed words (no section) come first, as in the text, not after the sections."""
    from workbench.model import Role, StakeholderKind
    from workbench.storage import WorkbenchFile

    with WorkbenchFile.create(tmp_path / "bill.nwb") as wb:
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        part = wb.add_section("PART I", "PRELIMINARY")
        citation = wb.add_section("1.", "Citation", part.id)
        interpretation = wb.add_section("2.", "Interpretation", part.id)
        for label, section in (("Cover", None), ("1", citation.id), ("2", interpretation.id)):
            with wb.transaction():
                paragraph = wb.add_paragraph(label, section)
                wb.add_variant(paragraph.id, chair.id, Role.DRAFT, f"The text of {label}.")
        model = ParagraphTreeModel()
        model.set_workbench(wb)
        qtmodeltester.check(model)
        root = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
        assert [text.split()[0] for text in root] == ["Cover", "PART"]
        part_index = model.index(1, 0)
        assert [str(model.index(r, 0, part_index).data()) for r in range(2)] == [
            "1. Citation",
            "2. Interpretation",
        ]
        assert model.paragraph_ids() == [p.id for p in wb.paragraphs()]


def test_a_row_leaves_out_the_section_name_its_label_repeats(tmp_path: Path) -> None:
    """Under "Article 28", "Article 28 – paragraph 2 – point a" reads "paragraph 2 – point a":
    amendment targets share their first words and would all be cut to the same "Article 28 –
    paragr…". A label that does not start with the section's name shows whole; the label itself
    (selection, tooltip, history) stays as imported."""
    from workbench.model import Role, StakeholderKind
    from workbench.storage import WorkbenchFile

    with WorkbenchFile.create(tmp_path / "amendments.nwb") as wb:
        commission = wb.add_stakeholder("Commission", StakeholderKind.CHAIR)
        article = wb.add_section("", "Article 28")
        recitals = wb.add_section("", "Recitals")
        placed = [
            ("Article 28 – paragraph 1", article.id),
            ("Article 28 – paragraph 2 – point a", article.id),
            ("Article 28", article.id),
            ("Article 280 – paragraph 1", article.id),
            ("Recital 34", recitals.id),
        ]
        for label, section in placed:
            with wb.transaction():
                paragraph = wb.add_paragraph(label, section)
                wb.add_variant(paragraph.id, commission.id, Role.DRAFT, "")
        model = ParagraphTreeModel()
        model.set_workbench(wb)
        article_index = model.index(0, 0)
        rows = [str(model.index(r, 0, article_index).data()) for r in range(4)]
        assert rows == [
            "paragraph 1",
            "paragraph 2 – point a",
            "Article 28",
            "Article 280 – paragraph 1",
        ]
        assert str(model.index(0, 0, model.index(1, 0)).data()) == "Recital 34"
        first = model.paragraph_ids()[0]
        assert model.label_of(first) == "Article 28 – paragraph 1"
        assert (
            model.index(0, 0, article_index)
            .data(Qt.ItemDataRole.ToolTipRole)
            .startswith("Article 28 – paragraph 1")
        )


def test_the_pending_filter_fills_as_paragraphs_are_counted(
    qtbot: QtBot, qsettings: QSettings, nwb: Path
) -> None:
    """Chosen before every paragraph is counted, "Changes pending" says it is counting and the
    tree takes in each paragraph as its count comes, without holding the window meanwhile."""
    window = open_window(qtbot, qsettings, nwb)
    panel = window.tree_panel
    panel.loader.restart()  # nothing counted yet, as right after a large file opens
    assert not panel.loader.done
    combo = panel.status_filter
    combo.setCurrentIndex(combo.findData(ParagraphFilterModel.PENDING))
    assert combo.currentText() == "Changes pending (counting…)"
    assert panel.visible_paragraph_count() < 18  # not counted in one go
    qtbot.waitUntil(lambda: panel.loader.done, timeout=10_000)
    assert panel.visible_paragraph_count() == 18
    assert combo.currentText() == "Changes pending"
