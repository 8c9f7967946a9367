"""`workbench sync`: team work between laptops, through changes files or a shared folder.

workbench sync export FILE --to CHANGES     what this laptop has not sent yet
workbench sync apply FILE CHANGES...        colleagues' changes, in any order
workbench sync FILE --folder DIR            both, against a shared folder
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbench import editing
from workbench.editing import default_author
from workbench.errors import WorkbenchError
from workbench.sync.exchange import ApplyReport, Exported, apply_changes, export_changes
from workbench.sync.folder import sync_with_folder


def register(subparsers: Any) -> None:
    sync = subparsers.add_parser(
        "sync",
        help="exchange work with colleagues' copies of this workbench file",
        usage=(
            "workbench sync export FILE --to CHANGES | workbench sync apply FILE CHANGES... | "
            "workbench sync FILE --folder DIR"
        ),
        description=(
            "Team work on one negotiation from several laptops. `sync export FILE --to CHANGES` "
            "writes what this laptop has not sent yet into one changes file (CHANGES may be a "
            "folder); `sync apply FILE CHANGES...` applies colleagues' changes files, each "
            "once, in any order; `sync FILE --folder DIR` does both against a shared folder."
        ),
    )
    sync.add_argument("words", nargs="+", metavar="export|apply|FILE ...")
    sync.add_argument("--to", metavar="CHANGES", help="with export: a file or a folder")
    sync.add_argument("--folder", metavar="DIR", help="the shared folder to sync with")
    sync.add_argument("--author", help="your name in colleagues' files (default: $WORKBENCH_USER)")
    sync.set_defaults(func=lambda args: _dispatch(args, sync))

    resolve = subparsers.add_parser(
        "resolve",
        help="take a colleague's version of a paragraph in (a fork after a sync)",
        description=(
            "Where a colleague changed a paragraph this laptop changed too, their version is a "
            'proposal ("Ana\'s compromise", see `workbench diff`): accept or reject its '
            "changes, then resolve, which keeps the compromise as it is now and records that "
            "both versions are taken in. --take-theirs takes their text and status instead."
        ),
    )
    resolve.add_argument("file")
    resolve.add_argument("label")
    resolve.add_argument("--from", dest="source", metavar="NAME", help="whose version")
    resolve.add_argument("--take-theirs", action="store_true", help="their text and status")
    resolve.add_argument("--author", help="who resolves (default: $WORKBENCH_USER)")
    resolve.add_argument("--force", action="store_true", help="change an agreed paragraph")
    resolve.set_defaults(func=_resolve)


def _dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    action, *rest = args.words
    if action == "export" and len(rest) == 1 and args.to and not args.folder:
        return _export(rest[0], Path(args.to), args.author)
    if action == "apply" and len(rest) >= 2 and not (args.to or args.folder):
        return _apply(rest[0], [Path(p) for p in rest[1:]])
    if not rest and args.folder and not args.to:
        return _folder(action, Path(args.folder), args.author)
    parser.error("give `export FILE --to CHANGES`, `apply FILE CHANGES...` or `FILE --folder DIR`")
    return 2


def _open(path: str) -> Any:
    from workbench.storage import WorkbenchFile

    wb = WorkbenchFile.open(path)
    if wb.read_only:
        reason = wb.read_only_reason
        wb.close()
        raise WorkbenchError(path, f"cannot sync: {reason}")
    return wb


def _export(path: str, target: Path, author: str | None) -> int:
    with _open(path) as wb:
        exported = export_changes(wb, target, author or default_author())
    _print_export(exported)
    return 0


def _print_export(exported: Exported | None) -> None:
    if exported is None:
        print("nothing new to send")
    else:
        print(f"wrote {exported.path}: {exported.label}, {exported.header.rows} rows")


def _apply(path: str, changes: list[Path]) -> int:
    with _open(path) as wb:
        report = apply_changes(wb, changes)
    return _print_report(report)


def _print_report(report: ApplyReport) -> int:
    for line in report.lines():
        print(line)
    for line in report.refused:
        print(f"workbench: {line}", file=sys.stderr)
    if not (report.applied or report.already or report.refused or report.waiting):
        print("nothing to apply")
    return 2 if report.refused else 0


def _folder(path: str, folder: Path, author: str | None) -> int:
    with _open(path) as wb:
        exported, report = sync_with_folder(wb, folder, author or default_author())
    _print_export(exported)
    return _print_report(report)


def _resolve(args: argparse.Namespace) -> int:
    with _open(args.file) as wb:
        paragraph = wb.paragraph_by_label(args.label)
        if paragraph is None:
            raise WorkbenchError(args.file, f"has no paragraph {args.label!r}")
        forks = editing.state(wb, paragraph.id).forks
        wanted = [
            fork
            for fork in forks
            if args.source is None or fork.author.casefold() == args.source.casefold()
        ]
        if len(wanted) != 1:
            names = ", ".join(fork.author for fork in forks) or "none"
            problem = (
                "several colleagues' versions: name one with --from"
                if wanted
                else ("no colleague's version to take in")
            )
            raise WorkbenchError(
                args.file, f"paragraph {paragraph.label} has {problem} (versions: {names})"
            )
        edit = editing.resolve(
            wb,
            paragraph.id,
            wanted[0].head.id,
            args.author or default_author(),
            take_theirs=args.take_theirs,
            force=args.force,
        )
    print(f"paragraph {paragraph.label}: {edit.note}")
    return 0
