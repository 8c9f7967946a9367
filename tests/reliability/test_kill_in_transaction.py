"""Killed inside the write transaction, just before COMMIT (kill -9, as a dead battery would):
nothing acknowledged is lost, the change in progress is not there at all, `check` is ok.

The writer is stopped exactly there by WORKBENCH_PAUSE_BEFORE_COMMIT (storage's commit hook
writes a marker and waits), so the kill lands inside the transaction every time, not in
parsing or between commits as random timing mostly would.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_helpers import (
    REPO,
    SAMPLE_DOCX,
    assert_one_line_error,
    child_env,
    copy_workbench,
    make_rev1,
    run_cli,
    workbench_with_sample,
)

from workbench import checks, snapshots
from workbench.storage import WorkbenchFile

DRIVER = Path(__file__).with_name("commit_driver.py")
GIVE_UP_AFTER = 60.0


def paused_before_commit(
    tmp_path: Path, nth: int, *args: str | Path
) -> tuple[subprocess.Popen[bytes], Path]:
    """The driver, stopped just before the COMMIT of its `nth` transaction; and its output."""
    marker = tmp_path / f"paused-{nth}-{time.monotonic_ns()}"
    out = marker.with_suffix(".out")
    env = child_env()
    env["WORKBENCH_PAUSE_BEFORE_COMMIT"] = f"{marker}:{nth}"
    with out.open("wb") as sink:
        child = subprocess.Popen(
            [sys.executable, str(DRIVER), *map(str, args)],
            stdout=sink,
            stderr=subprocess.PIPE,
            env=env,
            cwd=REPO,
        )
    deadline = time.monotonic() + GIVE_UP_AFTER
    while not marker.exists():
        if child.poll() is not None:
            stderr = child.stderr.read().decode() if child.stderr else ""
            raise AssertionError(f"the driver ended before commit {nth}: {stderr}")
        assert time.monotonic() < deadline, "the driver never reached the commit"
        time.sleep(0.005)
    return child, out


def kill(child: subprocess.Popen[bytes]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(GIVE_UP_AFTER)
    if child.stderr is not None:
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL


def acknowledged(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("nth", [1, 4, 9])
def test_killed_before_commit_the_edit_is_not_there_and_the_rest_is(
    tmp_path: Path, nth: int
) -> None:
    path = workbench_with_sample(tmp_path / "tunis.nwb")
    child, out = paused_before_commit(tmp_path, nth, path, "edits", 20)
    kill(child)
    acks = acknowledged(out)
    assert len(acks) == nth - 1
    assert checks.check_file(path) == []
    with WorkbenchFile.open(path) as wb:
        assert not wb.read_only  # the killed writer's lock went with it
        typed = {edit.id: edit.text_after for p in wb.paragraphs() for edit in wb.edits(p.id)}
        for ack in acks:
            assert typed[int(str(ack["edit_id"]))] == ack["text"]
        assert not [text for text in typed.values() if f"[step {nth - 1}]" in text]


def test_killed_inside_an_import_the_file_is_as_before_and_its_snapshot_whole(
    tmp_path: Path,
) -> None:
    base = workbench_with_sample(tmp_path / "base.nwb")
    path = copy_workbench(base, tmp_path / "tunis.nwb")
    child, out = paused_before_commit(tmp_path, 1, path, "import", make_rev1(tmp_path / "r1.docx"))
    kill(child)
    assert acknowledged(out) == []
    assert checks.check_file(path) == []
    with WorkbenchFile.open(path, read_only=True) as wb, WorkbenchFile.open(base) as before:
        assert [p.label for p in wb.paragraphs()] == [p.label for p in before.paragraphs()]
        assert wb.variants_by_paragraph() == before.variants_by_paragraph()
    taken = snapshots.list_snapshots(path)
    assert len(taken) == 1
    assert checks.check_file(taken[0].path) == []


def test_a_new_file_appears_whole_or_not_at_all_and_a_second_import_is_told(
    tmp_path: Path,
) -> None:
    target = tmp_path / "tunis.nwb"
    # Transaction 1 makes the new file's meta, 2 is the import itself.
    child, out = paused_before_commit(tmp_path, 2, target, "import", SAMPLE_DOCX)
    try:
        assert not target.exists()  # the import builds under a hidden name
        loser = run_cli("import", SAMPLE_DOCX, "--into", target)
        assert_one_line_error(loser, str(target), "another import into it is running (pid")
    finally:
        kill(child)
    assert acknowledged(out) == []
    assert not target.exists()
    again = run_cli("import", SAMPLE_DOCX, "--into", target)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if "tunis" in p.name) == ["tunis.nwb"]
    assert checks.check_file(target) == []
    with WorkbenchFile.open(target, read_only=True) as wb:
        assert len(wb.paragraphs()) == 26
