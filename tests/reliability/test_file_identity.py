"""The writer lock follows the file, not its name: hard links, symlinks, renames, a file put in
its place, a deleted file. Nothing acknowledged is lost, and every refusal is one line saying
what happened and where the data is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_helpers import (
    REPO,
    assert_one_line_error,
    child_env,
    digest,
    run_cli,
    workbench_with_sample,
)

from workbench import checks, editing, snapshots
from workbench.errors import FileMovedError, WorkbenchError
from workbench.storage import WorkbenchFile
from workbench.storage.lock import info_path

# Types into paragraph 39 `count` times, one JSON line after each edit the file acknowledged,
# then "refused: <message>" at the first refusal (and stops).
EDITOR = """
import json, sys, time
from workbench import editing
from workbench.errors import WorkbenchError
from workbench.storage import WorkbenchFile
path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with WorkbenchFile.open(path) as wb:
    paragraph = wb.paragraph_by_label("39")
    for step in range(count):
        text = f"{name} {step}"
        try:
            edit = editing.type_text(wb, paragraph.id, text, name)
        except WorkbenchError as error:
            print("refused:", error, flush=True)
            break
        print(json.dumps({"edit_id": edit.id, "text": text}), flush=True)
        time.sleep(0.01)
"""


def editor(path: Path, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(path), name, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )


def acknowledged(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def type_acknowledged(
    window: WorkbenchFile, count: int, label: str = "39"
) -> tuple[int, list[dict[str, object]]]:
    """`count` typed edits the file acknowledged, as the acknowledgement lines would say."""
    paragraph = window.paragraph_by_label(label)
    assert paragraph is not None
    acks: list[dict[str, object]] = []
    for step in range(count):
        edit = editing.type_text(window, paragraph.id, f"window {step}", "Window")
        assert edit is not None
        acks.append({"edit_id": edit.id, "text": edit.text_after})
    return paragraph.id, acks


def assert_all_present(path: Path, acks: list[dict[str, object]]) -> None:
    """Every acknowledged edit is in the file with its text, and `check` says ok."""
    assert checks.check_file(path) == []
    with WorkbenchFile.open(path, read_only=True) as wb:
        paragraph = wb.paragraph_by_label("39")
        assert paragraph is not None
        texts = {edit.id: edit.text_after for edit in wb.edits(paragraph.id)}
    for ack in acks:
        assert texts.get(int(str(ack["edit_id"]))) == ack["text"], ack


def test_a_hard_link_made_while_open_gives_no_second_writer(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "a.nwb")
    link = tmp_path / "b.nwb"
    first = editor(path, "first", 400)
    assert first.stdout is not None
    early = [first.stdout.readline() for _ in range(3)]  # three edits acknowledged
    os.link(path, link)
    second = editor(link, "second", 50)
    out_first, err_first = first.communicate(timeout=120)
    out_second, err_second = second.communicate(timeout=120)
    assert "Traceback" not in err_first + err_second
    acks = acknowledged("".join(early) + out_first) + acknowledged(out_second)
    # The holder stops at the first write after the link appeared, saying why; the program
    # on the second name never writes (it cannot have the lock, nor write with two names).
    assert "refused:" in out_first
    assert "second name (a hard link)" in out_first
    assert acknowledged(out_second) == []
    assert "refused:" in out_second
    link.unlink()
    assert_all_present(path, acks)
    with WorkbenchFile.open(path) as wb:
        assert not wb.read_only  # one name again: writable again


def test_a_file_with_two_names_opens_read_only_under_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbench_with_sample(tmp_path / "a.nwb")
    os.link(path, tmp_path / "b.nwb")
    before = digest(path)
    for name in ("a.nwb", "b.nwb"):
        refused = run_cli("edit", tmp_path / name, "39", "--text", "Not with two names.")
        assert_one_line_error(refused, "2 names (hard links)")
    assert digest(path) == before


def test_a_symlink_is_the_same_file_the_same_lock_and_the_same_snapshots(tmp_path: Path) -> None:
    real = tmp_path / "negotiations" / "tunis.nwb"
    real.parent.mkdir()
    workbench_with_sample(real)
    link = tmp_path / "shortcut.nwb"
    link.symlink_to(real)
    with WorkbenchFile.open(real) as window:
        paragraph_id, acks = type_acknowledged(window, 3)
        refused = run_cli("edit", link, "39", "--text", "Through the symlink.")
        assert_one_line_error(refused, "open for writing in another program (pid")
        dumped = run_cli("dump", link)  # reading alongside, through the link, sees the WAL
        assert dumped.returncode == 0
        assert "window 2" in dumped.stdout
        edit = editing.type_text(window, paragraph_id, "window goes on", "Window")
        acks.append({"edit_id": edit.id, "text": edit.text_after})
    assert_all_present(real, acks)
    with WorkbenchFile.open(link) as via_link:
        assert not via_link.read_only
        taken = snapshots.take(via_link, "through the link")
    assert taken.path.parent == real.with_name("tunis.nwb.snapshots")
    assert [s.name for s in snapshots.list_snapshots(real)] == [taken.name]


def test_renamed_while_open_nothing_is_lost_and_the_message_says_where(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    moved = tmp_path / "tunis-final.nwb"
    with WorkbenchFile.open(path) as window:
        paragraph_id, acks = type_acknowledged(window, 3)
        os.rename(path, moved)
        # The command line on the new name finds the same file, still held by the window.
        refused = run_cli("edit", moved, "39", "--text", "The command line's words.")
        assert_one_line_error(refused, "open for writing in another program")
        with pytest.raises(FileMovedError) as caught:
            editing.type_text(window, paragraph_id, "after the rename", "Window")
        message = str(caught.value)
        assert "\n" not in message
        assert "renamed or moved while open" in message
        assert "this change was not written" in message
        assert str(moved) in message  # where the data is now
        assert window.read_only
        assert window.compromise(paragraph_id) == "window 2"  # still readable
    assert not path.exists()
    assert_all_present(moved, acks)
    with WorkbenchFile.open(moved) as wb:
        assert not wb.read_only
        editing.type_text(wb, paragraph_id, "goes on under the new name", "Window")
    assert checks.check_file(moved) == []


def test_replaced_while_open_the_other_file_is_untouched_and_ours_can_be_saved(
    tmp_path: Path,
) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    other = workbench_with_sample(tmp_path / "colleague.nwb")
    with WorkbenchFile.open(other) as wb:
        editing.type_text(wb, wb.paragraphs()[0].id, "The colleague's version.", "Colleague")
    theirs = digest(other)
    with WorkbenchFile.open(path) as window:
        paragraph_id, acks = type_acknowledged(window, 2)
        os.replace(other, path)  # a sync tool puts the colleague's file in its place
        with pytest.raises(FileMovedError) as caught:
            editing.type_text(window, paragraph_id, "into whose file?", "Window")
        assert "another file was put in its place while open" in str(caught.value)
        assert "save it under a new name" in str(caught.value)
        kept = window.save_as(tmp_path / "tunis-kept.nwb")
    assert digest(path) == theirs  # the file now at the name was not written
    assert checks.check_file(path) == []
    assert_all_present(kept, acks)


def test_deleted_while_open_refuses_to_write_and_save_as_keeps_everything(
    tmp_path: Path,
) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    with WorkbenchFile.open(path) as window:
        paragraph_id, acks = type_acknowledged(window, 1)
        path.unlink()
        with pytest.raises(FileMovedError) as caught:
            editing.type_text(window, paragraph_id, "Into a file that is gone.", "Window")
        assert "deleted while open" in str(caught.value)
        assert "only in this open copy" in str(caught.value)
        with pytest.raises(WorkbenchError, match="read-only: it was deleted while open"):
            editing.type_text(window, paragraph_id, "Still not.", "Window")
        saved = window.save_as(tmp_path / "rescued.nwb")
        with pytest.raises(WorkbenchError, match="already exists"):
            window.save_as(saved)  # Save As never overwrites
    assert_all_present(saved, acks)


def test_the_lock_file_goes_at_a_clean_quit_and_stays_after_a_crash(tmp_path: Path) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    lock_file = info_path(path)
    with WorkbenchFile.open(path):
        assert lock_file.read_text(encoding="utf-8").startswith(f"pid {os.getpid()} on ")
    assert not lock_file.exists()
    assert run_cli("edit", path, "39", "--text", "From the command line.").returncode == 0
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("tunis.nwb"))
    assert leftovers == ["tunis.nwb"]  # no .lock, no -wal, no -shm


# Opens and closes the file `turns` times; whenever it is the writer, it holds a marker made
# with O_EXCL for a moment: a second writer at the same time could not make it.
TAKE_TURNS = """
import os, sys, time
from workbench.storage import WorkbenchFile
path, marker, turns = sys.argv[1], sys.argv[2], int(sys.argv[3])
wrote = 0
for _ in range(turns):
    wb = WorkbenchFile.open(path)
    try:
        if not wb.read_only:
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                print("TWO WRITERS", flush=True)
                sys.exit(3)
            time.sleep(0.002)
            os.unlink(marker)
            wrote += 1
    finally:
        wb.close()
print(wrote, flush=True)
"""


def test_removing_the_lock_file_at_quit_never_lets_two_writers_in(tmp_path: Path) -> None:
    """The race the old lock-file design feared: with the lock on the file itself, none."""
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    marker = tmp_path / "writer-inside"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", TAKE_TURNS, str(path), str(marker), "40"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            cwd=REPO,
        )
        for _ in range(4)
    ]
    results = [child.communicate(timeout=300) for child in children]
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, (out, err)
        assert "TWO WRITERS" not in out
    turns = [int(out.split()[-1]) for out, _ in results]
    assert sum(turns) > 0
    assert not info_path(path).exists()
    assert checks.check_file(path) == []
