"""Importing into a real workbench file: the sample, revisions, tracked changes, cancel."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from docx_builders import cell, para, run, table, text_table, write_docx

from workbench.importing import ImportCancelled, import_file
from workbench.model import EditKind, NewEdit, Role, StakeholderKind
from workbench.storage import WorkbenchFile

SAMPLE = (
    Path(__file__).resolve().parents[3] / "resources" / "samples" / "tunis-ig-gender-caucus.docx"
)


@pytest.fixture
def wb(tmp_path: Path):
    with WorkbenchFile.create(tmp_path / "text.nwb") as workbench:
        yield workbench


def by_label(wb: WorkbenchFile) -> dict[str, int]:
    return {p.label: p.id for p in wb.paragraphs()}


def texts(wb: WorkbenchFile, paragraph_id: int) -> dict[tuple[str, Role], str]:
    names = {s.id: s.name for s in wb.stakeholders()}
    return {(names[v.stakeholder_id], v.role): v.text for v in wb.variants(paragraph_id)}


def snapshot(wb: WorkbenchFile) -> tuple[object, ...]:
    paragraphs = wb.paragraphs()
    return (
        paragraphs,
        wb.sections(),
        wb.stakeholders(),
        {p.id: wb.variants(p.id) for p in paragraphs},
        {p.id: wb.edits(p.id) for p in paragraphs},
    )


def test_sample_imports_sections_paragraphs_and_compromises(wb: WorkbenchFile) -> None:
    report = import_file(SAMPLE, wb)
    assert (report.sections, report.paragraphs) == (7, 26)
    sections = wb.sections()
    assert [s.number for s in sections] == ["1.", "2.", "3.", "3a)", "3b)", "4.", "5."]
    ids = {s.number: s.id for s in sections}
    parents = {s.number: s.parent_id for s in sections}
    assert parents["3a)"] == ids["3."]
    assert parents["3b)"] == ids["3."]
    assert parents["4."] is None
    labels = [p.label for p in wb.paragraphs()]
    assert labels[:7] == ["39", "40", "41", "42", "43", "New43bis", "44"]
    assert "New 56bis" in labels
    assert len(labels) == 26
    paragraphs = by_label(wb)
    assert set(texts(wb, paragraphs["40"])) == {("Chair", Role.DRAFT)}
    proposal_45 = texts(wb, paragraphs["45"])[("GC", Role.PROPOSAL)]
    assert "has been handled and wish to continue the priority" in proposal_45
    compromise_39 = texts(wb, paragraphs["39"])[("Chair", Role.COMPROMISE)]
    (initial,) = wb.edits(paragraphs["39"])
    assert initial.kind is EditKind.INITIAL
    assert initial.text_after == compromise_39
    assert wb.compromise(paragraphs["40"]) == texts(wb, paragraphs["40"])[("Chair", Role.DRAFT)]
    assert wb.compromise(paragraphs["New43bis"]) == ""
    gc = wb.stakeholder_by_name("GC")
    assert gc is not None
    assert gc.kind is StakeholderKind.CIVIL_SOCIETY
    section_of_45 = wb.paragraph(paragraphs["45"]).section_id
    assert section_of_45 == ids["3a)"]


def test_marks_are_stored_with_the_proposal(wb: WorkbenchFile) -> None:
    import_file(SAMPLE, wb)
    (proposal,) = [v for v in wb.variants(by_label(wb)["45"]) if v.role is Role.PROPOSAL]
    assert [m.text for m in proposal.marks] == ["acknowledge", "wish to continue"]
    assert proposal.source == SAMPLE.name


def test_importing_the_same_file_twice_changes_nothing(wb: WorkbenchFile) -> None:
    import_file(SAMPLE, wb)
    before = snapshot(wb)
    report = import_file(SAMPLE, wb)
    assert report.written.paragraphs_added == 0
    assert report.written.variants_added == 0
    assert report.written.paragraphs_matched == 26
    assert snapshot(wb) == before


def original(tmp_path: Path) -> Path:
    return write_docx(
        tmp_path / "original.docx",
        text_table(
            ["1. Opening", "GC Proposed Text"],
            ["10.\nTen.", "10.\nTen, amended."],
            ["11.\nEleven.", ""],
            ["12.\nTwelve.", ""],
        ),
    )


def revision(tmp_path: Path) -> Path:
    return write_docx(
        tmp_path / "rev1.docx",
        text_table(
            ["1. Opening", "GC Proposed Text"],
            ["10.\nTen.", "10.\nTen, amended."],
            ["11.\nEleven, revised.", "Eleven, GC."],
            ["", "11 bis.\nA new one."],
            ["12.\nTwelve.", ""],
            ["2. Closing", ""],
            ["13.\nThirteen.", ""],
        ),
    )


def test_revision_adds_new_texts_and_paragraphs_in_place(wb: WorkbenchFile, tmp_path: Path) -> None:
    import_file(original(tmp_path), wb)
    eleven = by_label(wb)["11"]
    wb.append_edit(
        NewEdit(paragraph_id=eleven, kind=EditKind.TYPED, author="me", text_after="Eleven, agreed.")
    )
    edits_before = {p.id: wb.edits(p.id) for p in wb.paragraphs()}
    report = import_file(revision(tmp_path), wb)
    assert [p.label for p in wb.paragraphs()] == ["10", "11", "11 bis", "12", "13"]
    assert [s.number for s in wb.sections()] == ["1.", "2."]
    assert report.written.paragraphs_added == 2
    assert report.written.paragraphs_matched == 3
    # Existing paragraphs keep their log, the compromise built by hand included.
    for paragraph_id, edits in edits_before.items():
        assert wb.edits(paragraph_id) == edits
    assert wb.compromise(eleven) == "Eleven, agreed."
    drafts = [v.text for v in wb.variants(eleven) if v.role is Role.DRAFT]
    assert drafts == ["Eleven.", "Eleven, revised."]
    # Paragraph 10's proposal did not change: no second copy.
    assert len([v for v in wb.variants(by_label(wb)["10"]) if v.role is Role.PROPOSAL]) == 1
    new = by_label(wb)["11 bis"]
    assert [e.kind for e in wb.edits(new)] == [EditKind.INITIAL]


def test_labels_match_across_spellings(wb: WorkbenchFile, tmp_path: Path) -> None:
    first = write_docx(tmp_path / "a.docx", text_table(["Draft", "Proposal"], ["43bis\nX.", ""]))
    second = write_docx(
        tmp_path / "b.docx", text_table(["Draft", "Proposal"], ["43 BIS.\nX.", "Y."])
    )
    import_file(first, wb)
    import_file(second, wb)
    assert [p.label for p in wb.paragraphs()] == ["43bis"]


def test_tracked_changes_become_pending_proposals(wb: WorkbenchFile, tmp_path: Path) -> None:
    inserted = '<w:ins w:id="1" w:author="Ana" w:date="2024-03-01T10:00:00Z">{}</w:ins>'.format(
        run("fully ")
    )
    deleted = (
        '<w:del w:id="2" w:author="Bo" w:date="2024-03-02T11:00:00Z">'
        "<w:r><w:delText>never </w:delText></w:r></w:del>"
    )
    source = write_docx(
        tmp_path / "t.docx",
        table(
            [cell("Text"), cell("GC Proposed Text"), cell("Compromise")],
            [cell("5.\nWe agree."), cell(para("We ", inserted, deleted, "agree.")), cell("We do.")],
        ),
    )
    report = import_file(source, wb)
    assert report.written.tracked_changes == 2
    five = by_label(wb)["5"]
    names = {s.id: s.name for s in wb.stakeholders()}
    variants = wb.variants(five)
    assert len(variants) == 5  # draft, compromise, GC's text, Ana's and Bo's proposals
    by_name = {(names[v.stakeholder_id], v.role): v for v in variants}
    gc = by_name[("GC", Role.PROPOSAL)]
    # GC's column as it was before Ana and Bo touched it; each one's change amends it.
    assert gc.text == "We never agree."
    assert by_name[("Ana", Role.PROPOSAL)].text == "We fully never agree."
    assert by_name[("Ana", Role.PROPOSAL)].base_id == gc.id
    assert by_name[("Bo", Role.PROPOSAL)].text == "We agree."
    assert by_name[("Bo", Role.PROPOSAL)].base_id == gc.id
    assert "2024-03-02 11:00" in by_name[("Bo", Role.PROPOSAL)].note
    # Nothing accepted: the log only starts the compromise.
    assert [e.kind for e in wb.edits(five)] == [EditKind.INITIAL]
    assert wb.compromise(five) == "We do."
    before = snapshot(wb)
    import_file(source, wb)
    assert snapshot(wb) == before


def test_statement_into_a_file(wb: WorkbenchFile) -> None:
    seed = Path("/work/shared/seeds/caucus-statement-wgig.txt")
    if not seed.exists():
        seed = SAMPLE.with_name("caucus-statement-wgig.txt")
    report = import_file(seed, wb, stakeholder="Gender Caucus")
    assert [p.label for p in wb.paragraphs()] == ["1", "2", "3", "4", "5"]
    assert report.stakeholders == ("Gender Caucus",)
    first = wb.paragraphs()[0].id
    assert wb.compromise(first).startswith("We commend")


def cancel_after(calls: int) -> Callable[[], bool]:
    """A `cancelled` callable that answers yes from its `calls`-th question on."""
    asked = itertools.count()
    return lambda: next(asked) >= calls


def test_cancel_leaves_the_file_as_it_was(wb: WorkbenchFile, tmp_path: Path) -> None:
    import_file(original(tmp_path), wb)
    before = snapshot(wb)
    for stop_after in (1, 6, 40):
        with pytest.raises(ImportCancelled):
            import_file(SAMPLE, wb, cancelled=cancel_after(stop_after))
        assert snapshot(wb) == before


def test_progress_reaches_its_total(wb: WorkbenchFile) -> None:
    seen: list[tuple[int, int]] = []
    import_file(SAMPLE, wb, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) > 26
    assert seen[-1][0] == seen[-1][1]
    dones = [done for done, _ in seen]
    assert dones == sorted(dones)


def test_revision_matches_moved_labels_by_text(wb: WorkbenchFile, tmp_path: Path) -> None:
    """Rev.1 inserts a paragraph: the old 2 is now 3; it is matched by its text, not its label."""
    first = tmp_path / "draft.txt"
    first.write_text(
        "The Conference of the Parties,\nI. Scope\n1. Decides one thing;\n"
        "2. Requests the secretariat to report on the matters above;\n",
        encoding="utf-8",
    )
    rev = tmp_path / "draft-rev1.txt"
    rev.write_text(
        "The Conference of the Parties,\nI. Scope\n1. Decides one thing;\n"
        "2. Invites Parties to submit views;\n"
        "3. Requests the secretariat to report on the matters above;\n",
        encoding="utf-8",
    )
    import_file(first, wb)
    before = by_label(wb)
    report = import_file(rev, wb)
    after = by_label(wb)
    assert report.written.paragraphs_matched_by_text == 1
    assert report.written.moved == (("3", "2"),)
    # The old paragraph 2 keeps its label and history; Rev.1's new 2 is a paragraph of its own.
    assert after["2"] == before["2"]
    assert set(after) == {*before, "2 (new)"}
    assert texts(wb, after["2 (new)"]) == {
        ("Chair", Role.DRAFT): "Invites Parties to submit views;"
    }
    assert any("matched by text" in line for line in report.summary())


def test_duplicate_labels_become_distinct_paragraphs(wb: WorkbenchFile, tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "dup.docx",
        text_table(["Para", "Draft"], ["12", "Twelve."], ["12", "Another twelve."]),
    )
    report = import_file(source, wb)
    assert [p.label for p in wb.paragraphs()] == ["12", "12 (2)"]
    assert report.warnings
    assert texts(wb, by_label(wb)["12 (2)"]) == {("Chair", Role.DRAFT): "Another twelve."}


def test_body_text_sections_reimport_into_the_same_sections(
    wb: WorkbenchFile, tmp_path: Path
) -> None:
    source = tmp_path / "options.txt"
    source.write_text(
        "The Conference of the Parties,\nRecalling its decisions,\nI. Scope\nOption 1\n"
        "1. Decides one;\nOption 2\n2. Decides two;\nII. Other\nOption 1\n3. Decides three;\n",
        encoding="utf-8",
    )
    report = import_file(source, wb)
    assert report.written.sections_added == 5
    titles = [(s.number, s.title) for s in wb.sections()]
    assert titles.count(("Option 1", "")) == 2
    again = import_file(source, wb)
    assert again.written.sections_added == 0
    assert again.written.paragraphs_added == 0
