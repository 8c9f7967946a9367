"""Writes an ImportedDocument into a workbench file: one transaction, revisions merged by label.

Importing a new revision of a table matches paragraphs by label ("43 bis." is "43bis"), adds
only texts that changed, inserts new paragraphs after their predecessor, and leaves every
existing edit log alone: only new paragraphs get an INITIAL edit. Word tracked changes are
appended as TRACKED edits that leave the compromise as it is (history only).
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from workbench.importing.document import ImportedDocument, ImportedParagraph, ImportedVariant
from workbench.importing.labels import normalise_label, section_key
from workbench.model import EditKind, NewEdit, Paragraph, Role, Status, Variant
from workbench.storage import NewVariant, WorkbenchStore, initial_edit

_QUOTE_LIMIT = 80
# Paragraphs whose variants and edits go to the file together; the batch bounds memory.
_BATCH = 2000


@dataclass(frozen=True)
class WriteResult:
    stakeholders_added: int
    sections_added: int
    paragraphs_added: int
    paragraphs_matched: int
    variants_added: int
    variants_skipped: int  # identical to the stakeholder's latest text for that paragraph
    tracked_edits: int
    paragraphs_matched_by_text: int = 0  # a revision's paragraphs whose label moved
    # (label in the import, label in the file) of those, for the summary
    moved: tuple[tuple[str, str], ...] = field(default=())
    # (label in the import, label given) of new paragraphs whose label the file already uses
    renamed: tuple[tuple[str, str], ...] = field(default=())


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_LIMIT else flat[: _QUOTE_LIMIT - 1] + "…"


def tracked_note(kind: str, text: str, stakeholder: str, role: Role) -> str:
    """ "GC (proposal): inserted 'and affordability'"."""
    return f"{stakeholder} ({role.value}): {kind} '{_quote(text)}'"


class _Known(NamedTuple):
    """A stakeholder's text already in the paragraph: an identical import is skipped."""

    stakeholder_id: int
    role: Role
    text: str
    variant_id: int | None = None  # None until written (a text added by this import)


class _Placed(NamedTuple):
    """An imported paragraph, placed in the file, with the variants it adds."""

    paragraph_id: int
    is_new: bool
    added: list[ImportedVariant]


_SIMILAR = 0.85  # a revised paragraph whose label moved still reads this much alike
_MAX_COMPARISONS = 20_000  # fuzzy comparisons at most, however large the revision


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


class _TextMatcher:
    """Pairs a revision's paragraphs with the file's where labels moved.

    First, before any label is matched: a paragraph whose draft reads exactly like one (and
    only one) paragraph of the file under another label is that paragraph, renumbered (Rev.1
    inserted a paragraph above it). Then, for a label the file does not have: a paragraph of
    the file whose label is gone from the revision and whose draft reads nearly the same.
    """

    def __init__(
        self,
        existing: list[Paragraph],
        known: dict[int, list[_Known]],
        imported: tuple[ImportedParagraph, ...],
        keys: list[str],
    ) -> None:
        texts: dict[int, tuple[str, str]] = {}  # id -> (label, flat draft text)
        for paragraph in existing:
            draft = _draft_text(known.get(paragraph.id, []))
            if draft:
                texts[paragraph.id] = (paragraph.label, draft)
        in_file: dict[str, list[int]] = {}
        for pid, (_, text) in texts.items():
            in_file.setdefault(text, []).append(pid)
        in_revision: dict[str, list[int]] = {}
        for index, revised in enumerate(imported):
            text = _imported_draft(revised)
            if text:
                in_revision.setdefault(text, []).append(index)
        self.exact: dict[int, Paragraph] = {}  # revision index -> the file's paragraph
        for text, indexes in in_revision.items():
            ids = in_file.get(text, [])
            if len(indexes) == 1 and len(ids) == 1:
                label = texts[ids[0]][0]
                if normalise_label(label) != keys[indexes[0]]:
                    self.exact[indexes[0]] = Paragraph(ids[0], label, None, "", Status.OPEN)
        self.claimed = {paragraph.id for paragraph in self.exact.values()}
        wanted = set(keys)
        self._orphans = {
            pid: value
            for pid, value in texts.items()
            if normalise_label(value[0]) not in wanted and pid not in self.claimed
        }
        self._comparisons = 0

    def match(self, imported: ImportedParagraph) -> Paragraph | None:
        """A paragraph of the file gone from the revision that reads nearly like `imported`."""
        text = _imported_draft(imported)
        if not self._orphans or not text:
            return None
        found = next((pid for pid, (_, t) in self._orphans.items() if t == text), None)
        if found is None:
            best, best_ratio = None, _SIMILAR
            for pid, (_, candidate) in self._orphans.items():
                if self._comparisons >= _MAX_COMPARISONS:
                    break
                if not 0.7 < len(candidate) / max(len(text), 1) < 1.4:
                    continue
                self._comparisons += 1
                matcher = difflib.SequenceMatcher(None, text, candidate, autojunk=False)
                if matcher.quick_ratio() < best_ratio:
                    continue
                ratio = matcher.ratio()
                if ratio >= best_ratio:
                    best, best_ratio = pid, ratio
            found = best
        if found is None:
            return None
        label, _ = self._orphans.pop(found)
        self.claimed.add(found)
        return Paragraph(found, label, None, "", Status.OPEN)


def _draft_text(known: list[_Known]) -> str:
    """The text a paragraph of the file is recognised by: its latest draft (or any text)."""
    draft = next((k.text for k in reversed(known) if k.role is Role.DRAFT), None)
    if draft is None:
        draft = known[-1].text if known else ""
    return _flat(draft)


def _imported_draft(paragraph: ImportedParagraph) -> str:
    variant = next((v for v in paragraph.variants if v.role is Role.DRAFT), None)
    if variant is None and paragraph.variants:
        variant = paragraph.variants[0]
    return _flat(variant.text) if variant is not None else ""


class _Writer:
    def __init__(self, wb: WorkbenchStore, document: ImportedDocument, author: str) -> None:
        self.wb = wb
        self.document = document
        self.author = author
        self.source = document.source.name
        self.stakeholder_ids: dict[str, int] = {}
        self.section_ids: dict[str, int] = {}
        self.counts = dict.fromkeys(
            (f for f in WriteResult.__dataclass_fields__ if f not in ("moved", "renamed")), 0
        )
        self.moved: list[tuple[str, str]] = []
        self.renamed: list[tuple[str, str]] = []
        self._known: dict[int, list[_Known]] = {}

    def stakeholders(self) -> None:
        for stakeholder in self.document.stakeholders:
            existing = self.wb.stakeholder_by_name(stakeholder.name)
            if existing is None:
                existing = self.wb.add_stakeholder(stakeholder.name, stakeholder.kind)
                self.counts["stakeholders_added"] += 1
            self.stakeholder_ids[stakeholder.name] = existing.id

    def sections(self) -> None:
        stored = self.wb.sections()
        for section in stored:
            self.section_ids.setdefault(section_key(section.number or section.title), section.id)
        # Body-text sections are keyed by their path ("III./A./Option 1"): "Option 1" is under
        # every heading. The file's sections get the same keys, in the same order.
        paths: dict[int, str] = {}
        seen: set[str] = set()
        for section in stored:
            base = section.number or section.title
            above = paths.get(section.parent_id) if section.parent_id is not None else None
            path = f"{above}/{base}" if above is not None else base
            unique, n = path, 2
            while unique.casefold() in seen:
                unique, n = f"{path} #{n}", n + 1
            seen.add(unique.casefold())
            paths[section.id] = unique
            self.section_ids.setdefault(section_key(unique), section.id)
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
        known: dict[int, list[_Known]] = {}
        if existing:
            for old_id, stored in self.wb.variants_by_paragraph().items():
                known[old_id] = [_Known(v.stakeholder_id, v.role, v.text, v.id) for v in stored]
        previous_id: int | None = None
        total = len(self.document.paragraphs)
        keys = [normalise_label(imported.label) for imported in self.document.paragraphs]
        appended: list[int] = []
        if not existing and len(set(keys)) == len(keys):
            # Into an empty file every paragraph is new and goes last, in order: one statement
            # adds them all instead of one statement (and a position lookup) each.
            appended = [
                paragraph.id
                for paragraph in self.wb.add_paragraphs(
                    [
                        (imported.label, self._section_id(imported))
                        for imported in self.document.paragraphs
                    ]
                )
            ]
        self._known = known
        by_text = (
            _TextMatcher(existing, known, self.document.paragraphs, keys) if existing else None
        )
        batch: list[_Placed] = []
        for done, imported in enumerate(self.document.paragraphs):
            on_paragraph(done, total)
            key = keys[done]
            label = imported.label
            match = by_text.exact.get(done) if by_text is not None else None
            found = match.id if match is not None else by_label.get(key)
            if match is None and by_text is not None and found in by_text.claimed:
                # Its label now belongs to a paragraph the revision renumbered.
                found = None
                label = self._free_label(label, by_label)
            if found is None and by_text is not None:
                match = by_text.match(imported)
                found = match.id if match is not None else None
            if match is not None:
                self.moved.append((imported.label, match.label))
                self.counts["paragraphs_matched_by_text"] += 1
            is_new = found is None
            if appended:
                paragraph_id = appended[done]
                self.counts["paragraphs_added"] += 1
            elif found is None:
                section_id = self._section_id(imported)
                after = previous_id if previous_id is not None and previous_id != tail_id else None
                paragraph_id = self.wb.add_paragraph(label, section_id, after_paragraph_id=after).id
                by_label[normalise_label(label)] = paragraph_id
                if after is None:
                    tail_id = paragraph_id
                self.counts["paragraphs_added"] += 1
            else:
                paragraph_id = found
                if paragraph_id in old_ids:
                    self.counts["paragraphs_matched"] += 1
            previous_id = paragraph_id
            added = self._variants(paragraph_id, imported.variants, known)
            batch.append(_Placed(paragraph_id, is_new, added))
            if len(batch) >= _BATCH:
                self._write(batch)
                batch = []
        self._write(batch)
        on_paragraph(total, total)

    def _free_label(self, label: str, by_label: dict[str, int]) -> str:
        n = 1
        free = f"{label} (new)"
        while normalise_label(free) in by_label:
            n += 1
            free = f"{label} (new {n})"
        self.renamed.append((label, free))
        return free

    def _section_id(self, imported: ImportedParagraph) -> int | None:
        if not imported.section_number:
            return None
        return self.section_ids.get(section_key(imported.section_number))

    def _variants(
        self,
        paragraph_id: int,
        imported: tuple[ImportedVariant, ...],
        known: dict[int, list[_Known]],
    ) -> list[ImportedVariant]:
        """The imported variants that differ from the stakeholder's latest text there."""
        texts = known.setdefault(paragraph_id, [])
        added = []
        for variant in imported:
            stakeholder_id = self.stakeholder_ids[variant.stakeholder]
            latest = next(
                (
                    k
                    for k in reversed(texts)
                    if k.stakeholder_id == stakeholder_id and k.role is variant.role
                ),
                None,
            )
            if latest is not None and latest.text == variant.text:
                self.counts["variants_skipped"] += 1
                continue
            texts.append(_Known(stakeholder_id, variant.role, variant.text))
            added.append(variant)
            self.counts["variants_added"] += 1
        return added

    def _new_variant(
        self, paragraph_id: int, variant: ImportedVariant, base_id: int | None
    ) -> NewVariant:
        return NewVariant(
            paragraph_id,
            self.stakeholder_ids[variant.stakeholder],
            variant.role,
            variant.text,
            variant.marks,
            self.source,
            base_id,
            variant.note,
            variant.tag,
        )

    def _store_variants(self, batch: list[_Placed]) -> list[list[Variant]]:
        """The batch's variants written, drafts first so that each proposal names its base.

        A proposal amends the draft imported with it; a proposal arriving alone amends the
        paragraph's latest draft already in the file. Returned in the order of `placed.added`.
        """
        stored: list[list[Variant | None]] = [[None] * len(placed.added) for placed in batch]
        firsts = [
            (b, i)
            for b, placed in enumerate(batch)
            for i, variant in enumerate(placed.added)
            if variant.role is not Role.PROPOSAL
        ]
        written = self.wb.add_variants(
            [self._new_variant(batch[b].paragraph_id, batch[b].added[i], None) for b, i in firsts]
        )
        drafts: dict[int, int] = {}  # paragraph id -> the draft its proposals amend
        for (b, i), variant in zip(firsts, written, strict=True):
            stored[b][i] = variant
            if variant.role is Role.DRAFT:
                drafts.setdefault(variant.paragraph_id, variant.id)
        seconds = [
            (b, i)
            for b, placed in enumerate(batch)
            for i, variant in enumerate(placed.added)
            if variant.role is Role.PROPOSAL
        ]
        written = self.wb.add_variants(
            [
                self._new_variant(
                    batch[b].paragraph_id,
                    batch[b].added[i],
                    drafts.get(batch[b].paragraph_id) or self._latest_draft(batch[b].paragraph_id),
                )
                for b, i in seconds
            ]
        )
        for (b, i), variant in zip(seconds, written, strict=True):
            stored[b][i] = variant
        return [[v for v in row if v is not None] for row in stored]

    def _latest_draft(self, paragraph_id: int) -> int | None:
        for known in reversed(self._known.get(paragraph_id, [])):
            if known.role is Role.DRAFT and known.variant_id is not None:
                return known.variant_id
        return None

    def _write(self, batch: list[_Placed]) -> None:
        """A batch's variants, then its edits (the new variants' ids in hand)."""
        written = self._store_variants(batch)
        edits: list[NewEdit] = []
        compromises: dict[int, str] | None = None
        for placed, stored_variants in zip(batch, written, strict=True):
            stored = iter(stored_variants)
            added = [(variant, next(stored)) for variant in placed.added]
            if placed.is_new:
                initial = self._initial(placed.paragraph_id, added)
                edits.append(initial)
                current = initial.text_after
            elif any(variant.tracked for variant, _ in added):
                if compromises is None:
                    compromises = self.wb.compromises()
                current = compromises.get(placed.paragraph_id, "")
            else:
                continue
            edits.extend(
                self._tracked(placed.paragraph_id, added, current, check_existing=not placed.is_new)
            )
        self.wb.append_edits(edits)

    def _initial(self, paragraph_id: int, added: list[tuple[ImportedVariant, Variant]]) -> NewEdit:
        """The new paragraph's compromise starts by storage's one rule (`initial_edit`)."""
        edit = initial_edit(paragraph_id, [stored for _, stored in added], self.author)
        return dataclasses.replace(edit, note=f"imported from {self.source}")

    def _tracked(
        self,
        paragraph_id: int,
        added: list[tuple[ImportedVariant, Variant]],
        current: str,
        *,
        check_existing: bool,
    ) -> list[NewEdit]:
        seen: set[tuple[str, str, str]] = set()
        if check_existing:
            seen = {
                (edit.author, edit.at, edit.note)
                for edit in self.wb.edits(paragraph_id)
                if edit.kind is EditKind.TRACKED
            }
        edits = []
        for imported, stored in added:
            for change in imported.tracked:
                note = tracked_note(change.kind, change.text, imported.stakeholder, imported.role)
                author = change.author or "unknown"
                if (author, change.date, note) in seen:
                    continue
                seen.add((author, change.date, note))
                edits.append(
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
        return edits


def write_document(
    wb: WorkbenchStore,
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
    return WriteResult(**writer.counts, moved=tuple(writer.moved), renamed=tuple(writer.renamed))
