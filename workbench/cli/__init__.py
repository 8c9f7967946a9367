"""`python -m workbench` (also the `workbench` script): the command line over the domain.

Each area registers its subcommands from its own module; a handler returns the exit code.
A `WorkbenchError` becomes one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.errors import WorkbenchError

COMMAND_MODULES = (
    "files",
    "import_command",
    "merge_commands",
    "comment_commands",
    "export_command",
    "safety_commands",
    "sync_commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Negotiation drafting workbench: the workbench file from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"workbench.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except WorkbenchError as error:
        print(f"workbench: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `workbench dump FILE | head`: the reader left, nothing to report
        return 0
    except KeyboardInterrupt:
        print("workbench: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
