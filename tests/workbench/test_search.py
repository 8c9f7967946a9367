"""Search over every variant: an index caught up when searched, never part of an import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from workbench import cli
from workbench.importing import import_file
from workbench.model import Role, StakeholderKind
from workbench.schema import APPLICATION_ID, migrations
from workbench.storage import NewVariant, WorkbenchFile


def _indexed_rows(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM variants_search").fetchone()[0])


def test_an_import_leaves_indexing_to_the_first_search(tmp_path: Path, sample_docx: Path) -> None:
    path = tmp_path / "talks.nwb"
    with WorkbenchFile.create(path) as wb:
        import_file(sample_docx, wb)
        assert _indexed_rows(path) == 0
        hits = wb.search("continue the priority")
        assert [p.label for p in wb.paragraphs() if p.id in hits] == ["45"]
        variants = sum(len(v) for v in wb.variants_by_paragraph().values())
        assert _indexed_rows(path) == variants
        assert wb.update_search_index() == 0  # nothing new since


def test_search_folds_case_in_every_script_short_queries_too(tmp_path: Path) -> None:
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        with wb.transaction():
            chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
            first, second = wb.add_paragraphs([("1", None), ("2", None)])
            wb.add_variants(
                [
                    NewVariant(first.id, chair.id, Role.DRAFT, "Гендерное РАВЕНСТВО, Ñandú"),
                    NewVariant(second.id, chair.id, Role.DRAFT, "互联网 治理 ÉQUITÉ"),
                ]
            )
        assert wb.search("равенство") == {first.id}
        assert wb.search("ñandú") == {first.id}
        assert wb.search("équité") == {second.id}
        assert wb.search("ÑA") == {first.id}  # two letters: scanned, not the trigram index
        assert wb.search("治理") == {second.id}


def test_a_read_only_reader_finds_what_is_not_indexed_yet(tmp_path: Path) -> None:
    path = tmp_path / "talks.nwb"
    with WorkbenchFile.create(path) as wb:
        with wb.transaction():
            chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
            first, second = wb.add_paragraphs([("1", None), ("2", None)])
            wb.add_variants([NewVariant(first.id, chair.id, Role.DRAFT, "indexed earlier")])
        assert wb.search("indexed") == {first.id}
        wb.add_variants([NewVariant(second.id, chair.id, Role.DRAFT, "added later, indexed")])
        with WorkbenchFile.open(path) as reader:
            assert reader.read_only
            assert reader.search("indexed") == {first.id, second.id}
            assert reader.search("later") == {second.id}
    assert _indexed_rows(path) == 1  # the reader wrote nothing


def test_variants_are_append_only_so_the_index_cannot_fall_out_of_step(tmp_path: Path) -> None:
    path = tmp_path / "talks.nwb"
    with WorkbenchFile.create(path) as wb, wb.transaction():
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        (paragraph,) = wb.add_paragraphs([("1", None)])
        wb.add_variants([NewVariant(paragraph.id, chair.id, Role.DRAFT, "as imported")])
    with sqlite3.connect(path) as conn:
        for sql in ("UPDATE variants SET text = 'rewritten'", "DELETE FROM variants"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(sql)


def test_a_file_from_the_first_schema_is_upgraded_and_searchable(tmp_path: Path) -> None:
    path = tmp_path / "old.nwb"
    db = Database(path)
    migrations.apply(db, stop_before="0002_search_index_on_demand")
    db.execute("INSERT INTO stakeholders (id, name, kind) VALUES (1, 'Chair', 'chair')")
    db.execute("INSERT INTO paragraphs (id, label, position) VALUES (1, '39', 1)")
    db.execute(
        "INSERT INTO variants (paragraph_id, stakeholder_id, role, text) "
        "VALUES (1, 1, 'draft', 'Internet governance, multilateral')"
    )
    db.conn.commit()
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()
    with WorkbenchFile.open(path) as wb:
        assert wb.search("multilateral") == {1}
        assert wb.search("governance, multi") == {1}


def test_the_import_command_indexes_after_its_import(
    tmp_path: Path, sample_docx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "talks.nwb"
    assert cli.main(["import", str(sample_docx), "--into", str(path)]) == 0
    assert "26 paragraphs" in capsys.readouterr().out
    with sqlite3.connect(path) as conn:
        variants = conn.execute("SELECT count(*) FROM variants").fetchone()[0]
    assert _indexed_rows(path) == variants > 0
