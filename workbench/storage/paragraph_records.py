"""Sections and paragraphs: the text's outline, in an order no insertion ever rewrites.

Paragraphs and sections are ordered by keys that never need rewriting (`order_keys`). A
paragraph's status is the one its log has in force (its last edit carrying a status), never a
column updated in place; every paragraph created gets its INITIAL edit as its transaction
commits (`edit_log`).
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench import order_keys
from workbench.errors import WorkbenchError
from workbench.model import Paragraph, Section, Status
from workbench.storage import values
from workbench.storage.record_access import RecordAccess
from workbench.storage.record_rows import read_paragraph, read_section

_SECTION_COLUMNS = values.SECTIONS.select
# The status in force: the one the last edit carrying a status on this laptop's chain has
# (open if none does); `local_heads` points at that edit.
_PARAGRAPH_SQL = (
    "SELECT p.id, p.label, p.section_id, p.position, coalesce(s.status, 'open') "
    "FROM paragraphs p LEFT JOIN local_heads h ON h.paragraph_id = p.id "
    "LEFT JOIN edits s ON s.id = h.status_edit_id"
)
_ORDER = "ORDER BY p.position, p.id"


def normalise_label(label: str) -> str:
    """The key two spellings of one label share: "43 bis" ~ "43bis", "39." ~ "39"."""
    return "".join(label.lower().split()).rstrip(".")


class ParagraphRecords(RecordAccess):
    """Reads and writes of the sections and paragraphs tables."""

    def sections(self) -> list[Section]:
        rows = self._rows(f"SELECT {_SECTION_COLUMNS} FROM sections ORDER BY position, id")
        return self._read(read_section, rows)

    def paragraphs(self) -> list[Paragraph]:
        rows = self._rows(f"{_PARAGRAPH_SQL} {_ORDER}")
        return self._read(read_paragraph, rows)

    def paragraph(self, paragraph_id: int) -> Paragraph:
        rows = self._rows(f"{_PARAGRAPH_SQL} WHERE p.id = ?", [paragraph_id])
        if not rows:
            raise WorkbenchError(self.path, f"has no paragraph {paragraph_id}")
        return self._read(read_paragraph, rows)[0]

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

    def add_paragraphs(self, rows: Sequence[tuple[str, int | None]]) -> list[Paragraph]:
        """Appends paragraphs, given as (label, section id), after the last one, in order (what
        `add_paragraph` does, in bulk, for imports)."""
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
