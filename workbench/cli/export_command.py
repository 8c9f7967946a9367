"""`workbench export FILE --to OUT.docx`: the Word export from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from workbench.errors import WorkbenchError
from workbench.exporting import LAYOUTS, ExportOptions, Paper, export_file
from workbench.exporting.paper import paper_from_environment


def register(subparsers: Any) -> None:
    """Add the `export` subcommand."""
    parser = subparsers.add_parser(
        "export",
        help="write the text to a Word file (table with tracked changes, clean, or history)",
        description="Write the workbench's text to a .docx file.",
    )
    parser.add_argument("file", help="the workbench file")
    parser.add_argument("--to", required=True, dest="out", metavar="OUT.docx")
    parser.add_argument("--layout", choices=LAYOUTS, default="table")
    parser.add_argument(
        "--stakeholders",
        nargs="*",
        metavar="NAME",
        help="proposal columns (default: every stakeholder with a proposal; none when given "
        "without names: paragraph | draft | compromise)",
    )
    parser.add_argument("--paragraphs", nargs="+", metavar="LABEL", help="only these paragraphs")
    parser.add_argument(
        "--agreed-only", action="store_true", help="only paragraphs agreed or agreed ad ref"
    )
    parser.add_argument(
        "--redline-compromise",
        action="store_true",
        help="compromise as struck/underlined words instead of tracked changes",
    )
    parser.add_argument(
        "--redline-proposals",
        action="store_true",
        help="proposals as their changes against the draft (struck/underlined)",
    )
    parser.add_argument(
        "--paper",
        choices=[paper.value for paper in Paper],
        help="page size (default: the locale's, from LC_ALL, LC_PAPER or LANG: US Letter in "
        "the US, Canada, Mexico and a few other countries of the Americas and the Philippines, "
        "A4 elsewhere)",
    )
    parser.add_argument("--author", default="", help="the document's author property")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export; a WorkbenchError is one line on stderr and exit status 2."""
    from workbench.storage import WorkbenchFile

    options = ExportOptions(
        agreed_only=args.agreed_only,
        redline_compromise=args.redline_compromise,
        redline_proposals=args.redline_proposals,
        paragraphs=tuple(args.paragraphs or ()),
        author=args.author,
        paper=Paper(args.paper) if args.paper else paper_from_environment(),
    )
    try:
        with WorkbenchFile.open(args.file, read_only=True) as wb:
            report = export_file(
                wb, args.out, layout=args.layout, stakeholders=args.stakeholders, options=options
            )
    except WorkbenchError as error:
        print(error, file=sys.stderr)
        return 2
    print(report.summary())
    for warning in report.warnings():
        print(f"warning: {warning}", file=sys.stderr)
    return 0
