"""`workbench sync apply` killed (kill -9) inside its transaction, just before COMMIT: the file
is as it was, `check` is ok, and the same changes apply whole on the next try."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from reliability_helpers import REPO, child_env, workbench_with_sample

from workbench import checks, editing
from workbench.cli.files import dump_document
from workbench.storage import WorkbenchFile
from workbench.sync.exchange import apply_changes, export_changes
from workbench.sync.folder import sync_with_folder

GIVE_UP_AFTER = 60.0


def test_killed_inside_an_apply_the_file_is_as_before_and_the_apply_can_be_redone(
    tmp_path: Path,
) -> None:
    ana = workbench_with_sample(tmp_path / "ana.nwb")
    folder = tmp_path / "shared"
    folder.mkdir()
    with WorkbenchFile.open(ana) as wb:
        sync_with_folder(wb, folder, "Ana")
    bob = tmp_path / "bob.nwb"
    shutil.copyfile(ana, bob)
    with WorkbenchFile.open(bob) as wb:
        for paragraph in wb.paragraphs()[:12]:
            editing.type_text(wb, paragraph.id, f"Bob's {paragraph.label}.", "Bob")
        exported = export_changes(wb, tmp_path / "bob-1.nwbsync", "Bob")
    assert exported is not None
    with WorkbenchFile.open(ana, read_only=True) as wb:
        before = dump_document(wb)

    marker = tmp_path / "paused"
    env = child_env()
    env["WORKBENCH_PAUSE_BEFORE_COMMIT"] = f"{marker}:1"
    child = subprocess.Popen(
        [sys.executable, "-m", "workbench", "sync", "apply", str(ana), str(exported.path)],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + GIVE_UP_AFTER
    while not marker.exists():
        if child.poll() is not None:
            raise AssertionError(f"the apply ended before its commit: {child.stderr!r}")
        assert time.monotonic() < deadline, "the apply never reached its commit"
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait(GIVE_UP_AFTER)
    assert child.returncode == -signal.SIGKILL
    if child.stderr is not None:
        child.stderr.close()

    assert checks.check_file(ana) == []
    with WorkbenchFile.open(ana, read_only=True) as wb:
        assert dump_document(wb) == before
        assert wb.changesets_had().get(exported.header.origin) is None
    with WorkbenchFile.open(ana) as wb:
        report = apply_changes(wb, [exported.path])
        assert [line.split(" (")[0] for line in report.applied] == ["Bob #1"]
        first = wb.paragraphs()[0]
        assert wb.compromise(first.id) == f"Bob's {first.label}."
    assert checks.check_file(ana) == []
