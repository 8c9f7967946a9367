"""Variants: each paragraph's texts (drafts, proposals, compromises), written once, never changed.

A proposal added without a base amends its paragraph's latest draft (a paragraph with no draft
has proposals for a new paragraph, with no base).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import NamedTuple

from workbench.model import Mark, Role, Variant
from workbench.storage import values
from workbench.storage.record_access import RecordAccess
from workbench.storage.record_rows import marks_json, read_paragraph_and_number, read_variant

VARIANT_COLUMNS = values.VARIANTS.select


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


class VariantRecords(RecordAccess):
    """Reads and writes of the variants table."""

    def variants(self, paragraph_id: int) -> list[Variant]:
        rows = self._rows(
            f"SELECT {VARIANT_COLUMNS} FROM variants WHERE paragraph_id = ? ORDER BY id",
            [paragraph_id],
        )
        return self._read(read_variant, rows)

    def variants_by_paragraph(self) -> dict[int, list[Variant]]:
        grouped: dict[int, list[Variant]] = {}
        rows = self._rows(f"SELECT {VARIANT_COLUMNS} FROM variants ORDER BY paragraph_id, id")
        for variant in self._read(read_variant, rows):
            grouped.setdefault(variant.paragraph_id, []).append(variant)
        return grouped

    def variant_texts(self) -> dict[int, list[str]]:
        """Every variant's text by paragraph, in order (none of the marks a variant carries:
        a search over the whole file reads them in a third of the time)."""
        grouped: dict[int, list[str]] = {}
        rows = self._rows(
            f"SELECT {values.VARIANT_TEXTS.select} FROM variants ORDER BY paragraph_id, id"
        )
        for _id, paragraph_id, text in self._read(values.VARIANT_TEXTS.read, rows):
            grouped.setdefault(paragraph_id, []).append(text)
        return grouped

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
                        marks_json(variant.marks),
                        variant.source,
                        variant.base_id,
                        variant.note,
                        variant.tag,
                    )
                )
            self._conn.executemany(
                f"INSERT INTO variants ({VARIANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        return dict(self._read(read_paragraph_and_number, rows))
