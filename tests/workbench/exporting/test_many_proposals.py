"""Many proposals on one text: a column each would be a finger's width, so each paragraph's
texts are rows (draft, each proposal made on it, compromise), as in a compilation."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import W, document_xml, pandoc_table, table_cells

from workbench import editing, storage
from workbench.exporting import ExportOptions, export_file
from workbench.exporting.rows import MAX_PROPOSAL_COLUMNS
from workbench.model import Role, StakeholderKind

DRAFT = "States shall cooperate on the security of networks."
PROPOSALS = {
    "Brazil": "States shall cooperate closely on the security of networks.",
    "EU": "States shall cooperate actively on the security of networks.",
    "G77 and China": "States shall cooperate on the security and stability of networks.",
    "Norway": "States shall cooperate on the security of networks and services.",
    "Russian Federation": "States shall cooperate on the security of national networks.",
}
OTHER = "States shall share information on threats."


def _negotiation(path: Path) -> Path:
    """Paragraph 1 with five proposals (one accepted), paragraph 2 with Norway's alone."""
    with storage.WorkbenchFile.create(path) as wb:
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        ids = {name: wb.add_stakeholder(name, StakeholderKind.GOVERNMENT).id for name in PROPOSALS}
        with wb.transaction():
            first = wb.add_paragraph("1", None)
            wb.add_variant(first.id, chair.id, Role.DRAFT, DRAFT)
            for name, text in PROPOSALS.items():
                wb.add_variant(first.id, ids[name], Role.PROPOSAL, text, tag=f"{name[:2].upper()}")
            second = wb.add_paragraph("2", None)
            wb.add_variant(second.id, chair.id, Role.DRAFT, OTHER)
            wb.add_variant(second.id, ids["Norway"], Role.PROPOSAL, OTHER + " Promptly.")
        state = editing.state(wb, first.id)
        closely = next(c for c in state.changes if c.text.strip() == "closely")
        editing.accept(wb, first.id, closely.id, "ana")
    return path


def test_more_proposals_than_columns_are_rows_under_their_paragraph(tmp_path: Path) -> None:
    assert len(PROPOSALS) > MAX_PROPOSAL_COLUMNS
    nwb = _negotiation(tmp_path / "talks.nwb")
    out = tmp_path / "talks.docx"
    with storage.WorkbenchFile.open(nwb) as wb:
        report = export_file(wb, out)
    assert report.proposals_as_rows == len(PROPOSALS)
    assert "the proposals of 5 stakeholders as rows under each paragraph" in report.summary()
    rows = table_cells(out)
    assert rows[0] == ["Paragraph", "Status", "From", "Text"]
    # Paragraph 1: the draft, its five proposals (tag and stakeholder), the compromise.
    assert [row[2] for row in rows[1:8]] == [
        "Draft (Chair)",
        "BR · Brazil proposal",
        "EU · EU proposal",
        "G7 · G77 and China proposal",
        "NO · Norway proposal",
        "RU · Russian Federation proposal",
        "Compromise",
    ]
    assert [row[3] for row in rows[1:7]] == [DRAFT, *PROPOSALS.values()]
    assert rows[7][3] == PROPOSALS["Brazil"]  # the compromise, its tracked change accepted
    assert table_cells(out, accept=False)[7][3] == DRAFT  # ... and rejected
    # Paragraph 2: only the proposal made on it (untagged), no empty rows for the others.
    assert [row[2] for row in rows[8:]] == ["Draft (Chair)", "Norway proposal", "Compromise"]
    # The label and the status are one cell down the paragraph's rows.
    assert [row[0] for row in rows[1:8]] == ["1", "", "", "", "", "", ""]
    assert rows[1][1] == "open"
    body = document_xml(out).find(f"{W}body/{W}tbl")
    assert body is not None
    merges = [
        tc.find(f"{W}tcPr/{W}vMerge")
        for tr in body.findall(f"{W}tr")[1:8]
        for tc in tr.findall(f"{W}tc")[:1]
    ]
    assert merges[0] is not None
    assert merges[0].get(f"{W}val") == "restart"
    assert all(m is not None and m.get(f"{W}val") is None for m in merges[1:])
    # The compromise's change is a Word tracked change, as pandoc reads it too.
    for mode, expected in (("accept", PROPOSALS["Brazil"]), ("reject", DRAFT)):
        compromise = next(
            row for row in pandoc_table(out, mode) if any(cell == ["Compromise"] for cell in row)
        )
        assert " ".join(compromise[-1]) == expected
    section = docx.Document(str(out)).sections[0]
    assert section.page_width > section.page_height  # landscape: the text gets the room


def test_columns_are_the_stakeholders_proposing_on_the_paragraphs_exported(
    tmp_path: Path,
) -> None:
    nwb = _negotiation(tmp_path / "talks.nwb")
    out = tmp_path / "two.docx"
    with storage.WorkbenchFile.open(nwb) as wb:
        report = export_file(wb, out, options=_only("2"))
    assert report.proposals_as_rows == 0
    assert table_cells(out)[0] == [
        "Paragraph",
        "Status",
        "Draft (Chair)",
        "Norway proposal",
        "Compromise",
    ]


def _only(*labels: str) -> ExportOptions:
    return ExportOptions(paragraphs=labels)


REALDOCS = Path(__file__).resolve().parents[3].parent / "shared" / "realdocs"
if not REALDOCS.is_dir():
    REALDOCS = Path("/work/shared/realdocs")
LIBE = REALDOCS / "15_ep_libe_gdpr_amendments_1829-2090_929511XM.docx"


def test_a_committees_amendments_export_as_a_readable_compilation(tmp_path: Path) -> None:
    """262 amendments by 40 groups of members: each amendment a row under the paragraph it
    amends, named by its number and its authors."""
    if not LIBE.exists():
        print(f"skipping the real document: {LIBE} is absent")
        pytest.skip(f"{LIBE} is absent")
    from workbench.importing import import_file

    out = tmp_path / "libe.docx"
    with storage.WorkbenchFile.create(tmp_path / "libe.nwb") as wb:
        import_file(LIBE, wb)
        report = export_file(wb, out, options=_only("Article 28 – paragraph 1"))
    assert report.proposals_as_rows > MAX_PROPOSAL_COLUMNS
    rows = table_cells(out)
    sources = [row[2] for row in rows if len(row) == 4]
    assert "AM 1830 · Sophia in 't Veld proposal" in sources
    assert "AM 1832 · Jens Rohde, Adina-Ioana Vălean proposal" in sources
    assert sources[1] == "Draft (Commission)"
    assert sources[-1] == "Compromise"
    assert len(sources) == 1 + report.proposals_as_rows + 2  # header, draft, each, compromise


def test_the_rows_read_back_as_the_same_negotiation(tmp_path: Path) -> None:
    """Exported with proposals as rows and imported into a new file: the same drafts,
    proposals (with their tags) and compromises, paragraph by paragraph."""
    from workbench.importing import import_file

    nwb = _negotiation(tmp_path / "talks.nwb")
    out = tmp_path / "talks.docx"
    with storage.WorkbenchFile.open(nwb) as wb:
        export_file(wb, out)
        before = _texts(wb)
    with storage.WorkbenchFile.create(tmp_path / "back.nwb") as wb:
        report = import_file(out, wb)
        assert report.kind == "stacked-table"
        assert _texts(wb) == before
    # The compromise's tracked changes are the export's record, not pending proposals, and
    # the report says only that.
    lines = report.summary()
    assert any(
        line.startswith("compromise: a workbench export; 1 tracked change") for line in lines
    )
    assert not any(line.startswith("tracked changes:") for line in lines)


def _texts(wb: storage.WorkbenchFile) -> dict[str, tuple[object, ...]]:
    names = {s.id: s.name for s in wb.stakeholders()}
    compromises = wb.compromises()
    by_paragraph = wb.variants_by_paragraph()
    return {
        p.label: (
            compromises.get(p.id, ""),
            sorted(
                (v.role.value, names[v.stakeholder_id], v.tag, v.text)
                for v in by_paragraph.get(p.id, [])
                if v.role is not Role.COMPROMISE
            ),
        )
        for p in wb.paragraphs()
    }
