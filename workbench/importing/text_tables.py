"""A table Word turned into text ("Convert table to text", cells separated by tabs).

Each cell begins on a line that starts with a tab (a space before it at times); its further
lines follow until the next cell begins, and every row has as many cells as the table has
columns, empty ones included. Read back into the table it was, the table layouts read it as
they read the Word file. Its redline is gone with the conversion: struck words are plain words
in the text, so the import says so.
"""

from __future__ import annotations

import re

from workbench.importing.cleantext import CellText, RunKind, TextBuilder
from workbench.importing.docx_tables import RawRow, RawTable

_MIN_CELLS = 6  # two rows of three: less is no table
_MAX_COLUMNS = 8
_ROWS_WITH_LABELS = 0.6  # of the rows: a label (or a section number) opens their first cell
_OWN_NUMBERS = 0.2  # of the other cells that open with a number: more, and they are paragraphs
_OPENS_WITH_NUMBER = re.compile(r"^\s*(?:new\s*)?\d{1,4}[a-z]{0,6}\s*[.)]?(?:\s|$)", re.IGNORECASE)
NO_REDLINE = (
    "a table converted to text keeps no struck or underlined words: a proposal's struck "
    "words read as kept; check the proposals against the Word file"
)


def _cells(text: str) -> tuple[list[str], list[list[str]]]:
    """The lines before the first cell, and each cell's lines."""
    before: list[str] = []
    cells: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            # "\t39.\tWe reaffirm ...": cells of one line, each after its tab.
            cells.extend([part] for part in stripped[1:].split("\t"))
        elif cells:
            cells[-1].append(line)
        else:
            before.append(line)
    return before, cells


def _columns(cells: list[list[str]]) -> int | None:
    """How many cells a row has: the narrowest width at which rows open with a label (a
    width's multiples line labels up as well: 6 for a table of 3)."""
    for width in range(2, _MAX_COLUMNS + 1):
        if len(cells) < 2 * width:
            break  # (the last row may stop short: the file ends after its last cell)
        firsts = ["\n".join(cells[i]).strip() for i in range(0, len(cells), width)]
        labelled = sum(1 for first in firsts if _OPENS_WITH_NUMBER.match(first)) / len(firsts)
        if labelled >= _ROWS_WITH_LABELS and not _numbered_on(cells, width):
            return width
    return None


def _number(text: str) -> str:
    found = _OPENS_WITH_NUMBER.match(text)
    return found.group(0).strip().rstrip(".)").casefold() if found else ""


def _numbered_on(cells: list[list[str]], width: int) -> bool:
    """Whether the cells after each row's first carry numbers of their own ("2." beside
    "1."): paragraphs indented with a tab, one after another, not the cells of a row (a
    proposal's cell repeats its row's label at most)."""
    others = own = 0
    for start in range(0, len(cells), width):
        label = _number("\n".join(cells[start]).strip())
        for lines in cells[start + 1 : start + width]:
            number = _number("\n".join(lines).strip())
            if number:
                others += 1
                own += number != label
    return others > 0 and own / others > _OWN_NUMBERS


def _cell(lines: list[str]) -> CellText:
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    if not text.strip():
        return CellText("")
    builder = TextBuilder()
    builder.add(text, RunKind.NORMAL)
    return builder.finish()


def text_table(text: str) -> tuple[list[str], RawTable] | None:
    """The lines before it and the table, if `text` is a table converted to text."""
    before, cells = _cells(text)
    if len(cells) < _MIN_CELLS:
        return None
    width = _columns(cells)
    if width is None:
        return None
    cells += [[] for _ in range(-len(cells) % width)]  # a last row that stops short
    rows = tuple(
        RawRow(tuple(_cell(lines) for lines in cells[i : i + width]), merged_across=False)
        for i in range(0, len(cells), width)
    )
    return before, RawTable(width, rows)
