"""Writes an ImportedDocument into a workbench file: one transaction, revisions merged by label.

Importing a new revision of a table matches paragraphs by label ("43 bis." is "43bis"), adds
only texts that changed, inserts new paragraphs after their predecessor, and leaves every
existing edit log alone: only new paragraphs get an INITIAL edit. Word tracked changes are
appended as TRACKED edits that leave the compromise as it is (history only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.importing.document import ImportedDocument, ImportedVariant
from workbench.importing.labels import normalise_label, section_key
from workbench.model import EditKind, NewEdit, Role, Variant

if TYPE_CHECKING:
    from workbench.storage import WorkbenchFile

_QUOTE_LIMIT = 80


@dataclass(frozen=True)
class WriteResult:
    stakeholders_added: int
    sections_added: int
    paragraphs_added: int
    paragraphs_matched: int
    variants_added: int
    variants_skipped: int  # identical to the stakeholder's latest text for that paragraph
    tracked_edits: int


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_LIMIT else flat[: _QUOTE_LIMIT - 1] + "…"


def tracked_note(kind: str, text: str, stakeholder: str, role: Role) -> str:
    """ "GC (proposal): inserted 'and affordability'"."""
    return f"{stakeholder} ({role.value}): {kind} '{_quote(text)}'"


class _Writer:
    def __init__(self, wb: WorkbenchFile, document: ImportedDocument, author: str) -> None:
        self.wb = wb
        self.document = document
        self.author = author
        self.source = document.source.name
        self.stakeholder_ids: dict[str, int] = {}
        self.section_ids: dict[str, int] = {}
        self.counts = dict.fromkeys(WriteResult.__dataclass_fields__, 0)

    def stakeholders(self) -> None:
        for stakeholder in self.document.stakeholders:
            existing = self.wb.stakeholder_by_name(stakeholder.name)
            if existing is None:
                existing = self.wb.add_stakeholder(stakeholder.name, stakeholder.kind)
                self.counts["stakeholders_added"] += 1
            self.stakeholder_ids[stakeholder.name] = existing.id

    def sections(self) -> None:
        for section in self.wb.sections():
            self.section_ids.setdefault(section_key(section.number or section.title), section.id)
        for imported in self.document.sections:
            key = section_key(imported.key)
            if key in self.section_ids:
                continue
            parent = (
                self.section_ids.get(section_key(imported.parent_number))
                if imported.parent_number
                else None
            )
            added = self.wb.add_section(imported.number, imported.title, parent)
            self.section_ids[key] = added.id
            self.counts["sections_added"] += 1

    def paragraphs(self, on_paragraph: Callable[[int, int], None]) -> None:
        existing = self.wb.paragraphs()
        by_label = {normalise_label(p.label): p.id for p in existing}
        old_ids = set(by_label.values())
        tail_id = existing[-1].id if existing else None
        variants: dict[int, list[Variant]] = self.wb.variants_by_paragraph() if existing else {}
        compromises: dict[int, str] | None = None
        previous_id: int | None = None
        total = len(self.document.paragraphs)
        for done, imported in enumerate(self.document.paragraphs):
            on_paragraph(done, total)
            key = normalise_label(imported.label)
            paragraph_id = by_label.get(key)
            is_new = paragraph_id is None
            if paragraph_id is None:
                section_id = (
                    self.section_ids.get(section_key(imported.section_number))
                    if imported.section_number
                    else None
                )
                after = previous_id if previous_id is not None and previous_id != tail_id else None
                paragraph_id = self.wb.add_paragraph(
                    imported.label, section_id, after_paragraph_id=after
                ).id
                by_label[key] = paragraph_id
                if after is None:
                    tail_id = paragraph_id
                self.counts["paragraphs_added"] += 1
            elif paragraph_id in old_ids:
                self.counts["paragraphs_matched"] += 1
            previous_id = paragraph_id
            added = self._variants(paragraph_id, imported.variants, variants)
            if is_new:
                current = self._initial(paragraph_id, added)
            elif any(variant.tracked for variant, _ in added):
                if compromises is None:
                    compromises = self.wb.compromises()
                current = compromises.get(paragraph_id, "")
            else:
                continue
            self._tracked(paragraph_id, added, current, check_existing=not is_new)
        on_paragraph(total, total)

    def _variants(
        self,
        paragraph_id: int,
        imported: tuple[ImportedVariant, ...],
        variants: dict[int, list[Variant]],
    ) -> list[tuple[ImportedVariant, Variant]]:
        known = variants.setdefault(paragraph_id, [])
        added = []
        for variant in imported:
            stakeholder_id = self.stakeholder_ids[variant.stakeholder]
            latest = next(
                (
                    v
                    for v in reversed(known)
                    if v.stakeholder_id == stakeholder_id and v.role is variant.role
                ),
                None,
            )
            if latest is not None and latest.text == variant.text:
                self.counts["variants_skipped"] += 1
                continue
            stored = self.wb.add_variant(
                paragraph_id,
                stakeholder_id,
                variant.role,
                variant.text,
                marks=variant.marks,
                source=self.source,
            )
            known.append(stored)
            added.append((variant, stored))
            self.counts["variants_added"] += 1
        return added

    def _initial(self, paragraph_id: int, added: list[tuple[ImportedVariant, Variant]]) -> str:
        """The new paragraph's compromise starts as its compromise text, else its draft."""
        start = next(
            (
                pair
                for role in (Role.COMPROMISE, Role.DRAFT)
                for pair in added
                if pair[1].role is role
            ),
            None,
        )
        text = start[1].text if start is not None else ""
        self.wb.append_edit(
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.INITIAL,
                author=self.author,
                text_after=text,
                inserted=text,
                stakeholder_id=start[1].stakeholder_id if start is not None else None,
                variant_id=start[1].id if start is not None else None,
                note=f"imported from {self.source}",
            )
        )
        return text

    def _tracked(
        self,
        paragraph_id: int,
        added: list[tuple[ImportedVariant, Variant]],
        current: str,
        *,
        check_existing: bool,
    ) -> None:
        seen: set[tuple[str, str, str]] = set()
        if check_existing:
            seen = {
                (edit.author, edit.at, edit.note)
                for edit in self.wb.edits(paragraph_id)
                if edit.kind is EditKind.TRACKED
            }
        for imported, stored in added:
            for change in imported.tracked:
                note = tracked_note(change.kind, change.text, imported.stakeholder, imported.role)
                author = change.author or "unknown"
                if (author, change.date, note) in seen:
                    continue
                seen.add((author, change.date, note))
                self.wb.append_edit(
                    NewEdit(
                        paragraph_id=paragraph_id,
                        kind=EditKind.TRACKED,
                        author=author,
                        text_after=current,
                        stakeholder_id=stored.stakeholder_id,
                        variant_id=stored.id,
                        note=note,
                        at=change.date or None,
                    )
                )
                self.counts["tracked_edits"] += 1


def write_document(
    wb: WorkbenchFile,
    document: ImportedDocument,
    *,
    author: str,
    on_paragraph: Callable[[int, int], None],
) -> WriteResult:
    """Writes it all in ONE transaction: any exception (a cancel too) leaves the file as it was."""
    writer = _Writer(wb, document, author)
    with wb.transaction():
        writer.stakeholders()
        writer.sections()
        writer.paragraphs(on_paragraph)
    return WriteResult(**writer.counts)
