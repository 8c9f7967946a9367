"""`workbench import SOURCE --into FILE`: a negotiation text, in any layout read, into a file."""

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
    profile_names,
)
from workbench.importing.authors import author_map
from workbench.importing.new_file import import_into_new_file


def register(subparsers: Any) -> None:
    """Add the `import` subcommand."""
    roles = ", ".join(role.value for role in ColumnRole)
    parser = subparsers.add_parser(
        "import",
        help="import a negotiation text (.docx/.txt: tables, body text, amendments) into a file",
        description=(
            "Read SOURCE (.docx or .txt) with the layout profile that fits it best, print what "
            "it found (layout, sections, paragraphs, columns, warnings), then add it to FILE, "
            "creating FILE if it does not exist. Importing a new revision matches paragraphs "
            "by label and, where labels moved, by text, and adds only what changed."
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
        "--stakeholder",
        metavar="NAME",
        help="whose text it is: a statement's or body text's author, or who proposes the text of "
        "a column whose header names no one (default: guessed)",
    )
    parser.add_argument(
        "--author",
        action="append",
        default=[],
        metavar='"WORD NAME=STAKEHOLDER"',
        help="whose proposal a Word author's tracked changes are (default: a stakeholder named "
        'after the author); "*=NAME" makes every change one stakeholder\'s, "redline=NAME" '
        "names whose a body text's struck and underlined words are",
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help=f"read it as this layout ({', '.join(profile_names())}; default: the best fit)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Import; on a WorkbenchError (main prints it, exit 2) FILE is as it was or not created."""
    from workbench.storage import WorkbenchFile

    into = Path(args.into)
    overrides: dict[int, ColumnOverride] = dict(parse_column_override(t) for t in args.column)
    authors = author_map(args.author)
    if not Path(args.source).exists():
        raise WorkbenchError(args.source, "file not found")
    if into.exists() or into.is_symlink():
        with WorkbenchFile.open(into) as wb:
            report = import_file(
                args.source,
                wb,
                column_overrides=overrides or None,
                stakeholder=args.stakeholder,
                profile=args.profile,
                authors=authors,
                on_found=_print_lines,  # what was found, before anything is written
            )
            index_for_search(wb)
    else:
        # Built under a hidden name and renamed into place: no half-made FILE, ever.
        report = import_into_new_file(
            args.source,
            into,
            column_overrides=overrides or None,
            stakeholder=args.stakeholder,
            profile=args.profile,
            authors=authors,
            on_found=_print_lines,
        )
    _print_lines(report.written_lines())
    return 0


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        print(line, flush=True)
