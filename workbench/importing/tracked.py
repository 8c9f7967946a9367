"""Word's tracked changes become their authors' proposals, and Word comments find their words.

A profile reads a document with every tracked change's words in its texts (`revisions`).
`expand` then turns each variant with tracked changes into:
- the variant as it reads with every change rejected: the draft of the paragraph (or whatever
  the variant was: a column's proposal, a compromise), nothing accepted silently;
- one proposal a stakeholder: the text with that stakeholder's changes accepted and every
  other one rejected. Word authors are mapped to stakeholders (`AuthorMap`: named after the
  author unless told otherwise, or everything as one stakeholder). The proposal amends the
  variant the changes were made in, so each change is pending until someone accepts it.
Where one stakeholder's change sits on another's (B deletes words A inserted, or inserts words
inside A's insertion), B's proposal builds on A's: its text has A's changes accepted too, and
its base is A's proposal, so its own changes are what it adds to A's text. A paragraph whose
every word was inserted has no draft, only its author's proposal (a new paragraph); one whose
every word was deleted gets its author's proposal of an empty text (to delete it).

Comments are placed on the variant whose words they quote: the draft's where those words are
in the draft, else the proposal that inserted them.

One exception, said in the findings: the workbench's own table export shows in its compromise
column how the compromise differs from the draft, as tracked changes attributed to the
stakeholders whose words they are. Read back, those made up to the export's creation are the
compromise as it was agreed (accepted: the column is the compromise it says it is); any made
after it, by someone reviewing the export, are proposals like all others.

How tracked changes are counted: one for each w:ins, w:del, w:moveFrom and w:moveTo element
of the document's body, including those on a paragraph mark (w:pPr/w:rPr) or a table row
(w:trPr), and one for each w:cellIns or w:cellDel: that is what Word's reviewing pane lists
as one insertion or deletion, however many runs an element wraps. A move counts twice (from
and to). Formatting-only changes (w:rPrChange, w:pPrChange, w:sectPrChange, w:tblPrChange ...)
change no words: they are counted apart and not made proposals.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from workbench.importing.authors import (
    REDLINE_AUTHOR,
    UNKNOWN_AUTHOR,
    AuthorMap,
)
from workbench.importing.blocks import SourceDocument
from workbench.importing.cleantext import CellText, CommentSpan
from workbench.importing.columns import stakeholder_kind
from workbench.importing.document import (
    ImportedComment,
    ImportedDocument,
    ImportedParagraph,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.importing.profiles.findings import Findings, plural
from workbench.importing.redline import has_redline, redline_as_changes
from workbench.importing.revisions import (
    DELETED,
    INSERTED,
    PARAGRAPH,
    REDLINE,
    Revision,
    TrackedSpan,
    kept,
    normalised_indexes,
    project_marks,
    reject_all,
    text_spans,
    view_indexes,
)
from workbench.importing.tracked_findings import Tally, names, report, report_redline
from workbench.importing.word_comments import WordComment
from workbench.model import Role


def expand(
    document: ImportedDocument,
    source: SourceDocument,
    authors: AuthorMap,
    findings: Findings,
) -> ImportedDocument:
    """The document with tracked changes made proposals and comments placed (see the module
    docstring); what it did is added to `findings`."""
    if has_redline(document):
        document, redlined = redline_as_changes(document, len(source.revisions) + 1)
        source = replace(source, revisions=(*source.revisions, *redlined))
        authors = authors.with_default(REDLINE_AUTHOR, source.path.stem)
        report_redline(redlined, authors, findings)
    if not source.revisions and not source.comments:
        report(source, authors, Tally(), findings)  # formatting changes, if any
        return document
    tally = Tally()
    comments = {comment.comment_id: comment for comment in source.comments}
    settled = _settled(source.exported_at)
    paragraphs = [
        _Paragraph(paragraph, authors, comments, tally, settled).expanded()
        for paragraph in document.paragraphs
    ]
    paragraphs = _replies_placed(paragraphs, source.comments, tally)
    stakeholders = list(document.stakeholders)
    known = {s.name for s in stakeholders}
    for paragraph in paragraphs:
        for variant in paragraph.variants:
            if variant.stakeholder not in known:
                known.add(variant.stakeholder)
                stakeholders.append(
                    ImportedStakeholder(variant.stakeholder, stakeholder_kind(variant.stakeholder))
                )
    report(source, authors, tally, findings)
    return replace(document, stakeholders=tuple(stakeholders), paragraphs=tuple(paragraphs))


class _Paragraph:
    """One paragraph's variants expanded, and its comments placed."""

    def __init__(
        self,
        paragraph: ImportedParagraph,
        authors: AuthorMap,
        comments: dict[str, WordComment],
        tally: Tally,
        settled: Callable[[Revision], bool] = reject_all,
    ) -> None:
        self.paragraph = paragraph
        self.authors = authors
        self.comments = comments
        self.tally = tally
        self.settled = settled  # in a compromise column: the record of the compromise
        self.out: list[ImportedVariant] = []
        self.placed: list[ImportedComment] = []

    def expanded(self) -> ImportedParagraph:
        for variant in self.paragraph.variants:
            self._variant(variant)
        return replace(self.paragraph, variants=tuple(self.out), comments=tuple(self.placed))

    def _variant(self, variant: ImportedVariant) -> None:
        self.tally.placed.update(span.revision.serial for span in variant.spans)
        live = text_spans(variant.spans)
        if live and variant.role is Role.COMPROMISE:
            record = [span for span in live if self.settled(span.revision)]
            if record:
                self.tally.settled += len({span.revision.serial for span in record})
                variant = _accepted(variant, record)
                live = text_spans(variant.spans)
        if not live:
            index = len(self.out)
            self.out.append(replace(variant, spans=(), comments=()))
            identity = list(range(len(variant.text)))
            for comment in variant.comments:
                self._place(comment, [(index, identity)])
            return
        text = variant.text
        draft_indexes = view_indexes(text, live, reject_all)
        own: int | None = None
        if any(not text[i].isspace() for i in draft_indexes):
            own = len(self.out)
            self.out.append(
                replace(
                    variant,
                    text=_join(text, draft_indexes),
                    marks=project_marks(variant.marks, draft_indexes),
                    spans=(),
                    comments=(),
                )
            )
        views: list[tuple[int, list[int]]] = [] if own is None else [(own, draft_indexes)]
        label = self.paragraph.label
        if own is None:
            self.tally.new_paragraphs.append(label)
        for name, parent, accepted in self._order(variant.spans, len(text)):
            indexes = view_indexes(text, live, self._accepting(accepted))
            revisions = sorted(
                {s.revision for s in variant.spans if self.authors.of(s.revision) == name},
                key=lambda r: r.serial,
            )
            base = own if parent is None else self._proposal_index(parent)
            index = len(self.out)
            proposal = ImportedVariant(
                name,
                Role.PROPOSAL,
                _join(text, indexes),
                project_marks(variant.marks, indexes),
                note=_note(revisions),
                base=base,
                revisions=tuple(revisions),
            )
            self.out.append(proposal)
            views.append((index, indexes))
            self.tally.proposals += 1
            self.tally.paragraphs.add(label)
            if own is not None and not proposal.text.strip():
                self.tally.deleted_paragraphs.append(label)
        for comment in variant.comments:
            self._place(comment, views)

    def _accepting(self, stakeholders: frozenset[str]) -> Callable[[Revision], bool]:
        return lambda revision: self.authors.of(revision) in stakeholders

    def _proposal_index(self, stakeholder: str) -> int | None:
        for index in range(len(self.out) - 1, -1, -1):
            variant = self.out[index]
            if variant.stakeholder == stakeholder and variant.role is Role.PROPOSAL:
                return index
        return None

    def _order(
        self, spans: Sequence[TrackedSpan], length: int
    ) -> list[tuple[str, str | None, frozenset[str]]]:
        """Each stakeholder with changes here: (name, the one its proposal builds on, the
        stakeholders whose changes its text accepts), builders after what they build on."""
        by_name: dict[str, list[TrackedSpan]] = {}
        for span in spans:
            by_name.setdefault(self.authors.of(span.revision), []).append(span)
        inserted: dict[str, list[bool]] = {}
        for name, own in by_name.items():
            covered = [False] * length
            for span in own:
                if span.revision.kind == INSERTED and span.start < span.end:
                    covered[span.start : span.end] = [True] * (span.end - span.start)
            inserted[name] = covered
        depends: dict[str, set[str]] = {name: set() for name in by_name}
        for name, own in by_name.items():
            for other, covered in inserted.items():
                if other != name and any(_sits_on(span, covered) for span in own):
                    depends[name].add(other)
        first_date = {
            name: min((s.revision.date or "~", s.revision.serial) for s in own)
            for name, own in by_name.items()
        }
        remaining = sorted(by_name, key=lambda n: (first_date[n], n))
        placed: list[str] = []
        result: list[tuple[str, str | None, frozenset[str]]] = []
        accepts: dict[str, frozenset[str]] = {}
        while remaining:
            ready = next((n for n in remaining if depends[n] <= set(placed)), remaining[0])
            remaining.remove(ready)
            wanted = depends[ready]
            inside = [n for n in placed if n in wanted]
            parent = inside[-1] if inside else None
            accepted = frozenset({ready} | (accepts[parent] if parent is not None else set()))
            left_out = sorted(wanted - accepted)
            if left_out:
                self.tally.warnings.append(
                    f"paragraph {self.paragraph.label}: {ready}'s changes sit on "
                    f"{names(sorted(wanted))}'s; its proposal is read on "
                    f"{parent + chr(8217) + 's text' if parent else 'the draft'}, without its "
                    f"changes inside {names(left_out)}'s"
                )
            accepts[ready] = accepted
            placed.append(ready)
            result.append((ready, parent, accepted))
        return result

    def _place(self, span: CommentSpan, views: list[tuple[int, list[int]]]) -> None:
        """A comment on the first variant (the draft before proposals) that has its words."""
        word = self.comments.get(span.comment_id)
        if word is None or word.parent_id is not None:
            return  # not in comments.xml; a reply goes with the comment it answers
        if span.comment_id in self.tally.comments_placed:
            return
        chosen: tuple[int, int, int] | None = None
        for index, indexes in views:
            if span.start == span.end:  # a point: where it stands in the draft
                at = bisect.bisect_left(indexes, span.start)
                chosen = (index, at, at)
                break
            position = {offset: new for new, offset in enumerate(indexes)}
            inside = [position[o] for o in range(span.start, span.end) if o in position]
            if inside:
                chosen = (index, inside[0], inside[-1] + 1)
                break
        if chosen is None and views:  # its words are in no text read: where they stood
            index, indexes = views[0]
            at = bisect.bisect_left(indexes, span.start)
            chosen = (index, at, at)
        if chosen is None:
            return
        index, start, end = chosen
        variant = self.out[index]
        text = variant.text
        if variant.role is Role.PROPOSAL and variant.stakeholder == self.authors.stakeholder(
            word.author
        ):
            # Its author's own word on its own proposal: the proposal's justification too.
            justification = f"{word.author}: {word.text}"
            note = f"{variant.note}\n{justification}" if variant.note else justification
            self.out[index] = replace(variant, note=note)
        self.placed.append(
            ImportedComment(
                word.comment_id,
                word.author,
                word.date,
                word.text,
                index,
                start,
                end,
                text[start:end],
                resolved=word.done,
            )
        )
        self.tally.comments_placed.add(word.comment_id)


def _settled(exported_at: str | None) -> Callable[[Revision], bool]:
    """Which changes of a compromise column are its record: those a workbench export made."""
    if exported_at is None:
        return reject_all
    return lambda revision: bool(revision.date) and revision.date <= exported_at


def _accepted(variant: ImportedVariant, record: Sequence[TrackedSpan]) -> ImportedVariant:
    """The variant with the `record` changes accepted into its text; the others kept as spans
    over the new text."""
    serials = {span.revision.serial for span in record}
    keep = kept(len(variant.text), record, lambda r: r.serial in serials)
    indexes = normalised_indexes(variant.text, keep)
    text = CellText(variant.text, variant.marks, variant.spans, variant.comments)
    remaining = [span for span in variant.spans if span.revision.serial not in serials]
    cut = CellText(text.text, text.marks, tuple(remaining), text.comments).kept(indexes)
    return replace(variant, text=cut.text, marks=cut.marks, spans=cut.spans, comments=cut.comments)


def _sits_on(span: TrackedSpan, covered: list[bool]) -> bool:
    """Whether a change's words are inside another's insertion (or between two parts of it)."""
    if span.start >= span.end:
        return False
    if all(covered[span.start : span.end]):
        return True
    return (
        span.start > 0 and span.end < len(covered) and covered[span.start - 1] and covered[span.end]
    )


def _join(text: str, indexes: Sequence[int]) -> str:
    return "".join(text[i] for i in indexes)


def _note(revisions: Sequence[Revision]) -> str:
    """Who made the changes and when, as Word recorded it: the proposal's note."""
    authors = sorted({r.author or UNKNOWN_AUTHOR for r in revisions if r.part != REDLINE})
    dates = sorted(r.date[:16].replace("T", " ") for r in revisions if r.date)
    kinds = Counter(r.kind for r in revisions if r.part != PARAGRAPH)
    made = ", ".join(
        plural(kinds[kind], noun)
        for kind, noun in ((INSERTED, "insertion"), (DELETED, "deletion"))
        if kinds[kind]
    )
    if any(r.part == REDLINE for r in revisions):
        who = "a manual redline (struck and underlined words)"
    else:
        who = f"Word tracked changes by {names(authors)}"
    when = ""
    if dates:
        when = f", {dates[0]}" if dates[0] == dates[-1] else f", {dates[0]} to {dates[-1]}"
    return f"{who}{when}" + (f" ({made})" if made else "")


def _replies_placed(
    paragraphs: list[ImportedParagraph], comments: Sequence[WordComment], tally: Tally
) -> list[ImportedParagraph]:
    """Each reply joins the paragraph of the comment it answers (its thread's first)."""
    where: dict[str, int] = {}
    for index, paragraph in enumerate(paragraphs):
        for comment in paragraph.comments:
            where[comment.key] = index
    by_id = {word.comment_id: word for word in comments}
    added: dict[int, list[ImportedComment]] = {}
    for word in comments:
        if word.parent_id is None:
            continue
        root = word
        seen = {root.comment_id}
        while root.parent_id is not None and root.parent_id in by_id and root.parent_id not in seen:
            root = by_id[root.parent_id]
            seen.add(root.comment_id)
        found = where.get(root.comment_id)
        if found is None:
            continue
        added.setdefault(found, []).append(
            ImportedComment(
                word.comment_id,
                word.author,
                word.date,
                word.text,
                None,
                0,
                0,
                "",
                reply_to=word.parent_id,
                resolved=word.done,
            )
        )
        tally.comments_placed.add(word.comment_id)
    return [
        replace(paragraph, comments=(*paragraph.comments, *added[index]))
        if index in added
        else paragraph
        for index, paragraph in enumerate(paragraphs)
    ]
