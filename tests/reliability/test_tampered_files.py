"""A workbench file changed behind the workbench's back (with the sqlite3 shell, another program):
planted triggers never run, bad values never become a traceback, `check` names both and
`check --repair` puts the schema and the values right after a snapshot."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from reliability_helpers import (
    STRESS,
    make_rev1,
    run_main,
    workbench_with_sample,
)

from workbench import checks, snapshots
from workbench.storage import WorkbenchFile, values

PLANT = """CREATE TRIGGER planted AFTER INSERT ON edits BEGIN
  INSERT INTO edits (paragraph_id, seq, kind, author, at, start, "end", inserted, text_after)
  VALUES (NEW.paragraph_id, NEW.seq + 1, 'typed', 'nobody', NEW.at, 0, 0, '', 'PLANTED TEXT');
END"""


def sqlite_shell(path: Path, script: str) -> None:
    """The sqlite3 command-line shell where installed (as the attacker used), else the module."""
    if shutil.which("sqlite3"):
        subprocess.run(["sqlite3", str(path)], input=script, text=True, check=True)
        return
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()


def set_value(path: Path, table: str, column: str, value: Any, where: str) -> bool:
    """Puts `value` in one row, append-only guards or not (put back as they were); False if
    SQLite itself refuses it (a NOT NULL, a UNIQUE)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    guards = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]
    ).fetchall()
    try:
        with conn:
            for name, _ in guards:
                conn.execute(f"DROP TRIGGER {name}")
            key = '"end"' if column == "end" else column
            conn.execute(f"UPDATE {table} SET {key} = ? WHERE {where}", [value])
            for _, sql in guards:
                conn.execute(sql)
    except sqlite3.IntegrityError:
        return False
    finally:
        conn.close()
    return True


def compromise_of_39(path: Path) -> str:
    with WorkbenchFile.open(path, read_only=True) as wb:
        paragraph = wb.paragraph_by_label("39")
        assert paragraph is not None
        return wb.compromise(paragraph.id)


def test_a_planted_trigger_never_runs_and_repair_removes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    assert run_main(capsys, "edit", path, "39", "--text", "What the room agreed.").returncode == 0
    sqlite_shell(path, PLANT + ";\n")

    refused = run_main(capsys, "edit", path, "39", "--text", "Next words.")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "trigger 'planted' was not made by the workbench" in refused.stderr
    assert "check --repair" in refused.stderr
    assert compromise_of_39(path) == "What the room agreed."  # never "PLANTED TEXT"
    with WorkbenchFile.open(path) as wb:
        assert wb.read_only
        assert "its schema was changed outside the workbench" in (wb.read_only_reason or "")

    found = run_main(capsys, "check", path)
    assert found.returncode == 1
    assert "trigger 'planted' was not made by the workbench" in found.stdout

    repaired = run_main(capsys, "check", "--repair", path)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "repaired: dropped trigger 'planted'" in repaired.stdout
    assert repaired.stdout.endswith("ok\n")
    assert [s.description for s in snapshots.list_snapshots(path)] == ["before repair"]
    assert run_main(capsys, "edit", path, "39", "--text", "Next words.").returncode == 0
    assert compromise_of_39(path) == "Next words."
    assert checks.check_file(path) == []


def test_a_guard_replaced_by_a_harmless_looking_one_is_caught_and_made_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    sqlite_shell(
        path,
        "DROP TRIGGER edits_no_update;\n"
        "CREATE TRIGGER edits_no_update BEFORE UPDATE ON edits BEGIN SELECT 1; END;\n"
        "CREATE VIEW everything AS SELECT * FROM edits;\n"
        "CREATE INDEX sneaky ON edits(text_after);\n",
    )
    found = run_main(capsys, "check", path)
    assert found.returncode == 1
    assert "trigger 'edits_no_update' differs from the workbench's definition" in found.stdout
    assert "view 'everything' was not made by the workbench" in found.stdout
    assert "index 'sneaky' was not made by the workbench" in found.stdout
    assert run_main(capsys, "check", "--repair", path).returncode == 0
    with WorkbenchFile.open(path) as wb:
        assert not wb.read_only
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            wb.db.execute("UPDATE edits SET text_after = 'rewritten'")


def test_a_pending_migration_never_runs_under_a_planted_trigger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older file with a planted trigger opens read-only at its own schema: not upgraded."""
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    sqlite_shell(path, "CREATE TRIGGER on_upgrade AFTER UPDATE ON meta BEGIN SELECT 1; END;\n")
    with WorkbenchFile.open(path) as wb:
        assert wb.read_only
        assert [d.name for d in wb.schema_differences] == ["on_upgrade"]


THIRD_VARIANT = "id = (SELECT id FROM variants ORDER BY id LIMIT 1 OFFSET 2)"
BAD_VALUES = [
    # (table, column, value, which row, repaired by --repair)
    ("paragraphs", "status", "bogus", "label = '39'", True),
    ("paragraphs", "status", "Agreed", "label = '39'", True),
    ("paragraphs", "label", b"39", "label = '39'", True),
    ("variants", "marks", "{not json", "id = (SELECT min(id) FROM variants)", True),
    ("variants", "marks", '[{"kind": "deleted"}]', "id = (SELECT min(id) FROM variants)", True),
    ("variants", "text", b"\xe2\x80\x9cQuoted\xe2\x80\x9d", THIRD_VARIANT, True),
    ("variants", "text", b"\xff\xfe not UTF-8", THIRD_VARIANT, False),
    ("variants", "role", "amendment", THIRD_VARIANT, False),
    ("edits", "text_after", b"What the room agreed.", "seq = 2", True),
    ("edits", "kind", "mystery", "seq = 2", False),
    ("edits", "start", "seven", "seq = 2", False),
    ("edits", "seq", b"2", "seq = 2", True),
    ("stakeholders", "kind", "alien", "name = 'GC'", True),
    ("stakeholders", "name", b"Gender Caucus", "name = 'GC'", True),
    ("sections", "position", "first", "id = (SELECT min(id) FROM sections)", False),
    ("meta", "value", b"\x00", "key = 'created_by'", True),
    (
        "search_indexed",
        "through",
        "lots",
        "origin = (SELECT min(origin) FROM search_indexed)",
        True,
    ),
]
COMMANDS = [
    ("info",),
    ("dump",),
    ("history", "39"),
    ("diff", "39", "--from", "GC"),
    ("provenance",),
    ("export", "--to", "{out}/table.docx"),
    ("export", "--to", "{out}/history.docx", "--layout", "history"),
    ("edit", "39", "--text", "Typed over a bad value."),
    ("accept", "43", "--from", "GC", "--all"),
    ("undo", "39"),
    ("comments",),
    ("comment", "39", "--text", "A comment over a bad value."),
    ("import", "{rev1}"),
    ("restore", "--list"),
]


def run_everything(
    capsys: pytest.CaptureFixture[str], path: Path, out: Path, rev1: Path
) -> dict[str, int]:
    """Every command on the file: none may raise (a traceback); refusals are one line."""
    codes = {}
    for command in COMMANDS:
        name, *rest = command
        args = [arg.format(out=out, rev1=rev1) for arg in rest]
        if name == "import":
            args = [args[0], "--into", str(path)]
            result = run_main(capsys, name, *args)
        else:
            result = run_main(capsys, name, path, *args)
        assert result.returncode in (0, 2), (command, result)
        if result.returncode == 2:
            assert result.stderr.count("\n") == 1, (command, result.stderr)
        codes[" ".join(command)] = result.returncode
    return codes


@pytest.mark.parametrize(
    ("table", "column", "value", "where", "repairable"),
    BAD_VALUES,
    ids=[f"{t}.{c}={v!r}"[:40] for t, c, v, _, _ in BAD_VALUES],
)
def test_a_bad_value_is_one_line_everywhere_and_check_names_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    table: str,
    column: str,
    value: Any,
    where: str,
    repairable: bool,
) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    rev1 = make_rev1(tmp_path / "rev1.docx")
    assert run_main(capsys, "edit", path, "39", "--text", "What the room agreed.").returncode == 0
    assert set_value(path, table, column, value, where)

    run_everything(capsys, path, tmp_path, rev1)
    found = run_main(capsys, "check", path)
    assert found.returncode == 1
    assert f"{table} row " in found.stdout
    assert f": {column} " in found.stdout

    repaired = run_main(capsys, "check", "--repair", path)
    assert "Traceback" not in repaired.stderr
    if repairable:
        assert repaired.returncode == 0, repaired.stdout + repaired.stderr
        assert f"repaired: {table} row " in repaired.stdout
        codes = run_everything(capsys, path, tmp_path, rev1)
        assert codes["info"] == codes["dump"] == codes["export --to {out}/table.docx"] == 0
    else:
        assert repaired.returncode == 1
        assert "not repaired; restore a snapshot" in repaired.stdout
        assert [s.description for s in snapshots.list_snapshots(path)][-1] == "before repair"


def every_column() -> list[tuple[str, str, Any]]:
    """For every column the domain reads, a value it cannot take that SQLite keeps as given.

    Text columns convert a number to text (their affinity), so they get a BLOB that is not
    UTF-8; the others get text (and, when stressed, a BLOB too).
    """
    blob = b"\x00\xff"
    cases = []
    for columns in values.RECORDS:
        for name, check in columns.columns[1:]:  # the first names the row (id, key)
            cases.append((columns.table, name, blob if check is values.text else "not a number"))
            if STRESS and check is not values.text:
                cases.append((columns.table, name, blob))
    return cases


WHERE = {
    "stakeholders": "name = 'GC'",
    "sections": "id = (SELECT min(id) FROM sections)",
    "paragraphs": "label = '39'",
    "variants": "id = (SELECT min(v.id) FROM variants v JOIN paragraphs p "
    "ON p.id = v.paragraph_id WHERE p.label = '39')",
    "edits": "id = (SELECT max(e.id) FROM edits e JOIN paragraphs p "
    "ON p.id = e.paragraph_id WHERE p.label = '39')",
    "comments": "id = (SELECT min(id) FROM comments)",
    "meta": "key = 'created_by'",
    "search_indexed": "origin = (SELECT min(origin) FROM search_indexed)",
}


@pytest.mark.parametrize(("table", "column", "value"), every_column())
def test_no_content_of_any_column_makes_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, column: str, value: Any
) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    assert run_main(capsys, "edit", path, "39", "--text", "What the room agreed.").returncode == 0
    said = run_main(capsys, "comment", path, "39", "--text", "Agreed?", "--quote", "the room")
    assert said.returncode == 0
    assert set_value(path, table, column, value, WHERE[table])
    run_everything(capsys, path, tmp_path, make_rev1(tmp_path / "rev1.docx"))
    assert run_main(capsys, "check", path).returncode == 1
    after = run_main(capsys, "check", "--repair", path)
    assert after.returncode in (0, 1)
    assert "Traceback" not in after.stderr


def test_dump_is_unchanged_by_a_repair_of_text_stored_as_blobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text stored as a BLOB (valid UTF-8) reads back as the same text after the repair."""
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    before = json.loads(run_main(capsys, "dump", path).stdout)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER variants_no_update")
    conn.execute("UPDATE variants SET text = CAST(text AS BLOB)")
    conn.commit()
    conn.close()
    assert run_main(capsys, "dump", path).returncode == 2
    assert run_main(capsys, "check", "--repair", path).returncode == 0
    assert json.loads(run_main(capsys, "dump", path).stdout) == before
