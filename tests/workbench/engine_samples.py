"""Sample texts and hand-built edits shared by the diff/merge engine tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from workbench.model import Edit, EditKind, NewEdit, Role, StakeholderKind

# Paragraph 46 of the Tunis Agenda table (shared/seeds/tunis-ig-gender-caucus-table.txt):
# the chair's draft, and the Gender Caucus proposal with its struck words removed.
DRAFT_46 = (
    "We strive to establish a transition to a new cooperation model that helps up implement the"
    " “Geneva principles” regarding the role of governments and all stakeholders. Institutional"
    " arrangements for Internet Governance should be founded on a more solid democratic, "
    "transparent and multilateral basis, with a stronger emphasis on the public policy "
    "interests of all governments, and with clarification of the relationships among the "
    "different actors."
)
GC_46 = (
    "We strive to establish a transition to a new cooperation model that helps us implement the"
    " “Geneva principles” regarding the role of governments and all stakeholders and fulfil "
    "international development agreements. Institutional arrangements for Internet Governance "
    "should be founded on a more solid democratic, transparent and multilateral basis, with a "
    "stronger emphasis on the public policy interests of all governments, and with "
    "clarification of the relationships among the different actors."
)


def edit_record(
    seq: int,
    kind: EditKind,
    text_after: str,
    *,
    start: int = 0,
    end: int = 0,
    inserted: str = "",
    stakeholder_id: int | None = None,
    target: int | None = None,
) -> Edit:
    """An edit as storage would return it (ids 100 + seq), for logs built by hand."""
    return Edit(
        id=100 + seq,
        paragraph_id=1,
        seq=seq,
        kind=kind,
        stakeholder_id=stakeholder_id,
        variant_id=None,
        author="ana",
        at=f"2025-01-01T00:00:0{seq}Z",
        start=start,
        end=end,
        inserted=inserted,
        text_after=text_after,
        target_edit_id=target,
    )


class Sample46(NamedTuple):
    """A workbench file holding paragraph 46 with the chair's draft and the GC proposal."""

    path: Path
    paragraph_id: int
    draft_variant_id: int
    gc_variant_id: int
    chair_id: int
    gc_id: int


def make_file_46(path: Path, *, extra: Sequence[tuple[str, str]] = ()) -> Sample46:
    """Create the file through the storage API, as the importer would (INITIAL = the draft).

    `extra` adds more proposals to paragraph 46 as (stakeholder name, text).
    """
    from workbench.storage import WorkbenchFile

    with WorkbenchFile.create(path) as wb, wb.transaction():
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        gc = wb.add_stakeholder("Gender Caucus", StakeholderKind.CIVIL_SOCIETY)
        section = wb.add_section("3.", "Internet Governance")
        paragraph = wb.add_paragraph("46", section.id)
        draft = wb.add_variant(paragraph.id, chair.id, Role.DRAFT, DRAFT_46)
        proposal = wb.add_variant(paragraph.id, gc.id, Role.PROPOSAL, GC_46)
        for name, text in extra:
            other = wb.add_stakeholder(name, StakeholderKind.GOVERNMENT)
            wb.add_variant(paragraph.id, other.id, Role.PROPOSAL, text)
        wb.append_edit(
            NewEdit(
                paragraph_id=paragraph.id,
                kind=EditKind.INITIAL,
                author="secretariat",
                text_after=DRAFT_46,
                inserted=DRAFT_46,
                stakeholder_id=chair.id,
                variant_id=draft.id,
            )
        )
    return Sample46(path, paragraph.id, draft.id, proposal.id, chair.id, gc.id)
