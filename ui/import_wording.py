"""The import's report in the window's words: the domain's lines name command-line options
("--stakeholder names another"); in the window the same choice is a field of the Import
dialog, so the hint names that field instead."""

from __future__ import annotations

import re
from collections.abc import Iterable

_HINTS = [
    (
        re.compile(r"\(--stakeholder names another\)"),
        "(“Whose text” in the Import dialog names another)",
    ),
    (re.compile(r'\(--author "[^"]*" names another\)'), "(the Import dialog names another)"),
    (re.compile(r"\(try --profile\)"), "(try another Layout in the Import dialog)"),
    (re.compile(r"with --column (\d+)=proposal:NAME"), r"in the Import dialog (column \1)"),
]


def window_line(line: str) -> str:
    for pattern, words in _HINTS:
        line = pattern.sub(words, line)
    return line


def window_lines(lines: Iterable[str]) -> list[str]:
    """`lines` with every command-line hint put as the Import dialog's field."""
    return [window_line(line) for line in lines]
