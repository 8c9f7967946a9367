"""Our own walk over WordprocessingML: the text Word shows, which python-docx partly misses.

python-docx skips runs inside w:ins, content controls (w:sdt), smart tags, w:fldSimple and
hyperlinks, and reads both halves of mc:AlternateContent. Here every wrapper is walked, one
AlternateContent branch is taken, and lxml elements are iterated directly: no proxy object per
run, so a 5,000-row table stays fast. Tracked changes are neither accepted nor rejected: their
words, inserted and deleted alike, are read with spans saying whose change they are (see
`revisions`), and Word comments' ranges are read the same way.
Rows of plain runs (most of a table; `is_plain_row`, checked in C) skip the per-run walk: lxml
concatenates their text, and only run properties and texts are visited where a redline is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lxml import etree

from workbench.importing.cleantext import CellText, RunKind, TextBuilder
from workbench.importing.revisions import (
    CELL,
    DELETED,
    INSERTED,
    PARAGRAPH,
    TEXT,
    Revision,
    word_date,
)
from workbench.importing.symbol_fonts import symbol_character

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
BODY, SDT, SDT_CONTENT, CUSTOM_XML = w("body"), w("sdt"), w("sdtContent"), w("customXml")
INS, DEL, MOVE_TO, MOVE_FROM = w("ins"), w("del"), w("moveTo"), w("moveFrom")
RPR, PPR, TCPR, TRPR = w("rPr"), w("pPr"), w("tcPr"), w("trPr")
DEL_TEXT, INSTR_TEXT = w("delText"), w("instrText")
ALTERNATE = f"{{{MC_NS}}}AlternateContent"
CHOICE, FALLBACK = f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
MATH_T = f"{{{M_NS}}}t"
_AUTHOR, _DATE, _VAL = w("author"), w("date"), w("val")
_ID = w("id")
COMMENT_START, COMMENT_END = w("commentRangeStart"), w("commentRangeEnd")
COMMENT_REFERENCE = w("commentReference")
_COMMENT_MARKERS = (COMMENT_START, COMMENT_END)
# A change of formatting only (no words added or taken away): counted, never a text change.
FORMAT_CHANGES = tuple(
    w(tag)
    for tag in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "tblGridChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
    )
)
_CHANGE_KIND = {INS: INSERTED, MOVE_TO: INSERTED, DEL: DELETED, MOVE_FROM: DELETED}
_MARK_CHANGES = (INS, DEL, MOVE_TO, MOVE_FROM)

# Elements whose content is never shown text: properties, field codes, drawings, notes marks.
_SKIPPED = frozenset(
    {
        RPR,
        PPR,
        DEL_TEXT,
        INSTR_TEXT,
        w("sdtPr"),
        w("sdtEndPr"),
        w("drawing"),
        w("pict"),
        w("object"),
        w("rt"),  # ruby annotation; the base text is kept
        w("fldData"),
        w("customXmlPr"),
        w("smartTagPr"),
    }
)
_OFF = frozenset({"0", "false", "off"})
# Characters a run may hold besides w:t.
_RUN_CHARS = {w("tab"): "\t", w("ptab"): "\t", w("noBreakHyphen"): "-", w("cr"): "\n"}
_BR, _SYM = w("br"), w("sym")
_STRIKES = (w("strike"), w("dstrike"))
_UNDERLINE, _VANISH, _RSTYLE = w("u"), w("vanish"), w("rStyle")
# Character style id -> the kind its runs take (None: hidden), from styles.StyleSheet.
RunStyles = Mapping[str, RunKind | None]
NO_RUN_STYLES: RunStyles = {}
_UNSTYLED = RunKind.NORMAL


def _rpr_kind(rpr: etree._Element, run_styles: RunStyles = NO_RUN_STYLES) -> RunKind | None:
    """The redline kind run properties give, or None for hidden text (w:vanish).

    A character style's hiding or strike counts unless the run's own properties switch it off
    (`<w:strike w:val="0"/>`).
    """
    struck: bool | None = None
    underlined: bool | None = None
    styled: RunKind | None = _UNSTYLED
    for child in rpr:
        tag = child.tag
        if tag in _STRIKES:
            struck = bool(struck) or child.get(_VAL, "true") not in _OFF
        elif tag == _UNDERLINE:
            underlined = child.get(_VAL, "single") != "none"
        elif tag == _VANISH:
            if child.get(_VAL, "true") not in _OFF:
                return None
            if styled is None:
                styled = _UNSTYLED  # the style hides it, the run shows it again
        elif tag == _RSTYLE and run_styles:
            styled = run_styles.get(child.get(_VAL, ""), _UNSTYLED)
            if styled is None and rpr.find(_VANISH) is None:
                return None
    if styled is RunKind.DELETED and struck is None:
        struck = True
    if struck:
        return RunKind.DELETED
    return RunKind.ADDED if underlined else RunKind.NORMAL


def _symbol(element: etree._Element) -> str:
    """w:sym as the character its font draws (Symbol's F0B7 is "•")."""
    try:
        code = int(element.get(w("char"), ""), 16)
    except ValueError:
        return ""
    return symbol_character(code, element.get(w("font"), ""))


def _read_run(
    run: etree._Element, run_styles: RunStyles = NO_RUN_STYLES, *, deleted: bool = False
) -> tuple[RunKind | None, str]:
    """A run's kind and text in one pass over its children (runs are most of the document).

    `deleted`: the run is inside a tracked deletion, where Word keeps its words in w:delText.
    """
    kind: RunKind | None = RunKind.NORMAL
    pieces: list[str] = []
    for child in run:
        tag = child.tag
        if tag == T or (deleted and tag == DEL_TEXT):
            if child.text:
                pieces.append(child.text)
        elif tag == RPR:
            kind = _rpr_kind(child, run_styles)
            if kind is None:
                return None, ""
        elif tag in _RUN_CHARS:
            pieces.append(_RUN_CHARS[tag])
        elif tag == _BR:
            pieces.append("\n")
        elif tag == _SYM:
            pieces.append(_symbol(child))
        elif tag == ALTERNATE:
            branch = _branch(child)
            if branch is not None:
                pieces.append(_read_run(branch, run_styles, deleted=deleted)[1])
    if len(pieces) == 1:
        return kind, pieces[0]
    return kind, "".join(pieces)


def _branch(alternate: etree._Element) -> etree._Element | None:
    """One branch of mc:AlternateContent: the first Choice, else the Fallback; never both."""
    choice = alternate.find(CHOICE)
    return choice if choice is not None else alternate.find(FALLBACK)


# A row "of plain runs": every paragraph is a cell's own, every run a paragraph's own, every
# text a run's w:t, and none of what the full walk treats specially. Checked in C, once a row.
_SPECIAL = (
    INS,
    DEL,
    MOVE_TO,
    MOVE_FROM,
    ALTERNATE,
    MATH_T,
    TBL,
    _BR,
    _SYM,
    COMMENT_START,
    COMMENT_END,
    COMMENT_REFERENCE,
    *_RUN_CHARS,
)
_PLAIN_SHAPE = etree.XPath(
    "count(.//w:r) = count(./w:tc/w:p/w:r)"
    " and count(.//w:p) = count(./w:tc/w:p)"
    " and count(.//text()) = count(./w:tc/w:p/w:r/w:t/text())"
    " and not(.//w:t/*)",
    namespaces={"w": W_NS},
)
_STRING = etree.XPath("string()", smart_strings=False)
_MARKS = (*_STRIKES, _UNDERLINE, _VANISH)
_STYLED_MARKS = (*_MARKS, _RSTYLE)


def mark_tags(run_styles: RunStyles) -> tuple[str, ...]:
    """The elements whose presence sends a plain paragraph down the slower, marked path."""
    return _STYLED_MARKS if run_styles else _MARKS


def is_plain_row(row: etree._Element) -> bool:
    """Whether `ParagraphWalker` may read the row's paragraphs as plain runs (see `_plain`)."""
    return next(row.iterdescendants(*_SPECIAL), None) is None and bool(_PLAIN_SHAPE(row))


def _stretches(
    paragraph: etree._Element, run_styles: RunStyles = NO_RUN_STYLES
) -> list[tuple[RunKind | None, list[str]]] | None:
    """A plain row's paragraph as texts of one kind at a time; None if it needs the full walk.

    Only rPr and w:t elements are visited: a run with properties starts a stretch of its kind,
    and the first text outside that run starts a plain one. Properties after a run's first
    child (never so in Word's files) would apply to texts already placed: the full walk it is.
    """
    stretches: list[tuple[RunKind | None, list[str]]] = []
    texts: list[str] = []
    kind: RunKind | None = RunKind.NORMAL
    owner: etree._Element | None = None  # the run whose properties gave `kind`
    for element in paragraph.iterdescendants(RPR, T):
        text = element.text  # in a plain row only w:t holds text
        if text:
            if owner is not None and element.getparent() is not owner:
                stretches.append((kind, texts))
                texts, kind, owner = [], RunKind.NORMAL, None
            texts.append(text)
            continue
        run = element.getparent()
        if element.tag != RPR or run is None or run.tag != R:
            continue  # an empty w:t, or the paragraph mark's or an old formatting's rPr
        if run is owner:
            if kind is not None:
                kind = _rpr_kind(element, run_styles)  # a second rPr: the last one counts
            continue
        if element.getprevious() is not None:
            return None
        stretches.append((kind, texts))
        texts, kind, owner = [], _rpr_kind(element, run_styles), run
    stretches.append((kind, texts))
    return stretches


class ReadState:
    """What the walk of one document shares across its paragraphs and tables: the tracked
    changes met (numbered in the order met) and the comments whose ranges were placed."""

    def __init__(self) -> None:
        self.revisions: list[Revision] = []
        self.anchored: set[str] = set()  # comment ids whose range (or mark) is placed
        # Comment ranges opened between paragraphs (a body-level marker): the next
        # paragraph's start is where they begin.
        self.waiting: list[str] = []

    def revision(
        self, element: etree._Element, part: str = TEXT, kind: str | None = None
    ) -> Revision:
        """The Revision an w:ins / w:del / w:moveFrom / w:moveTo element is, numbered."""
        tag = element.tag
        revision = Revision(
            len(self.revisions) + 1,
            kind or _CHANGE_KIND.get(tag, INSERTED),
            element.get(_AUTHOR, ""),
            word_date(element.get(_DATE)),
            part,
            tag in (MOVE_TO, MOVE_FROM),
            element.get(_ID, ""),
        )
        self.revisions.append(revision)
        return revision

    def mark_change(self, properties: etree._Element | None, part: str) -> Revision | None:
        """The tracked change of a paragraph mark (pPr/rPr), a row (trPr) or a cell (tcPr)."""
        if properties is None:
            return None
        holder = properties.find(RPR) if part == PARAGRAPH else properties
        if holder is None:
            return None
        if part == CELL:
            for tag, kind in ((w("cellIns"), INSERTED), (w("cellDel"), DELETED)):
                found = holder.find(tag)
                if found is not None:
                    return self.revision(found, part, kind)
            return None
        for child in holder:
            if child.tag in _MARK_CHANGES:
                return self.revision(child, part)
        return None


def mark_revision(paragraph: etree._Element, state: ReadState | None) -> Revision | None:
    """The tracked change of the paragraph's mark (its end), if Word's author made one."""
    if state is None:
        return None
    return state.mark_change(paragraph.find(PPR), PARAGRAPH)


class ParagraphWalker:
    """Feeds the runs of paragraphs into a TextBuilder, keeping tracked changes as spans."""

    def __init__(
        self,
        builder: TextBuilder,
        run_styles: RunStyles = NO_RUN_STYLES,
        state: ReadState | None = None,
    ) -> None:
        self.builder = builder
        self.run_styles = run_styles
        self.state = state if state is not None else ReadState()
        self._marks = mark_tags(run_styles)
        self._deleted = 0  # how many tracked deletions the walk is inside
        # Consecutive runs of one kind reach the builder as one piece of text.
        self._kind = RunKind.NORMAL
        self._pending: list[str] = []

    def paragraph(self, paragraph: etree._Element, *, plain: bool = False) -> None:
        state = self.state
        if state.waiting:
            for comment_id in state.waiting:
                self.builder.comment_start(comment_id)
            state.waiting = []
        if plain:
            self._plain(paragraph)
        else:
            self._walk(paragraph)
        self.flush()

    def _plain(self, paragraph: etree._Element) -> None:
        """The full walk's result for a paragraph of a plain row, with far less Python per run.

        Most of a table is runs of one word each: without strike, underline or vanish anywhere
        the text is the paragraph's string, concatenated in C; otherwise only run properties
        and texts are visited, in document order (`_stretches`).
        """
        if next(paragraph.iterdescendants(*self._marks), None) is None:
            text = _STRING(paragraph)
            if text:
                self._run_text(RunKind.NORMAL, str(text))
            return
        stretches = _stretches(paragraph, self.run_styles)
        if stretches is None:
            self._walk(paragraph)
            return
        for kind, texts in stretches:
            if kind is not None and texts:
                if kind is not self._kind:
                    self.flush()
                    self._kind = kind
                self._pending.extend(texts)

    def _run_text(self, kind: RunKind, text: str) -> None:
        if kind is not self._kind:
            self.flush()
            self._kind = kind
        self._pending.append(text)

    def flush(self) -> None:
        if self._pending:
            self.builder.add("".join(self._pending), self._kind)
            self._pending = []

    def _walk(self, element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag == R:
                kind, text = _read_run(child, self.run_styles, deleted=self._deleted > 0)
                if kind is not None and text:
                    self._run_text(kind, text)
                if child.find(COMMENT_REFERENCE) is not None:
                    self._comment_reference(child)
            elif tag in _SKIPPED or not isinstance(tag, str):
                continue
            elif tag in _CHANGE_KIND:
                self._tracked(child)
            elif tag in _COMMENT_MARKERS:
                self._comment_marker(child)
            elif tag == ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self._walk(branch)
            elif tag == P:
                # A paragraph inside a paragraph (a text box reached through a wrapper).
                self.flush()
                self.builder.newline()
                self._walk(child)
            elif tag == MATH_T:
                self.flush()
                self.builder.add(child.text or "", RunKind.NORMAL)
            else:
                # hyperlink, smartTag, fldSimple, sdt/sdtContent, customXml, dir, bdo, oMath...
                self._walk(child)

    def _tracked(self, element: etree._Element) -> None:
        """An insertion or deletion: its words walked with the change active on them."""
        self.flush()
        revision = self.state.revision(element)
        builder = self.builder
        outer = builder.active
        builder.active = (*outer, revision)
        deleting = revision.kind == DELETED
        self._deleted += deleting
        self._walk(element)
        self.flush()
        self._deleted -= deleting
        builder.active = outer
        if builder.covers_nothing(revision):
            builder.here(revision)

    def _comment_marker(self, element: etree._Element) -> None:
        comment_id = element.get(_ID)
        if comment_id is None:
            return
        self.flush()
        if element.tag == COMMENT_START:
            self.builder.comment_start(comment_id)
            self.state.anchored.add(comment_id)
        elif not self.builder.comment_end(comment_id):
            # Its range opened in an earlier paragraph and was anchored there.
            self.state.anchored.add(comment_id)

    def _comment_reference(self, run: etree._Element) -> None:
        """A comment's mark with no range before it: the comment is on the point it marks."""
        for reference in run.iter(COMMENT_REFERENCE):
            comment_id = reference.get(_ID)
            if comment_id is not None and comment_id not in self.state.anchored:
                self.flush()
                self.builder.comment_point(comment_id)
                self.state.anchored.add(comment_id)


def iter_rows(table: etree._Element) -> Iterator[etree._Element]:
    """The w:tr of a table, including rows wrapped in content controls or custom XML."""
    for child in table:
        if child.tag == TR:
            yield child
        elif child.tag in (SDT, CUSTOM_XML, SDT_CONTENT):
            yield from iter_rows(child)


def iter_cells(row: etree._Element) -> Iterator[etree._Element]:
    """The w:tc of a row, including cells wrapped in content controls or custom XML."""
    for child in row:
        if child.tag == TC:
            yield child
        elif child.tag in (SDT, CUSTOM_XML, SDT_CONTENT):
            yield from iter_cells(child)


def iter_paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs of a body or cell in reading order; nested tables row by row."""
    for child in container:
        tag = child.tag
        if tag == P:
            yield child
        elif tag == TBL:
            for row in iter_rows(child):
                for cell in iter_cells(row):
                    yield from iter_paragraphs(cell)
        elif tag in (SDT_CONTENT, CUSTOM_XML):
            yield from iter_paragraphs(child)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from iter_paragraphs(content)
        elif tag == ALTERNATE:
            branch = _branch(child)
            if branch is not None:
                yield from iter_paragraphs(branch)


def container_text(
    container: etree._Element,
    *,
    plain: bool = False,
    run_styles: RunStyles = NO_RUN_STYLES,
    state: ReadState | None = None,
) -> CellText:
    """A cell's text: its paragraphs joined with newlines, redlines applied, tracked changes
    and comments as spans. A paragraph mark Word's author inserted or deleted is the newline
    it ends with, covered by that change.

    `plain`: the cell is in a row `is_plain_row` accepted (no tracked change, no comment).
    """
    builder = TextBuilder()
    if plain and next(container.iterdescendants(*mark_tags(run_styles)), None) is None:
        # Plain text only: a paragraph's end is a newline, as a newline in a text is, so the
        # builder can take the whole cell in one piece.
        texts = [_STRING(paragraph) for paragraph in iter_paragraphs(container)]
        if texts:
            builder.add("\n".join(texts) + "\n", RunKind.NORMAL)
        return builder.finish()
    walker = ParagraphWalker(builder, run_styles, state)
    for paragraph in iter_paragraphs(container):
        walker.paragraph(paragraph, plain=plain)
        mark = None if plain else mark_revision(paragraph, walker.state)
        if mark is not None:
            builder.active = (mark,)
            builder.newline()
            builder.active = ()
            if builder.covers_nothing(mark):
                builder.here(mark)
        else:
            builder.newline()
    return builder.finish()


def paragraph_text(
    paragraph: etree._Element,
    run_styles: RunStyles = NO_RUN_STYLES,
    state: ReadState | None = None,
) -> CellText:
    builder = TextBuilder()
    ParagraphWalker(builder, run_styles, state).paragraph(paragraph)
    return builder.finish()


def child_val(parent: etree._Element | None, tag: str) -> str | None:
    """The w:val of `parent`'s child `tag` ("pStyle", "numId" ...), None when absent."""
    if parent is None:
        return None
    child = parent.find(w(tag))
    return child.get(_VAL) if child is not None else None


def int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def body_of(document: etree._Element) -> etree._Element | None:
    return document.find(BODY)
