"""The repository of records: paragraphs, variants, edits, stakeholders, sections, meta, search.

Reads and writes rows of the workbench file through the connection its file (`WorkbenchFile`)
holds, and nothing else: opening, locking, pragmas and copies are the file's job
(`workbench_file.py`). Every write runs in the file's `transaction()`, so a failure leaves the
file exactly as it was.

Every paragraph has an INITIAL edit from the transaction that creates it: a paragraph created
without one gets it as that transaction commits (`start_new_paragraphs`), from the variants it
then has (`model.starting_variant`), so the current compromise is always the log's last text. A
proposal added without a base amends its paragraph's latest draft (a paragraph with no draft
has proposals for a new paragraph, with no base). A paragraph's status is the one its log has in
force (its last edit carrying a status), never a column updated in place.
"""

from __future__ import annotations

import abc
import contextlib
import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from workbench.errors import WorkbenchError
from workbench.model import (
    TEXT_CHANGING_KINDS,
    Comment,
    CommentKind,
    Edit,
    EditKind,
    Mark,
    NewComment,
    NewEdit,
    Paragraph,
    Role,
    Section,
    Stakeholder,
    StakeholderKind,
    Status,
    Variant,
    starting_variant,
)
from workbench.storage import values
from workbench.storage.connection import explain_read_error

_SEARCH_INDEXED_THROUGH = "search_indexed_through"  # meta key: the last variant id indexed
_TEXT_KINDS_SQL = ", ".join(f"'{kind.value}'" for kind in TEXT_CHANGING_KINDS)
_EDIT_COLUMNS = values.EDITS.select
_STAKEHOLDER_COLUMNS = values.STAKEHOLDERS.select
_SECTION_COLUMNS = values.SECTIONS.select
_COMMENT_COLUMNS = values.COMMENTS.select
# The status in force: the last edit of the paragraph that carries one (open if none does).
_STATUS_SQL = (
    "coalesce((SELECT e.status FROM edits e WHERE e.paragraph_id = p.id "
    "AND e.status IS NOT NULL ORDER BY e.seq DESC LIMIT 1), 'open')"
)
_PARAGRAPH_SQL = f"SELECT p.id, p.label, p.section_id, p.position, {_STATUS_SQL} FROM paragraphs p"
# Who is named on an INITIAL edit that storage writes itself (no user asked for it).
STARTING_AUTHOR = "workbench"
_REPAIR_HINT = "`workbench check` lists such problems and `workbench check --repair` fixes them"
T = TypeVar("T")


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise_label(label: str) -> str:
    """The key two spellings of one label share: "43 bis" ~ "43bis", "39." ~ "39"."""
    return "".join(label.lower().split()).rstrip(".")


class NewVariant(NamedTuple):
    """A variant to add with `add_variants` (what `add_variant` takes, as one value)."""

    paragraph_id: int
    stakeholder_id: int
    role: Role
    text: str
    marks: tuple[Mark, ...] = ()
    source: str = ""
    base_id: int | None = None  # the variant it amends (a proposal's draft)
    note: str = ""
    tag: str = ""


_VARIANT_COLUMNS = values.VARIANTS.select


class Records(abc.ABC):
    """Reads and writes of the workbench's records; the file class provides the connection.

    `WorkbenchFile` is the one subclass: it opens the connection, holds the writer lock and
    runs `transaction()`; this class only knows the tables.
    """

    path: Path
    _conn: sqlite3.Connection
    # Paragraphs created in the open transaction: each gets its INITIAL edit before it commits.
    _new_paragraphs: set[int]

    @property
    @abc.abstractmethod
    def read_only(self) -> bool: ...

    @abc.abstractmethod
    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One SQLite transaction; a nested call joins the outer one (all or nothing)."""

    # -- reads --------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self._conn.execute(sql, params)
            return cursor.fetchall()
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and self._conn.in_transaction:
                raise  # a write's own failure: its transaction explains it
            raise WorkbenchError(self.path, explain_read_error(self.path, error)) from error

    def _read(
        self, convert: Callable[[Sequence[Any]], T], rows: Sequence[Sequence[Any]]
    ) -> list[T]:
        """Rows into value objects, every value checked; a bad one is one line naming it."""
        try:
            return [convert(row) for row in rows]
        except values.BadValue as error:
            raise WorkbenchError(self.path, f"{error}; {_REPAIR_HINT}") from None

    def stakeholders(self) -> list[Stakeholder]:
        rows = self._rows(f"SELECT {_STAKEHOLDER_COLUMNS} FROM stakeholders ORDER BY id")
        return self._read(_stakeholder, rows)

    def stakeholder(self, stakeholder_id: int) -> Stakeholder:
        rows = self._rows(
            f"SELECT {_STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ?", [stakeholder_id]
        )
        if not rows:
            raise WorkbenchError(self.path, f"has no stakeholder {stakeholder_id}")
        return self._read(_stakeholder, rows)[0]

    def stakeholder_by_name(self, name: str) -> Stakeholder | None:
        rows = self._rows(
            f"SELECT {_STAKEHOLDER_COLUMNS} FROM stakeholders WHERE name = ? COLLATE NOCASE",
            [name.strip()],
        )
        return self._read(_stakeholder, rows[:1])[0] if rows else None

    def sections(self) -> list[Section]:
        rows = self._rows(f"SELECT {_SECTION_COLUMNS} FROM sections ORDER BY position")
        return self._read(_section, rows)

    def paragraphs(self) -> list[Paragraph]:
        rows = self._rows(f"{_PARAGRAPH_SQL} ORDER BY p.position")
        return self._read(_paragraph, rows)

    def paragraph(self, paragraph_id: int) -> Paragraph:
        rows = self._rows(f"{_PARAGRAPH_SQL} WHERE p.id = ?", [paragraph_id])
        if not rows:
            raise WorkbenchError(self.path, f"has no paragraph {paragraph_id}")
        return self._read(_paragraph, rows)[0]

    def paragraph_by_label(self, label: str) -> Paragraph | None:
        paragraphs = self.paragraphs()
        for paragraph in paragraphs:
            if paragraph.label == label:
                return paragraph
        wanted = normalise_label(label)
        for paragraph in paragraphs:
            if normalise_label(paragraph.label) == wanted:
                return paragraph
        return None

    def variants(self, paragraph_id: int) -> list[Variant]:
        rows = self._rows(
            f"SELECT {_VARIANT_COLUMNS} FROM variants WHERE paragraph_id = ? ORDER BY id",
            [paragraph_id],
        )
        return self._read(_variant, rows)

    def variants_by_paragraph(self) -> dict[int, list[Variant]]:
        grouped: dict[int, list[Variant]] = {}
        rows = self._rows(f"SELECT {_VARIANT_COLUMNS} FROM variants ORDER BY paragraph_id, id")
        for variant in self._read(_variant, rows):
            grouped.setdefault(variant.paragraph_id, []).append(variant)
        return grouped

    def edits(self, paragraph_id: int) -> list[Edit]:
        rows = self._rows(
            f"SELECT {_EDIT_COLUMNS} FROM edits WHERE paragraph_id = ? ORDER BY seq", [paragraph_id]
        )
        return self._read(_edit, rows)

    def comments(self, paragraph_id: int) -> list[Comment]:
        """The paragraph's comment log (comments, replies, resolutions), oldest first."""
        rows = self._rows(
            f"SELECT {_COMMENT_COLUMNS} FROM comments WHERE paragraph_id = ? ORDER BY id",
            [paragraph_id],
        )
        return self._read(_comment, rows)

    def comments_by_paragraph(self) -> dict[int, list[Comment]]:
        grouped: dict[int, list[Comment]] = {}
        rows = self._rows(f"SELECT {_COMMENT_COLUMNS} FROM comments ORDER BY paragraph_id, id")
        for comment in self._read(_comment, rows):
            grouped.setdefault(comment.paragraph_id, []).append(comment)
        return grouped

    def edit_counts(self) -> dict[int, int]:
        rows = self._rows("SELECT paragraph_id, count(*) FROM edits GROUP BY paragraph_id")
        return dict(self._read(_paragraph_and_number, rows))

    def compromise(self, paragraph_id: int) -> str:
        rows = self._rows(
            f"SELECT paragraph_id, text_after, id FROM edits "
            f"WHERE paragraph_id = ? AND kind IN ({_TEXT_KINDS_SQL}) ORDER BY seq DESC LIMIT 1",
            [paragraph_id],
        )
        return self._read(_text_after, rows)[0][1] if rows else ""

    def compromises(self) -> dict[int, str]:
        # SQLite returns the bare column from the row holding max(seq).
        rows = self._rows(
            f"SELECT paragraph_id, text_after, id, max(seq) FROM edits "
            f"WHERE kind IN ({_TEXT_KINDS_SQL}) GROUP BY paragraph_id"
        )
        return dict(self._read(_text_after, rows))

    def search(self, query: str) -> set[int]:
        """Paragraphs whose variants contain `query` (any script; case-insensitive).

        The trigram index is brought up to date first (`update_search_index`); a read-only
        file cannot be, so what it has not indexed yet is scanned instead.
        """
        query = query.strip()
        if not query:
            return set()
        if not self.read_only:
            self.update_search_index()
        hits: set[int] = set()
        through = 0  # shorter than a trigram: a plain scan of every variant is fast enough
        if len(query) >= 3:
            through = self._search_indexed_through()
            phrase = '"' + query.replace('"', '""') + '"'
            hits.update(
                row[0]
                for row in self._rows(
                    "SELECT DISTINCT v.paragraph_id FROM variants_search s "
                    "JOIN variants v ON v.id = s.rowid WHERE variants_search MATCH ?",
                    [phrase],
                )
            )
        hits.update(
            row[0]
            for row in self._rows(
                "SELECT DISTINCT paragraph_id FROM variants "
                "WHERE id > ? AND instr(casefold(text), ?) > 0",
                [through, query.casefold()],
            )
        )
        return hits

    def update_search_index(self) -> int:
        """Indexes the variants added since the last call, in one transaction; how many.

        Imports leave this out of their transaction (it was half of a large import's time);
        variants never change once written, so a watermark says what is indexed.
        """
        through = self._search_indexed_through()
        latest = int(self._rows("SELECT coalesce(max(id), 0) FROM variants")[0][0])
        if latest <= through:
            return 0
        with self.transaction():
            cursor = self._conn.execute(
                "INSERT INTO variants_search (rowid, text) "
                "SELECT id, text FROM variants WHERE id > ? AND id <= ?",
                [through, latest],
            )
            self.set_meta(_SEARCH_INDEXED_THROUGH, str(latest))
        return int(cursor.rowcount)

    def _search_indexed_through(self) -> int:
        value = self.get_meta(_SEARCH_INDEXED_THROUGH) or "0"
        return self._read(_watermark, [(_SEARCH_INDEXED_THROUGH, value)])[0]

    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT key, value FROM meta WHERE key = ?", [key])
        return str(self._read(values.META.read, rows)[0][1]) if rows else None

    # -- writes -------------------------------------------------------------------------

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def add_stakeholder(
        self, name: str, kind: StakeholderKind = StakeholderKind.GOVERNMENT
    ) -> Stakeholder:
        existing = self.stakeholder_by_name(name)
        if existing is not None:
            return existing
        name = name.strip()
        if not name:
            raise WorkbenchError(self.path, "a stakeholder needs a name")
        with self.transaction():
            cursor = self._conn.execute(
                "INSERT INTO stakeholders (name, kind) VALUES (?, ?)", [name, kind.value]
            )
        return Stakeholder(_last_id(cursor), name, StakeholderKind(kind))

    def add_section(self, number: str, title: str, parent_id: int | None = None) -> Section:
        with self.transaction():
            position = self._next_position("sections")
            cursor = self._conn.execute(
                "INSERT INTO sections (number, title, parent_id, position) VALUES (?, ?, ?, ?)",
                [number, title, parent_id, position],
            )
        return Section(_last_id(cursor), number, title, parent_id, position)

    def add_paragraph(
        self, label: str, section_id: int | None, *, after_paragraph_id: int | None = None
    ) -> Paragraph:
        with self.transaction():
            if after_paragraph_id is None:
                position = self._next_position("paragraphs")
            else:
                position = self.paragraph(after_paragraph_id).position + 1
                self._conn.execute(
                    "UPDATE paragraphs SET position = position + 1 WHERE position >= ?", [position]
                )
            cursor = self._conn.execute(
                "INSERT INTO paragraphs (label, section_id, position, status) VALUES (?, ?, ?, ?)",
                [label, section_id, position, Status.OPEN.value],
            )
            self._new_paragraphs.add(_last_id(cursor))
        return Paragraph(_last_id(cursor), label, section_id, position, Status.OPEN)

    def add_variant(
        self,
        paragraph_id: int,
        stakeholder_id: int,
        role: Role,
        text: str,
        marks: Sequence[Mark] = (),
        source: str = "",
        *,
        base_id: int | None = None,
        note: str = "",
        tag: str = "",
    ) -> Variant:
        new = NewVariant(
            paragraph_id, stakeholder_id, role, text, tuple(marks), source, base_id, note, tag
        )
        return self.add_variants([new])[0]

    def append_edit(self, new_edit: NewEdit) -> Edit:
        at = new_edit.at or utc_now()
        with self.transaction():
            seq_row = self._rows(
                "SELECT coalesce(max(seq), 0) + 1 FROM edits WHERE paragraph_id = ?",
                [new_edit.paragraph_id],
            )
            seq = int(seq_row[0][0])
            cursor = self._conn.execute(
                "INSERT INTO edits (paragraph_id, seq, kind, stakeholder_id, variant_id, author, "
                'at, start, "end", inserted, text_after, note, target_edit_id, changes, status) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    new_edit.paragraph_id,
                    seq,
                    EditKind(new_edit.kind).value,
                    new_edit.stakeholder_id,
                    new_edit.variant_id,
                    new_edit.author,
                    at,
                    new_edit.start,
                    new_edit.end,
                    new_edit.inserted,
                    new_edit.text_after,
                    new_edit.note,
                    new_edit.target_edit_id,
                    _changes_text(new_edit.changes),
                    _status_text(new_edit.status),
                ],
            )
        return _edit_from(new_edit, _last_id(cursor), seq, at)

    # -- bulk writes, for imports: the same rows as the methods above, in few statements --

    def add_paragraphs(self, rows: Sequence[tuple[str, int | None]]) -> list[Paragraph]:
        """Appends paragraphs, given as (label, section id), after the last one, in order."""
        with self.transaction():
            first_id = self._next_id("paragraphs")
            first_position = self._next_position("paragraphs")
            paragraphs = [
                Paragraph(first_id + index, label, section_id, first_position + index, Status.OPEN)
                for index, (label, section_id) in enumerate(rows)
            ]
            self._conn.executemany(
                "INSERT INTO paragraphs (id, label, section_id, position, status) "
                "VALUES (?, ?, ?, ?, ?)",
                [(p.id, p.label, p.section_id, p.position, p.status.value) for p in paragraphs],
            )
            self._new_paragraphs.update(p.id for p in paragraphs)
        return paragraphs

    def add_variants(self, new_variants: Sequence[NewVariant]) -> list[Variant]:
        """Adds many variants in one transaction (what `add_variant` does, in bulk)."""
        if not new_variants:
            return []
        variants = []
        rows = []
        with self.transaction():
            first_id = self._next_id("variants")
            drafts = self._latest_drafts(new_variants)
            for index, new in enumerate(new_variants):
                base_id = new.base_id
                if base_id is None and Role(new.role) is Role.PROPOSAL:
                    base_id = drafts.get(new.paragraph_id)
                if Role(new.role) is Role.DRAFT:
                    drafts[new.paragraph_id] = first_id + index
                variant = Variant(
                    first_id + index,
                    new.paragraph_id,
                    new.stakeholder_id,
                    Role(new.role),
                    new.text,
                    tuple(new.marks),
                    new.source,
                    base_id,
                    new.note,
                    new.tag,
                )
                variants.append(variant)
                rows.append(
                    (
                        variant.id,
                        variant.paragraph_id,
                        variant.stakeholder_id,
                        variant.role.value,
                        variant.text,
                        _marks_json(variant.marks),
                        variant.source,
                        variant.base_id,
                        variant.note,
                        variant.tag,
                    )
                )
            self._conn.executemany(
                f"INSERT INTO variants ({_VARIANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return variants

    def _latest_drafts(self, new_variants: Sequence[NewVariant]) -> dict[int, int]:
        """Each paragraph's latest draft, for proposals added without a base: a proposal amends
        the draft of its paragraph (none for a paragraph only proposed, which has no draft)."""
        wanted = sorted(
            {
                v.paragraph_id
                for v in new_variants
                if v.base_id is None and Role(v.role) is Role.PROPOSAL
            }
        )
        if not wanted:
            return {}
        rows = self._rows(
            "SELECT paragraph_id, max(id) FROM variants WHERE role = 'draft' "
            "AND paragraph_id IN (SELECT value FROM json_each(?)) GROUP BY paragraph_id",
            [json.dumps(wanted)],
        )
        return dict(self._read(_paragraph_and_number, rows))

    def start_new_paragraphs(self) -> None:
        """INITIAL edits for the paragraphs created in this transaction that have none yet
        (the file's `transaction()` calls it just before it commits)."""
        created = sorted(self._new_paragraphs)
        self._new_paragraphs.clear()
        if not created:
            return
        started = {
            pid
            for pid, _ in self._read(
                _paragraph_and_number,
                self._rows(
                    f"SELECT paragraph_id, count(*) FROM edits WHERE kind IN ({_TEXT_KINDS_SQL}) "
                    "AND paragraph_id IN (SELECT value FROM json_each(?)) GROUP BY paragraph_id",
                    [json.dumps(created)],
                ),
            )
        }
        missing = [paragraph_id for paragraph_id in created if paragraph_id not in started]
        if not missing:
            return
        grouped: dict[int, list[Variant]] = {}
        rows = self._rows(
            f"SELECT {_VARIANT_COLUMNS} FROM variants WHERE role IN ('compromise', 'draft') "
            "AND paragraph_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            [json.dumps(missing)],
        )
        for variant in self._read(_variant, rows):
            grouped.setdefault(variant.paragraph_id, []).append(variant)
        self.append_edits([initial_edit(pid, grouped.get(pid, ())) for pid in missing])

    def append_edits(self, new_edits: Sequence[NewEdit]) -> list[Edit]:
        """Appends edits to their paragraphs' logs, in order (what `append_edit` does, in bulk)."""
        if not new_edits:
            return []
        edits = []
        with self.transaction():
            paragraph_ids = sorted({new.paragraph_id for new in new_edits})
            rows = self._rows(
                "SELECT paragraph_id, max(seq) FROM edits "
                "WHERE paragraph_id IN (SELECT value FROM json_each(?)) GROUP BY paragraph_id",
                [json.dumps(paragraph_ids)],
            )
            last_seq = dict(self._read(_paragraph_and_number, rows))
            first_id = self._next_id("edits")
            now = utc_now()
            for index, new in enumerate(new_edits):
                seq = last_seq.get(new.paragraph_id, 0) + 1
                last_seq[new.paragraph_id] = seq
                edits.append(_edit_from(new, first_id + index, seq, new.at or now))
            self._conn.executemany(
                f"INSERT INTO edits ({_EDIT_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.id,
                        e.paragraph_id,
                        e.seq,
                        e.kind.value,
                        e.stakeholder_id,
                        e.variant_id,
                        e.author,
                        e.at,
                        e.start,
                        e.end,
                        e.inserted,
                        e.text_after,
                        e.note,
                        e.target_edit_id,
                        _changes_text(e.changes),
                        _status_text(e.status),
                    )
                    for e in edits
                ],
            )
        return edits

    def add_comments(self, new_comments: Sequence[NewComment]) -> list[Comment]:
        """Appends rows to the comment log in one transaction, in order; a row may answer one
        added before it in the same call (its `target_id` names that row's id)."""
        if not new_comments:
            return []
        added = []
        with self.transaction():
            first_id = self._next_id("comments")
            now = utc_now()
            for index, new in enumerate(new_comments):
                added.append(
                    Comment(
                        first_id + index,
                        new.paragraph_id,
                        CommentKind(new.kind),
                        new.target_id,
                        new.author,
                        new.at or now,
                        new.text,
                        new.variant_id,
                        new.edit_id,
                        new.start,
                        new.end,
                        new.quote,
                        new.source,
                    )
                )
            self._conn.executemany(
                f"INSERT INTO comments ({_COMMENT_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.id,
                        c.paragraph_id,
                        c.kind.value,
                        c.target_id,
                        c.author,
                        c.at,
                        c.text,
                        c.variant_id,
                        c.edit_id,
                        c.start,
                        c.end,
                        c.quote,
                        c.source,
                    )
                    for c in added
                ],
            )
        return added

    def _next_id(self, table: str) -> int:
        # What SQLite would pick for a rowid: bulk writes set ids themselves to know them.
        return int(self._rows(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")[0][0])

    def _next_position(self, table: str) -> int:
        return int(self._rows(f"SELECT coalesce(max(position), 0) + 1 FROM {table}")[0][0])


# -- helpers ------------------------------------------------------------------------------


def _last_id(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid


# Rows into value objects: every value through its checker in `values` (a BadValue otherwise).


def _stakeholder(row: Sequence[Any]) -> Stakeholder:
    return Stakeholder(*values.STAKEHOLDERS.read(row))


def _section(row: Sequence[Any]) -> Section:
    return Section(*values.SECTIONS.read(row))


def _paragraph(row: Sequence[Any]) -> Paragraph:
    return Paragraph(*values.PARAGRAPHS.read(row))


def _variant(row: Sequence[Any]) -> Variant:
    return Variant(*values.VARIANTS.read(row))


def _edit(row: Sequence[Any]) -> Edit:
    return Edit(*values.EDITS.read(row))


def _comment(row: Sequence[Any]) -> Comment:
    return Comment(*values.COMMENTS.read(row))


def _paragraph_and_number(row: Sequence[Any]) -> tuple[int, int]:
    """(paragraph id, a count or number) from the edits, both checked."""
    if type(row[0]) is not int:
        raise values.BadValue(
            "edits", "?", "paragraph_id", values.problem_of(values.integer, row[0])
        )
    if type(row[1]) is not int:
        raise values.BadValue("edits", f"of paragraph {row[0]}", "seq", "is not a whole number")
    return row[0], row[1]


def _watermark(row: Sequence[Any]) -> int:
    """The meta value saying how far search is indexed: a whole number."""
    problem = values.problem_of(values.counter, row[1])
    if problem:
        raise values.BadValue("meta", row[0], "value", problem)
    return int(row[1])


def _text_after(row: Sequence[Any]) -> tuple[int, str]:
    """(paragraph id, text) from (paragraph_id, text_after, edit id, ...)."""
    if type(row[1]) is not str:
        raise values.BadValue("edits", row[2], "text_after", values.problem_of(values.text, row[1]))
    return row[0], row[1]


def _marks_json(marks: Sequence[Mark]) -> str:
    if not marks:
        return "[]"
    return json.dumps(
        [_mark_to_json(mark) for mark in marks], ensure_ascii=False, separators=(",", ":")
    )


def _mark_to_json(mark: Mark) -> dict[str, Any]:
    return {"kind": mark.kind, "start": mark.start, "end": mark.end, "text": mark.text}


def _edit_from(new_edit: NewEdit, edit_id: int, seq: int, at: str) -> Edit:
    """The Edit a NewEdit becomes once written with its id, place in the log and time."""
    return Edit(
        id=edit_id,
        paragraph_id=new_edit.paragraph_id,
        seq=seq,
        kind=EditKind(new_edit.kind),
        stakeholder_id=new_edit.stakeholder_id,
        variant_id=new_edit.variant_id,
        author=new_edit.author,
        at=at,
        start=new_edit.start,
        end=new_edit.end,
        inserted=new_edit.inserted,
        text_after=new_edit.text_after,
        note=new_edit.note,
        target_edit_id=new_edit.target_edit_id,
        changes=tuple(new_edit.changes),
        status=Status(new_edit.status) if new_edit.status is not None else None,
    )


def initial_edit(paragraph_id: int, variants: Sequence[Variant], author: str = "") -> NewEdit:
    """The INITIAL edit a paragraph starts with, from its variants (`model.starting_variant`)."""
    start = starting_variant(variants)
    text = start.text if start is not None else ""
    return NewEdit(
        paragraph_id=paragraph_id,
        kind=EditKind.INITIAL,
        author=author or STARTING_AUTHOR,
        text_after=text,
        inserted=text,
        stakeholder_id=start.stakeholder_id if start is not None else None,
        variant_id=start.id if start is not None else None,
        note="starting text",
    )


def _changes_text(changes: Sequence[int]) -> str:
    return ",".join(str(number) for number in changes)


def _status_text(status: Status | None) -> str | None:
    return Status(status).value if status is not None else None
