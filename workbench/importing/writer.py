"""Writes an ImportedDocument into a workbench file: one transaction, revisions merged by label.

Importing a new revision of a table matches paragraphs by label ("43 bis." is "43bis"), adds
only texts that changed, inserts new paragraphs after their predecessor, and leaves every
existing edit log alone: only new paragraphs get an INITIAL edit. Word tracked changes arrive
as proposals (`tracked.expand`): each is written after the variant it amends, so it can name
it as its base (a draft, or another author's proposal it builds on), and nothing is accepted:
the compromise starts as the draft. Word comments are appended to the paragraph's comment log,
anchored in the variant whose words they quote; one already there is not added again.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from workbench.importing.document import (
    ImportedComment,
    ImportedDocument,
    ImportedParagraph,
    ImportedVariant,
)
from workbench.importing.labels import normalise_label, section_key
from workbench.model import (
    CommentKind,
    NewComment,
    NewEdit,
    Paragraph,
    Role,
    Status,
    Variant,
)
from workbench.storage import NewVariant, WorkbenchStore, initial_edit

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
    tracked_changes: int  # Word tracked changes written as (parts of) pending proposals
    paragraphs_matched_by_text: int = 0  # a revision's paragraphs whose label moved
    # (label in the import, label in the file) of those, for the summary
    moved: tuple[tuple[str, str], ...] = field(default=())
    # (label in the import, label given) of new paragraphs whose label the file already uses
    renamed: tuple[tuple[str, str], ...] = field(default=())
    comments_added: int = 0  # Word comments and replies added to comment logs


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
    imported: ImportedParagraph
    added: list[int]  # indexes of the variants it adds (the others are in the file already)
    existing: dict[int, int]  # index of a variant already in the file -> that variant's id


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
        self._comments: dict[int, list[tuple[str, str, str, str]]] | None = None
        self._comment_ids: dict[str, int] = {}  # a comment's source -> its row id
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
            added, present = self._variants(paragraph_id, imported.variants, known)
            batch.append(_Placed(paragraph_id, is_new, imported, added, present))
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
    ) -> tuple[list[int], dict[int, int]]:
        """The indexes of the imported variants that differ from the stakeholder's latest text
        there, and the ids of those the file already has (a proposal may amend one)."""
        texts = known.setdefault(paragraph_id, [])
        added: list[int] = []
        existing: dict[int, int] = {}
        for index, variant in enumerate(imported):
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
                if latest.variant_id is not None:
                    existing[index] = latest.variant_id
                continue
            texts.append(_Known(stakeholder_id, variant.role, variant.text))
            added.append(index)
            self.counts["variants_added"] += 1
            self.counts["tracked_changes"] += len(variant.revisions)
        return added, existing

    def _new_variant(self, placed: _Placed, index: int, base_id: int | None) -> NewVariant:
        variant = placed.imported.variants[index]
        return NewVariant(
            placed.paragraph_id,
            self.stakeholder_ids[variant.stakeholder],
            variant.role,
            variant.text,
            variant.marks,
            self.source,
            base_id,
            variant.note,
            variant.tag,
        )

    def _store_variants(
        self, batch: list[_Placed]
    ) -> tuple[list[dict[int, int]], list[list[Variant]]]:
        """The batch's variants written, each after the one it amends, so that it names it.

        Drafts and compromises first; then proposals, round by round: a proposal amends the
        variant its import names (another author's proposal it builds on), else the draft
        imported with it, else the paragraph's latest draft already in the file. Returns,
        for each paragraph of the batch, the id of each of its imported variants (written now
        or already in the file), by index.
        """
        ids: list[dict[int, int]] = [dict(placed.existing) for placed in batch]
        written_now: list[list[Variant]] = [[] for _ in batch]
        firsts = [
            (b, i)
            for b, placed in enumerate(batch)
            for i in placed.added
            if placed.imported.variants[i].role is not Role.PROPOSAL
        ]
        written = self.wb.add_variants([self._new_variant(batch[b], i, None) for b, i in firsts])
        drafts: dict[int, int] = {}  # paragraph id -> the draft its proposals amend
        for (b, i), variant in zip(firsts, written, strict=True):
            ids[b][i] = variant.id
            written_now[b].append(variant)
            if variant.role is Role.DRAFT:
                drafts.setdefault(variant.paragraph_id, variant.id)
        waiting = [
            (b, i)
            for b, placed in enumerate(batch)
            for i in placed.added
            if placed.imported.variants[i].role is Role.PROPOSAL
        ]
        while waiting:
            ready = [
                (b, i)
                for b, i in waiting
                if batch[b].imported.variants[i].base is None
                or batch[b].imported.variants[i].base in ids[b]
                or batch[b].imported.variants[i].base not in batch[b].added
            ]
            if not ready:  # a base that names itself round about: the draft, as always
                ready = waiting
            done = set(ready)
            waiting = [item for item in waiting if item not in done]
            rows = []
            for b, i in ready:
                placed = batch[b]
                base_index = placed.imported.variants[i].base
                base = ids[b].get(base_index) if base_index is not None else None
                if base is None:
                    paragraph_id = placed.paragraph_id
                    base = drafts.get(paragraph_id) or self._latest_draft(paragraph_id)
                rows.append(self._new_variant(placed, i, base))
            for (b, i), variant in zip(ready, self.wb.add_variants(rows), strict=True):
                ids[b][i] = variant.id
                written_now[b].append(variant)
        return ids, written_now

    def _latest_draft(self, paragraph_id: int) -> int | None:
        for known in reversed(self._known.get(paragraph_id, [])):
            if known.role is Role.DRAFT and known.variant_id is not None:
                return known.variant_id
        return None

    def _write(self, batch: list[_Placed]) -> None:
        """A batch's variants, then its edits and comments (the new variants' ids in hand)."""
        ids, written = self._store_variants(batch)
        edits: list[NewEdit] = []
        comments: list[tuple[ImportedComment, NewComment]] = []
        for placed, variant_ids, variants in zip(batch, ids, written, strict=True):
            if placed.is_new:
                edits.append(self._initial(placed.paragraph_id, variants))
            if placed.imported.comments:
                comments.extend(self._new_comments(placed, variant_ids))
        self.wb.append_edits(edits)
        self._add_comments(comments)

    def _initial(self, paragraph_id: int, written: list[Variant]) -> NewEdit:
        """The new paragraph's compromise starts by storage's one rule (`initial_edit`): its
        compromise, else its draft, never a proposal (a tracked change is pending until
        someone accepts it)."""
        edit = initial_edit(paragraph_id, written, self.author)
        return dataclasses.replace(edit, note=f"imported from {self.source}")

    def _new_comments(
        self, placed: _Placed, variant_ids: dict[int, int]
    ) -> list[tuple[ImportedComment, NewComment]]:
        """The paragraph's Word comments, less those its log already has (a re-import)."""
        if self._comments is None:
            self._comments = {}
            for paragraph_id, stored in self.wb.comments_by_paragraph().items():
                self._comments[paragraph_id] = [(c.author, c.at, c.text, c.quote) for c in stored]
                for row in stored:
                    self._comment_ids.setdefault(row.source, row.id)
        seen = self._comments.setdefault(placed.paragraph_id, [])
        rows: list[tuple[ImportedComment, NewComment]] = []
        for comment in placed.imported.comments:
            new = self._comment_row(placed.paragraph_id, comment, variant_ids)
            key = (new.author, new.at or "", new.text, new.quote)
            if key in seen:
                continue
            seen.append(key)
            rows.append((comment, new))
        return rows

    def _comment_row(
        self, paragraph_id: int, comment: ImportedComment, variant_ids: dict[int, int]
    ) -> NewComment:
        variant_id = variant_ids.get(comment.variant) if comment.variant is not None else None
        return NewComment(
            paragraph_id,
            CommentKind.REPLY if comment.reply_to is not None else CommentKind.COMMENT,
            comment.author or "unknown",
            comment.text,
            variant_id=variant_id,
            start=comment.start if variant_id is not None else 0,
            end=comment.end if variant_id is not None else 0,
            quote=comment.quote if variant_id is not None else "",
            source=self._comment_source(comment.key),
            at=_word_time(comment.date),
        )

    def _comment_source(self, key: str) -> str:
        return f"{self.source} comment {key}"

    def _add_comments(self, pairs: list[tuple[ImportedComment, NewComment]]) -> None:
        """Written in order, each reply naming the row of the comment it answers; then a
        resolution for each thread Word marked done."""
        for comment, row in pairs:
            if comment.reply_to is not None:
                target = self._comment_ids.get(self._comment_source(comment.reply_to))
                if target is None:
                    continue  # the comment it answers is not in the file: nothing to answer
                row = dataclasses.replace(row, target_id=target)
            added = self.wb.add_comments([row])[0]
            self._comment_ids[row.source] = added.id
            self.counts["comments_added"] += 1
            if comment.resolved and comment.reply_to is None:
                self.wb.add_comments(
                    [
                        NewComment(
                            row.paragraph_id,
                            CommentKind.RESOLVE,
                            row.author,
                            target_id=added.id,
                            source=row.source,
                            at=row.at,
                        )
                    ]
                )


def _word_time(date: str) -> str | None:
    """Word's w:date ("2010-07-27T13:10:00Z") as the file keeps times; None: unknown (now)."""
    return date if date else None


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
