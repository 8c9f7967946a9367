"""Body text: draft decisions, agreements, outcome documents and specifications, as read.

Cover lines and titles set aside; a chapeau ("The Conference of the Parties,") and preambular
paragraphs PP1, PP2 ...; operative paragraphs by their number, Word's or typed, qualified by
their article where numbering restarts in each ("4.2"); sub-paragraphs ((a), (i), bullets) kept
inside their paragraph with their letters; headings as sections ("I.", "A.", "Article 4",
"Decision 1/CP.21", "Annex"), options as sub-sections; tables kept as the content of the
paragraph or annex they sit in; a treaty's signature lines set aside. Where a document has no
numbered paragraphs (a specification), each body paragraph is one, cited by its section.

Text with Word tracked changes is never set aside: a cover line with changes is a paragraph
("Cover"), a heading with changes is one too ("3.5.2 title", the heading's words negotiated
like any others; the section keeps the draft's title). A paragraph whose every word the author
inserted is labelled after the one it follows ("12 (new)") and counts in no numbering, so the
draft's labels stay the ones negotiators cite.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.importing.blocks import Block, SourceDocument, TableBlock
from workbench.importing.cleantext import CellText, join_cells
from workbench.importing.columns import stakeholder_kind
from workbench.importing.document import (
    ImportedDocument,
    ImportedParagraph,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.importing.docx_tables import RawTable
from workbench.importing.labels import normalise_label
from workbench.importing.profiles import vocabulary as vocab
from workbench.importing.profiles.base import Reading, ReadOptions
from workbench.importing.profiles.findings import Findings, plural, quote
from workbench.importing.profiles.outline import OPTION, RANKS, SUBHEADING, Outline, Section
from workbench.importing.revisions import reject_all, text_spans, view
from workbench.importing.statements import guess_stakeholder
from workbench.model import Role

NAME = "body-text"
DESCRIPTION = "body text: headings, preambular and operative paragraphs, options, annexes"
_MIN_NUMBERED = 3  # numbered paragraphs that make numbers the units of the document
# ... and their share of the body: a specification's few numbered lists are sub-items.
_MIN_NUMBERED_SHARE = 0.15
_TOC_STYLE = re.compile(r"^(?:toc|table of contents|inhaltsverzeichnis|tdm)\s*\d", re.IGNORECASE)
_TOC_LINE = re.compile(r"\t\s*\d{1,4}\s*$")
_MAX_GAP = 3  # a typed number this far ahead still opens a paragraph (with a warning)
_LEADING_SPACE = re.compile(r"^[\s\u00a0]+")

# What a block is, once read in its context.
HEADING, OPTION_HEADING, END_OPTIONS, CHAPEAU, FORMULA, SIGNATURE = (
    "heading",
    "option",
    "end-options",
    "chapeau",
    "formula",
    "signature",
)
NUMBERED, SUBITEM, BODY, TABLE, CONTENTS = "numbered", "subitem", "body", "table", "contents"


@dataclass(frozen=True)
class _Line:
    """A block as the recogniser uses it: text less its typed number, the number apart."""

    block: Block
    text: CellText
    number: vocab.Number | None
    heading_styled: bool
    outline_level: int | None
    verbatim: bool = False
    contents: bool = False  # a line of a table of contents

    @property
    def plain(self) -> str:
        return self.text.text

    @property
    def changed(self) -> bool:
        """Word's tracked changes touch its words."""
        return bool(text_spans(self.text.spans))

    @property
    def draft(self) -> str:
        """Its words with every tracked change rejected (all of them if it is all new)."""
        if not self.changed:
            return self.text.text
        return view(self.text.text, self.text.spans, reject_all) or self.text.text


@dataclass
class _Unit:
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


def _lines(source: SourceDocument) -> list[_Line]:
    out = []
    previous_letter: int | None = None
    for block in source.blocks:
        if isinstance(block, TableBlock):
            out.append(_Line(block, CellText(""), None, False, None))
            continue
        text = block.text
        lead = _LEADING_SPACE.match(text.text)
        if lead:
            text = text.without_prefix(lead.end())
        number = vocab.word_number(block.number) if block.number is not None else None
        if number is not None and number.kind == vocab.BULLET and not number.text:
            number = None  # numbering "none": nothing shown
        if number is None and text.text:
            typed = vocab.typed_number(text.text, previous_letter=previous_letter)
            if typed is not None:
                number = typed.number
                text = text.without_prefix(typed.length)
        if number is not None and number.kind in (vocab.LETTER, vocab.UPPER_LETTER):
            previous_letter = number.value
        styled = block.outline_level is not None or vocab.heading_style(block.style)
        contents = bool(_TOC_STYLE.match(block.style) or _TOC_LINE.search(block.text.text))
        out.append(
            _Line(block, text, number, styled, block.outline_level, block.verbatim, contents)
        )
    return out


def _table_text(table: RawTable) -> CellText:
    """A table kept as content: each row one line, its filled cells joined with " | " (their
    tracked changes and comments with them)."""
    rows = []
    for row in table.rows:
        cells = [cell.squeezed() for cell in row.cells if cell is not None and cell.text.strip()]
        if cells:
            rows.append(join_cells(cells, " | "))
    return join_cells(rows)


class _Reader:
    def __init__(self, source: SourceDocument) -> None:
        self.source = source
        self.lines = [
            line for line in _lines(source) if line.plain or isinstance(line.block, TableBlock)
        ]
        self.outline = Outline()
        self.units: list[_Unit] = []
        self.current: _Unit | None = None
        self.phase = "cover"  # "cover", "opening" (after a top heading), "preamble", "body"
        self.cover: list[_Line] = []
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
        line = self.lines[index]
        return (
            line.number is not None
            and line.number.kind == vocab.DECIMAL
            and not (line.heading_styled and _heading_words(line.plain))
        )

    def _next(self, index: int) -> _Line | None:
        return self.lines[index + 1] if index + 1 < len(self.lines) else None

    def kind(self, index: int) -> str:
        line = self.lines[index]
        if isinstance(line.block, TableBlock):
            return TABLE
        if line.contents:
            return CONTENTS
        text = line.plain
        if line.number is None or line.number.kind == vocab.BULLET:
            if vocab.is_signature(text):
                return SIGNATURE
            if vocab.ends_options(text):
                return END_OPTIONS
        worded = vocab.worded_heading(text)
        if worded is not None and (line.number is None or line.number.kind != vocab.DECIMAL):
            return OPTION_HEADING if worded.family == "option" else HEADING
        number = line.number
        if number is not None:
            if number.kind in (vocab.UPPER_ROMAN, vocab.UPPER_LETTER) and vocab.is_title(text):
                return HEADING
            if number.kind == vocab.DECIMAL:
                if line.heading_styled and _heading_words(text):
                    return HEADING
                return NUMBERED if self.numbered_document else SUBITEM
            return SUBITEM
        if line.heading_styled and _heading_words(text):
            return HEADING
        if vocab.is_chapeau(text) and self.phase in ("cover", "opening"):
            return CHAPEAU
        if self.phase == "preamble" and vocab.is_formula(text):
            return FORMULA
        return BODY

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
        kept: list[_Line] = []
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
            self._new(_Unit("text", None, cover=True), line.text)
        self.current = None
        self.cover = [line for line in self.cover if not line.changed]
        if self.cover:
            self.set_aside.append(
                f"{plural(len(self.cover), 'line')} before the text (cover and title), "
                f"from {quote(self.cover[0].plain or 'a table', 50)}"
            )
        self.cover = []
        self.phase = "opening"
        for line in kept:
            self._heading(line, HEADING)

    def _place(self, index: int, kind: str, line: _Line) -> None:
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
            self._new(_Unit("chapeau", self.outline.current), line.text)
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

    def _heading(self, line: _Line, kind: str) -> None:
        worded = vocab.worded_heading(line.draft) or vocab.worded_heading(line.plain)
        number = line.number
        if worded is not None:
            family = worded.family
            if family == "part" and worded.word.casefold().startswith(
                ("chap", "capí", "гла", "الف")
            ):
                family = "chapter"
            shown = f"{worded.word} {worded.number}".strip()
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
            citation = number.text.rstrip(".")
        else:
            family = "outline"
            level = line.outline_level if line.outline_level is not None else 0
            rank = RANKS["outline"] + level + 1
            shown, title, citation = "", line.draft, ""
        self.outline.open(Section(shown, title, family, rank, None, citation))
        self.current = None
        if line.changed:
            # The heading's own words, changed by a Word author: a paragraph of the section.
            self._new(_Unit("title", self.outline.current), line.text)
            self.current = None
        if rank == 0:
            self.phase = "opening"
        elif self.phase in ("opening", "preamble") and (number is not None or worded is not None):
            self.phase = "body"
        if family == "article":
            self._last_value = None  # numbering restarts in each article

    def _option(self, index: int, line: _Line) -> None:
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
        self.current = None
        if self.phase in ("opening", "preamble"):
            self.phase = "body"

    def _inside(self, unit: _Unit, index: int) -> bool:
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

    def _new(self, unit: _Unit, text: CellText) -> None:
        unit.cells.append(text)
        self.units.append(unit)
        self.current = unit
        if unit.section is not None:
            unit.section.paragraphs += 1

    def _numbered(self, index: int, line: _Line) -> None:
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
        unit = _Unit("op", section, number, level=number.level)
        self._new(unit, line.text)

    def _follows(self, value: int) -> bool:
        """Whether a typed number continues the sequence (a restart at 1 only after a heading)."""
        last = self._last_value
        if last is None:
            return True
        return last < value <= last + _MAX_GAP

    def _subitem(self, line: _Line) -> None:
        if self.current is None or self.current.section is not self.outline.current:
            self._body_unit(line)
            return
        self._append(self.current, line, with_number=True)

    def _append(self, unit: _Unit, line: _Line, *, with_number: bool) -> None:
        text = line.text
        if with_number and line.number is not None and line.number.text:
            text = text.with_prefix(f"{line.number.text} ")
        unit.cells.append(text)

    def _body(self, index: int, line: _Line) -> None:
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
            self._new(_Unit("pp", self.outline.current), line.text)
            return
        following = self._next(index)
        if (
            vocab.braced_heading(text) and (following is None or self.kind(index + 1) != SUBITEM)
        ) or (
            self.numbered_document
            and _is_subheading(text)
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

    def _body_unit(self, line: _Line) -> None:
        text = line.text
        if line.number is not None and line.number.text:
            text = text.with_prefix(f"{line.number.text} ")
        self._new(_Unit("text", self.outline.current, verbatim=line.verbatim), text)

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
            if caption is not None and _is_caption(caption.text):
                if len(current.cells) > 1:
                    current.cells.pop()
                    self._new(_Unit("text", self.outline.current), caption)
                    self.current.cells.append(text)  # type: ignore[union-attr]
                else:
                    current.cells.append(text)
                return
        self._new(_Unit("text", self.outline.current), text)

    # -- labels ----------------------------------------------------------------------------

    def label(self) -> None:
        pp: dict[int, int] = {}
        text_counts: dict[str, int] = {}
        text_totals: dict[str, int] = {}
        for unit in self.units:
            if unit.kind == "text" and not unit.new:
                base = self._citation(unit)
                text_totals[base] = text_totals.get(base, 0) + 1
        previous = ""
        added = 0  # paragraphs added in a row after `previous`
        for unit in self.units:
            top = unit.section.top() if unit.section is not None else None
            scope = id(top) if top is not None else 0
            if unit.new and unit.kind in ("pp", "op", "text") and previous:
                # Not in the draft: named after the paragraph it follows, counting nothing.
                added += 1
                unit.label = f"{previous} (new)" if added == 1 else f"{previous} (new {added})"
                continue
            if unit.kind == "chapeau":
                unit.label = "Chapeau"
            elif unit.kind == "pp":
                pp[scope] = pp.get(scope, 0) + 1
                unit.label = f"PP{pp[scope]}"
            elif unit.kind == "op":
                assert unit.number is not None
                label = _number_label(unit.number.text)
                article = unit.section.article() if unit.section is not None else None
                restarted = self._restarting_section(unit)
                if article is not None:
                    label = f"{article.citation.removeprefix('Art. ')}.{label}"
                elif restarted is not None:
                    # A bill's "5. Obligation of public bodies." numbers its own (1), (2).
                    number = unit.number.text.strip()
                    joined = number if number.startswith("(") else f".{label}"
                    label = f"{restarted.citation}{joined}"
                unit.label = label
            elif unit.kind == "title":
                unit.label = f"{self._citation(unit)} title" if self._citation(unit) else "Title"
            else:
                base = self._citation(unit)
                text_counts[base] = text_counts.get(base, 0) + 1
                if text_totals.get(base, 0) == 1 and base:
                    unit.label = base
                else:
                    unit.label = f"{base} p{text_counts[base]}".strip()
            previous, added = unit.label, 0
        self._disambiguate()
        self._sequence_warnings()

    def _restarting_section(self, unit: _Unit) -> Section | None:
        """The numbered section whose paragraphs number from 1 again, if `unit` is in one."""
        section = unit.section
        while section is not None and section.rank >= SUBHEADING:
            section = section.parent
        if section is None or section.family != "numbered" or not section.citation:
            return None
        first = next(
            (
                u
                for u in self.units
                if u.kind == "op" and u.section is not None and section in u.section.ancestors()
            ),
            None,
        )
        return (
            section
            if first is not None and first.number is not None and first.number.value == 1
            else None
        )

    def _citation(self, unit: _Unit) -> str:
        if unit.cover:
            return "Cover"
        cited = unit.section.cited() if unit.section is not None else None
        return cited.citation if cited is not None else ""

    def _disambiguate(self) -> None:
        """Labels unique in the document: a later decision's or annex's own PP1 is "Annex PP1"
        (all of that kind in it, for consistency), then any duplicate left gets " (2)"."""
        seen: set[str] = set()
        groups: dict[tuple[int, str], list[_Unit]] = {}
        order: list[tuple[int, str]] = []
        for unit in self.units:
            top = unit.section.top() if unit.section is not None else None
            group = (
                id(top) if top is not None else 0,
                "pp" if unit.kind == "chapeau" else unit.kind,
            )
            if group not in groups:
                groups[group] = []
                order.append(group)
            groups[group].append(unit)
        for group in order:
            units = groups[group]
            top = units[0].section.top() if units[0].section is not None else None
            if (
                top is not None
                and top.citation
                and any(normalise_label(u.label) in seen for u in units)
            ):
                for unit in units:
                    if not normalise_label(unit.label).startswith(normalise_label(top.citation)):
                        unit.label = f"{top.citation} {unit.label}"
            for unit in units:
                if normalise_label(unit.label) in seen:
                    n = 2
                    while normalise_label(f"{unit.label} ({n})") in seen:
                        n += 1
                    self.warnings.append(
                        f"label {unit.label} appears more than once; the later one is imported "
                        f"as {unit.label} ({n})"
                    )
                    unit.label = f"{unit.label} ({n})"
                seen.add(normalise_label(unit.label))

    def _sequence_warnings(self) -> None:
        previous: _Unit | None = None
        for unit in self.units:
            if unit.kind != "op" or unit.number is None or unit.new:
                continue
            if previous is not None and previous.number is not None:
                same_scope = (previous.section.article() if previous.section else None) is (
                    unit.section.article() if unit.section else None
                )
                expected = previous.number.value + 1
                if same_scope and unit.number.value != expected and unit.number.value != 1:
                    self.warnings.append(
                        f"labels out of sequence: {unit.label} follows {previous.label}"
                    )
            previous = unit


def _heading_words(text: str) -> bool:
    """A heading-styled line reads as a heading: a title, or a few words closed by a dot
    ("Objects of the Act.")."""
    line = " ".join(text.split())
    return vocab.is_title(line) or (0 < len(line.split()) <= 8 and line.endswith("."))


def _is_subheading(text: str) -> bool:
    """ "Mitigation", "Loss and damage": a few words heading the numbered paragraphs below."""
    line = " ".join(text.split())
    return (
        vocab.is_title(line)
        and len(line.split()) <= 10
        and line[0].isupper()
        and not any(char in line for char in ":[]{}()")
    )


def _is_caption(text: str) -> bool:
    """A line that names the table below it ("Table 2 Option 1: [Elements of ...]")."""
    line = " ".join(text.split())
    return 0 < len(line.split()) <= 40 and not line.endswith((".", ";", ","))


def _number_label(text: str) -> str:
    label = text.strip().rstrip(".").strip()
    if label.startswith("(") and label.endswith(")"):
        label = label[1:-1]
    return label


def _join(cells: Sequence[CellText]) -> CellText:
    return join_cells([cell for cell in cells if cell.text]) if len(cells) != 1 else cells[0]


class BodyTextProfile:
    name = NAME
    description = DESCRIPTION

    def score(self, source: SourceDocument) -> float:
        lines = _lines(source)
        texts = [line for line in lines if line.plain]
        if not texts:
            return 0.0
        cues = 0.0
        for line in texts:
            worded = vocab.worded_heading(line.plain)
            if worded is not None:
                cues += 1
            elif vocab.is_chapeau(line.plain):
                cues += 3
            elif (
                line.number is not None
                and line.number.kind
                in (
                    vocab.UPPER_ROMAN,
                    vocab.UPPER_LETTER,
                )
                and vocab.is_title(line.plain)
            ):
                cues += 1
            elif line.heading_styled and vocab.is_title(line.plain):
                cues += 0.5
        numbered = sum(
            1 for line in texts if line.number is not None and line.number.kind == vocab.DECIMAL
        )
        if numbered < _MIN_NUMBERED and not cues:
            return 0.0  # prose without numbers or headings: no negotiation text
        body = 0.5 if numbered >= _MIN_NUMBERED else 0.3
        structure = min(cues / 6, 1.0) * 0.45
        # Text that sits in tables is not body text: a document of tables scores low.
        in_tables = sum(
            len(cell.text)
            for table in source.tables()
            for row in table.table.rows
            for cell in row.cells
            if cell is not None
        )
        outside = sum(len(line.plain) for line in texts)
        share = in_tables / max(in_tables + outside, 1)
        return min(body + structure, 0.95) * (1 - 0.8 * share)

    def read(self, source: SourceDocument, options: ReadOptions) -> Reading:
        return body_units(source, options)[0]


def body_units(
    source: SourceDocument, options: ReadOptions
) -> tuple[Reading, list[list[CellText]]]:
    """The body-text reading, and each paragraph's lines as read (for profiles built on it)."""
    reader = _Reader(source)
    reader.read()
    reader.label()
    all_text = "\n".join(line.plain for line in reader.lines)
    name = options.stakeholder or _author(source, all_text)
    paragraphs = []
    lines = []
    for unit in reader.units:
        cell = _join(unit.cells)
        if not cell.text.strip():
            continue
        lines.append([c for c in unit.cells if c.text.strip()])
        variant = ImportedVariant.of(cell, name, Role.DRAFT)
        paragraphs.append(
            ImportedParagraph(
                unit.label,
                unit.section.path if unit.section is not None else None,
                (variant,),
            )
        )
    document = ImportedDocument(
        source.path,
        NAME,
        (ImportedStakeholder(name, stakeholder_kind(name)),),
        reader.outline.imported(),
        tuple(paragraphs),
    )
    findings = Findings(NAME, DESCRIPTION)
    _facts(reader, findings, name)
    findings.set_aside.extend(reader.set_aside)
    findings.warnings.extend(reader.warnings)
    return Reading(document, findings), lines


def _author(source: SourceDocument, text: str) -> str:
    """Whose text a body-text document is: the chair's, unless a caucus names itself."""
    guessed = guess_stakeholder(source.path, text)
    return guessed if "caucus" in guessed.casefold() else "Chair"


def _facts(reader: _Reader, findings: Findings, author: str) -> None:
    units = reader.units
    pps = [u for u in units if u.kind in ("pp", "chapeau")]
    ops = [u for u in units if u.kind == "op"]
    texts = [u for u in units if u.kind == "text"]
    sections = reader.outline.sections
    options = [s for s in sections if s.family == "option"]
    headings = [s for s in sections if s.family != "option"]
    findings.facts.append(
        f"sections: {plural(len(headings), 'heading')}"
        + (f" and {plural(len(options), 'option')}" if options else "")
        + (f" ({_span([s.number or s.title for s in headings])})" if headings else "")
    )
    parts = []
    if pps:
        parts.append(f"{len(pps)} preambular ({_span([u.label for u in pps])})")
    if ops:
        parts.append(f"{len(ops)} operative ({_span([u.label for u in ops])})")
    if texts:
        parts.append(f"{len(texts)} unnumbered ({_span([u.label for u in texts])})")
    findings.facts.append(
        f"paragraphs: {plural(len(units), 'paragraph')}"
        + (": " + ", ".join(parts) if parts else "")
    )
    word = sum(1 for u in ops if u.number is not None and not u.number.typed)
    typed = len(ops) - word
    numbering = []
    if word:
        numbering.append(f"{word} by Word's automatic numbering")
    if typed:
        numbering.append(f"{typed} typed")
    if numbering:
        findings.facts.append("numbering: " + ", ".join(numbering))
    if reader.tables_kept:
        findings.facts.append(
            f"tables: {plural(reader.tables_kept, 'table')} kept as the text of the paragraph "
            "or annex they sit in (not read as negotiation tables)"
        )
    findings.facts.append(
        f"draft: every paragraph is {author}'s draft (--stakeholder names another)"
    )


def _span(labels: Sequence[str], limit: int = 4) -> str:
    if len(labels) <= limit:
        return ", ".join(labels)
    return f"{labels[0]}, {labels[1]} … {labels[-1]}"
