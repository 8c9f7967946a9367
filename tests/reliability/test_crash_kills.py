"""Killed at any moment (SIGKILL, as a dead battery would), the workbench file loses nothing it
acknowledged and holds nothing half-applied.

A child process (crash_driver.py) accepts changes, types, undoes and imports Rev.1 of the
shared sample, printing one line after each commit; the test kills it at a seeded random moment,
half the time while the import is running, then reads the file back.
"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from reliability_helpers import (
    REPO,
    STRESS,
    child_env,
    copy_workbench,
    make_rev1,
    workbench_with_sample,
)

from workbench import checks, snapshots
from workbench.importing import import_file
from workbench.storage import WorkbenchFile

DRIVER = Path(__file__).with_name("crash_driver.py")
KILLS = 200 if STRESS else 30
SAMPLE_PARAGRAPHS = 26
REV1_PARAGRAPHS = 29
# A hang guard only: a healthy child is killed within a second.
GIVE_UP_AFTER = 60.0


def acknowledged(out: Path) -> list[dict[str, Any]]:
    """Complete lines only: a line cut by the kill was never acknowledged."""
    text = out.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n")[:-1] if line]


def wait_for(out: Path, op: str, child: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + GIVE_UP_AFTER
    while time.monotonic() < deadline:
        if any(line.get("op") == op for line in acknowledged(out)):
            return True
        if child.poll() is not None:
            return False
        time.sleep(0.002)
    raise AssertionError(f"the driver never reported {op!r}")


def kill_at_random(workbench: Path, rev1: Path, seed: int, out: Path) -> str:
    """Run the driver and SIGKILL it; says where the kill landed."""
    rng = random.Random(seed)
    with out.open("wb") as sink:
        child = subprocess.Popen(
            [sys.executable, str(DRIVER), str(workbench), str(rev1), str(seed)],
            stdout=sink,
            stderr=subprocess.PIPE,
            env=child_env(),
            cwd=REPO,
        )
        try:
            during_import = rng.random() < 0.5
            wait_for(out, "import-start" if during_import else "ready", child)
            time.sleep(rng.uniform(0, 0.05) if during_import else rng.uniform(0, 0.4))
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait(GIVE_UP_AFTER)
            if child.stderr is not None:
                child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    ops = [line["op"] for line in acknowledged(out)]
    if "import-start" in ops and "import" not in ops:
        return "during the import"
    return "after the import" if "import" in ops else "before the import"


def variant_counts(base: Path, rev1: Path, scratch: Path) -> tuple[int, int]:
    """Variants before and after importing Rev.1: the only two counts a crash may leave."""
    with WorkbenchFile.open(copy_workbench(base, scratch)) as wb:
        before = sum(len(v) for v in wb.variants_by_paragraph().values())
        import_file(rev1, wb)
        after = sum(len(v) for v in wb.variants_by_paragraph().values())
    assert before < after
    return before, after


def assert_nothing_lost_nothing_half(
    workbench: Path, out: Path, expected_variants: tuple[int, int]
) -> None:
    lines = acknowledged(out)
    # First as a user would after the crash: `workbench check`, which only reads.
    assert checks.check_file(workbench) == []
    with WorkbenchFile.open(workbench) as wb:
        assert not wb.read_only, "a crashed writer's lock must not lock the user out"
        assert [row[0] for row in wb.db.execute("PRAGMA integrity_check")] == ["ok"]
        paragraphs = len(wb.paragraphs())
        variants = sum(len(v) for v in wb.variants_by_paragraph().values())
        imported = any(line["op"] == "import" for line in lines)
        # Killed between the commit and its acknowledgement, the import may be there unannounced.
        assert paragraphs in (SAMPLE_PARAGRAPHS, REV1_PARAGRAPHS), "half an import"
        if imported:
            assert paragraphs == REV1_PARAGRAPHS
        labels = [p.label for p in wb.paragraphs()]
        assert ("39bis" in labels) == (paragraphs == REV1_PARAGRAPHS)
        assert variants == expected_variants[paragraphs == REV1_PARAGRAPHS], "half an import"
        for line in lines:
            if "edit_id" not in line:
                continue
            row = wb.db.execute(
                "SELECT paragraph_id, text_after FROM edits WHERE id = ?", [line["edit_id"]]
            ).fetchone()
            assert row is not None, f"acknowledged edit {line['edit_id']} is missing"
            assert row[0] == line["paragraph_id"]
            assert hashlib.sha256(row[1].encode("utf-8")).hexdigest() == line["text_sha"]
        assert checks.check(wb) == []
    for snapshot in snapshots.list_snapshots(workbench):
        # A snapshot the kill interrupted must not be listed (restore would pick it).
        assert checks.check_file(snapshot.path) == [], snapshot.name


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    base = workbench_with_sample(tmp_path / "base.nwb")
    rev1 = make_rev1(tmp_path / "rev1.docx")
    expected_variants = variant_counts(base, rev1, tmp_path / "reference.nwb")
    landed: dict[str, int] = {}
    acknowledged_edits = 0
    for seed in range(KILLS):
        workbench = copy_workbench(base, tmp_path / f"killed-{seed}.nwb")
        out = tmp_path / f"killed-{seed}.out"
        where = kill_at_random(workbench, rev1, seed, out)
        landed[where] = landed.get(where, 0) + 1
        assert_nothing_lost_nothing_half(workbench, out, expected_variants)
        acknowledged_edits += sum("edit_id" in line for line in acknowledged(out))
    print(f"\n{KILLS} kills survived {landed}; {acknowledged_edits} acknowledged edits all found")
    assert sum(landed.values()) == KILLS
    assert landed.get("during the import", 0) > 0, landed
