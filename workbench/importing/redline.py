"""A manual redline in body text read as one delegation's changes to the draft.

A delegation often answers a draft with a copy of it where its deletions are struck through and
its additions underlined, by hand, with no tracked changes. In a table such marks are the
redline of a proposal column against the draft column, and stay marks. In body text (and a
statement) there is no other column: the struck and underlined words are the changes, and the
text without them is not the draft. So, where a body text has struck words (underlines alone
are more often emphasis than a redline), each struck stretch becomes a deletion and each
underlined one an insertion, all one pseudo-author's ("redline"), and `tracked.expand` makes the
draft (struck words back, underlined ones out) and the delegation's proposal of them.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.importing.document import ImportedDocument, ImportedVariant
from workbench.importing.revisions import DELETED, INSERTED, REDLINE, Revision, TrackedSpan
from workbench.model import Mark, Role

KINDS = ("body-text", "statement")  # layouts whose manual redline is a delegation's changes
_SHARED = Revision(0, INSERTED, "", "", REDLINE)  # a space put back, no change's own


def has_redline(document: ImportedDocument) -> bool:
    """Struck words somewhere in the drafts: a manual redline, not emphasis."""
    return document.kind in KINDS and any(
        mark.kind == "deleted"
        for paragraph in document.paragraphs
        for variant in paragraph.variants
        if variant.role is Role.DRAFT
        for mark in variant.marks
    )


def redline_as_changes(
    document: ImportedDocument, first_serial: int
) -> tuple[ImportedDocument, tuple[Revision, ...]]:
    """The document with its drafts' redline marks made changes, and those changes."""
    made: list[Revision] = []
    paragraphs = []
    for paragraph in document.paragraphs:
        variants = []
        for variant in paragraph.variants:
            if variant.role is Role.DRAFT and variant.marks:
                variant = _as_changes(variant, made, first_serial)
            variants.append(variant)
        paragraphs.append(replace(paragraph, variants=tuple(variants)))
    return replace(document, paragraphs=tuple(paragraphs)), tuple(made)


def _as_changes(variant: ImportedVariant, made: list[Revision], first: int) -> ImportedVariant:
    """Struck words put back where they stood, covered by a deletion; underlined words covered
    by an insertion; the marks themselves gone (they are changes now)."""
    text = variant.text
    put_back: list[tuple[int, str, Revision]] = []  # (offset in the clean text, words, change)
    added: list[tuple[Mark, Revision]] = []
    replaced = {m.start for m in variant.marks if m.kind != "deleted"}
    for mark in sorted(variant.marks, key=lambda m: (m.start, m.kind != "deleted")):
        revision = Revision(first + len(made), _kind(mark), "", "", REDLINE)
        made.append(revision)
        if mark.kind != "deleted":
            added.append((mark, revision))
            continue
        before = text[mark.start - 1] if mark.start > 0 else " "
        after = text[mark.start] if mark.start < len(text) else " "
        words = ("" if before.isspace() else " ") + mark.text
        if not after.isspace():
            # The space between the struck words and what follows: the underlined words'
            # where they replace them ("session" struck, "annually" added), else the draft's.
            words += " "
            if mark.start in replaced:
                put_back.append((mark.start, words[:-1], revision))
                put_back.append((mark.start, " ", _SHARED))
                continue
        put_back.append((mark.start, words, revision))

    def moved(offset: int, *, end: bool = False) -> int:
        """Where an offset of the clean text is once the struck words are back."""
        return offset + sum(
            len(w) for at, w, _ in put_back if at < offset or (at == offset and not end)
        )

    pieces: list[str] = []
    position = 0
    spans = [replace(s, start=moved(s.start), end=moved(s.end, end=True)) for s in variant.spans]
    written = 0  # characters put back so far
    shared: list[int] = []  # where a space between struck and underlined words was put
    for at, words, revision in put_back:
        pieces.append(text[position:at])
        position = at
        start = at + written
        if revision is not _SHARED:
            spans.append(TrackedSpan(start, start + len(words), revision))
        else:
            shared.append(start)
        pieces.append(words)
        written += len(words)
    pieces.append(text[position:])
    for mark, revision in added:
        start = moved(mark.start)
        if start - 1 in shared:
            start -= 1  # the space before them is theirs
        spans.append(TrackedSpan(start, moved(mark.end, end=True), revision))
    comments = tuple(
        replace(c, start=moved(c.start), end=moved(c.end, end=True)) for c in variant.comments
    )
    return replace(variant, text="".join(pieces), marks=(), spans=tuple(spans), comments=comments)


def _kind(mark: Mark) -> str:
    return DELETED if mark.kind == "deleted" else INSERTED
