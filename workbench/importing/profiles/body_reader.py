"""The body-text reader: lines into units (the paragraphs to be), placed in the outline in
reading order, the cover and what is not negotiated set aside with a word for each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.importing.blocks import SourceDocument, TableBlock
from workbench.importing.cleantext import CellText, join_cells
from workbench.importing.docx_tables import RawTable
from workbench.importing.profiles import vocabulary as vocab
from workbench.importing.profiles.body_lines import (
    CHAPEAU,
    CONTENTS,
    END_OPTIONS,
    FORMULA,
    HEADING,
    NUMBERED,
    OPTION_HEADING,
    SIGNATURE,
    SUBITEM,
    TABLE,
    Line,
    is_caption,
    is_subheading,
    line_kind,
    numbered_candidate,
    read_lines,
)
from workbench.importing.profiles.findings import plural, quote
from workbench.importing.profiles.outline import OPTION, RANKS, SUBHEADING, Outline, Section

# The share of the body numbered paragraphs need to be its units: a specification's few
# numbered lists are sub-items.
_MIN_NUMBERED_SHARE = 0.15
_MAX_GAP = 3  # a typed number this far ahead still opens a paragraph (with a warning)
# A number a heading-styled line opens with, without the dot "1." would have, or with a space
# before it: "2 Interpretation.", "7 . Other public administration bodies."
_LOOSE_HEADING_NUMBER = re.compile(r"^(\d{1,3}[a-z]?)(?:\s*\.)?\s+(?=[^\W\d])")


# Commas and semicolons of the UN languages' scripts: how preambular and operative clauses end.
_CLAUSE_ENDS = (",", ";", "،", "؛", "，", "；")
_CLAUSES_IN_A_COVER = 2


@dataclass
class Unit:
    """A paragraph as it is read: its kind, section, number and lines; labelled once read."""

    kind: str  # "chapeau", "pp", "op", "text"
    section: Section | None
    number: vocab.Number | None = None
    cells: list[CellText] = field(default_factory=list)
    label: str = ""
    level: int | None = None  # Word list level of an operative number
    verbatim: bool = False  # a block of code lines, joined
    cover: bool = False  # a cover line kept for its tracked changes

    @property
    def new(self) -> bool:
        """Every word of it was inserted by a Word author: a paragraph the draft lacks."""
        return bool(self.cells) and all(cell.wholly_inserted for cell in self.cells if cell.text)


def _table_text(table: RawTable) -> CellText:
    """A table kept as content: each row one line, its filled cells joined with " | " (their
    tracked changes and comments with them)."""
    rows = []
    for row in table.rows:
        cells = [cell.squeezed() for cell in row.cells if cell is not None and cell.text.strip()]
        if cells:
            rows.append(join_cells(cells, " | "))
    return join_cells(rows)


class BodyReader:
    """Reads a document's lines into units in one pass (`read`), tracking the outline."""

    def __init__(self, source: SourceDocument) -> None:
        self.source = source
        self.lines = [
            line for line in read_lines(source) if line.plain or isinstance(line.block, TableBlock)
        ]
        self.outline = Outline()
        self.units: list[Unit] = []
        self.current: Unit | None = None
        self.phase = "cover"  # "cover", "opening" (after a top heading), "preamble", "body"
        self.cover: list[Line] = []
        self.set_aside: list[str] = []
        self.warnings: list[str] = []
        self.tables_kept = 0
        numbered = sum(1 for i in range(len(self.lines)) if self._numbered_candidate(i))
        body = sum(1 for line in self.lines if not line.heading_styled and not line.contents)
        self.numbered_document = numbered >= 1 and numbered >= _MIN_NUMBERED_SHARE * body
        self.contents_lines = 0
        self._last_value: int | None = None  # the last operative number, for the sequence

    # -- classification ------------------------------------------------------------------

    def _numbered_candidate(self, index: int) -> bool:
        return numbered_candidate(self.lines[index])

    def _next(self, index: int) -> Line | None:
        return self.lines[index + 1] if index + 1 < len(self.lines) else None

    def kind(self, index: int) -> str:
        return line_kind(self.lines[index], self.phase, self.numbered_document)

    # -- reading ---------------------------------------------------------------------------

    def read(self) -> None:
        for index in range(len(self.lines)):
            kind = self.kind(index)
            line = self.lines[index]
            if self.phase == "cover" and not self._is_anchor(index, kind):
                self.cover.append(line)
                continue
            if self.phase == "cover":
                self._end_cover()
            self._place(index, kind, line)
        if self.phase == "cover":
            self._end_cover(everything=True)
        if self.contents_lines:
            self.set_aside.append(f"{plural(self.contents_lines, 'line')} of a table of contents")

    def _is_anchor(self, index: int, kind: str) -> bool:
        """What ends the cover page: a decision or article heading, a chapeau, a number."""
        line = self.lines[index]
        if kind in (CHAPEAU, NUMBERED):
            return True
        if kind == HEADING:
            worded = vocab.worded_heading(line.plain)
            if worded is not None:
                return True
            return line.number is not None  # "I. Adoption", "1 Introduction"
        return False

    def _end_cover(self, *, everything: bool = False) -> None:
        """The cover is set aside, less the headings right before the first anchor."""
        kept: list[Line] = []
        if not everything:
            while (
                self.cover
                and self.cover[-1].heading_styled
                and vocab.is_title(self.cover[-1].plain)
            ):
                kept.insert(0, self.cover.pop())
        toc = [line for line in self.cover if line.contents]
        self.contents_lines += len(toc)
        self.cover = [line for line in self.cover if not line.contents]
        changed = [line for line in self.cover if line.changed]
        for line in changed:
            # A Word author changed it: its words are negotiated like any paragraph's.
            self._new(Unit("text", None, cover=True), line.text)
        self.current = None
        self.cover = [line for line in self.cover if not line.changed]
        if self.cover:
            self.set_aside.append(
                f"{plural(len(self.cover), 'line')} before the text (cover and title), "
                f"from {quote(self.cover[0].plain or 'a table', 50)}"
            )
            # A cover holds titles, symbols and dates; lines ending like clauses of a preamble
            # or a decision are text this reading did not see begin: say so.
            clauses = [line for line in self.cover if line.plain.rstrip().endswith(_CLAUSE_ENDS)]
            if len(clauses) >= _CLAUSES_IN_A_COVER:
                self.warnings.append(
                    f"{plural(len(clauses), 'line')} set aside before the text read like "
                    f"paragraphs ({quote(clauses[0].plain, 50)}): the text may begin earlier "
                    "than this layout saw; check the paragraphs, or choose another layout"
                )
        self.cover = []
        self.phase = "opening"
        for line in kept:
            self._heading(line, HEADING)

    def _place(self, index: int, kind: str, line: Line) -> None:
        if kind == CONTENTS:
            self.contents_lines += 1
        elif kind == HEADING:
            self._heading(line, kind)
        elif kind == OPTION_HEADING:
            self._option(index, line)
        elif kind == END_OPTIONS:
            self.outline.close_options()
            self.current = None
            self.set_aside.append(f"the marker {quote(line.plain)}")
        elif kind == SIGNATURE:
            self.set_aside.append(f"the signature line {quote(line.plain)}")
            self.current = None
        elif kind == CHAPEAU:
            self.phase = "preamble"
            self._new(Unit("chapeau", self.outline.current), line.text)
        elif kind == FORMULA:
            self.set_aside.append(f"the formula {quote(line.plain)} closing the preamble")
            self.current = None
        elif kind == NUMBERED:
            self._numbered(index, line)
        elif kind == SUBITEM:
            self._subitem(line)
        elif kind == TABLE:
            assert isinstance(line.block, TableBlock)
            self._table(line.block)
        else:
            self._body(index, line)

    def _heading(self, line: Line, kind: str) -> None:
        worded = vocab.worded_heading(line.draft) or vocab.worded_heading(line.plain)
        number = line.number
        if worded is not None:
            family = worded.family
            if family == "part" and worded.word.casefold().startswith(
                ("chap", "capí", "гла", "الف")
            ):
                family = "chapter"
            shown = worded.written or f"{worded.word} {worded.number}".strip()
            title = worded.rest.lstrip(":.–—- ").strip()
            citation = {
                "article": f"Art. {worded.number}",
                "top": worded.number,
                "annex": shown,
            }.get(family, shown)
            rank = RANKS[family]
        elif number is not None:
            family = number.kind if number.kind in RANKS else "numbered"
            depth = number.text.rstrip(".").count(".") + 1
            if number.level is not None and family == "numbered":
                depth = max(depth, number.level + 1)
            rank = RANKS[family] + (depth if family == "numbered" else 0)
            shown = number.text
            title = line.draft
            citation = number.text.rstrip(".-–—、 ")  # "IV.", "一、", "أولاً -"
        elif (loose := _LOOSE_HEADING_NUMBER.match(line.draft)) is not None:
            # A heading style's own line numbered as typists do in bills: "2 Interpretation.",
            # "7 . Other public bodies." (the style says heading; the number is its section's).
            family = "numbered"
            rank = RANKS[family] + 1
            citation = loose.group(1)
            shown = f"{citation}."
            title = line.draft[loose.end() :].strip()
        else:
            family = "outline"
            level = line.outline_level if line.outline_level is not None else 0
            rank = RANKS["outline"] + level + 1
            shown, title, citation = "", line.draft, ""
        self.outline.open(Section(shown, title, family, rank, None, citation))
        self.current = None
        if line.changed:
            # The heading's own words, changed by a Word author: a paragraph of the section.
            self._new(Unit("title", self.outline.current), line.text)
            self.current = None
        if rank == 0:
            self.phase = "opening"
        elif self.phase in ("opening", "preamble") and (number is not None or worded is not None):
            self.phase = "body"
        if family == "article":
            self._last_value = None  # numbering restarts in each article

    def _option(self, index: int, line: Line) -> None:
        current = self.current
        if (
            current is not None
            and current.kind == "op"
            and current.section is self.outline.current
            and self._inside(current, index + 1)
        ):
            # "Option 2:" followed by the paragraph's own sub-items: an option in the paragraph.
            self._append(current, line, with_number=False)
            return
        if (
            current is not None
            and current.kind in ("op", "pp")
            and current.section is self.outline.current
            and any(vocab.opens_inline_option(cell.text) for cell in current.cells[1:])
        ):
            # "Option 2: {No text}" after "Option 1: [Decides also ...]" written in the
            # paragraph: the paragraph's options go on together there.
            self._append(current, line, with_number=False)
            return
        worded = vocab.worded_heading(line.plain)
        assert worded is not None
        number = worded.number
        open_series = {s.series for s in self.outline.open_sections() if s.rank == OPTION}
        if number.isdigit():
            series = "digit"
        elif set(number) <= set("IVX") and (
            len(number) > 1 or number == "I" or "roman" in open_series
        ):
            series = "roman"
        else:
            series = "letter"
        note = worded.rest.lstrip(":. ").strip()
        self.outline.open(
            Section(f"{worded.word} {number}", note, "option", OPTION, None, "", series=series)
        )
        if vocab.says_no_text(note):
            # An option of no text holds nothing: what follows is its parent's again.
            self.outline.close_current()
        self.current = None
        if self.phase in ("opening", "preamble"):
            self.phase = "body"

    def _inside(self, unit: Unit, index: int) -> bool:
        """Whether the block at `index` continues `unit` (a sub-item, a deeper number)."""
        if index >= len(self.lines):
            return False
        kind = self.kind(index)
        if kind == SUBITEM:
            return True
        number = self.lines[index].number
        if kind != NUMBERED or number is None:
            return False
        if number.level is not None and unit.level is not None:
            return number.level > unit.level
        return number.typed and not self._follows(number.value)

    def _new(self, unit: Unit, text: CellText) -> None:
        unit.cells.append(text)
        self.units.append(unit)
        self.current = unit
        if unit.section is not None:
            unit.section.paragraphs += 1

    def _numbered(self, index: int, line: Line) -> None:
        number = line.number
        assert number is not None
        current = self.current
        section = self.outline.current
        if current is not None and current.kind == "op" and current.section is section:
            deeper = (
                number.level is not None
                and current.level is not None
                and number.level > current.level
            )
            if deeper or (number.typed and not self._follows(number.value)):
                self._append(current, line, with_number=True)
                return
        if self.phase in ("opening", "preamble"):
            self.phase = "body"
        if not line.text.wholly_inserted:
            self._last_value = number.value  # a paragraph the draft lacks numbers nothing
        unit = Unit("op", section, number, level=number.level)
        self._new(unit, line.text)

    def _follows(self, value: int) -> bool:
        """Whether a typed number continues the sequence (a restart at 1 only after a heading)."""
        last = self._last_value
        if last is None:
            return True
        return last < value <= last + _MAX_GAP

    def _subitem(self, line: Line) -> None:
        if self.current is None or self.current.section is not self.outline.current:
            self._body_unit(line)
            return
        self._append(self.current, line, with_number=True)

    def _append(self, unit: Unit, line: Line, *, with_number: bool) -> None:
        text = line.text
        if with_number and line.number is not None and line.number.text:
            text = text.with_prefix(f"{line.number.text} ")
        unit.cells.append(text)

    def _body(self, index: int, line: Line) -> None:
        text = line.plain
        if self.phase == "opening":
            top = self.outline.current
            if (
                top is not None
                and not top.title
                and not line.changed
                and (vocab.is_title(text) or line.heading_styled)
            ):
                top.title = " ".join(text.split())
                return
            self.phase = "body"
        if self.phase == "preamble":
            self._new(Unit("pp", self.outline.current), line.text)
            return
        following = self._next(index)
        if (
            vocab.braced_heading(text) and (following is None or self.kind(index + 1) != SUBITEM)
        ) or (
            self.numbered_document
            and is_subheading(text)
            and following is not None
            and self._numbered_candidate(index + 1)
        ):
            self.outline.open(
                Section("", " ".join(text.split()), "subheading", SUBHEADING, None, "")
            )
            self.current = None
            return
        current = self.current
        if current is not None and current.section is self.outline.current:
            verbatim_run = line.verbatim and current.verbatim
            if verbatim_run or (self.numbered_document and current.kind in ("op", "text")):
                # Lines of code are one block; in a numbered text, unnumbered lines continue.
                self._append(current, line, with_number=False)
                return
        self._body_unit(line)

    def _body_unit(self, line: Line) -> None:
        text = line.text
        if line.number is not None and line.number.text:
            text = text.with_prefix(f"{line.number.text} ")
        self._new(Unit("text", self.outline.current, verbatim=line.verbatim), text)

    def _table(self, block: TableBlock) -> None:
        text = _table_text(block.table)
        if not text.text:
            return
        self.tables_kept += 1
        if self.phase == "cover":
            return
        current = self.current
        if current is not None and current.section is self.outline.current:
            if current.kind in ("op", "pp"):
                current.cells.append(text)
                return
            # A caption line right above the table goes with it.
            caption = current.cells[-1] if current.cells else None
            if caption is not None and is_caption(caption.text):
                if len(current.cells) > 1:
                    current.cells.pop()
                    self._new(Unit("text", self.outline.current), caption)
                    self.current.cells.append(text)  # type: ignore[union-attr]
                else:
                    current.cells.append(text)
                return
        self._new(Unit("text", self.outline.current), text)
