"""A proposal knows the text it amends: imports record it, and older files are upgraded to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from workbench.importing import import_file
from workbench.model import Role, StakeholderKind
from workbench.schema import APPLICATION_ID, migrations
from workbench.storage import WorkbenchFile


def test_every_imported_proposal_amends_the_draft_of_its_paragraph(
    tmp_path: Path, sample_docx: Path
) -> None:
    with WorkbenchFile.create(tmp_path / "tunis.nwb") as wb:
        import_file(sample_docx, wb)
        amending = new_paragraphs = 0
        for variants in wb.variants_by_paragraph().values():
            drafts = [v for v in variants if v.role is Role.DRAFT]
            for variant in variants:
                if variant.role is not Role.PROPOSAL:
                    assert variant.base_id is None
                elif drafts:
                    amending += 1
                    assert variant.base_id == drafts[0].id
                else:  # "New 43bis": a proposed new paragraph amends no text
                    new_paragraphs += 1
                    assert variant.base_id is None
    assert amending > 10
    assert new_paragraphs >= 1


def test_a_variant_keeps_its_base_note_and_tag(tmp_path: Path) -> None:
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        paragraph = wb.add_paragraph("1", None)
        draft = wb.add_variant(paragraph.id, chair.id, Role.DRAFT, "We note the report.")
        gc = wb.add_variant(
            paragraph.id,
            chair.id,
            Role.PROPOSAL,
            "We welcome the report.",
            base_id=draft.id,
            note="Stronger language",
            tag="AM 7",
        )
        stored = wb.variants(paragraph.id)
    assert stored[1] == gc
    assert (gc.base_id, gc.note, gc.tag) == (draft.id, "Stronger language", "AM 7")


def test_an_older_file_gets_its_proposals_bases_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "older.nwb"
    conn = sqlite3.connect(path)
    db = Database(conn)
    migrations.apply(db, stop_before="0003_proposal_bases")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.execute("INSERT INTO stakeholders (id, name, kind) VALUES (1, 'Chair', 'chair')")
    conn.execute("INSERT INTO paragraphs (id, label, position) VALUES (1, '39', 1)")
    rows = [
        (1, "draft", "The draft."),
        (2, "proposal", "The first proposal."),
        (3, "draft", "The draft, Rev.1."),
        (4, "proposal", "A proposal on Rev.1."),
    ]
    conn.executemany(
        "INSERT INTO variants (id, paragraph_id, stakeholder_id, role, text) "
        "VALUES (?, 1, 1, ?, ?)",
        rows,
    )
    conn.commit()
    conn.close()
    with WorkbenchFile.open(path) as wb:
        bases = {v.id: v.base_id for v in wb.variants(1)}
    assert bases == {1: None, 2: 1, 3: None, 4: 3}
