"""`workbench check` says ok or names each problem; `workbench restore` undoes a whole import."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from reliability_helpers import (
    REV1_NEW_LABELS,
    copy_workbench,
    make_rev1,
    run_cli,
    workbench_with_sample,
)
from reliability_helpers import (
    run_main as cli,
)

from workbench import checks, snapshots
from workbench.storage import WorkbenchFile


def tamper(path: Path, *statements: str) -> None:
    """Raw SQLite, as someone editing the file behind the workbench's back would."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_check_says_ok_on_a_sound_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbench = workbench_with_sample(tmp_path / "sound.nwb")
    assert cli(capsys, "edit", workbench, "39", "--text", "Agreed text.").returncode == 0
    result = cli(capsys, "check", workbench)
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")


def test_check_reports_a_rewritten_edit_and_the_dropped_guard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbench = workbench_with_sample(tmp_path / "tampered.nwb")
    cli(capsys, "edit", workbench, "39", "--text", "What the room agreed.")
    tamper(
        workbench,
        "DROP TRIGGER edits_no_update",
        "UPDATE edits SET text_after = 'What nobody agreed.' "
        "WHERE id = (SELECT max(id) FROM edits)",
    )
    result = cli(capsys, "check", workbench)
    assert result.returncode == 1
    problems = result.stdout.splitlines()
    assert all(line.startswith(f"{workbench}: ") for line in problems)
    assert any("edits_no_update is missing" in line for line in problems)
    assert any("paragraph 39" in line and "does not match its splice" in line for line in problems)


def test_check_reports_orphans_and_planted_triggers(tmp_path: Path) -> None:
    workbench = workbench_with_sample(tmp_path / "orphans.nwb")
    with WorkbenchFile.open(workbench) as wb:
        victim = wb.paragraph_by_label("40")
        assert victim is not None
    tamper(
        workbench,
        "DROP TRIGGER paragraphs_no_delete",
        f"DELETE FROM paragraphs WHERE id = {victim.id}",
        "CREATE TRIGGER planted AFTER INSERT ON edits BEGIN DELETE FROM meta; END",
    )
    problems = checks.check_file(workbench)
    assert any(f"belongs to missing paragraph {victim.id}" in p for p in problems)
    assert any(p.startswith("foreign key:") for p in problems)
    assert any("trigger 'planted' was not made by the workbench" in p for p in problems)


def test_check_of_an_unreadable_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.nwb"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    for path in (junk, tmp_path / "missing.nwb"):
        result = run_cli("check", path)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1
        assert str(path) in result.stderr
        assert "Traceback" not in result.stderr


def test_check_of_a_damaged_page_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbench = workbench_with_sample(tmp_path / "damaged.nwb")
    data = bytearray(workbench.read_bytes())
    page = 4096
    # Scribble over the middle of the file (table and index pages), keep the header.
    data[page * 10 : page * 12] = b"\x5a" * (2 * page)
    workbench.write_bytes(bytes(data))
    result = cli(capsys, "check", workbench)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr
    if result.returncode == 1:
        assert "SQLite integrity check" in result.stdout
    else:
        assert result.stderr.count("\n") == 1


def dump(capsys: pytest.CaptureFixture[str], workbench: Path) -> Any:
    result = cli(capsys, "dump", workbench)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_restore_takes_back_a_whole_import_of_rev1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbench = workbench_with_sample(tmp_path / "tunis.nwb")
    assert cli(capsys, "edit", workbench, "39", "--text", "Our own words for 39.").returncode == 0
    before = dump(capsys, workbench)

    imported = cli(capsys, "import", make_rev1(tmp_path / "tunis-rev1.docx"), "--into", workbench)
    assert imported.returncode == 0, imported.stderr
    after_import = dump(capsys, workbench)
    assert len(after_import["paragraphs"]) == len(before["paragraphs"]) + len(REV1_NEW_LABELS)

    listed = cli(capsys, "restore", workbench, "--list")
    assert listed.returncode == 0
    assert "before import of tunis-rev1.docx" in listed.stdout
    restored = cli(capsys, "restore", workbench)
    assert restored.returncode == 0, restored.stderr
    assert "before_import_of_tunis-rev1.docx" in restored.stdout
    assert dump(capsys, workbench) == before
    assert cli(capsys, "check", workbench).stdout == "ok\n"

    # The restore kept the imported state first, so it can be taken back by name.
    kept = [
        s
        for s in snapshots.list_snapshots(workbench)
        if s.description.startswith("before restoring")
    ]
    assert len(kept) == 1
    again = cli(capsys, "restore", workbench, "--snapshot", kept[0].name)
    assert again.returncode == 0, again.stderr
    assert dump(capsys, workbench) == after_import
    labels = [p["label"] for p in after_import["paragraphs"]]
    assert set(REV1_NEW_LABELS) <= set(labels)


def test_restore_in_an_open_window_reloads_in_place(tmp_path: Path) -> None:
    workbench = workbench_with_sample(tmp_path / "window.nwb")
    with WorkbenchFile.open(workbench) as wb:
        before = [(p.label, wb.compromise(p.id)) for p in wb.paragraphs()]
        from workbench.importing import import_file

        import_file(make_rev1(tmp_path / "rev1.docx"), wb)
        assert len(wb.paragraphs()) == len(before) + len(REV1_NEW_LABELS)
        snapshots.restore(wb)
        assert [(p.label, wb.compromise(p.id)) for p in wb.paragraphs()] == before
        assert checks.check(wb) == []


def test_restore_refuses_while_another_program_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbench = workbench_with_sample(tmp_path / "busy.nwb")
    with WorkbenchFile.open(workbench) as wb:
        snapshots.take(wb, "by hand")
        result = run_cli("restore", workbench)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "open for writing in another program" in result.stderr


def test_a_damaged_snapshot_is_refused_and_the_file_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbench = workbench_with_sample(tmp_path / "safe.nwb")
    with WorkbenchFile.open(workbench) as wb:
        snapshot = snapshots.take(wb, "to be damaged")
    snapshot.path.write_bytes(snapshot.path.read_bytes()[:5000])
    result = cli(capsys, "restore", workbench, "--snapshot", snapshot.name)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    with WorkbenchFile.open(workbench, read_only=True) as wb:
        assert len(wb.paragraphs()) == 26
    assert checks.check_file(workbench) == []


def test_an_interrupted_snapshot_is_never_listed(tmp_path: Path) -> None:
    workbench = workbench_with_sample(tmp_path / "partial.nwb")
    folder = snapshots.folder(workbench)
    folder.mkdir()
    stale = folder / "20990101T000000000000Z--before-import-of-x.docx.wb.partial"
    stale.write_bytes(b"SQLite format 3\x00 cut short")
    assert snapshots.list_snapshots(workbench) == []
    with WorkbenchFile.open(workbench) as wb:
        taken = snapshots.take(wb, "next")
    assert [s.name for s in snapshots.list_snapshots(workbench)] == [taken.name]
    assert not stale.exists()
    copy_workbench(taken.path, tmp_path / "copy.nwb")
    assert checks.check_file(tmp_path / "copy.nwb") == []
