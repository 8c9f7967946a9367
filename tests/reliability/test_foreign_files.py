"""Workbench files from elsewhere: newer ones refused untouched, older ones migrated after a
snapshot, other SQLite files refused, and text that looks like SQL or a formula stays text."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from reliability_helpers import SAMPLE_DOCX, digest, run_main, workbench_with_sample
from sqlite_utils.migrations import Migrations

from workbench import checks, editing, snapshots
from workbench.errors import WorkbenchError
from workbench.exporting import export_file
from workbench.model import Role, StakeholderKind
from workbench.schema import APPLICATION_ID, MIGRATION_SET, SCHEMA_VERSION, migrations
from workbench.storage import WorkbenchFile, workbench_file


def raw(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def newer_file(path: Path) -> Path:
    """A file a future version wrote: one migration we do not know, its name in meta."""
    workbench_with_sample(path)
    raw(
        path,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        f"VALUES ('{MIGRATION_SET}', '0042_future_feature', '2031-01-01')",
        "INSERT INTO meta (key, value) VALUES ('written_by', 'Negotiation Workbench 7.3.1')",
        "PRAGMA user_version = 42",
    )
    # Mailed or copied files are often not in WAL mode: opening must not even switch that.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


def test_a_newer_file_is_refused_naming_its_version_and_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = newer_file(tmp_path / "from-the-future.nwb")
    before = digest(path)
    for read_only in (False, True):
        with pytest.raises(WorkbenchError) as refused:
            WorkbenchFile.open(path, read_only=read_only)
        assert "Negotiation Workbench 7.3.1" in str(refused.value)
        assert "update the workbench" in str(refused.value)
    result = run_main(capsys, "edit", path, "39", "--text", "overwrite")
    assert result.returncode == 2
    assert "7.3.1" in result.stderr
    assert digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()


def test_an_older_file_is_migrated_after_a_snapshot(tmp_path: Path) -> None:
    """Schema 0: a file marked as ours that no migration has touched yet."""
    path = tmp_path / "schema0.nwb"
    raw(path, f"PRAGMA application_id = {APPLICATION_ID}", "CREATE TABLE legacy (x)")
    with WorkbenchFile.open(path) as wb:
        assert wb.stakeholders() == []
        wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
    taken = snapshots.list_snapshots(path)
    assert [s.description for s in taken] == ["before upgrade from schema 0"]
    conn = sqlite3.connect(taken[0].path)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'edits'").fetchall() == []
    conn.close()
    assert checks.check_file(path) == []


def test_a_pending_migration_runs_after_a_snapshot_and_keeps_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mechanism with the next version's schema: one migration more than the file has."""
    path = workbench_with_sample(tmp_path / "older.nwb")
    with WorkbenchFile.open(path) as wb:
        before = [(p.label, wb.compromise(p.id)) for p in wb.paragraphs()]
    next_version = Migrations(MIGRATION_SET)
    for migration in migrations._migrations:
        next_version._migrations.append(migration)

    @next_version(name=f"{SCHEMA_VERSION + 1:04d}_paragraph_notes")
    def _notes(db: object) -> None:
        from sqlite_utils import Database

        assert isinstance(db, Database)
        db.execute("ALTER TABLE paragraphs ADD COLUMN notes TEXT NOT NULL DEFAULT ''")

    names = tuple(m.name for m in next_version._migrations)
    monkeypatch.setattr(workbench_file, "migrations", next_version)
    monkeypatch.setattr(workbench_file, "MIGRATION_NAMES", names)
    monkeypatch.setattr(workbench_file, "SCHEMA_VERSION", len(names))
    with WorkbenchFile.open(path) as wb:
        assert [(p.label, wb.compromise(p.id)) for p in wb.paragraphs()] == before
        columns = [row[1] for row in wb.db.execute("PRAGMA table_info(paragraphs)")]
        assert "notes" in columns
        applied = [m.name for m in next_version.applied(wb.db)]
        assert applied == list(names)
    assert [s.description for s in snapshots.list_snapshots(path)] == [
        f"before upgrade from schema {SCHEMA_VERSION}"
    ]


def test_a_failing_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbench_with_sample(tmp_path / "older.nwb")
    next_version = Migrations(MIGRATION_SET)
    next_version._migrations.extend(migrations._migrations)

    @next_version(name=f"{SCHEMA_VERSION + 1:04d}_breaks_halfway")
    def _breaks(db: object) -> None:
        from sqlite_utils import Database

        assert isinstance(db, Database)
        db.execute("ALTER TABLE paragraphs ADD COLUMN half TEXT")
        db.execute("THIS IS NOT SQL")

    names = tuple(m.name for m in next_version._migrations)
    monkeypatch.setattr(workbench_file, "migrations", next_version)
    monkeypatch.setattr(workbench_file, "MIGRATION_NAMES", names)
    monkeypatch.setattr(workbench_file, "SCHEMA_VERSION", len(names))
    with pytest.raises(WorkbenchError):
        WorkbenchFile.open(path)
    monkeypatch.undo()
    with WorkbenchFile.open(path) as wb:
        columns = [row[1] for row in wb.db.execute("PRAGMA table_info(paragraphs)")]
        assert "half" not in columns
        assert len(wb.paragraphs()) == 26
    assert checks.check_file(path) == []


def test_other_sqlite_files_and_word_files_are_refused_untouched(
    tmp_path: Path, sample_docx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "browser-history.sqlite"
    raw(other, "CREATE TABLE visits (url TEXT)", "INSERT INTO visits VALUES ('x')")
    before = digest(other)
    with pytest.raises(WorkbenchError, match="SQLite database but not a workbench file"):
        WorkbenchFile.open(other)
    result = run_main(capsys, "check", other)
    assert result.returncode == 2
    assert digest(other) == before
    assert not other.with_name(other.name + "-wal").exists()
    word = tmp_path / "draft.nwb"
    shutil.copyfile(sample_docx, word)
    with pytest.raises(WorkbenchError, match="import it instead"):
        WorkbenchFile.open(word)


HOSTILE_TEXTS = [
    "'); DROP TABLE edits; --",
    '"; DELETE FROM paragraphs WHERE 1=1; --',
    '=HYPERLINK("http://example.invalid/leak","click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '{ INCLUDETEXT "C:\\\\secret.txt" }',
    'NEAR(a b) OR "x" AND *',
]


def test_text_that_looks_like_sql_or_a_formula_stays_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbench_with_sample(tmp_path / "texts.nwb")
    with WorkbenchFile.open(path) as wb:
        paragraphs = wb.paragraphs()
        sly = wb.add_stakeholder("Robert'); DROP TABLE stakeholders; --")
        for paragraph, text in zip(paragraphs, HOSTILE_TEXTS, strict=False):
            editing.type_text(wb, paragraph.id, text, "=1+1")
            wb.add_variant(paragraph.id, sly.id, Role.PROPOSAL, text)
        for text in HOSTILE_TEXTS:
            wb.search(text)  # an FTS query built from user text must not be parsed as syntax
        assert {wb.compromise(p.id) for p in paragraphs[: len(HOSTILE_TEXTS)]} == set(HOSTILE_TEXTS)
        assert len(wb.paragraphs()) == 26
        assert wb.stakeholder_by_name("Robert'); DROP TABLE stakeholders; --") is not None
        assert checks.check(wb) == []
        out = tmp_path / "texts.docx"
        export_file(wb, out, layout="table")
    dumped = run_main(capsys, "dump", path)
    assert dumped.returncode == 0
    compromises = {p["compromise"] for p in json.loads(dumped.stdout)["paragraphs"]}
    assert set(HOSTILE_TEXTS) <= compromises
    with zipfile.ZipFile(out) as package:
        document = package.read("word/document.xml").decode("utf-8")
    # Written as plain runs: no field codes, so Word computes nothing from them.
    assert "w:fldSimple" not in document
    assert "w:instrText" not in document
    assert "=HYPERLINK(" in document


def test_another_programs_wal_database_gets_no_files_made_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "mail-index.db"
    raw(other, "PRAGMA journal_mode = WAL", "CREATE TABLE messages (subject TEXT)")
    for side in ("-wal", "-shm"):
        other.with_name(other.name + side).unlink(missing_ok=True)
    before = digest(other)
    for command in (("info",), ("check",), ("edit", "39", "--text", "x"), ("import", "x")):
        name, *rest = command
        args = (
            ["import", str(SAMPLE_DOCX), "--into", str(other)]
            if name == "import"
            else [
                name,
                str(other),
                *rest,
            ]
        )
        result = run_main(capsys, *args)
        assert result.returncode == 2
        assert "SQLite database but not a workbench file" in result.stderr
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mail-index.db"]


def test_a_damaged_file_says_what_is_wrong_and_where_to_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    with WorkbenchFile.open(path) as wb:
        snapshots.take(wb, "by hand")
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\x5a" * (4096 - 100)  # page 1 after the header: the schema itself
    path.write_bytes(bytes(data))
    for command in (("info",), ("dump",), ("edit", "39", "--text", "x")):
        result = run_main(capsys, command[0], path, *command[1:])
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1
        message = result.stderr
        assert "is damaged" in message
        assert "malformed" not in message.split("is damaged")[0]  # the plain words come first
        assert f"`workbench check {path}`" in message
        assert f"`workbench restore {path} --list`" in message
    checked = run_main(capsys, "check", path)
    assert checked.returncode in (1, 2)
    assert "Traceback" not in checked.stderr
    listed = run_main(capsys, "restore", path, "--list")
    assert "by hand" in listed.stdout


def test_a_docx_with_two_document_parts_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two zip entries named word/document.xml: Word reads one, a reader may take the other."""
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    before = digest(path)
    twin = tmp_path / "twin.docx"
    with zipfile.ZipFile(SAMPLE_DOCX) as source, zipfile.ZipFile(twin, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with pytest.warns(UserWarning, match="Duplicate name"):
            target.writestr(
                "word/document.xml",
                source.read("word/document.xml").replace(b"Geneva", b"Elsewhere"),
            )
    result = run_main(capsys, "import", twin, "--into", path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "two parts named word/document.xml" in result.stderr
    assert digest(path) == before
