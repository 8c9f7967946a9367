"""`workbench import SOURCE --into FILE`: a Word table or a statement into a workbench file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError
from workbench.importing import (
    ColumnOverride,
    ColumnRole,
    import_file,
    index_for_search,
    parse_column_override,
)
from workbench.importing.new_file import import_into_new_file


def register(subparsers: Any) -> None:
    """Add the `import` subcommand."""
    roles = ", ".join(role.value for role in ColumnRole)
    parser = subparsers.add_parser(
        "import",
        help="import a Word negotiation table or a statement (.docx/.txt) into a workbench file",
        description=(
            "Read SOURCE (a .docx with a negotiation table, or a statement as .docx or .txt) "
            "and add it to FILE, creating FILE if it does not exist. Importing a new revision "
            "of the same table matches paragraphs by label and adds only what changed."
        ),
    )
    parser.add_argument("source", help="the .docx or .txt to import")
    parser.add_argument("--into", required=True, metavar="FILE", help="the workbench file")
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="N=ROLE[:NAME]",
        help=f"set column N's role (1 = leftmost; roles: {roles}) and stakeholder name",
    )
    parser.add_argument(
        "--stakeholder", metavar="NAME", help="who a statement is from (default: guessed)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Import; on a WorkbenchError (main prints it, exit 2) FILE is as it was or not created."""
    from workbench.storage import WorkbenchFile

    into = Path(args.into)
    overrides: dict[int, ColumnOverride] = dict(parse_column_override(t) for t in args.column)
    if not Path(args.source).exists():
        raise WorkbenchError(args.source, "file not found")
    if into.exists() or into.is_symlink():
        with WorkbenchFile.open(into) as wb:
            report = import_file(
                args.source, wb, column_overrides=overrides or None, stakeholder=args.stakeholder
            )
            index_for_search(wb)
    else:
        # Built under a hidden name and renamed into place: no half-made FILE, ever.
        report = import_into_new_file(
            args.source, into, column_overrides=overrides or None, stakeholder=args.stakeholder
        )
    for line in report.summary():
        print(line)
    return 0
