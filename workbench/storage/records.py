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

Several laptops write one negotiation (`workbench.sync`): ids are allocated in this file's
origin's range (`ids`), paragraphs and sections are ordered by keys that never need rewriting
(`order_keys`), and each edit names the edit it follows. This laptop's head in each paragraph
(and the edits holding the text and the status in force there) is kept in `local_heads`, in
the transaction that appends the edit: the log a paragraph shows is the chain to that head
(`edit_graph`).
"""

from __future__ import annotations

import abc
import contextlib
import dataclasses
import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from workbench import edit_graph, order_keys
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
from workbench.storage import ids, values
from workbench.storage.connection import explain_read_error

_TEXT_KINDS_SQL = ", ".join(f"'{kind.value}'" for kind in TEXT_CHANGING_KINDS)
_EDIT_COLUMNS = values.EDITS.select
_STAKEHOLDER_COLUMNS = values.STAKEHOLDERS.select
_SECTION_COLUMNS = values.SECTIONS.select
_COMMENT_COLUMNS = values.COMMENTS.select
# The status in force: the one the last edit carrying a status on this laptop's chain has
# (open if none does); `local_heads` points at that edit.
_PARAGRAPH_SQL = (
    "SELECT p.id, p.label, p.section_id, p.position, coalesce(s.status, 'open') "
    "FROM paragraphs p LEFT JOIN local_heads h ON h.paragraph_id = p.id "
    "LEFT JOIN edits s ON s.id = h.status_edit_id"
)
_ORDER = "ORDER BY p.position, p.id"
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
    # This file's origin: the range its new rows' ids come from (None: not known yet, or the
    # file is read-only, so nothing is allocated).
    origin: int | None

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
        rows = self._rows(
            f"SELECT {_STAKEHOLDER_COLUMNS} FROM stakeholders ORDER BY name COLLATE NOCASE, id"
        )
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
        rows = self._rows(f"SELECT {_SECTION_COLUMNS} FROM sections ORDER BY position, id")
        return self._read(_section, rows)

    def paragraphs(self) -> list[Paragraph]:
        rows = self._rows(f"{_PARAGRAPH_SQL} {_ORDER}")
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
        """The paragraph's log as this laptop follows it: the chain to its head."""
        graph, head = self.edit_graph(paragraph_id)
        return edit_graph.chain(graph, head)

    def edit_graph(self, paragraph_id: int) -> tuple[list[Edit], int | None]:
        """Every edit of the paragraph, from every laptop, and this laptop's head among them."""
        rows = self._rows(
            f"SELECT {_EDIT_COLUMNS} FROM edits WHERE paragraph_id = ? ORDER BY seq, id",
            [paragraph_id],
        )
        head = self._rows("SELECT edit_id FROM local_heads WHERE paragraph_id = ?", [paragraph_id])
        return self._read(_edit, rows), (head[0][0] if head else None)

    def forked_paragraphs(self) -> set[int]:
        """Paragraphs whose edits have more than one head (a colleague's version beside
        this laptop's: `edit_graph.forks` says which bring anything new)."""
        rows = self._rows(
            "SELECT e.paragraph_id FROM edits e WHERE NOT EXISTS "
            "(SELECT 1 FROM edits c WHERE c.parent_id = e.id) AND NOT EXISTS "
            "(SELECT 1 FROM edits m WHERE m.merged_id = e.id) "
            "GROUP BY e.paragraph_id HAVING count(*) > 1"
        )
        return {int(row[0]) for row in rows}

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
            "SELECT h.paragraph_id, e.text_after, e.id FROM local_heads h "
            "JOIN edits e ON e.id = h.text_edit_id WHERE h.paragraph_id = ?",
            [paragraph_id],
        )
        return self._read(_text_after, rows)[0][1] if rows else ""

    def compromises(self) -> dict[int, str]:
        rows = self._rows(
            "SELECT h.paragraph_id, e.text_after, e.id FROM local_heads h "
            "JOIN edits e ON e.id = h.text_edit_id"
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
        # Shorter than a trigram: a plain scan of every variant is fast enough.
        unindexed = [(-1, (1 << 63) - 1)]
        if len(query) >= 3:
            unindexed = [
                (max(through, low - 1), high)
                for _origin, through, low, high, _latest in self._search_progress()
            ]
            phrase = '"' + query.replace('"', '""') + '"'
            hits.update(
                row[0]
                for row in self._rows(
                    "SELECT DISTINCT v.paragraph_id FROM variants_search s "
                    "JOIN variants v ON v.id = s.rowid WHERE variants_search MATCH ?",
                    [phrase],
                )
            )
        for after, through in unindexed:
            hits.update(
                row[0]
                for row in self._rows(
                    "SELECT DISTINCT paragraph_id FROM variants "
                    "WHERE id > ? AND id <= ? AND instr(casefold(text), ?) > 0",
                    [after, through, query.casefold()],
                )
            )
        return hits

    def update_search_index(self) -> int:
        """Indexes the variants added since the last call, in one transaction; how many.

        Imports leave this out of their transaction (it was half of a large import's time);
        variants never change once written, and ids grow within each origin's range, so one
        watermark an origin says what is indexed.
        """
        behind = [p for p in self._search_progress() if p[4] > max(p[1], p[2] - 1)]
        if not behind:
            return 0
        count = 0
        with self.transaction():
            for origin, through, low, _high, latest in behind:
                cursor = self._conn.execute(
                    "INSERT INTO variants_search (rowid, text) "
                    "SELECT id, text FROM variants WHERE id > ? AND id <= ?",
                    [max(through, low - 1), latest],
                )
                count += int(cursor.rowcount)
                self._conn.execute(
                    "INSERT INTO search_indexed (origin, through) VALUES (?, ?) "
                    "ON CONFLICT(origin) DO UPDATE SET through = excluded.through",
                    [origin, latest],
                )
        return count

    def _search_progress(self) -> list[tuple[int, int, int, int, int]]:
        """(origin, indexed through, first id, last id, latest id) for every known origin."""
        rows = self._rows(
            "SELECT o.origin, coalesce(s.through, 0) FROM sync_origins o "
            "LEFT JOIN search_indexed s ON s.origin = o.origin"
        )
        progress = []
        for origin, through in rows:
            if type(origin) is not int or type(through) is not int:
                continue  # a damaged local table: `check` says so; search scans instead
            low, high = ids.id_range(origin)
            latest = self._rows(
                "SELECT coalesce(max(id), 0) FROM variants WHERE id >= ? AND id <= ?", [low, high]
            )[0][0]
            progress.append((origin, through, low, high, int(latest)))
        return progress

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
        # Its id comes from its name, so a laptop adding the same name adds the same row.
        stakeholder_id = ids.stakeholder_id(name)
        same_id = self._rows(
            f"SELECT {_STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ?", [stakeholder_id]
        )
        if same_id:
            found = self._read(_stakeholder, same_id)[0]
            if ids.name_key(found.name) == ids.name_key(name):
                return found  # the same name in other letters (non-ASCII case)
            raise WorkbenchError(
                self.path, f"stakeholders {found.name!r} and {name!r} cannot both be named here"
            )
        with self.transaction():
            self._conn.execute(
                "INSERT INTO stakeholders (id, name, kind) VALUES (?, ?, ?)",
                [stakeholder_id, name, kind.value],
            )
        return Stakeholder(stakeholder_id, name, StakeholderKind(kind))

    def add_section(self, number: str, title: str, parent_id: int | None = None) -> Section:
        with self.transaction():
            section_id = self._next_id("sections")
            position = self._key_after_last("sections")
            self._conn.execute(
                "INSERT INTO sections (id, number, title, parent_id, position) "
                "VALUES (?, ?, ?, ?, ?)",
                [section_id, number, title, parent_id, position],
            )
        return Section(section_id, number, title, parent_id, position)

    def add_paragraph(
        self, label: str, section_id: int | None, *, after_paragraph_id: int | None = None
    ) -> Paragraph:
        with self.transaction():
            paragraph_id = self._next_id("paragraphs")
            if after_paragraph_id is None:
                position = self._key_after_last("paragraphs")
            else:
                # Between the paragraph and the next key after it: no other row changes, and a
                # key drawn at random in that gap keeps laptops inserting there offline apart.
                low = self.paragraph(after_paragraph_id).position
                following = self._rows(
                    "SELECT position FROM paragraphs WHERE position > ? ORDER BY position LIMIT 1",
                    [low],
                )
                position = order_keys.scattered(low, following[0][0] if following else None)
            self._conn.execute(
                "INSERT INTO paragraphs (id, label, section_id, position, status) "
                "VALUES (?, ?, ?, ?, ?)",
                [paragraph_id, label, section_id, position, Status.OPEN.value],
            )
            self._new_paragraphs.add(paragraph_id)
        return Paragraph(paragraph_id, label, section_id, position, Status.OPEN)

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
        return self.append_edits([new_edit])[0]

    # -- bulk writes, for imports: the same rows as the methods above, in few statements --

    def add_paragraphs(self, rows: Sequence[tuple[str, int | None]]) -> list[Paragraph]:
        """Appends paragraphs, given as (label, section id), after the last one, in order."""
        with self.transaction():
            first_id = self._next_id("paragraphs")
            last = self._rows("SELECT position FROM paragraphs ORDER BY position DESC LIMIT 1")
            keys = order_keys.after(last[0][0] if last else None, len(rows))
            paragraphs = [
                Paragraph(first_id + index, label, section_id, key, Status.OPEN)
                for index, ((label, section_id), key) in enumerate(zip(rows, keys, strict=True))
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
        """Appends edits to their paragraphs' logs, in order (what `append_edit` does, in bulk).

        Each follows this laptop's head of its paragraph (a MERGE also names the colleague's
        head it takes in) and becomes the head; `local_heads` moves in the same transaction.
        """
        if not new_edits:
            return []
        edits = []
        with self.transaction():
            heads = self._heads({new.paragraph_id for new in new_edits})
            merged = self._seqs({new.merged_id for new in new_edits if new.merged_id is not None})
            first_id = self._next_id("edits")
            origin = self._writing_origin()
            now = utc_now()
            for index, new in enumerate(new_edits):
                head = heads.get(new.paragraph_id)
                parent_id, parent_seq = (head.edit_id, head.seq) if head else (None, 0)
                seq = max(parent_seq, merged.get(new.merged_id or 0, 0)) + 1
                edit = _edit_from(new, first_id + index, seq, new.at or now)
                edit = dataclasses.replace(edit, origin=origin, parent_id=parent_id)
                edits.append(edit)
                heads[new.paragraph_id] = _Head(
                    edit.id,
                    seq,
                    edit.id if edit.kind in TEXT_CHANGING_KINDS else (head and head.text_edit_id),
                    edit.id if edit.status is not None else (head and head.status_edit_id),
                )
            self._conn.executemany(
                f"INSERT INTO edits ({_EDIT_COLUMNS}) VALUES ({', '.join('?' * 19)})",
                [_edit_row(e) for e in edits],
            )
            self._set_heads({e.paragraph_id: heads[e.paragraph_id] for e in edits})
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

    def _heads(self, paragraph_ids: set[int]) -> dict[int, _Head]:
        """This laptop's head of each paragraph (with its seq, and its text and status edits)."""
        rows = self._rows(
            "SELECT h.paragraph_id, h.edit_id, e.seq, h.text_edit_id, h.status_edit_id "
            "FROM local_heads h JOIN edits e ON e.id = h.edit_id "
            "WHERE h.paragraph_id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(paragraph_ids))],
        )
        return {int(row[0]): _Head(*row[1:]) for row in rows}

    def _seqs(self, edit_ids: set[int]) -> dict[int, int]:
        if not edit_ids:
            return {}
        rows = self._rows(
            "SELECT id, seq FROM edits WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(edit_ids))],
        )
        return {int(row[0]): int(row[1]) for row in rows}

    def _set_heads(self, heads: dict[int, _Head]) -> None:
        self._conn.executemany(
            "INSERT INTO local_heads (paragraph_id, edit_id, text_edit_id, status_edit_id) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(paragraph_id) DO UPDATE SET "
            "edit_id = excluded.edit_id, text_edit_id = excluded.text_edit_id, "
            "status_edit_id = excluded.status_edit_id",
            [(pid, h.edit_id, h.text_edit_id, h.status_edit_id) for pid, h in heads.items()],
        )

    def move_heads(self, paragraph_ids: set[int]) -> None:
        """After a colleague's edits came in: each paragraph's head follows what was built on
        it (`edit_graph.next_head`), and its text and status edits are found again."""
        if not paragraph_ids:
            return
        wanted = json.dumps(sorted(paragraph_ids))
        graphs: dict[int, list[Edit]] = {}
        rows = self._rows(
            f"SELECT {_EDIT_COLUMNS} FROM edits "
            "WHERE paragraph_id IN (SELECT value FROM json_each(?)) ORDER BY seq, id",
            [wanted],
        )
        for edit in self._read(_edit, rows):
            graphs.setdefault(edit.paragraph_id, []).append(edit)
        heads = {
            int(row[0]): int(row[1])
            for row in self._rows(
                "SELECT paragraph_id, edit_id FROM local_heads "
                "WHERE paragraph_id IN (SELECT value FROM json_each(?))",
                [wanted],
            )
        }
        chosen: dict[int, _Head] = {}
        for paragraph_id, graph in graphs.items():
            head = edit_graph.next_head(graph, heads.get(paragraph_id))
            if head is None:
                continue
            walked = edit_graph.chain(graph, head.id)
            text_edit = next((e for e in reversed(walked) if e.kind in TEXT_CHANGING_KINDS), None)
            status_edit = next((e for e in reversed(walked) if e.status is not None), None)
            chosen[paragraph_id] = _Head(
                head.id,
                head.seq,
                text_edit.id if text_edit else None,
                status_edit.id if status_edit else None,
            )
        with self.transaction():
            self._set_heads(chosen)

    def _writing_origin(self) -> int:
        if self.origin is None:
            raise WorkbenchError(self.path, "has no origin to write under (opened read-only?)")
        # Another connection to this file (a worker restoring a snapshot) may have given it a
        # new origin since: the file says which is current.
        current = self._rows("SELECT value FROM meta WHERE key = 'origin'")
        if current and str(current[0][0]).isdigit() and int(current[0][0]) != self.origin:
            self.origin = int(current[0][0])
        return self.origin

    def _next_id(self, table: str) -> int:
        """The next id of this file's origin's range: bulk writes set ids themselves."""
        low, high = ids.id_range(self._writing_origin())
        latest = self._rows(f"SELECT max(id) FROM {table} WHERE id >= ? AND id <= ?", [low, high])[
            0
        ][0]
        following = low if latest is None else int(latest) + 1
        if following > high:
            raise WorkbenchError(self.path, f"has no ids left for {table} in its range")
        return following

    def _key_after_last(self, table: str) -> str:
        last = self._rows(f"SELECT position FROM {table} ORDER BY position DESC LIMIT 1")
        return order_keys.between(last[0][0] if last else None, None)


class _Head(NamedTuple):
    edit_id: int
    seq: int
    text_edit_id: int | None
    status_edit_id: int | None


def _edit_row(e: Edit) -> tuple[Any, ...]:
    return (
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
        e.origin,
        e.parent_id,
        e.merged_id,
    )


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
        merged_id=new_edit.merged_id,
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
