"""The workbench file: creation, round trips, transactions, foreign files and the writer lock."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import editing
from workbench.errors import WorkbenchError
from workbench.model import EditKind, Mark, NewEdit, Role, StakeholderKind, Status
from workbench.schema import APPLICATION_ID, MIGRATION_NAMES, SCHEMA_VERSION
from workbench.storage import WorkbenchFile


@pytest.fixture
def workbench(tmp_path: Path):
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        yield wb


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_marked_as_ours_and_at_the_current_schema(workbench: WorkbenchFile) -> None:
    conn = sqlite3.connect(workbench.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    applied = conn.execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert [row[0] for row in applied] == list(MIGRATION_NAMES)
    conn.close()


def test_every_kind_of_record_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "talks.nwb"
    with WorkbenchFile.create(path) as wb:
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        caucus = wb.add_stakeholder("Gender Caucus", StakeholderKind.CIVIL_SOCIETY)
        three = wb.add_section("3.", "Public policy issues")
        three_a = wb.add_section("3a)", "Infrastructure", parent_id=three.id)
        marks = (Mark("deleted", 10, 10, "acknowledge"), Mark("added", 10, 14, "wish"))
        with wb.transaction():  # 45 starts with its own INITIAL edit, the others with storage's
            p45 = wb.add_paragraph("45", three_a.id)
            p46 = wb.add_paragraph("46", three_a.id)
            p45bis = wb.add_paragraph("New 45bis", three_a.id, after_paragraph_id=p45.id)
            draft = wb.add_variant(p45.id, chair.id, Role.DRAFT, "We recognise that …")
            wb.add_variant(
                p45.id, caucus.id, Role.PROPOSAL, "التنمية 互联网 wish", marks, "gc.docx"
            )
            wb.append_edit(
                NewEdit(
                    p45.id,
                    EditKind.INITIAL,
                    "amina",
                    "We recognise",
                    inserted="We recognise",
                    stakeholder_id=chair.id,
                )
            )
        editing.set_status(wb, p46.id, Status.AGREED_AD_REF, "amina")
    with WorkbenchFile.open(path, read_only=True) as wb:
        assert [s.name for s in wb.stakeholders()] == ["Chair", "Gender Caucus"]
        assert wb.stakeholder_by_name("gender caucus") == caucus
        assert [(s.number, s.parent_id) for s in wb.sections()] == [("3.", None), ("3a)", three.id)]
        assert [p.label for p in wb.paragraphs()] == ["45", "New 45bis", "46"]
        assert wb.paragraph_by_label("new 45 BIS") == wb.paragraph(p45bis.id)
        assert wb.paragraph(p46.id).status is Status.AGREED_AD_REF
        proposal = wb.variants(p45.id)[1]
        assert proposal.base_id == draft.id  # a proposal amends its paragraph's draft
        assert proposal.text == "التنمية 互联网 wish"
        assert proposal.marks == marks
        assert proposal.source == "gc.docx"
        [edit] = wb.edits(p45.id)
        assert (edit.seq, edit.kind, edit.author) == (1, EditKind.INITIAL, "amina")
        assert edit.at.endswith("Z")
        assert wb.compromise(p45.id) == "We recognise"
        assert wb.compromises() == {p45.id: "We recognise", p46.id: "", p45bis.id: ""}
        assert wb.compromise(p46.id) == ""
        [started] = wb.edits(p46.id)[:1]
        assert (started.kind, started.author, started.text_after) == (
            EditKind.INITIAL,
            "workbench",
            "",
        )
        assert wb.search("互联网") == {p45.id}
        assert wb.search("recognise") == {p45.id}


def test_a_failed_transaction_leaves_the_file_byte_for_byte_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "talks.nwb"
    with WorkbenchFile.create(path) as wb:
        wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
    before = digest(path)

    def add_then_fail(wb: WorkbenchFile) -> None:
        with wb.transaction():
            section = wb.add_section("1.", "Introduction")
            wb.add_paragraph("39", section.id)
            raise RuntimeError("power cut")

    with WorkbenchFile.open(path) as wb:
        with pytest.raises(RuntimeError, match="power cut"):
            add_then_fail(wb)
        assert wb.paragraphs() == []
    assert digest(path) == before


def test_the_edit_log_cannot_be_rewritten(workbench: WorkbenchFile) -> None:
    paragraph = workbench.add_paragraph("39", None)
    workbench.append_edit(NewEdit(paragraph.id, EditKind.TYPED, "amina", "text"))
    with pytest.raises(WorkbenchError, match="append-only"), workbench.transaction():
        workbench.db.execute("UPDATE edits SET text_after = 'forged'")


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    before = digest(path)
    with pytest.raises(WorkbenchError, match="not a workbench file"):
        WorkbenchFile.open(path)
    assert digest(path) == before


def test_a_word_file_or_garbage_is_refused_with_a_hint(tmp_path: Path, sample_docx: Path) -> None:
    with pytest.raises(WorkbenchError, match="import it instead"):
        WorkbenchFile.open(sample_docx)
    junk = tmp_path / "junk.nwb"
    junk.write_bytes(b"hello")
    with pytest.raises(WorkbenchError, match=r"junk\.nwb: is not a workbench file"):
        WorkbenchFile.open(junk)


def test_a_file_from_a_newer_version_is_refused_and_not_written(tmp_path: Path) -> None:
    path = tmp_path / "future.nwb"
    WorkbenchFile.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('negotiation-workbench', '0099_future', 'x')"
    )
    conn.execute("INSERT INTO meta VALUES ('written_by', 'Negotiation Workbench 9.0')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(WorkbenchError, match=r"made by Negotiation Workbench 9\.0"):
        WorkbenchFile.open(path)
    assert digest(path) == before


def test_a_second_writer_gets_the_file_read_only(workbench: WorkbenchFile) -> None:
    with WorkbenchFile.open(workbench.path) as second:
        assert second.read_only
        assert "open for writing in another program" in (second.read_only_reason or "")
        assert second.stakeholders() == []  # reading still works
        with pytest.raises(WorkbenchError, match="read-only"):
            second.add_stakeholder("Chair")
    workbench.add_stakeholder("Chair")  # the first keeps writing


def test_a_lock_left_by_a_crashed_program_does_not_lock_the_user_out(tmp_path: Path) -> None:
    path = tmp_path / "talks.nwb"
    WorkbenchFile.create(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from workbench.storage import WorkbenchFile;"
            f"wb = WorkbenchFile.open({str(path)!r}); print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    with WorkbenchFile.open(path) as wb:
        assert wb.read_only
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with WorkbenchFile.open(path) as wb:
        assert not wb.read_only


def test_create_refuses_to_overwrite(workbench: WorkbenchFile) -> None:
    with pytest.raises(WorkbenchError, match="already exists"):
        WorkbenchFile.create(workbench.path)
