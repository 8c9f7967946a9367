"""`workbench check` and `workbench restore`: is the file sound, and take it back to a snapshot."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench import checks, snapshots
from workbench.errors import WorkbenchError


def register(subparsers: Any) -> None:
    check = subparsers.add_parser(
        "check",
        help="check a workbench file's integrity and history; prints ok or each problem",
        description=(
            "Runs SQLite's integrity and foreign-key checks, then the workbench's own: the schema "
            "is the one the workbench made (no foreign triggers, indexes or views), every value "
            "can be read, no orphan rows, every compromise equals the replay of its edit log. "
            "Exit status 0 when the file is sound, 1 when problems were found, 2 when it "
            "cannot be read as a workbench file."
        ),
    )
    check.add_argument("file")
    check.add_argument(
        "--repair",
        action="store_true",
        help="after a snapshot: drop triggers, indexes and views the workbench did not make, "
        "make its own again, and fix the values it can read one way only",
    )
    check.set_defaults(func=run_check)

    restore = subparsers.add_parser(
        "restore",
        help="restore a workbench file from a snapshot (the latest unless --snapshot)",
        description="Snapshots are taken before every import; the current state is kept first.",
    )
    restore.add_argument("file")
    restore.add_argument("--snapshot", metavar="NAME", help="the snapshot (or a prefix of it)")
    restore.add_argument("--list", action="store_true", help="list the snapshots, oldest first")
    restore.set_defaults(func=run_restore)


def run_check(args: argparse.Namespace) -> int:
    if args.repair:
        run_repair(args.file)
    problems = checks.check_file(args.file)
    if not problems:
        print("ok")
        return 0
    for problem in problems:
        print(f"{args.file}: {problem}")
    return 1


def run_repair(path: str) -> None:
    """Repairs what `check` finds in the schema and the values; prints what it did."""
    from workbench.storage import WorkbenchFile

    with WorkbenchFile.open_for_repair(path) as wb:
        if not checks.check(wb):
            return
        snapshot = snapshots.take(wb, "before repair")
        report = wb.repair()
    print(f"{path}: snapshot {snapshot.name} taken first")
    for line in report.repaired:
        print(f"{path}: repaired: {line}")
    for line in report.not_repaired:
        print(f"{path}: {line}")


def run_restore(args: argparse.Namespace) -> int:
    from workbench.storage import WorkbenchFile

    if not Path(args.file).exists():
        raise WorkbenchError(args.file, "does not exist")
    if args.list:
        found = snapshots.list_snapshots(args.file)
        if not found:
            print(f"{args.file}: no snapshots")
        for snapshot in found:
            print(f"{snapshot.name}  {snapshot.taken_at}  {snapshot.description}")
        return 0
    with WorkbenchFile.open(args.file) as wb:
        if wb.read_only:
            raise WorkbenchError(wb.path, f"cannot be restored: {wb.read_only_reason}")
        restored = snapshots.restore(wb, args.snapshot)
    print(f"restored {restored.name}; the state before is kept as a snapshot too")
    return 0
