"""Body text's lines: each block as the recogniser reads it (its typed number apart), and what
kind of line it is in its context (a heading, an option, a numbered paragraph, a sub-item ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.importing.blocks import Block, SourceDocument, TableBlock
from workbench.importing.cleantext import CellText
from workbench.importing.profiles import vocabulary as vocab
from workbench.importing.revisions import reject_all, text_spans, view

_TOC_STYLE = re.compile(r"^(?:toc|table of contents|inhaltsverzeichnis|tdm)\s*\d", re.IGNORECASE)
_TOC_LINE = re.compile(r"\t\s*\d{1,4}\s*$")
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
class Line:
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


def read_lines(source: SourceDocument) -> list[Line]:
    """Every block of the document as a line, in order (a table as an empty line)."""
    out = []
    previous_letter: int | None = None
    for block in source.blocks:
        if isinstance(block, TableBlock):
            out.append(Line(block, CellText(""), None, False, None))
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
        out.append(Line(block, text, number, styled, block.outline_level, block.verbatim, contents))
    return out


def numbered_candidate(line: Line) -> bool:
    """A decimal number that is not a heading's: a numbered paragraph, if the document's
    numbers make its units."""
    return (
        line.number is not None
        and line.number.kind == vocab.DECIMAL
        and not (line.heading_styled and _heading_words(line.plain))
    )


def line_kind(line: Line, phase: str, numbered_document: bool) -> str:
    """What `line` is, read in the reader's `phase` in a document whose numbers make its
    units (`numbered_document`) or not."""
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
            return NUMBERED if numbered_document else SUBITEM
        return SUBITEM
    if line.heading_styled and _heading_words(text):
        return HEADING
    if vocab.is_chapeau(text) and phase in ("cover", "opening"):
        return CHAPEAU
    if phase == "preamble" and vocab.is_formula(text):
        return FORMULA
    return BODY


def _heading_words(text: str) -> bool:
    """A heading-styled line reads as a heading: a title, or a few words closed by a dot
    ("Objects of the Act.")."""
    line = " ".join(text.split())
    return vocab.is_title(line) or (0 < len(line.split()) <= 8 and line.endswith("."))


def is_subheading(text: str) -> bool:
    """ "Mitigation", "Loss and damage": a few words heading the numbered paragraphs below."""
    line = " ".join(text.split())
    return (
        vocab.is_title(line)
        and len(line.split()) <= 10
        and line[0].isupper()
        and not any(char in line for char in ":[]{}()")
    )


def is_caption(text: str) -> bool:
    """A line that names the table below it ("Table 2 Option 1: [Elements of ...]")."""
    line = " ".join(text.split())
    return 0 < len(line.split()) <= 40 and not line.endswith((".", ";", ","))
