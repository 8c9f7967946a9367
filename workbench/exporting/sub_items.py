"""The lines of a compromise as a printed text lays them out: sub-items and their markers.

Imported texts often keep a sub-item's marker on a line of its own ("a)" then, on the next
line, "appropriate legislation and enforcement;") and a blank line between items: written out
line for line, that prints a lonely "a)" and wide gaps. Here a line is read as a marker
("a)", "(iv)", "2.", "·", "（一）", "б)") and its text; a marker alone on its line takes the
next line as its text, and blank lines go (paragraph spacing does their work). The words and
their order are never changed: only where the lines break.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Chinese markers end in a full-width bracket or an enumeration comma: the text follows with
# no space between.
_CJK_MARKER = r"(?:（[一二三四五六七八九十百\d]{1,4}）|[一二三四五六七八九十百]{1,4}、)"
_MARKER = (
    r"(?:"
    r"\(?(?:\d{1,3}|[^\W\d_]{1,2}|[ivxlcdm]{1,6})\)"  # a) (a) 1) (iv) б) أ)
    r"|(?:\d{1,3}(?:\.\d{1,3})*|[^\W\d_]|[ivxlcdm]{1,6})\."  # 1. 2.1. a. iv.
    rf"|{_CJK_MARKER}"
    r"|[·•▪◦●‣○■□*\-–—]"  # bullets and dashes
    r")"
)
_MARKER_ALONE = re.compile(rf"^{_MARKER}$", re.IGNORECASE)
_MARKER_AND_TEXT = re.compile(rf"^({_MARKER})\s+(\S.*)$|^({_CJK_MARKER})\s*(\S.*)$", re.IGNORECASE)


class Line(NamedTuple):
    """One printed line: a sub-item's marker ("" for running text) and its text."""

    marker: str
    text: str


def split_marker(line: str) -> Line:
    """ "a) Policy authority ..." -> Line("a)", "Policy authority ..."); else Line("", line)."""
    stripped = line.strip()
    if _MARKER_ALONE.match(stripped):
        return Line(stripped, "")
    match = _MARKER_AND_TEXT.match(stripped)
    if match:
        marker, text = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        return Line(marker, text.rstrip())
    return Line("", line)


def printed_lines(text: str) -> list[Line]:
    """The lines to print: blank ones dropped, a marker alone joined to the line after it."""
    lines: list[Line] = []
    waiting = ""  # a marker whose text is on the next line
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        line = split_marker(raw)
        if waiting:
            if line.marker:  # two markers in a row: the first stays alone, as written
                lines.append(Line(waiting, ""))
            else:
                line = Line(waiting, raw.strip())
            waiting = ""
        if line.marker and not line.text:
            waiting = line.marker
        else:
            lines.append(line)
    if waiting:
        lines.append(Line(waiting, ""))
    return lines
