"""Marked-up copies: each delegation sends back the same draft with its own changes, tracked or
as a manual redline; imported one after the other into one workbench file, they give one
draft and one proposal per delegation, paragraph by paragraph."""

from __future__ import annotations

from pathlib import Path

from docx_builders import run
from tracked_builders import CHAPEAU, dele, ins, mark, numbered, write_tracked_docx

from workbench.importing import author_map, import_file
from workbench.model import EditKind, Role
from workbench.storage import WorkbenchFile

BASE = (
    ("Welcomes the report of the secretariat;",),
    ("Requests the secretariat to report to the next session;",),
    ("Notes the gaps in the data.",),
)


def copy(path: Path, *paragraphs: str) -> Path:
    return write_tracked_docx(path, CHAPEAU + "".join(paragraphs))


def test_three_delegations_copies_give_one_draft_and_their_proposals(tmp_path: Path) -> None:
    eu = copy(
        tmp_path / "draft-eu.docx",
        numbered(
            "Welcomes the ", ins("Maria Rossi", "comprehensive "), "report of the secretariat;"
        ),
        numbered(*BASE[1]),
        numbered(*BASE[2]),
    )
    g77 = copy(  # a manual redline: struck and underlined by hand, no tracked changes
        tmp_path / "draft-g77.docx",
        numbered(*BASE[0]),
        numbered(
            "Requests the secretariat to report ",
            run("to the next session", strike=True),
            " ",
            run("annually", underline=True),
            ";",
        ),
        numbered(*BASE[2]),
    )
    us = copy(
        tmp_path / "draft-us.docx",
        numbered(*BASE[0]),
        numbered(*BASE[1], mark=mark("ins", "John Doe")),
        numbered(ins("John Doe", "Invites Parties to submit views;")),
        numbered("Notes the gaps", dele("John Doe", " in the data"), "."),
    )
    path = tmp_path / "talks.nwb"
    with WorkbenchFile.create(path) as wb:
        first = import_file(eu, wb, authors=author_map(["Maria Rossi=EU"]))
        second = import_file(g77, wb, authors=author_map(["redline=G77"]))
        third = import_file(us, wb, authors=author_map(["John Doe=United States"]))
        names = {s.id: s.name for s in wb.stakeholders()}
        found = {
            p.label: [(names[v.stakeholder_id], v.role, v.text) for v in wb.variants(p.id)]
            for p in wb.paragraphs()
        }
        labels = [p.label for p in wb.paragraphs()]
        # The drafts of the later copies are the first's: matched by label, not added again.
        assert second.written.paragraphs_matched == 5
        assert second.written.paragraphs_added == 0
        assert third.written.paragraphs_added == 1
        assert first.written.tracked_changes == 1
        assert "manual redline" in " ".join(second.found)
        bases = {
            names[v.stakeholder_id]: v.base_id
            for p in wb.paragraphs()
            for v in wb.variants(p.id)
            if v.role is Role.PROPOSAL
        }
        drafts = {v.id for p in wb.paragraphs() for v in wb.variants(p.id) if v.role is Role.DRAFT}
        assert {name: base in drafts for name, base in bases.items()} == {
            "EU": True,
            "G77": True,
            "United States": True,
        }
        new = wb.paragraph_by_label("2 (new)")
        assert new is not None
        assert [e.kind for e in wb.edits(new.id)] == [EditKind.INITIAL]
        assert wb.compromise(new.id) == ""  # nothing accepted: a new paragraph starts empty
    assert labels == ["Chapeau", "PP1", "1", "2", "2 (new)", "3"]
    assert found["1"] == [
        ("Chair", Role.DRAFT, BASE[0][0]),
        ("EU", Role.PROPOSAL, "Welcomes the comprehensive report of the secretariat;"),
    ]
    assert found["2"] == [
        ("Chair", Role.DRAFT, BASE[1][0]),
        ("G77", Role.PROPOSAL, "Requests the secretariat to report annually;"),
    ]
    assert found["2 (new)"] == [
        ("United States", Role.PROPOSAL, "Invites Parties to submit views;")
    ]
    assert found["3"] == [
        ("Chair", Role.DRAFT, BASE[2][0]),
        ("United States", Role.PROPOSAL, "Notes the gaps."),
    ]
