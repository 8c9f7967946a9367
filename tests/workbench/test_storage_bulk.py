"""Bulk writes (what imports use): the same rows as one-at-a-time writes, searchable, atomic."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.model import EditKind, Mark, NewEdit, Role, StakeholderKind
from workbench.storage import NewVariant, WorkbenchFile


@pytest.fixture
def workbench(tmp_path: Path):
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        yield wb


def test_bulk_rows_read_back_like_single_ones_and_are_searchable(
    workbench: WorkbenchFile,
) -> None:
    with workbench.transaction():
        chair = workbench.add_stakeholder("Chair", StakeholderKind.CHAIR)
        caucus = workbench.add_stakeholder("Gender Caucus", StakeholderKind.CIVIL_SOCIETY)
        first = workbench.add_paragraph("39", None)
        added = workbench.add_paragraphs([("40", None), ("New 40bis", None)])
        marks = (Mark("added", 0, 5, "Women"), Mark("deleted", 5, 5, 'the "old" 互联网'))
        variants = workbench.add_variants(
            [
                NewVariant(added[0].id, chair.id, Role.DRAFT, "We recognise the role"),
                NewVariant(added[0].id, caucus.id, Role.PROPOSAL, "Women التنمية 互联网", marks),
                NewVariant(added[1].id, caucus.id, Role.PROPOSAL, "gender", (), "gc.docx"),
            ]
        )
    assert workbench.paragraphs() == [first, *added]
    assert [p.label for p in workbench.paragraphs()] == ["39", "40", "New 40bis"]
    assert workbench.variants(added[0].id) == variants[:2]
    assert workbench.variants(added[1].id) == variants[2:]
    assert workbench.search("互联网") == {added[0].id}
    assert workbench.search("التنمية") == {added[0].id}
    assert workbench.search("recognise") == {added[0].id}


def test_bulk_edits_continue_each_paragraphs_log(workbench: WorkbenchFile) -> None:
    with workbench.transaction():
        paragraph, other = workbench.add_paragraphs([("1", None), ("2", None)])
        workbench.append_edit(NewEdit(paragraph.id, EditKind.INITIAL, "ana", "a"))
        edits = workbench.append_edits(
            [
                NewEdit(paragraph.id, EditKind.TRACKED, "ben", "a", note="inserted 'x'"),
                NewEdit(other.id, EditKind.INITIAL, "ana", "b"),
                NewEdit(paragraph.id, EditKind.TRACKED, "ben", "a", at="2024-05-01T10:00:00Z"),
            ]
        )
    assert [(e.paragraph_id, e.seq) for e in edits] == [
        (paragraph.id, 2),
        (other.id, 1),
        (paragraph.id, 3),
    ]
    assert workbench.edits(paragraph.id)[1:] == [edits[0], edits[2]]
    assert workbench.edits(other.id) == [edits[1]]


def test_a_failing_bulk_write_leaves_nothing_behind(workbench: WorkbenchFile) -> None:
    with workbench.transaction():
        chair = workbench.add_stakeholder("Chair", StakeholderKind.CHAIR)
        (paragraph,) = workbench.add_paragraphs([("1", None)])
    rows = [
        NewVariant(paragraph.id, chair.id, Role.DRAFT, "kept?"),
        NewVariant(999, chair.id, Role.DRAFT, "no such paragraph"),
    ]
    with pytest.raises(WorkbenchError):
        workbench.add_variants(rows)
    assert workbench.variants(paragraph.id) == []
    assert workbench.search("kept") == set()
