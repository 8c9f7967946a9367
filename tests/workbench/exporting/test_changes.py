"""Changes as segments: where kept text sits, who a stray space belongs to, condensed history."""

from __future__ import annotations

from pathlib import Path

from conftest import lines_as_pandoc_sees, pandoc_table

from workbench.exporting.changes import Owner, attribute, diff_segments
from workbench.exporting.document import new_document, save_atomically
from workbench.exporting.history_layout import ELLIPSIS, condensed
from workbench.exporting.rows import ExportRow, ExportTable, Segment, SegmentKind
from workbench.exporting.runs import Fonts, TextCleaner
from workbench.exporting.table_layout import write_table
from workbench.exporting.tracked import ChangeWriter, RevisionIds

DRAFT_57C = "c) Developing low-cost equipment, especially for use in developing countries."
COMPROMISE_57C = (
    "c) Developing low-cost equipment, especially for use in developing countries and among "
    "disadvantaged populations.\nNew c)\nRecognising ITU as a key stakeholder."
)


def _kinds(segments: list[Segment]) -> list[tuple[str, str]]:
    return [(str(s.kind), s.text) for s in segments]


def test_a_kept_stop_stays_on_its_line_when_lines_are_added_after_it() -> None:
    segments = diff_segments(DRAFT_57C, COMPROMISE_57C)
    assert _kinds(segments)[-3:] == [
        ("inserted", " and among disadvantaged populations"),
        ("equal", "."),
        ("inserted", "\nNew c)\nRecognising ITU as a key stakeholder."),
    ]
    backwards = diff_segments(COMPROMISE_57C, DRAFT_57C)
    assert [s.kind for s in backwards[-3:]] == ["deleted", "equal", "deleted"]
    assert "".join(s.text for s in segments if s.kind != SegmentKind.DELETED) == COMPROMISE_57C
    assert "".join(s.text for s in segments if s.kind != SegmentKind.INSERTED) == DRAFT_57C


def test_pandoc_rejects_added_lines_without_a_stray_space(tmp_path: Path) -> None:
    document = new_document(title="t", author="")
    changes = tuple(
        Segment(s.kind, s.text, "GC", "2024-05-01T10:00:00Z")
        for s in diff_segments(DRAFT_57C, COMPROMISE_57C)
    )
    row = ExportRow("57", DRAFT_57C, COMPROMISE_57C, changes, ())
    write_table(
        document,
        ExportTable("Draft (Chair)", (), (row,)),
        ChangeWriter(Fonts(), RevisionIds(), TextCleaner()),
    )
    save_atomically(document, tmp_path / "57.docx")
    rejected = pandoc_table(tmp_path / "57.docx", "reject")[1][-1]
    assert lines_as_pandoc_sees("\n".join(rejected)) == [DRAFT_57C]


def test_a_space_the_log_gives_to_a_neighbour_goes_with_the_inserted_words() -> None:
    # The draft diff inserts " inclusive," after "multilateral,"; the edit log recorded
    # "inclusive, " one character later, so the leading space falls on the chair's own text.
    base = "multilateral, transparent"
    new = "multilateral, inclusive, transparent"
    owners = [
        Owner(0, 14, "Chair", "2024-05-01T09:00:00Z"),
        Owner(14, 25, "Chair Secretariat", "2024-05-02T09:00:00Z"),
        Owner(25, len(new), "Chair", "2024-05-01T09:00:00Z"),
    ]
    segments = attribute(diff_segments(base, new), owners, lambda _t, _o: ("", ""))
    inserted = [s for s in segments if s.kind == SegmentKind.INSERTED]
    assert [(s.text, s.author) for s in inserted] == [(" inclusive,", "Chair Secretariat")]


def test_history_change_keeps_context_around_what_changed() -> None:
    words = [f"w{i}" for i in range(40)]
    base = " ".join(words)
    new = base.replace("w20", "w20 added")
    shown = condensed(diff_segments(base, new), context=3)
    assert _kinds(shown) == [
        ("equal", f"{ELLIPSIS} w18 w19 w20"),
        ("inserted", " added"),
        ("equal", f" w21 w22 {ELLIPSIS}"),
    ]
    starting = [Segment(SegmentKind.EQUAL, base)]
    assert condensed(starting, context=3) == starting  # nothing changed: the text in full


def test_a_replaced_word_is_a_replaced_word_not_a_letter_inserted_into_it() -> None:
    """Word shows "1st" struck and "31st" inserted; never a lone "3" glued on (nor in Arabic)."""
    assert _kinds(diff_segments("before 1st of March", "before 31st of March")) == [
        ("equal", "before "),
        ("deleted", "1st"),
        ("inserted", "31st"),
        ("equal", " of March"),
    ]
    kinds = _kinds(diff_segments("في الدورة الأولى", "في الدورة الثانية"))
    assert ("deleted", "الأولى") in kinds
    assert ("inserted", "الثانية") in kinds
