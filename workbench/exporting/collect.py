"""Reads a workbench file into the exporter's rows: texts, headings, attributed changes.

All reads are whole-document queries (variants_by_paragraph, compromises) except the edit log,
which is read only for paragraphs whose compromise differs from the draft.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from workbench import brackets, comments, provenance
from workbench.errors import WorkbenchError
from workbench.exporting.changes import Owner, attribute, diff_segments
from workbench.exporting.comment_rows import row_comments
from workbench.exporting.options import ExportOptions
from workbench.exporting.rows import (
    ExportHeading,
    ExportRow,
    ExportTable,
    ParagraphHistory,
    Segment,
    SegmentKind,
    Share,
    VersionEntry,
)
from workbench.model import (
    TEXT_CHANGING_KINDS,
    Edit,
    EditKind,
    Paragraph,
    Role,
    Section,
    Stakeholder,
    Status,
    Variant,
)
from workbench.storage import WorkbenchStore

AGREED = frozenset({Status.AGREED, Status.AGREED_AD_REF})


@dataclass(frozen=True)
class _Document:
    """Everything read once from the workbench file."""

    stakeholders: dict[int, Stakeholder]
    sections: list[Section]
    paragraphs: list[Paragraph]
    variants: dict[int, list[Variant]]
    compromises: dict[int, str]
    filtered: bool  # some paragraphs left out: headings over nothing go too


def _read(wb: WorkbenchStore, options: ExportOptions) -> _Document:
    paragraphs = wb.paragraphs()
    if options.paragraphs:
        wanted = _paragraph_ids(wb, options.paragraphs)
        paragraphs = [p for p in paragraphs if p.id in wanted]
    compromises = wb.compromises()
    if options.agreed_only:
        paragraphs = [p for p in paragraphs if _status(p, compromises.get(p.id, "")) in AGREED]
    return _Document(
        stakeholders={s.id: s for s in wb.stakeholders()},
        sections=wb.sections(),
        paragraphs=paragraphs,
        variants=wb.variants_by_paragraph(),
        compromises=compromises,
        filtered=bool(options.paragraphs) or options.agreed_only,
    )


def _paragraph_ids(wb: WorkbenchStore, labels: Sequence[str]) -> set[int]:
    ids: set[int] = set()
    for label in labels:
        found = wb.paragraph_by_label(label)
        if found is None:
            raise WorkbenchError(wb.path, f"no paragraph labelled {label!r}; check the label")
        ids.add(found.id)
    return ids


def _status(paragraph: Paragraph, compromise: str) -> Status:
    """The status negotiators see: set by hand, or bracketed while brackets remain."""
    return brackets.effective_status(paragraph.status, compromise)


def _texts(variants: Sequence[Variant], role: Role, stakeholder_id: int | None = None) -> str:
    return "\n".join(
        v.text
        for v in variants
        if v.role == role and (stakeholder_id is None or v.stakeholder_id == stakeholder_id)
    )


def _items(doc: _Document, rows: dict[int, ExportRow]) -> tuple[ExportHeading | ExportRow, ...]:
    """Headings and rows in document order; a heading only where rows follow (when filtered)."""
    by_id = {s.id: s for s in doc.sections}
    order = {s.id: index for index, s in enumerate(doc.sections)}
    depth: dict[int, int] = {}
    for section in doc.sections:
        parent = section.parent_id
        depth[section.id] = 1 if parent is None or parent not in by_id else depth[parent] + 1
    items: list[ExportHeading | ExportRow] = []
    emitted: set[int] = set()
    next_section = 0  # sections before this index in document order are out already

    def emit_through(section_id: int) -> None:
        nonlocal next_section
        while next_section <= order[section_id]:
            section = doc.sections[next_section]
            next_section += 1
            if section.id not in emitted:
                emitted.add(section.id)
                items.append(ExportHeading(section.number, section.title, depth[section.id]))

    for paragraph in doc.paragraphs:
        if paragraph.section_id is not None and paragraph.section_id in order:
            emit_through(paragraph.section_id)
        items.append(rows[paragraph.id])
    if doc.sections:
        emit_through(doc.sections[-1].id)
    return tuple(_drop_empty_headings(items) if doc.filtered else items)


def _drop_empty_headings(
    items: list[ExportHeading | ExportRow],
) -> list[ExportHeading | ExportRow]:
    kept: list[ExportHeading | ExportRow] = []
    for index, item in enumerate(items):
        if isinstance(item, ExportRow):
            kept.append(item)
            continue
        for later in items[index + 1 :]:
            if isinstance(later, ExportRow):
                kept.append(item)
                break
            if later.depth <= item.depth:
                break
    return kept


def _owner_name(doc: _Document, stakeholder_id: int | None, author: str) -> str:
    if stakeholder_id is not None and stakeholder_id in doc.stakeholders:
        return doc.stakeholders[stakeholder_id].name
    return author


def _compromise_changes(
    wb: WorkbenchStore, doc: _Document, paragraph_id: int, draft: str, compromise: str
) -> tuple[Segment, ...]:
    if draft == compromise:
        return (Segment(SegmentKind.EQUAL, draft),) if draft else ()
    edits = wb.edits(paragraph_id)
    # Text the compromise started from when that start was the draft itself is nobody's
    # insertion: it is the draft. (An imported compromise that differs from the draft is kept:
    # its stakeholder did write what it adds.)
    from_draft = {e.id for e in edits if e.kind is EditKind.INITIAL and e.text_after == draft}
    owners = [
        Owner(span.start, span.end, _owner_name(doc, span.stakeholder_id, span.author), span.at)
        for span in provenance.spans(edits)
        if span.edit_id not in from_draft
    ]
    removals = _removals(edits)
    fallback = ("", "")
    for edit in reversed(edits):
        if edit.kind in TEXT_CHANGING_KINDS and edit.kind != EditKind.INITIAL:
            fallback = (_owner_name(doc, edit.stakeholder_id, edit.author), edit.at)
            break

    def deleted_by(text: str, _offset: int) -> tuple[str, str]:
        needle = text.strip()
        for removed, edit in reversed(removals):
            if needle and needle in removed:
                return _owner_name(doc, edit.stakeholder_id, edit.author), edit.at
        return fallback

    return tuple(attribute(diff_segments(draft, compromise), owners, deleted_by))


def _removals(edits: Sequence[Edit]) -> list[tuple[str, Edit]]:
    """The text each edit took out of the compromise, to name who deleted a draft word."""
    removals: list[tuple[str, Edit]] = []
    previous = ""
    for edit in edits:
        if edit.kind not in TEXT_CHANGING_KINDS:
            continue
        if edit.kind != EditKind.INITIAL and edit.end > edit.start:
            removals.append((previous[edit.start : edit.end], edit))
        previous = edit.text_after
    return removals


def table_data(
    wb: WorkbenchStore, stakeholders: Sequence[str] | None, options: ExportOptions
) -> ExportTable:
    """The table layout's columns and rows."""
    doc = _read(wb, options)
    columns = _proposal_columns(wb, doc, stakeholders)
    column_ids = [column.id for column in columns]
    commented = set(wb.comments_by_paragraph())
    drafters: Counter[str] = Counter()
    rows: dict[int, ExportRow] = {}
    for paragraph in doc.paragraphs:
        variants = doc.variants.get(paragraph.id, [])
        draft = _texts(variants, Role.DRAFT)
        drafters.update(
            doc.stakeholders[v.stakeholder_id].name
            for v in variants
            if v.role == Role.DRAFT and v.stakeholder_id in doc.stakeholders
        )
        compromise = doc.compromises.get(paragraph.id, "")
        proposals = []
        tags = []
        for column in columns:
            tags.append(
                ", ".join(
                    v.tag
                    for v in variants
                    if v.role is Role.PROPOSAL and v.stakeholder_id == column.id and v.tag
                )
            )
            text = _texts(variants, Role.PROPOSAL, column.id)
            # A proposal of no text proposes to delete the paragraph: shown as its draft
            # struck through, never as an empty cell that looks like no proposal at all.
            deleting = not text and bool(draft) and _proposes(variants, column.id)
            if (options.redline_proposals and text) or deleting:
                proposals.append(tuple(diff_segments(draft, text)))
            else:
                proposals.append((Segment(SegmentKind.EQUAL, text),))
        rows[paragraph.id] = ExportRow(
            label=paragraph.label,
            draft=draft,
            compromise=compromise,
            compromise_changes=_compromise_changes(wb, doc, paragraph.id, draft, compromise),
            proposals=tuple(proposals),
            status=str(_status(paragraph, compromise)),
            comments=row_comments(comments.threads(wb, paragraph.id), variants, column_ids)
            if paragraph.id in commented
            else (),
            proposal_tags=tuple(tags),
        )
    drafter = drafters.most_common(1)[0][0] if drafters else "Chair"
    return ExportTable(
        draft_title=f"Draft ({drafter})",
        proposal_titles=tuple(f"{s.name} proposal" for s in columns),
        items=_items(doc, rows),
    )


def _proposes(variants: Sequence[Variant], stakeholder_id: int) -> bool:
    return any(v.role is Role.PROPOSAL and v.stakeholder_id == stakeholder_id for v in variants)


def _proposal_columns(
    wb: WorkbenchStore, doc: _Document, names: Sequence[str] | None
) -> list[Stakeholder]:
    if names is None:
        # Those proposing on the paragraphs exported: a column of nothing but blanks is noise.
        proposing = {
            v.stakeholder_id
            for paragraph in doc.paragraphs
            for v in doc.variants.get(paragraph.id, [])
            if v.role == Role.PROPOSAL
        }
        return [s for s in doc.stakeholders.values() if s.id in proposing]
    columns = []
    for name in names:
        found = wb.stakeholder_by_name(name)
        if found is None:
            known = ", ".join(s.name for s in doc.stakeholders.values()) or "none"
            raise WorkbenchError(wb.path, f"no stakeholder named {name!r} (known: {known})")
        columns.append(found)
    return columns


def clean_items(
    wb: WorkbenchStore, options: ExportOptions
) -> tuple[ExportHeading | ExportRow, ...]:
    """Headings and compromise paragraphs for the clean layout."""
    doc = _read(wb, options)
    rows = {}
    for paragraph in doc.paragraphs:
        variants = doc.variants.get(paragraph.id, [])
        draft = _texts(variants, Role.DRAFT)
        rows[paragraph.id] = ExportRow(
            paragraph.label, draft, doc.compromises.get(paragraph.id, "")
        )
    return _items(doc, rows)


def histories(wb: WorkbenchStore, options: ExportOptions) -> tuple[ParagraphHistory, ...]:
    """Each chosen paragraph's versions and the shares of its compromise."""
    doc = _read(wb, options)
    headings = {s.id: " ".join(filter(None, (s.number, s.title))) for s in doc.sections}
    result = []
    for paragraph in doc.paragraphs:
        edits = wb.edits(paragraph.id)
        compromise = doc.compromises.get(paragraph.id, "")
        result.append(
            ParagraphHistory(
                label=paragraph.label,
                heading=headings.get(paragraph.section_id or -1, ""),
                compromise=compromise,
                versions=tuple(_versions(doc, edits)),
                shares=_shares(doc, edits),
                status=str(_status(paragraph, compromise)),
            )
        )
    return tuple(result)


def _versions(doc: _Document, edits: Sequence[Edit]) -> list[VersionEntry]:
    entries = []
    previous = ""
    for edit in edits:
        note = edit.note
        if edit.kind is EditKind.INITIAL and not previous:
            # The text the compromise started from: shown as it read, not as one insertion.
            change = [Segment(SegmentKind.EQUAL, edit.text_after)] if edit.text_after else []
            previous = edit.text_after
        elif edit.kind in TEXT_CHANGING_KINDS:
            change = diff_segments(previous, edit.text_after)
            previous = edit.text_after
        elif edit.kind == EditKind.REJECT:
            turned_down = previous[: edit.start] + edit.inserted + previous[edit.end :]
            change = diff_segments(previous, turned_down)
            note = note or "not taken"
        elif edit.kind == EditKind.TRACKED:
            change = diff_segments(previous, edit.text_after)
        else:
            change = []
        stakeholder = doc.stakeholders.get(edit.stakeholder_id or -1)
        entries.append(
            VersionEntry(
                number=edit.seq,
                at=edit.at,
                author=edit.author,
                stakeholder=stakeholder.name if stakeholder else "",
                kind=str(edit.kind),
                change=tuple(change),
                note=note,
            )
        )
    return entries


def _shares(doc: _Document, edits: Sequence[Edit]) -> tuple[Share, ...]:
    names = {stakeholder_id: s.name for stakeholder_id, s in doc.stakeholders.items()}
    percents = provenance.shares(provenance.spans(edits), names)
    return tuple(Share(owner, percent) for owner, percent in percents.items())
