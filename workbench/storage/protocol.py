"""What the domain uses of a workbench file, declared: the one door editing, history, import,
export, snapshots and checks go through.

`WorkbenchFile` (SQLite) is the implementation; domain modules are written against these
Protocols, so they say exactly which reads and writes they need and never reach for SQL.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from workbench.model import (
    Comment,
    Edit,
    Mark,
    NewComment,
    NewEdit,
    Paragraph,
    Role,
    Section,
    Stakeholder,
    StakeholderKind,
    Variant,
)

if TYPE_CHECKING:
    from workbench.storage.integrity import CommentRow, EditRow
    from workbench.storage.variant_records import NewVariant


class SnapshotSource(Protocol):
    """A file that can be copied whole and replaced whole: what snapshots need."""

    path: Path
    read_only_reason: str | None

    @property
    def read_only(self) -> bool: ...

    def backup_to(self, dest_path: str | Path) -> None: ...

    def restore_from(self, source_path: str | Path) -> None: ...


class WorkbenchStore(SnapshotSource, Protocol):
    """The records of one negotiation, read and written one transaction at a time."""

    def transaction(self) -> contextlib.AbstractContextManager[None]: ...

    # reads
    def get_meta(self, key: str) -> str | None: ...

    def stakeholders(self) -> list[Stakeholder]: ...

    def stakeholder(self, stakeholder_id: int) -> Stakeholder: ...

    def stakeholder_by_name(self, name: str) -> Stakeholder | None: ...

    def sections(self) -> list[Section]: ...

    def paragraphs(self) -> list[Paragraph]: ...

    def paragraph(self, paragraph_id: int) -> Paragraph: ...

    def paragraph_by_label(self, label: str) -> Paragraph | None: ...

    def variants(self, paragraph_id: int) -> list[Variant]: ...

    def variants_by_paragraph(self) -> dict[int, list[Variant]]: ...

    def variant_texts(self) -> dict[int, list[str]]: ...

    def edits(self, paragraph_id: int) -> list[Edit]: ...

    def edit_graph(self, paragraph_id: int) -> tuple[list[Edit], int | None]: ...

    def forked_paragraphs(self) -> set[int]: ...

    def edit_counts(self) -> dict[int, int]: ...

    def comments(self, paragraph_id: int) -> list[Comment]: ...

    def comments_by_paragraph(self) -> dict[int, list[Comment]]: ...

    def compromise(self, paragraph_id: int) -> str: ...

    def compromises(self) -> dict[int, str]: ...

    def search(self, query: str) -> set[int]: ...

    def update_search_index(self) -> int: ...

    # writes, each one transaction (or part of the caller's)
    def set_meta(self, key: str, value: str) -> None: ...

    def add_stakeholder(
        self, name: str, kind: StakeholderKind = StakeholderKind.GOVERNMENT
    ) -> Stakeholder: ...

    def add_section(self, number: str, title: str, parent_id: int | None = None) -> Section: ...

    def add_paragraph(
        self, label: str, section_id: int | None, *, after_paragraph_id: int | None = None
    ) -> Paragraph: ...

    def add_paragraphs(self, rows: Sequence[tuple[str, int | None]]) -> list[Paragraph]: ...

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
    ) -> Variant: ...

    def add_variants(self, new_variants: Sequence[NewVariant]) -> list[Variant]: ...

    def append_edit(self, new_edit: NewEdit) -> Edit: ...

    def append_edits(self, new_edits: Sequence[NewEdit]) -> list[Edit]: ...

    def add_comments(self, new_comments: Sequence[NewComment]) -> list[Comment]: ...

    # integrity, read as stored (for `workbench check`)
    def integrity_problems(self) -> list[str]: ...

    def raw_edit_rows(self) -> list[EditRow]: ...

    def raw_comment_rows(self) -> list[CommentRow]: ...

    def paragraph_labels(self) -> dict[int, str]: ...
